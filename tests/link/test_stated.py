"""A fact claim met in report sentences: stated, stated the opposite, or not spoken of (real-looking reports)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.link.builders import stored_reports
from triangulate.link.lexicon import load_lexicon
from triangulate.link.verdict import check_record
from triangulate.store import SQLiteStore

REPORTS = {
    "spy-later.txt": "British police charged a third Russian man on Tuesday over the 2018 nerve agent attack in "
                     "Salisbury. The Skripals survived, but the attack later claimed the life of a British woman.",
    "spy-early.txt": "The attack left one British citizen dead and the former Russian spy and his daughter "
                     "fighting for their lives, police in Salisbury said.",
    "drones-a.txt": "According to Kremlin spokesman Dmitry Peskov, President Vladimir Putin was not in the Kremlin "
                    "at the time of the drone attack and was working from his residence outside Moscow.",
    "drones-b.txt": "State media said that Putin's Kremlin residence was targeted by two drones overnight.",
    "depot.txt": "Investigators said the rockets that hit the fuel depot were fired from a base of the 12th "
                 "artillery regiment. The defence ministry rejected this, state television reported.",
    "strikes.txt": "The United States, which launched air strikes on Syria days after the chemical attack in Douma, "
                   "said Britain and France had joined the operation.",
    "sdf.txt": "Kurdish commander Mazloum Abdi said his forces condemned the Istanbul bombing and offered "
               "condolences to the families of the victims.",
    "blast.txt": "Turkey's interior minister said the Kurdistan Workers' Party (PKK) carried out the bombing on "
                 "Istiklal Avenue in Istanbul on Sunday, which killed six people.",
    "mall.txt": "Russia denied on Tuesday that it hit the Amstor shopping mall in Kremenchuk with missiles. In a "
                "statement, Russia's defence ministry said Russian forces had struck a depot housing Western arms, "
                "and that the blast caused a fire at the shopping mall.",
    "truce.txt": "An air strike hit an aid convoy near Aleppo on Monday. The convoy was hit just hours after the "
                 "Syrian Army declared an end to a week-long truce, brokered by the US and Russia. The Syrian army "
                 "denied bombing the aid convoy.",
    "base.txt": "The missile strike killed one civilian and injured 32 others in a densely populated area of the city "
                "and did not hit an air base, the government in Baku said.",
    "base-claimed.txt": "The Artsakh Defense Army destroyed the airbase in Ganja on Sunday, a spokesman for the "
                        "ethnic Armenian forces said.",
    "envoy.txt": "A North Korean diplomat on Friday rejected the Malaysian finding that a nerve agent killed Kim Jong "
                 "Nam, saying he died of a heart attack.",
    "police.txt": "Malaysia's police chief said on Friday that Kim Jong Nam was killed with a nerve agent smeared on his "
                  "face.",
    "kharkiv.txt": "A missile hit the Chuhuiv air base near Kharkiv overnight, regional officials said.",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    return stored_reports(tmp_path_factory, "stated", REPORTS)


def test_an_opposite_predicate_of_the_claims_subject_refutes_it(store: SQLiteStore) -> None:
    result = check_record(store, "Sergei Skripal died of the nerve-agent poisoning.")
    # "left one British citizen dead" is said of someone else: only "the Skripals survived" speaks to it
    assert (result.reading, result.verdict) == ("sentences", "refuted")
    assert all("survived" in i.evidence[0]["text"] for i in result.refutes)


def test_a_negated_predicate_refutes_and_a_possessor_is_not_the_subject(store: SQLiteStore) -> None:
    result = check_record(store, "President Putin was in the Kremlin when the drones were brought down.")
    # "Putin's Kremlin residence was targeted" is about the residence, not where Putin was
    assert (result.reading, result.verdict) == ("sentences", "refuted")
    (refuting,) = result.refutes
    assert "not in the Kremlin" in refuting.evidence[0]["text"] and refuting.speaker_text
    assert "Peskov" in refuting.speaker_text


def test_a_relative_clause_speaks_of_the_noun_it_describes(store: SQLiteStore) -> None:
    result = check_record(store, "The United States launched air strikes on Syria.")
    assert result.verdict == "supported" and result.supports[0].stance == "states"


def test_a_denial_pointing_back_at_the_sentence_before_holds_the_opposite(store: SQLiteStore) -> None:
    result = check_record(store, "The rockets that hit the fuel depot were fired from a base of the 12th artillery "
                                 "regiment.")
    assert (result.reading, result.verdict) == ("sentences", "disputed")
    assert [i.speaker_text for i in result.refutes] == ["The defence ministry"]


def test_a_deed_done_to_something_else_does_not_state_the_claim(store: SQLiteStore) -> None:
    # "had struck a depot" is no admission of striking the mall: only the denial speaks to it
    result = check_record(store, "Russia admitted deliberately striking the Kremenchuk shopping mall.")
    assert result.verdict == "refuted" and not result.supports
    depot = check_record(store, "Russian forces struck a depot housing Western arms.")
    assert any("a depot" in i.evidence[0]["text"] for i in depot.supports)


def test_opposite_classes_are_symmetric() -> None:
    opposites = load_lexicon().opposites
    assert "survive" in opposites["kill"] and "kill" in opposites["survive"]


def test_nothing_said_of_the_claim_is_unsupported(tmp_path: Path, store: SQLiteStore) -> None:
    result = check_record(store, "The Skripals were poisoned with ricin in a London restaurant.")
    assert result.verdict in ("unsupported", "disputed", "refuted") and not result.supports


def test_a_speakers_sentences_naming_another_side_do_not_state_its_accusation(store: SQLiteStore) -> None:
    # the minister blamed the PKK: nothing said by him speaks of Iran
    result = check_record(store, "Ankara blamed Iran for the Istiklal Avenue bombing.")
    assert result.verdict == "unsupported" and not result.supports
    assert check_record(store, "Ankara blamed the PKK for the Istiklal Avenue bombing.").verdict == "supported"


def test_an_admitted_involvement_is_not_stated_by_talk_of_the_bombing(store: SQLiteStore) -> None:
    # the key of "involvement in the bombing" is the involvement: a sentence of the bombing alone says nothing of it
    result = check_record(store, "Mazloum Abdi admitted involvement in the Istanbul bombing.")
    assert not result.supports


def test_a_deed_told_beside_a_speakers_words_is_not_what_the_speaker_said(store: SQLiteStore) -> None:
    # "the army declared an end to a truce" holds most of the sentence, but the convoy hit is the report's telling
    result = check_record(store, "The Syrian army admitted bombing the aid convoy.")
    assert result.verdict == "refuted"
    assert not any("truce" in i.evidence[0]["text"] for i in result.supports)


def test_a_negated_deed_late_in_a_chain_of_verbs_is_said_of_the_first_ones_subject(store: SQLiteStore) -> None:
    # "the strike killed one, injured 32 and did not hit an air base": "did not hit" is the strike's
    result = check_record(store, "The strike hit the air base.")
    assert any("did not hit an air base" in i.evidence[0]["text"] for i in result.refutes)
    assert not any("did not hit an air base" in i.evidence[0]["text"] for i in result.supports)


def test_a_rejected_finding_is_the_opposite_and_an_active_sentence_meets_a_passive_claim(store: SQLiteStore) -> None:
    # "killed Kim Jong Nam" meets "Kim Jong Nam was killed"; "rejected the finding that ..." holds its opposite
    result = check_record(store, "Kim Jong Nam was killed with a nerve agent.")
    assert (result.reading, result.verdict) == ("sentences", "disputed")
    assert any("rejected the Malaysian finding" in i.evidence[0]["text"] for i in result.refutes)
    assert any("police chief" in i.evidence[0]["text"] for i in result.supports)


def test_a_deed_for_a_subject_is_met_by_any_doer_and_a_negated_entailed_deed_refutes(store: SQLiteStore) -> None:
    # "the strike destroyed the airbase": the army that destroyed it tells it; "did not hit an air base" (two words
    # for the airbase) says it was not destroyed
    result = check_record(store, "The strike destroyed the military airbase in Ganja.")
    assert (result.reading, result.verdict) == ("sentences", "disputed")
    assert any("Artsakh Defense Army destroyed" in i.evidence[0]["text"] for i in result.supports)
    assert any("did not hit an air base" in i.evidence[0]["text"] for i in result.refutes)


def test_an_entailed_deed_not_negated_does_not_state_the_claim(store: SQLiteStore) -> None:
    # a missile that hit the air base did not thereby destroy it
    result = check_record(store, "The strike destroyed the Chuhuiv air base near Kharkiv.")
    assert not [i for i in result.supports + result.refutes if i.kind == "sentence" and "Chuhuiv" in i.evidence[0]["text"]]


def test_destroying_entails_attacking() -> None:
    assert "attack" in load_lexicon().entailments["destroy"]


def test_an_entailing_deed_states_the_claim(store: SQLiteStore) -> None:
    # "destroyed the airbase" says it was struck (destroying entails attacking)
    result = check_record(store, "The airbase in Ganja was struck on Sunday.")
    assert any("Artsakh Defense Army destroyed" in i.evidence[0]["text"] for i in result.supports)
