"""Where an event happened (extract/events/anchoring.py `_nearest`): sentences written for these tests."""

from __future__ import annotations

import math

import pytest
from spacy.language import Language

from tests.extract.events_helpers import coded as events_of
from triangulate.extract.events import EventCoder, anchoring


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(a))


def test_an_event_without_a_place_in_its_sentence_takes_the_report_s(nlp: Language, coder: EventCoder) -> None:
    text = ("On 2 June, in Sao Goncalo, Rio de Janeiro, military police entered a favela to look for traffickers. "
            "A shoot-out broke out and a suspect was killed.")
    events = events_of(nlp, coder, text)
    later = [e for e in events if e.trigger is not None and e.trigger.start > text.index("A shoot-out")]
    assert later
    for event in later:
        assert event.place is not None and event.place.text == "Sao Goncalo"


def test_a_report_with_no_place_gives_none(nlp: Language, coder: EventCoder) -> None:
    events = events_of(nlp, coder, "Gunmen killed two soldiers. Then they fled.")
    assert events and all(e.place is None for e in events)


def test_a_sea_named_as_a_modifier_is_not_the_place(nlp: Language, coder: EventCoder) -> None:
    text = "Houthi forces shelled homes in the north of Hodeidah Red Sea port city (Al Hali, Al Hudaydah)."
    events = events_of(nlp, coder, text)
    assert events and events[0].place is not None
    assert events[0].place.feature_class != "H"


def test_an_event_in_the_countryside_of_a_town_lies_off_its_point(nlp: Language, coder: EventCoder) -> None:
    events = events_of(nlp, coder, "Regime forces shelled a village in the southern countryside of Idleb.")
    place = events[0].place
    assert place is not None and place.lat is not None and place.lon is not None
    assert 15 < km(place.lat, place.lon, 35.93, 36.63) < 25 and place.lat < 35.93  # south of Idlib city


def test_a_country_that_holds_a_town_of_the_sentence_is_not_the_place(nlp: Language, coder: EventCoder) -> None:
    text = ("On 9 June, in Santa Rosa (La Pampa), shop owners protested to demand longer opening hours "
            "during the lockdown imposed in Argentina.")
    events = events_of(nlp, coder, text)
    assert events
    for event in events:
        assert event.place is not None and event.place.feature_code != "PCLI"


def test_a_source_after_according_to_is_no_place_of_the_deed(nlp: Language, coder: EventCoder) -> None:
    text = "Gunmen carrying explosive belts targeted a concert hall, the group said, according to Metro."
    found = [e for e in events_of(nlp, coder, text) if e.type == "ASSAULT"]
    assert found and all(e.place is None or e.place.text != "Metro" for e in found), [
        (e.trigger.text if e.trigger else None, e.place.text if e.place else None) for e in found]


def test_where_someone_is_based_is_not_where_it_happened(nlp: Language, coder: EventCoder) -> None:
    text = ("At least 70 people were killed in the attack, a London-based monitoring group said. "
            "The Geneva-based organisation said the shelling wounded 12 civilians in Idlib.")
    events = events_of(nlp, coder, text)
    killed = [e for e in events if e.trigger is not None and e.trigger.start < text.index("London")]
    assert killed and all(e.place is None or e.place.text != "London" for e in killed)
    shelled = [e for e in events if e.trigger is not None and e.trigger.text == "shelling"]
    assert shelled and shelled[0].place is not None and shelled[0].place.text == "Idlib"


def test_where_an_attack_was_fired_from_is_not_where_it_struck(nlp: Language, coder: EventCoder) -> None:
    events = events_of(nlp, coder, "Residents of the Golan Heights said a rocket hit a football field on Saturday. "
                                   "The barrage was fired from Lebanon in the evening.")
    assert {e.place.name if e.place else None for e in events if e.type == "ASSAULT"} == {"Golan Heights"}


