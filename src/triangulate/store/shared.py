"""What the SQLite and PostgreSQL stores share: the queries that differ only in their placeholders,
written once with `?` (each store says which placeholder it uses), and the JSON column readers."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any

from pydantic import TypeAdapter

from triangulate.records import (
    ActorMention,
    AnalyzedDocument,
    Document,
    IngestError,
    Place,
    Region,
    Story,
    StoryLinks,
    TimeRef,
)

PLACES = TypeAdapter(list[Place])
TIMES = TypeAdapter(list[TimeRef])
MENTIONS = TypeAdapter(list[ActorMention])
REGIONS = TypeAdapter(list[Region])
ERRORS = TypeAdapter(list[IngestError])
SCANNED = 10  # postings of a key looked at for a time window: this many times those kept


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
    def documents(self) -> list[Document]:
        """Each store's own."""

    @abstractmethod
    def analyzed(self, doc_id: str) -> AnalyzedDocument | None:
        """Each store's own."""

    def close(self) -> None:
        self.conn.close()

    def analyzed_version(self, doc_id: str) -> str | None:
        row = self.conn.execute(self._sql("SELECT analyzer_version FROM analyses WHERE doc_id=?"), (doc_id,)).fetchone()
        return None if row is None else str(row[0])

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

    def save_story_links(self, links: StoryLinks, signature: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                self._sql("INSERT INTO story_links(story_id, signature, body) VALUES (?,?,?) ON CONFLICT (story_id)"
                          " DO UPDATE SET signature=excluded.signature, body=excluded.body"),
                (links.story_id, signature, links.model_dump_json()),
            )
