"""The SQLite store's own ways (WAL, foreign keys, a file that is not a database); what every backend does is
in test_store_contract.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from triangulate.store import SQLiteStore, StoreError, open_store


def test_a_new_database_is_a_wal_file_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "t.db"
    store = open_store(path)
    assert isinstance(store, SQLiteStore) and path.is_file()
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_file_that_is_not_a_database_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("minutes of the Tuesday meeting\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match=r"E301.*notes\.db"):
        open_store(path)


def test_memory_is_a_throwaway_store() -> None:
    store = open_store(":memory:")
    assert store.counts()["documents"] == 0
