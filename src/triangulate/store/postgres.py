"""The PostgreSQL store: `SQLiteStore`'s interface and meaning over psycopg 3, for several writers and the server.

Opened with a URL, `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?options]` (libpq's form; the
password may instead come from PGPASSWORD or ~/.pgpass). It holds the same tables as the SQLite store,
made by the PostgreSQL form of each migration (`migrations_pg.py`), recorded in `schema_migrations`.

Writers take one lock (a transaction-scoped advisory lock) at the start of every `transaction()`, so
writes are serialized as SQLite's `BEGIN IMMEDIATE` serializes them: two processes linking at once
cannot hand out the same link sequence number. Reads need no lock. Each `save` is one transaction,
its rows sent in batches (`executemany`, pipelined).

Full-text search is PostgreSQL's own: a `tsvector` column with a GIN index, queried with
`websearch_to_tsquery`. Words are split, lower-cased and stripped of accents in Python before
PostgreSQL sees them (`search_words`), as FTS5's default tokenizer does (unicode61: letters and digits
make words, anything else separates them; "U.S." is "u s", "al-Qaeda" is "al qaeda", "Béyrouth" is
"beyrouth"), whatever the server's locale; the `simple` configuration then indexes them as they are
(no stemming, no stop words). Callers pass FTS5 queries (`report.browse.fts_query` quotes every word,
`link.stance.candidate_query` joins quoted words with OR); `search` reads them as websearch queries
(`websearch_text`): quoted phrases stay phrases, bare words are quoted, `OR` stays OR, `NOT x`
becomes `-x`, `AND` is implicit; what FTS5 has and websearch does not is read as plain words:
parentheses (the grouping is lost), `NEAR(...)`, `col:` filters, `^` and the `*` of a prefix query (the
prefix matches only that whole word). So no input can make a query fail. Matches are ranked by
`ts_rank` (normalized by document length), not FTS5's bm25: equally good matches may come in another
order than from the SQLite store.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict

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
from triangulate.store.migrations import MIGRATIONS as SQLITE_MIGRATIONS
from triangulate.store.migrations_pg import MIGRATIONS
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
from triangulate.store.sqlite import FetchState

WRITER_LOCK = 0x7472_6961_6E67  # "triang": the advisory lock every writing transaction takes
CONNECT_SECONDS = 10
MAX_KEY_BYTES = 512  # longer link keys are stored as a digest: a b-tree entry must stay under ~2.7 kB
_FTS_TOKEN = re.compile(r'"(?:[^"]|"")*"?|[()]|[^\s"()]+')
_SEPARATORS = re.compile(r"[\W_]+")
MAX_INDEXED_CHARS = 200_000  # what ingestion keeps of a report; a tsvector holds at most 1 MB
_BARE_SYNTAX = re.compile(r"^[A-Za-z_]\w*:|[*^+]")  # a column filter, prefix and initial-token marks


def safe_location(url: str) -> str:
    """The URL as it may be shown: host, port, user and database, never the password."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "postgresql://(unreadable URL)"
    user = f"{params['user']}@" if params.get("user") else ""
    port = f":{params['port']}" if params.get("port") else ""
    return f"postgresql://{user}{params.get('host') or 'localhost'}{port}/{params.get('dbname') or ''}"


