"""geojson: the stories' merged events that have a place with coordinates, as an RFC 7946 FeatureCollection.

One Feature per merged event (the story-level record, so an event told by three reports is one point):
a Point at [longitude, latitude] (RFC 7946 order, WGS 84, no "crs" member), rounded to 6 decimals as
RFC 7946 section 11.2 advises. Its properties are flat values and lists of strings, so that desktop GIS
tools show them as columns. An event without a place, or with coordinates outside the valid ranges, is
left out: a map cannot show it, and dossier.json still has it.
"""

from __future__ import annotations

import json
import math
from typing import Any

from triangulate.report.exports import country_name

MEDIA_TYPE = "application/geo+json"  # RFC 7946 section 12
DECIMALS = 6  # about 10 cm: more digits claim a precision no geocoded place name has


def _coordinates(place: dict[str, Any] | None) -> list[float] | None:
    """[lon, lat] of a place, or None when it has none or they are not a position on Earth."""
    if not place:
        return None
    lat, lon = place.get("lat"), place.get("lon")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return [round(float(lon), DECIMALS), round(float(lat), DECIMALS)]


def _actor_name(actors: dict[str, dict[str, Any]], actor_id: str | None) -> str | None:
    if not actor_id:
        return None
    actor = actors.get(actor_id)
    return str(actor["name"]) if actor else actor_id


def _properties(item: dict[str, Any], actors: dict[str, dict[str, Any]]) -> dict[str, Any]:
    place = item["place"]
    date = item.get("date") or {}
    perpetrator = item.get("perpetrator") or {}
    candidates = perpetrator.get("candidates") or []
    origins = {(o.get("speaker"), o.get("outlet")) for o in item.get("origins", [])}
    doc_ids = list(dict.fromkeys(item.get("doc_ids", [])))
    return {
        "id": item["id"],
        "story_id": item["story_id"],
        "type": item["type"],
        "mode": item.get("mode"),
        "date": date.get("value"),
        "start_date": date.get("start_date"),
        "end_date": date.get("end_date"),
        "place": place.get("name"),
        "admin1": place.get("admin1"),
        "country": place.get("country"),
        "country_name": country_name(place.get("country")) or None,
        "actor1": _actor_name(actors, item.get("source_actor")),
        "actor2": _actor_name(actors, item.get("target_actor")),
        "fatalities": item.get("fatalities"),
        "injured": item.get("injured"),
        "perpetrator_status": perpetrator.get("status", "unknown"),
        # who is said to have done it, as one column: "Government of Israel; Hezbollah"
        "perpetrator": "; ".join(str(c["name"]) for c in candidates) or None,
        "reports": len(doc_ids),
        "independent_origins": len(origins),
        "doc_ids": doc_ids,
        "event_ids": list(item.get("event_ids", [])),
    }


def feature_collection(dossier: dict[str, Any]) -> dict[str, Any]:
    """The dossier's merged events with coordinates as a GeoJSON FeatureCollection (a dict)."""
    actors = {a["id"]: a for a in dossier.get("actors", [])}
    features = []
    for item in dossier.get("merged_events", []):
        point = _coordinates(item.get("place"))
        if point is None:
            continue
        features.append({
            "type": "Feature",
            "id": item["id"],
            "geometry": {"type": "Point", "coordinates": point},
            "properties": _properties(item, actors),
        })
    return {"type": "FeatureCollection", "features": features}


def render_geojson(dossier: dict[str, Any]) -> str:
    """The FeatureCollection as GeoJSON text (UTF-8 JSON, RFC 8259, as RFC 7946 requires)."""
    return json.dumps(feature_collection(dossier), ensure_ascii=False, indent=1, allow_nan=False) + "\n"
