"""report: the stored record written out, read only: dossier JSON, Markdown, ACLED-style CSV."""
