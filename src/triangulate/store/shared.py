"""What the SQLite and PostgreSQL stores share: the queries that differ only in their placeholders,
written once with `?` (each store says which placeholder it uses), and the JSON column readers."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date, timedelta
from typing import Any

from pydantic import TypeAdapter

from triangulate.records import (
    Actor,
    ActorMention,
    AnalyzedDocument,
    Claim,
    Document,
    Event,
    IngestError,
    Place,
    Region,
    Responsibility,
    Story,
    StoryLinks,
    TimeRef,
)


def date_window(around: date, days: int) -> tuple[str, str]:
    """The ISO days `days` either side of `around`, held within the calendar (a report dated 9999-12-31
    given through the Python API must not overflow)."""
    span = timedelta(days=days)
    low = around - span if around - date.min >= span else date.min
    high = around + span if date.max - around >= span else date.max
    return low.isoformat(), high.isoformat()


PLACES = TypeAdapter(list[Place])
TIMES = TypeAdapter(list[TimeRef])
MENTIONS = TypeAdapter(list[ActorMention])
REGIONS = TypeAdapter(list[Region])
ERRORS = TypeAdapter(list[IngestError])
DOCUMENT_COLUMNS = "id, external_id, title, outlet, url, published, language, text, source"
SCANNED = 10  # postings of a key looked at for a time window: this many times those kept
IN_CHUNK = 500  # ids bound in one IN (...) list
# the analyzed documents, in the dossier's order: by publication day, undated last, then id
_ANALYZED_ORDER = (
    "FROM documents d JOIN analyses a ON a.doc_id = d.id ORDER BY d.published IS NULL, d.published, d.id"
)


_MAX_ROWS = 1 << 62  # past any table, and within the databases' 64-bit integers (a page's offset is a user's number)


class SharedQueries(ABC):
    """Methods of both stores; a store sets `conn` and `PLACEHOLDER` and gives the abstract methods."""

    conn: Any
    PLACEHOLDER = "?"

    def _sql(self, text: str) -> str:
        return text if self.PLACEHOLDER == "?" else text.replace("?", self.PLACEHOLDER)

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Any]:
        """Each store's own."""

    @abstractmethod
    def analyzed(self, doc_id: str) -> AnalyzedDocument | None:
        """Each store's own."""

    def close(self) -> None:
        self.conn.close()

    def documents(self) -> list[Document]:
        rows = self.conn.execute(
            # formatted in: a fixed column list (bandit B608)
            f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY published IS NULL, published, id"  # nosec B608
        ).fetchall()
        return [document_from_row(row) for row in rows]

    def document(self, doc_id: str) -> Document | None:
        # formatted in: a fixed column list; the id is bound (bandit B608)
        row = self.conn.execute(self._sql(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id=?"), (doc_id,)).fetchone()  # nosec B608
        return None if row is None else document_from_row(row)

    def document_titles(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The title of each of these documents that has one (not empty), read without their texts."""
        return {str(r[0]): str(r[1]) for r in self._rows_in(
            "SELECT id, title FROM documents WHERE id IN ({marks}) AND title IS NOT NULL AND title <> ''", doc_ids)}

    def analyzed_version(self, doc_id: str) -> str | None:
        row = self.conn.execute(self._sql("SELECT analyzer_version FROM analyses WHERE doc_id=?"), (doc_id,)).fetchone()
        return None if row is None else str(row[0])

    def link_profiles(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The profile JSON of each of these linked documents (those linked), read in one go."""
        return {str(r[0]): str(r[1]) for r in self._rows_in(
            "SELECT doc_id, body FROM link_profiles WHERE doc_id IN ({marks})", doc_ids)}

    def analyzed_many(
        self, doc_ids: Iterable[str], saved: Mapping[str, AnalyzedDocument] | None = None
    ) -> dict[str, AnalyzedDocument]:
        """`analyzed` of each of these documents that is stored analyzed, read table by table (a story's
        reports in a few queries instead of several per report). `saved`: analyses as this connection
        just saved them (`save`), by id; what was found in those is taken from them rather than read back
        and validated again (the same values), their document and actors still read (a later report
        may have changed an actor, and a document stored before keeps its row)."""
        wanted = list(dict.fromkeys(doc_ids))
        held = {d: saved[d] for d in wanted if d in saved} if saved else {}
        unread = [d for d in wanted if d not in held]
        documents = {str(r[0]): document_from_row(r) for r in self._rows_in(
            # formatted in: a fixed column list; the ids are bound (bandit B608)
            f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id IN ({{marks}})", wanted)}  # nosec B608
        analyses: dict[str, Sequence[Any]] = {str(r[0]): r for r in self._rows_in(
            "SELECT doc_id, places, times, mentions, regions, warnings FROM analyses WHERE doc_id IN ({marks})",
            unread)}
        found: dict[str, dict[str, list[Any]]] = {d: {} for d in wanted}
        for table, model in (("events", Event), ("claims", Claim), ("responsibility", Responsibility)):
            for doc_id, _, body in sorted((str(r[0]), int(r[1]), r[2]) for r in self._rows_in(
                    # formatted in: fixed table names; the ids are bound (bandit B608)
                    f"SELECT doc_id, seq, body FROM {table} WHERE doc_id IN ({{marks}})", unread)):  # nosec B608
                found[doc_id].setdefault(table, []).append(model.model_validate_json(body))
        stored = {d for d, in self._rows_in("SELECT doc_id FROM analyses WHERE doc_id IN ({marks})", held)}
        for doc_id, item in held.items():
            if doc_id in stored:  # still stored analyzed (`analyses`' row is what makes it so)
                analyses[doc_id] = (doc_id, item.places, item.times, item.mentions, item.regions, item.warnings)
                found[doc_id] = {"events": item.events, "claims": item.claims, "responsibility": item.responsibility}
        mentions = {d: row[3] if d in held else MENTIONS.validate_json(row[3]) for d, row in analyses.items()}
        actor_ids = {m.actor_id for found_mentions in mentions.values() for m in found_mentions}
        actors = {a.id: a for a in (Actor.model_validate_json(r[0]) for r in self._rows_in(
            "SELECT body FROM actors WHERE id IN ({marks})", sorted(actor_ids)))}
        result: dict[str, AnalyzedDocument] = {}
        for doc_id in wanted:
            doc, row = documents.get(doc_id), analyses.get(doc_id)
            if doc is None or row is None:
                continue
            ids = sorted({m.actor_id for m in mentions[doc_id]})
            mine = doc_id in held
            result[doc_id] = AnalyzedDocument(
                document=doc,
                places=row[1] if mine else PLACES.validate_json(row[1]),
                times=row[2] if mine else TIMES.validate_json(row[2]),
                mentions=mentions[doc_id],
                regions=row[4] if mine else REGIONS.validate_json(row[4]),
                actors=[actors[a] for a in ids if a in actors],
                events=found[doc_id].get("events", []),
                claims=found[doc_id].get("claims", []),
                responsibility=found[doc_id].get("responsibility", []),
                warnings=row[5] if mine else ERRORS.validate_json(row[5]),
            )
        return result

    def link_members(self, story_id: str, limit: int | None = None) -> list[str]:
        """A story's documents in the order they were linked (the `limit` most recent)."""
        if limit is None:
            rows = self.conn.execute(
                self._sql("SELECT doc_id FROM link_profiles WHERE story_id=? ORDER BY seq"), (story_id,)
            ).fetchall()
            return [r[0] for r in rows]
        rows = self.conn.execute(
            self._sql("SELECT doc_id FROM link_profiles WHERE story_id=? ORDER BY seq DESC LIMIT ?"), (story_id, limit)
        ).fetchall()
        return [r[0] for r in reversed(rows)]

    def link_count(self) -> int:
        """How many documents are linked (a counter, so that no query counts the archive)."""
        return int(self.link_state("linked") or 0)

    def _count_linked(self, step: int) -> None:
        self.conn.execute(self._sql(
            "UPDATE link_state SET value = CAST(CAST(value AS INTEGER) + ? AS TEXT) WHERE name = 'linked'"), (step,))

    def link_state(self, name: str) -> str | None:
        """A value the link stage keeps in the store (the rules its stored links were made by)."""
        row = self.conn.execute(self._sql("SELECT value FROM link_state WHERE name=?"), (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_link_state(self, name: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(self._sql("INSERT INTO link_state(name, value) VALUES (?,?) ON CONFLICT (name)"
                                   " DO UPDATE SET value=excluded.value"), (name, value))

    def link_move(self, from_story: str, to_story: str) -> None:
        self.conn.execute(self._sql("UPDATE link_profiles SET story_id=? WHERE story_id=?"), (to_story, from_story))

    def delete_story(self, story_id: str) -> None:
        """Remove a story with its stored links."""
        self.conn.execute(self._sql("DELETE FROM stories WHERE id=?"), (story_id,))
        self.conn.execute(self._sql("DELETE FROM story_links WHERE story_id=?"), (story_id,))
        self.conn.execute(self._sql("DELETE FROM story_link_memos WHERE story_id=?"), (story_id,))
        self.conn.execute(self._sql("DELETE FROM story_links_due WHERE story_id=?"), (story_id,))

    def mark_links_due(self, story_id: str) -> None:
        """Note that a story's links must be made again, with a new mark (call it in the transaction that
        changed the story)."""
        self.conn.execute(self._sql("DELETE FROM story_links_due WHERE story_id=?"), (story_id,))
        self.conn.execute(self._sql("INSERT INTO story_links_due(story_id) VALUES (?)"), (story_id,))

    def links_due(self) -> dict[str, int]:
        """The stories whose links are due (changed by linking, and not linked again since), with their marks."""
        return {r[0]: int(r[1]) for r in self.conn.execute("SELECT story_id, mark FROM story_links_due ORDER BY story_id")}

    def clear_links_due(self, marks: Mapping[str, int]) -> None:
        """These stories' links are current (their signature matched), or the stories are gone: clear each
        mark unless the story was marked again since (another writer changed it and will link it)."""
        with self.transaction() as conn:
            for story_id, mark in marks.items():
                conn.execute(self._sql("DELETE FROM story_links_due WHERE story_id=? AND mark=?"), (story_id, mark))

    def all_analyzed(self) -> list[AnalyzedDocument]:
        found = (self.analyzed(doc.id) for doc in self.documents())
        return [a for a in found if a is not None]

    def stories(self) -> list[Story]:
        rows = self.conn.execute("SELECT body FROM stories ORDER BY id").fetchall()
        return [Story.model_validate_json(r[0]) for r in rows]

    def story(self, story_id: str) -> Story | None:
        row = self.conn.execute(self._sql("SELECT body FROM stories WHERE id=?"), (story_id,)).fetchone()
        return None if row is None else Story.model_validate_json(row[0])

    def errors(self) -> list[IngestError]:
        rows = self.conn.execute("SELECT source, code, message FROM errors ORDER BY id").fetchall()
        return [IngestError(source=r[0], code=r[1], message=r[2]) for r in rows]

    def story_link_signatures(self, story_ids: Iterable[str] | None = None) -> dict[str, str]:
        """The signature each story's stored links were made for (of the stories given, or all)."""
        if story_ids is None:
            return {r[0]: r[1] for r in self.conn.execute("SELECT story_id, signature FROM story_links")}
        query = self._sql("SELECT signature FROM story_links WHERE story_id=?")
        found = {i: self.conn.execute(query, (i,)).fetchone() for i in story_ids}
        return {i: str(row[0]) for i, row in found.items() if row is not None}

    def story_links(self) -> dict[str, tuple[str, StoryLinks]]:
        """Stored links by story id, each with the signature it was computed for."""
        rows = self.conn.execute("SELECT story_id, signature, body FROM story_links ORDER BY story_id")
        return {r[0]: (r[1], StoryLinks.model_validate_json(r[2])) for r in rows}

    def story_link(self, story_id: str) -> StoryLinks | None:
        """One story's stored links, or None when it was never linked."""
        row = self.conn.execute(self._sql("SELECT body FROM story_links WHERE story_id=?"), (story_id,)).fetchone()
        return None if row is None else StoryLinks.model_validate_json(row[0])

    def story_link_memo(self, story_id: str) -> str | None:
        """What linking the story last found that linking it again takes back (`link.memo`), if kept."""
        row = self.conn.execute(self._sql("SELECT body FROM story_link_memos WHERE story_id=?"), (story_id,)).fetchone()
        return None if row is None else str(row[0])

    def save_story_links(self, links: StoryLinks, signature: str, mark: int | None = None,
                         memo: str | None = None) -> bool:
        """Store a story's links (and the `memo` made with them), made while its due mark was `mark` (None:
        it was not due), and clear the mark. When the story was marked again since (another writer changed
        it while these links were made), nothing is saved: the links would be stale, and that writer links
        it. Returns whether they were saved."""
        with self.transaction() as conn:
            row = conn.execute(self._sql("SELECT mark FROM story_links_due WHERE story_id=?"), (links.story_id,)).fetchone()
            if (None if row is None else int(row[0])) != mark:
                return False
            conn.execute(
                self._sql("INSERT INTO story_links(story_id, signature, body) VALUES (?,?,?) ON CONFLICT (story_id)"
                          " DO UPDATE SET signature=excluded.signature, body=excluded.body"),
                (links.story_id, signature, links.model_dump_json()),
            )
            if memo is not None:
                conn.execute(
                    self._sql("INSERT INTO story_link_memos(story_id, body) VALUES (?,?) ON CONFLICT (story_id)"
                              " DO UPDATE SET body=excluded.body"),
                    (links.story_id, memo),
                )
            conn.execute(self._sql("DELETE FROM story_links_due WHERE story_id=?"), (links.story_id,))
        return True

    # -- the dossier read a piece at a time (report.files writes the run's files from these) --------

    def dossier_doc_ids(self) -> list[str]:
        """Ids of the analyzed documents, in the dossier's order (`documents()`'s)."""
        # formatted in: a fixed clause (bandit B608)
        return [r[0] for r in self.conn.execute(f"SELECT d.id {_ANALYZED_ORDER}")]  # nosec B608

    def has_analyses(self) -> bool:
        """Whether any document is stored analyzed (without counting them)."""
        return self.conn.execute("SELECT 1 FROM analyses LIMIT 1").fetchone() is not None

    def dossier_scope(self, doc_ids: Iterable[str]) -> tuple[list[str], list[str]]:
        """The stories holding these documents (in the dossier's order), and the analyzed documents of those
        stories with these (in the dossier's order): the part of an archive that a run's reports touch."""
        given = list(dict.fromkeys(doc_ids))
        story_ids = sorted({str(r[0]) for r in self._rows_in(
            "SELECT story_id FROM story_documents WHERE doc_id IN ({marks})", given)})
        members = [str(r[0]) for r in self._rows_in(
            "SELECT doc_id FROM story_documents WHERE story_id IN ({marks})", story_ids)]
        rows = self._rows_in(
            "SELECT d.id, d.published FROM documents d JOIN analyses a ON a.doc_id = d.id WHERE d.id IN ({marks})",
            [*given, *members],
        )
        # `_ANALYZED_ORDER`: undated last, then by date, then by id
        ordered = sorted(rows, key=lambda r: (r[1] is None, str(r[1] or ""), str(r[0])))
        return story_ids, [str(r[0]) for r in ordered]

    def story_page(self, offset: int, limit: int) -> list[str]:
        """Ids of the stories newest first (by their latest report; undated last, then by id, descending),
        `limit` of them from `offset`: read from an index, whatever the number of stories."""
        rows = self.conn.execute(
            self._sql("SELECT id FROM stories ORDER BY last_published DESC, id DESC LIMIT ? OFFSET ?"),
            (min(max(0, limit), _MAX_ROWS), min(max(0, offset), _MAX_ROWS)),
        )
        return [str(r[0]) for r in rows]

    def story_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0])

    def stories_of(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The story of each of these documents that is in one."""
        rows = self._rows_in("SELECT doc_id, story_id FROM story_documents WHERE doc_id IN ({marks})", doc_ids)
        return {str(r[0]): str(r[1]) for r in rows}

    def stories_by_id(self, ids: Iterable[str]) -> dict[str, Story]:
        rows = self._rows_in("SELECT id, body FROM stories WHERE id IN ({marks})", ids)
        return {str(r[0]): Story.model_validate_json(r[1]) for r in rows}

    def _date_stories(self, story_ids: Iterable[str] | None = None) -> None:
        """Set each story's latest report date (of these stories, or all) from its documents."""
        latest = ("UPDATE stories SET last_published = (SELECT COALESCE(MAX(d.published), '')"
                  " FROM story_documents sd JOIN documents d ON d.id = sd.doc_id WHERE sd.story_id = stories.id)")
        if story_ids is None:
            self.conn.execute(latest)
        else:
            for story_id in story_ids:
                self.conn.execute(self._sql(latest + " WHERE id = ?"), (story_id,))

    def story_ids(self) -> list[str]:
        """Ids of the stories, in the dossier's order (`stories()`'s)."""
        return [r[0] for r in self.conn.execute("SELECT id FROM stories ORDER BY id")]

    def dossier_counts(self) -> dict[str, int]:
        """What the dossier holds: analyzed documents, stories, and the events and claims found in those documents."""
        counts = {}
        for name, sql in (
            ("documents", "SELECT COUNT(*) FROM analyses a JOIN documents d ON d.id = a.doc_id"),
            ("stories", "SELECT COUNT(*) FROM stories"),
            ("events", "SELECT COUNT(*) FROM events t JOIN analyses a ON a.doc_id = t.doc_id"),
            ("claims", "SELECT COUNT(*) FROM claims t JOIN analyses a ON a.doc_id = t.doc_id"),
        ):
            counts[name] = int(self.conn.execute(sql).fetchone()[0])
        return counts

    def analyzed_documents_by_id(self, ids: Iterable[str]) -> dict[str, Document]:
        """Those of these documents that are analyzed (the dossier's documents), by id."""
        rows = self._rows_in(
            "SELECT d.id, d.external_id, d.title, d.outlet, d.url, d.published, d.language, d.text, d.source"
            " FROM documents d JOIN analyses a ON a.doc_id = d.id WHERE d.id IN ({marks})", ids,
        )
        return {r[0]: document_from_row(r) for r in rows}

    def analyzed_events_by_id(self, ids: Iterable[str]) -> dict[str, Event]:
        """Those of these events found in analyzed documents, by id."""
        rows = self._rows_in(
            "SELECT t.id, t.body FROM events t JOIN analyses a ON a.doc_id = t.doc_id WHERE t.id IN ({marks})", ids
        )
        return {r[0]: Event.model_validate_json(r[1]) for r in rows}

    def analyzed_claims_by_id(self, ids: Iterable[str]) -> dict[str, Claim]:
        """Those of these claims found in analyzed documents, by id."""
        rows = self._rows_in(
            "SELECT t.id, t.body FROM claims t JOIN analyses a ON a.doc_id = t.doc_id WHERE t.id IN ({marks})", ids
        )
        return {r[0]: Claim.model_validate_json(r[1]) for r in rows}

    def _rows_in(self, sql: str, ids: Iterable[str]) -> list[Sequence[Any]]:
        """The rows of `sql`, whose `{marks}` is an IN list, for these ids (bound a chunk at a time)."""
        wanted = list(dict.fromkeys(ids))
        rows: list[Sequence[Any]] = []
        for start in range(0, len(wanted), IN_CHUNK):
            chunk = wanted[start:start + IN_CHUNK]
            marks = ",".join([self.PLACEHOLDER] * len(chunk))
            # only placeholders are formatted in; the ids are bound
            rows += self.conn.execute(sql.format(marks=marks), chunk).fetchall()  # nosec B608
        return rows


def document_from_row(row: Sequence[Any]) -> Document:
    """A document from its columns in the order of DOCUMENT_COLUMNS: id, external_id, title, outlet, url, published, language,
    text, source."""
    doc_id, external_id, title, outlet, url, published, language, text, source = row
    return Document(
        id=doc_id, external_id=external_id, title=title, outlet=outlet, url=url,
        published=date.fromisoformat(published) if published else None, language=language, text=text, source=source,
    )
