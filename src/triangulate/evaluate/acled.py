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
from functools import lru_cache
from pathlib import Path
from typing import Any

from triangulate.base.geo import haversine_km
from triangulate.pipeline import Pipeline
from triangulate.records import Actor, AnalyzedDocument, Document, Event, document_id
from triangulate.report.acled import acled_types
from triangulate.report.exports import _country_names, country_name

DATA_SUBDIR = "acled"
LOCATION_KM = 25.0
FIELDS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "location_25km")

# ACLED `inter` codes -> the kinds we compare (identity and political militias, and
# unidentified armed groups, are one kind: the note rarely tells them apart). State forces (1, and
# foreign ones that ACLED may file as 8) are split by branch, from the actor's name.
_INTER_KIND = {"1": "state", "2": "rebel", "3": "militia", "4": "militia", "5": "rioters",
               "6": "protesters", "7": "civilians", "8": "external"}
_STATE_BRANCH = (("Military Forces of", "military"), ("Police Forces of", "police"), ("Government of", "government"))
STATE_KINDS = frozenset({"military", "police", "government"})
# our actors' sectors -> kinds, first match wins ("Security Forces": military and police)
_SECTOR_KIND = (
    ("protesters", "protesters"), ("rioters", "rioters"), ("civilians", "civilians"), ("rebel", "rebel"),
    ("militia", "militia"), ("paramilitary", "militia"), ("unidentified", "militia"),
    ("political_party", "militia"), ("igo", "external"),
)
_STATE_SECTOR_KIND = {"military": "military", "police": "police", "government": "government",
                      "intelligence": "government", "judiciary": "government", "legislature": "government"}
# "Military Forces of Ukraine (2019-)", "Police Forces of Brazil (2019-) Military Police",
# "Government of Libya (2016-)": the state named at the start (not "NAF: United Armed Forces of
# Novorossiya"); "Protesters (India)": a country in parentheses (not "(Greater Sahara)").
_STATE_NAME = re.compile(r"^(?:[A-Z][a-z]+ )?(?:Forces|Government) of (?:the )?([^()]+?)(?: \(|$)")
_PAREN_NAME = re.compile(r"\(([^()]+)\)")
# ACLED's names that differ from GeoNames' (compared after _norm_country)
_COUNTRY_ALIASES = {"palestinianterritory": "palestine", "czechia": "czechrepublic", "eswatini": "swaziland",
                    "caboverde": "capeverde", "timorleste": "easttimor", "republicofcongo": "congo"}


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
    state = _STATE_NAME.search(name)
    country = state.group(1).strip() if state else event_country
    if state is None:
        # the first parenthesized country: "Islamic State (Nigeria) and/or Boko Haram - ..."
        named = [m.group(1) for m in _PAREN_NAME.finditer(name) if _is_country_name(m.group(1))]
        country = named[0] if named else event_country
    kind = _INTER_KIND.get(inter, "other")
    if inter in ("1", "8"):
        kind = next((branch for prefix, branch in _STATE_BRANCH if name.startswith(prefix)), kind)
    return kind, country


@lru_cache(maxsize=1)
def _known_countries() -> frozenset[str]:
    return frozenset(_norm_country(n) for n in _country_names().values())


def _is_country_name(text: str) -> bool:
    return _norm_country(text) in _known_countries()


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


def actor_kinds(actor: Actor) -> frozenset[str]:
    """The kinds an actor of ours may stand for: one, or a state's branches ("Security
    Forces": military and police); "other" when its sectors say nothing."""
    sectors = set(actor.sectors)
    for sector, kind in _SECTOR_KIND:
        if sector in sectors:
            return frozenset({kind})
    branches = frozenset(_STATE_SECTOR_KIND[s] for s in sectors if s in _STATE_SECTOR_KIND)
    if branches:
        return branches
    if actor.kind in STATE_KINDS:
        return frozenset({actor.kind})
    if actor.kind == "state":
        return frozenset({"government"})
    return frozenset({"other"})


def actor_kind(actor: Actor) -> str:
    return "/".join(sorted(actor_kinds(actor)))


def _actor_matches(
    actor_id: str | None, actors: dict[str, Actor], event: Event, gold: tuple[str, str] | None
) -> bool:
    """Same kind and same country. An empty gold side is matched by no actor. A non-state
    actor whose country we leave open (a transnational group, "gunmen" in a report with no
    resolved place) is taken where the event is; a state's organ must name its state."""
    if gold is None:
        return actor_id is None
    actor = actors.get(actor_id or "")
    if actor is None:
        return False
    kinds = actor_kinds(actor)
    gold_kind, gold_country = gold
    # a state actor ACLED names by no branch matches any branch
    same_kind = bool(kinds & STATE_KINDS) if gold_kind == "state" else gold_kind in kinds
    place_country = event.place.country if event.place else None
    country = country_name(actor.country or (None if kinds & STATE_KINDS else place_country))
    return same_kind and _same_country(country, gold_country)


def _norm_country(name: str) -> str:
    key = re.sub(r"[^a-z]", "", re.sub(r"\bthe\b", "", name.lower()))
    key = key.replace("democraticrepublicofcongo", "drc")
    return _COUNTRY_ALIASES.get(key, key)


def _same_country(ours: str, gold: str) -> bool:
    return bool(ours) and _norm_country(ours) == _norm_country(gold)


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
        "actor1": _actor_matches(event.source_actor or event.default_source, actors, event, gold.actor1),
        "actor2": _actor_matches(event.target_actor or event.default_target, actors, event, gold.actor2),
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
