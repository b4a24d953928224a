"""Definite descriptions resolved to the named actors before them, on news-style sentences."""

from __future__ import annotations

from spacy.language import Language

from triangulate.read.actors import ActorDictionary
from triangulate.records import ActorMention, Document, document_id


def _described(nlp: Language, text: str) -> dict[str, ActorMention]:
    document = Document(id=document_id(text), external_id="test", text=text)
    mentions, actors = ActorDictionary.default().find_mentions(nlp(text), document)
    for m in mentions:
        assert text[m.start:m.end] == m.text and m.actor_id in actors
    return {m.text: m for m in mentions if m.how == "described"}


def test_the_group_is_the_armed_group_named_before(nlp: Language) -> None:
    text = ("Hezbollah fired a salvo of rockets at northern Israel on Tuesday. "
            "The group said in a statement that the strikes answered an Israeli raid.")
    found = _described(nlp, text)
    group = found["The group"]
    assert group.actor_id == "LBN.HEZBOLLAH"
    assert group.antecedent == (0, len("Hezbollah"))


def test_a_modifier_must_agree_with_the_actor(nlp: Language) -> None:
    # Kataib Hezbollah is named last, but it is a Shiite militia: "the Sunni group" is the Islamic State
    text = ("The Islamic State claimed the car bombing in Baghdad on Friday. "
            "Investigators had first suspected Kataib Hezbollah, which operates checkpoints in the area. "
            "The Sunni group said one of its fighters drove the car.")
    assert _described(nlp, text)["The Sunni group"].actor_id == "GRP.ISIS"
    shiite = ("Officials in Baghdad blamed Kataib Hezbollah for the drone attack on the base. "
              "The Shiite militia denied any role in a statement on Telegram.")
    assert _described(nlp, shiite)["The Shiite militia"].actor_id == "IRQ.KATAIB_HEZBOLLAH"


def test_two_that_fit_equally_leave_it_unresolved(nlp: Language) -> None:
    text = ("Hamas and Islamic Jihad fired rockets at Israeli towns overnight. "
            "The group said the barrage was a response to arrests in Jenin.")
    assert "The group" not in _described(nlp, text)


def test_nothing_before_it_fits(nlp: Language) -> None:
    assert _described(nlp, "The militia denied any role in the ambush, a spokesman said on Monday.") == {}
    # a state is no armed group
    assert _described(nlp, "Kenya closed the border on Monday. The group said the move was illegal.") == {}


def test_a_state_s_army_and_government(nlp: Language) -> None:
    text = ("Israel said its jets struck a weapons depot near Damascus. "
            "The army said the depot belonged to Iranian forces.")
    assert _described(nlp, text)["The army"].actor_id == "ISR.MIL"
    regime = ("Russia, which backs Syria's President Bashar al-Assad, denied that its jets or the regime armed "
              "forces had bombed the convoy. The regime's army also denied any part in the strike.")
    found = _described(nlp, regime)
    assert found["the regime armed forces"].actor_id == "SYR.MIL"
    assert found["The regime"].actor_id == "SYR.GOV"


def test_the_government_needs_one_state_or_one_called_so(nlp: Language) -> None:
    named = ("The Ukrainian government and the separatist rebels accuse each other of downing the jet. "
             "The government in Kiev said the rebels had removed bodies from the site.")
    assert _described(nlp, named)["The government"].actor_id == "UKR.GOV"
    several = ("Britain said on Thursday that Iran was almost certainly responsible for the attacks. "
               "Opposition leaders warned the government against escalation.")
    assert "the government" not in _described(nlp, several)
    assert "the United States government" not in _described(
        nlp, "Iran denied the charge. It is the view of the United States government that Iran did it.")


def test_the_north_with_a_cue_only(nlp: Language) -> None:
    text = ("North Korea fired two ballistic missiles into the sea on Sunday, Seoul said. "
            "The North accused the South of staging drills near the border.")
    found = _described(nlp, text)
    assert found["The North"].actor_id == "PRK.GOV"
    assert found["the South"].actor_id == "KOR.GOV"
    assert _described(nlp, "Floods hit Italy on Monday. The North said roads were closed.") == {}
    assert "the South" not in _described(nlp, "North Korea said its troops moved into the South overnight.")


def test_accused_of_a_deed(nlp: Language) -> None:
    text = ("Kurdish militants of the PKK denied on Monday that they had planted the bomb, but the interior "
            "ministry has already accused the outlawed armed group of the bombing.")
    assert _described(nlp, text)["the outlawed armed group"].actor_id == "TUR.PKK"


def test_a_subject_does_not_describe_itself(nlp: Language) -> None:
    text = ("Turkey blamed the PKK for the bombing in Istanbul. "
            "The YPG is the terror group's Syrian offshoot, Ankara says.")
    assert _described(nlp, text)["the terror group"].actor_id == "TUR.PKK"


def test_a_name_is_no_description(nlp: Language) -> None:
    text = ("Hezbollah denied the charge. The Islamic State group claimed the attack, and the militant group "
            "Hamas praised it.")
    assert _described(nlp, text) == {}


def test_a_short_name_defined_in_brackets(nlp: Language) -> None:
    text = ("Syrian aircraft struck the convoy, the United Nations Commission of Inquiry (COI) said on Wednesday. "
            "The COI also said that the strike had been planned, and the commission urged an inquiry.")
    found = _described(nlp, text)
    coi = found["COI"]
    assert coi.actor_id == "prov:commission-of-inquiry"
    assert text[coi.antecedent[0]:coi.antecedent[1]] == "Commission of Inquiry"  # type: ignore[index]
    assert found["the commission"].actor_id == coi.actor_id
    # a name the dictionary knows keeps its own mentions
    pkk = "The Kurdistan Workers' Party (PKK) denied the charge. The PKK said it does not target civilians."
    assert _described(nlp, pkk) == {}
