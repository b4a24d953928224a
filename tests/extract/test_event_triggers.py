"""Trigger entries of triggers.yaml on news-shaped sentences: poisoning as an attack, and its metaphors."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.extract.events_helpers import coded as code
from triangulate.extract.events import EventCoder
from triangulate.records import Event


def assaults(events: list[Event]) -> list[Event]:
    return [e for e in events if e.type == "ASSAULT"]


def test_agents_poisoning_a_critic_attacked_him(nlp: Language, coder: EventCoder) -> None:
    (event,) = assaults(code(nlp, coder, "A unit of intelligence officers poisoned the exiled critic at a hotel."))
    assert (event.type, event.mode) == ("ASSAULT", "chemical")
    assert event.source_text is not None and "intelligence officers" in event.source_text
    assert event.target_text == "the exiled critic"


def test_the_poisoning_of_a_person_is_an_attack_on_them(nlp: Language, coder: EventCoder) -> None:
    (event,) = assaults(code(nlp, coder, "The ministry denied any part in the poisoning of the former colonel."))
    assert event.mode == "chemical" and event.target_text == "the former colonel"
    assert event.modality == "denied"


def test_a_person_poisoned_with_a_nerve_agent_is_the_victim(nlp: Language, coder: EventCoder) -> None:
    (event,) = assaults(code(nlp, coder, "The banker was poisoned with a nerve agent by two men from the security service."))
    assert event.mode == "chemical"
    assert event.target_text == "The banker"
    assert event.source_text is not None and "two men" in event.source_text


def test_a_killing_with_a_nerve_agent_takes_the_chemical_mode(nlp: Language, coder: EventCoder) -> None:
    (event,) = assaults(code(nlp, coder, "Two defectors were killed with a nerve agent in a park."))
    assert event.mode == "chemical"


def test_a_blast_at_a_chemical_plant_stays_an_explosion(nlp: Language, coder: EventCoder) -> None:
    (event,) = assaults(code(nlp, coder, "A blast at a chemical plant killed four workers."))
    assert event.mode == "explosives"


def test_poison_gas_used_on_villagers_is_an_attack_by_its_user(nlp: Language, coder: EventCoder) -> None:
    (event,) = assaults(code(nlp, coder, "Militants used poison gas against the villagers."))
    assert event.mode == "chemical" and event.source_text == "Militants"


def test_a_well_known_victim_is_still_poisoned(nlp: Language, coder: EventCoder) -> None:
    (event,) = assaults(code(nlp, coder, "Agents poisoned the well-known blogger in the capital."))
    assert event.target_text == "the well-known blogger"


@pytest.mark.parametrize(
    "text",
    [
        "The dispute has poisoned relations between the two neighbours.",
        "The scandal poisoned the political atmosphere before the vote.",
        "His remarks poisoned the well for the negotiations.",
        "Forty pupils were treated for food poisoning after the school lunch.",
        "The family died of carbon monoxide poisoning in their flat.",
    ],
)
def test_metaphors_and_accidents_of_poison_are_no_attack(nlp: Language, coder: EventCoder, text: str) -> None:
    assert not assaults(code(nlp, coder, text)), text


def test_the_month_march_in_a_date_is_no_protest(nlp: Language, coder: EventCoder) -> None:
    found = code(nlp, coder, "On March 3, gunmen attacked a police post in the town.")
    assert [e.type for e in found] == ["ASSAULT"]
    assert [e.type for e in code(nlp, coder, "The march on Sunday drew 5,000 people.")] == ["PROTEST"]


@pytest.mark.parametrize("text", [
    "Sources said the army had downed the transport plane near the border.",
    "Air defences shot down the airliner minutes after take-off.",
    "The downing of the passenger jet killed all 176 people on board.",
])
def test_an_aircraft_brought_down_is_an_attack(nlp: Language, coder: EventCoder, text: str) -> None:
    (event,) = assaults(code(nlp, coder, text))
    assert event.mode == "heavy-weapons"


def test_a_drone_shot_down_stays_a_weapon_taken_out(nlp: Language, coder: EventCoder) -> None:
    assert assaults(code(nlp, coder, "Air defence units shot down a drone over the city.")) == []


def test_a_rocket_fired_is_the_rockets_firing_and_the_toll_of_it_too(nlp: Language, coder: EventCoder) -> None:
    # the parse reads "fragments" as the subject of "fired"; the sentence's rocket tells the means
    events = assaults(code(nlp, coder, "At least 20 people were killed and 10 were injured in the city on Monday "
                                       "when fragments of a rocket fired from a launcher fell."))
    assert {e.trigger.text: e.mode for e in events} == {"killed": "heavy-weapons", "injured": "heavy-weapons",
                                                         "fired": "heavy-weapons"}


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Police fired on protesters who threw stones in the capital.", "firearms"),
        ("Gunmen shot dead three soldiers near the border.", "firearms"),
        ("Militants fired rockets at the town overnight.", "heavy-weapons"),
        ("Troops fired on the crowd while a helicopter hovered above.", "firearms"),
        ("The army fired on the village with artillery and tanks.", "heavy-weapons"),
    ],
)
def test_firing_yields_to_the_weapon_its_sentence_names(nlp: Language, coder: EventCoder, text: str,
                                                         mode: str) -> None:
    assert assaults(code(nlp, coder, text))[0].mode == mode


def test_the_release_of_a_nerve_agent_is_the_attack_but_not_a_reports_release(nlp: Language, coder: EventCoder) -> None:
    (event,) = assaults(code(nlp, coder, "Rebel forces were responsible for the release of sarin in the town."))
    assert (event.trigger.text, event.mode) == ("release", "chemical")
    assert [e.trigger.text for e in assaults(code(nlp, coder, "The release of the report on the sarin attack was "
                                                               "delayed."))] == ["attack"]
    assert not assaults(code(nlp, coder, "The militants released the hostages on Monday."))