def search_words(text: str) -> str:
    """Text as FTS5's default tokenizer sees it: lower-case words of letters and digits, accents removed,
    one space between them."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", folded).strip()


def websearch_text(fts5_query: str) -> str:
    """An FTS5 query as `websearch_to_tsquery` input meaning the same (see the module docstring)."""
    out: list[str] = []
    negate = False
    for token in _FTS_TOKEN.findall(fts5_query):
        if token in ("(", ")", "NEAR"):
            continue
        if token in ("AND", "OR", "NOT"):
            if token == "OR" and out and out[-1] != "OR":
                out.append("OR")
            negate = token == "NOT"
            continue
        if token.startswith('"'):
            words = token[1:-1] if token.endswith('"') and len(token) > 1 else token[1:]
            words = words.replace('""', " ")
        else:
            words = _BARE_SYNTAX.sub(" ", token)
        words = search_words(words)
        if not words:
            continue
        out.append(("-" if negate else "") + f'"{words}"')
        negate = False
    while out and out[-1] == "OR":
        out.pop()
    return " ".join(out)


class PostgresStore(SharedQueries):
    """Stores analyzed documents and the stories linked over them, in a PostgreSQL database."""

    PLACEHOLDER = "%s"

    def __init__(self, url: str, *, migrate_to: int | None = None) -> None:
        self.location = safe_location(url)
        try:
            params = conninfo_to_dict(url)
        except psycopg.ProgrammingError as exc:
            raise StoreError(StoreCode.CANNOT_OPEN, f"cannot read the database URL {self.location}: "
                             f"{_without(str(exc), url)}", "write it as postgresql://USER@HOST:PORT/DATABASE") from exc
        password = str(params.get("password") or "")
        given = str(params.get("connect_timeout") or "")
        wait = int(given) if given.isdigit() else CONNECT_SECONDS  # the URL's own, else ours
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=wait)
        except psycopg.Error as exc:
            raise StoreError(
                StoreCode.CANNOT_OPEN,
                f"cannot connect to the PostgreSQL server at {self.location}: {_without(' '.join(str(exc).split()), password)}",
                "check that the server runs and the URL's host, port, user and database; give the password "
                "in PGPASSWORD or ~/.pgpass rather than in the URL",
            ) from exc
        try:
            self.migrate(upto=migrate_to)
        except StoreError:
            self.conn.close()
            raise
        except psycopg.Error as exc:  # no right to create tables, a database that is not ours
            self.conn.close()
            raise StoreError(
                StoreCode.CANNOT_OPEN,
                f"cannot use {self.location} as a triangulate database: {exc.diag.message_primary or exc}",
                "give a user that may create tables, or another database",
            ) from exc

    # -- schema -------------------------------------------------------------

    def schema_version(self) -> int:
        if self._one("SELECT to_regclass('schema_migrations') IS NOT NULL")[0] is False:
            return 0
        return int(self._one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0])

    def migrate(self, upto: int | None = None) -> list[int]:
        """Apply every migration newer than the database (up to `upto`); return the versions applied.

        Each runs in its own transaction under the writers' lock, so two processes opening a new
        database at once apply it once. An up-to-date database is opened without the lock: a reader
        (a server's request) never waits for a writer."""
        in_step(MIGRATIONS, SQLITE_MIGRATIONS)
        newest = max(m.version for m in MIGRATIONS)
        current = self.schema_version()
        if current > newest:
            raise StoreError(
                StoreCode.SCHEMA_TOO_NEW,
                f"database {self.location} has schema version {current}, newer than this triangulate ({newest})",
            )
        if current >= (newest if upto is None else min(upto, newest)):
            return []
        with self.transaction() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                " applied_at TEXT NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')))"
            )
        applied = []
        for migration in MIGRATIONS:
            if migration.version <= current or (upto is not None and migration.version > upto):
                continue
            with self.transaction() as conn:
                if self.schema_version() >= migration.version:  # another process was first
                    continue
                conn.execute(migration.sql.encode())  # several statements: no parameters, one round trip
                conn.execute(
                    "INSERT INTO schema_migrations(version, name) VALUES (%s, %s)", (migration.version, migration.name)
                )
            applied.append(migration.version)
        return applied

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection[Any]]:
        """One transaction holding the writers' lock (a nested one is a savepoint). A database that cannot
        be written (a read-only server or user, a full disk) raises a StoreError saying so."""
        try:
            with self.conn.transaction():
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
                yield self.conn
        except (psycopg.errors.ReadOnlySqlTransaction, psycopg.errors.InsufficientPrivilege) as exc:
            raise StoreError(StoreCode.READ_ONLY, f"database {self.location} cannot be written "
                             f"({exc.diag.message_primary or exc})") from exc
        except psycopg.errors.DiskFull as exc:
            raise StoreError(StoreCode.FULL, f"the disk holding database {self.location} is full "
                             f"({exc.diag.message_primary or exc})") from exc

    def check_writable(self) -> None:
        """Raise the StoreError a write would meet (a read-only server or user), before a run's work."""
        with self.transaction() as conn, conn.transaction():  # the savepoint is rolled back: nothing stays
            conn.execute("INSERT INTO link_state(name, value) VALUES ('writable', '') ON CONFLICT (name) DO NOTHING")
            raise psycopg.Rollback()

    def for_batch(self) -> None:
        """Nothing to set: the server manages its own log (as `SQLiteStore.for_batch` does its file's)."""

    # -- writing ------------------------------------------------------------

    def save(self, analyzed: AnalyzedDocument, analyzer_version: str) -> None:
        """Write one document and all found in it, atomically; replaces an earlier analysis."""
        doc = analyzed.document
        with self.transaction() as conn, conn.cursor() as cur:
            for table in ("events", "claims", "responsibility", "analyses"):
                # formatted in: fixed table names; every value is bound (bandit B608)
                cur.execute(f"DELETE FROM {table} WHERE doc_id=%s", (doc.id,))  # nosec B608
            if cur.execute("SELECT 1 FROM documents WHERE id=%s", (doc.id,)).fetchone() is None:
                words = search_words(f"{doc.title or ''} {doc.text[:MAX_INDEXED_CHARS]}")
                cur.execute(
                    "INSERT INTO documents(id, external_id, title, outlet, url, published, language, text, source,"
                    " search) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s, to_tsvector('simple', %s))",
                    (doc.id, doc.external_id, doc.title, doc.outlet, doc.url,
                     doc.published.isoformat() if doc.published else None, doc.language, doc.text, doc.source,
                     words),
                )
            cur.execute(
                "INSERT INTO analyses(doc_id, analyzer_version, places, times, mentions, warnings, regions)"
                " VALUES (%s,%s,%s,%s,%s,%s,%s)",
                (doc.id, analyzer_version,
                 PLACES.dump_json(analyzed.places).decode(),
                 TIMES.dump_json(analyzed.times).decode(),
                 MENTIONS.dump_json(analyzed.mentions).decode(),
                 ERRORS.dump_json(analyzed.warnings).decode(),
                 REGIONS.dump_json(analyzed.regions).decode()),
            )
            cur.execute("INSERT INTO link_queue(doc_id) VALUES (%s) ON CONFLICT DO NOTHING", (doc.id,))
            cur.executemany(
                "INSERT INTO actors(id, provisional, body) VALUES (%s,%s,%s)"
                " ON CONFLICT (id) DO UPDATE SET provisional=excluded.provisional, body=excluded.body",
                [(actor.id, int(actor.provisional), actor.model_dump_json()) for actor in analyzed.actors],
            )
            cur.executemany(
                "INSERT INTO events(id, doc_id, seq, type, body) VALUES (%s,%s,%s,%s,%s)",
                [(e.id, doc.id, seq, e.type, e.model_dump_json()) for seq, e in enumerate(analyzed.events)],
            )
            cur.executemany(
                "INSERT INTO claims(id, doc_id, seq, body) VALUES (%s,%s,%s,%s)",
                [(c.id, doc.id, seq, c.model_dump_json()) for seq, c in enumerate(analyzed.claims)],
            )
            cur.executemany(
                "INSERT INTO responsibility(id, doc_id, seq, body) VALUES (%s,%s,%s,%s)",
                [(r.id, doc.id, seq, r.model_dump_json()) for seq, r in enumerate(analyzed.responsibility)],
            )

    def add_errors(self, errors: Iterable[IngestError]) -> None:
        rows = [(e.source, e.code, e.message) for e in errors]
        with self.transaction() as conn, conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO errors(source, code, message) VALUES (%s,%s,%s) ON CONFLICT DO NOTHING", rows
            )

    def replace_stories(self, stories: list[Story]) -> None:
        with self.transaction() as conn, conn.cursor() as cur:
            cur.execute("DELETE FROM story_documents")
            cur.execute("DELETE FROM stories")
            cur.executemany("INSERT INTO stories(id, body) VALUES (%s,%s)",
                            [(s.id, s.model_dump_json()) for s in stories])
            cur.executemany("INSERT INTO story_documents(story_id, doc_id) VALUES (%s,%s)",
                            [(s.id, doc_id) for s in stories for doc_id in s.doc_ids])
            self._date_stories()

    # -- story linking index (call these inside one `transaction()`) ---------

    def link_pending(self) -> list[str]:
        """Analyzed documents not linked yet, or analyzed again since, in the order they were stored."""
        rows = self.conn.execute(
            # the queue drives the query: it is short, the documents are the archive
            "SELECT q.doc_id FROM link_queue q ORDER BY (SELECT d.seq FROM documents d WHERE d.id = q.doc_id)"
        ).fetchall()
        return [r[0] for r in rows]

    def link_next_seq(self) -> int:
        return int(self._one("SELECT COALESCE(MAX(seq), -1) + 1 FROM link_profiles")[0])

    def link_df(self, keys: Iterable[str]) -> dict[str, int]:
        """How many linked documents hold each key (words, names, numbers)."""
        stored = {_key(k): k for k in keys}
        rows = self.conn.execute("SELECT term, df FROM link_terms WHERE term = ANY(%s)", (list(stored),))
        return {stored[term]: int(df) for term, df in rows}

    def link_shared_df(self, limit: int) -> dict[str, int] | None:
        """None: counts are not kept between runs on PostgreSQL (`link_counts_version`), so not held either."""
        return None

    def link_counts_version(self) -> int | None:
        """None: PostgreSQL says nothing cheap about other writers' commits, so counts are read each time."""
        return None

    def link_add_df(self, keys: Iterable[str], step: int = 1) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO link_terms(term, df) VALUES (%s, %s)"
                " ON CONFLICT (term) DO UPDATE SET df = link_terms.df + excluded.df",
                [(_key(k), step) for k in keys],
            )

    def link_save(
        self, doc_id: str, seq: int, story_id: str, analyzer_version: str, published: date | None, body: str,
        keys: Iterable[str],
    ) -> None:
        """Store one document's link profile and its candidate keys, replacing earlier ones."""
        with self.conn.cursor() as cur:
            cur.execute("DELETE FROM link_keys WHERE doc_id=%s", (doc_id,))
            if cur.execute("DELETE FROM link_profiles WHERE doc_id=%s", (doc_id,)).rowcount == 0:
                self._count_linked(1)
            cur.execute("DELETE FROM link_queue WHERE doc_id=%s", (doc_id,))
            cur.execute(
                "INSERT INTO link_profiles(doc_id, seq, story_id, analyzer_version, published, body)"
                " VALUES (%s,%s,%s,%s,%s,%s)",
                (doc_id, seq, story_id, analyzer_version, published.isoformat() if published else None, body),
            )
            day = published.isoformat() if published else None
            cur.executemany(
                "INSERT INTO link_keys(key, doc_id, seq, published) VALUES (%s,%s,%s,%s) ON CONFLICT DO NOTHING",
                [(_key(k), doc_id, seq, day) for k in keys],
            )

    def link_profile(self, doc_id: str) -> tuple[str, int, str] | None:
        """(story id, seq, profile JSON) of a linked document."""
        row = self.conn.execute(
            "SELECT story_id, seq, body FROM link_profiles WHERE doc_id=%s", (doc_id,)
        ).fetchone()
        return None if row is None else (str(row[0]), int(row[1]), str(row[2]))

    def link_postings(
        self, keys: Iterable[str], per_key: int, around: date | None = None, max_days: int = 0
    ) -> dict[str, int]:
        """Linked documents holding any of the keys (the `per_key` most recent for each): doc id ->
        how many of the keys it holds. Read from the postings' index alone.

        With `around`, documents published more than `max_days` from it are left out, among the
        `per_key * SCANNED` most recent postings of a key (a bounded look, however common the key).
        """
        window = ""
        extra: tuple[str, ...] = ()
        if around is not None:
            window = " WHERE k.published IS NULL OR k.published BETWEEN %s AND %s"
            extra = date_window(around, max_days)
        scan = per_key * SCANNED if around is not None else per_key
        # one round trip for all keys
        rows = self.conn.execute(
            # formatted in: a fixed clause; every value is bound (bandit B608)
            "SELECT x.doc_id, count(*) FROM unnest(%s::text[]) AS q(key)"  # nosec B608
            " CROSS JOIN LATERAL (SELECT k.doc_id FROM (SELECT doc_id, seq, published FROM link_keys"
            f" WHERE key = q.key ORDER BY seq DESC LIMIT %s) k{window} ORDER BY k.seq DESC LIMIT %s) x"
            " GROUP BY x.doc_id",
            (list(dict.fromkeys(_key(k) for k in keys)), scan, *extra, per_key),
        )
        return {r[0]: int(r[1]) for r in rows}

    def link_story_ids(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The story of each linked document."""
        rows = self.conn.execute("SELECT doc_id, story_id FROM link_profiles WHERE doc_id = ANY(%s)", (list(doc_ids),))
        return {r[0]: r[1] for r in rows}

    def link_first_seq(self, story_id: str) -> int:
        row = self._one("SELECT MIN(seq) FROM link_profiles WHERE story_id=%s", (story_id,))
        return int(row[0]) if row[0] is not None else -1

    def link_set_story(self, doc_ids: Iterable[str], story_id: str) -> None:
        """Move some linked documents to a story (a story split in two)."""
        self.conn.execute("UPDATE link_profiles SET story_id=%s WHERE doc_id = ANY(%s)", (story_id, list(doc_ids)))

    def put_story(self, story: Story) -> None:
        """Write one story (insert or replace) with its documents."""
        with self.conn.cursor() as cur:
            cur.execute(
                "INSERT INTO stories(id, body) VALUES (%s,%s) ON CONFLICT (id) DO UPDATE SET body=excluded.body",
                (story.id, story.model_dump_json()),
            )
            cur.execute("DELETE FROM story_documents WHERE story_id=%s", (story.id,))
            cur.executemany(
                "INSERT INTO story_documents(story_id, doc_id) VALUES (%s,%s)", [(story.id, d) for d in story.doc_ids]
            )
        self._date_stories([story.id])

    def found_ids(self, doc_ids: Iterable[str]) -> tuple[list[str], list[str]]:
        """Ids of the events and of the claims found in these documents, in document order."""
        wanted = list(doc_ids)
        found = []
        for table in ("events", "claims"):
            rows = self.conn.execute(
                # formatted in: fixed table names; every value is bound (bandit B608)
                f"SELECT t.id FROM unnest(%s::text[]) WITH ORDINALITY AS q(doc_id, n) JOIN {table} t"  # nosec B608
                " ON t.doc_id = q.doc_id ORDER BY q.n, t.seq", (wanted,)
            )
            found.append([r[0] for r in rows])
        return found[0], found[1]

    # -- reading ------------------------------------------------------------

    def analyzed(self, doc_id: str) -> AnalyzedDocument | None:
        doc = self.document(doc_id)
        row = self.conn.execute(
            "SELECT places, times, mentions, regions, warnings FROM analyses WHERE doc_id=%s", (doc_id,)
        ).fetchone()
        if doc is None or row is None:
            return None
        places, times, mentions_json, regions, warnings = row
        mentions = MENTIONS.validate_json(mentions_json)
        actor_ids = sorted({m.actor_id for m in mentions})
        return AnalyzedDocument(
            document=doc,
            places=PLACES.validate_json(places),
            times=TIMES.validate_json(times),
            mentions=mentions,
            regions=REGIONS.validate_json(regions),
            actors=self.actors(actor_ids),
            events=self.events(doc_id),
            claims=self.claims(doc_id),
            responsibility=self.responsibility(doc_id),
            warnings=ERRORS.validate_json(warnings),
        )

    def actors(self, ids: Iterable[str] | None = None) -> list[Actor]:
        if ids is None:
            rows = self.conn.execute("SELECT body FROM actors ORDER BY id").fetchall()
        else:
            rows = self.conn.execute("SELECT body FROM actors WHERE id = ANY(%s) ORDER BY id", (list(ids),)).fetchall()
        return [Actor.model_validate_json(r[0]) for r in rows]

    def events(self, doc_id: str | None = None) -> list[Event]:
        return [Event.model_validate_json(body) for body in self._bodies("events", doc_id)]

    def claims(self, doc_id: str | None = None) -> list[Claim]:
        return [Claim.model_validate_json(body) for body in self._bodies("claims", doc_id)]

    def responsibility(self, doc_id: str | None = None) -> list[Responsibility]:
        return [Responsibility.model_validate_json(body) for body in self._bodies("responsibility", doc_id)]

    def search(self, query: str, limit: int = 20) -> list[str]:
        """Ids of documents whose title or text match an FTS5 query (read as the module docstring says),
        best first."""
        text = websearch_text(query)
        if not text:
            return []
        rows = self.conn.execute(
            "SELECT d.id FROM documents d, websearch_to_tsquery('simple', %s) q WHERE d.search @@ q"
            " ORDER BY ts_rank(d.search, q, 1) DESC, d.seq LIMIT %s",
            (text, limit),
        ).fetchall()
        return [r[0] for r in rows]

    def counts(self) -> dict[str, int]:
        tables = ("documents", "events", "claims", "actors", "stories", "errors")
        # formatted in: fixed table names; every value is bound (bandit B608)
        return {t: int(self._one(f"SELECT COUNT(*) FROM {t}")[0]) for t in tables}  # nosec B608

    # -- per-story links (merged events, claim groups, contradictions) --------

    def analyzer_versions(self, doc_ids: Iterable[str]) -> dict[str, str | None]:
        wanted = list(doc_ids)
        rows = self.conn.execute(
            "SELECT doc_id, analyzer_version FROM analyses WHERE doc_id = ANY(%s)", (wanted,)
        ).fetchall()
        found = {r[0]: str(r[1]) for r in rows}
        return {doc_id: found.get(doc_id) for doc_id in wanted}

    def prune_story_links(self, keep: Iterable[str]) -> int:
        """Drop the links of stories that no longer exist; return how many."""
        stale = set(self.story_link_signatures()) - set(keep)
        with self.transaction() as conn:
            conn.execute("DELETE FROM story_links WHERE story_id = ANY(%s)", (sorted(stale),))
            conn.execute("DELETE FROM story_link_memos WHERE story_id = ANY(%s)", (sorted(stale),))
        return len(stale)

    # -- live sources: what was fetched, and what a server said to ask "has it changed?" --------

    def fetch_state(self, url: str) -> FetchState | None:
        row = self.conn.execute(
            "SELECT url, kind, etag, last_modified, fetched_at, status, error, attempts FROM fetch_state"
            " WHERE md5(url) = md5(%s) AND url = %s", (url, url),
        ).fetchone()
        if row is None:
            return None
        return FetchState(url=row[0], kind=row[1], etag=row[2], last_modified=row[3], fetched_at=row[4],
                          status=row[5], error=row[6], attempts=row[7])

    def save_fetch_state(self, state: FetchState) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO fetch_state(url, kind, etag, last_modified, fetched_at, status, error, attempts)"
                " VALUES (%s,%s,%s,%s,%s,%s,%s,%s) ON CONFLICT (md5(url)) DO UPDATE SET kind=excluded.kind,"
                " etag=excluded.etag, last_modified=excluded.last_modified, fetched_at=excluded.fetched_at,"
                " status=excluded.status, error=excluded.error, attempts=excluded.attempts",
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
        limit = give_up_after if give_up_after is not None else 2**62
        for url in set(urls):
            if self.conn.execute("SELECT 1 FROM documents WHERE url=%s LIMIT 1", (url,)).fetchone() or \
                    self.conn.execute(
                        "SELECT 1 FROM fetch_state WHERE md5(url) = md5(%s) AND url=%s AND kind='page'"
                        " AND (status=200 OR attempts>=%s)", (url, url, limit),
                    ).fetchone():
                found.add(url)
        for external_id in set(external_ids):
            if self.conn.execute(
                "SELECT 1 FROM documents WHERE external_id=%s LIMIT 1", (external_id,)
            ).fetchone():
                found.add(external_id)
        return found

    # -- helpers --------------------------------------------------------------

    def _one(self, sql: str, args: Sequence[Any] = ()) -> tuple[Any, ...]:
        row = self.conn.execute(sql, args).fetchone()
        assert row is not None  # aggregates always give a row
        return tuple(row)

    def _bodies(self, table: str, doc_id: str | None) -> list[str]:
        if doc_id is None:
            # formatted in: table from the store's own calls; every value is bound (bandit B608)
            rows = self.conn.execute(f"SELECT body FROM {table} ORDER BY doc_id, seq")  # nosec B608
        else:
            # formatted in: table from the store's own calls; every value is bound (bandit B608)
            rows = self.conn.execute(f"SELECT body FROM {table} WHERE doc_id=%s ORDER BY seq", (doc_id,))  # nosec B608
        return [r[0] for r in rows]


def in_step(postgres: Sequence[Any], sqlite: Sequence[Any]) -> None:
    """Refuse to run with the two backends' migrations out of step (a programming error, caught by the tests)."""
    theirs = [(m.version, m.name) for m in sqlite]
    ours = [(m.version, m.name) for m in postgres]
    if ours != theirs:
        raise RuntimeError(f"the PostgreSQL migrations {ours} do not match the SQLite ones {theirs}")


def _key(key: str) -> str:
    if len(key.encode()) <= MAX_KEY_BYTES:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def _without(text: str, secret: str) -> str:
    return text.replace(secret, "***") if secret else text


