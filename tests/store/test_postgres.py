"""The PostgreSQL store's own ways: migrations in step with SQLite's, connection errors without the password,
FTS5 queries read as websearch ones, writers one at a time, and the seed reports giving the very dossier
SQLite gives."""

from __future__ import annotations

import inspect
import json
import os
import threading
import time
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

with warnings.catch_warnings():  # starlette's TestClient warns about its httpx
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from tests import pg_cluster
from tests.conftest import fresh_postgres
from tests.webserver import Route, page_html, rss, serving
from triangulate.cli import main
from triangulate.ingest.fetch import Fetcher
from triangulate.link.verdict import check_record
from triangulate.pipeline import Pipeline, run
from triangulate.report.browse import list_stories
from triangulate.report.dossier import build_dossier
from triangulate.serve.app import create_app
from triangulate.serve.auth import Token
from triangulate.store import SQLiteStore, StoreError, is_url, location, migrations_pg, open_store, shown
from triangulate.store import migrations as sqlite_migrations
from triangulate.store.migrations import Migration
from triangulate.store.postgres import PostgresStore, in_step, websearch_text
from triangulate.watch import Watcher

# what the PostgreSQL schema holds beyond SQLite's, each for a reason given in migrations_pg.py
PG_ONLY_COLUMNS = {("documents", "seq"), ("documents", "search")}
PG_ONLY_INDEXES = {"documents_search", "errors_once", "fetch_state_url"}


def test_every_migration_has_its_postgresql_form() -> None:
    assert [(m.version, m.name) for m in migrations_pg.MIGRATIONS] == \
        [(m.version, m.name) for m in sqlite_migrations.MIGRATIONS]
    added = (*sqlite_migrations.MIGRATIONS, Migration(8, "a table added to SQLite only", "CREATE TABLE x (y TEXT);"))
    with pytest.raises(RuntimeError, match="do not match"):
        in_step(migrations_pg.MIGRATIONS, added)


def test_the_postgresql_store_has_every_public_method_of_the_sqlite_store_with_its_signature() -> None:
    def public(cls: type) -> dict[str, inspect.Signature]:
        return {name: inspect.signature(member) for name, member in vars(cls).items()
                if callable(member) and not name.startswith("_")}

    lite, pg = public(SQLiteStore), public(PostgresStore)
    assert set(lite) - set(pg) == set()
    # the same parameters and results; only the connection `transaction()` yields is the backend's own
    pg["transaction"] = pg["transaction"].replace(return_annotation=lite["transaction"].return_annotation)
    assert {name: str(pg[name]) for name in lite} == {name: str(lite[name]) for name in lite}


def test_without_a_server_the_tests_skip_but_fail_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    why = "no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin"
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"no PostgreSQL server could be started: no PostgreSQL"):
        fresh_postgres(why)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI requires PostgreSQL"):
        fresh_postgres(why)


