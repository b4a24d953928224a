"""Responsibility statements that answer, doubt or name: denials of a bare claim, a speaker's own organization,
doubt in so many words, doers identified by what they did (extract/responsibility.py and its helpers)."""

from __future__ import annotations

import pytest

from triangulate.extract.deeds import no_doer
from triangulate.pipeline import Pipeline
from triangulate.records import Document, Responsibility, document_id


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _found(pipeline: Pipeline, text: str) -> list[tuple[str, str | None, str | None]]:
    (analyzed,) = pipeline.analyze_documents([Document(id=document_id(text), external_id="t", text=text)])
    return [(r.stance, r.speaker, r.accused) for r in analyzed.responsibility]


def _statements(pipeline: Pipeline, text: str) -> list[Responsibility]:
    (analyzed,) = pipeline.analyze_documents([Document(id=document_id(text), external_id="t", text=text)])
    return analyzed.responsibility


def test_dismissing_the_claim_denies_what_the_claimant_claimed(pipeline: Pipeline) -> None:
    found = _found(pipeline, "An unknown organization, Qaedat al-Jihad, released a statement claiming responsibility "
                             "for the bomb blast that killed Israeli tourists in Burgas. However, Bulgaria's foreign "
                             "ministry spokesperson Vesela Cherneva dismissed the claim, state television reported.")
    claimant = next(accused for stance, _, accused in found if stance == "claims")
    assert ("denies", "BGR.GOV.vesela-cherneva", claimant) in found  # not her own part


def test_rejecting_the_accusations_still_denies_the_accused_itself(pipeline: Pipeline) -> None:
    found = _found(pipeline, "Israel accused Iran of the bombing of the bus. Iran rejected the accusations.")
    assert ("denies", "IRN.GOV", "IRN.GOV") in found


def test_pinning_it_on_his_organization_is_a_denial_of_his_own_side(pipeline: Pipeline) -> None:
    found = _found(pipeline, "Hezbollah deputy leader Naim Qassem on Wednesday rejected statements pinning a July "
                             "2012 bombing in Bulgaria on his Lebanese organization.")
    assert found == [("denies", "LBN.HEZBOLLAH.naim-qassem", "LBN.HEZBOLLAH")]  # not Lebanon's government


def test_a_possessive_doer_is_looked_up_without_its_ending(pipeline: Pipeline) -> None:
    found = _found(pipeline, "Iran's state TV is rejecting accusations of Tehran's involvement in an apparent suicide "
                             "attack against Israeli tourists in Bulgaria.")
    assert found == [("denies", "IRN.GOV", "IRN.GOV")]


def test_difficult_to_conclude_whether_is_uncertain(pipeline: Pipeline) -> None:
    found = _found(pipeline, "South Korea's intelligence chief Won Sei-Hoon told lawmakers on Tuesday that it was "
                             "difficult to conclude whether North Korea was involved in the sinking of the warship.")
    assert [(stance, accused) for stance, _, accused in found] == [("uncertain", "PRK.GOV")]


def test_a_day_before_the_noun_is_not_the_accused(pipeline: Pipeline) -> None:
    (found,) = _statements(pipeline, "North Korea denied Saturday involvement in the sinking of a South Korean "
                                     "warship that killed 46 sailors.")
    assert (found.stance, found.accused, found.accused_text) == ("denies", "PRK.GOV", "North Korea")


def test_a_place_described_by_who_fought_there_accuses_nobody(pipeline: Pipeline) -> None:
    found = _found(pipeline, "Soylu claimed that the order for the attack had been given in Kobani, a city in "
                             "northern Syria, where Turkish forces have carried out operations against the YPG.")
    assert not [f for f in found if f[2] == "TUR.MIL"]


def test_reporting_a_denial_is_not_an_accusation(pipeline: Pipeline) -> None:
    found = _found(pipeline, "North Korea denies sinking warship\n\nThe North's powerful National Defence "
                             "Commission, chaired by the leader Kim Jong-Il, has held a rare press conference and "
                             "denied Pyongyang's involvement, according to official North Korean media.")
    assert "accuses" not in {stance for stance, _, _ in found}


def test_a_weapon_having_been_responsible_names_its_side(pipeline: Pipeline) -> None:
    found = _found(pipeline, "Canada blames North Korea for sinking of warship\n\nCanada's Foreign Affairs Minister "
                             "Lawrence Cannon said the evidence \"points conclusively to a North Korean torpedo "
                             "having been responsible\" and there is \"no other plausible explanation.\"")
    assert ("accuses", "CAN.GOV.lawrence-cannon", "PRK.GOV") in found


