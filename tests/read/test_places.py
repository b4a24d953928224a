"""Geoparsing on real sentences: the seeds, and news sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from tests.read.places_helpers import find, km, parse
from triangulate.read.places import Geoparser, PlaceContext, container_starts
from triangulate.records import Document, Place, document_id


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


# ---- divisions in parentheses, as conflict event notes write them ----------------------------


def test_village_with_district_and_governorate_in_parentheses(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "On 3 June, militants burned two houses in Ahwar (Ahwar, Abyan) before dawn.")
    ahwar = find(places, "Ahwar")
    assert ahwar.country == "YE" and ahwar.admin1 == "Abyan"
    assert find(places, "Abyan").feature_code == "ADM1"


def test_unknown_village_falls_back_to_its_division(nlp: Language, geo: Geoparser) -> None:
    text = "On 2 May, gunmen looted shops in Zzyxqa village, Kolofata subdivision (Mayo-Sava, Extreme-Nord)."
    places = parse(nlp, geo, text)
    village = find(places, "Zzyxqa")
    assert village.country == "CM" and village.admin1 == "Far North"  # "Extreme-Nord" is its French name
    assert village.lat is not None and village.lon is not None
    assert km(village.lat, village.lon, 10.6, 14.3) < 200


def test_division_name_picks_the_country_where_the_town_is(nlp: Language, geo: Geoparser) -> None:
    # "Northern" is a region of Ghana, Malawi, Uganda, Sierra Leone...: Tamale is only in Ghana's
    places = parse(nlp, geo, "On 1 May, party youths attacked the office in Tamale (Tamale, Northern).")
    assert find(places, "Tamale").country == "GH"
    assert find(places, "Northern").country == "GH"


def test_state_abbreviation_in_parentheses(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "Two mobs clashed with each other in Kotwali Nagar, Pratapgarh (UP) over a land dispute.")
    assert find(places, "UP").admin1 == "Uttar Pradesh"
    town = find(places, "Kotwali Nagar")  # not in the gazetteer: the town named next to it
    assert town.country == "IN" and town.admin1 == "Uttar Pradesh" and town.feature_class == "P"


def test_town_tagged_as_organization_after_in(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "On 8 May, bus drivers protested in Juiz de Fora, Minas Gerais, over unpaid wages.")
    town = find(places, "Juiz de Fora")
    assert town.country == "BR" and town.feature_class == "P" and town.admin1 == "Minas Gerais"


def test_district_and_province_after_a_comma(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "Nine fighters were killed when troops repulsed an attack in Chora district, Urozgan.")
    chora = find(places, "Chora")
    assert chora.country == "AF"  # not Chora on a Greek island


def test_container_places_are_not_the_event_place(nlp: Language, geo: Geoparser) -> None:
    text = "On 8 May, police dispersed a crowd in Rajkot city (Rajkot, Gujarat) after a march."
    places = parse(nlp, geo, text)
    wide = container_starts(places, text)
    assert find(places, "Gujarat").start in wide
    assert min((p for p in places if p.start not in wide), key=lambda p: p.start).text == "Rajkot"


# ---- ambiguous names and the whole report's context ------------------------------------------


def test_us_town_named_like_a_capital_in_local_news(nlp: Language, geo: Geoparser) -> None:
    text = ("Laurel County deputies arrested two London residents on Tuesday. The Kentucky State Police "
            "said the London men were taken to the Laurel County jail.")
    places = parse(nlp, geo, text)
    london = find(places, "London")
    assert london.country == "US" and london.admin1 == "Kentucky"
    assert find(places, "Laurel County").feature_code == "ADM2"


def test_chad_and_jordan_as_countries(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "Refugees from Sudan crossed into Chad, while aid flights left Amman for Jordan's north.")
    assert find(places, "Chad").feature_code == "PCLI" and find(places, "Chad").country == "TD"


def test_country_point_is_the_gazetteer_point(nlp: Language, geo: Geoparser) -> None:
    canada = find(parse(nlp, geo, "Heavy snow fell across Canada on Sunday."), "Canada")
    assert canada.lat is not None and canada.lon is not None
    assert km(canada.lat, canada.lon, 60.1, -113.6) < 50  # GeoNames' point, not the settled south


def test_region_and_continent_words_in_given_spans(nlp: Language, geo: Geoparser) -> None:
    text = "European ministers met on the crisis in the Middle East."
    document = Document(id=document_id(text), external_id="t", text=text)
    middle = text.index("Middle East")
    europe, mideast = geo.resolve_spans(nlp(text), [(0, 8), (middle, middle + 11)], document)
    assert europe is not None and europe.feature_code == "CONT"
    assert mideast is not None and mideast.country is None and mideast.lat is not None


def toponyms(nlp: Language, geo: Geoparser, text: str) -> tuple[list[Place], list[Place]]:
    document = Document(id=document_id(text), external_id="test", text=text)
    doc = nlp(text)
    return geo.geoparse(doc, document), geo.toponyms(doc, document)


def test_toponyms_add_names_inside_organizations_but_geoparse_does_not(nlp: Language, geo: Geoparser) -> None:
    text = ("The Ohio Department of Development gave Mansfield a grant. "
            "Officers of the Mansfield Police Department said the money came from Columbus, Ohio.")
    stored, every = toponyms(nlp, geo, text)
    assert not any(p.start == text.index("Ohio Department") for p in stored)
    ohio = [p for p in every if p.start == text.index("Ohio Department")]
    assert ohio and ohio[0].text == "Ohio" and ohio[0].country == "US"
    police = [p for p in every if p.start == text.index("Mansfield Police")]
    assert police and police[0].text == "Mansfield" and police[0].admin1 == "Ohio"
    for place in every:
        assert text[place.start : place.end] == place.text


def test_toponyms_read_demonyms_as_their_country(nlp: Language, geo: Geoparser) -> None:
    text = "Georgian troops shelled the town of Tskhinvali on Friday, a Russian official said."
    stored, every = toponyms(nlp, geo, text)
    georgian = find(every, "Georgian")
    assert georgian.country == "GE" and georgian.feature_code == "PCLI"
    assert "Georgian" not in [p.text for p in stored]


def test_toponyms_skip_streets_and_people_named_like_towns(nlp: Language, geo: Geoparser) -> None:
    text = ("Police arrested a man at 2517 Memphis St. in Alexandria, Louisiana. "
            "Capt. Roy A. Nelson said the man was taken to Nelson County jail in Alexandria.")
    _, every = toponyms(nlp, geo, text)
    names = [p.text for p in every]
    assert "Memphis" not in names and "Roy" not in names
    assert "Alexandria" in names


def test_event_point_of_a_province_is_its_seat(geo: Geoparser) -> None:
    anbar = geo.resolve("Anbar province", ["IQ"])
    assert anbar is not None and anbar.feature_code == "ADM1"
    seat = geo.event_point(anbar)
    assert seat.name == anbar.name and seat.text == anbar.text
    assert km(seat.lat or 0, seat.lon or 0, 33.42, 43.30) < 25  # Ramadi, not the desert's middle
    assert km(anbar.lat or 0, anbar.lon or 0, 33.42, 43.30) > 100
    town = geo.resolve("Mosul", ["IQ"])
    assert town is not None and geo.event_point(town) == town
