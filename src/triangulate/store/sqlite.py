"""The SQLite store: one file, WAL, foreign keys, migrations, one transaction per document."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal

from triangulate.records import (
    Actor,
    AnalyzedDocument,
    Claim,
    Event,
    IngestError,
    Responsibility,
    Story,
)
from triangulate.store.errors import StoreCode, StoreError
from triangulate.store.migrations import MIGRATIONS
from triangulate.store.shared import (
    ERRORS,
    MENTIONS,
    PLACES,
    REGIONS,
    SCANNED,
    TIMES,
    SharedQueries,
    date_window,
)


@dataclass(frozen=True)
class FetchState:
    """The last fetch of a feed or page URL: the server's validators and how it went."""

    url: str
    kind: Literal["feed", "page"]
    fetched_at: str  # ISO 8601, UTC
    etag: str | None = None
    last_modified: str | None = None
    status: int | None = None  # the HTTP status; None when no answer came
    error: str | None = None  # why the last fetch failed
    attempts: int = 0  # failed fetches in a row


class SQLiteStore(SharedQueries):
    """Stores analyzed documents and the stories linked over them."""

    def __init__(self, path: str | Path, *, migrate_to: int | None = None) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(StoreCode.CANNOT_OPEN, f"cannot open database {path}: {exc}") from exc
        self.conn.row_factory = sqlite3.Row
        try:
            # a writer waits this long for another (a run linking a chunk of reports holds the lock for seconds)
            self.conn.execute(f"PRAGMA busy_timeout={BUSY_WAIT_MS}")
            self.conn.execute("PRAGMA journal_mode=WAL")
            # in WAL mode NORMAL loses no committed write when the process dies, only (at worst) the last
            # ones on a power cut, and never corrupts; FULL's fsync per commit cost ~2 ms a report
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.migrate(upto=migrate_to)
        except sqlite3.DatabaseError as exc:  # "file is not a database", a truncated or damaged file
            self.conn.close()
            failure = self._failure(exc)
            if failure is not None:  # read-only, full, locked: said as such
                raise failure from exc
            if _error_name(exc).startswith("SQLITE_CANTOPEN"):
                raise StoreError(StoreCode.CANNOT_OPEN, f"cannot open database {path}: {exc}") from exc
            raise StoreError(StoreCode.CANNOT_OPEN, f"cannot use {path} as a triangulate database: {exc}") from exc

    # -- schema -------------------------------------------------------------

    def schema_version(self) -> int:
        row = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='schema_migrations'"
        ).fetchone()
        if row is None:
            return 0
        version = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
        return int(version or 0)

    def migrate(self, upto: int | None = None) -> list[int]:
        """Apply every migration newer than the database (up to `upto`); return the versions applied."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
        )
        current = self.schema_version()
        newest = max(m.version for m in MIGRATIONS)
        if current > newest:
            raise StoreError(
                StoreCode.SCHEMA_TOO_NEW,
                f"database {self.path} has schema version {current}, newer than this triangulate ({newest})",
            )
        applied = []
        for migration in MIGRATIONS:
            if migration.version <= current or (upto is not None and migration.version > upto):
                continue
            with self.transaction():
                for statement in _statements(migration.sql):
                    self.conn.execute(statement)
                self.conn.execute(
                    "INSERT INTO schema_migrations(version, name) VALUES (?, ?)",
                    (migration.version, migration.name),
                )
            applied.append(migration.version)
        return applied

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One writing transaction, whole or not at all. A database that cannot be written (read-only,
        full, locked past the wait, failing) raises a StoreError saying so (E304-E307)."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            failure = self._failure(exc)
            if failure is None:
                raise
            raise failure from exc
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                with suppress(sqlite3.Error):  # SQLite may have rolled back itself (a full disk)
                    self.conn.execute("ROLLBACK")
            failure = self._failure(exc) if isinstance(exc, sqlite3.Error) else None
            if failure is not None:
                raise failure from exc
            raise

    def check_writable(self) -> None:
        """Raise the StoreError a write would meet (read-only, locked past the wait), before a run's work."""
        with suppress(_Probed), self.transaction() as conn:
            conn.execute("INSERT INTO link_state(name, value) VALUES ('writable', '') ON CONFLICT(name) DO NOTHING")
            raise _Probed  # rolled back: the probe leaves nothing

    def for_batch(self) -> None:
        """Set this connection up for a run storing many reports: the write-ahead log is copied into the
        database every BATCH_CHECKPOINT_PAGES pages rather than SQLite's 1,000. A run rewrites the same index
        and link pages report after report (300 reports wrote 14 logs of 4 MB for a 14 MB file), and each copy
        syncs the log and the file: 61 syncs, 0.6-0.7 s of a run's wall time on a loaded disk. Nothing
        committed is lost when the process dies, as before; the log is copied when the store is closed."""
        self.conn.execute(f"PRAGMA wal_autocheckpoint={BATCH_CHECKPOINT_PAGES}")

    def _failure(self, exc: sqlite3.Error) -> StoreError | None:
        """The StoreError saying why a statement failed, for the failures a user can act on."""
        name = _error_name(exc)
        for prefix, code, what in (
            ("SQLITE_READONLY", StoreCode.READ_ONLY, f"database {self.path} cannot be written"),
            ("SQLITE_FULL", StoreCode.FULL, f"the disk holding database {self.path} is full"),
            ("SQLITE_BUSY", StoreCode.BUSY, f"database {self.path} stayed locked by another writer"),
            ("SQLITE_LOCKED", StoreCode.BUSY, f"database {self.path} stayed locked by another writer"),
            ("SQLITE_IOERR", StoreCode.IO_ERROR, f"reading or writing database {self.path} failed"),
        ):
            if name == prefix or name.startswith(prefix + "_"):
                return StoreError(code, f"{what} ({exc})")
        return None

    # -- writing ------------------------------------------------------------

    def save(self, analyzed: AnalyzedDocument, analyzer_version: str) -> None:
        """Write one document and all found in it, atomically; replaces an earlier analysis."""
        doc = analyzed.document
        with self.transaction() as conn:
            conn.execute("DELETE FROM events WHERE doc_id=?", (doc.id,))
            conn.execute("DELETE FROM claims WHERE doc_id=?", (doc.id,))
            conn.execute("DELETE FROM responsibility WHERE doc_id=?", (doc.id,))
            conn.execute("DELETE FROM analyses WHERE doc_id=?", (doc.id,))
            exists = conn.execute("SELECT 1 FROM documents WHERE id=?", (doc.id,)).fetchone()
            if exists is None:
                conn.execute(
                    "INSERT INTO documents(id, external_id, title, outlet, url, published, language, text, source)"
                    " VALUES (?,?,?,?,?,?,?,?,?)",
                    (doc.id, doc.external_id, doc.title, doc.outlet, doc.url,
                     doc.published.isoformat() if doc.published else None, doc.language, doc.text, doc.source),
                )
            conn.execute(
                "INSERT INTO analyses(doc_id, analyzer_version, places, times, mentions, warnings, regions)"
                " VALUES (?,?,?,?,?,?,?)",
                (doc.id, analyzer_version,
                 PLACES.dump_json(analyzed.places).decode(),
                 TIMES.dump_json(analyzed.times).decode(),
                 MENTIONS.dump_json(analyzed.mentions).decode(),
                 ERRORS.dump_json(analyzed.warnings).decode(),
                 REGIONS.dump_json(analyzed.regions).decode()),
            )
            conn.execute("INSERT INTO link_queue(doc_id) VALUES (?) ON CONFLICT DO NOTHING", (doc.id,))
            # each table's rows in one call (the same rows, in the same order, as one statement each)
            conn.executemany(
                "INSERT INTO actors(id, provisional, body) VALUES (?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET provisional=excluded.provisional, body=excluded.body",
                [(actor.id, int(actor.provisional), actor.model_dump_json()) for actor in analyzed.actors],
            )
            conn.executemany(
                "INSERT INTO events(id, doc_id, seq, type, body) VALUES (?,?,?,?,?)",
                [(event.id, doc.id, seq, event.type, event.model_dump_json())
                 for seq, event in enumerate(analyzed.events)],
            )
            conn.executemany(
                "INSERT INTO claims(id, doc_id, seq, body) VALUES (?,?,?,?)",
                [(claim.id, doc.id, seq, claim.model_dump_json()) for seq, claim in enumerate(analyzed.claims)],
            )
            conn.executemany(
                "INSERT INTO responsibility(id, doc_id, seq, body) VALUES (?,?,?,?)",
                [(statement.id, doc.id, seq, statement.model_dump_json())
                 for seq, statement in enumerate(analyzed.responsibility)],
            )

    def add_errors(self, errors: Iterable[IngestError]) -> None:
        with self.transaction() as conn:
            for error in errors:
                conn.execute(
                    "INSERT OR IGNORE INTO errors(source, code, message) VALUES (?,?,?)",
                    (error.source, error.code, error.message),
                )

    def replace_stories(self, stories: list[Story]) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM story_documents")
            conn.execute("DELETE FROM stories")
            for story in stories:
                conn.execute("INSERT INTO stories(id, body) VALUES (?,?)", (story.id, story.model_dump_json()))
                conn.executemany(
                    "INSERT INTO story_documents(story_id, doc_id) VALUES (?,?)",
                    [(story.id, doc_id) for doc_id in story.doc_ids],
                )
            self._date_stories()

    # -- story linking index (call these inside one `transaction()`) ---------

    def link_pending(self) -> list[str]:
        """Analyzed documents not linked yet, or analyzed again since, in the order they were stored."""
        rows = self.conn.execute(
            # the queue drives the query: it is short, the documents are the archive
            "SELECT q.doc_id FROM link_queue q ORDER BY (SELECT d.rowid FROM documents d WHERE d.id = q.doc_id)"
        ).fetchall()
        return [r[0] for r in rows]

    def link_next_seq(self) -> int:
        return int(self.conn.execute("SELECT COALESCE(MAX(seq), -1) + 1 FROM link_profiles").fetchone()[0])

    def link_df(self, keys: Iterable[str]) -> dict[str, int]:
        """How many linked documents hold each key (words, names, numbers)."""
        wanted = list(keys)
        found: dict[str, int] = {}
        for chunk_start in range(0, len(wanted), 500):
            chunk = wanted[chunk_start:chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            # only "?" marks are formatted in; the terms are bound
            found.update(self.conn.execute(f"SELECT term, df FROM link_terms WHERE term IN ({marks})", chunk))  # nosec B608
        return found

    def link_shared_df(self, limit: int) -> dict[str, int] | None:
        """The count of every key held by two linked documents or more (one pass over the counts, in key
        order), or None when there are more than `limit` of them."""
        rows = self.conn.execute("SELECT term, df FROM link_terms WHERE df >= 2 LIMIT ?", (limit + 1,)).fetchall()
        return None if len(rows) > limit else {str(r[0]): int(r[1]) for r in rows}

    def link_counts_version(self) -> int | None:
        """A number that changes when another connection commits to the database (SQLite's
        `data_version`): while it stays, the document counts this connection read still hold, but for
        its own changes. Read it inside the transaction, where no other writer can commit."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def link_add_df(self, keys: Iterable[str], step: int = 1) -> None:
        self.conn.executemany(
            "INSERT INTO link_terms(term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            [(k, step) for k in keys],
        )

    def link_save(
        self, doc_id: str, seq: int, story_id: str, analyzer_version: str, published: date | None, body: str,
        keys: Iterable[str],
    ) -> None:
        """Store one document's link profile and its candidate keys, replacing earlier ones."""
        self.conn.execute("DELETE FROM link_keys WHERE doc_id=?", (doc_id,))
        if self.conn.execute("DELETE FROM link_profiles WHERE doc_id=?", (doc_id,)).rowcount == 0:
            self._count_linked(1)
        self.conn.execute("DELETE FROM link_queue WHERE doc_id=?", (doc_id,))
        self.conn.execute(
            "INSERT INTO link_profiles(doc_id, seq, story_id, analyzer_version, published, body)"
            " VALUES (?,?,?,?,?,?)",
            (doc_id, seq, story_id, analyzer_version, published.isoformat() if published else None, body),
        )
        day = published.isoformat() if published else None
        self.conn.executemany(
            "INSERT OR IGNORE INTO link_keys(key, doc_id, seq, published) VALUES (?,?,?,?)",
            [(k, doc_id, seq, day) for k in keys],
        )

    def link_profile(self, doc_id: str) -> tuple[str, int, str] | None:
        """(story id, seq, profile JSON) of a linked document."""
        row = self.conn.execute("SELECT story_id, seq, body FROM link_profiles WHERE doc_id=?", (doc_id,)).fetchone()
        return None if row is None else (str(row[0]), int(row[1]), str(row[2]))

    def link_postings(
        self, keys: Iterable[str], per_key: int, around: date | None = None, max_days: int = 0
    ) -> dict[str, int]:
        """Linked documents holding any of the keys (the `per_key` most recent for each): doc id ->
        how many of the keys it holds. Read from the postings' index alone.

        With `around`, documents published more than `max_days` from it are left out, among the
        `per_key * SCANNED` most recent postings of a key (a bounded look, however common the key).
        """
        extra: tuple[int | str, ...] = ()
        if around is None:
            query = "SELECT doc_id FROM link_keys WHERE key=?1 ORDER BY seq DESC LIMIT ?2"
        else:
            # the postings looked at are those from the (per_key * SCANNED)-th most recent on (found by stepping
            # the key's postings, none read): one pass in seq order, where filtering a subquery of them made SQLite
            # copy them into a temporary b-tree and sort them again (about 3x the time at 10^5 reports)
            query = ("SELECT doc_id FROM link_keys WHERE key=?1 AND seq>=COALESCE("
                     "(SELECT seq FROM link_keys WHERE key=?1 ORDER BY seq DESC LIMIT 1 OFFSET ?3-1), -1)"
                     " AND (published IS NULL OR published BETWEEN ?4 AND ?5) ORDER BY seq DESC LIMIT ?2")
            extra = (per_key * SCANNED, *date_window(around, max_days))
        # counted in C (`Counter.update` over the cursor): at 10^6 reports a new one's keys yield ~7,000 postings
        found: Counter[str] = Counter()
        for key in dict.fromkeys(keys):
            found.update(map(itemgetter(0), self.conn.execute(query, (key, per_key, *extra))))
        return found

    def link_story_ids(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The story of each linked document."""
        # from the covering index: the table's rows hold the profiles, a page or so each (migration 13)
        rows = self._rows_in("SELECT doc_id, story_id FROM link_profiles INDEXED BY link_profiles_doc_story"
                             " WHERE doc_id IN ({marks})", doc_ids)
        return {str(r[0]): str(r[1]) for r in rows}

    def link_first_seq(self, story_id: str) -> int:
        row = self.conn.execute("SELECT MIN(seq) FROM link_profiles WHERE story_id=?", (story_id,)).fetchone()
        return int(row[0]) if row and row[0] is not None else -1

    def link_set_story(self, doc_ids: Iterable[str], story_id: str) -> None:
        """Move some linked documents to a story (a story split in two)."""
        self.conn.executemany("UPDATE link_profiles SET story_id=? WHERE doc_id=?", [(story_id, d) for d in doc_ids])

    def put_story(self, story: Story) -> None:
        """Write one story (insert or replace) with its documents."""
        self.conn.execute(
            "INSERT INTO stories(id, body) VALUES (?,?) ON CONFLICT(id) DO UPDATE SET body=excluded.body",
            (story.id, story.model_dump_json()),
        )
        self.conn.execute("DELETE FROM story_documents WHERE story_id=?", (story.id,))
        self.conn.executemany(
            "INSERT INTO story_documents(story_id, doc_id) VALUES (?,?)", [(story.id, d) for d in story.doc_ids]
        )
        self._date_stories([story.id])

    def found_ids(self, doc_ids: Iterable[str]) -> tuple[list[str], list[str]]:
        """Ids of the events and of the claims found in these documents, in document order."""
        wanted = list(doc_ids)
        order = {doc_id: n for n, doc_id in enumerate(wanted)}
        found = []
        for table in ("events", "claims"):
            # formatted in: fixed table names; the ids are bound (bandit B608)
            rows = self._rows_in(f"SELECT doc_id, seq, id FROM {table} WHERE doc_id IN ({{marks}})", wanted)  # nosec B608
            found.append([str(r[2]) for r in sorted(rows, key=lambda r: (order[r[0]], r[1]))])
        return found[0], found[1]

    # -- reading ------------------------------------------------------------

    def analyzed(self, doc_id: str) -> AnalyzedDocument | None:
        doc = self.document(doc_id)
        row = self.conn.execute("SELECT * FROM analyses WHERE doc_id=?", (doc_id,)).fetchone()
        if doc is None or row is None:
            return None
        mentions = MENTIONS.validate_json(row["mentions"])
        actor_ids = sorted({m.actor_id for m in mentions})
        return AnalyzedDocument(
            document=doc,
            places=PLACES.validate_json(row["places"]),
            times=TIMES.validate_json(row["times"]),
            mentions=mentions,
            regions=REGIONS.validate_json(row["regions"]),
            actors=self.actors(actor_ids),
            events=self.events(doc_id),
            claims=self.claims(doc_id),
            responsibility=self.responsibility(doc_id),
            warnings=ERRORS.validate_json(row["warnings"]),
        )

    def actors(self, ids: Iterable[str] | None = None) -> list[Actor]:
        if ids is None:
            rows = self.conn.execute("SELECT body FROM actors ORDER BY id").fetchall()
        else:
            wanted = list(ids)
            rows = []
            for chunk_start in range(0, len(wanted), 500):
                chunk = wanted[chunk_start:chunk_start + 500]
                marks = ",".join("?" * len(chunk))
                # only "?" marks are formatted in; the ids are bound
                rows += self.conn.execute(f"SELECT id, body FROM actors WHERE id IN ({marks})", chunk).fetchall()  # nosec B608
            rows.sort(key=lambda r: str(r["id"]))
            return [Actor.model_validate_json(r["body"]) for r in rows]
        return [Actor.model_validate_json(r[0]) for r in rows]

    def events(self, doc_id: str | None = None) -> list[Event]:
        sql, args = _by_doc("SELECT body FROM events", doc_id)
        return [Event.model_validate_json(r[0]) for r in self.conn.execute(sql, args)]

    def claims(self, doc_id: str | None = None) -> list[Claim]:
        sql, args = _by_doc("SELECT body FROM claims", doc_id)
        return [Claim.model_validate_json(r[0]) for r in self.conn.execute(sql, args)]

    def responsibility(self, doc_id: str | None = None) -> list[Responsibility]:
        sql, args = _by_doc("SELECT body FROM responsibility", doc_id)
        return [Responsibility.model_validate_json(r[0]) for r in self.conn.execute(sql, args)]

    def search(self, query: str, limit: int = 20) -> list[str]:
        """Ids of documents whose title or text match an FTS5 query, best first."""
        rows = self.conn.execute(
            "SELECT d.id FROM documents_fts f JOIN documents d ON d.rowid = f.rowid"
            " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        ).fetchall()
        return [r[0] for r in rows]

    def counts(self) -> dict[str, int]:
        tables = ("documents", "events", "claims", "actors", "stories", "errors")
        # the table names are the fixed tuple above
        return {t: int(self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in tables}  # nosec B608

    # -- per-story links (merged events, claim groups, contradictions) --------

    def analyzer_versions(self, doc_ids: Iterable[str]) -> dict[str, str | None]:
        wanted = list(doc_ids)
        rows = self._rows_in("SELECT doc_id, analyzer_version FROM analyses WHERE doc_id IN ({marks})", wanted)
        found = {str(r[0]): str(r[1]) for r in rows}
        return {doc_id: found.get(doc_id) for doc_id in wanted}

    def prune_story_links(self, keep: Iterable[str]) -> int:
        """Drop the links of stories that no longer exist; return how many."""
        stale = set(self.story_link_signatures()) - set(keep)
        with self.transaction() as conn:
            conn.executemany("DELETE FROM story_links WHERE story_id=?", [(s,) for s in sorted(stale)])
            conn.executemany("DELETE FROM story_link_memos WHERE story_id=?", [(s,) for s in sorted(stale)])
        return len(stale)


    # -- live sources: what was fetched, and what a server said to ask "has it changed?" --------

    def fetch_state(self, url: str) -> FetchState | None:
        row = self.conn.execute("SELECT * FROM fetch_state WHERE url=?", (url,)).fetchone()
        if row is None:
            return None
        return FetchState(
            url=row["url"], kind=row["kind"], etag=row["etag"], last_modified=row["last_modified"],
            fetched_at=row["fetched_at"], status=row["status"], error=row["error"], attempts=row["attempts"],
        )

    def save_fetch_state(self, state: FetchState) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO fetch_state(url, kind, etag, last_modified, fetched_at, status, error, attempts)"
                " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET kind=excluded.kind, etag=excluded.etag,"
                " last_modified=excluded.last_modified, fetched_at=excluded.fetched_at, status=excluded.status,"
                " error=excluded.error, attempts=excluded.attempts",
                (state.url, state.kind, state.etag, state.last_modified, state.fetched_at, state.status, state.error,
                 state.attempts),
            )

    def known_sources(
        self, urls: Iterable[str], external_ids: Iterable[str] = (), *, give_up_after: int | None = None
    ) -> set[str]:
        """Those of these URLs and external ids that are done with: a stored document's url or
        external id, a page fetched whole before (it may have been dropped as a copy), or one that
        failed `give_up_after` times in a row."""
        found: set[str] = set()
        for url in set(urls):
            if self.conn.execute("SELECT 1 FROM documents WHERE url=? LIMIT 1", (url,)).fetchone() or \
                    self.conn.execute(
                        "SELECT 1 FROM fetch_state WHERE url=? AND kind='page' AND (status=200 OR attempts>=?)",
                        (url, give_up_after if give_up_after is not None else 2**62),
                    ).fetchone():
                found.add(url)
        for external_id in set(external_ids):
            if self.conn.execute("SELECT 1 FROM documents WHERE external_id=? LIMIT 1", (external_id,)).fetchone():
                found.add(external_id)
        return found


BUSY_WAIT_MS = 60_000
BATCH_CHECKPOINT_PAGES = 16_384  # 64 MB of log at SQLite's 4 KB pages


class _Probed(Exception):
    """Ends `check_writable`'s transaction: what it wrote is rolled back."""


def _error_name(exc: sqlite3.Error) -> str:
    return str(getattr(exc, "sqlite_errorname", "") or "")


def _by_doc(sql: str, doc_id: str | None) -> tuple[str, tuple[Any, ...]]:
    if doc_id is None:
        return sql + " ORDER BY doc_id, seq", ()
    return sql + " WHERE doc_id=? ORDER BY seq", (doc_id,)


def _statements(sql: str) -> list[str]:
    """Split a migration into statements; trigger bodies keep their inner semicolons."""
    statements: list[str] = []
    buffer = ""
    for line in sql.strip().splitlines():
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
