"""Responsibility told in less common forms: a killing told in a time clause, coordinated predicates, evidence
pointing to a deed, suspects and members named, purpose clauses, possibilities not ruled out, suspicion."""

from __future__ import annotations

import pytest

from tests.extract.responsibility_helpers import found as _found
from tests.extract.responsibility_helpers import said as _said
from triangulate.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()



@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the deed is what befell the subject of the clause above: the news, not its setting
        ("The commander was visiting his family when he was killed by a Russian missile, Ukraine's army said.",
         ("Ukraine's army", "accuses", "Russian")),
        ("The journalist was driving home when she was shot by Israeli troops, the broadcaster said.",
         ("the broadcaster", "accuses", "Israeli troops")),
    ],
)
def test_a_killing_told_in_a_time_clause_about_the_subject_accuses(
    pipeline: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _said(pipeline, text)


def test_a_deed_in_a_time_clause_about_someone_else_stays_the_setting(pipeline: Pipeline) -> None:
    text = "Its jets were at their bases when the airliner was shot down by a Ukrainian missile, the ministry said."
    assert not any(r.stance == "accuses" and r.accused == "UKR.MIL" for r in _found(pipeline, text))


def test_a_denial_coordinated_with_another_predicate_is_a_denial(pipeline: Pipeline) -> None:
    text = ('The foreign minister said on Tuesday that Britain was "not aware of or involved in" the killing of the '
            "militia commander in Baghdad.")
    assert ("The foreign minister", "denies", "Britain") in _said(pipeline, text)


def test_evidence_pointing_to_an_attack_by_someone_accuses_them(pipeline: Pipeline) -> None:
    text = "Independent experts have said that the debris pointed to an attack by Russian forces on the convoy."
    assert ("Independent experts", "accuses", "Russian forces") in _said(pipeline, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hezbollah became a suspect in the bombing after its flag was found at the scene, the newspaper reported.",
         ("Hezbollah", "accuses")),
        ("The gunmen who attacked the checkpoint were members of Lashkar-e-Taiba, police said.",
         ("Lashkar-e-Taiba", "accuses")),
    ],
)
def test_a_suspect_or_the_body_the_attackers_belong_to_is_accused(
    pipeline: Pipeline, text: str, expected: tuple[str, str]
) -> None:
    assert expected in {(r.accused_text, r.stance) for r in _found(pipeline, text)}


def test_the_verb_suspect_is_a_speaker_not_a_doer(pipeline: Pipeline) -> None:
    text = "We suspect that Russia was behind the attack, the minister said."
    found = _found(pipeline, text)
    assert [r.accused for r in found if r.stance == "accuses"] == ["RUS.GOV"]


def test_a_claim_made_for_a_purpose_is_its_doers(pipeline: Pipeline) -> None:
    text = ("A spokesman for the Pakistani Taliban called a news agency in Peshawar to claim responsibility for "
            "the bombing, the channel reported.")
    claims = [r for r in _found(pipeline, text) if r.stance == "claims"]
    assert [r.speaker_text for r in claims] == ["A spokesman for the Pakistani Taliban"]


@pytest.mark.parametrize(
    "text",
    [
        "The defence minister said involvement by the Afghan Taliban in the bombing cannot be ruled out.",
        "The defence minister said Kabul could not rule out that the Taliban were behind the bombing.",
    ],
)
def test_a_part_not_ruled_out_is_uncertain_not_denied(pipeline: Pipeline, text: str) -> None:
    stances = {r.stance for r in _found(pipeline, text) if r.accused_text and "Taliban" in r.accused_text}
    assert stances == {"uncertain"}


def test_held_on_suspicion_of_a_deed_accuses_the_one_held(pipeline: Pipeline) -> None:
    text = "Belgian police said on Friday they had arrested Karim Haddad on suspicion of the bombing of the station."
    assert ("Belgian police", "accuses", "Karim Haddad") in _said(pipeline, text)


