"""The ACLED harness's actor scoring: ACLED's actor names against our actors."""

from __future__ import annotations

import pytest

from triangulate.evaluate.acled import _actor_matches, _gold_actor, actor_kinds
from triangulate.records import Actor, Event, Place


@pytest.mark.parametrize(
    ("name", "inter", "expected"),
    [
        ("Military Forces of Ukraine (2019-)", "1", ("military", "Ukraine")),
        ("Police Forces of Brazil (2019-) Military Police", "1", ("police", "Brazil")),
        ("Military Forces of the Democratic Republic of Congo (2019-)", "1",
         ("military", "Democratic Republic of Congo")),
        ("Military Forces of Turkey (2016-)", "8", ("military", "Turkey")),
        ("Protesters (India)", "6", ("protesters", "India")),
        ("Unidentified Armed Group (Mexico)", "3", ("militia", "Mexico")),
        ("Civilians (Yemen)", "7", ("civilians", "Yemen")),
        # a name that merely contains "Forces of", or a parenthesis that is no country
        ("NAF: United Armed Forces of Novorossiya", "2", ("rebel", "Ukraine")),
        ("Islamic State (Greater Sahara)", "2", ("rebel", "Ukraine")),
        ("Islamic State (Nigeria) and/or Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "2",
         ("rebel", "Nigeria")),
    ],
)
def test_gold_actor(name: str, inter: str, expected: tuple[str, str]) -> None:
    assert _gold_actor(name, inter, "Ukraine") == expected


def _event(country: str | None) -> Event:
    place = Place(start=0, end=1, text="x", name="x", country=country) if country else None
    return Event(id="d:e1", doc_id="d", type="ASSAULT", place=place)


def test_same_kind_and_country() -> None:
    actors = {
        "MEX.PRO": Actor(id="MEX.PRO", name="Protesters (Mexico)", country="MX", sectors=["protesters"]),
        "XXX.MIL": Actor(id="XXX.MIL", name="Military Forces of country not stated", sectors=["military"]),
        "XXX.UNK": Actor(id="XXX.UNK", name="Unidentified Armed Group", sectors=["unidentified"]),
        "COD.POL": Actor(id="COD.POL", name="Police", country="CD", sectors=["police"]),
        "PSE.CIV": Actor(id="PSE.CIV", name="Civilians", country="PS", sectors=["civilians"]),
    }
    assert _actor_matches("MEX.PRO", actors, _event("MX"), ("protesters", "Mexico"))
    assert not _actor_matches("MEX.PRO", actors, _event("MX"), ("rioters", "Mexico"))
    assert not _actor_matches("MEX.PRO", actors, _event("MX"), ("protesters", "Peru"))
    # a non-state actor of no stated country is where the event is; a state's organ is not
    assert _actor_matches("XXX.UNK", actors, _event("MX"), ("militia", "Mexico"))
    assert not _actor_matches("XXX.MIL", actors, _event("MX"), ("military", "Mexico"))
    # the state's branches are kinds of their own
    assert not _actor_matches("COD.POL", actors, _event("CD"), ("military", "Democratic Republic of Congo"))
    assert _actor_matches("COD.POL", actors, _event("CD"), ("police", "Democratic Republic of Congo"))
    assert _actor_matches("PSE.CIV", actors, _event("PS"), ("civilians", "Palestine"))
    # an empty gold side is matched by no actor only
    assert _actor_matches(None, actors, _event("MX"), None)
    assert not _actor_matches("MEX.PRO", actors, _event("MX"), None)


def test_security_forces_are_military_and_police() -> None:
    actor = Actor(id="NGA.SEC", name="Security Forces of Nigeria", country="NG", sectors=["military", "police"])
    assert actor_kinds(actor) == {"military", "police"}


def test_a_de_facto_state_is_matched_by_its_name() -> None:
    # "Military Forces of Artsakh": the gold country is the name; our actor carries that name
    assert _gold_actor("Military Forces of Artsakh", "1", "Azerbaijan") == ("military", "Artsakh")
    actors = {"ARM.ARTSAKH": Actor(id="ARM.ARTSAKH", name="Republic of Artsakh", country="Artsakh",
                                   sectors=["government", "military"])}
    assert _actor_matches("ARM.ARTSAKH", actors, _event("AZ"), ("military", "Artsakh"))
    assert not _actor_matches("ARM.ARTSAKH", actors, _event("AZ"), ("military", "Azerbaijan"))
