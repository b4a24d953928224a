"""`check` from the record: verdicts from stored responsibility statements and claims, on real-looking reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.link.builders import stored_reports
from triangulate.link import verdict
from triangulate.link.lexicon import load_lexicon
from triangulate.link.retracted import retraction
from triangulate.link.stance import ReportStance, Stance
from triangulate.link.verdict import check_record
from triangulate.records import Span
from triangulate.store import SQLiteStore, open_store

REPORTS = {
    "tankers-wire.txt": "The Pentagon blamed Iran on Thursday for the attacks on two oil tankers in the Gulf of "
                        "Oman, saying the explosions were caused by limpet mines.",
    "tankers-tehran.txt": "Iran denied any involvement in the attacks on the two oil tankers in the Gulf of Oman, "
                          "the foreign ministry said on Friday.",
    "concert-group.txt": "The Islamic State group claimed responsibility for the bombing at the concert hall in "
                         "Manchester, which killed 22 people on Monday night.",
    "dam-moscow.txt": "Moscow flatly rejected accusations that it was behind the destruction of the dam on the "
                      "Dnipro river. Kremlin spokesman Dmitry Peskov accused Ukraine of blowing up the dam.",
    "village-moscow.txt": "The Russian defence ministry on Monday denied Ukrainian allegations that Russian "
                          "soldiers had shot civilians in the village of Yahidne.",
    "bridge-kyiv.txt": "The Ukrainian authorities initially rejected their involvement in the explosion on the "
                       "bridge over the Kerch Strait, but later acknowledged their role in the attack.",
    "studio-fbi.txt": "The FBI blamed North Korea on Friday for the hacking of the computer systems of a Hollywood "
                      "film studio, which leaked unreleased films.",
    "gas-moscow.txt": "Russia's foreign ministry said on Wednesday that rebels carried out the chemical attack in "
                      "the suburbs of Damascus that killed hundreds of people.",
    "base-claim.txt": "Sheikh Ali Dhere, a spokesman for al-Shabaab, said: \"Our mujahideen brothers carried out "
                      "a successful operation on the army base near Kismayo.\"",
    "forces-denial.txt": "Syrian Democratic Forces (SDF) Commander-in-Chief Mazloum Abdi on Monday denied any "
                         "involvement of his forces in the bombing on Istiklal Avenue in Istanbul.",
    "plant-claim.txt": "A veteran jihadist commander, Abu Talha al-Masri, said his men carried out the hostage-taking "
                       "at the gas plant in the Sahara desert.",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    return stored_reports(tmp_path_factory, "verdict", REPORTS)


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Iran carried out the attacks on the oil tankers in the Gulf of Oman.", "disputed"),
    ("Saudi Arabia carried out the attacks on the oil tankers in the Gulf of Oman.", "unsupported"),
    ("Islamic State claimed responsibility for the bombing at the concert hall in Manchester.", "supported"),
    ("Al-Qaeda claimed responsibility for the bombing at the concert hall in Manchester.", "unsupported"),
    # what a speaker said: its denial supports a claim that it denied; its accusation of another side does not
    # contradict that denial, and its own claim of an attack refutes a claim that it denied any role
    ("The Kremlin said Russia was not involved in the destruction of the dam.", "supported"),
    ("Islamic State denied any role in the bombing at the concert hall in Manchester.", "refuted"),
    ("Iran denied any involvement in the attacks on the oil tankers.", "supported"),
    # a denial of "allegations" reports that someone makes them: the deed is disputed, not refuted
    ("Russian soldiers shot civilians in the village of Yahidne.", "disputed"),
    # a speaker who denied, then admitted: the admission was said (a change of position, not a dispute)
    ("The Ukrainian authorities acknowledged their role in the attack on the Kerch Strait bridge.", "supported"),
    # "X denied/admitted doing it", a cue the attribution model found: still what X said, met by X's own words
    ("Islamic State denied carrying out the bombing at the concert hall in Manchester.", "refuted"),
    ("Iran admitted carrying out the attacks on the oil tankers.", "refuted"),
    # a hack is a deed someone is said to have done; a capital stands for its state
    ("Pyongyang carried out the hack of the film studio's computer systems.", "supported"),
    # rebels with no country said are the rebels the statements name; a name met only in the text by its words
    ("Rebels carried out the chemical attack in the suburbs of Damascus.", "supported"),
    ("Al-Masri's men carried out the hostage-taking at the gas plant.", "supported"),
    # a claim is the claimant's own deed whatever words its spokesman uses for the doers
    ("Al-Shabaab carried out the attack on the army base near Kismayo.", "supported"),
    # a person the claim names alone is the one the reports place in a body ("Mazloum Abdi" of the SDF)
    ("Mazloum Abdi's forces claimed the bombing on Istiklal Avenue.", "refuted"),
])
def test_verdicts_from_the_record(store: SQLiteStore, claim: str, verdict: str) -> None:
    result = check_record(store, claim)
    assert result.verdict == verdict, (result.reading, [i.speaker_text for i in result.supports],
                                       [i.speaker_text for i in result.refutes])


def test_an_accusation_supports_and_a_denial_refutes_with_their_evidence(store: SQLiteStore) -> None:
    result = check_record(store, "Iran carried out the attacks on the oil tankers in the Gulf of Oman.")
    assert result.reading == "responsibility"
    (support,) = result.supports
    assert support.stance == "accuses" and support.evidence and "blamed Iran" in support.evidence[0]["text"]
    assert any(item.stance == "denies" for item in result.refutes)
    assert result.as_json()["verdict"] == "disputed" and "reports" in result.as_json()


def test_only_the_stories_the_claim_is_about_are_asked(store: SQLiteStore) -> None:
    # the tanker statements say nothing about the concert: the claim about it meets only its own story
    result = check_record(store, "Islamic State claimed responsibility for the bombing at the concert hall in Manchester.")
    assert all("tankers" not in (i.evidence[0]["text"] if i.evidence else "") for i in result.supports)


def test_a_store_without_statements_falls_back_to_the_stance_model(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    open_store(db).close()
    result = check_record(open_store(db), "Iran carried out the attacks on the oil tankers.")
    assert result.verdict == "unsupported" and result.supports == [] and result.refutes == []


def test_the_stance_models_disagree_alone_refutes_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    claim = "Malaysian police wanted an embassy official for questioning over the killing."
    told = "Police said an embassy official had left the country before the killing."
    span = Span(doc_id="d1", start=0, end=len(told), text=told)

    def read_as(relation: str) -> list[ReportStance]:
        stance = Stance("disagree" if relation == "contradicts" else "agree", 0.9, {}, [span])
        return [ReportStance("d1", "d1", None, "Outlet", None, relation, stance)]

    db = tmp_path / "empty.db"
    open_store(db).close()
    store = open_store(db)
    # the model reads a disagreement in a report about the claim: no refutation from the model alone
    monkeypatch.setattr(verdict, "check_claim", lambda *_a, **_k: read_as("contradicts"))
    result = verdict._by_stance(store, claim, None)
    assert result.verdict != "refuted" and not result.refutes and result.discusses[0].stance == "contradicts"
    monkeypatch.setattr(verdict, "check_claim", lambda *_a, **_k: read_as("supports"))
    assert verdict._by_stance(store, claim, None).verdict == "supported"


def test_what_a_speaker_is_said_to_have_admitted_is_met_in_its_own_sentences(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    store = stored_reports(tmp_path_factory, "admitted", {
        "consulate-early.txt": "Egypt denied that the writer had been killed at its consulate in Rome, the foreign "
                               "ministry said on Saturday.",
        "consulate-later.txt": "The Egyptian government acknowledged on Friday that the writer died in its consulate "
                               "in Rome after a fight broke out.",
    }, {"consulate-early.txt": "2019-03-02", "consulate-later.txt": "2019-03-15"})
    admitted = check_record(store, "Egypt admitted that the writer was killed inside its consulate in Rome.")
    assert admitted.verdict == "supported"
    assert [i.published for i in admitted.supports] == ["2019-03-15"]
    # "X denied S": met by X's sentence denying S; an admission of S by X is its opposite
    denied = check_record(store, "Egypt denied that the writer was killed inside its consulate in Rome.")
    assert denied.supports and denied.refutes + denied.discusses
    # each evidence span once
    spans = [(e["doc_id"], e["start"]) for i in admitted.supports + admitted.refutes + admitted.discusses
             for e in i.evidence]
    assert len(spans) == len(set(spans))


RETRACTED = {
    "claim.txt": "The Mujahideen Brigade claimed responsibility for the ambush on a police convoy near Kunduz "
                 "that killed nine officers.",
    "denial.txt": "The Mujahideen Brigade denied any role in the ambush on the police convoy near Kunduz, saying "
                  "the statement carrying its name was a forgery.",
    "other.txt": "The Taliban claimed responsibility for the ambush on a police convoy near Kunduz.",
}


@pytest.mark.parametrize(("days", "claim", "verdict"), [
    # its claim, then its denial: taken back
    (("2021-03-02", "2021-03-04"), "The Mujahideen Brigade withdrew its claim of responsibility for the ambush "
                                   "on the police convoy near Kunduz.", "supported"),
    # a denial told before the claim takes nothing back
    (("2021-03-04", "2021-03-02"), "The Mujahideen Brigade retracted its claim of responsibility for the ambush "
                                   "on the police convoy near Kunduz.", "unsupported"),
    # a claim nobody took back
    (("2021-03-02", "2021-03-04"), "The Taliban withdrew its claim of responsibility for the ambush on the police "
                                   "convoy near Kunduz.", "unsupported"),
])
def test_a_claim_taken_back_is_met_by_the_speakers_claim_and_later_denial(
        tmp_path_factory: pytest.TempPathFactory, days: tuple[str, str], claim: str, verdict: str) -> None:
    published = {"claim.txt": days[0], "denial.txt": days[1], "other.txt": days[0]}
    result = check_record(stored_reports(tmp_path_factory, "retracted", RETRACTED, published), claim)
    assert (result.reading, result.verdict) == ("retraction", verdict), [i.speaker_text for i in result.discusses]
    if verdict == "supported":
        assert [i.stance for i in result.supports] == ["denies"]
        assert any(i.stance == "claims" for i in result.discusses)


def test_troops_withdrawn_are_no_claim_taken_back() -> None:
    read = verdict._read("Russia withdrew its troops from the city after the attack.")[0]
    assert retraction(read.doc, read.actor_mentions, load_lexicon()) is None


def test_a_speaker_needing_more_information_did_not_confirm(tmp_path_factory: pytest.TempPathFactory) -> None:
    store = stored_reports(tmp_path_factory, "confirmed", {
        "un.txt": "A missile hit central Donetsk on Monday. The United Nations said it needed more information about "
                  "the attack by Ukrainian forces on Donetsk, in which 20 people were killed.",
    })
    result = check_record(store, "The United Nations confirmed that Ukrainian forces fired the missile at Donetsk.")
    assert (result.reading, result.verdict) == ("statement", "refuted")
    assert [i.stance for i in result.refutes] == ["uncertain"]
    # saying is not confirming: the same uncertainty leaves "said" open
    said = check_record(store, "The United Nations said that Ukrainian forces fired the missile at Donetsk.")
    assert said.verdict != "refuted"


def test_an_attack_told_with_other_means_on_another_day_is_refuted_by_the_event(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    store = stored_reports(tmp_path_factory, "shooting", {
        "tripoli-wire.txt": "Gunmen shot dead the activist Omar Haddad outside a mosque in Tripoli on Sunday, "
                            "police said.",
        "tripoli-post.txt": "Omar Haddad, a rights activist, was shot dead by two gunmen outside a mosque in Tripoli "
                            "on Sunday.",
        "tripoli-desk.txt": "Police in Tripoli are hunting two gunmen who shot dead the activist Omar Haddad outside "
                            "a mosque on Sunday.",
    }, {"tripoli-wire.txt": "2023-06-19", "tripoli-post.txt": "2023-06-19", "tripoli-desk.txt": "2023-06-20"})
    bomb = check_record(store, "Omar Haddad was killed by a car bomb outside a mosque in Tripoli.")
    assert (bomb.verdict, bomb.reading) == ("refuted", "event")
    assert {i.stance for i in bomb.refutes} == {"tells the means otherwise"}
    assert all(i.evidence and "shot dead" in i.evidence[0]["text"] for i in bomb.refutes)
    friday = check_record(store, "Gunmen shot dead Omar Haddad outside a mosque in Tripoli on Friday.")
    assert friday.verdict == "refuted"
    assert check_record(store, "Gunmen shot dead Omar Haddad outside a mosque in Tripoli.").verdict != "refuted"
