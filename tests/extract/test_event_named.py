"""Named targets: the proper name of the thing an attack hit, and "the plane" as the one a report named."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.extract.events_helpers import coded as code
from triangulate.extract.events import EventCoder
from triangulate.records import Event


def assaults(nlp: Language, coder: EventCoder, text: str) -> list[Event]:
    return [e for e in code(nlp, coder, text) if e.type == "ASSAULT"]


@pytest.mark.parametrize(("text", "name"), [
    ("Malaysia Airlines Flight 17 was shot down over eastern Ukraine.", "Malaysia Airlines Flight 17"),
    ("Rebels shot down flight MH17 with a Buk missile.", "MH17"),
    ("The blast at al-Ahli Arab Hospital killed hundreds.", "al-Ahli Arab Hospital"),
    ("Drones struck the Abqaiq plant at dawn.", "Abqaiq plant"),
    ("Limpet mines damaged the Kokuka Courageous tanker.", "Kokuka Courageous tanker"),
    ("Explosions ripped through the Nord Stream pipelines.", "Nord Stream pipelines"),
    ("The bomb went off at Maalbeek metro station.", "Maalbeek metro station"),
    ("A drone attack on Tower 22 killed three U.S. soldiers.", "Tower 22"),
    ("Houthi rebels attacked the Galaxy Leader, a cargo ship.", "Galaxy Leader"),
])
def test_the_name_of_the_thing_hit(nlp: Language, coder: EventCoder, text: str, name: str) -> None:
    (event,) = assaults(nlp, coder, text)
    assert event.target_name == name


@pytest.mark.parametrize("text", [
    "Israeli jets struck the Russian embassy in Damascus.",  # a people names no thing
    "Gunmen stormed a school in Peshawar.",  # nothing named
    "Militants attacked the army's base near the border.",  # an owner is no name
    "Police fired on protesters in the capital.",
])
def test_no_name_where_none_is_given(nlp: Language, coder: EventCoder, text: str) -> None:
    assert all(e.target_name is None for e in assaults(nlp, coder, text))


def test_the_plane_is_the_one_aircraft_the_report_named(nlp: Language, coder: EventCoder) -> None:
    events = assaults(nlp, coder, "Iran admitted that it shot down Ukraine International Airlines Flight PS752. "
                      "Officials said air defences struck the plane by mistake.")
    assert [e.target_name for e in events] == ["Ukraine International Airlines Flight PS752"] * 2


def test_a_thing_of_another_kind_or_a_new_one_keeps_no_name(nlp: Language, coder: EventCoder) -> None:
    events = assaults(nlp, coder, "Rockets hit the Kokuka Courageous tanker. Warplanes later bombed the port. "
                      "A drone struck a tanker nearby.")
    assert [e.target_name for e in events] == ["Kokuka Courageous tanker", None, None]


def test_two_things_of_a_kind_leave_the_plane_unnamed(nlp: Language, coder: EventCoder) -> None:
    events = assaults(nlp, coder, "Mines damaged the Front Altair tanker and the Kokuka Courageous tanker. "
                      "Iran denied attacking the tanker.")
    assert events[-1].target_name is None