def test_a_torpedoed_ship_is_an_attack_by_the_agent(pipeline: Pipeline) -> None:
    assert _found(pipeline, "Seoul said that the warship was torpedoed by the DPRK.") == [
        ("accuses", "KOR.GOV", "PRK.GOV")]


def test_the_one_who_opened_fire_identified_by_name_is_accused(pipeline: Pipeline) -> None:
    (found,) = _statements(pipeline, "The man who opened fire has been identified as Kujtim Fejzulai, a 20-year-old "
                                     "Austrian citizen, who had sought to travel to Syria to join the Islamic State, "
                                     "Austria's Interior Minister Karl Nehammer said.")
    assert (found.stance, found.speaker, found.accused_text) == ("accuses", "AUT.GOV.karl-nehammer", "Kujtim Fejzulai")


def test_the_one_killed_identified_by_name_is_not_accused(pipeline: Pipeline) -> None:
    assert _found(pipeline, "The woman who was killed in the blast was identified as Maria Lopez, police said.") == []


@pytest.mark.parametrize("words", ["this", "That", "these"])
def test_a_thing_pointed_at_names_no_side(words: str) -> None:
    assert no_doer(words)


def test_the_groups_name_not_the_country_word_before_it_is_the_accused(pipeline: Pipeline) -> None:
    found = _found(pipeline, "Israeli Prime Minister Benjamin Netanyahu said the attack was carried out by the "
                             "Iran-backed Lebanese militant group Hezbollah.")
    assert found == [("accuses", "ISR.GOV.benjamin-netanyahu", "LBN.HEZBOLLAH")]
    # a country word and a generic noun only: the country's part, as before
    assert _found(pipeline, "Israel said the attack was carried out by Lebanese and Syrian militants.") == [
        ("accuses", "ISR.GOV", "LBN.REB")]


def test_claiming_a_deed_by_its_name_claims_it(pipeline: Pipeline) -> None:
    assert _found(pipeline, "ISIS claimed the November 2020 shooting rampage in Vienna.") == [
        ("claims", "GRP.ISIS", "GRP.ISIS")]


@pytest.mark.parametrize(("text", "doer"), [
    ("A North Korean torpedo sank the South Korean warship Cheonan.", "PRK.GOV"),
    ("Ukrainian missiles sank the cruiser Moskva in April.", "UKR.MIL"),
])
def test_a_weapon_sinking_a_ship_is_an_attack(pipeline: Pipeline, text: str, doer: str) -> None:
    (analyzed,) = pipeline.analyze_documents([Document(id=document_id(text), external_id="t", text=text)])
    assert [(e.type, e.source_actor) for e in analyzed.events] == [("ASSAULT", doer)]


def test_a_ship_sinking_in_a_storm_is_no_attack(pipeline: Pipeline) -> None:
    text = "The fishing boat sank in a storm off the coast."
    (analyzed,) = pipeline.analyze_documents([Document(id=document_id(text), external_id="t", text=text)])
    assert analyzed.events == []


def test_a_quote_no_one_is_named_for_makes_no_statement(pipeline: Pipeline) -> None:
    # the opening quote of a report, its speaker named only later: "we" is no one known
    found = _found(pipeline, "SDF denies involvement in Istanbul attack\n\n\"We affirm that our forces have nothing "
                             "to do with the Istanbul bombing.\"\n\nSyrian Democratic Forces (SDF) Commander-in-Chief "
                             "Mazloum Abdi on Monday denied SDF involvement in the Istanbul attack.")
    assert all(speaker is not None for _, speaker, _ in found)
    assert ("denies", "SYR.SDF.mazloum-abdi", "SYR.SDF") in found


@pytest.mark.parametrize("text", [
    "\"We will take resolute countermeasures against North Korea and make it admit its wrongdoings,\" Lee told "
    "Rudd about the sinking of the warship.",
    "Washington urged Moscow to acknowledge its role in the downing of the airliner.",
])
def test_an_admission_others_want_made_is_no_admission(pipeline: Pipeline, text: str) -> None:
    assert _found(pipeline, text) == []


def test_calling_the_accusations_ridiculous_denies_them(pipeline: Pipeline) -> None:
    found = _found(pipeline, "Iran's state TV describes accusations of Iran's involvement in an attack against "
                             "Israeli tourists in Bulgaria as \"ridiculous\".")
    assert [(stance, accused) for stance, _, accused in found] == [("denies", "IRN.GOV")]


