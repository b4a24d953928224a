"""Records built by hand from sentences written for the link tests: spans point into the text."""

from __future__ import annotations

import json
from datetime import date

import pytest

from triangulate.link.events import merge_events
from triangulate.link.similarity import WEIGHTS, Weights
from triangulate.link.stories import link_stories
from triangulate.pipeline import run
from triangulate.records import (
    Actor,
    ActorMention,
    AnalyzedDocument,
    ChainLink,
    Claim,
    Document,
    Event,
    EventDate,
    Factuality,
    MergedEvent,
    Place,
    Span,
    Story,
)
from triangulate.store import SQLiteStore, open_store

ACTORS = {
    a.id: a
    for a in (
        Actor(id="ISR.GOV", name="Government of Israel", country="IL", sectors=["government"], kind="government"),
        Actor(id="ISR.MIL", name="Military Forces of Israel", country="IL", sectors=["military"], kind="military",
              affiliation="ISR.GOV"),
        Actor(id="RUS.GOV", name="Government of Russia", country="RU", sectors=["government"], kind="government"),
        Actor(id="USA.GOV", name="Government of United States", country="US", sectors=["government"]),
        Actor(id="USA.MIL", name="Military Forces of United States", country="US", sectors=["military"],
              affiliation="USA.GOV"),
        Actor(id="IRQ.PMF", name="Popular Mobilization Forces", country="IQ", sectors=["paramilitary"]),
        Actor(id="IRQ.UNK", name="Unidentified Armed Group (Iraq)", country="IQ", sectors=["unidentified"]),
        Actor(id="IRQ.GOV", name="Government of Iraq", country="IQ", sectors=["government"]),
        Actor(id="MED.NYT", name="The New York Times", country="US", sectors=["media"]),
        Actor(id="IRQ.CIV", name="Civilians (Iraq)", country="IQ", sectors=["civilians"], kind="group"),
        Actor(id="SYR.CIV", name="Civilians (Syria)", country="SY", sectors=["civilians"], kind="group"),
    )
}

PLACES = {
    "Al-Qaim": dict(name="Al Qa'im", geonames_id=1, country="IQ", admin1="Anbar", lat=34.37, lon=41.09,
                    feature_class="P"),
    "Husaybah": dict(name="Husaybah", geonames_id=2, country="IQ", admin1="Anbar", lat=34.38, lon=40.99,
                     feature_class="P"),
    "Rawa": dict(name="Rawa", geonames_id=3, country="IQ", admin1="Anbar", lat=34.47, lon=41.91,
                 feature_class="P"),
    "Ramadi": dict(name="Ramadi", geonames_id=4, country="IQ", admin1="Anbar", lat=33.42, lon=43.30,
                   feature_class="P"),
    "Basra": dict(name="Basra", geonames_id=6, country="IQ", admin1="Basra", lat=30.51, lon=47.78,
                  feature_class="P"),
    "Anbar": dict(name="Anbar", geonames_id=5, country="IQ", admin1="Anbar", lat=33.0, lon=42.0,
                  feature_class="A", feature_code="ADM1"),
    "Iraq": dict(name="Iraq", geonames_id=99237, country="IQ", admin1=None, lat=33.0, lon=44.0,
                 feature_class="A", feature_code="PCLI"),
    "Syria": dict(name="Syria", geonames_id=163843, country="SY", admin1=None, lat=35.0, lon=38.0,
                  feature_class="A", feature_code="PCLI"),
    "United States": dict(name="United States", geonames_id=6252001, country="US", admin1=None, lat=39.76,
                          lon=-98.5, feature_class="A", feature_code="PCLI"),
    "Karbala": dict(name="Karbala", geonames_id=7, country="IQ", admin1="Karbala", lat=32.62, lon=44.02,
                    feature_class="P"),
    "Moscow": dict(name="Moscow", geonames_id=524901, country="RU", admin1="Moscow", lat=55.75, lon=37.62,
                   feature_class="P"),
}


