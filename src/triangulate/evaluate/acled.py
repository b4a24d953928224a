"""ACLED harness: each note is a report; its first event is scored against the gold columns.

Fields: event date (exact day), event type (6 classes), sub-event type (25), actor1 and
actor2 (same country and same kind), and location (coordinates within 25 km).
The notes carry no publication date, as a real user's would not.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from triangulate.evaluate.common import haversine_km
from triangulate.pipeline import Pipeline
from triangulate.records import Actor, AnalyzedDocument, Document, Event, document_id
from triangulate.report.acled import acled_types
from triangulate.report.exports import country_name

DATA_SUBDIR = "acled"
LOCATION_KM = 25.0
FIELDS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "location_25km")

# ACLED `inter` codes -> the kinds we compare (identity and political militias, and
# unidentified armed groups, are one kind: the note rarely tells them apart)
_INTER_KIND = {"1": "state", "2": "rebel", "3": "militia", "4": "militia", "5": "rioters",
               "6": "protesters", "7": "civilians", "8": "external"}
_STATE_SECTORS = {"government", "military", "police", "intelligence", "judiciary", "legislature"}
_SECTOR_KIND = (
    ("protesters", "protesters"), ("rioters", "rioters"), ("civilians", "civilians"), ("rebel", "rebel"),
    ("militia", "militia"), ("paramilitary", "militia"), ("unidentified", "militia"),
    ("political_party", "militia"), ("igo", "external"),
)
_NAME_COUNTRY = re.compile(r"(?:Forces of|Government of) ([^()]+?)(?: \(|$)|\(([^()]+)\)\s*$")


@dataclass
class GoldEvent:
    row: int
    notes: str
    event_date: date
    event_type: str
    sub_event_type: str
    actor1: tuple[str, str] | None  # (kind, country name)
    actor2: tuple[str, str] | None
    country: str
    lat: float
    lon: float


def _gold_actor(name: str, inter: str, event_country: str) -> tuple[str, str] | None:
    if not name.strip():
        return None
    match = _NAME_COUNTRY.search(name)
    country = (match.group(1) or match.group(2)).strip() if match else event_country
    return _INTER_KIND.get(inter, "other"), country


def load_gold(folder: Path, limit: int | None = None) -> list[GoldEvent]:
    files = sorted(folder.glob("*.csv.gz")) if folder.is_dir() else [folder]
    if not files:
        raise FileNotFoundError(f"no ACLED *.csv.gz in {folder}; pass --data with the folder of the dev CSV")
    gold: list[GoldEvent] = []
    with gzip.open(files[0], "rt", encoding="utf-8") as handle:
        for i, row in enumerate(csv.DictReader(handle)):
            if limit is not None and len(gold) >= limit:
                break
            if not row["notes"].strip() or not row["latitude"] or not row["event_date"]:
                continue  # a broken row (the dev file has one): nothing to score it on
            gold.append(GoldEvent(
                row=i, notes=row["notes"],
                event_date=datetime.strptime(row["event_date"], "%d-%b-%y").date(),
                event_type=row["event_type"], sub_event_type=row["sub_event_type"],
                actor1=_gold_actor(row["actor1"], row["inter1"], row["country"]),
                actor2=_gold_actor(row["actor2"], row["inter2"], row["country"]),
                country=row["country"], lat=float(row["latitude"]), lon=float(row["longitude"]),
            ))
    return gold


def actor_kind(actor: Actor, event_country: str | None) -> str:
    sectors = set(actor.sectors)
    for sector, kind in _SECTOR_KIND:
        if sector in sectors:
            return kind
    if sectors & _STATE_SECTORS or actor.kind in ("state", "government", "military", "police"):
        if actor.country and event_country and actor.country != event_country:
            return "external"
        return "state"
    return "other"


def _actor_matches(
    actor_id: str | None, actors: dict[str, Actor], event: Event, gold: tuple[str, str] | None
) -> bool:
    if gold is None:
        return actor_id is None
    actor = actors.get(actor_id or "")
    if actor is None:
        return False
    place_country = event.place.country if event.place else None
    kind = actor_kind(actor, place_country)
    country = country_name(actor.country or place_country)
    gold_kind, gold_country = gold
    same_kind = kind == gold_kind or {kind, gold_kind} == {"state", "external"}
    return same_kind and _same_country(country, gold_country)


def _same_country(ours: str, gold: str) -> bool:
    def norm(name: str) -> str:
        return re.sub(r"[^a-z]", "", name.lower().replace("democratic republic of the congo", "drc")
                      .replace("democratic republic of congo", "drc"))
    return bool(ours) and norm(ours) == norm(gold)


def score_one(gold: GoldEvent, analyzed: AnalyzedDocument) -> dict[str, bool]:
    if not analyzed.events:
        return dict.fromkeys(FIELDS, False)
    event = analyzed.events[0]
    actors = {a.id: a for a in analyzed.actors}
    event_type, sub_event_type = acled_types(event, actors, analyzed.events)
    start = event.date.start_date if event.date else None
    end = event.date.end_date if event.date else None
    place = event.place
    near = (
        place is not None and place.lat is not None and place.lon is not None
        and haversine_km(place.lat, place.lon, gold.lat, gold.lon) <= LOCATION_KM
    )
    return {
        "event_date": start is not None and start == gold.event_date and (end is None or end == start),
        "event_type": event_type == gold.event_type,
        "sub_event_type": sub_event_type == gold.sub_event_type,
        "actor1": _actor_matches(event.source_actor, actors, event, gold.actor1),
        "actor2": _actor_matches(event.target_actor, actors, event, gold.actor2),
        "location_25km": near,
    }


def run(folder: Path, split: str = "dev", limit: int | None = None, pipeline: Pipeline | None = None) -> dict[str, Any]:
    if split != "dev":
        raise ValueError("the ACLED test split is kept by the maintainers; only --split dev is here")
    gold = load_gold(folder, limit)
    pipeline = pipeline or Pipeline()
    docs = [
        Document(id=document_id(g.notes) + f"-{g.row}", external_id=f"acled:{g.row}", text=g.notes, source=f"row {g.row}")
        for g in gold
    ]
    hits: Counter[str] = Counter()
    no_event = 0
    confusion: Counter[tuple[str, str]] = Counter()
    analyzed_items = pipeline.analyze_documents(docs)
    for g, analyzed in zip(gold, analyzed_items, strict=True):
        scores = score_one(g, analyzed)
        hits.update(k for k, ok in scores.items() if ok)
        if not analyzed.events:
            no_event += 1
        else:
            actors = {a.id: a for a in analyzed.actors}
            predicted = acled_types(analyzed.events[0], actors, analyzed.events)[1]
            if predicted != g.sub_event_type:
                confusion[(g.sub_event_type, predicted)] += 1
    n = len(gold)
    return {
        "data": "acled",
        "split": split,
        "n": n,
        "metrics": {
            **{field: round(hits[field] / n, 4) if n else 0.0 for field in FIELDS},
            "no_event": round(no_event / n, 4) if n else 0.0,
        },
        "top_sub_event_confusions": [
            {"gold": gold_label, "predicted": predicted, "count": count}
            for (gold_label, predicted), count in confusion.most_common(10)
        ],
    }
