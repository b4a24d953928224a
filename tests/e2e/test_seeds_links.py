"""Links across the seed reports and the project's examples: merged events and contradictions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from triangulate.cli import main

REPO = Path(__file__).resolve().parents[2]


def _run(inputs: Path, out: Path) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["run", str(inputs), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    dossier: dict[str, Any] = json.loads((out / "dossier.json").read_text())
    dossier["markdown"] = (out / "dossier.md").read_text(encoding="utf-8")
    return dossier


@pytest.fixture(scope="module")
def seeds(seeds_run: dict[str, Any]) -> dict[str, Any]:
    return {**seeds_run["dossier"], "markdown": seeds_run["markdown"]}


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _run(REPO / "examples", tmp_path_factory.mktemp("examples_links"))


def _merged_with(dossier: dict[str, Any], predicate: Any) -> list[dict[str, Any]]:
    events = {e["id"]: e for e in dossier["events"]}
    return [m for m in dossier["merged_events"] if any(predicate(events[i]) for i in m["event_ids"])]


def test_the_contradiction_on_moscows_role_with_both_evidences(seeds: dict[str, Any]) -> None:
    found = [c for c in seeds["contradictions"] if c["kind"] == "factuality"
             and any("green light" in s["text"] for s in c["evidence"])
             and any("Moscow and Jerusalem" in s["text"] for s in c["evidence"])]
    assert len(found) == 1
    yes, no = found[0]["evidence"]
    assert (yes["value"], no["value"]) == ("CT+", "CT-")
    assert "Asharq al-Awsat" in (yes["outlet"] or "")
    assert "Western diplomatic sources" in found[0]["reason"]
    assert "green light" in seeds["markdown"].split("**Contradictions**", 1)[1]


def test_the_july_19_strike_is_one_merged_event(seeds: dict[str, Any]) -> None:
    july = _merged_with(seeds, lambda e: e["type"] == "ASSAULT" and "July 19" in e["evidence"][0]["text"])
    assert len(july) == 1
    assert len(july[0]["event_ids"]) >= 2
    assert july[0]["date"]["start_date"] == "2019-07-19"


def test_the_balad_explosions_are_one_merged_event(seeds: dict[str, Any]) -> None:
    balad = _merged_with(seeds, lambda e: e["type"] == "ASSAULT" and "Balad" in e["evidence"][0]["text"])
    assert len(balad) == 1
    assert len(balad[0]["event_ids"]) >= 2
    assert balad[0]["place"]["name"] == "Balad Air Base"
    assert balad[0]["date"]["start_date"] == "2019-08-20"


def test_every_event_and_claim_is_linked_once(seeds: dict[str, Any]) -> None:
    merged_ids = [i for m in seeds["merged_events"] for i in m["event_ids"]]
    assert sorted(merged_ids) == sorted(e["id"] for e in seeds["events"])
    grouped = [i for g in seeds["claim_groups"] for i in g["claim_ids"]]
    assert sorted(grouped) == sorted(c["id"] for c in seeds["claims"])


def test_the_examples_rising_death_toll_is_no_contradiction(examples: dict[str, Any]) -> None:
    # two killed on the day, three the next day after a wounded fighter died: the toll rose
    tolls = [c for c in examples["contradictions"] if c["kind"] == "fatalities"]
    assert not any({s["value"] for s in c["evidence"]} == {"2", "3"} for c in tolls)
    # the history is kept, with the reports and their days
    assert any([t["value"] for t in m.get("tolls", []) if t["kind"] == "fatalities"][-2:] == [2, 3]
               for m in examples["merged_events"])
    assert "killed: 2 (Tigris Wire" in examples["markdown"] and "→ 3 (Anbar Monitor; 2023-11-16)" in examples["markdown"]
