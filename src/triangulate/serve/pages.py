"""The dossier page at /: server-rendered, autoescaped templates and small plain scripts."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Add the page's routes and its static files to the app."""