def test_the_speakers_own_side_disagreeing_with_conclusions_denies(pipeline: Pipeline) -> None:
    found = _found(pipeline, "Russian Presidential Spokesman Dmitry Peskov said the Kremlin strongly disagrees with "
                             "the Czech Republic's conclusions about the alleged involvement of Russian intelligence "
                             "agencies in the explosions.")
    assert ("denies", "RUS.GOV", "RUS.GOV") in found and ("claims", "RUS.GOV", "RUS.GOV") not in found


def test_an_accusation_of_ones_own_state_called_something_is_denied(pipeline: Pipeline) -> None:
    found = _found(pipeline, "The Russian Foreign Ministry called the accusations of the GRU's involvement in the "
                             "bombings in the Czech Republic a political order from London and Washington.")
    assert found == [("denies", "RUS.GOV", "RUS.GRU")]
    # another state's part called so is still an accusation
    assert _found(pipeline, "Ukraine called the accusations of Russia's involvement in the bombings credible.") == [
        ("accuses", "UKR.GOV", "RUS.GOV")]


def test_blaming_an_attack_on_two_states_accuses_each(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "Several western officials, including the ones from the White House, have blamed "
                                  "the attack on the aid convoy on Russia and Syria.")
    assert [(r.stance, r.accused, r.accused_text) for r in found] == [
        ("accuses", "RUS.GOV", "Russia"), ("accuses", "SYR.GOV", "Syria")]


def test_no_truth_to_reports_denies_what_they_say(pipeline: Pipeline) -> None:
    assert _found(pipeline, "Moscow said there was no truth to reports that Ukrainian drones hit the refinery.") == [
        ("denies", "RUS.GOV", "UKR.MIL")]
    # the reports name no one else: the army is the speaker's own
    found = _found(pipeline, "The Syrian military, quoted by state media, said there was \"no truth\" to reports that "
                             "the army had targeted the convoy.")
    assert [(stance, speaker, accused) for stance, speaker, accused in found] == [("denies", "SYR.MIL", "SYR.MIL")]


def test_a_blame_said_not_to_be_made_names_nobody(pipeline: Pipeline) -> None:
    text = ("Tehran has not officially blamed Washington or Israel for the two explosions in the city, which killed "
            "dozens of mourners.")
    assert [f for f in _found(pipeline, text) if f[0] == "accuses"] == []
    text = "Tehran blamed Israel for the two explosions in the city, which killed dozens of mourners."
    assert [(stance, accused) for stance, _, accused in _found(pipeline, text)] == [("accuses", "ISR.GOV")]


@pytest.mark.parametrize("text", [
    "The Pakistani Taliban faction Jamaat-ul-Ahrar has claimed the responsibility of Lahore suicide attack.",
    "The Pakistani Taliban faction Jamaat-ul-Ahrar claimed the full responsibility of the Quetta blast on Sunday.",
])
def test_the_responsibility_of_a_deed_claimed_is_the_speakers_own(pipeline: Pipeline, text: str) -> None:
    # "of" the deed, as "for" it: the town before the deed is where it happened, not who did it
    found = _found(pipeline, text)
    assert found and all(stance == "claims" and speaker == accused for stance, speaker, accused in found)


def test_a_spokesman_denying_speaks_for_his_bodys_state(pipeline: Pipeline) -> None:
    found = _found(pipeline, "Kremlin spokesman Dmitry Peskov spoke on Tuesday. He denied any attacks on civilian "
                             "targets, saying a falling Ukrainian anti-missile had struck the hospital.")
    assert ("denies", "RUS.KREMLIN.dmitry-peskov", "RUS.GOV") in found


def test_no_reason_to_believe_a_side_did_it_denies_its_part(pipeline: Pipeline) -> None:
    text = ("U.S. intelligence has no reason to believe Israel was responsible for the deadly bombing in Iran, two "
            "administration officials said.")
    assert [(stance, accused) for stance, _, accused in _found(pipeline, text)] == [("denies", "ISR.GOV")]
    text = "Officials said there was every reason to believe Israel was responsible for the bombing."
    assert [(stance, accused) for stance, _, accused in _found(pipeline, text)] == [("accuses", "ISR.GOV")]


def test_an_outlet_telling_of_an_attack_is_neither_its_doer_nor_a_claimant(pipeline: Pipeline) -> None:
    text = "Associated Press: an air strike on the Mariupol drama theater killed about 600 people"
    (analyzed,) = pipeline.analyze_documents([Document(id=document_id(text), external_id="t", text=text)])
    assert all(e.source_actor is None for e in analyzed.events) and analyzed.responsibility == []
