"""The SQLite store's own ways (WAL, foreign keys, a file that is not a database); what every backend does is
in test_store_contract.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from triangulate.store import SQLiteStore, StoreError, open_store
from triangulate.store.migrations import MIGRATIONS

from .builders import SQLITE_UNDO_12, analyzed_report


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


def _saved(store: SQLiteStore, text: str, name: str) -> str:
    analyzed = analyzed_report(text, name)
    store.save(analyzed, "v1")
    return analyzed.document.id


def test_postings_and_term_counts_from_before_migration_12_are_kept(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "t.db")
    balad, amerli = (_saved(store, text, name) for name, text in (("balad.txt", "A drone hit the depot at Balad."),
                                                                  ("amerli.txt", "Shelling hit Amerli.")))
    with store.transaction():
        store.link_save(balad, 0, "s1", "v1", date(2019, 8, 20), "{}", ["word:depot", "place:98182"])
        store.link_save(amerli, 1, "s1", "v1", None, "{}", ["word:depot"])
        store.link_add_df(["depot", "depot", "balad"])
    for sql in SQLITE_UNDO_12:
        store.conn.execute(sql)
    assert store.conn.execute("SELECT 1 FROM sqlite_master WHERE name='link_keys_window'").fetchone()
    store.close()
    upgraded = SQLiteStore(tmp_path / "t.db")
    try:
        assert upgraded.schema_version() == max(m.version for m in MIGRATIONS)
        shape = upgraded.conn.execute("SELECT sql FROM sqlite_master WHERE name='link_keys'").fetchone()[0]
        assert "WITHOUT ROWID" in shape
        assert upgraded.link_postings(["word:depot"], per_key=5) == {balad: 1, amerli: 1}
        assert upgraded.link_postings(["word:depot", "place:98182"], per_key=1) == {amerli: 1, balad: 1}
        assert upgraded.link_df(["depot", "balad", "gone"]) == {"depot": 2, "balad": 1}
        with upgraded.transaction():  # a report linked again replaces its postings, by its old number
            upgraded.link_save(balad, 0, "s1", "v2", date(2019, 8, 20), "{}", ["word:depot", "word:depot"])
        assert upgraded.link_postings(["place:98182"], per_key=5) == {}
        assert upgraded.link_postings(["word:depot"], per_key=1) == {amerli: 1}
    finally:
        upgraded.close()


def test_a_report_s_story_and_a_story_s_reports_are_read_from_covering_indexes(tmp_path: Path) -> None:
    """Linking reads them for hundreds of reports a run: from the indexes alone, without a visit to each
    report's row, a page or so of its own (its profile), scattered over an archive's file; and the ids of
    the events and claims found in a story's reports, without their bodies."""
    store = SQLiteStore(tmp_path / "t.db")
    balad = _saved(store, "A drone hit the depot at Balad.", "balad.txt")
    with store.transaction():
        store.link_save(balad, 0, "s1", "v1", date(2019, 8, 20), "{}", ["word:depot"])
    plans = []
    for sql, args in (("SELECT doc_id FROM link_profiles WHERE story_id=? ORDER BY seq", ("s1",)),
                      ("SELECT doc_id FROM link_profiles WHERE story_id=? ORDER BY seq DESC LIMIT ?", ("s1", 50)),
                      ("SELECT MIN(seq) FROM link_profiles WHERE story_id=?", ("s1",)),
                      ("SELECT doc_id, story_id FROM link_profiles INDEXED BY link_profiles_doc_story"
                       " WHERE doc_id IN (?)", (balad,)),
                      ("SELECT doc_id, seq, id FROM events WHERE doc_id IN (?)", (balad,)),
                      ("SELECT doc_id, seq, id FROM claims WHERE doc_id IN (?)", (balad,))):
        plans.append(" ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql, args)))
    assert all("COVERING INDEX" in plan for plan in plans), plans
    assert store.link_members("s1") == [balad] and store.link_story_ids([balad]) == {balad: "s1"}
    store.close()
