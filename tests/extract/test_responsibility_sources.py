"""Who speaks and whom they name, in forms the reading sets showed: a relative pronoun's noun, officials a named
source cites, a group's own members, the holder of a contention, "she" after a woman and a quotation."""

from __future__ import annotations

import pytest

from tests.extract.responsibility_helpers import found as _found
from tests.extract.responsibility_helpers import said as _said
from triangulate.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()



def test_the_accused_of_a_relative_clause_is_the_noun_not_who(pipeline: Pipeline) -> None:
    text = ("Gunmen attacked Kabul University on Monday, killing 35 students.\nMujahid blamed “evil elements who fled "
            "after the defeats in Nangarhar and Jowzjan provinces”, places where the two Islamist groups are fighting "
            "for hegemony .")
    accused = {r.accused_text for r in _found(pipeline, text) if r.stance == "accuses"}
    assert "evil elements" in accused and "who" not in accused


def test_officials_a_named_spokesman_cites_speak_through_him(pipeline: Pipeline) -> None:
    text = ("Former Afghan president Burhanuddin Rabbani was killed by a suicide bomber in Kabul. At a news "
            "conference, a spokesman for the Afghan intelligence agency said officials believe the Taliban's "
            "leadership body, the Quetta Shura, was behind the assassination.")
    (made,) = [r for r in _found(pipeline, text) if r.stance == "accuses"]
    assert made.speaker_text == "a spokesman for the Afghan intelligence agency"
    assert made.speaker == "AFG.GOV" and made.accused == "AFG.TALIBAN"
    assert made.via == []


def test_a_groups_statement_that_its_fighters_did_it_claims_it(pipeline: Pipeline) -> None:
    text = ("Gunmen stormed Kabul University on Monday, killing 22 people. The IS statement claimed only two of its "
            "fighters were involved, and posted their photographs.")
    (made,) = _found(pipeline, text)
    assert (made.stance, made.accused) == ("claims", "GRP.ISIS")


def test_rejecting_a_persons_contention_that_they_did_it_denies_their_own_part(pipeline: Pipeline) -> None:
    for text in (
        "Three teenagers were kidnapped in the West Bank. Palestinian officials condemned the overnight crackdown "
        "and rejected Netanyahu's contention that they are responsible.",
        "Three teenagers were kidnapped in the West Bank. Palestinian officials rejected Netanyahu's claim that "
        "they were responsible for the kidnapping.",
    ):
        found = {(r.speaker, r.stance, r.accused) for r in _found(pipeline, text)}
        assert ("PSE.GOV", "denies", "PSE.GOV") in found, text
        assert not any(accused == "ISR.GOV.benjamin-netanyahu" for _, _, accused in found), text


def test_a_groups_claim_that_it_did_it_still_names_the_group(pipeline: Pipeline) -> None:
    text = ("A Russian airliner crashed in Sinai. Moscow dismissed Islamic State's claim that it brought down the "
            "airliner.")
    assert ("Moscow", "denies", "Islamic State") in _said(pipeline, text)


def test_she_is_the_woman_who_spoke_before_not_a_man_named_in_her_quotation(pipeline: Pipeline) -> None:
    text = (
        "Pakistan described as baseless the Afghan allegation that the assassination of Burhanuddin Rabbani was "
        "planned in Quetta.\n\n"
        "Pakistan's Information Minister Firdous Ashiq Awan made the remarks while talking to reporters.\n\n"
        '"The Afghan allegations that Pakistan is behind the assassination of former Afghan President Burhanuddin '
        'Rabbani are totally unfounded and baseless," she said.\n\n'
        "She said all allegations levelled against Pakistan in the past had proved to be wrong.\n\n"
        'Former President Pervez Musharraf too has rubbished the Afghan claims and said: "Pakistan is the greatest '
        'loser in losing Rabbani. Pakistan is under compulsion to look after its own interest. We will not accept '
        'this."\n\n'
        "Pakistan is using all its energies to fight terrorism, she said."
    )
    found = _found(pipeline, text)
    assert found and all("Rabbani" not in r.speaker_text and "Musharraf" not in r.speaker_text
                         for r in found if r.speaker_text.startswith("she")), [r.speaker_text for r in found]
    assert any(r.speaker_text == "she (Firdous Ashiq Awan)" and r.stance == "denies" for r in found)