class Report:
    """One report's text and what a reader would find in it, added sentence by sentence."""

    def __init__(self, text: str, outlet: str | None, published: str, doc_id: str) -> None:
        self.document = Document(id=doc_id, external_id=f"{doc_id}.txt", outlet=outlet,
                                 published=date.fromisoformat(published), text=text)
        self.events: list[Event] = []
        self.claims: list[Claim] = []
        self.mentions: list[ActorMention] = []
        self.places: list[Place] = []

    def span(self, words: str) -> Span:
        start = self.document.text.index(words)
        return Span(doc_id=self.document.id, start=start, end=start + len(words), text=words)

    def sentence(self, words: str) -> Span:
        text = self.document.text
        at = text.index(words)
        start = max(text.rfind(". ", 0, at) + 2, 0) if text.rfind(". ", 0, at) >= 0 else 0
        end = text.find(". ", at)
        end = len(text) if end < 0 else end + 1
        return Span(doc_id=self.document.id, start=start, end=end, text=text[start:end])

    def actor(self, words: str, actor_id: str) -> None:
        span = self.span(words)
        self.mentions.append(ActorMention(start=span.start, end=span.end, text=words, actor_id=actor_id))

    def place(self, words: str, key: str) -> Place:
        span = self.span(words)
        place = Place(start=span.start, end=span.end, text=words, **PLACES[key])  # type: ignore[arg-type]
        self.places.append(place)
        return place

    def event(self, trigger: str, type_: str = "ASSAULT", *, mode: str | None = None, day: str | None = None,
              place: str | None = None, place_words: str | None = None, source: str | None = None,
              target: str | None = None, fatalities: int | None = None, injured: int | None = None,
              modality: str = "reported", claim: Claim | None = None, source_words: str | None = None,
              person: str | None = None, thing: str | None = None, fatalities_bound: str | None = None,
              day_words: str | None = None) -> Event:
        days = day.split("/") if day else None
        said = self.span(day_words) if day_words else None
        event = Event(
            id=f"{self.document.id}:e{len(self.events) + 1}", doc_id=self.document.id, type=type_, mode=mode,
            source_actor=source, target_actor=target, source_text=source_words, target_person=person,
            target_name=thing,
            place=self.place(place_words or place, place) if place else None,
            date=EventDate(value=day, start_date=date.fromisoformat(days[0]),
                           end_date=date.fromisoformat(days[-1]), start=said.start if said else None,
                           end=said.end if said else None) if days and day else None,
            modality=modality,  # type: ignore[arg-type]
            trigger=self.span(trigger), evidence=[self.sentence(trigger)],
            claim_ids=[claim.id] if claim else [], fatalities=fatalities, injured=injured,
            fatalities_bound=fatalities_bound,  # type: ignore[arg-type]
        )
        if claim is not None:
            claim.event_ids.append(event.id)
        self.events.append(event)
        return event

    def claim(self, speaker_text: str, cue: str, content: str, factuality: Factuality = "CT+",
              speaker: str | None = None, via: list[ChainLink] | None = None) -> Claim:
        claim = Claim(
            id=f"{self.document.id}:c{len(self.claims) + 1}", doc_id=self.document.id, speaker=speaker,
            speaker_text=speaker_text, cue=cue, factuality=factuality, content=self.span(content),
            via=via or [], evidence=[self.sentence(content)],
        )
        self.claims.append(claim)
        return claim

    def analyzed(self) -> AnalyzedDocument:
        used = {m.actor_id for m in self.mentions} | {
            a for e in self.events for a in (e.source_actor, e.target_actor) if a
        } | {c.speaker for c in self.claims if c.speaker}
        return AnalyzedDocument(
            document=self.document, places=self.places, mentions=self.mentions,
            actors=[ACTORS[a] for a in sorted(used) if a in ACTORS], events=self.events, claims=self.claims,
        )


def cluster_stories(docs: list[AnalyzedDocument], weights: Weights = WEIGHTS) -> list[Story]:
    """Stories of a set of reports linked at once (in publication order), in a scratch store."""
    store = SQLiteStore(":memory:")
    try:
        for item in sorted(docs, key=lambda a: (a.document.published or date.max, a.document.id)):
            store.save(item, "batch")
        link_stories(store, weights)
        return store.stories()
    finally:
        store.close()


def stored_reports(tmp_path_factory: pytest.TempPathFactory, name: str, reports: dict[str, str],
                   published: dict[str, str] | None = None) -> SQLiteStore:
    """A store holding `reports` (file name -> text, `published` file name -> date) after a real
    `triangulate run` over them."""
    folder = tmp_path_factory.mktemp(name)
    for file_name, text in reports.items():
        (folder / file_name).write_text(text + "\n", encoding="utf-8")
    if published:
        lines = [json.dumps({"file": f, "published": day}) for f, day in published.items()]
        (folder / "metadata.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = folder / "t.db"
    run([folder], None, db)
    return open_store(db)


def merge_reports(*reports: Report) -> list[MergedEvent]:
    """The merged events of one story of these reports."""
    docs: list[AnalyzedDocument] = [r.analyzed() for r in reports]
    events = [e for a in docs for e in a.events]
    claims = {c.id: c for a in docs for c in a.claims}
    documents = {a.document.id: a.document for a in docs}
    return merge_events("s1", events, claims, documents, ACTORS)
