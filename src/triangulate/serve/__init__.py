"""serve: the analyst's workbench over HTTP, the JSON API under /api and the dossier page at /."""
