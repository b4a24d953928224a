"""A country's name used as a local town's, and namesakes placed by the text's other names."""

from __future__ import annotations

from spacy.language import Language

from tests.read.places_helpers import parse, resolve
from triangulate.read.places import Geoparser
from triangulate.records import Document, document_id


def test_a_country_name_with_local_police_in_a_us_report_is_the_town(nlp: Language, geo: Geoparser) -> None:
    text = ("Lebanon Police arrested a man after a traffic stop on Friday. He was held at the county jail "
            "in Indianapolis, Indiana, on a $500 bond.")
    place = resolve(nlp, geo, text, "Lebanon")
    assert place is not None and place.country == "US" and place.admin1 == "Indiana"


def test_an_address_before_a_country_name_in_a_us_report(nlp: Language, geo: Geoparser) -> None:
    text = ("Services will be held at the church, 212 N. Elm St., Jordan. Burial follows in Shakopee, "
            "Minnesota.")
    place = resolve(nlp, geo, text, "Jordan")
    assert place is not None and place.country == "US" and place.admin1 == "Minnesota"


def test_the_country_stays_without_local_cues(nlp: Language, geo: Geoparser) -> None:
    text = "Refugees from Syria crowd the camps of Lebanon, officials in Washington said on Monday."
    place = resolve(nlp, geo, text, "Lebanon")
    assert place is not None and place.country == "LB"


def test_local_cues_alone_do_not_move_a_country_abroad(nlp: Language, geo: Geoparser) -> None:
    # "police" after the name, but the report is in the Middle East: still the country
    text = "Lebanon police said the convoy left Beirut for the Syrian border at dawn."
    place = resolve(nlp, geo, text, "Lebanon")
    assert place is not None and place.country == "LB"


def test_a_namesake_near_another_name_of_the_text(nlp: Language, geo: Geoparser) -> None:
    # of the Athenses, the one in a Henderson County (Texas)
    text = "Henderson County deputies arrested an Athens man on Monday after a chase on the highway."
    place = resolve(nlp, geo, text, "Athens")
    assert place is not None and place.country == "US" and place.admin1 == "Texas"


def test_a_world_city_keeps_its_reading_beside_small_namesakes(nlp: Language, geo: Geoparser) -> None:
    # Manchester and Colchester have small namesakes side by side in the US, which the text names too
    text = ("A US serviceman from Austin, Texas, died beside him. The British soldier was born in "
            "Manchester and served with his regiment in Colchester.")
    place = resolve(nlp, geo, text, "Manchester")
    assert place is not None and place.country == "GB"


def _geoparsed(nlp: Language, geo: Geoparser, text: str) -> list[str]:
    document = Document(id=document_id(text), external_id="test", text=text)
    return [p.text for p in geo.geoparse(nlp(text), document)]


def test_a_name_the_text_writes_as_a_river_is_not_the_town(nlp: Language, geo: Geoparser) -> None:
    river = ("Troops could not cross the Dnipro River on Tuesday. Officials said dams in Dnipro had broken "
             "up by themselves.")
    assert "Dnipro" not in _geoparsed(nlp, geo, river)
    town = "Shelling hit an apartment block in Dnipro on Tuesday, officials in Kherson said."
    assert "Dnipro" in _geoparsed(nlp, geo, town)


def test_a_province_abroad_loses_to_the_town_near_the_countries_the_text_names(nlp: Language,
                                                                               geo: Geoparser) -> None:
    text = ("US President Joe Biden said the Gaza hospital blast was not caused by Israel. He visited Tel Aviv "
            "on Wednesday to back Israel's right to defend itself.")
    places = geo.geoparse(nlp(text), Document(id=document_id(text), external_id="t", text=text))
    gaza = [p for p in places if p.text == "Gaza"]
    assert gaza and all(p.country == "PS" for p in gaza)


def test_a_province_stays_a_province_where_the_text_is(nlp: Language, geo: Geoparser) -> None:
    text = "Floods hit Gaza province in southern Mozambique, officials in Maputo said."
    places = geo.geoparse(nlp(text), Document(id=document_id(text), external_id="t", text=text))
    assert any(p.text.startswith("Gaza") and p.country == "MZ" and p.feature_code == "ADM1" for p in places)


def test_a_persons_last_name_said_again_is_the_person_not_the_place(nlp: Language, geo: Geoparser) -> None:
    text = "Defense lawyer Mark Houston said the trial would resume. Houston told reporters the jury was out."
    assert "Houston" not in _geoparsed(nlp, geo, text)
    text = "Defense lawyer Mark Houston said the trial would resume in Houston on Monday."
    assert "Houston" in _geoparsed(nlp, geo, text)


def test_the_west_as_a_bloc_is_no_place_but_a_named_west_region_is(nlp: Language, geo: Geoparser) -> None:
    bloc = parse(nlp, geo, "The minister called on the West to stop arming the rebels, and said sanctions "
                           "imposed by the West had failed.")
    assert not [p for p in bloc if p.text == "West"]
    region = parse(nlp, geo, "Separatists attacked a village in the West region of Cameroon on Sunday.")
    assert [(p.text, p.country) for p in region if p.text == "West"] == [("West", "CM")]
