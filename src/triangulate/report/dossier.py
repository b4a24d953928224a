"""dossier: the stored record as one JSON document, and the files written from it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from triangulate.records import Actor, AnalyzedDocument, Claim, Event, IngestError, Story, StoryLinks
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


def _dump(model: Any) -> dict[str, Any]:
    return dict(model.model_dump(mode="json"))


def _document_entry(analyzed: AnalyzedDocument) -> dict[str, Any]:
    doc = analyzed.document
    return {
        "id": doc.id,
        "external_id": doc.external_id,
        "title": doc.title,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published.isoformat() if doc.published else None,
        "language": doc.language,
        "source": doc.source,
        "text": doc.text,
        "places": [_dump(p) for p in analyzed.places],
        "times": [_dump(t) for t in analyzed.times],
        "mentions": [_dump(m) for m in analyzed.mentions],
        "regions": [_dump(r) for r in analyzed.regions],
        "errors": [_dump(w) for w in analyzed.warnings],
    }


def _referenced_actor_ids(docs: list[AnalyzedDocument]) -> list[str]:
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


def _story_entry(story: Story, links: StoryLinks) -> dict[str, Any]:
    entry = _dump(story)
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
    known = {a.id: a for a in store.actors(_referenced_actor_ids(docs))}
    return {
        "format": DOSSIER_FORMAT,
        "generator": f"triangulate {__version__}",
        "documents": [_document_entry(a) for a in docs],
        "actors": [_dump(known[i]) for i in sorted(known)],
        "events": [_dump(e) for e in events],
        "claims": [_dump(c) for c in claims],
        "stories": [_story_entry(s, sl) for s, sl in zip(stories, links, strict=True)],
        "merged_events": [_dump(m) for sl in links for m in sl.merged_events],
        "claim_groups": [_dump(g) for sl in links for g in sl.claim_groups],
        "contradictions": [_dump(c) for sl in links for c in sl.contradictions],
        "responsibility": [_dump(r) for sl in links for r in sl.responsibility],
        "errors": [_dump(e) for e in errors],
    }


def write_outputs(dossier: dict[str, Any], out: Path) -> dict[str, Path]:
    """Write dossier.json, dossier.md and events.csv into `out`; return their paths."""
    from triangulate.report.exports import write_events_csv
    from triangulate.report.markdown import render_markdown

    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "dossier.json", "markdown": out / "dossier.md", "csv": out / "events.csv"}
    paths["json"].write_text(json.dumps(dossier, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    paths["markdown"].write_text(render_markdown(dossier), encoding="utf-8")
    write_events_csv(dossier, paths["csv"])
    return paths
