"""evaluate: accuracy harnesses over the shared human-annotated data."""
