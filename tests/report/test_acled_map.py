"""PLOVER -> ACLED: the map's names, and real sentences through the coder."""

from __future__ import annotations

import pytest
from spacy.language import Language

from triangulate.extract.events import EventCoder
from triangulate.read import Reader
from triangulate.records import Actor, Document, Event, Span, document_id
from triangulate.report.acled import AcledMap, acled_types

ACLED_SUB_EVENT_TYPES = 25


def event(type_: str, mode: str | None, trigger: str = "x", target: str | None = None, **kw: object) -> Event:
    sentence = kw.pop("sentence", trigger)
    assert isinstance(sentence, str)
    return Event(
        id=str(kw.pop("id", "d:e1")), doc_id="d", type=type_, mode=mode, target_text=target,
        trigger=Span(doc_id="d", start=0, end=len(trigger), text=trigger),
        evidence=[Span(doc_id="d", start=0, end=len(sentence), text=sentence)],
        **kw,  # type: ignore[arg-type]
    )


def test_map_uses_acled_names_only() -> None:
    acled = AcledMap.default()
    assert sum(len(v) for v in acled.event_types.values()) == ACLED_SUB_EVENT_TYPES
    assert len(acled.event_types) == 6
    for rule in acled.rules:
        assert rule.sub_event_type in acled.event_types[rule.event_type]


def test_bad_name_is_rejected() -> None:
    text = "event_types: {Battles: [Armed clash]}\nrules:\n  - {event_type: Battles, sub_event_type: Clash}\n"
    with pytest.raises(ValueError, match="not an ACLED type"):
        AcledMap.from_yaml(text)