def test_both_schemas_have_the_same_tables_columns_and_indexes(postgres_url: str, tmp_path: Path) -> None:
    lite = SQLiteStore(tmp_path / "t.db")
    tables = [r[0] for r in lite.conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'documents_fts%'"
        " AND name != 'sqlite_sequence'")]  # SQLite's own counters of AUTOINCREMENT keys
    lite_columns = {(t, r[1]) for t in tables for r in lite.conn.execute(f"PRAGMA table_info({t})")}
    lite_indexes = {r[0] for r in lite.conn.execute(
        "SELECT name FROM sqlite_master WHERE type='index' AND name NOT LIKE 'sqlite_autoindex%'")}
    pg = PostgresStore(postgres_url)
    pg_columns = {(r[0], r[1]) for r in pg.conn.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()")}
    pg_indexes = {r[0] for r in pg.conn.execute(
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        " AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'")}
    assert pg_columns - PG_ONLY_COLUMNS == lite_columns
    assert pg_indexes - PG_ONLY_INDEXES == lite_indexes


def test_a_url_opens_a_postgres_store_and_is_shown_without_its_password(postgres_url: str) -> None:
    store = open_store(postgres_url)
    assert isinstance(store, PostgresStore) and store.schema_version() == len(migrations_pg.MIGRATIONS)
    url = "postgresql://analyst:hunter2-secret@db.example.org:5433/newsroom?sslmode=require"
    assert is_url(url) and location(url) == url  # kept whole: a Path would fold its "//"
    assert shown(url) == "postgresql://analyst@db.example.org:5433/newsroom"
    assert location("out/t.db") == Path("out/t.db") and shown("out/t.db") == "out/t.db"


def test_a_server_that_cannot_be_reached_is_named_but_not_the_password() -> None:
    port = pg_cluster._free_port()  # nothing listens there
    with pytest.raises(StoreError) as caught:
        open_store(f"postgresql://analyst:hunter2-secret@127.0.0.1:{port}/newsroom")
    text = str(caught.value)
    assert text.startswith("E301: ") and f"127.0.0.1:{port}/newsroom" in text and "PGPASSWORD" in text
    assert "hunter2" not in text
    with pytest.raises(StoreError, match=r"E301.*cannot read the database URL"):
        open_store("postgresql://analyst@127.0.0.1:5432/newsroom?bogus_option=1")


def test_a_user_who_may_not_create_tables_is_told_so(postgres_url: str) -> None:
    import psycopg

    role = f"triangulate_reader_{os.getpid()}"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN")
        try:
            with pytest.raises(StoreError, match=rf"E301: cannot use .*{role}@.* as a triangulate database: no schema"
                               r".*give a user that may create tables"):
                parts = urlsplit(postgres_url)
                open_store(parts._replace(netloc=f"{role}@{parts.hostname}:{parts.port}").geturl())
        finally:
            admin.execute(f"DROP ROLE {role}")


@pytest.mark.parametrize(("fts5", "websearch"), [
    ('"Popular" "Mobilization"', '"popular" "mobilization"'),  # report.browse.fts_query: all the words
    ('"drone" OR "depot"', '"drone" OR "depot"'),  # link.stance.candidate_query: any of them
    ('"al-Qaeda" NOT "Béyrouth"', '"al qaeda" -"beyrouth"'),  # words as FTS5 splits and folds them
    ("(strike OR raid) AND Balad", '"strike" OR "raid" "balad"'),  # grouping is lost, words kept
    ('title:Balad stri* NEAR(drone depot) ^Iraq', '"balad" "stri" "drone" "depot" "iraq"'),
    ('"say ""no"" to" "U.S."', '"say no to" "u s"'),
    ('OR "unclosed', '"unclosed"'),
    ('( ) AND OR NOT', ""),
])
def test_fts5_queries_are_read_as_websearch_queries(fts5: str, websearch: str) -> None:
    assert websearch_text(fts5) == websearch


def test_two_processes_opening_a_new_database_migrate_it_once(postgres_url: str) -> None:
    start = threading.Barrier(3)
    opened: list[PostgresStore] = []

    def open_it() -> None:
        start.wait()
        opened.append(PostgresStore(postgres_url))

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(opened) == 3
    versions = [r[0] for r in opened[0].conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [m.version for m in migrations_pg.MIGRATIONS]


def test_writers_take_turns_as_sqlite_makes_them(postgres_url: str) -> None:
    first, second = PostgresStore(postgres_url), PostgresStore(postgres_url)
    entered = threading.Event()

    def write() -> None:
        with second.transaction():
            entered.set()

    with first.transaction():
        seq = first.link_next_seq()
        other = threading.Thread(target=write)
        other.start()
        assert not entered.wait(0.5)  # the second writer waits for the first to finish
        reader = PostgresStore(postgres_url)  # while readers open the store and read, as the server's do
        assert reader.link_count() == 0 and reader.stories() == []
    other.join(10)
    assert entered.is_set() and seq == 0


@pytest.fixture(scope="module")
def seeded(seeds_dir: Path, postgres_cluster: pg_cluster.Cluster | str,
           tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The seed reports run through `pipeline.run` into SQLite and into PostgreSQL, with one loaded pipeline."""
    url = fresh_postgres(postgres_cluster)
    sqlite_db = tmp_path_factory.mktemp("pg-seeds") / "seeds.db"
    pipeline = Pipeline()
    started = time.perf_counter()
    run([seeds_dir], None, sqlite_db, pipeline=pipeline)
    lite_seconds = time.perf_counter() - started
    started = time.perf_counter()
    run([seeds_dir], None, url, pipeline=pipeline)
    return {"url": url, "sqlite": sqlite_db, "pipeline": pipeline,
            "seconds": (lite_seconds, time.perf_counter() - started)}


def test_the_seed_reports_give_the_same_dossier_on_postgresql(seeded: dict[str, Any]) -> None:
    lite, pg = open_store(seeded["sqlite"]), open_store(seeded["url"])
    expected, got = build_dossier(lite), build_dossier(pg)
    assert got["stories"] and got["events"] and got["claims"] and got["contradictions"]
    # nothing is left out of the comparison: ids, order, dates, texts and links are all the same
    assert got == expected
    for query in ("airstrike", "Balad", "Popular Mobilization Forces", "Moscow"):
        assert list_stories(pg, query).to_json() == list_stories(lite, query).to_json()


def test_the_cli_reads_and_checks_a_postgresql_store(seeded: dict[str, Any]) -> None:
    url = seeded["url"]
    for command in (["stories"], ["search", "Popular Mobilization"]):
        listed = CliRunner().invoke(main, [*command, "--db", url, "--json"])
        assert listed.exit_code == 0, listed.output
        expected = CliRunner().invoke(main, [*command, "--db", str(seeded["sqlite"]), "--json"]).output
        assert json.loads(listed.output) == json.loads(expected) and json.loads(expected)["stories"]
    claim = "Israel was behind the airstrikes on PMU bases"
    checked = CliRunner().invoke(main, ["check", claim, "--db", url, "--json"])
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.output) == check_record(open_store(seeded["sqlite"]), claim).as_json()
    assert json.loads(checked.output)["verdict"] == "supported"
    missing = CliRunner().invoke(main, ["show", "s-none", "--db", url])
    assert missing.exit_code != 0 and "no story 's-none'" in missing.output and "@127.0.0.1:" in missing.output


def test_the_server_answers_from_postgresql_as_from_sqlite(seeded: dict[str, Any]) -> None:
    token = Token("a-test-token-of-some-length", "the test")
    with TestClient(create_app(seeded["url"], token=token), base_url="http://127.0.0.1") as pg, \
            TestClient(create_app(seeded["sqlite"], token=token), base_url="http://127.0.0.1") as lite:
        stories = lite.get("/api/stories").json()
        story = stories["stories"][0]["id"]
        for path in ("/api/stories", f"/api/stories/{story}", "/api/events", "/api/contradictions",
                     "/api/stories?q=Balad"):
            got = pg.get(path)
            assert got.status_code == 200, (path, got.text)
            assert got.json() == lite.get(path).json(), path


def test_watch_rounds_keep_their_fetch_state_in_postgresql(seeded: dict[str, Any],
                                                            postgres_cluster: pg_cluster.Cluster | str) -> None:
    url = fresh_postgres(postgres_cluster)
    with serving() as server, Fetcher(allow_private=True) as fetcher:
        server.routes.update({
            "/world/fasher": Route(page_html("fasher-shelling")),
            "/feeds/africa.xml": Route(rss("Desert Wire Africa", [
                ("Shelling kills four in El Fasher", server.url("/world/fasher"), "Fri, 14 Jun 2024 11:00:00 +0000"),
            ]), content_type="application/rss+xml", etag='"africa-1"'),
        })
        watcher = Watcher([server.url("/feeds/africa.xml")], url, fetcher=fetcher, pipeline=seeded["pipeline"])
        first, second = watcher.round(), watcher.round()
    assert watcher.db_path == url  # kept whole, not folded into a path
    assert (first.documents, first.analyzed, first.count("updated")) == (1, 1, 1)
    assert (second.documents, second.count("unchanged")) == (0, 1)  # the feed's etag was kept: a 304
    store = open_store(url)
    assert [d.title for d in store.documents()] == ["Shelling kills four in El Fasher"]
    assert store.fetch_state(server.url("/feeds/africa.xml")).etag == '"africa-1"'  # type: ignore[union-attr]
