"""browse: what the CLI, the HTTP API and the page list and look up in a store: stories, newest first.

The one place these read the store for listing, so the three layers show the same thing.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from triangulate.records import Document, Story, StoryLinks

_WORD = re.compile(r"\w+", re.UNICODE)


class BrowseSource(Protocol):
    """What listing needs from a store."""

    def stories(self) -> list[Story]: ...
    def document(self, doc_id: str) -> Document | None: ...
    def story_links(self) -> dict[str, tuple[str, StoryLinks]]: ...
    def search(self, query: str, limit: int = 20) -> list[str]: ...


@dataclass
class StorySummary:
    """One line of the stories list."""

    id: str
    headline: str
    first_published: str | None
    last_published: str | None
    reports: int
    outlets: list[str]
    independent_origins: int
    merged_events: int
    contradictions: int
    matches: list[str] = field(default_factory=list)  # ids of the story's reports that match the search

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class StoryPage:
    total: int
    offset: int
    limit: int
    stories: list[StorySummary]

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "offset": self.offset, "limit": self.limit,
                "stories": [s.to_json() for s in self.stories]}


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query matching all of them; FTS5 syntax in the input is not obeyed
    (every word is quoted), so no search text can make the query fail."""
    words = _WORD.findall(text)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def summarize(story: Story, docs: list[Document], links: StoryLinks | None) -> StorySummary:
    dates = sorted(d.published.isoformat() for d in docs if d.published)
    outlets = sorted({d.outlet for d in docs if d.outlet})
    merged = links.merged_events if links else []
    origins = {(o.speaker, o.outlet) for m in merged for o in m.origins}
    return StorySummary(
        id=story.id,
        headline=story.headline,
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        reports=len(story.doc_ids),
        outlets=outlets,
        independent_origins=len(origins),
        merged_events=len(merged),
        contradictions=len(links.contradictions) if links else 0,
    )


def list_stories(store: BrowseSource, query: str | None = None, offset: int = 0, limit: int = 50) -> StoryPage:
    """Stories newest first (by their latest report), `limit` from `offset`; with `query`, only the
    stories with a report whose title or text holds all its words, each naming those reports."""
    stories = store.stories()
    matches: dict[str, list[str]] = {}
    if query is not None and query.strip():
        fts = fts_query(query)
        hits = store.search(fts, limit=10_000) if fts else []
        story_of = {d: s.id for s in stories for d in s.doc_ids}
        for doc_id in hits:
            if doc_id in story_of:
                matches.setdefault(story_of[doc_id], []).append(doc_id)
        stories = [s for s in stories if s.id in matches]
    links = store.story_links()
    summaries = []
    for story in stories:
        docs = [d for d in (store.document(i) for i in story.doc_ids) if d is not None]
        summary = summarize(story, docs, links[story.id][1] if story.id in links else None)
        summary.matches = matches.get(story.id, [])
        summaries.append(summary)
    summaries.sort(key=lambda s: (s.last_published or "", s.id), reverse=True)
    offset, limit = max(0, offset), max(0, limit)
    return StoryPage(total=len(summaries), offset=offset, limit=limit, stories=summaries[offset:offset + limit])
