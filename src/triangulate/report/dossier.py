"""dossier: the stored record as one JSON document, and the files written from it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from triangulate import __version__
from triangulate.records import Actor, AnalyzedDocument, Claim, Event, IngestError, Story

DOSSIER_FORMAT = 1


class DossierSource(Protocol):
    """What the dossier needs from a store."""

    def all_analyzed(self) -> list[AnalyzedDocument]: ...
    def stories(self) -> list[Story]: ...
    def errors(self) -> list[IngestError]: ...
    def actors(self, ids: list[str] | None = None) -> list[Actor]: ...


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
        "errors": [_dump(w) for w in analyzed.warnings],
    }


def _referenced_actor_ids(docs: list[AnalyzedDocument]) -> list[str]:
    ids: set[str] = set()
    for analyzed in docs:
        ids.update(m.actor_id for m in analyzed.mentions)
        for event in analyzed.events:
            ids.update(a for a in (event.source_actor, event.target_actor) if a)
        for claim in analyzed.claims:
            if claim.speaker:
                ids.add(claim.speaker)
            ids.update(link.actor for link in claim.via if link.actor)
    return sorted(ids)


def build_dossier(store: DossierSource) -> dict[str, Any]:
    """Everything stored, as the dossier contract: documents, actors, events, claims, stories, errors."""
    docs = store.all_analyzed()
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
        "stories": [_dump(s) for s in store.stories()],
        "errors": [_dump(e) for e in store.errors()],
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