def test_people_counted_on_suspicion_name_no_one(pipeline: Pipeline) -> None:
    text = "Turkish police detained 12 people on suspicion of links to the Islamic State group after the bombing."
    assert not [r for r in _found(pipeline, text) if r.cue == "detained"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a confession told by another: the one who confessed owns the deed
        ("Prosecutors said the driver confessed to the bombing of the bus station.",
         ("the driver", "admits")),
        # a blame done, not only wanted: the subject above the "to" speaks
        ("Senior police officers were quick to blame the Taliban for the bombing.",
         ("Senior police officers", "accuses")),
    ],
)
def test_a_cue_told_through_another_verb_keeps_its_speaker(
    pipeline: Pipeline, text: str, expected: tuple[str, str]
) -> None:
    assert expected in {(r.speaker_text, r.stance) for r in _found(pipeline, text)}


def test_a_blame_only_wanted_is_no_statement(pipeline: Pipeline) -> None:
    text = "The ministry wanted to blame the Taliban for the bombing."
    assert not [r for r in _found(pipeline, text) if r.stance == "accuses"]


def test_a_side_named_by_what_it_fights_is_named(pipeline: Pipeline) -> None:
    text = "A government spokesman told reporters on Sunday that anti-government gunmen carried out the massacre."
    assert ("accuses", "anti-government gunmen") in {(r.stance, r.accused_text) for r in _found(pipeline, text)}


def test_a_place_after_a_deed_of_preparing_is_not_what_it_was_for(pipeline: Pipeline) -> None:
    text = "The man suspected of the shooting told police that he was directed by the Islamic State (ISIS) in Syria."
    assert "GRP.ISIS" in {r.accused for r in _found(pipeline, text) if r.stance == "accuses"}


def test_claims_called_propaganda_deny_the_doer_they_name(pipeline: Pipeline) -> None:
    text = "The president described claims that militants linked to Islamic State brought down the airliner as propaganda."
    assert ("denies", "GRP.ISIS") in {(r.stance, r.accused) for r in _found(pipeline, text)}


def test_no_clear_information_is_uncertain(pipeline: Pipeline) -> None:
    text = "The Kremlin spokesman said Moscow did not have clear information about the shelling of the hospital."
    assert {r.stance for r in _found(pipeline, text)} == {"uncertain"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Secretary of State publicly laid the blame for the cyber-attack at Russia's door on Friday.",
         "RUS.GOV"),
        ("The minister put the blame for the bombing on Iran.", "IRN.GOV"),
        ("Officials in Kabul pointed the finger at Pakistan for the attack on the embassy.", "PAK.GOV"),
    ],
)
def test_blame_put_on_someone_by_an_idiom_accuses_them(pipeline: Pipeline, text: str, expected: str) -> None:
    found = _found(pipeline, text)
    assert expected in {r.accused for r in found if r.stance == "accuses"}
    assert not [r for r in found if r.accused_text in ("the finger", "the blame")]


def test_something_that_has_nothing_to_do_with_us_denies_our_part(pipeline: Pipeline) -> None:
    text = "The Kremlin spokesman said the debate in Washington about the hack has nothing to do with us."
    found = _found(pipeline, text)
    assert [(r.stance, r.accused) for r in found] == [("denies", "RUS.KREMLIN")]


def test_a_claim_of_ones_own_deed_dismissed_denies_the_claimant(pipeline: Pipeline) -> None:
    text = "The president dismissed Islamic State's claim that it brought down the Russian airliner over Sinai."
    found = _found(pipeline, text)
    assert ("denies", "GRP.ISIS") in {(r.stance, r.accused) for r in found}
    assert not [r for r in found if r.stance == "accuses" and r.speaker == "GRP.ISIS"]


def test_a_denial_of_a_deed_said_by_a_gerund_is_read_without_the_participle_after_it(pipeline: Pipeline) -> None:
    text = ('Moscow has denied attacking the children\'s hospital, branding horrific video of the aftermath and '
            'reports of the destruction as "fake news" and "information terrorism".')
    found = _found(pipeline, text)
    assert ("denies", "RUS.GOV") in {(r.stance, r.accused) for r in found}


def test_no_missions_carried_out_is_a_denial(pipeline: Pipeline) -> None:
    text = ('"Our aircraft carried out absolutely no missions over the city that day," a Russian defence ministry '
            "spokesman said of the strike on the hospital.")
    assert {r.stance for r in _found(pipeline, text)} == {"denies"}


