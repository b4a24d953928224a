"""store: where analyzed documents and linked stories live. SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from triangulate.store.errors import StoreCode, StoreError
from triangulate.store.sqlite import FetchState, SQLiteStore

if TYPE_CHECKING:
    from triangulate.store.postgres import PostgresStore

    Store: TypeAlias = SQLiteStore | PostgresStore
else:  # psycopg takes 0.3 s to import: it loads with the first URL opened, and annotations need no more
    Store = SQLiteStore

__all__ = [
    "FetchState", "SQLiteStore", "Store", "StoreCode", "StoreError", "is_url", "location", "open_store", "shown",
]

_URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(location: str | Path) -> bool:
    """Whether `--db` names a PostgreSQL database (a URL) rather than a SQLite file."""
    return str(location).startswith(_URL_SCHEMES)


def location(db: str | Path) -> str | Path:
    """What `--db` names, kept as given: a URL stays a string (a Path would fold its `//`), a file becomes a Path."""
    return str(db) if is_url(db) or str(db) == ":memory:" else Path(db)


def shown(db: str | Path) -> str:
    """`--db` as it may be printed: a URL without its password."""
    if not is_url(db):
        return str(db)
    from triangulate.store.postgres import safe_location

    return safe_location(str(db))


def open_store(location: str | Path) -> Store:
    """Open (creating and migrating as needed) the store at a path or a `postgresql://` URL;
    `:memory:` for a throwaway one."""
    text = str(location)
    if is_url(text):
        try:
            from triangulate.store.postgres import PostgresStore
        except ImportError as exc:  # psycopg missing from this installation
            raise StoreError(StoreCode.BACKEND_UNAVAILABLE, f"the PostgreSQL store needs psycopg: {exc}") from exc
        return PostgresStore(text)
    return SQLiteStore(text if text == ":memory:" else Path(text))
