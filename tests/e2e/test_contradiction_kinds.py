"""Each kind of contradiction, end to end: two short reports written for the test go through
read, extract and link, and the dossier names both sides with their evidence."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import triangulate
from triangulate.records import Document, document_id


def _report(name: str, outlet: str, published: str, title: str, text: str) -> Document:
    return Document(id=document_id(text), external_id=name, outlet=outlet, title=title,
                    published=datetime.date.fromisoformat(published), text=text)


PAIRS: dict[str, tuple[Document, Document, tuple[str, str]]] = {
    "fatalities": (
        _report("wire", "Tigris Wire", "2023-11-15", "Drone strike on militia depot near Al-Qaim",
                "A drone strike hit a weapons depot of Kataib Hezbollah near Al-Qaim on Tuesday, killing two "
                "fighters, local officials said."),
        _report("monitor", "Anbar Monitor", "2023-11-15", "Drone strike kills fighters at Al-Qaim depot",
                "A drone strike on a Kataib Hezbollah weapons depot near Al-Qaim on Tuesday killed five fighters, "
                "the Iraqi defence ministry said."),
        ("2", "5"),
    ),
    "injured": (
        _report("wire", "Tigris Wire", "2023-11-15", "Rocket attack on base near Baghdad airport",
                "Three rockets struck a military base near Baghdad airport on Tuesday. No one was injured, the "
                "Iraqi security media cell said."),
        _report("monitor", "Anbar Monitor", "2023-11-15", "Rockets hit base near Baghdad airport",
                "Three rockets struck a military base near Baghdad airport on Tuesday, wounding four soldiers, a "
                "security source said."),
        ("0", "4"),
    ),
    "date": (
        _report("wire", "Tigris Wire", "2023-11-17", "Airstrike hits militia convoy near Al-Bukamal",
                "An airstrike hit a convoy of Kataib Hezbollah near Al-Bukamal on Tuesday, killing three fighters, "
                "a militia spokesman said."),
        _report("monitor", "Anbar Monitor", "2023-11-17", "Airstrike on militia convoy near Al-Bukamal",
                "An airstrike hit a convoy of Kataib Hezbollah near Al-Bukamal on Thursday, killing three "
                "fighters, a war monitor said."),
        ("2023-11-14", "2023-11-16"),
    ),
    "perpetrator": (
        _report("wire", "Tigris Wire", "2023-11-15", "Drone strike on militia depot near Al-Qaim",
                "Israel carried out a drone strike on a Kataib Hezbollah depot near Al-Qaim on Tuesday, a militia "
                "spokesman said."),
        _report("monitor", "Anbar Monitor", "2023-11-15", "Drone strike on militia depot near Al-Qaim",
                "The United States carried out a drone strike on a Kataib Hezbollah depot near Al-Qaim on "
                "Tuesday, an Iraqi official said."),
        ("Israel", "United States"),
    ),
    "place": (
        _report("wire", "Tigris Wire", "2023-11-15", "Car bomb kills civilians in Tikrit market",
                "A car bomb exploded in a crowded market in Tikrit on Tuesday, killing six civilians, police said."),
        _report("monitor", "Anbar Monitor", "2023-11-15", "Car bomb kills civilians in Mosul market",
                "A car bomb exploded in a crowded market in Mosul on Tuesday, killing six civilians, police said."),
        ("Tikr", "Mosul"),
    ),
    "factuality": (
        _report("wire", "Tigris Wire", "2023-11-15", "Militia says the strike hit a food store",
                "Kataib Hezbollah said that the drone strike near Al-Qaim on Tuesday hit a food warehouse."),
        _report("monitor", "Anbar Monitor", "2023-11-16", "Official denies strike hit a food store",
                "An Iraqi official denied that the drone strike near Al-Qaim on Tuesday hit a food warehouse."),
        ("CT+", "CT-"),
    ),
    # who did it, said and denied: a dispute over the perpetrator, not a bare true-against-false pair
    "perpetrator-denied": (
        _report("wire", "Tigris Wire", "2023-11-15", "Militia says US drones struck its depot",
                "Kataib Hezbollah said that American drones struck its weapons depot near Al-Qaim on Tuesday."),
        _report("monitor", "Anbar Monitor", "2023-11-16", "Pentagon denies strike on militia depot",
                "The Pentagon denied that American drones struck a Kataib Hezbollah weapons depot near Al-Qaim "
                "on Tuesday."),
        ("accuses", "denies"),
    ),
}


@pytest.fixture(scope="module")
def dossiers() -> dict[str, dict[str, Any]]:
    return {kind: triangulate.analyze([one, other]) for kind, (one, other, _) in PAIRS.items()}


@pytest.mark.parametrize("kind", sorted(PAIRS))
def test_each_kind_is_flagged_with_both_sides(dossiers: dict[str, dict[str, Any]], kind: str) -> None:
    one, other, values = PAIRS[kind]
    dossier = dossiers[kind]
    assert len(dossier["stories"]) == 1
    found = [c for c in dossier["contradictions"] if c["kind"] == kind.split("-")[0]]
    assert len(found) == 1, dossier["contradictions"]
    sides = {side["doc_id"]: side for side in found[0]["evidence"]}
    assert set(sides) == {one.id, other.id}
    texts = {one.id: one.text, other.id: other.text}
    for doc_id, side in sides.items():  # each evidence span points into its own report
        assert texts[doc_id][side["start"]:side["end"]] == side["text"]
    got = (sides[one.id]["value"], sides[other.id]["value"])
    assert all(want in value for want, value in zip(values, got, strict=True)), got


def test_agreeing_reports_of_one_strike_raise_nothing() -> None:
    one = PAIRS["fatalities"][0]
    same = _report("desk", "Euphrates Desk", "2023-11-15", "Drone strike on Al-Qaim depot",
                   "Two fighters were killed when a drone strike hit a Kataib Hezbollah weapons depot near Al-Qaim "
                   "on Tuesday, a security source said.")
    dossier = triangulate.analyze([one, same])
    assert dossier["contradictions"] == []
    assert any(set(m["doc_ids"]) == {one.id, same.id} for m in dossier["merged_events"])
