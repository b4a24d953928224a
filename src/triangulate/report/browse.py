"""browse: what the CLI, the HTTP API and the page list and filter in a store: stories, merged events,
claims and contradictions, newest first, a page at a time.

The one place these read the store for listing, so the three layers show the same thing. A filter that
cannot be used raises `FilterError` (its message says what to write instead); an unknown story id given
as a filter raises `UnknownStory`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Protocol, get_args

from triangulate.records import (
    PLOVER_TYPES,
    Actor,
    Claim,
    Contradiction,
    Document,
    Factuality,
    MergedEvent,
    Story,
    StoryLinks,
)

_WORD = re.compile(r"\w+", re.UNICODE)


FACTUALITIES: tuple[str, ...] = get_args(Factuality)


class FilterError(ValueError):
    """A filter that cannot be used; the message names it and says what to write instead."""


class UnknownStory(LookupError):
    """A story id given as a filter that no stored story has."""


class BrowseSource(Protocol):
    """What listing needs from a store."""

    def stories(self) -> list[Story]: ...
    def story(self, story_id: str) -> Story | None: ...
    def document(self, doc_id: str) -> Document | None: ...
    def documents(self) -> list[Document]: ...
    def story_links(self) -> dict[str, tuple[str, StoryLinks]]: ...
    def search(self, query: str, limit: int = 20) -> list[str]: ...
    def actors(self, ids: list[str] | None = None) -> list[Actor]: ...
    def claims(self, doc_id: str | None = None) -> list[Claim]: ...
    def story_link(self, story_id: str) -> StoryLinks | None: ...
    # the stories list, a page at a time
    def story_page(self, offset: int, limit: int) -> list[str]: ...
    def story_count(self) -> int: ...
    def stories_of(self, doc_ids: Iterable[str]) -> dict[str, str]: ...
    def stories_by_id(self, ids: Iterable[str]) -> dict[str, Story]: ...


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
    stories with a report whose title or text holds all its words, each naming those reports. Only the
    stories listed (and, with a query, those matching) are read: the page does not grow with the archive."""
    offset, limit = max(0, offset), max(0, limit)
    if query is None or not query.strip():
        ids = store.story_page(offset, limit)
        found = store.stories_by_id(ids)
        page = [_summary(store, found[i]) for i in ids if i in found]
        return StoryPage(total=store.story_count(), offset=offset, limit=limit, stories=page)
    fts = fts_query(query)
    hits = store.search(fts, limit=10_000) if fts else []
    story_of = store.stories_of(hits)
    matches: dict[str, list[str]] = {}
    for doc_id in hits:
        if doc_id in story_of:
            matches.setdefault(story_of[doc_id], []).append(doc_id)
    summaries = [_summary(store, story, matches[story.id]) for story in store.stories_by_id(matches).values()]
    summaries.sort(key=lambda s: (s.last_published or "", s.id), reverse=True)
    return StoryPage(total=len(summaries), offset=offset, limit=limit, stories=summaries[offset:offset + limit])


def _summary(store: BrowseSource, story: Story, matches: list[str] | None = None) -> StorySummary:
    docs = [d for d in (store.document(i) for i in story.doc_ids) if d is not None]
    summary = summarize(story, docs, store.story_link(story.id))
    summary.matches = matches or []
    return summary


# -- merged events ----------------------------------------------------------------


