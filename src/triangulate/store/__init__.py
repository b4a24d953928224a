"""store: where analyzed documents and linked stories live. SQLite by default."""

from __future__ import annotations

from pathlib import Path

from triangulate.store.errors import StoreCode, StoreError
from triangulate.store.sqlite import FetchState, SQLiteStore

__all__ = ["FetchState", "SQLiteStore", "StoreCode", "StoreError", "open_store"]


def open_store(location: str | Path) -> SQLiteStore:
    """Open (creating and migrating as needed) the store at a path; `:memory:` for a throwaway one."""
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        raise StoreError(StoreCode.BACKEND_UNAVAILABLE, "the PostgreSQL store is not available yet")
    return SQLiteStore(text if text == ":memory:" else Path(text))
