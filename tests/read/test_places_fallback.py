"""Given toponyms the gazetteer does not know as written, demonyms, the outlet's country."""

from __future__ import annotations

from spacy.language import Language

from tests.read.places_helpers import resolve
from triangulate.read.places import Geoparser


def test_a_name_inside_an_unknown_toponym(nlp: Language, geo: Geoparser) -> None:
    text = "Thousands of fans watched the race at the Dubai Gold Cup on Saturday."
    place = resolve(nlp, geo, text, "Dubai Gold Cup")
    assert place is not None and place.country == "AE"


def test_a_small_town_inside_a_name_needs_the_text_there(nlp: Language, geo: Geoparser) -> None:
    # "Royal" in "Royal Street" is no town named Royal: the street is in the report's town
    text = "Tourists crowded Royal Street in New Orleans as the parade passed."
    place = resolve(nlp, geo, text, "Royal Street")
    assert place is not None and place.name == "New Orleans"


def test_a_street_takes_the_nearest_place_of_the_text(nlp: Language, geo: Geoparser) -> None:
    text = "The fire started in Boise late on Monday. Crews closed Quintonwell Avenue for hours."
    place = resolve(nlp, geo, text, "Quintonwell Avenue")
    assert place is not None and place.name == "Boise"


def test_a_county_without_its_kind_word_in_the_texts_state(nlp: Language, geo: Geoparser) -> None:
    text = "Voters in Lawrenceville, Georgia, went to the polls. Gwinnett officials counted the ballots."
    place = resolve(nlp, geo, text, "Gwinnett")
    assert place is not None and place.admin1 == "Georgia" and "Gwinnett" in place.name


def test_actor_demonyms_stand_for_their_country(nlp: Language, geo: Geoparser) -> None:
    text = "Latvian officials met the delegation on Tuesday."
    place = resolve(nlp, geo, text, "Latvian")
    assert place is not None and place.country == "LV" and place.feature_code == "PCLI"


def test_state_abbreviations_with_a_space(nlp: Language, geo: Geoparser) -> None:
    assert (p := geo.resolve("W. Va.")) is not None and p.admin1 == "West Virginia"
    assert (p := geo.resolve("D.C.")) is not None and p.country == "US"


def test_the_outlets_country_code_domain_is_context(nlp: Language, geo: Geoparser) -> None:
    text = "Police closed a street in London after a water main broke."
    at_home = resolve(nlp, geo, text, "London", url="http://www.example-press.ca/news/1")
    assert at_home is not None and at_home.country == "CA"
    plain = resolve(nlp, geo, text, "London", url="http://www.example-press.com/news/1")
    assert plain is not None and plain.country == "GB"


def test_a_bare_county_name_in_the_texts_state(nlp: Language, geo: Geoparser) -> None:
    text = ("Schools in Athens, Georgia, closed on Friday. Officials in Barrow and Oconee said buses "
            "would not run in Georgia until Monday.")
    place = resolve(nlp, geo, text, "Barrow")
    assert place is not None and place.admin1 == "Georgia" and place.feature_code == "ADM2"


def test_a_bare_county_name_elsewhere_stays_the_town(nlp: Language, geo: Geoparser) -> None:
    text = "The plane landed in Barrow, Alaska, after the storm."
    place = resolve(nlp, geo, text, "Barrow")
    assert place is not None and place.admin1 == "Alaska" and place.feature_class == "P"


def test_no_look_alike_town_of_another_state(nlp: Language, geo: Geoparser) -> None:
    # "Harwintun" is spelled like no town; a look-alike in Delaware is not read in a Connecticut report
    text = "Hartford, Connecticut, police said the crash in Harwintun, Connecticut, closed Route 4."
    place = resolve(nlp, geo, text, "Harwintun")
    assert place is None or place.admin1 == "Connecticut"


def test_washington_alone_is_the_capital(nlp: Language, geo: Geoparser) -> None:
    text = "Lawmakers returned to Washington on Monday to debate the budget."
    place = resolve(nlp, geo, text, "Washington")
    assert place is not None and place.feature_code == "PPLC"


def test_washington_in_a_report_on_the_state(nlp: Language, geo: Geoparser) -> None:
    text = "Seattle and Spokane voters backed the measure, and Washington state will now raise its tax."
    place = resolve(nlp, geo, text, "Washington state")
    assert place is not None and place.feature_code == "ADM1"


def test_regions_the_gazetteer_lacks(nlp: Language, geo: Geoparser) -> None:
    text = "Aid convoys reached Darfur while talks on South Ossetia stalled."
    darfur = resolve(nlp, geo, text, "Darfur")
    assert darfur is not None and darfur.country == "SD"
    ossetia = resolve(nlp, geo, text, "South Ossetia")
    assert ossetia is not None and ossetia.country == "GE"


def test_names_listed_before_a_plural_kind_word_take_that_kind(nlp: Language, geo: Geoparser) -> None:
    text = "Schools near Athens, Georgia, said enrollment slowed in Jackson and Barrow counties this spring."
    jackson = resolve(nlp, geo, text, "Jackson")
    assert jackson is not None and jackson.admin1 == "Georgia" and jackson.feature_code == "ADM2"


def test_a_name_the_parser_missed_takes_the_kind_word_after_it(nlp: Language, geo: Geoparser) -> None:
    # NER sees no name in "the Kharkiv region": the gazetteer finds it, and "region" says which Kharkiv
    bare = resolve(nlp, geo, "Shelling hit Kharkiv on Monday.", "Kharkiv")
    assert bare is not None and bare.feature_code is not None and bare.feature_code.startswith("PPL")
    place = resolve(nlp, geo, "Fighting raged across the Kharkiv region on Monday.", "Kharkiv")
    assert place is not None and place.feature_code == "ADM1" and place.country == "UA"
    town = resolve(nlp, geo, "Fighting raged across the Donetsk city centre on Monday.", "Donetsk")
    assert town is not None and town.feature_code is not None and town.feature_code.startswith("PPL")
