"""Responsibility statements on real sentences: who claims, admits, accuses, denies, or does not know."""

from __future__ import annotations

import pytest

from triangulate.extract.holders import holder_words
from triangulate.extract.responsibility_words import ResponsibilityTable
from triangulate.pipeline import Pipeline
from triangulate.read.nlp import parse
from triangulate.records import Document, Responsibility, document_id


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _statements(pipeline: Pipeline, text: str) -> list[Responsibility]:
    document = Document(id=document_id(text), external_id="t", text=text)
    (analyzed,) = pipeline.analyze_documents([document])
    return analyzed.responsibility


def _one(pipeline: Pipeline, text: str) -> Responsibility:
    found = _statements(pipeline, text)
    assert len(found) == 1, [(r.stance, r.speaker_text, r.accused_text) for r in found]
    return found[0]


def test_blaming_a_state_for_an_attack_accuses_it(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The Pentagon blamed Iran for the attack on two oil tankers near the Strait of Hormuz.")
    assert found.stance == "accuses" and found.accused == "IRN.GOV" and found.cue == "blamed"
    assert found.evidence and "blamed Iran" in found.evidence[0].text


def test_a_denial_of_any_involvement_denies_the_speaker_itself(pipeline: Pipeline) -> None:
    found = _one(pipeline, "Tehran denied any involvement in the explosions that damaged the two tankers.")
    assert (found.stance, found.speaker, found.accused) == ("denies", "IRN.GOV", "IRN.GOV")
    assert found.factuality == "CT-"


def test_claiming_responsibility_is_a_claim_by_the_speaker(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The Islamic State group claimed responsibility for the bombing in a statement on "
                           "Tuesday.")
    assert found.stance == "claims" and found.accused == found.speaker and found.speaker is not None


def test_saying_who_was_behind_a_strike_accuses_them(pipeline: Pipeline) -> None:
    found = _one(pipeline, "Officials in Kyiv said Russian forces were behind the missile strike on the station.")
    assert found.stance == "accuses" and found.accused is not None and found.accused.startswith("RUS.")


def test_a_passive_doer_is_the_agent_not_the_event(pipeline: Pipeline) -> None:
    found = _one(pipeline, "A senior intelligence official confirmed that the airstrikes on the militia's depots "
                           "were carried out by Israel.")
    assert found.stance == "accuses" and found.accused == "ISR.GOV"


def test_holding_two_states_responsible_accuses_each(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "The militia held the U.S. and Israel responsible for the attacks on its bases.")
    assert {(r.stance, r.accused) for r in found} == {("accuses", "USA.GOV"), ("accuses", "ISR.GOV")}


def test_not_knowing_who_fired_is_uncertain(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The army said it was not possible to determine who fired the shot that killed the "
                           "reporter.")
    assert found.stance == "uncertain"


def test_nothing_to_do_with_it_is_a_denial_of_the_named_side(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The ministry said Ukrainian troops were not involved in the shelling of the town.")
    assert found.stance == "denies" and found.accused is not None and found.accused.startswith("UKR.")


def test_blaming_an_event_on_a_side_accuses_that_side(pipeline: Pipeline) -> None:
    found = _one(pipeline, "Moscow blamed the destruction of the dam on Ukraine.")
    assert found.stance == "accuses" and found.accused == "UKR.GOV"


def test_an_accusation_about_no_violent_event_is_not_responsibility(pipeline: Pipeline) -> None:
    assert _statements(pipeline, "Iran accused Washington of waging a propaganda campaign against it.") == []


def test_plain_reported_speech_is_not_responsibility(pipeline: Pipeline) -> None:
    assert _statements(pipeline, "The minister said the talks would resume in Geneva next week.") == []


def test_the_word_lists_load_and_cover_every_stance() -> None:
    table = ResponsibilityTable.load()
    assert set(table.cues.values()) == {"claims", "admits", "accuses", "denies"}
    assert table.cues["blame"] == "accuses" and table.cues["deny"] == "denies" and table.cues["admit"] == "admits"
    assert ("carry", "out") in table.phrases and "behind" in table.words
    assert all(w == w.lower() for w in (*table.words, *table.event_nouns, *table.uncertain))
    assert "blame" not in table.words  # a blaming verb inside a content names the accuser, not the doer


def test_no_other_state_being_responsible_names_nobody(pipeline: Pipeline) -> None:
    assert _statements(pipeline, "The Foreign Office said no other state or non-state actor could plausibly have "
                                 "been responsible for the attacks on the tankers.") == []


def test_a_thing_that_shows_something_speaks_for_its_maker(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The Israeli army's report said Palestinian militants fired the rocket that hit the "
                           "hospital.")
    assert (found.stance, found.speaker) == ("accuses", "ISR.MIL")
    assert found.speaker_text == "The Israeli army's report" and found.accused == "PSE.REB"


def test_evidence_cited_by_an_outlet_is_the_outlets_statement(pipeline: Pipeline) -> None:
    found = _one(pipeline, "New York Times: evidence suggests Russia destroyed the dam\n\nThe newspaper published "
                           "its analysis on Friday.")
    assert found.stance == "accuses" and found.accused == "RUS.GOV"
    assert found.speaker == "MED.NYT" and "New York Times" in found.speaker_text and found.via == []


def test_a_thing_that_nobody_is_said_to_have_made_states_nothing(pipeline: Pipeline) -> None:
    assert _statements(pipeline, "Satellite images suggest Russian forces shelled the bridge before the retreat.") == []


def test_denying_someones_allegations_also_tells_their_accusation(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "Tehran rejected accusations by Washington that it had attacked the tankers.")
    by_stance = {r.stance: r for r in found}
    assert (by_stance["denies"].speaker, by_stance["denies"].accused) == ("IRN.GOV", "IRN.GOV")  # "it": Tehran
    assert (by_stance["accuses"].speaker, by_stance["accuses"].accused) == ("USA.GOV", "IRN.GOV")
    assert by_stance["accuses"].cue == "accusations"


def test_each_side_accusing_the_other_names_no_one(pipeline: Pipeline) -> None:
    assert _statements(pipeline, "Each side has accused the other of shelling civilians near the dam.") == []


def test_two_sides_accusing_each_other_accuse_one_another(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "Israel and Hamas blamed each other for the hospital blast.")
    assert sorted((r.speaker, r.stance, r.accused) for r in found) == [
        ("ISR.GOV", "accuses", "PSE.HAMAS"), ("PSE.HAMAS", "accuses", "ISR.GOV")]


def test_a_quantifier_is_no_speaker_and_a_named_body_is(pipeline: Pipeline) -> None:
    assert _statements(pipeline, "Some blamed rebel fighters for the attack on the convoy.") == []
    found = _one(pipeline, "Investigators said Russian forces were behind the shelling of the hospital.")
    assert found.stance == "accuses" and found.speaker_text == "Investigators"


@pytest.mark.parametrize(
    ("text", "speaker_text", "accused"),
    [
        ("President Zelenskyy called the actions of Russian troops genocide.", "President Zelenskyy", "RUS.MIL"),
        ("Kyiv described the shelling by Russian forces as a war crime.", "Kyiv", "RUS.MIL"),
        ("The senator condemned the attack by Hamas as an act of terrorism.", "The senator", "PSE.HAMAS"),
        ("A missile hit the crowded shopping centre. The European Union called it a Russian war crime.",
         "The European Union", "RUS.GOV"),
        ("State television dismissed the bombing as a Ukrainian provocation.", "State television", "UKR.GOV"),
        ("Within hours, pro-government bloggers began dismissing the attack as an Israeli false flag.",
         "pro-government bloggers", "ISR.GOV"),
    ],
)
def test_calling_what_a_named_doer_did_a_crime_accuses_the_doer(
    pipeline: Pipeline, text: str, speaker_text: str, accused: str
) -> None:
    found = _one(pipeline, text)
    assert (found.stance, found.speaker_text, found.accused) == ("accuses", speaker_text, accused)


def test_calling_a_person_or_a_bill_something_is_no_accusation_of_a_deed(pipeline: Pipeline) -> None:
    assert _statements(pipeline, "Biden called Putin a war criminal after the summit.") == []
    assert _statements(pipeline, "Trump called the crime bill a disaster for the country.") == []
    assert _statements(pipeline, "The minister called it a war crime.") == []  # no doer named


def test_an_uncertain_statement_is_about_the_side_it_names(pipeline: Pipeline) -> None:
    found = _one(pipeline, '"It is not possible to determine which gunfire killed her, but it was probably fire from '
                           'Israeli soldiers," a senior officer told reporters.')
    assert (found.stance, found.accused) == ("uncertain", "ISR.MIL")
    vague = _one(pipeline, "A senior officer told reporters that it was not clear which gunfire killed her.")
    assert (vague.stance, vague.accused) == ("uncertain", None)  # names no one: stays so


def test_a_deed_named_with_its_doer_names_the_doer(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The defence minister told parliament that initial findings showed no IDF fire was "
                           "directed at the reporter.")
    assert (found.stance, found.accused) == ("denies", "ISR.MIL")
    victim = _statements(pipeline, "The State Department said an inquiry into her death had found nothing.")
    assert all(r.accused_text != "her" for r in victim)  # her death: the victim, not the doer


@pytest.mark.parametrize("text", [
    # responsibility words about no violent event (political news, the kind PolNeAR holds)
    "Trump announced that Manafort would play an increasingly influential role in his campaign.",
    "Podesta said Gates was not working for the party and said Manafort was not involved.",
    "The senator said the elected officials should have an official role in the party conventions.",
    # a deed named only in passing, not told by the content
    "Clinton insiders said they planned to respond to Trump's attacks on her in a low-key way.",
    # a deed still to come
    "Trump vowed to bomb the hell out of the Islamic State.",
])
def test_no_statement_without_a_violent_event_told(pipeline: Pipeline, text: str) -> None:
    assert _statements(pipeline, text) == []


@pytest.mark.parametrize("text, accused", [
    ("The Dutch government said Russia bore responsibility for its role in the downing of the airliner.", "RUS."),
    ("Officials said Hezbollah was responsible for the bombing of the embassy.", None),
    ("Gantz said initial findings showed no IDF fire directed at the journalist.", "ISR."),
    # harm told by what it did to its victims: an illness, a disappearance, an abduction
    ("The opposition leader's aides claim the Kremlin was behind his sudden illness.", "RUS."),
    ("Relatives said the security services were behind the disappearance of the activist.", None),
    ("The family blamed Hezbollah for the kidnapping of the businessman.", None),
])
def test_a_responsibility_word_about_a_violent_event_still_counts(pipeline: Pipeline, text: str,
                                                                   accused: str | None) -> None:
    found = _statements(pipeline, text)
    assert found, text
    if accused is not None:
        assert any((r.accused or "").startswith(accused) for r in found), [(r.stance, r.accused) for r in found]


def test_a_negated_cue_of_knowing_is_uncertain_not_an_accusation(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The army spokesman said he had no details, adding that he couldn’t immediately "
                           "confirm it was an Israeli airstrike.")
    assert found.stance == "uncertain"


def test_admitting_that_another_state_may_be_responsible_accuses_it(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "The director of the security service admitted that Britain and Ukraine may "
                                  "be responsible for the attack on the concert hall.")
    assert {r.stance for r in found} == {"accuses"}
    assert {r.accused for r in found} == {"GBR.GOV", "UKR.GOV"}


def test_their_own_role_is_the_speakers(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The Ukrainian authorities acknowledged their role in the attack on the bridge.")
    assert found.stance == "admits" and found.accused == found.speaker == "UKR.GOV"


def test_a_place_before_the_attack_is_no_doer(pipeline: Pipeline) -> None:
    found = _one(pipeline, "Ukrainian intelligence acknowledges role in Crimean bridge attack")
    assert found.stance == "admits" and found.accused == found.speaker


def test_an_agent_of_a_list_of_deeds_did_them(pipeline: Pipeline) -> None:
    found = _one(pipeline, '"This was designed, carried out, and ordered by the Ukrainian special services," '
                           "Putin said of the explosion on the bridge.")
    assert found.stance == "accuses" and (found.accused or "").startswith("UKR")


def test_calling_someone_the_perpetrator_accuses_them(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "Putin called the Ukrainian special services the perpetrator of the terrorist "
                                  "attack.")
    assert any(r.stance == "accuses" and (r.accused or "").startswith("UKR") for r in found), found


def test_denying_the_accusation_denies_its_own_part(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "Israel blamed Islamic Jihad for the hospital blast. Islamic Jihad denied "
                                  "the accusation.")
    assert any(r.stance == "denies" and r.speaker == r.accused and r.speaker is not None for r in found), \
        [(r.stance, r.speaker, r.accused) for r in found]


def test_helping_organise_an_attack_names_the_doer(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "Russian officials said Ukraine helped organise the attack on the concert hall.")
    assert any(r.stance == "accuses" and r.accused == "UKR.GOV" for r in found), \
        [(r.stance, r.accused) for r in found]


def test_an_operation_someone_was_behind_is_a_violent_event(pipeline: Pipeline) -> None:
    found = _statements(pipeline, 'An Iraqi intelligence official said "Daesh was behind this operation".')
    assert any(r.stance == "accuses" and r.accused_text and "Daesh" in r.accused_text for r in found), \
        [(r.stance, r.accused_text) for r in found]


def test_one_content_naming_the_doer_and_clearing_another_gives_both(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "The White House National Security Council's spokesperson said in a statement "
                                  "that ISIS bears sole responsibility for the attack and there was no Ukrainian "
                                  "involvement.")
    assert {(r.stance, r.accused) for r in found} == {("accuses", "GRP.ISIS"), ("denies", "UKR.GOV")}
    assert {r.speaker for r in found} == {"USA.NSC"}


@pytest.mark.parametrize("text", [
    "The news agency said at least three people were killed by the gunmen's fire in the hall.",
    "Russia's security service accused it of the attack on the concert hall.",
])
def test_a_count_of_people_or_a_bare_pronoun_is_no_accused_side(pipeline: Pipeline, text: str) -> None:
    assert not [r for r in _statements(pipeline, text) if r.accused is None
                and (r.accused_text or "").lower().split()[:1] in (["it"], ["at"], ["several"])]


def test_an_accusations_its_is_the_side_named_before_it(pipeline: Pipeline) -> None:
    found = _one(pipeline, "Russian President Vladimir Putin pointed the finger back at Ukraine, blaming its recent "
                           "military operations against separatists for the crash of the airliner.")
    assert found.stance == "accuses" and found.accused == "UKR.GOV"


def test_denying_a_means_is_not_denying_ones_own_part(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "The Iranian foreign minister refuted that the attack on the tanker was caused by "
                                  "mines.")
    assert not [r for r in found if r.stance == "denies"], [(r.stance, r.accused_text) for r in found]
    own = _one(pipeline, "The Iranian foreign minister denied that Iran had any role in the attack on the tanker.")
    assert own.stance == "denies" and own.accused == "IRN.GOV"


def test_dismissing_denials_accuses_those_who_deny(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "Kremlin spokesman Dmitry Peskov dismissed U.S. and Ukrainian denials of "
                                  "involvement in the drone attack as absurd.")
    assert {(r.stance, r.accused) for r in found} == {("accuses", "USA.GOV"), ("accuses", "UKR.GOV")}


def test_we_in_a_denial_is_the_speakers_own_side(pipeline: Pipeline) -> None:
    found = _one(pipeline, "Ukraine's President Volodymyr Zelenskyy told reporters: \"We did not attack the Kremlin "
                           "with drones, we are defending our villages and cities.\"")
    # a person speaking for a state denies for it
    assert found.stance == "denies" and found.accused == "UKR.GOV" and found.accused_text != "We"


def test_calling_for_a_strike_accuses_nobody_of_one(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "A Russian lawmaker called for the Russian military to launch a missile strike on "
                                  "Kyiv in response to the drone attack.")
    assert not [r for r in found if r.accused == "RUS.MIL"], [(r.stance, r.accused) for r in found]


def test_having_nothing_to_do_with_it_denies_and_a_staged_attack_accuses_who_staged_it(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "Kyiv said it had nothing to do with the alleged attack, suggesting it was "
                                  "staged by Moscow.")
    assert {(r.stance, r.accused) for r in found} == {("denies", "UKR.GOV"), ("accuses", "RUS.GOV")}
    other = _one(pipeline, "Israel said Hamas had nothing to do with the rocket attack.")
    assert (other.stance, other.accused) == ("denies", "PSE.HAMAS")
    assert _statements(pipeline, "The minister staged a press conference about the attack.") == []


def test_having_no_theory_on_who_was_behind_it_is_uncertain(pipeline: Pipeline) -> None:
    found = _one(pipeline, "Mr. Kirby said the administration doesn't have a theory on who was behind the drone "
                           "attack or why it happened.")
    assert found.stance == "uncertain" and found.accused is None


@pytest.mark.parametrize("text, judge, accused_text, stance", [
    ("A British jury found Hashem Abedi guilty of the murder of 22 people in the Manchester Arena bombing.",
     "A British jury", "Hashem Abedi", "accuses"),
    ("A Dutch court convicted three men of murder over the downing of flight MH17 in 2014.", "A Dutch court",
     "three men", "accuses"),
    ("The sole surviving member of the cell that killed 130 people in the Paris attacks was handed a whole-life "
     "sentence by a French court on Wednesday.", "a French court", "The sole surviving member", "accuses"),
    ("A Belgian court acquitted two men of involvement in the Brussels bombings.", "A Belgian court", "two men",
     "denies"),
])
def test_a_courts_verdict_on_an_attack_is_its_statement_of_who_did_it(
        pipeline: Pipeline, text: str, judge: str, accused_text: str, stance: str) -> None:
    found = [r for r in _statements(pipeline, text) if r.speaker_text == judge]
    assert [(r.stance, r.accused_text) for r in found] == [(stance, accused_text)]


def test_a_verdict_over_no_violent_event_is_no_responsibility(pipeline: Pipeline) -> None:
    assert _statements(pipeline, "The court sentenced the former minister to four years in prison for "
                                 "corruption.") == []


def test_responsible_for_backing_a_side_is_not_responsible_for_the_attack(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "\"President Putin, Russia and Iran are responsible for backing Animal Assad. Big "
                                  "price to pay,\" Trump said after the chemical attack in Douma.")
    assert found == [], [(r.stance, r.accused_text) for r in found]


def test_a_statement_issued_by_a_ministry_speaks_for_its_state(pipeline: Pipeline) -> None:
    found = _one(pipeline, "Israel's defence ministry issued a statement accusing Hezbollah of launching the rocket "
                           "attack on the border town.")
    assert found.stance == "accuses" and found.speaker == "ISR.GOV" and found.accused is not None
    assert "Hezbollah" in (found.accused_text or "") and "defence ministry" in (found.speaker_text or "")


def test_a_claim_of_responsibility_in_a_statement_names_the_issuer_as_the_doer(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The Islamic State group issued a statement claiming responsibility for the bombing.")
    assert found.stance == "claims" and found.speaker is not None and found.accused == found.speaker
    assert "statement" not in (found.accused_text or "")


def test_nobody_accuses_itself_a_participle_after_a_rejected_report_is_the_reports(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "The Syrian government rejected a report by the United Nations, accusing Damascus "
                                  "of the chemical attack on the town.")
    assert not [r for r in found if r.stance == "accuses" and r.speaker == r.accused]
    assert all(r.speaker != "SYR.GOV" for r in found if r.stance == "accuses")


def test_a_denial_of_allegations_that_it_did_it_denies_the_denier_not_the_accuser(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "The Kremlin dismissed Ukrainian allegations that it was behind the missile strike "
                                  "on the railway station.")
    assert {(r.stance, r.speaker, r.accused) for r in found} == {
        ("denies", "RUS.KREMLIN", "RUS.KREMLIN"), ("accuses", "UKR.GOV", "RUS.KREMLIN")}


def test_the_backer_of_an_armed_group_is_not_its_doer(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The attack was carried out by the Iran-backed Houthi militia, according to a Saudi "
                           "military statement.")
    assert found.stance == "accuses" and found.accused == "YEM.HOUTHIS"


def test_the_possessor_of_a_murder_is_its_victim(pipeline: Pipeline) -> None:
    # rejecting a report of it denies one's own part; the murdered activist is accused of nothing
    found = _one(pipeline, "The Egyptian government rejects report on the activist's murder")
    assert (found.stance, found.accused) == ("denies", "EGY.GOV")
    found = _one(pipeline, "Human rights groups blamed the army for the killing of the activist.")
    assert found.stance == "accuses" and found.accused_text == "the army"


def test_the_statement_said_is_the_statement_of_the_one_who_issued_it(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The Egyptian foreign ministry said in a statement that the bombing was a terrorist act. "
                           '"This crime was committed by a group of extremists," the statement said.')
    assert (found.stance, found.speaker) == ("accuses", "EGY.GOV") and found.accused_text == "a group of extremists"


def test_a_denial_told_inside_a_quote_is_the_deniers_and_the_quote_still_accuses(pipeline: Pipeline) -> None:
    found = _statements(pipeline, 'The Israeli military said in a statement: "In the past hour, Hamas has been lying '
                                  'and denying responsibility for the blast. Hamas is responsible for the murder of '
                                  'the children."')
    assert {(r.stance, r.speaker, r.accused) for r in found} == {
        ("denies", "PSE.HAMAS", "PSE.HAMAS"), ("accuses", "ISR.MIL", "PSE.HAMAS")}
    assert next(r for r in found if r.stance == "accuses").factuality == "CT+"


def test_rejecting_a_report_that_implicates_someone_denies_their_part(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "Syria rejected the United Nations report implicating President Bashar al-Assad in "
                                  "the massacre of civilians in Houla.")
    assert {(r.stance, r.speaker, r.accused_text) for r in found} == {
        ("denies", "SYR.GOV", "Bashar al-Assad"), ("accuses", "IGO.UN", "Bashar al-Assad")}
    # a participle after a comma is the rejecter's own: no report is said to implicate anyone
    assert _statements(pipeline, "Syria rejected the report on Friday, blaming Turkey.") == []


@pytest.mark.parametrize("text, stance", [
    ("A Kremlin spokesman said the allegations against Russia over the poisoning were baseless.", "denies"),
    ("Moscow said the accusations against Russia over the shelling cannot be true.", "denies"),
    ("Ukrainian officials said the accusations against Russia over the killings were true.", "accuses"),
])
def test_what_is_said_of_accusations_against_a_side_is_about_that_side(pipeline: Pipeline, text: str,
                                                                       stance: str) -> None:
    found = _one(pipeline, text)
    assert (found.stance, found.accused) == (stance, "RUS.GOV")


def test_brushing_off_allegations_of_a_killing_denies(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The Kremlin brushed off allegations that the journalist was the victim of a killing "
                           "orchestrated by the security services.")
    assert found.stance == "denies" and found.speaker == "RUS.KREMLIN"


def test_acknowledging_a_death_in_ones_hands_admits_a_part_in_it(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The Egyptian interior ministry admitted that a detainee died in police custody in Cairo.")
    assert (found.stance, found.speaker, found.accused) == ("admits", "EGY.GOV", "EGY.GOV")
    assert _statements(pipeline, "Officials acknowledged that the weather was bad on the day of the march.") == []
def test_the_holder_of_the_attacked_place_is_not_the_accused(pipeline: Pipeline) -> None:
    found = _one(pipeline, "Hezbollah denies involvement in Israeli-occupied Golan attack")
    assert found.stance == "denies" and found.accused == found.speaker and found.speaker is not None


def test_not_having_evidence_of_a_sides_involvement_is_uncertain(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The spy chief said that he does not have direct evidence proving Western involvement in "
                           "the poisoning of the opposition leader.")
    assert found.stance == "uncertain" and found.accused_text == "Western"


def test_no_proof_of_its_own_agents_part_denies_it(pipeline: Pipeline) -> None:
    # not a claim ("its agents were behind"), and of its own part no doubt either: a denial
    found = _one(pipeline, "Israel says there is no proof its agents were behind the killing of the Hamas commander.")
    assert found.stance == "denies" and found.accused == found.speaker


def test_causing_a_violent_event_names_its_doer_but_an_event_causing_one_names_none(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The prime minister said officers of the Russian military intelligence caused the explosions "
                           "at the ammunition depot.")
    assert found.stance == "accuses" and "Russian" in (found.accused_text or "")
    assert _statements(pipeline, "The explosion caused a fire at the ammunition depot, police said.") == []
    # a cause by a passive's agent is no doer
    assert _statements(pipeline, "Officials said the fire at the depot was caused by a short circuit.") == []


def test_denying_a_gerund_deed_denies_the_speakers_own_part_whatever_the_parse(pipeline: Pipeline) -> None:
    # the parse hangs "Ukraine" on "evidence" and gives "denied" the ministry for its subject
    found = _statements(pipeline, "Russia's defence ministry said 20 people were killed when a Ukrainian missile "
                                  "exploded in Donetsk. The ministry provided no evidence and Ukraine denied launching "
                                  "such an attack.")
    denials = [r for r in found if r.stance == "denies"]
    assert [(r.speaker_text, r.accused_text) for r in denials] == [("Ukraine", "Ukraine")]


def test_the_deed_a_claimed_attack_avenges_names_no_doer_of_it(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "In a statement, the Pakistani Taliban said the attack on the school had been carried "
                                  "out in retaliation for the recent operations carried out by the Pakistani army.")
    assert not any("army" in (r.accused_text or "") for r in found)
    found = _statements(pipeline, "Hamas said the rocket attack on Sderot was revenge for Israeli air strikes on Gaza.")
    assert not any(r.accused == "ISR.MIL" or "Israeli" in (r.accused_text or "") for r in found)


def test_allegations_answered_with_scorn_are_denied(pipeline: Pipeline) -> None:
    found = _one(pipeline, "Putin slams allegations of Russia's involvement in the damage to the gas pipeline.")
    assert found.stance == "denies" and found.accused is not None and found.accused.startswith("RUS")
    # repeating them is no scorn
    assert _one(pipeline, "Ukraine repeated its allegations of Russian involvement in the attack on the dam."
                ).stance == "accuses"


def test_blaming_a_deed_names_no_doer(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "Swedish, Danish and German investigators have blamed sabotage for the blasts but "
                                  "have not yet decided who was behind it.")
    assert not any(r.accused_text == "sabotage" for r in found)


def test_denying_that_it_was_involved_in_an_attack_denies_its_own_part(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The Tehrik-i-Taliban Pakistan (TTP) has denied that it was involved in a suicide bomb "
                           "attack at a mosque in Peshawar.")
    assert found.stance == "denies" and found.accused == found.speaker


def test_a_deed_told_under_a_condition_accuses_nobody(pipeline: Pipeline) -> None:
    assert _statements(pipeline, "The president said that if Russia wanted the poisoned opposition leader dead, its "
                                 "forces would have finished it.") == []


@pytest.mark.parametrize("text, accused", [
    ("Prosecutors said the gunman was Anders Holm, a 31-year-old electrician from Aarhus.", "Anders Holm"),
    ("Investigators have now confirmed the bomber to be Karim Haddad, 24.", "Karim Haddad"),
    ("Police said the attacker who stabbed three commuters has been identified as Lukas Brenner.", "Lukas Brenner"),
])
def test_identifying_the_doer_accuses_the_one_named(pipeline: Pipeline, text: str, accused: str) -> None:
    document = Document(id=document_id(text), external_id="t", text=text)
    analyzed = next(iter(pipeline.analyze_documents([document])))
    found = analyzed.responsibility
    assert [r.stance for r in found] == ["accuses"]
    assert (found[0].accused_text or "") in accused and accused.endswith(found[0].accused_text or "?")
    # the one named as the doer is a person, whatever the tagger took the name for
    named = {a.id: a for a in analyzed.actors}.get(found[0].accused or "")
    assert named is None or not named.provisional or named.kind == "person"


@pytest.mark.parametrize("text", [
    "Police said the attacker was a man in his twenties.",  # no one named
    "Police said the driver was Anders Holm.",  # a driver is no doer by the word alone
])
def test_describing_the_doer_without_naming_a_doer_accuses_nobody(pipeline: Pipeline, text: str) -> None:
    assert _statements(pipeline, text) == []


def test_having_something_to_do_with_an_attack_accuses(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The minister suggested Iran may have had something to do with the explosions.")
    assert (found.stance, found.accused) == ("accuses", "IRN.GOV")
    denial = _one(pipeline, "The Kremlin said Russia had nothing to do with the attack.")
    assert (denial.stance, denial.accused) == ("denies", "RUS.GOV")


def test_denying_any_link_between_the_attack_and_a_group_denies_the_groups_part(pipeline: Pipeline) -> None:
    found = _one(pipeline, "Pakistan denied any link between the terror attack and the banned outfit Lashkar-e-Taiba.")
    assert (found.stance, found.speaker, found.accused) == ("denies", "PAK.GOV", "PAK.LET")


def test_a_previously_unknown_group_named_beside_it_is_the_one_accused(pipeline: Pipeline) -> None:
    found = _one(pipeline, "Indian media attributed the assault to a previously unknown group, 'The Resistance Front'.")
    assert (found.stance, found.accused) == ("accuses", "PAK.LET")
    doubt = _one(pipeline, "Police said unknown gunmen carried out the attack.")
    assert doubt.stance == "uncertain"


def test_a_countrys_rebels_are_no_organ_of_its_state(pipeline: Pipeline) -> None:
    found = _one(pipeline, "Russia said the chemical attack was a planned provocation by the rebels.")
    assert found.stance == "accuses" and found.speaker == "RUS.GOV"


@pytest.mark.parametrize(("text", "accused"), [
    ("Police named Salman Abedi as the bomber.", "Salman Abedi"),
    ("Officials named Mohamed Kuno as the mastermind of the attack.", "Mohamed Kuno"),
])
def test_naming_someone_as_the_doer_accuses_them(pipeline: Pipeline, text: str, accused: str) -> None:
    found = _one(pipeline, text)
    assert (found.stance, found.accused_text) == ("accuses", accused)


def test_naming_someone_to_a_post_accuses_no_one(pipeline: Pipeline) -> None:
    assert _statements(pipeline, "Kenyan officials named the new coach as Paul Put.") == []


@pytest.mark.parametrize(("text", "accused_text", "accused"), [
    ("The interior minister blamed the Bolivian far-right for the bombing of the radio station.",
     "Bolivian far-right", None),
    ("Moscow blamed Ukrainian saboteurs for the blast at the ammunition depot.", "Ukrainian saboteurs", "UKR.GOV"),
    # a group noun that says which of a state's actors: still the state's
    ("Kyiv blamed Russian troops for the blast at the ammunition depot.", "Russian troops", "RUS.MIL"),
    # a deed's noun is not who did it: the country word alone
    ("Officials blamed the Israeli strike for the deaths of the aid workers.", "Israeli", "ISR.MIL"),
])
def test_a_country_word_accused_keeps_the_noun_saying_whom(pipeline: Pipeline, text: str, accused_text: str,
                                                          accused: str | None) -> None:
    found = _one(pipeline, text)
    assert (found.stance, found.accused_text, found.accused) == ("accuses", accused_text, accused)


def test_the_us_written_as_a_country_is_no_first_person_pronoun(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The national security adviser denied any US role in the bombing at the parade.")
    assert (found.stance, found.accused, found.accused_text) == ("denies", "USA.GOV", "US")


def test_a_report_dismissed_that_names_who_did_it_is_its_sources_accusation(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "Ankara dismissed reports from Damascus that Turkish jets had bombed the hospital.")
    accusation = next(r for r in found if r.stance == "accuses")
    assert (accusation.speaker, accusation.accused, accusation.accused_text) == ("SYR.GOV", "TUR.MIL", "Turkish jets")
    assert any(r.stance == "denies" and r.speaker == "TUR.GOV" for r in found)


@pytest.mark.parametrize(("text", "judge", "judged"), [
    ("A Kenyan court found four men guilty on Thursday of helping the gunmen who attacked the shopping mall.",
     "A Kenyan court", "four men"),
    ("Chief Magistrate Jane Otieno found Ali Hussein and Omar Farah guilty of all counts over the hotel bombing.",
     "Chief Magistrate Jane Otieno", "Ali Hussein and Omar Farah"),
])
def test_a_verdict_names_the_convicted_also_as_the_subject_of_guilty(pipeline: Pipeline, text: str, judge: str,
                                                                      judged: str) -> None:
    found = _one(pipeline, text)
    assert (found.stance, found.speaker_text, found.accused_text) == ("accuses", judge, judged)


@pytest.mark.parametrize("text", [
    "A suicide bomber killed 30 people at a rally on Sunday. Israel neither confirmed nor denied involvement in the bombing.",
    "A suicide bomber killed 30 people at a rally on Sunday. Israel did not deny involvement in the bombing.",
    "A suicide bomber killed 30 people at a rally on Sunday. Israel refused to rule out its involvement in the bombing.",
    "A suicide bomber killed 30 people at a rally on Sunday. Israel has not confirmed or denied it was responsible.",
])
def test_a_denial_not_made_is_uncertain_not_a_denial(pipeline: Pipeline, text: str) -> None:
    found = _one(pipeline, text)
    assert (found.stance, found.speaker, found.accused) == ("uncertain", "ISR.GOV", "ISR.GOV")


def test_refusing_to_rule_out_another_sides_part_leaves_it_open(pipeline: Pipeline) -> None:
    found = _one(pipeline, "Rockets hit the base overnight. The army refused to rule out Hezbollah involvement in "
                           "the attack.")
    assert (found.stance, found.accused) == ("uncertain", "LBN.HEZBOLLAH")


@pytest.mark.parametrize("text", [
    "A car bomb killed 12 people in the market on Monday. Officials said the bombing was the work of the Pakistani "
    "Taliban.",
    "A car bomb killed 12 people in the market on Monday. Officials said it was the work of the Pakistani Taliban.",
    "A car bomb killed 12 people in the market on Monday. Experts said the bombing bore the hallmarks of the "
    "Pakistani Taliban.",
])
def test_a_deed_called_someones_work_or_bearing_their_hallmarks_accuses_them(pipeline: Pipeline, text: str) -> None:
    found = _one(pipeline, text)
    assert (found.stance, found.accused) == ("accuses", "PAK.TTP")


def test_the_work_of_an_aid_group_names_no_doer(pipeline: Pipeline) -> None:
    assert _statements(pipeline, "A car bomb killed 12 people in the market on Monday. The governor praised the "
                                 "work of the Red Cross after the bombing.") == []


@pytest.mark.parametrize("text", [
    "A car bomb killed 12 people in the market on Monday. The police said it may have been carried out by a rival "
    "gang.",
    "A car bomb killed 12 people in the market on Monday. Officials said the Pakistani Taliban could have been "
    "behind the bombing.",
])
def test_saying_a_side_may_have_done_it_is_a_hedged_accusation(pipeline: Pipeline, text: str) -> None:
    # a side named as the possible doer is accused, with the possibility in its factuality (the reading sets'
    # gold: "Israel might be behind the attack", "Russia may be behind the attack")
    found = _one(pipeline, text)
    assert (found.stance, found.factuality[:2]) == ("accuses", "PS")


def test_saying_it_is_too_early_to_blame_anyone_is_uncertain(pipeline: Pipeline) -> None:
    text = ("Hackers crippled the network of the studio on Monday. The FBI is investigating the attack and says it "
            "is too early to blame anyone.")
    assert _one(pipeline, text).stance == "uncertain"


def test_suggesting_a_side_might_have_done_it_still_accuses(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The reporter was shot dead during the raid. The army suggested she might have been "
                           "shot by Palestinian gunmen.")
    assert found.stance == "accuses"


def test_a_charge_over_an_attack_is_its_bringers_accusation(pipeline: Pipeline) -> None:
    found = _one(pipeline, "Federal prosecutors have indicted two Syrian nationals in connection with the 2016 "
                           "bombing of the embassy.")
    assert (found.stance, found.speaker_text, found.accused_text) == ("accuses", "Federal prosecutors",
                                                                      "two Syrian nationals")


def test_attributing_an_attack_with_modifiers_names_the_side_after_to(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The United States government has long attributed the high-profile Hollywood attack to "
                           "North Korea.")
    assert (found.stance, found.accused) == ("accuses", "PRK.GOV")


def test_a_message_speaks_for_the_known_group_whose_channel_posted_it(pipeline: Pipeline) -> None:
    found = _one(pipeline, "A suicide bomber killed 20 people at the market. A message on a Telegram channel of the "
                           "Islamic State claimed responsibility for the bombing.")
    assert (found.stance, found.speaker, found.accused) == ("claims", "GRP.ISIS", "GRP.ISIS")


def test_a_message_of_no_one_named_states_nothing(pipeline: Pipeline) -> None:
    assert _statements(pipeline, "Gunmen killed 26 tourists in the valley on Tuesday. A message posted on one of "
                                 "their digital platforms claimed responsibility for the attack.") == []


@pytest.mark.parametrize(("text", "group"), [
    ("Nigeria's Boko Haram jihadist group claimed responsibility for the bombing of the market.", "NGA.BOKO_HARAM"),
    ("Somali militant group Al-Shabaab claimed responsibility for the attack on the hotel.", "SOM.AL_SHABAAB"),
])
def test_a_named_group_speaks_not_the_country_it_is_placed_in(pipeline: Pipeline, text: str, group: str) -> None:
    found = _one(pipeline, text)
    assert (found.stance, found.speaker, found.accused) == ("claims", group, group)


def test_a_branch_of_a_group_speaks_for_the_group(pipeline: Pipeline) -> None:
    found = _one(pipeline, "A branch of al-Qaeda claimed responsibility for the attack on the embassy.")
    assert (found.stance, found.speaker) == ("claims", "GRP.AL_QAEDA")


def test_a_name_the_parser_joined_to_the_clause_before_is_the_next_verbs_subject(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "An affiliate of al-Qaeda claimed responsibility for the attack and Damascus has "
                                  "consistently denied involvement.")
    assert {(r.stance, r.speaker) for r in found} == {("claims", "GRP.AL_QAEDA"), ("denies", "SYR.GOV")}


def test_attackers_described_without_a_name_are_nobody_accused(pipeline: Pipeline) -> None:
    lead = "Gunmen stormed a hotel in Mogadishu on Friday, killing 12 people. "
    assert _statements(pipeline, lead + "Police said the attackers shot guests indiscriminately.") == []
    found = _one(pipeline, lead + "Police blamed al-Shabaab for the attack.")
    assert (found.stance, found.accused) == ("accuses", "SOM.AL_SHABAAB")


def test_a_spokesman_speaking_of_our_brothers_claims_for_his_group(pipeline: Pipeline) -> None:
    found = _one(pipeline, 'Sheikh Ali Dhere, a spokesman for al-Shabaab, said: "Our mujahideen brothers carried '
                           'out a successful operation on the army base near Kismayo."')
    assert (found.stance, found.accused) == ("claims", "SOM.AL_SHABAAB")


def test_the_maker_of_a_weapon_is_not_who_fired_it(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The ministry said the hospital had been hit by a Western-made missile from the Ukrainian "
                           "air defence system.")
    assert (found.stance, found.accused) == ("accuses", "UKR.GOV")


def test_a_speakers_country_named_by_a_pronoun_is_its_own_state(pipeline: Pipeline) -> None:
    found = _one(pipeline, "President Vladimir Putin admitted his country's air defences were responsible for "
                           "downing the airliner.")
    assert (found.stance, found.accused, found.accused_text) == ("admits", "RUS.GOV", "his country's air defences")


def test_allies_of_a_state_are_not_the_state(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "The Emirati minister rejected accusations by Iran that the US Gulf allies were "
                                  "responsible for the attack on the parade.")
    assert {(r.stance, r.accused, r.accused_text) for r in found} == {
        ("accuses", None, "the US Gulf allies"), ("denies", None, "the US Gulf allies")}
    assert _one(pipeline, "Israel said Iran's proxies were behind the rocket attack.").accused is None


def test_a_habit_told_is_no_accusation_of_the_deed(pipeline: Pipeline) -> None:
    assert _statements(pipeline, "A senior police officer said the Balochistan Liberation Army frequently attacked "
                                 "soft targets in the province.") == []


def test_an_unnamed_doer_keeps_who_stands_behind_it(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The foreign minister blamed \u201cterrorists recruited, trained, armed & paid by a foreign "
                           "regime\u201d for the attack on the parade.")
    assert (found.stance, found.accused_text) == ("accuses", "terrorists recruited, trained, armed & paid by a "
                                                             "foreign regime")


def test_not_one_side_but_another_denies_the_first_and_accuses_the_second(pipeline: Pipeline) -> None:
    found = _statements(pipeline, "The Iranian army said the gunmen were not from the Islamic State but were "
                                  "trained and paid by two Gulf countries.")
    assert {(r.stance, r.accused or r.accused_text) for r in found} == {
        ("denies", "GRP.ISIS"), ("accuses", "two Gulf countries")}


def test_attackers_said_to_be_from_a_group_name_it(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The governor said the attackers were from the Islamic State.")
    assert (found.stance, found.accused) == ("accuses", "GRP.ISIS")


@pytest.mark.parametrize("text", [
    "A missile hit the airliner on Wednesday. The Kremlin refused to confirm that Russian air defences struck the plane.",
    "The Kremlin refused to comment on media reports claiming that the Azerbaijan Airlines plane crash was the result "
    "of an attack.",
])
def test_refusing_to_confirm_or_comment_leaves_it_open(pipeline: Pipeline, text: str) -> None:
    found = _one(pipeline, text)
    assert (found.stance, found.speaker) == ("uncertain", "RUS.KREMLIN")
    assert found.accused != "prov:azerbaijan-airlines"  # the plane's airline is no one's suspect


def test_a_states_organ_telling_of_its_armys_deed_takes_it_on(pipeline: Pipeline) -> None:
    found = _one(pipeline, "In Kyiv, sources in the Ukrainian security services said that its army had downed the plane.")
    assert (found.stance, found.accused) == ("claims", "UKR.MIL")


def test_a_head_of_state_telling_of_his_states_forces_takes_it_on(pipeline: Pipeline) -> None:
    found = _one(pipeline, "President Vladimir Putin said Russian air defences shot down the airliner.")
    assert (found.stance, found.accused) == ("claims", "RUS.MIL")


def test_a_leader_hinting_his_country_did_it_claims_it_for_his_state_once(pipeline: Pipeline) -> None:
    found = _one(pipeline, "The prime minister of Israel, Benjamin Netanyahu, strongly hinted that his country was behind "
                           "the air raids on the depots.")
    assert (found.stance, found.accused, found.accused_text) == ("claims", "ISR.GOV", "his country")


def test_only_words_that_may_name_a_doer_are_read_for_one(pipeline: Pipeline) -> None:
    # `may_hold` spares most words a Token: every word `holder_words` finds a doer for must pass it
    finder = pipeline.extractor.responsibility
    doc = parse("Officials said Hezbollah carried out the attack and the group was behind the bombing, which was "
                "staged by militants; the ministry said Iran had nothing to do with the blast.")
    holders = [tok.i for tok in doc if holder_words(tok, doc[:], finder.table) is not None]
    passed = [tok.i for tok in doc if finder.table.may_hold(tok.lemma_.lower(), tok.lower_)]
    assert len(holders) >= 3 and set(holders) <= set(passed)
    assert len(passed) < len(doc) // 3


def test_a_shootout_between_police_and_the_attacker_accuses_no_one_of_the_attack(pipeline: Pipeline) -> None:
    # ABC11, 2017-04-20 (the Champs-Elysees shooting): the police's deed answers the attack
    text = ("The Islamic State group has claimed responsibility for the shooting on Paris' Champs Elysees that killed a "
            "police officer and left two others gravely wounded. Hollande also said one bystander was injured during "
            "the shootout between police and the attacker, and the area has been evacuated and is on lockdown.")
    found = _statements(pipeline, text)
    assert not [r for r in found if r.accused_text and "police" in r.accused_text.lower()]
    assert [r.stance for r in found] == ["claims"]


def test_attacks_against_the_speaker_are_not_its_own_deed(pipeline: Pipeline) -> None:
    # France 24 (AFP), 2019-01-21, the ELN's statement after the Bogota police academy bombing
    text = ("It added the academy was a military installation where cadets received training to become intelligence "
            "operatives and conduct military operations.\n\n\"The president did not respect the gesture of peace\" "
            "and \"his response was to carry out military attacks against us\", it said.")
    text = ('"The operation carried out against these installations and troops is lawful within the law of war, there '
            'were no non-combatant victims," the National Liberation Army (ELN) said in a statement released early '
            'Monday on its website.\n\n' + text)
    assert not [r for r in _statements(pipeline, text) if r.stance == "denies"]


def test_a_court_ruling_that_a_state_is_responsible_accuses_it(pipeline: Pipeline) -> None:
    # Western Morning News (The Conversation), 2021-09: "ruled" is no "ruled out"
    found = _one(pipeline, "The European court of human rights has ruled that Russia is responsible for the 2006 "
                           "assassination of Russian spy Alexander Litvinenko in the UK.")
    assert found.stance == "accuses" and found.accused == "RUS.GOV"


def test_approving_a_killing_is_a_part_in_it(pipeline: Pipeline) -> None:
    # ITV News, 2016-01-21
    found = _one(pipeline, 'President Vladimir Putin "probably" approved the assassination of former Russian spy '
                           "Alexander Litvinenko in London, a public inquiry has found.")
    assert found.stance == "accuses" and found.accused_text == "Vladimir Putin"


def test_cue_particles_are_words_of_cues() -> None:
    table = ResponsibilityTable.load()
    assert table.cue_particles["brush"] == {"off", "aside"}  # not YAML's false
    for lemma, particles in table.cue_particles.items():
        assert lemma in table.cues and particles and all(isinstance(p, str) and p.isalpha() for p in particles)
    assert {"inquiry", "tribunal"} <= table.bodies and table.bodies <= table.documents | {"commission", "tribunal"}


def test_allegations_called_nothing_but_nonsense_are_denied(pipeline: Pipeline) -> None:
    # The Jerusalem Post (AP), 2006-11-24
    text = ("A former Russian spy who died in an apparent poisoning signed a statement on his deathbed blaming Russian "
            "President Vladimir Putin for his death, friends said Friday. \"The allegations against Russia in this "
            "respect are nothing but nonsense,\" said Kremlin spokesman Dmitry Peskov before Litvinenko's statement "
            "was made public.")
    found = [r for r in _statements(pipeline, text) if r.speaker_text.startswith("Kremlin")]
    assert [(r.stance, r.accused) for r in found] == [("denies", "RUS.GOV")]


def test_orders_not_to_shoot_deny_no_deed(pipeline: Pipeline) -> None:
    # Kenyan Digest (a New York Times report), 2020-06 (the Galwan Valley clash)
    text = ("In Beijing, a spokesman for the Foreign Ministry, Zhao Lijian, said that Indian forces had twice crossed "
            "the border illegally on Monday and attacked Chinese personnel. The packs of soldiers from the two "
            "countries who march up and down the mountains are under strict orders not to shoot at each other, "
            "security analysts said, but that doesn\u2019t stop them from throwing rocks or battling with crude weapons "
            "or even their fists.")
    found = _statements(pipeline, text)
    assert [(r.stance, r.accused_text) for r in found] == [("accuses", "Indian forces")]
