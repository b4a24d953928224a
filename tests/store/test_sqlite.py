"""The SQLite store: migrations recorded, one transaction per document, idempotent saves."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from triangulate.records import (
    Actor,
    ActorMention,
    AnalyzedDocument,
    Claim,
    Document,
    Event,
    IngestError,
    Place,
    Span,
    Story,
    TimeRef,
    document_id,
)
from triangulate.store import SQLiteStore, StoreError, open_store
from triangulate.store.migrations import MIGRATIONS

TEXT = "Protesters gathered outside parliament in Beirut on Tuesday, police said."


def _analyzed(text: str = TEXT) -> AnalyzedDocument:
    doc_id = document_id(text)
    doc = Document(id=doc_id, external_id="beirut.txt", text=text, published=date(2020, 5, 6), outlet="Wire")
    span = Span(doc_id=doc_id, start=0, end=len(text), text=text)
    return AnalyzedDocument(
        document=doc,
        places=[Place(start=42, end=48, text="Beirut", name="Beirut", geonames_id=276781, country="LB",
                      lat=33.89, lon=35.49)],
        times=[TimeRef(start=52, end=59, text="Tuesday", value="2020-05-05",
                       start_date=date(2020, 5, 5), end_date=date(2020, 5, 5))],
        mentions=[ActorMention(start=61, end=67, text="police", actor_id="LBN.POL")],
        actors=[Actor(id="LBN.POL", name="Police Forces of Lebanon", country="LB", sectors=["police"])],
        events=[Event(id=f"{doc_id}:e0", doc_id=doc_id, type="PROTEST", mode="demo", evidence=[span])],
        claims=[Claim(id=f"{doc_id}:c0", doc_id=doc_id, speaker="LBN.POL", speaker_text="police", cue="said",
                      factuality="CT+", content=span, evidence=[span])],
    )


def test_migrations_are_recorded_and_reopening_applies_none(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    store = open_store(path)
    assert store.schema_version() == max(m.version for m in MIGRATIONS)
    store.close()
    again = open_store(path)
    assert again.migrate() == []
    rows = again.conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]
    assert again.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert again.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_an_older_database_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    first = SQLiteStore(path, migrate_to=1)  # a database as the first release made it
    assert first.schema_version() == 1
    first.close()
    upgraded = open_store(path)
    assert upgraded.schema_version() == max(m.version for m in MIGRATIONS)
    upgraded.save(_analyzed(), "v1")
    assert upgraded.search("parliament") == [_analyzed().document.id]


def test_a_newer_database_is_refused_with_a_next_step(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations(version, name) VALUES (99, 'future')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"E302.*upgrade triangulate"):
        open_store(path)


def test_a_file_that_is_not_a_database_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("minutes of the Tuesday meeting\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match=r"E301.*notes\.db"):
        open_store(path)


def test_save_round_trips_and_is_idempotent(tmp_path: Path) -> None:
    store = open_store(tmp_path / "t.db")
    analyzed = _analyzed()
    store.save(analyzed, "v1")
    store.save(analyzed, "v1")
    assert store.counts()["documents"] == 1
    assert store.counts()["events"] == 1
    back = store.analyzed(analyzed.document.id)
    assert back == analyzed
    assert store.analyzed_version(analyzed.document.id) == "v1"


def test_a_failed_write_leaves_no_half_document(tmp_path: Path) -> None:
    store = open_store(tmp_path / "t.db")
    analyzed = _analyzed()
    bad = analyzed.model_copy(deep=True)
    bad.events.append(bad.events[0])  # the same event id twice violates the primary key
    with pytest.raises(sqlite3.IntegrityError):
        store.save(bad, "v1")
    assert store.counts()["documents"] == 0
    assert store.counts()["claims"] == 0


def test_errors_are_kept_once_and_stories_replaced(tmp_path: Path) -> None:
    store = open_store(tmp_path / "t.db")
    error = IngestError(source="a.jsonl:3", code="E103", message="E103: line 3 is not JSON")
    store.add_errors([error, error])
    store.add_errors([error])
    assert store.errors() == [error]
    analyzed = _analyzed()
    store.save(analyzed, "v1")
    story = Story(id="s1", headline="Beirut protest", doc_ids=[analyzed.document.id])
    store.replace_stories([story])
    store.replace_stories([story])
    assert store.stories() == [story]


def test_postgres_urls_get_a_clear_error() -> None:
    with pytest.raises(StoreError, match="E303"):
        open_store("postgresql://localhost/triangulate")


def test_fetch_state_round_trips_and_is_replaced(tmp_path: Path) -> None:
    from triangulate.store import FetchState

    store = open_store(tmp_path / "t.db")
    url = "https://wire.example.org/feeds/africa.xml"
    assert store.fetch_state(url) is None
    first = FetchState(url, "feed", "2024-06-14T09:30:00Z", etag='"v1"',
                       last_modified="Fri, 14 Jun 2024 09:30:00 GMT", status=200)
    store.save_fetch_state(first)
    assert store.fetch_state(url) == first
    failed = FetchState(url, "feed", "2024-06-14T09:45:00Z", etag='"v1"', error="timed out")
    store.save_fetch_state(failed)
    assert store.fetch_state(url) == failed
    assert store.conn.execute("SELECT COUNT(*) FROM fetch_state").fetchone()[0] == 1


def test_known_sources_by_url_external_id_or_a_page_fetched_before(tmp_path: Path) -> None:
    from triangulate.store import FetchState

    path = tmp_path / "old.db"
    old = SQLiteStore(path, migrate_to=6)  # a database from before live sources, with a report in it
    analyzed = _analyzed()
    analyzed.document = analyzed.document.model_copy(
        update={"url": "https://wire.example.org/beirut", "external_id": "wire-2020-0505"})
    old.save(analyzed, "v1")
    old.close()
    store = open_store(path)
    assert store.schema_version() == 7
    store.save_fetch_state(FetchState("https://wire.example.org/copy", "page", "2024-06-14T09:30:00Z", status=200))
    store.save_fetch_state(FetchState("https://wire.example.org/broken", "page", "2024-06-14T09:30:00Z",
                                      error="HTTP 500"))
    urls = ["https://wire.example.org/beirut", "https://wire.example.org/copy", "https://wire.example.org/broken",
            "https://wire.example.org/new"]
    assert store.known_sources(urls, ["wire-2020-0505", "wire-2020-0506"]) == {
        "https://wire.example.org/beirut", "https://wire.example.org/copy", "wire-2020-0505"}
    store.save_fetch_state(FetchState("https://wire.example.org/broken", "page", "2024-06-14T10:30:00Z",
                                      error="HTTP 500", attempts=3))
    assert "https://wire.example.org/broken" not in store.known_sources(urls, give_up_after=4)
    assert "https://wire.example.org/broken" in store.known_sources(urls, give_up_after=3)