def test_a_deed_only_threatened_takes_no_place_from_the_report(nlp: Language, coder: EventCoder) -> None:
    events = events_of(nlp, coder, "Gunmen stormed a hotel in Mogadishu, Somalia, on Friday. The group vowed "
                                   "further raids and threatened more bombings.")
    (threatened,) = [e for e in events if e.trigger and e.trigger.text == "bombings"]
    assert threatened.modality == "hypothetical" and threatened.place is None
    (stormed,) = [e for e in events if e.trigger and e.trigger.text == "stormed"]
    assert stormed.place is not None and stormed.place.name == "Mogadishu"


def test_a_deed_a_government_weighs_or_proposes_is_not_done(nlp: Language, coder: EventCoder) -> None:
    weighed = events_of(nlp, coder, "The government is weighing a military strike on the rebel camps near Goma.")
    assert [e.modality for e in weighed if e.trigger and e.trigger.text == "strike"] == ["hypothetical"]
    # a deed planned is often one done: "the man who helped plan the bombing"
    planned = events_of(nlp, coder, "Police arrested the man who helped plan the bombing of the market in Goma.")
    assert [e.modality for e in planned if e.trigger and e.trigger.text == "bombing"] == ["asserted"]



@pytest.mark.parametrize("after", ["-made surface-to-air missile", "-backed militia", "-led coalition", "-based group"])
def test_where_a_weapon_was_made_or_a_side_is_backed_from_is_no_place_of_the_deed(after: str) -> None:
    # "hit by a Western-made surface-to-air missile" was placed in Western Region, Ghana
    assert anchoring._BASED_AFTER.match(after)
    assert not anchoring._BASED_AFTER.match(" made a statement")


@pytest.mark.parametrize("text", [
    "An air strike hit an aid convoy near Aleppo on Monday. The head of the branch where the attack took place "
    "died, a spokesman told reporters in Geneva.",
    # the sentence names no place: the report's last place, but not where a spokesman spoke
    "An air strike hit an aid convoy near Aleppo on Monday. A spokesman told reporters in Geneva that 20 people "
    "died. The aid chief said that if the attack was found to be deliberate, it would be a war crime.",
])
def test_where_it_was_told_is_not_where_the_deed_happened(nlp: Language, coder: EventCoder, text: str) -> None:
    attacks = [e for e in events_of(nlp, coder, text) if e.trigger is not None and e.trigger.text == "attack"]
    assert attacks and all(e.place is not None and e.place.name == "Aleppo" for e in attacks)


def test_where_a_shot_came_from_is_not_where_it_struck(nlp: Language, coder: EventCoder) -> None:
    text = "A missile hit Kharkiv on Sunday. The governor said the missiles that hit the city came from neighboring Russia."
    hits = [e for e in events_of(nlp, coder, text) if e.type == "ASSAULT"]
    assert hits and all(e.place is not None and e.place.name == "Kharkiv" for e in hits)


def test_many_deeds_counted_together_take_no_place_from_the_report(nlp: Language, coder: EventCoder) -> None:
    # Citizen Digital (a wire report) and The Washington Post, 2019-01-17/18 (the Bogota police academy bombing)
    text = ("A car bomb exploded at a police academy in Colombia\u2019s capital Bogota on Thursday, killing at least "
            "eight people and wounding 10 in what the authorities condemned as terrorism. The assault looks likely to "
            "all but end the government\u2019s peace talks with the group, which has carried out 33 attacks and nine "
            "kidnappings since President Iv\u00e1n Duque was inaugurated in August.")
    events = events_of(nlp, coder, text)
    counted = [e for e in events if e.trigger is not None and e.trigger.text in ("attacks", "kidnappings")]
    assert counted and all(e.place is None for e in counted)
    bomb = next(e for e in events if e.trigger is not None and e.trigger.text == "car bomb")
    assert bomb.place is not None and bomb.place.text == "Bogota"
