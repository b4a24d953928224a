"""Geoparsing event notes (ACLED style): chains, parts of towns, stray namesakes, offsets.

Every sentence here was written for these tests in the style of conflict event notes.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.read.places_helpers import find, km, parse
from triangulate.pipeline import Pipeline
from triangulate.read.gazetteer import fold
from triangulate.read.nlp import parse_many
from triangulate.read.places import SIDE_KM, Geoparser
from triangulate.records import Document, Place, document_id


def near(place: Place, lat: float, lon: float, limit: float = 25.0) -> bool:
    return place.lat is not None and place.lon is not None and km(place.lat, place.lon, lat, lon) <= limit


# ---- recognition ------------------------------------------------------------------------------


def test_an_entity_run_over_a_comma_is_read_piece_by_piece(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "On 7 June, in Alagoinha, Pernambuco, two gunmen on a motorcycle shot a trader dead.")
    town = find(places, "Alagoinha")
    assert town.country == "BR" and town.admin1 == "Pernambuco"


def test_an_entity_the_gazetteer_knows_whole_is_not_cut(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "Protesters marched through Washington, D.C. on Saturday.")
    assert all(p.country == "US" for p in places)


def test_another_spelling_after_the_city_of(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "On 9 June, hundreds of people rallied in the city of Idleb against the new crossings.")
    idlib = find(places, "Idleb")
    assert idlib.country == "SY" and idlib.name == "Idlib"


def test_a_name_after_in_central(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "More than 200 teachers protested in central Thessaloniki over the new school law.")
    assert find(places, "Thessaloniki").country == "GR"


def test_the_countryside_of_names_a_place(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "Gunmen shot a farmer dead in the eastern countryside of Dar'a.")
    daraa = find(places, "Dar'a")
    assert daraa.country == "SY"


def test_a_known_site_by_its_name(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "Monitors recorded 14 explosions near Donetsk Airport overnight.")
    airport = find(places, "Donetsk Airport")
    assert airport.feature_code == "site:donetsk-airport" and airport.country == "UA"
    camp = find(parse(nlp, geo, "Guards searched tents in the Hole camp in al-Hasakeh on Friday."), "Hole camp")
    assert camp.feature_code == "site:al-hol-camp"


def test_a_big_look_alike_counts_where_no_country_is_named(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "A hand grenade was thrown at a shop in Quamishli city on Tuesday.")
    assert find(places, "Quamishli").country == "SY"


# ---- chains ---------------------------------------------------------------------------------------


def test_a_comma_chain_is_read_from_its_widest_name(nlp: Language, geo: Geoparser) -> None:
    text = "On 2 June, in San Joaquin, Valencia, Carabobo state, drivers blocked a road to demand petrol."
    places = parse(nlp, geo, text)
    assert find(places, "Carabobo").feature_code == "ADM1"
    assert find(places, "Valencia").country == "VE"  # not Spain's Valencia
    joaquin = find(places, "San Joaquin")
    assert joaquin.country == "VE" and joaquin.admin1 == "Carabobo"


def test_a_chain_name_longer_than_the_town_is_its_head(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "On 3 June, in Machiques de Perija, Zulia state, farmers protested over fuel.")
    town = next(p for p in places if p.text.startswith("Machiques"))
    assert town.country == "VE" and town.name == "Machiques"


def test_a_list_of_countries_is_no_chain(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "Drone strikes were reported in Syria, Iraq, Iran and Lebanon last week.")
    assert [p.country for p in places] == ["SY", "IQ", "IR", "LB"]


def test_names_before_a_division_without_in_are_no_chain(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "Still, Hawaii's tourism board expects more visitors.")
    assert all(p.text != "Still" for p in places)


def test_an_acronym_in_parentheses_is_no_town(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "Virginia Rail Express (VRE) trains stop at Manassas twice an hour.")
    assert all(p.text not in ("VRE", "Virginia Rail Express") for p in places)


def test_a_town_named_for_its_district_in_parentheses(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "On 4 June, nurses held a sit-in in Bamako (Bamako) over unpaid wages.")
    assert places and all(p.country == "ML" for p in places)


def test_an_ambiguous_division_that_holds_none_of_the_names(nlp: Language, geo: Geoparser) -> None:
    text = "On 5 June, traders rioted in the market of Freetown city (Western Area Urban, Western)."
    places = parse(nlp, geo, text)
    assert find(places, "Freetown").country == "SL"


# ---- parts of towns, stray namesakes --------------------------------------------------------------


def test_a_neighbourhood_lies_in_the_town_named_before_it(nlp: Language, geo: Geoparser) -> None:
    text = "On 1 June, in Fortaleza, Ceara, a man was shot dead in Bom Jardim neighborhood by two gunmen."
    places = parse(nlp, geo, text)
    assert near(find(places, "Bom Jardim"), -3.72, -38.54, 30)


def test_a_colonia_lies_in_the_report_s_town(nlp: Language, geo: Geoparser) -> None:
    text = "On 6 June, in Playa del Carmen, Quintana Roo, gunmen wounded two men in Colonia El Pedregal."
    places = parse(nlp, geo, text)
    colonia = find(places, "Colonia El Pedregal")
    assert colonia.admin1 == "Quintana Roo" and near(colonia, 20.63, -87.08, 30)


def test_a_part_of_a_big_city_after_a_comma(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "Students staged a sit-in in Diliman, Quezon City, over the closure of a broadcaster.")
    assert near(find(places, "Diliman"), 14.65, 121.05, 30)


def test_the_toronto_area_is_the_city(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "She moved back to Ottawa after years in the Toronto area.")
    assert near(find(places, "Toronto"), 43.70, -79.42, 30)


def test_a_small_namesake_abroad_is_dropped(nlp: Language, geo: Geoparser) -> None:
    text = "On 2 June, in Juliaca, Puno, street vendors rallied in Armas square against the closure of markets."
    places = parse(nlp, geo, text)
    assert find(places, "Juliaca").country == "PE"
    assert all(p.country == "PE" for p in places)  # not Armash, Armenia


def test_a_hamlet_capital_abroad_is_a_stray_namesake(nlp: Language, geo: Geoparser) -> None:
    # "the Valley" of Kashmir is no Anguilla's capital, a town of a few thousand across the world
    text = "Troops were deployed in Anantnag, Kashmir, as shops stayed shut across the Valley after the attack."
    places = parse(nlp, geo, text)
    assert find(places, "Anantnag").country == "IN"
    assert all(p.country != "AI" for p in places)


def test_a_compass_word_is_a_division_only_of_a_country_the_text_names(nlp: Language, geo: Geoparser) -> None:
    # "the North" of a report on North Korea is no region of Cameroon named "North"
    text = ("North Korea rejected the findings of the inquiry into the sinking. The North's powerful defence "
            "commission held a press conference, and the South said it would respond.")
    assert all(p.country != "CM" for p in parse(nlp, geo, text))
    text = "Boko Haram fighters raided two villages in Cameroon; troops moved into the North Region on Monday."
    assert any(p.country == "CM" and p.admin1 == "North" for p in parse(nlp, geo, text))


def test_a_name_before_a_deed_is_its_place_whatever_the_recognizer_called_it(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "The group accepted the responsibility of Lahore blast. The Kerman bombings killed 103.")
    assert {(p.text, p.country) for p in places} == {("Lahore", "PK"), ("Kerman", "IR")}
    assert parse(nlp, geo, "The Russian attack killed ten people, officials said.") == []  # a nationality


def test_a_title_before_a_persons_name_is_no_place(nlp: Language, geo: Geoparser) -> None:
    text = ("The attack was carried out during an event commemorating the anniversary of the death of Gen. Qasem "
            "Soleimani, head of the Quds Force.")
    # as a report is read: the reader's own place spans, resolved with the whole text
    document = Document(id=document_id(text), external_id="t", text=text)
    (doc,) = parse_many([text])
    assert Pipeline().reader.read(document, doc).places == []


def test_a_capital_abroad_stays(nlp: Language, geo: Geoparser) -> None:
    text = "On 3 June, in Quetta, Balochistan, protesters denounced talks held in Kabul with the militants."
    assert find(parse(nlp, geo, text), "Kabul").country == "AF"


def test_a_namesake_near_the_text_s_towns_stays(nlp: Language, geo: Geoparser) -> None:
    text = "The Knights played two games in London, Ontario, then two more in Erie before the final."
    assert find(parse(nlp, geo, text), "Erie").country == "US"


# ---- event points: sides and stated distances -----------------------------------------------------


def test_an_event_on_a_side_of_a_town_is_moved_off_its_point(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "Regime artillery shelled a village in the southern countryside of Idleb.")
    idlib = find(places, "Idleb")
    assert idlib.relation is not None and idlib.relation.direction == "S"
    point = geo.event_point(idlib)
    assert idlib.lat is not None and point.lat is not None and idlib.lon is not None and point.lon is not None
    assert point.lat < idlib.lat and abs(km(point.lat, point.lon, idlib.lat, idlib.lon) - SIDE_KM) < 1
    assert point.name == idlib.name


def test_an_event_at_a_stated_distance_and_bearing(geo: Geoparser, nlp: Language) -> None:
    places = parse(nlp, geo, "Raiders attacked soldiers 10 km north of Kandahar on Monday.")
    bor = find(places, "Kandahar")
    point = geo.event_point(bor)
    assert bor.lat is not None and point.lat is not None and bor.lon is not None and point.lon is not None
    assert point.lat > bor.lat and abs(km(point.lat, point.lon, bor.lat, bor.lon) - 10) < 1


def test_a_place_only_near_another_keeps_its_point(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "Two shells fell near Aleppo on Monday.")
    aleppo = find(places, "Aleppo")
    assert geo.event_point(aleppo).lat == aleppo.lat


# ---- gazetteer data ---------------------------------------------------------------------------------


def test_fold_drops_left_quotes_and_ayn_marks() -> None:
    assert fold("‘Izrā") == "izra" and fold("Dar‘ā") == fold("Dar'a") == "dara"


@pytest.mark.parametrize(("name", "country"), [
    ("Idleb", "SY"), ("Logar", "AF"), ("Urozgan", "AF"), ("Wardak", "AF"), ("South Darfur", "SD"),
    ("Sfax", "TN"), ("Lower Shabelle", "SO"), ("Tartar", "AZ"), ("Los Rios", "CL"), ("Tarapaca", "CL"),
])
def test_common_spellings_of_divisions(geo: Geoparser, name: str, country: str) -> None:
    place = geo.resolve(f"{name} province", [country])
    assert place is not None and place.feature_code == "ADM1" and place.country == country


def test_a_capital_named_for_its_district(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "On 3 June, in Asuncion (Asuncion), nurses marched to the health ministry over wages.")
    assert places and all(p.country == "PY" for p in places)  # not Peru's district of Asuncion


def test_a_bare_colonia_is_no_town_abroad(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "A man was found dead in Colonia Centenario on Sunday, police in Tijuana said.")
    assert all(p.country in ("MX", None) for p in places)


def test_a_name_of_one_country_sets_the_context_even_when_its_kind_is_unclear(
    nlp: Language, geo: Geoparser
) -> None:
    # "al-Hasakeh" is the city or the province, Syria either way: the look-alike "Quamishli" is read there
    places = parse(nlp, geo, "Russian military police patrolled Quamishli city in al-Hasakeh on Friday.")
    assert find(places, "Quamishli").country == "SY"


def test_a_city_struck_is_its_place_whatever_the_recognizer_called_it(nlp: Language, geo: Geoparser) -> None:
    places = parse(nlp, geo, "A missile hit Ganja on Sunday, killing one civilian.")
    assert [(p.text, p.country) for p in places] == [("Ganja", "AZ")]
    # a man is struck by people, not by a weapon (Hassan is also a city of India)
    assert parse(nlp, geo, "Police said protesters hit Hassan outside the court.") == []
