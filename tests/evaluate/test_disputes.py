"""The disputes harness: its split, and each scoring rule on small hand-made dossiers."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import need_data
from triangulate.evaluate import disputes
from triangulate.evaluate.common import print_result
from triangulate.evaluate.disputes import GoldEvent

FOLDERS = ("mh17-2014", "kramatorsk-station-2022", "bucha-2022", "nord-stream-2022", "przewodow-missile-2022",
           "abu-akleh-2022", "gulf-of-oman-tankers-2019", "kakhovka-dam-2023", "manchester-arena-2017",
           "sri-lanka-easter-2019")
UNDISPUTED = ("manchester-arena-2017", "sri-lanka-easter-2019")  # as the data README's table says


def _gold(folder: str = "gulf-of-oman-tankers-2019", disputed: bool = True) -> GoldEvent:
    return GoldEvent(
        key=folder.split("-")[0], folder=folder, event="Explosions damage two oil tankers in the Gulf of Oman",
        date=date(2019, 6, 13), lat=25.4, lon=57.4, km=150, disputed=disputed,
        responsibility=[
            {"speaker": r"pompeo|\bus\b|u\.s\.|united states", "accused": "iran|tehran", "stance": ["accuses"]},
            {"speaker": "iran|tehran|zarif", "accused": "iran|tehran", "stance": ["denies"]},
        ],
        contradiction={"a": "iran|tehran|zarif", "b": r"pompeo|\bus\b|u\.s\.|united states|hunt"} if disputed else None,
        checks=[{"claim": "Iran carried out the attacks on two oil tankers.", "expect": ["disputed"]}],
    )


def _doc(doc_id: str, folder: str) -> dict[str, Any]:
    return {"id": doc_id, "source": f"/data/disputes/{folder}/{doc_id}.txt", "external_id": f"{doc_id}.txt"}


def _side(doc_id: str, speaker: str | None, text: str | None, value: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "speaker": speaker, "speaker_text": text, "value": value}


def _dossier() -> dict[str, Any]:
    """Two events: the tanker attacks (reports g1-g3) and the Manchester bombing (m1, m2); g3 sits
    with the Manchester reports."""
    return {
        "documents": [_doc("g1", "gulf-of-oman-tankers-2019"), _doc("g2", "gulf-of-oman-tankers-2019"),
                      _doc("g3", "gulf-of-oman-tankers-2019"), _doc("m1", "manchester-arena-2017"),
                      _doc("m2", "manchester-arena-2017")],
        "actors": [
            {"id": "USA.GOV.mike-pompeo", "name": "Mike Pompeo", "aliases": ["Pompeo"]},
            {"id": "IRN.GOV", "name": "Government of Iran", "aliases": ["Iran", "Islamic Republic of Iran"]},
            {"id": "IMG.ISIL", "name": "Islamic State", "aliases": ["ISIS", "ISIL"]},
        ],
        "stories": [
            {"id": "sg", "doc_ids": ["g1", "g2"], "contradiction_ids": ["xdate", "xiran"]},
            {"id": "sm", "doc_ids": ["m1", "m2", "g3"], "contradiction_ids": ["xperp"]},
        ],
        "events": [
            {"id": "g1:e1", "doc_id": "g1", "type": "ASSAULT", "place": {"lat": 25.3, "lon": 57.0}, "date": None},
            {"id": "g2:e1", "doc_id": "g2", "type": "ASSAULT", "place": None,
             "date": {"start_date": "2019-06-13", "end_date": "2019-06-13"}},
            {"id": "g2:e2", "doc_id": "g2", "type": "ACCUSE", "place": {"lat": 25.3, "lon": 57.0}, "date": None},
            {"id": "m1:e1", "doc_id": "m1", "type": "ASSAULT", "place": {"lat": 53.48, "lon": -2.24}, "date": None},
        ],
        "merged_events": [
            {"id": "mg1", "story_id": "sg", "type": "ASSAULT", "event_ids": ["g1:e1"], "doc_ids": ["g1"],
             "perpetrator": {"status": "disputed", "candidates": []}},
            {"id": "mg2", "story_id": "sg", "type": "ASSAULT", "event_ids": ["g2:e1"], "doc_ids": ["g2"]},
            {"id": "mg3", "story_id": "sg", "type": "ACCUSE", "event_ids": ["g2:e2"], "doc_ids": ["g2"]},
            {"id": "mm1", "story_id": "sm", "type": "ASSAULT", "event_ids": ["m1:e1"], "doc_ids": ["m1"],
             "perpetrator": {"status": "claimed", "candidates": []}},
        ],
        "contradictions": [
            {"id": "xdate", "story_id": "sg", "kind": "date",
             "evidence": [_side("g1", None, None, "2019-06-13"), _side("g2", None, None, "2019-06-12")]},
            {"id": "xiran", "story_id": "sg", "kind": "factuality",
             "evidence": [_side("g2", "IRN.GOV", "Tehran's mission to the UN", "CT-"),
                          _side("g1", "USA.GOV.mike-pompeo", "Secretary of State Mike Pompeo", "CT+")]},
            {"id": "xperp", "story_id": "sm", "kind": "perpetrator",
             "evidence": [_side("m1", None, None, "Islamic State"), _side("m2", None, None, "Manchester Arena")]},
        ],
        "responsibility": [
            {"id": "r1", "doc_id": "g1", "speaker": "USA.GOV.mike-pompeo", "speaker_text": "he",
             "stance": "accuses", "accused": "IRN.GOV", "accused_text": "the Islamic Republic"},
            {"id": "r2", "doc_id": "g2", "speaker": None, "speaker_text": "Iran's foreign ministry",
             "stance": "accuses", "accused": None, "accused_text": "Iran"},
            {"id": "r3", "doc_id": "g2", "speaker": None, "speaker_text": "Japanese sailors",
             "stance": "accuses", "accused": None, "accused_text": "flying objects"},
            {"id": "r4", "doc_id": "m1", "speaker": "IMG.ISIL", "speaker_text": "Islamic State",
             "stance": "claims", "accused": "IMG.ISIL", "accused_text": "a soldier of the caliphate"},
        ],
    }


MANCHESTER = GoldEvent(
    key="manchester", folder="manchester-arena-2017", event="Suicide bombing at Manchester Arena kills 22 people",
    date=date(2017, 5, 22), lat=53.488, lon=-2.244, km=10, disputed=False,
    responsibility=[{"speaker": r"islamic state|isis|\bis\b", "accused": "islamic state|isis|caliphate",
                     "stance": ["claims", "admits"]}],
)


def test_the_held_out_events_are_the_lowest_hashes_of_each_group() -> None:
    def digest(folder: str) -> str:
        return hashlib.sha256((disputes.SPLIT_SALT + folder).encode()).hexdigest()

    undisputed = sorted(UNDISPUTED, key=digest)[:1]
    disputed = sorted((f for f in FOLDERS if f not in UNDISPUTED), key=digest)[:3]
    assert sorted(disputes.HELD_OUT) == sorted(undisputed + disputed)


def test_the_splits_keep_held_out_events_apart_and_limit_counts_events() -> None:
    events = [_gold(f, disputed=f not in UNDISPUTED) for f in FOLDERS]
    dev = disputes.select(events, "dev")
    assert [e.folder for e in dev] == [f for f in FOLDERS if f not in disputes.HELD_OUT]
    assert {e.folder for e in disputes.select(events, "heldout")} == set(disputes.HELD_OUT)
    assert len(disputes.select(events, "all")) == 10
    assert [e.folder for e in disputes.select(events, "dev", limit=2)] == ["mh17-2014", "bucha-2022"]
    with pytest.raises(ValueError, match="heldout"):
        disputes.select(events, "test")


def test_checks_go_to_their_event_two_by_two() -> None:
    story = {"key": "k", "event": "e", "date": "2019-06-13", "disputed": True,
             "place": {"name": "p", "lat": 1, "lon": 2, "km": 5}, "responsibility": []}
    gold = {"stories": [{**story, "folder": "a-2019"}, {**story, "folder": "b-2019"}],
            "checks": [{"claim": f"claim {i}", "expect": ["supported"]} for i in range(4)]}
    parsed = disputes.parse_gold(gold)
    assert [c["claim"] for c in parsed[1].checks] == ["claim 2", "claim 3"]
    assert parsed[0].date == date(2019, 6, 13) and parsed[0].km == 5.0


def test_reports_map_to_their_folder_and_stories_are_scored_whole_and_pure() -> None:
    dossier = _dossier()
    reports = disputes.reports_by_folder(dossier, ["gulf-of-oman-tankers-2019", "manchester-arena-2017"])
    assert reports["gulf-of-oman-tankers-2019"] == ["g1", "g2", "g3"]
    assert disputes.event_story(dossier, reports["gulf-of-oman-tankers-2019"]) == "sg"
    assert not disputes.story_right(dossier, ["g1", "g2", "g3"], ["m1", "m2"])  # g3 is elsewhere
    assert disputes.story_right(dossier, ["g1", "g2"], ["m1", "m2"])
    assert not disputes.story_right(dossier, ["m1", "m2"], ["g1", "g2", "g3"])  # g3 sits with them
    assert disputes.folder_of({"source": "/d/bucha-2022/reports.jsonl:3"}) == "bucha-2022"


def test_responsibility_matches_speaker_and_accused_by_text_or_actor_names_and_stance() -> None:
    dossier = _dossier()
    names = disputes.actor_names(dossier)
    records = disputes.event_records(dossier, ["g1", "g2", "g3"])
    scored = disputes.score_items(_gold().responsibility, records, names)
    # "he" is Pompeo by his actor; Iran's "accuses" of Iran is not the gold denial
    assert [(s["found"], s["record"]) for s in scored] == [(True, "r1"), (False, None)]
    left = disputes.unmatched(_gold().responsibility, records, names)
    # r2 matches the denial item on speaker and accused (its stance is wrong): not unmatched
    assert [r["id"] for r in left] == ["r3"]


def test_a_main_event_mention_is_an_attack_and_placed_within_the_radius_or_dated_on_the_day() -> None:
    gold = _gold()
    assert disputes.is_main_mention({"type": "ASSAULT", "place": {"lat": 25.3, "lon": 57.0}}, gold)
    far = {"type": "ASSAULT", "place": {"lat": 35.7, "lon": 51.4}, "date": {"start_date": "2019-06-13"}}
    assert not disputes.is_main_mention(far, gold)  # Tehran: the place decides, not the date
    assert disputes.is_main_mention({"type": "ASSAULT", "place": None,
                                     "date": {"start_date": "2019-06-10", "end_date": "2019-06-16"}}, gold)
    arrest = {"type": "COERCE", "place": {"lat": 25.3, "lon": 57.0}, "date": {"start_date": "2019-06-13"}}
    assert not disputes.is_main_mention(arrest, gold)  # an arrest, a seizure: never the attack itself
    assert not disputes.is_main_mention({"type": "ASSAULT", "date": {"start_date": "2019-06-14"}}, gold)
    assert not disputes.is_main_mention({"type": "ACCUSE", "place": {"lat": 25.3, "lon": 57.0}}, gold)


def test_fragments_count_merged_events_of_the_story_holding_a_main_mention() -> None:
    dossier = _dossier()
    fragments = disputes.main_event_fragments(dossier, "sg", _gold(), ["g1", "g2", "g3"])
    assert [m for m, _ in fragments] == ["mg1", "mg2"]  # mg3 is an accusation
    assert disputes.main_event_fragments(dossier, "sg", _gold(), ["g2"]) == [("mg2", 1)]


def test_the_central_dispute_is_found_as_a_contradiction_and_ranked() -> None:
    dossier = _dossier()
    names = disputes.actor_names(dossier)
    found = disputes.dispute_found(dossier, "sg", {}, _gold(), names)
    assert found == {"found": True, "first": False, "how": "contradiction", "contradiction": "xiran"}
    dossier["stories"][0]["contradiction_ids"] = ["xiran", "xdate"]
    assert disputes.dispute_found(dossier, "sg", {}, _gold(), names)["first"]
    britain = replace(_gold(), contradiction={"a": "iran", "b": "hunt|britain"})  # Pompeo is not side b
    assert not disputes.dispute_found(dossier, "sg", {}, britain, names)["found"]


def test_the_central_dispute_is_found_as_a_disputed_perpetrator_with_both_sides_speaking() -> None:
    dossier = _dossier()
    dossier["contradictions"] = []
    names = disputes.actor_names(dossier)
    merged = {"id": "mg1", "perpetrator": {"status": "disputed", "candidates": [
        {"actor": "IRN.GOV", "name": "Iran", "accused_by": ["r1"], "denied_by": ["r2"]}]}}
    assert disputes.dispute_found(dossier, "sg", merged, _gold(), names)["how"] == "perpetrator"
    merged["perpetrator"]["candidates"][0]["denied_by"] = []
    assert not disputes.dispute_found(dossier, "sg", merged, _gold(), names)["found"]


def test_same_speaker_contradictions_need_one_document_and_one_speaker() -> None:
    said_twice = {"evidence": [_side("g2", None, "Tehran's mission", "CT-"), _side("g2", None, "tehran's mission", "CT+")]}
    assert disputes.same_speaker(said_twice)
    assert disputes.same_speaker({"evidence": [_side("g1", "IRN.GOV", "Iran", "CT+"), _side("g1", "IRN.GOV", "it", "CT-")]})
    assert not disputes.same_speaker({"evidence": [_side("g1", "IRN.GOV", "Iran", "CT+"),
                                                   _side("g2", "IRN.GOV", "Iran", "CT-")]})
    assert not disputes.same_speaker({"evidence": [_side("g1", None, None, "22"), _side("g1", None, None, "2")]})


def test_score_dossier_puts_the_rules_together() -> None:
    metrics, details = disputes.score_dossier(_dossier(), [_gold(), MANCHESTER])
    assert metrics["stories_right"] == 0.0
    assert metrics["responsibility_recall"] == pytest.approx(2 / 3)  # r1 and r4 of three items
    assert metrics["n_responsibility"] == 4
    assert metrics["responsibility_unmatched"] == pytest.approx(1 / 4)
    assert metrics["central_disputes_found"] == 1.0 and metrics["central_disputes_first"] == 0.0
    assert metrics["main_event_fragments"] == pytest.approx(1.5) and metrics["main_event_found"] == 1.0
    assert metrics["contradictions_per_story"] == pytest.approx(1.5)
    assert metrics["same_speaker_contradictions"] == 0
    assert metrics["false_perpetrator_disputes"] == 1  # Manchester's perpetrator contradiction
    assert details[0]["main_event"] == "mg1" and details[1]["perpetrator"] == "claimed"


def test_a_dossier_without_responsibility_scores_zero_and_still_runs() -> None:
    dossier = _dossier()
    del dossier["responsibility"]
    for merged in dossier["merged_events"]:
        merged.pop("perpetrator", None)
    metrics, _ = disputes.score_dossier(dossier, [_gold(), MANCHESTER])
    assert metrics["responsibility_recall"] == 0.0 and metrics["n_responsibility"] == 0
    assert metrics["false_perpetrator_disputes"] == 1


def test_checks_are_right_when_the_verdict_is_expected_and_a_failure_is_wrong() -> None:
    def verdict(store: Any, claim: str) -> dict[str, Any]:
        if "Al-Qaeda" in claim:
            raise RuntimeError("no index")
        return {"verdict": "disputed" if "Iran" in claim else "supported"}

    checks = [{"claim": "Iran carried out the attacks on two oil tankers.", "expect": ["disputed"]},
              {"claim": "The tankers were hit in the Gulf of Oman.", "expect": ["refuted"]},
              {"claim": "Al-Qaeda claimed the Manchester bombing.", "expect": ["unsupported"]}]
    answered = disputes.answer_checks(checks, object(), verdict)
    assert [a["right"] for a in answered] == [True, False, False]
    assert answered[2]["verdict"] is None and "no index" in answered[2]["error"]


def test_no_verdict_module_means_no_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "triangulate.link.verdict", None)  # importing it raises ImportError
    assert disputes.verdict_function() is None


def test_the_table_prints_averaged_counts_as_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    print_result({"data": "disputes", "split": "dev", "n": 6, "mean_counts": ["main_event_fragments"],
                  "metrics": {"main_event_fragments": 2.5, "stories_right": 0.5, "n_responsibility": 7}})
    out = capsys.readouterr().out
    assert "2.50" in out and "50.0%" in out and "250.0%" not in out


def test_the_harness_runs_on_one_dev_event(shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = need_data(shared_data / disputes.DATA_SUBDIR, "disputes data")
    seen: list[int] = []

    def check_verdict(store: Any, claim: str) -> dict[str, Any]:  # stands in for link.verdict
        seen.append(len(store.all_analyzed()))
        return {"verdict": "supported"}

    module = ModuleType("triangulate.link.verdict")
    module.check_verdict = check_verdict  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "triangulate.link.verdict", module)
    result = disputes.run(folder, split="dev", limit=1)
    assert result["n"] == 1 and result["n_reports"] == 5 and result["n_checks"] == 2
    assert [e["event"] for e in result["events"]] == ["mh17-2014"]
    assert seen == [5, 5]  # each check is answered against the event's own five reports
    metrics = result["metrics"]
    assert metrics["checks_available"] == 1
    assert metrics["checks_right"] == 0.5  # MH17's first check expects "supported", the second "disputed"
    assert all(0.0 <= metrics[m] <= 1.0 for m in ("stories_right", "responsibility_recall", "central_disputes_found"))
    assert metrics["main_event_found"] == 1.0  # MH17's shooting down is found today


def test_an_uncertain_record_naming_no_side_matches_an_uncertain_item_on_its_speaker() -> None:
    item = {"speaker": "kirby|white house", "accused": "ukrain|russia", "stance": ["uncertain"]}
    unsure = {"speaker_text": "Mr. Kirby", "speaker": None, "accused_text": None, "accused": None, "stance": "uncertain"}
    assert disputes.item_matches(item, unsure, {})
    # a side named must still be the item's; an accusation naming no side matches nothing
    assert not disputes.item_matches(item, {**unsure, "accused_text": "Belarus"}, {})
    assert not disputes.item_matches(item, {**unsure, "stance": "accuses"}, {})
    assert not disputes.item_matches({**item, "stance": ["accuses"]}, unsure, {})
