"""The coder on real-looking sentences: the means of a deed told beside an armed side, and the dead of an
attack counted by its object."""

from __future__ import annotations

import pytest
from spacy.language import Language

from triangulate.extract.events import EventCoder
from triangulate.read import Reader
from triangulate.records import Document, Event, document_id


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.default()


def _code(nlp: Language, coder: EventCoder, text: str) -> list[Event]:
    document = Document(id=document_id(text), external_id="test", text=text)
    return coder.code(Reader.default().read(document, nlp(text)))


def _only(events: list[Event], trigger: str) -> Event:
    found = [e for e in events if e.trigger is not None and e.trigger.text == trigger]
    assert len(found) == 1, [(e.type, e.trigger.text if e.trigger else None) for e in events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # "armed" tells what the group is, not that the killing was a shooting
        ("The interior minister has accused the outlawed armed group of responsibility for a bombing in a busy "
         "shopping street that killed six people and wounded scores.", "killed"),
        ("The group denied responsibility for the attack, but the ministry has already accused the outlawed "
         "armed group of Sunday's bombing.", "attack"),
    ],
)
def test_an_armed_group_beside_a_deed_is_no_cue_to_a_shooting(nlp: Language, coder: EventCoder, text: str,
                                                               trigger: str) -> None:
    assert _only(_code(nlp, coder, text), trigger).mode != "firearms"


def test_armed_men_who_attacked_still_shot(nlp: Language, coder: EventCoder) -> None:
    assert _only(_code(nlp, coder, "Armed men attacked the village, killing four."), "attacked").mode == "firearms"


@pytest.mark.parametrize(
    ("text", "trigger", "dead"),
    [
        # the number of the explosions is no toll: the object counts the dead
        ("Two explosions on January 3 at a ceremony marking the anniversary of the general's death killed at "
         "least 103 people.", "explosions", 103),
        ("Three killed, two wounded in the blast at the depot.", "killed", 3),
    ],
)
def test_the_dead_are_the_object_of_killing_not_its_subject(nlp: Language, coder: EventCoder, text: str,
                                                           trigger: str, dead: int) -> None:
    assert _only(_code(nlp, coder, text), trigger).fatalities == dead


def test_the_number_of_a_day_is_no_toll(nlp: Language, coder: EventCoder) -> None:
    text = ("The court sentenced on the night of Thursday February 2 to life imprisonment two accomplices of the "
            "gunman, shot dead by police on the evening of the attack in the city centre.")
    assert _only(_code(nlp, coder, text), "attack").fatalities is None
