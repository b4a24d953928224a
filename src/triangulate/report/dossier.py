"""dossier: the stored record as one JSON document, and the files written from it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

from triangulate.records import (
    Actor,
    AnalyzedDocument,
    Claim,
    Document,
    Event,
    IngestError,
    Story,
    StoryLinks,
)
from triangulate.version import __version__

DOSSIER_FORMAT = 1


class DossierSource(Protocol):
    """What the dossier needs from a store."""

    def all_analyzed(self) -> list[AnalyzedDocument]: ...
    def stories(self) -> list[Story]: ...
    def errors(self) -> list[IngestError]: ...
    def actors(self, ids: list[str] | None = None) -> list[Actor]: ...
    def story_links(self) -> dict[str, tuple[str, StoryLinks]]: ...
    def story(self, story_id: str) -> Story | None: ...
    def story_link(self, story_id: str) -> StoryLinks | None: ...
    def analyzed(self, doc_id: str) -> AnalyzedDocument | None: ...
    def analyzed_many(
        self, doc_ids: Iterable[str], saved: Mapping[str, AnalyzedDocument] | None = None
    ) -> dict[str, AnalyzedDocument]: ...
    # read a piece at a time, for the run's files (report.files)
    def dossier_doc_ids(self) -> list[str]: ...
    def has_analyses(self) -> bool: ...
    def dossier_scope(self, doc_ids: Iterable[str]) -> tuple[list[str], list[str]]: ...
    def story_ids(self) -> list[str]: ...
    def dossier_counts(self) -> dict[str, int]: ...
    def analyzed_documents_by_id(self, ids: Iterable[str]) -> dict[str, Document]: ...
    def analyzed_events_by_id(self, ids: Iterable[str]) -> dict[str, Event]: ...
    def analyzed_claims_by_id(self, ids: Iterable[str]) -> dict[str, Claim]: ...


def dump(model: Any) -> dict[str, Any]:
    return dict(model.model_dump(mode="json"))


def document_head(doc: Document) -> dict[str, Any]:
    """A document's entry in the dossier without its text and what was found in it: what a citation needs."""
    return {
        "id": doc.id,
        "external_id": doc.external_id,
        "title": doc.title,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published.isoformat() if doc.published else None,
        "language": doc.language,
        "source": doc.source,
    }


def document_entry(
    analyzed: AnalyzedDocument, head: dict[str, Any] | None = None, dump: Callable[[Any], Any] = dump
) -> dict[str, Any]:
    """A report's entry in the dossier; `dump` makes each record found in it its entry (the files take the
    records as they are: their encoder writes them as dumped)."""
    return {
        **(head if head is not None else document_head(analyzed.document)),
        "text": analyzed.document.text,
        "places": [dump(p) for p in analyzed.places],
        "times": [dump(t) for t in analyzed.times],
        "mentions": [dump(m) for m in analyzed.mentions],
        "regions": [dump(r) for r in analyzed.regions],
        "errors": [dump(w) for w in analyzed.warnings],
    }


def referenced_actor_ids(docs: Iterable[AnalyzedDocument]) -> list[str]:
    """The actors the documents' mentions, events and claims name: the dossier's actors."""
    ids: set[str] = set()
    for analyzed in docs:
        ids.update(m.actor_id for m in analyzed.mentions)
        for event in analyzed.events:
            ids.update(a for a in (event.source_actor, event.target_actor, event.default_source,
                                   event.default_target) if a)
        for claim in analyzed.claims:
            if claim.speaker:
                ids.add(claim.speaker)
            ids.update(link.actor for link in claim.via if link.actor)
    return sorted(ids)


def _story_links(store: DossierSource, stories: list[Story]) -> list[StoryLinks]:
    """Each story's stored links. The report only reads: linking is the pipeline's (`link.relink`),
    so a story stored without links (a store never linked) shows none."""
    stored = store.story_links()
    return [stored[s.id][1] if s.id in stored else StoryLinks(story_id=s.id) for s in stories]


def story_entry(story: Story, links: StoryLinks) -> dict[str, Any]:
    entry = dump(story)
    entry["merged_event_ids"] = [m.id for m in links.merged_events]
    entry["claim_group_ids"] = [g.id for g in links.claim_groups]
    entry["contradiction_ids"] = [c.id for c in links.contradictions]
    return entry


def build_dossier(store: DossierSource) -> dict[str, Any]:
    """Everything stored, as the dossier contract: documents, actors, events, claims, stories,
    the stories' merged events, claim groups and contradictions, errors."""
    stories = store.stories()
    return _dossier(store, store.all_analyzed(), stories, _story_links(store, stories), store.errors())


def build_story_dossier(store: DossierSource, story_id: str) -> dict[str, Any] | None:
    """One story's part of the dossier, in the same contract (None for an unknown story): its
    reports and what they hold, its links, and the errors met in its reports."""
    story = store.story(story_id)
    if story is None:
        return None
    docs = [a for a in (store.analyzed(d) for d in story.doc_ids) if a is not None]
    links = store.story_link(story_id) or StoryLinks(story_id=story_id)
    errors = [w for a in docs for w in a.warnings]
    return _dossier(store, docs, [story], [links], errors)


def _dossier(
    store: DossierSource, docs: list[AnalyzedDocument], stories: list[Story], links: list[StoryLinks],
    errors: list[IngestError],
) -> dict[str, Any]:
    events: list[Event] = [e for a in docs for e in a.events]
    claims: list[Claim] = [c for a in docs for c in a.claims]
    known = {a.id: a for a in store.actors(referenced_actor_ids(docs))}
    return {
        "format": DOSSIER_FORMAT,
        "generator": f"triangulate {__version__}",
        "documents": [document_entry(a) for a in docs],
        "actors": [dump(known[i]) for i in sorted(known)],
        "events": [dump(e) for e in events],
        "claims": [dump(c) for c in claims],
        "stories": [story_entry(s, sl) for s, sl in zip(stories, links, strict=True)],
        "merged_events": [dump(m) for sl in links for m in sl.merged_events],
        "claim_groups": [dump(g) for sl in links for g in sl.claim_groups],
        "contradictions": [dump(c) for sl in links for c in sl.contradictions],
        "responsibility": [dump(r) for sl in links for r in sl.responsibility],
        "errors": [dump(e) for e in errors],
    }


def write_outputs(dossier: dict[str, Any], out: Path) -> dict[str, Path]:
    """Write dossier.json, dossier.md and events.csv into `out`; return their paths."""
    from triangulate.base.atomic import write_text
    from triangulate.report import indented
    from triangulate.report.exports import write_events_csv
    from triangulate.report.markdown import render_markdown

    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "dossier.json", "markdown": out / "dossier.md", "csv": out / "events.csv"}
    write_text(paths["json"], indented.dumps(dossier) + "\n")
    write_text(paths["markdown"], render_markdown(dossier))
    write_events_csv(dossier, paths["csv"])
    return paths