@pytest.mark.parametrize(
    ("ev", "expected"),
    [
        (event("ASSAULT", "aerial", "airstrike"), ("Explosions/Remote violence", "Air/drone strike")),
        (event("ASSAULT", "drone", "struck"), ("Explosions/Remote violence", "Air/drone strike")),
        (event("ASSAULT", "heavy-weapons", "shelled"), ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        (event("ASSAULT", "suicide-attack", "suicide bomber"), ("Explosions/Remote violence", "Suicide bomb")),
        (event("ASSAULT", "explosives", "exploded", sentence="An IED exploded."),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        (event("ASSAULT", "explosives", "grenade"), ("Explosions/Remote violence", "Grenade")),
        (event("ASSAULT", "firearms", "clashed", target="rebels"), ("Battles", "Armed clash")),
        (event("ASSAULT", "firearms", "shot", target="a shopkeeper"), ("Violence against civilians", "Attack")),
        (event("ASSAULT", "firearms", "attacked", target="an army checkpoint"), ("Battles", "Armed clash")),
        (event("ASSAULT", "firearms", "shot", target="an alleged drug trafficker"), ("Battles", "Armed clash")),
        (event("ASSAULT", "abduct", "abducted"), ("Violence against civilians", "Abduction/forced disappearance")),
        (event("ASSAULT", "sexual", "raped"), ("Violence against civilians", "Sexual violence")),
        (event("ASSAULT", "destroy", "looted"), ("Strategic developments", "Looting/property destruction")),
        (event("PROTEST", "demo", "protested"), ("Protests", "Peaceful protest")),
        (event("PROTEST", "riot", "rioted", source_text="protesters"), ("Riots", "Violent demonstration")),
        (event("PROTEST", "riot", "lynched", source_text="a mob of villagers"), ("Riots", "Mob violence")),
        (event("COERCE", "arrest", "arrested"), ("Strategic developments", "Arrests")),
        (event("COERCE", "seize", "defused"), ("Strategic developments", "Disrupted weapons use")),
        (event("COERCE", "seize", "recaptured"), ("Battles", "Government regains territory")),
        (event("MOBILIZE", "troops", "established", sentence="Troops established a new base."),
         ("Strategic developments", "Headquarters or base established")),
        (event("MOBILIZE", "troops", "patrol"), ("Strategic developments", "Change to group/activity")),
        (event("AGREE", None, "signed"), ("Strategic developments", "Agreement")),
        (event("RETREAT", "ceasefire", "truce"), ("Strategic developments", "Agreement")),
        (event("RETREAT", "withdraw", "handed over"), ("Strategic developments", "Non-violent transfer of territory")),
        (event("CONSULT", "visit", "visited"), ("Strategic developments", "Other")),
        (event("ASSAULT", "firearms", "clashed", target="police", source_text="garment workers",
               sentence="Garment workers clashed with police during a demonstration."), ("Riots", "Violent demonstration")),
        (event("ASSAULT", "firearms", "fought", source_text="supporters of two parties",
               sentence="Supporters of two parties fought in the market."), ("Riots", "Mob violence")),
        (event("ASSAULT", "firearms", "clashed", target="police", source_text="armed supporters"), ("Battles", "Armed clash")),
        (event("ASSAULT", "firearms", "clashed", target="each other", source_text="two groups of drivers"), ("Riots", "Mob violence")),
        (event("ASSAULT", "firearms", "shot", target="two civilians", sentence="Gunmen shot two civilians with small arms."),
         ("Violence against civilians", "Attack")),
        (event("ASSAULT", "firearms", "shot", target="an off-duty police officer"), ("Violence against civilians", "Attack")),
        (event("ASSAULT", "beat", "beat", target="two journalists", source_text="angry traders"), ("Riots", "Mob violence")),
    ],
)
def test_types(ev: Event, expected: tuple[str, str]) -> None:
    assert acled_types(ev) == expected


def test_target_sector_decides_clash_or_attack() -> None:
    militia = Actor(id="M", name="Local militia", sectors=["militia"])
    villagers = Actor(id="V", name="Villagers", sectors=["civilians"])
    ev = event("ASSAULT", "firearms", "attacked", target="them", target_actor="M")
    assert acled_types(ev, {"M": militia}) == ("Battles", "Armed clash")
    ev = event("ASSAULT", "firearms", "attacked", target="the soldiers' relatives", target_actor="V")
    assert acled_types(ev, {"V": villagers}) == ("Violence against civilians", "Attack")


def test_protest_with_police_intervention() -> None:
    sentence = "Workers protested outside the ministry and were dispersed by police."
    protest = event("PROTEST", "demo", "protested", id="d:e1", sentence=sentence)
    dispersal = event("COERCE", "crowd-control", "dispersed", id="d:e2", sentence=sentence, source_text="police")
    assert acled_types(protest, None, [protest, dispersal]) == ("Protests", "Protest with intervention")
    assert acled_types(protest) == ("Protests", "Peaceful protest")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 3 May, hundreds of teachers marched in Nairobi to demand unpaid wages.", ("Protests", "Peaceful protest")),
        ("On 3 May, Turkish forces shelled the village of Dardara using artillery fire.",
         ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("On 3 May, a roadside IED exploded near a police patrol in Ghazni.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("On 3 May, soldiers clashed with Al Shabaab militants near Afgoye. Two soldiers were killed.",
         ("Battles", "Armed clash")),
        ("On 3 May, gunmen abducted two aid workers on the road to Gao.",
         ("Violence against civilians", "Abduction/forced disappearance")),
        ("On 3 May, police arrested five opposition activists in Harare.", ("Strategic developments", "Arrests")),
        ("On 3 May, a mob lynched a suspected thief in a market in Kano.", ("Riots", "Mob violence")),
        ("On 3 May, students held a protest in Dhaka and were dispersed by police with tear gas.",
         ("Protests", "Protest with intervention")),
    ],
)
def test_first_event_of_a_note(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    document = Document(id=document_id(text), external_id="t", text=text)
    read = Reader.default().read(document, nlp(text))
    events = EventCoder.default().code(read)
    assert events
    assert acled_types(events[0], read.actors, events) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 4 May 2020, in Caracas, residents demonstrated by burning tires to demand electric power.",
         ("Riots", "Violent demonstration")),
        ("On 5 May 2020, several youths demonstrated and clashed with the police forces in Conakry.",
         ("Riots", "Violent demonstration")),
        ("On 4 May 2020, two groups of drivers clashed with machetes and stones at a bus terminal in Sorong.",
         ("Riots", "Mob violence")),
        ("On 5 May 2020, an intense shoot-out broke out and a suspect was shot and injured by police in Niteroi.",
         ("Battles", "Armed clash")),
        ("On 6 May 2020, monitors observed 10 explosions in both directions of the frontline near Avdiivka.",
         ("Battles", "Armed clash")),
        ("On 6 May 2020, monitors observed 10 explosions near Avdiivka.",
         ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("On 4 May 2020, about 300 workers demonstrated in Guntur, India, demanding unpaid wages. "
         "They burned tires and blocked the highway.", ("Riots", "Violent demonstration")),
        ("On 6 May 2020, militants threw a hand grenade at an army position in Mogadishu. "
         "Government forces opened fire in response.", ("Battles", "Armed clash")),
        ("On 6 May 2020, militants threw a hand grenade at an army position in Mogadishu.",
         ("Explosions/Remote violence", "Grenade")),
        ("On 5 May 2020, supporters of two parties fought each other at a rally in Kigali, Rwanda.",
         ("Riots", "Violent demonstration")),
    ],
)
def test_first_event_conventions(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    document = Document(id=document_id(text), external_id="t", text=text)
    read = Reader.default().read(document, nlp(text))
    events = EventCoder.default().code(read)
    assert events
    assert acled_types(events[0], read.actors, events) == expected
