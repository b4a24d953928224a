"""The workbench application: one FastAPI app holding the API (`serve.api`) and the page (`serve.pages`)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from triangulate.serve import api, pages
from triangulate.version import __version__


def create_app(db_path: str | Path) -> FastAPI:
    """The app over the store at `db_path`."""
    app = FastAPI(title="triangulate", version=__version__)
    app.state.db_path = Path(db_path)
    app.include_router(api.router, prefix="/api")
    pages.install(app)
    return app
