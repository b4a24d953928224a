"""Geoparsing on real sentences: the seeds, and news sentences written for these tests."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from spacy.language import Language

from triangulate.read.places import Geoparser, PlaceContext
from triangulate.records import Document, Place, document_id


@pytest.fixture(scope="module")
def geo() -> Geoparser:
    return Geoparser.default()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(a))


def parse(nlp: Language, geo: Geoparser, text: str) -> list[Place]:
    document = Document(id=document_id(text), external_id="test", text=text)
    places = geo.geoparse(nlp(text), document)
    for place in places:
        assert text[place.start : place.end] == place.text
    return places


def find(places: list[Place], text: str) -> Place:
    hits = [p for p in places if p.text == text]
    assert hits, f"{text!r} not among {[p.text for p in places]}"
    return hits[0]


def test_default_is_cached(geo: Geoparser) -> None:
    assert Geoparser.default() is geo


def test_seed_balad_air_base(nlp: Language, geo: Geoparser, seeds_dir: Path) -> None:
    text = next(seeds_dir.glob("002_*.txt")).read_text(encoding="utf-8")
    places = parse(nlp, geo, text)
    balad = find(places, "Balad air base")
    assert balad.lat is not None and balad.lon is not None
    assert km(balad.lat, balad.lon, 34.01, 44.15) < 25
    assert balad.country == "IQ" and balad.admin1 == "Salah ad Din"
    assert balad.relation is not None
    assert balad.relation.distance_km == 80 and balad.relation.direction == "N"
    assert balad.relation.anchor == "Baghdad"
    baghdad = find(places, "Baghdad")
    assert baghdad.country == "IQ" and baghdad.feature_class == "P" and baghdad.geonames_id == 98182
    assert balad.relation.anchor_geonames_id == baghdad.geonames_id
    iraq = find(places, "Iraq")
    assert iraq.country == "IQ" and iraq.feature_code == "PCLI"
    assert find(places, "Syria").country == "SY"
    assert any(p.name == "Balad Air Base" and p.text != "Balad air base" for p in places)  # "the Balad base"


def test_seed_other_report(nlp: Language, geo: Geoparser, seeds_dir: Path) -> None:
    text = next(seeds_dir.glob("000_*.txt")).read_text(encoding="utf-8")
    places = parse(nlp, geo, text)
    near = find(places, "Baghdad")
    assert near.country == "IQ" and near.relation is not None and near.relation.direction == "near"


def test_paris_texas_versus_paris_france(nlp: Language, geo: Geoparser) -> None:
    texas = parse(nlp, geo, "A tornado tore through Paris, Texas, on Sunday, killing two people.")
    assert find(texas, "Paris").country == "US" and find(texas, "Paris").admin1 == "Texas"
    france = parse(nlp, geo, "Protesters clashed with police in Paris after the French government raised fuel taxes.")
    assert find(france, "Paris").country == "FR"


def test_jordan_country_in_middle_east_context(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "Syrian refugees crossed into Jordan after shelling near Daraa, officials in Amman said.")
    jordan = find(places, "Jordan")
    assert jordan.country == "JO" and jordan.feature_code == "PCLI"
    river = parse(nlp, geo, "Israeli troops patrolled the west bank of the Jordan River overnight.")
    assert not any(p.feature_code == "PCLI" and p.country == "JO" for p in river)


def test_georgia_state_or_country_by_context(nlp: Language, geo: Geoparser) -> None:
    us = parse(nlp, geo, "Police in Atlanta said the shooting was the third in Georgia this week.")
    assert find(us, "Georgia").country == "US"
    caucasus = parse(nlp, geo, "Russian troops advanced from South Ossetia deeper into Georgia, shelling Gori and Tbilisi.")
    assert find(caucasus, "Georgia").country == "GE"


def test_village_in_yemen_with_governorate(nlp: Language, geo: Geoparser) -> None:
    places = parse(
        nlp, geo,
        "Yemeni officials said coalition airstrikes killed five civilians in the village of Mocha in Taiz governorate.",
    )
    mocha = find(places, "Mocha")
    assert mocha.country == "YE" and mocha.admin1 == "Ta'izz"


def test_tripoli_by_country_context(nlp: Language, geo: Geoparser) -> None:
    libya = parse(nlp, geo, "Clashes in Tripoli killed 12 people as rival Libyan militias fought for the capital.")
    assert find(libya, "Tripoli").country == "LY"
    lebanon = parse(nlp, geo, "Clashes in Tripoli between gunmen from rival districts left three dead, the Lebanese army said.")
    assert find(lebanon, "Tripoli").country == "LB"


def test_relation_in_miles_on_unnamed_place(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "The convoy was ambushed 50 miles south-east of Mosul on Tuesday.")
    mosul = find(places, "Mosul")
    assert mosul.relation is not None and mosul.relation.direction == "SE"
    assert mosul.relation.distance_km == pytest.approx(80.5, abs=0.1)


def test_resolve_with_context(geo: Geoparser) -> None:
    tripoli = geo.resolve("Tripoli", PlaceContext.of_countries(["LB"]))
    assert tripoli is not None and tripoli.country == "LB"
    assert geo.resolve("Tripoli", ["LY"]).country == "LY"  # type: ignore[union-attr]
    assert geo.resolve("Egyptian") is not None
    assert geo.resolve("Xqzzyville") is None


def test_resolve_spans_uses_the_document(nlp: Language, geo: Geoparser) -> None:
    text = "Heavy fighting was reported in Tripoli, Lebanese security sources said, as the army deployed in Beirut."
    document = Document(id=document_id(text), external_id="t", text=text)
    start = text.index("Tripoli")
    results = geo.resolve_spans(nlp(text), [(start, start + 7), (0, 5)], document)
    assert results[0] is not None and results[0].country == "LB"
    assert results[1] is None  # "Heavy" is no place