def test_a_headline_the_islamic_state_claims_by_its_abbreviation_is_its_claim(pipeline: Pipeline) -> None:
    text = ("IS claims responsibility for Afghan university attack that leaves 22 dead\n\n"
            "Gunmen stormed Kabul University on Monday, killing 22 people.")
    assert ("IS", "claims", "IS") in _said(pipeline, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "to blame" completing "be" names its subject as the doer, and its negation denies it
        ("Two suicide bombers killed 39 people in the Moscow subway. Security forces have already said they believed "
         "that militants from the Caucasus were to blame.", ("they (Security forces)", "accuses", "Caucasus")),
        ("A bomb killed 12 people. Police said Kurdish militants were not to blame for the bombing.",
         ("Police", "denies", "Kurdish militants")),
        # a coup is a deed one has or has not had a part in
        ("A coup attempt in Turkey killed 265 people. Fethullah Gulen said Saturday he had no involvement in the "
         "attempted coup.", ("Fethullah Gulen", "denies", "Fethullah Gulen")),
        # "the president himself": the president, not the speaker the pronoun would go back to
        ("A coup attempt in Turkey killed 265 people. Fethullah Gulen, a Muslim cleric living in self-imposed exile "
         "in the United States, said Saturday he had no involvement in an attempted coup in Turkey, and suggested it "
         "could have been staged by the president himself.",
         ("Fethullah Gulen, a Muslim cleric living in self-imposed exile in the United States", "accuses",
          "the president himself")),
        # an assault blamed on two groups accuses each
        ("Gunmen attacked a maternity hospital in Kabul, killing 24 people. President Ashraf Ghani blamed both that "
         "assault and the funeral bombing on the Taliban and Daesh.", ("President Ashraf Ghani", "accuses", "Daesh")),
    ],
)
def test_forms_of_naming_the_doer(pipeline: Pipeline, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _said(pipeline, text)


@pytest.mark.parametrize(
    "text",
    [
        # a toll is what was done, not who did it
        '"30 dead and 88 wounded as a result of another Russian war crime in Zaporizhzhya," Ukraine\'s police chief '
        "Ihor Klymenko wrote.",
        # strikes that may come are no deed done
        "Gunmen attacked a maternity hospital. The Taliban said they were fully prepared to counter any strikes "
        "ordered by Afghan President Ashraf Ghani.",
        # who will bear the blame for what may follow is no statement about the attack
        'Gunmen attacked a maternity hospital. "From now onwards the responsibility of further escalation of '
        'violence shall fall squarely on the shoulders of the Kabul administration," the Taliban said.',
    ],
)
def test_words_that_name_no_doer_of_the_deed(pipeline: Pipeline, text: str) -> None:
    accused = {r.accused_text for r in _found(pipeline, text) if r.stance == "accuses"}
    assert not accused & {"30", "Afghan President Ashraf Ghani", "further escalation", "the Kabul administration"}


def test_who_identified_the_bomber_behind_an_attack_did_not_do_it(pipeline: Pipeline) -> None:
    text = ("Egypt's interior ministry said on Wednesday it had identified the suicide bomber behind a deadly attack at "
            "the weekend on a church in Alexandria.")
    assert not any(r.stance == "claims" for r in _found(pipeline, text))
    # an unnamed doer ("the culprits", "the suicide bomber") accuses no side
    found = _said(pipeline, "A bomb killed 45 people. Shaukat Abbas, an official with the Counter Terrorism "
                            "Department, said police were close to finding the culprits behind the bombing.")
    assert not any(accused == "the culprits" for _, _, accused in found)


def test_the_names_a_floating_quantifier_follows_are_the_speakers(pipeline: Pipeline) -> None:
    text = ("A car bomb killed six soldiers near the border. The attack drew condemnation, with Germany and Italy "
            "both pointing the finger at Moscow.")
    found = _said(pipeline, text)
    assert ("Germany and Italy", "accuses", "Moscow") in found
    assert not any(speaker == "both" for speaker, _, _ in found)


def test_the_country_whose_part_a_state_rejects_is_its_own(pipeline: Pipeline) -> None:
    text = "A drone struck the tanker on Thursday. Iran has strongly rejected the country's involvement in the attack."
    denials = [r for r in _found(pipeline, text) if r.stance == "denies"]
    assert denials and all(r.accused == r.speaker and r.speaker is not None for r in denials)


@pytest.mark.parametrize("text", [
    "A bomb hit the station on Friday. Moscow denied any role in the bombing and accused Poland of bias.",
    "After the bombing of the market, the president accused the West of making up the story to justify air strikes.",
])
def test_an_accusation_of_something_other_than_a_part_in_the_deed_names_no_doer(pipeline: Pipeline, text: str
                                                                                ) -> None:
    accused = {a for _, stance, a in _said(pipeline, text) if stance == "accuses"}
    assert not accused & {"Poland", "the West"}


def test_an_accusation_of_a_part_in_the_deed_stays(pipeline: Pipeline) -> None:
    assert ("the Kremlin", "accuses", "Kyiv") in _said(
        pipeline, "After the blast on the bridge, the Kremlin accused Kyiv of terrorism.")
    assert ("Moscow", "accuses", "Ukraine") in _said(pipeline, "Moscow blamed the destruction of the dam on Ukraine.")


def test_a_groups_own_spokesman_telling_of_its_deed_claims_it(pipeline: Pipeline) -> None:
    text = ("The Artsakh Defense Army on Sunday destroyed the airbase in Ganja, Artsakh presidential spokesman Vahram "
            "Poghosyan said on Facebook.")
    assert {stance for _, stance, _ in _said(pipeline, text)} == {"claims"}


@pytest.mark.parametrize(("text", "accused"), [
    # a shot that came from a country names it
    ("A missile hit a residential block in the city on Sunday. The president's office said the missiles that hit "
     "the city came from neighboring Armenia.", "Armenia"),
    # a toll caused by a side's shelling
    ("One civilian died and four were wounded in the city as a result of Armenian shelling, the Foreign Ministry "
     "said on Sunday.", "Armenian"),
])
def test_where_a_shot_came_from_and_what_caused_a_toll_name_the_doer(pipeline: Pipeline, text: str, accused: str
                                                                     ) -> None:
    assert any(stance == "accuses" and who == accused for _, stance, who in _said(pipeline, text))


def test_people_who_came_from_a_country_do_not_name_it(pipeline: Pipeline) -> None:
    text = "A missile hit a residential block in the city on Sunday. Officials said most of the victims came from Armenia."
    assert not any(who == "Armenia" for _, _, who in _said(pipeline, text))


def test_neither_nor_on_the_doers_denies_them(pipeline: Pipeline) -> None:
    text = ("An air strike hit an aid convoy near Aleppo on Monday. Moscow said neither Russia nor Syria carried out "
            "the strike.")
    assert {(stance, who) for _, stance, who in _said(pipeline, text)} == {("denies", "Russia"), ("denies", "Syria")}


def test_a_town_before_involvement_is_where_not_who(pipeline: Pipeline) -> None:
    assert ("Pakistan", "denies", "Pakistan") in _said(pipeline, "Pakistan denies Mumbai involvement, pledges "
                                                                 "cooperation")


def test_it_in_what_evidence_shows_is_the_one_it_is_held_against(pipeline: Pipeline) -> None:
    text = ("A drone hit a tanker off Oman, killing two crew. Iran has dismissed Western intelligence showing it was "
            "behind the attack on the tanker as psychological warfare.")
    found = _found(pipeline, text)
    assert any(r.accused == "IRN.GOV" for r in found)
    assert not any(r.stance == "claims" for r in found)


def test_a_gerund_deed_names_its_doer_after_from(pipeline: Pipeline) -> None:
    text = ("Missiles hit the city on Sunday. Earlier, the Azerbaijani Defense Ministry denied reports that shelling "
            "from Nagorno-Karabakh forces destroyed a military airfield.")
    # a denial of what another side is said to have done, not of its own part
    assert {(stance, who) for _, stance, who in _said(pipeline, text)} == {("denies", "Nagorno-Karabakh forces")}


def test_a_verdict_without_an_agent_is_the_courts_the_sentence_sets_it_in(pipeline: Pipeline) -> None:
    found = _said(pipeline, "At the trial over the November 2020 terror attack in Vienna, four defendants were found "
                            "guilty of murder as supporters of the perpetrator.")
    assert ("the trial", "accuses", "four defendants") in found
    # no court in the sentence: left to the claims
    assert not _said(pipeline, "After the attack on the mall, two men were found guilty of helping the gunmen.")


def test_a_doer_named_inside_another_speakers_words_is_theirs_not_the_reporters(pipeline: Pipeline) -> None:
    text = ("Gunmen stormed the mall on Saturday. The United States was gathering intelligence about the attack and "
            "had not verified yet that it was conducted by the Taliban, an American official said.")
    assert _said(pipeline, text) == {("The United States", "uncertain", "the Taliban")}
    found = _said(pipeline, "Gunmen stormed the mall on Saturday. An official said Russia accused Ukraine of carrying "
                            "out the attack.")
    assert found == {("Russia", "accuses", "Ukraine")}


def test_a_deed_verb_names_a_doer_of_a_violent_deed_only(pipeline: Pipeline) -> None:
    assert ("Police", "accuses", "Somali group") in _said(
        pipeline, "Gunmen stormed the mall. Police said the attack was orchestrated by a Somali group.")
    text = ("Soldiers shot the journalist on Wednesday. In a statement, the army said that after a series of "
            "investigations conducted by a specialized professional team, it had not been possible to determine who "
            "was responsible for her killing.")
    assert not any(who == "a specialized professional team" for _, _, who in _said(pipeline, text))


def test_ground_involved_in_fighting_is_no_doer_and_a_headline_verdict_names_no_line_break(pipeline: Pipeline) -> None:
    text = ("Missiles hit the city on Sunday. Moreover, on October 4, Human Rights Watch reported that “Armenian "
            "forces” struck Ganja, a city located about 28 miles from the areas involved in active fighting.")
    assert {who for _, _, who in _said(pipeline, text)} == {"Armenian forces"}
    text = ("Indian court convicts Mumbai attack gunman\n\nMUMBAI (Reuters) - An Indian court yesterday found a "
            "Pakistani man guilty on 86 charges from the 2008 Mumbai attacks.")
    assert all(who == (who or "").strip() for _, _, who in _said(pipeline, text))


@pytest.mark.parametrize(("said", "stance"), [
    ("Trepova has maintained her innocence in court.", "denies"),
    ("The two women pleaded not guilty to the murder.", "denies"),
    ("Both women have denied the charges.", "denies"),
    ("The man pleaded guilty to the murder.", "admits"),
])
def test_a_suspects_plea_is_their_word_on_their_own_part(pipeline: Pipeline, said: str, stance: str) -> None:
    found = _said(pipeline, f"A bomb hidden in a statuette killed a blogger in a cafe in April. {said}")
    assert {(s, who == speaker) for speaker, s, who in found} == {(stance, True)}


def test_a_plea_over_no_violent_deed_is_no_statement(pipeline: Pipeline) -> None:
    assert not _said(pipeline, "Police said the man pleaded not guilty to a drink-driving charge.")
