"""The GeoJSON export: an RFC 7946 FeatureCollection of the seeds' merged events, [lon, lat] points
with the events' properties; events a map cannot show are left out."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest

from triangulate.report.geojson import feature_collection, render_geojson

_POSITION = {"type": "array", "minItems": 2, "maxItems": 3, "items": {"type": "number"},
             "prefixItems": [{"minimum": -180, "maximum": 180}, {"minimum": -90, "maximum": 90}]}
# RFC 7946 for what this export writes: sections 3.1.2 (Point), 3.1.1 (positions: lon, lat, WGS 84),
# 3.2 (Feature: geometry, properties, optional string or number id), 3.3 (FeatureCollection), 4 (no "crs").
RFC7946_POINTS = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["type", "features"],
    "not": {"required": ["crs"]},
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": {
            "type": "object",
            "required": ["type", "geometry", "properties"],
            "not": {"required": ["crs"]},
            "properties": {
                "type": {"const": "Feature"},
                "id": {"type": ["string", "number"]},
                "geometry": {"type": "object", "required": ["type", "coordinates"],
                             "properties": {"type": {"const": "Point"}, "coordinates": _POSITION}},
                "properties": {"type": ["object", "null"]},
            },
        }},
    },
}
PROPERTIES = {"id", "story_id", "type", "mode", "date", "start_date", "end_date", "place", "admin1", "country",
              "country_name", "actor1", "actor2", "fatalities", "injured", "perpetrator_status", "perpetrator",
              "reports", "independent_origins", "doc_ids", "event_ids"}


@pytest.fixture(scope="module")
def dossier(seeds_run: dict[str, Any]) -> dict[str, Any]:
    return dict(seeds_run["dossier"])


def test_the_schema_refuses_what_rfc_7946_does() -> None:
    point: dict[str, Any] = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.36, 33.94]},
                             "properties": {}}
    jsonschema.validate({"type": "FeatureCollection", "features": [point]}, RFC7946_POINTS)
    swapped = copy.deepcopy(point)
    swapped["geometry"]["coordinates"] = [33.94, 144.36]  # lat, lon: a latitude past the pole
    for bad in ({"type": "FeatureCollection", "features": [swapped]},
                {"type": "FeatureCollection", "features": [point], "crs": {"type": "name"}},
                {"type": "FeatureCollection", "features": [{**point, "id": None}]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, RFC7946_POINTS)


def test_the_seeds_export_is_valid_geojson_and_reads_back(dossier: dict[str, Any]) -> None:
    text = render_geojson(dossier)
    parsed = json.loads(text)
    jsonschema.validate(parsed, RFC7946_POINTS)
    assert parsed == feature_collection(dossier)
    with_place = [m for m in dossier["merged_events"] if (m.get("place") or {}).get("lat") is not None]
    assert [f["id"] for f in parsed["features"]] == [m["id"] for m in with_place] and len(with_place) >= 10
    for feature in parsed["features"]:
        assert set(feature["properties"]) == PROPERTIES
        assert feature["properties"]["id"] == feature["id"]


def test_the_balad_strike_is_a_point_at_balad(dossier: dict[str, Any]) -> None:
    features = feature_collection(dossier)["features"]
    balad = next(f for f in features if f["properties"]["place"] == "Balad Air Base")
    assert balad["geometry"]["coordinates"] == [44.36, 33.94]  # longitude first
    props = balad["properties"]
    assert (props["type"], props["date"], props["country"], props["country_name"]) == (
        "ASSAULT", "2019-08-20", "IQ", "Iraq")
    assert props["admin1"] == "Salah ad Din" and props["injured"] == 0
    assert props["reports"] == len(props["doc_ids"]) == 1 and props["independent_origins"] == 4
    assert props["story_id"] == dossier["stories"][0]["id"]


def test_who_is_said_to_have_done_it(dossier: dict[str, Any]) -> None:
    props = {f["id"]: f["properties"] for f in feature_collection(dossier)["features"]}
    july = props["m7bc5cbbf27deafd3:e5"]  # the July 19 strike in Iraq, said to be Israel's
    assert (july["perpetrator_status"], july["perpetrator"]) == ("alleged", "Government of Israel")
    assert (july["actor1"], july["actor2"]) == ("Government of Israel", "Popular Mobilization Forces")


@pytest.mark.parametrize("lat,lon", [(123.0, 44.0), (33.0, 200.0), (float("nan"), 44.0), (None, 44.0)])
def test_an_event_with_no_position_on_earth_is_left_out(dossier: dict[str, Any], lat: Any, lon: Any) -> None:
    bad = copy.deepcopy(dossier)
    target = next(m for m in bad["merged_events"] if m.get("place"))
    target["place"].update(lat=lat, lon=lon)
    parsed = json.loads(render_geojson(bad))  # no NaN reaches the text: it would not be JSON
    assert target["id"] not in {f["id"] for f in parsed["features"]}
    assert len(parsed["features"]) == len(feature_collection(dossier)["features"]) - 1
    jsonschema.validate(parsed, RFC7946_POINTS)