def test_a_purpose_clause_of_a_word_that_is_no_act_of_saying_has_no_speaker(pipeline: Pipeline) -> None:
    text = "The coalition would need a majority in the Senate to blame the agency for the attack."
    assert not [r for r in _found(pipeline, text) if r.stance == "accuses"]


@pytest.mark.parametrize(
    "text",
    [
        "Moscow claimed that reports about its strike on the maternity hospital were fake news.",
        "The Kremlin said reports about its attack on the hospital were fake news.",
        "Moscow said claims that its forces shelled the prison were false.",
    ],
)
def test_reports_of_ones_own_deed_called_false_deny_it(pipeline: Pipeline, text: str) -> None:
    found = _found(pipeline, text)
    assert {r.stance for r in found} == {"denies"}
    assert all(r.accused is not None and r.accused.startswith("RUS.") for r in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deed denied with no doer named denies the deed, not the speaker's own part
        ("The Defence Ministry in Moscow denied the air base had been shelled and said munitions had blown up.",
         ("denies", None, "shelled")),
        # ... while a denial of a part held by no one named is the speaker's own
        ("The Kremlin denied any involvement in the attack on the base.", ("denies", "RUS.KREMLIN", None)),
    ],
)
def test_a_deed_denied_is_told_apart_from_a_part_denied(
    pipeline: Pipeline, text: str, expected: tuple[str, str | None, str | None]
) -> None:
    found = _found(pipeline, text)
    stance, accused, words = expected
    assert any(r.stance == stance and r.accused == accused and (words is None or r.accused_text == words)
               for r in found)


def test_not_confirming_ones_involvement_is_uncertain_about_oneself(pipeline: Pipeline) -> None:
    text = "Israeli officials have not yet confirmed any involvement in the commander's killing in Beirut."
    assert {(r.stance, r.accused) for r in _found(pipeline, text)} == {("uncertain", "ISR.GOV")}


@pytest.mark.parametrize(
    "text",
    [
        # what broke is no doer
        "Russian and Egyptian officials have said the Airbus exploded in midair over Sinai.",
        # a victim is no doer: whether he was there is not who did it
        "The Houthis did not say if Rowaishan was present in the hall at the time of the attack.",
        # a man not known to the authorities is no uncertainty about the attack
        "Police said the man, who hid himself after the attack, was not known to authorities as an extremist.",
        # claims of other attacks, before
        "The TTP has previously claimed attacks on party members in the province.",
        # "some" is no one named
        "The report also accused some of exploiting the bombing to raise the death toll.",
    ],
)
def test_no_doer_is_read_from_things_victims_and_others(pipeline: Pipeline, text: str) -> None:
    assert not [r for r in _found(pipeline, text) if r.accused is not None or r.accused_text]