@dataclass(frozen=True)
class BBox:
    """A bounding box in degrees; west > east is a box across the 180° line."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text: str) -> BBox:
        """`minlon,minlat,maxlon,maxlat`, as GeoJSON and most map tools write it."""
        parts = text.split(",")
        how = "write it as minlon,minlat,maxlon,maxlat in degrees, e.g. 43,32,46,35"
        if len(parts) != 4:
            raise FilterError(f"bbox {text!r} has {len(parts)} numbers, not 4; {how}")
        try:
            west, south, east, north = (float(p) for p in parts)
        except ValueError:
            raise FilterError(f"bbox {text!r} holds something that is not a number; {how}") from None
        if not all(math.isfinite(v) for v in (west, south, east, north)):
            raise FilterError(f"bbox {text!r} holds a number that is not finite; {how}")
        if not (-180 <= west <= 180 and -180 <= east <= 180):
            raise FilterError(f"bbox {text!r}: longitudes run from -180 to 180; {how}")
        if not (-90 <= south <= 90 and -90 <= north <= 90):
            raise FilterError(f"bbox {text!r}: latitudes run from -90 to 90; {how}")
        if south > north:
            raise FilterError(f"bbox {text!r}: minlat is north of maxlat; {how}")
        return cls(west, south, east, north)

    def contains(self, lon: float, lat: float) -> bool:
        if not self.south <= lat <= self.north:
            return False
        if self.west <= self.east:
            return self.west <= lon <= self.east
        return lon >= self.west or lon <= self.east  # across the 180° line


@dataclass(frozen=True)
class EventFilter:
    """Which merged events to list; every filter given must hold. Build it with `event_filter`."""

    since: date | None = None
    until: date | None = None
    bbox: BBox | None = None
    type: str | None = None
    actor: str | None = None
    min_origins: int = 0


def event_filter(
    since: date | None = None, until: date | None = None, bbox: str | None = None, type: str | None = None,
    actor: str | None = None, min_origins: int = 0,
) -> EventFilter:
    """The filter checked: a date range that runs forwards, a readable bbox, a PLOVER type, origins >= 0."""
    if since and until and since > until:
        raise FilterError(f"since ({since}) is after until ({until}); give the earlier date as since")
    plover = None
    if type is not None and type.strip():
        plover = type.strip().upper()
        if plover not in PLOVER_TYPES:
            raise FilterError(f"type {type!r} is not a PLOVER event type; use one of {', '.join(PLOVER_TYPES)}")
    if min_origins < 0:
        raise FilterError(f"min_origins is {min_origins}; give 0 or more")
    wanted_actor = actor.strip() if actor and actor.strip() else None
    return EventFilter(since, until, BBox.parse(bbox) if bbox else None, plover, wanted_actor, min_origins)


@dataclass
class EventPage:
    """Merged events (one real event across the reports of a story, each naming its story), newest first."""

    total: int
    offset: int
    limit: int
    events: list[MergedEvent]

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "offset": self.offset, "limit": self.limit,
                "events": [e.model_dump(mode="json") for e in self.events]}


def _event_ids(event: MergedEvent) -> set[str]:
    ids = {a for a in (event.source_actor, event.target_actor) if a}
    if event.perpetrator:
        ids.update(c.actor for c in event.perpetrator.candidates if c.actor)
    return ids


def _names_actor(event: MergedEvent, wanted: str, actors: dict[str, Actor]) -> bool:
    """Whether the event's doer, target or a candidate perpetrator is `wanted`: an actor id (any case),
    or words found in an actor's name or aliases or a candidate's name."""
    folded = wanted.casefold()
    ids = _event_ids(event)
    if any(i.casefold() == folded for i in ids):
        return True
    names = [n for i in ids if i in actors for n in (actors[i].name, *actors[i].aliases)]
    if event.perpetrator:
        names += [c.name for c in event.perpetrator.candidates]
    return any(folded in n.casefold() for n in names)


def _in_range(event: MergedEvent, since: date | None, until: date | None) -> bool:
    """Whether any day of the event falls in the range; an event with no known date is in no range."""
    if since is None and until is None:
        return True
    if event.date is None or event.date.start_date is None:
        return False
    first = event.date.start_date
    last = event.date.end_date or first
    return (since is None or last >= since) and (until is None or first <= until)


def _event_matches(event: MergedEvent, wanted: EventFilter, actors: dict[str, Actor]) -> bool:
    if wanted.type and event.type != wanted.type:
        return False
    if len(event.origins) < wanted.min_origins:
        return False
    if not _in_range(event, wanted.since, wanted.until):
        return False
    if wanted.bbox:
        place = event.place
        if place is None or place.lat is None or place.lon is None or not wanted.bbox.contains(place.lon, place.lat):
            return False
    return not wanted.actor or _names_actor(event, wanted.actor, actors)


def list_events(
    store: BrowseSource, wanted: EventFilter | None = None, offset: int = 0, limit: int = 50
) -> EventPage:
    """The merged events of every story that pass `wanted`, newest first (by the event's first day;
    undated events last), `limit` from `offset`."""
    wanted = wanted or EventFilter()
    events = [m for _, links in store.story_links().values() for m in links.merged_events]
    actors: dict[str, Actor] = {}
    if wanted.actor:
        actors = {a.id: a for a in store.actors(sorted({i for m in events for i in _event_ids(m)}))}
    found = [m for m in events if _event_matches(m, wanted, actors)]
    found.sort(key=lambda m: m.id)
    found.sort(key=lambda m: (m.date.start_date if m.date and m.date.start_date else date.min), reverse=True)
    return EventPage(len(found), *_window(offset, limit), events=_page(found, offset, limit))


# -- claims and contradictions ----------------------------------------------------


class ClaimEntry(Claim):
    """A claim with the story its report belongs to (None: the report is in no story yet)."""

    story_id: str | None = None


@dataclass
class ClaimPage:
    """Attributed claims, newest report first, each naming its story."""

    total: int
    offset: int
    limit: int
    claims: list[ClaimEntry]

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "offset": self.offset, "limit": self.limit,
                "claims": [c.model_dump(mode="json") for c in self.claims]}


def claim_factuality(text: str | None) -> str | None:
    """A factuality filter checked against the values claims carry (CT+, PR-, Uu, ...)."""
    if text is None or not text.strip():
        return None
    value = text.strip()
    if value in FACTUALITIES:
        return value
    hint = ""
    if f"{value}+" in FACTUALITIES and text != value:  # a "+" left unescaped in a URL reads as a space
        hint = f"; in a URL write + as %2B ({value}%2B)"
    raise FilterError(f"factuality {text!r} is not one of {', '.join(FACTUALITIES)}{hint}")


def _story(store: BrowseSource, story_id: str) -> Story:
    story = store.story(story_id)
    if story is None:
        raise UnknownStory(f"no story {story_id!r}")
    return story


def list_claims(
    store: BrowseSource, speaker: str | None = None, factuality: str | None = None, story: str | None = None,
    offset: int = 0, limit: int = 50,
) -> ClaimPage:
    """Claims that pass every filter given, newest report first (the report's own order within it):
    `speaker` an actor id (any case) or words of the speaker as the report names them or of the actor's
    name; `factuality` one of `FACTUALITIES`; `story` a story id (`UnknownStory` when none has it)."""
    wanted_factuality = claim_factuality(factuality)
    docs = {d.id: d for d in store.documents()}
    story_of = {d: s.id for s in store.stories() for d in s.doc_ids}
    claims = [c for d in _story(store, story).doc_ids for c in store.claims(d)] if story else store.claims()
    if wanted_factuality:
        claims = [c for c in claims if c.factuality == wanted_factuality]
    if speaker and speaker.strip():
        folded = speaker.strip().casefold()
        names = {a.id: a for a in store.actors(sorted({c.speaker for c in claims if c.speaker}))}

        def said_by(claim: Claim) -> bool:
            known = names.get(claim.speaker or "")
            words = [claim.speaker_text, *((known.name, *known.aliases) if known else ())]
            return (claim.speaker or "").casefold() == folded or any(folded in w.casefold() for w in words)

        claims = [c for c in claims if said_by(c)]
    order = {doc_id: n for n, doc_id in enumerate(_newest_first(docs.values()))}
    claims.sort(key=lambda c: order.get(c.doc_id, len(order)))  # stable: the report's order within it
    page = [ClaimEntry(**c.model_dump(), story_id=story_of.get(c.doc_id)) for c in _page(claims, offset, limit)]
    return ClaimPage(len(claims), *_window(offset, limit), claims=page)


@dataclass
class ContradictionPage:
    """Contradictions found inside stories, the newest story first."""

    total: int
    offset: int
    limit: int
    contradictions: list[Contradiction]

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "offset": self.offset, "limit": self.limit,
                "contradictions": [c.model_dump(mode="json") for c in self.contradictions]}


def list_contradictions(
    store: BrowseSource, story: str | None = None, offset: int = 0, limit: int = 50
) -> ContradictionPage:
    """The contradictions of every story (or of `story` only), newest story first."""
    links = store.story_links()
    if story:
        _story(store, story)
        found = list(links[story][1].contradictions) if story in links else []
    else:
        newest = {d: n for n, d in enumerate(_newest_first(store.documents()))}
        stories = sorted(store.stories(), key=lambda s: (min((newest.get(d, len(newest)) for d in s.doc_ids),
                                                             default=len(newest)), s.id))
        found = [c for s in stories if s.id in links for c in links[s.id][1].contradictions]
    return ContradictionPage(len(found), *_window(offset, limit), contradictions=_page(found, offset, limit))


def _newest_first(docs: Iterable[Document]) -> list[str]:
    """Document ids by publication date, newest first; undated ones last."""
    listed: list[Document] = sorted(docs, key=lambda d: d.id)
    listed.sort(key=lambda d: d.published or date.min, reverse=True)
    return [d.id for d in listed]


def _window(offset: int, limit: int) -> tuple[int, int]:
    return max(0, offset), max(0, limit)


def _page(items: list[Any], offset: int, limit: int) -> list[Any]:
    offset, limit = _window(offset, limit)
    return items[offset:offset + limit]
