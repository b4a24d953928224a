"""Speakers and sides across reports: a state's organs, a group's affiliates, names and their owners."""

from __future__ import annotations

from triangulate.link.sides import known_as, same_side, same_speaker
from triangulate.read.actors.dictionary import ActorDictionary
from triangulate.records import Actor, Responsibility


def _said_by(speaker: str | None, text: str) -> Responsibility:
    return Responsibility(id="r1", doc_id="d1", speaker=speaker, speaker_text=text, stance="denies", cue="denied")


def test_a_states_intelligence_service_is_on_its_governments_side() -> None:
    actors = {a: ActorDictionary.default().get(a) for a in ("RUS.GOV", "RUS.GRU", "RUS.MIL")}
    known = {k: v for k, v in actors.items() if v is not None}
    assert same_side("RUS.GOV", "Moscow", "RUS.GRU", "the GRU", known)


def test_a_groups_affiliate_speaks_for_itself() -> None:
    known = {a: actor for a in ("GRP.AL_QAEDA", "SOM.AL_SHABAAB") if (actor := ActorDictionary.default().get(a))}
    assert not same_speaker("GRP.AL_QAEDA", "Al-Qaeda", _said_by("SOM.AL_SHABAAB.ali-dhere", "a spokesman for "
                                                                  "al-Shabaab"), known, bodies=False)


def test_a_countrys_name_owning_a_channel_is_not_the_channels_name() -> None:
    assert not same_speaker(None, "Russia", _said_by("prov:dozhd", "Russia's Dozhd television channel"), {})
    assert same_speaker(None, "Baloch separatists", _said_by("prov:bla", "The Baloch Liberation Army, a separatist "
                                                             "group"), {})
    # "IS" is a word every sentence may hold
    assert not same_speaker(None, "IS", _said_by("prov:jua", "Jamaat-ul-Ahrar, which is a faction of the Pakistani "
                                                 "Taliban"), {})


def test_a_last_name_is_the_person_the_reports_place() -> None:
    known = {a: actor for a in ("CZE.GOV",) if (actor := ActorDictionary.default().get(a))}
    known["CZE.GOV.andrej-babis"] = known["CZE.GOV"].model_copy(update={"id": "CZE.GOV.andrej-babis",
                                                                        "affiliation": "CZE.GOV", "kind": "person"})
    assert known_as("prov:babis", known) == "CZE.GOV.andrej-babis"


def test_a_short_name_is_met_as_reports_write_it() -> None:
    assert same_speaker(None, "IS", _said_by("prov:aamaq", "The IS-linked Aamaq News Agency"), {})
    assert same_speaker(None, "the US", _said_by("prov:pompeo", "US Secretary of State Mike Pompeo"), {})
    assert not same_speaker(None, "the US", _said_by("prov:aide", "an aide who told us"), {})


def _known(*ids: str) -> dict[str, Actor]:
    return {a: actor for a in ids if (actor := ActorDictionary.default().get(a))}


def test_a_named_armed_group_is_among_its_countrys_rebels() -> None:
    known = _known("UKR.DPR", "UKR.REB", "UKR.GOV")
    assert same_side("UKR.DPR", "the DNR", "UKR.REB", "the rebels", known)
    assert same_side("UKR.DPR", "the DNR", "XXX.REB", "the separatists", known)  # no country said
    assert not same_side("UKR.DPR", "the DNR", "SYR.REB", "Syrian rebels", known)
    assert not same_side("UKR.DPR", "the DNR", "UKR.GOV", "Kyiv", known)


def test_a_countrys_rebels_do_not_speak_for_its_government() -> None:
    known = _known("UKR.REB", "UKR.GOV")
    assert not same_speaker("UKR.GOV", "Kyiv", _said_by("UKR.REB", "Separatist leaders"), known)


def test_a_description_in_lower_case_is_no_speakers_name() -> None:
    # "the ministry" (whichever ministry a report meant) did not speak for "Armenia's Defense Ministry"
    assert not same_speaker(None, "Armenia's Defense Ministry", _said_by("prov:foreign-ministry", "the ministry"), {})
    assert same_speaker(None, "Armenian Defense Ministry", _said_by(None, "the Armenian Defense Ministry"), {})


def test_two_states_whose_names_share_words_are_two_speakers() -> None:
    known = {a: actor for a in ("PRK.GOV", "KOR.GOV") if (actor := ActorDictionary.default().get(a))}
    assert not same_speaker("PRK.GOV", "North Korea", _said_by("KOR.GOV", "South Korea's spy agency"), known)
    assert same_speaker("PRK.GOV", "North Korea", _said_by("PRK.GOV", "Pyongyang"), known)