def test_rejecting_another_sides_finger_pointing_is_a_denial_of_ones_own_part(pipeline: Pipeline) -> None:
    text = ("The US ambassador to the United Nations on Sunday rejected Iranian fingerpointing at Washington over "
            "the deadly parade attack.")
    assert ("denies", "USA.GOV") in {(r.stance, r.accused) for r in _found(pipeline, text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "it" / "they" in what a group says is the group: its own deed, claimed
        ("Rockets hit Ashkelon on Sunday. Hamas said it fired the rockets at the city.", ("Hamas", "claims", "Hamas")),
        ("Drones hit fuel tankers in Abu Dhabi. The Houthis said they struck the airport with drones.",
         ("The Houthis", "claims", "Houthis")),
    ],
)
def test_a_group_saying_it_did_the_deed_claims_it(pipeline: Pipeline, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _said(pipeline, text)


def test_a_group_saying_it_did_not_do_the_deed_denies_it(pipeline: Pipeline) -> None:
    text = "A market in Donetsk was shelled on Sunday. Kyiv said it did not strike the market."
    assert ("Kyiv", "denies", "Kyiv") in _said(pipeline, text)


def test_what_a_speaker_called_the_doers_is_who_is_accused(pipeline: Pipeline) -> None:
    text = ("A car bomb killed 40 people in a Baghdad market. The prime minister accused what he called "
            "\u201cterrorist gangs\u201d of carrying out the bombing.")
    assert ("The prime minister", "accuses", "terrorist gangs") in _said(pipeline, text)


def test_people_said_to_be_involved_in_a_relative_clause_are_accused(pipeline: Pipeline) -> None:
    text = ("The investigative group says that it has identified four Russian officers who were directly "
            "involved in the rocket attack on the city.")
    assert any(r.stance == "accuses" and r.accused == "RUS.GOV" for r in _found(pipeline, text))


def test_the_subject_of_did_this_after_a_deed_told_is_accused(pipeline: Pipeline) -> None:
    text = ("Shells hit a market in Donetsk, killing 25 people. A Ukrainian army spokesman said that the "
            "Russians did this from their own positions.")
    assert any(r.stance == "accuses" and r.accused == "RUS.GOV" for r in _found(pipeline, text))


def test_ground_held_by_someone_that_rockets_came_from_names_them(pipeline: Pipeline) -> None:
    text = ("Rockets struck a residential district of the port city, killing 30 civilians. The OSCE monitors said "
            "the rockets were fired from territory controlled by the rebels.")
    assert any(r.stance == "accuses" and r.accused_text == "rebels" for r in _found(pipeline, text))



def test_members_not_of_a_group_do_not_accuse_it(pipeline: Pipeline) -> None:
    text = ("The gunmen who stormed the hotel and killed 12 guests were members of a local gang and not of the "
            "Islamic State, the interior minister said.")
    assert not any(r.stance == "accuses" and r.accused == "GRP.ISIS" for r in _found(pipeline, text))



def test_a_presumption_that_a_crime_was_committed_accuses_no_one(pipeline: Pipeline) -> None:
    text = ("An air strike destroyed the clinic. \u201cUnder the clear presumption that a war crime has been committed, "
            "an independent investigation must be conducted,\u201d the charity said.")
    assert not any((r.accused_text or "").startswith("the clear presumption") for r in _found(pipeline, text))


def test_denying_a_crime_label_for_a_deed_done_is_no_denial_of_the_deed(pipeline: Pipeline) -> None:
    text = ("A French military investigation has concluded that French forces did not commit any war crimes by "
            "conducting a deadly raid on a village school.")
    assert not any(r.stance == "denies" for r in _found(pipeline, text))


def test_a_deed_in_a_command_is_no_deed_of_the_speaker(pipeline: Pipeline) -> None:
    text = ("Gunmen killed 20 hostages in the cafe. \u201cIslam is peace. Stop killing in the name of the religion,\u201d "
            "Prime Minister Amina Rahman said in an address to the nation.")
    assert not any(r.accused_text and "Rahman" in r.accused_text for r in _found(pipeline, text))


def test_denying_support_for_a_side_is_no_denial_of_the_deed(pipeline: Pipeline) -> None:
    text = "Rockets hit the port city on Saturday. Russia denies allegations of supporting separatist rebels in the east."
    assert not any(r.stance == "denies" for r in _found(pipeline, text))
    text = "Rockets hit the port city on Saturday. Russia denied any involvement."
    assert any(r.stance == "denies" and r.accused == "RUS.GOV" for r in _found(pipeline, text))


def test_a_weapon_firing_from_held_ground_names_the_holder_not_the_weapon(pipeline: Pipeline) -> None:
    text = ("Ten people were killed after a Grad multiple rocket launcher firing from rebel-held territory hit a "
            "passenger bus near the checkpoint, according to the regional police.")
    found = _found(pipeline, text)
    assert any(r.stance == "accuses" and r.accused_text == "rebel" for r in found)
    assert not any((r.accused_text or "").startswith("Grad") for r in found)


def test_claiming_a_cause_of_the_explosions_is_no_claim_of_them(pipeline: Pipeline) -> None:
    text = ("Kremlin claims blasts at Black Sea airfield caused by munitions detonation\n\nExplosions rocked the air "
            "base on Tuesday.")
    assert not any(r.stance == "claims" for r in _found(pipeline, text))



def test_a_deed_done_under_someones_leadership_accuses_them(pipeline: Pipeline) -> None:
    text = ("The defence ministry of Russia said the raid was carried out under the guidance and leadership of "
            "British navy specialists.")
    assert any(r.stance == "accuses" and r.accused_text == "British navy specialists" for r in _found(pipeline, text))
