"""Who did it and to whom, on news-shaped sentences: participle complements of passives, and places'
modifiers that name no doer."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.extract.events_helpers import coded as code
from triangulate.extract.events import EventCoder
from triangulate.records import Event


def assault(events: list[Event]) -> Event:
    found = [e for e in events if e.type == "ASSAULT"]
    assert len(found) == 1, [(e.type, e.trigger.text if e.trigger else None) for e in events]
    return found[0]


# ------------------------------------------------------------------ a participle complement of a passive


@pytest.mark.parametrize(
    ("text", "victim", "doer"),
    [
        ("The exiled editor was ordered murdered by a team of agents.", "The exiled editor", "a team of agents"),
        ("The tribal elder was reported killed by gunmen near the market.", "The tribal elder", "gunmen"),
        ("The engineer was believed kidnapped by militants near the border.", "The engineer", "militants"),
        ("The fighters were surrounded and killed by government troops.", "The fighters", "government troops"),
    ],
)
def test_the_subject_of_a_passive_with_a_participle_is_the_victim(
    nlp: Language, coder: EventCoder, text: str, victim: str, doer: str
) -> None:
    event = assault(code(nlp, coder, text))
    assert (event.target_text, event.source_text) == (victim, doer)


def test_a_victim_found_murdered_is_no_doer(nlp: Language, coder: EventCoder) -> None:
    event = assault(code(nlp, coder, "The human rights lawyer was found murdered in his office."))
    assert event.target_text == "The human rights lawyer" and event.source_text is None


def test_a_headline_victim_found_murdered_is_no_doer(nlp: Language, coder: EventCoder) -> None:
    event = assault(code(nlp, coder, "Lawyer found murdered in Lahore\n\nHis body was recovered on Sunday."))
    assert event.target_text == "Lawyer" and event.source_text is None


def test_an_infinitive_after_a_passive_keeps_its_doer(nlp: Language, coder: EventCoder) -> None:
    event = assault(code(nlp, coder, "The soldiers were ordered to shoot the protesters."))
    assert (event.source_text, event.target_text) == ("The soldiers", "the protesters")


# ------------------------------------------------------------------ a held place's modifier is no doer


def test_the_holder_of_a_place_before_an_event_noun_is_no_doer(nlp: Language, coder: EventCoder) -> None:
    event = assault(code(nlp, coder, "Kyiv denied responsibility for the Russian-occupied Melitopol bombing."))
    assert event.source_text is None and event.source_actor is None


def test_the_holder_of_a_town_shelled_is_no_doer(nlp: Language, coder: EventCoder) -> None:
    event = assault(code(nlp, coder, "Artillery units kept up the shelling of the Ukrainian-held town."))
    assert event.source_actor is None or not event.source_actor.startswith("UKR")
    assert event.target_text == "the Ukrainian-held town"


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("Saudi-led coalition airstrikes killed twelve civilians in the port city.", "Saudi-led coalition"),
        ("A Taliban-planted mine killed two shepherds.", "Taliban-planted"),
    ],
)
def test_a_hyphenated_doer_stays_the_doer(nlp: Language, coder: EventCoder, text: str, doer: str) -> None:
    event = assault(code(nlp, coder, text))
    assert event.source_text == doer


@pytest.mark.parametrize("text, source, target", [
    ("Police said the Kurdish journalist's murder in Ankara shocked the city.", None, "the Kurdish journalist's"),
    ("Rights groups condemned the army's killing of civilians in the village.", "the army's", "civilians"),
    ("Russia's attack on the city killed ten people.", "Russia's", "the city"),
])
def test_the_possessor_of_a_deed_done_to_someone_is_its_victim(
    nlp: Language, coder: EventCoder, text: str, source: str | None, target: str
) -> None:
    event = assault(code(nlp, coder, text))
    assert (event.source_text, event.target_text) == (source, target)


# ------------------------------------------------------------------ the person a victim names


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("Police said opposition politician Marta Kowalczyk was poisoned at a cafe in Gdansk on Friday.",
         "Kowalczyk"),
        ("Opposition politician Marta Kowalczyk fell ill on a flight on Friday. Doctors in Vienna later said "
         "that Kowalczyk had been poisoned.", "Kowalczyk"),
        ("Gunmen shot dead the veteran reporter Tomas Lindqvist outside his home in Malmo.", "Lindqvist"),
        ("Gunmen killed three soldiers at a checkpoint near the border.", None),
    ],
)
def test_the_person_a_victim_names(nlp: Language, coder: EventCoder, text: str, surname: str | None) -> None:
    person = assault(code(nlp, coder, text)).target_person
    assert (person.split()[-1] if person else None) == surname


def test_the_doer_of_a_clause_the_parse_hung_on_after_is_its_subject(nlp: Language, coder: EventCoder) -> None:
    # "after militants ... attacked": the parse makes "militants" the object of "after", and the main
    # clause's subject (the students) is no doer
    events = code(nlp, coder, "More than 500 students remained unaccounted for after militants from the Somali "
                  "group al-Shabaab attacked the university college early Thursday, authorities said.")
    (attack,) = [e for e in events if e.type == "ASSAULT"]
    assert attack.source_text is not None and attack.source_text.startswith("militants")
    assert attack.source_actor == "SOM.AL_SHABAAB"


def test_militants_from_a_country_are_not_its_government(nlp: Language, coder: EventCoder) -> None:
    (attack,) = [e for e in code(nlp, coder, "Militants from Syria attacked the checkpoint.") if e.type == "ASSAULT"]
    assert attack.source_actor != "SYR.GOV"


@pytest.mark.parametrize("text", [
    "Police said 23 were confirmed as wounded in the bombing.",
    "Hospital staff said eleven were reported as injured in the shelling overnight.",
])
def test_the_passive_subject_a_participle_shares_is_no_doer(nlp: Language, coder: EventCoder, text: str) -> None:
    assert assault(code(nlp, coder, text)).source_text is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a chemical agent is the means, not the doer; "agents" of a state are doers
        ("On 13 February 2017, VX nerve agent killed a North Korean man at the airport in Sepang, Malaysia.", None),
        ("On 4 April 2017, sarin gas killed dozens of civilians in Khan Shaykhun, Idlib, Syria.", None),
        ("On 13 February 2017, Russian agents killed a defector in Salisbury, England.", "RUS"),
    ],
)
def test_a_chemical_agent_as_subject_is_the_means(nlp: Language, coder: EventCoder, text: str,
                                                  source: str | None) -> None:
    event = assault(code(nlp, coder, text))
    assert (event.source_actor or "").startswith(source) if source else event.source_actor is None


def test_a_town_before_a_gerund_the_parse_made_its_subject_is_where_not_who(nlp: Language, coder: EventCoder) -> None:
    # a headline over its story: the parse reads "Vienna" as the subject of "shooting"
    event = assault(code(nlp, coder, "IS claims it is responsible for Vienna shooting\n\nAustria's interior minister "
                                     "said the perpetrator had fooled a deradicalization program."))
    assert event.source_text != "Vienna" and event.source_actor != "AUT.GOV"


def test_a_possessive_pronoun_is_not_the_doer_its_noun_names_the_apposition_is(nlp: Language,
                                                                               coder: EventCoder) -> None:
    # Western Morning News (The Conversation), 2021-09: "his" is Litvinenko, his acquaintances poisoned him
    text = ("UK police established that Litvinenko had been poisoned by his acquaintances, Andrey Lugovoy and Dmitry "
            "Kovtun, one of whom was also a former KGB agent.")
    found = assault(code(nlp, coder, text))
    assert found.source_text is not None and "acquaintances" in found.source_text
    assert found.source_actor is not None and "lugovoy" in found.source_actor
