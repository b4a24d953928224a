"""The store backends every contract test runs against: SQLite in a temporary folder, and PostgreSQL."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from triangulate.store import SQLiteStore, Store


@dataclass
class Backend:
    """One backend under test: where its database is, how to open it, what it raises on a broken key."""

    name: str
    location: str | Path
    integrity_error: type[Exception]

    def open(self, migrate_to: int | None = None) -> Store:
        if self.name == "sqlite":
            return SQLiteStore(self.location, migrate_to=migrate_to)
        from triangulate.store.postgres import PostgresStore

        return PostgresStore(str(self.location), migrate_to=migrate_to)

    def rows(self, store: Store, sql: str) -> list[tuple[Any, ...]]:
        """A plain query's rows, on either connection (no parameters: the two spell them differently)."""
        return [tuple(r) for r in store.conn.execute(sql).fetchall()]


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "sqlite":
        return Backend("sqlite", tmp_path / "t.db", sqlite3.IntegrityError)
    import psycopg

    return Backend("postgresql", request.getfixturevalue("postgres_url"), psycopg.IntegrityError)
