"""find_mentions on real sentences: the seed reports and news-style sentences of other regions."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from triangulate.read.actors import ActorDictionary
from triangulate.read.places import Geoparser
from triangulate.records import Actor, ActorMention, Document, document_id


def _find(nlp: Language, text: str) -> tuple[list[ActorMention], dict[str, Actor]]:
    document = Document(id=document_id(text), external_id="test", text=text)
    return ActorDictionary.default().find_mentions(nlp(text), document)


def _by_text(mentions: list[ActorMention]) -> dict[str, ActorMention]:
    return {m.text: m for m in mentions}


@pytest.fixture(scope="module")
def seed1(nlp: Language, seeds_dir: Path) -> tuple[str, list[ActorMention], dict[str, Actor]]:
    text = (seeds_dir / "000_3120491efba444be.txt").read_text(encoding="utf-8")
    return (text, *_find(nlp, text))


@pytest.fixture(scope="module")
def seed2(nlp: Language, seeds_dir: Path) -> tuple[str, list[ActorMention], dict[str, Actor]]:
    text = (seeds_dir / "002_1653d94a00297d83.txt").read_text(encoding="utf-8")
    return (text, *_find(nlp, text))


def test_offsets_point_into_the_text(seed1: tuple[str, list[ActorMention], dict[str, Actor]]) -> None:
    text, mentions, actors = seed1
    assert mentions
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.actor_id in actors


def test_seed1_dictionary_and_title(seed1: tuple[str, list[ActorMention], dict[str, Actor]]) -> None:
    _, mentions, actors = seed1
    ids = {m.actor_id for m in mentions}
    assert {"IRQ.PMF", "MED.NYT", "ISR.GOV", "USA.GOV", "MED.ASHARQ_ALAWSAT"} <= ids
    netanyahu = next(m for m in mentions if m.person == "Benjamin Netanyahu" and m.how == "title")
    person = actors[netanyahu.actor_id]
    assert person.kind == "person" and person.affiliation == "ISR.GOV"
    assert "ISR.GOV" in actors
    his = next(m for m in mentions if m.text == "his")
    assert his.how == "coref" and his.actor_id == netanyahu.actor_id
    assert his.antecedent == (netanyahu.start, netanyahu.end)


def test_seed1_demonyms_and_metonyms(seed1: tuple[str, list[ActorMention], dict[str, Actor]]) -> None:
    text, mentions, _ = seed1
    drones = text.index("Israeli drones")
    assert any(m.start == drones and m.actor_id == "ISR.MIL" and m.how == "demonym" for m in mentions)
    officials = _by_text(mentions)["Iraqi officials"]
    assert officials.actor_id == "IRQ.GOV"
    green_light = text.index("both from Washington")
    assert {m.actor_id for m in mentions if m.start > green_light and m.how == "metonym"} >= {"USA.GOV", "RUS.GOV"}
    # "a base near Baghdad" and "inside Iraq" are places
    assert not any(m.text in {"Baghdad"} for m in mentions)
    inside_iraq = text.index("inside Iraq") + len("inside ")
    assert not any(m.start == inside_iraq for m in mentions)


def test_seed2_people_and_organizations(seed2: tuple[str, list[ActorMention], dict[str, Actor]]) -> None:
    text, mentions, actors = seed2
    shammari = next(m for m in mentions if m.person == "Najah al-Shammari")
    assert shammari.how == "title" and shammari.actor_id == "IRQ.GOV.najah-al-shammari"
    assert actors[shammari.actor_id].affiliation == "IRQ.GOV"
    he = next(m for m in mentions if m.text == "he")
    assert he.actor_id == shammari.actor_id and he.antecedent == (shammari.start, shammari.end)
    suleimani = next(m for m in mentions if m.person == "Qassem Suleimani")
    assert actors[suleimani.actor_id].affiliation == "IRN.QUDS_FORCE"
    # the PMF under three names is one actor
    pmf = {m.text for m in mentions if m.actor_id == "IRQ.PMF"}
    assert {"Popular Mobilization Forces", "PMF", "Hashd al-Shaab"} <= pmf
    # "sources in Jerusalem and Tel Aviv" are places; "between Moscow and Jerusalem" are governments
    places = text.index("sources in Jerusalem")
    assert not any(places < m.start < places + 40 for m in mentions)
    between = text.index("between Moscow and Jerusalem")
    assert {m.actor_id for m in mentions if between < m.start < between + 30} == {"RUS.GOV", "ISR.GOV"}
    # the last "he" follows an unnamed source, far from any named person: left alone
    assert not any(m.text == "he" and m.start > text.index("That said") for m in mentions)


def test_generic_groups_take_their_country(nlp: Language) -> None:
    text = ("Russian forces shelled the village on Tuesday, while Iraqi police arrested two suspects. "
            "Protesters gathered in Lahore, Pakistan, on Friday. Unidentified gunmen killed three civilians "
            "in Culiacan, Mexico. Demonstrators marched through the city.")
    mentions = _by_text(_find(nlp, text)[0])
    assert mentions["Russian forces"].actor_id == "RUS.MIL"
    assert mentions["Iraqi police"].actor_id == "IRQ.POL"
    assert mentions["Protesters"].actor_id == "PAK.PRO"
    assert mentions["Unidentified gunmen"].actor_id == "MEX.UNK"
    assert mentions["civilians"].actor_id == "MEX.CIV"
    assert mentions["Demonstrators"].actor_id == "XXX.PRO"
    assert "Mexico" not in mentions and "Culiacan" not in mentions


def test_capitals_are_actors_only_as_agents(nlp: Language) -> None:
    mentions, _ = _find(nlp, "Washington said it would impose new sanctions. Two rockets hit a base in Baghdad.")
    by_text = _by_text(mentions)
    assert by_text["Washington"].actor_id == "USA.GOV" and by_text["Washington"].how == "metonym"
    assert "Baghdad" not in by_text
    mentions, _ = _find(nlp, "Baghdad rejected the accusation, and Israel denied any role in Iraq.")
    by_text = _by_text(mentions)
    assert by_text["Baghdad"].actor_id == "IRQ.GOV"
    assert by_text["Israel"].actor_id == "ISR.GOV"
    assert "Iraq" not in by_text


def test_other_regions(nlp: Language) -> None:
    text = ("Al Shabaab militants ambushed a convoy of Somali troops near Mogadishu. LNA forces shot down a "
            "Turkish drone operated by the GNA. The Houthis fired a missile at Saudi Arabia, and Ansar Allah "
            "later claimed the attack. Boko Haram fighters raided a village in Borno.")
    mentions = _find(nlp, text)[0]
    ids = {m.text: m.actor_id for m in mentions}
    assert ids["Al Shabaab"] == "SOM.AL_SHABAAB" and "militants" not in ids
    assert ids["Somali troops"] == "SOM.MIL"
    assert ids["LNA forces"] == "LBY.LNA" and ids["GNA"] == "LBY.GNA"
    assert ids["Turkish"] == "TUR.MIL"
    assert ids["Houthis"] == ids["Ansar Allah"] == "YEM.HOUTHIS"
    assert ids["Boko Haram"] == "NGA.BOKO_HARAM"


def test_short_form_and_pronoun_coref(nlp: Language) -> None:
    text = ("Hezbollah leader Hassan Nasrallah said the group would respond. "
            "Nasrallah added that he had no choice.")
    mentions = _find(nlp, text)[0]
    full = next(m for m in mentions if m.how == "title")
    assert full.actor_id == "LBN.HEZBOLLAH.hassan-nasrallah"
    short = next(m for m in mentions if m.text == "Nasrallah")
    he = next(m for m in mentions if m.text == "he")
    for m in (short, he):
        assert m.how == "coref" and m.actor_id == full.actor_id and m.antecedent == (full.start, full.end)


def test_the_title_alone_goes_back_to_the_last_one_named_with_it(nlp: Language) -> None:
    text = ("Hezbollah spokesman Hassan Nasrallah spoke on Monday. The minister of health was not there. "
            "The spokesman said the group would respond.")
    mentions = _find(nlp, text)[0]
    full = next(m for m in mentions if m.how == "title")
    alone = next(m for m in mentions if m.text == "The spokesman")
    assert alone.how == "coref" and alone.actor_id == full.actor_id
    assert not any(m.text.lower() == "the minister" for m in mentions)  # no one was named minister


def test_a_pronoun_does_not_go_back_to_a_name_used_as_a_modifier(nlp: Language) -> None:
    text = ("The brother of the Benjamin Netanyahu bomber is facing life in jail after a jury found him guilty "
            "of murder.")
    mentions = _find(nlp, text)[0]
    assert not any(m.text == "him" for m in mentions)  # "him" is the brother, not Netanyahu


def test_unknown_names_become_provisional(nlp: Language) -> None:
    text = ("The Zorvani Liberation Front claimed responsibility for the bombing. "
            "Its commander, Tarek Vellani, said more attacks would follow. Vellani spoke by phone.")
    mentions, actors = _find(nlp, text)
    front = next(m for m in mentions if "Zorvani" in m.text)
    assert front.how == "provisional" and front.actor_id == "prov:zorvani-liberation-front"
    assert actors[front.actor_id].provisional and actors[front.actor_id].name == "Zorvani Liberation Front"
    vellani = [m for m in mentions if "Vellani" in m.text]
    assert vellani[0].actor_id.startswith("prov:") and vellani[0].person
    assert vellani[-1].how == "coref" and vellani[-1].antecedent == (vellani[0].start, vellani[0].end)


# ---- a group noun's country from the report's places --------------------------------------


def _read(nlp: Language, text: str) -> tuple[list[ActorMention], dict[str, Actor]]:
    from triangulate.read import Reader

    document = Document(id=document_id(text), external_id="test", text=text)
    read = Reader.default().read(document, nlp(text))
    return read.actor_mentions, read.actors


def test_protesters_take_the_country_of_the_place(nlp: Language) -> None:
    mentions, _ = _read(nlp, "On 5 May 2020, protesters gathered in Culiacan, Sinaloa, to demand water.")
    assert _by_text(mentions)["protesters"].actor_id == "MEX.PRO"


def test_a_place_of_the_group_s_own_phrase_comes_before_a_country_named_elsewhere(nlp: Language) -> None:
    # France 24 (AFP), 2019-01-21: the academy is in Bogota; the talks, in Cuba
    mentions, _ = _read(nlp, "Colombia's leftist ELN rebels have claimed responsibility for a car bomb at a police "
                             "academy in Bogota that killed at least 20 people as well as the attacker and derailed "
                             "peace talks being held in Cuba.")
    assert _by_text(mentions)["police"].actor_id == "COL.POL"


def test_without_places_the_country_stays_open(nlp: Language) -> None:
    mentions, _ = _find(nlp, "Protesters gathered outside the town hall.")
    assert _by_text(mentions)["Protesters"].actor_id == "XXX.PRO"


def test_troops_take_the_place_country_only_in_a_one_country_report(nlp: Language) -> None:
    one, _ = _read(nlp, "On 6 May 2020, troops raided a camp near Gao in Mali.")
    assert _by_text(one)["troops"].actor_id == "MLI.MIL"
    two, _ = _read(nlp, "On 6 May 2020, troops raided camps near Gao in Mali and near Ayorou in Niger.")
    assert _by_text(two)["troops"].actor_id == "XXX.MIL"


def test_a_group_noun_takes_the_state_of_its_own_prep_phrase(nlp: Language) -> None:
    mentions, _ = _find(nlp, "On 5 May 2020, military forces of Armenia fired on the positions of the "
                             "military forces of Azerbaijan.")
    assert [m.actor_id for m in mentions if m.text == "military forces"] == ["ARM.MIL", "AZE.MIL"]


def test_ambassadors_of_a_country_are_its_government(nlp: Language) -> None:
    mentions, _ = _find(nlp, "The ambassadors of France met the minister on Monday.")
    assert _by_text(mentions)["ambassadors"].actor_id == "FRA.GOV"


def test_gendarmeries_and_military_police_are_military_forces(nlp: Language) -> None:
    mentions, _ = _find(nlp, "On 5 May 2020, gendarmerie forces beat a woman in Conakry, Guinea.")
    assert _by_text(mentions)["gendarmerie forces"].actor_id.endswith(".MIL")  # no places given: no country
    mentions, _ = _find(nlp, "On 5 May 2020, armed men exchanged fire with military police forces in Manaus, Brazil.")
    assert _by_text(mentions)["military police forces"].actor_id.endswith(".MIL")
    mentions, _ = _find(nlp, "Police officers and riot police arrested five people in Lyon, France.")
    assert {m.text: m.actor_id for m in mentions}["Police officers"].endswith(".POL")


def test_a_compound_that_names_no_group_with_its_head_stays_a_group(nlp: Language) -> None:
    mentions, _ = _find(nlp, "On 7 May 2020, villagers assaulted Nepal Armed Police personnel in Jhapa, Nepal.")
    assert any(m.actor_id.endswith(".POL") for m in mentions)


def test_nationals_and_refugees_are_people_not_their_state(nlp: Language) -> None:
    mentions, _ = _find(nlp, "Indian nationals and Venezuelan refugees crossed the border.")
    ids = {m.text: m.actor_id for m in mentions}
    assert ids["Indian nationals"] == "IND.CIV" and ids["Venezuelan refugees"] == "VEN.CIV"


def test_a_group_noun_of_an_armed_organization_is_that_organization(nlp: Language) -> None:
    mentions, _ = _find(nlp, "On 6 May 2020, military forces of Artsakh fired on the positions of the "
                             "military forces of Azerbaijan near Talish.")
    assert [m.actor_id for m in mentions if m.text == "military forces"] == ["ARM.ARTSAKH", "AZE.MIL"]
    mentions, _ = _find(nlp, "On 6 May 2020, fighters of Hezbollah clashed with rebels near Qusayr, Syria.")
    assert _by_text(mentions)["fighters"].actor_id == "LBN.HEZBOLLAH"
    # not across a conjunct: the "of" phrase belongs to the other noun
    mentions, _ = _find(nlp, "On 3 May 2020, there was a clash between military forces and members of the ELN "
                             "in Argelia, Cauca, Colombia.")
    assert _by_text(mentions)["military forces"].actor_id.endswith(".MIL")


def test_policewomen_are_police(nlp: Language) -> None:
    mentions, _ = _read(nlp, "On 4 May 2020, gunmen shot a policewoman in Herat city, Afghanistan.")
    assert _by_text(mentions)["policewoman"].actor_id == "AFG.POL"


def test_an_acronym_and_its_house_style_spelling_are_both_aliases(nlp: Language) -> None:
    # "ISIS" matches in capitals only, "Isis" (the Guardian's and the BBC's style) in any case but lower
    mentions, _ = _find(nlp, "Isis has claimed responsibility for the bombing, and ISIS fighters were seen. "
                             "Security officials said Isil had planned it.")
    by_text = _by_text(mentions)
    assert {by_text[t].actor_id for t in ("Isis", "ISIS", "Isil")} == {"GRP.ISIS"}


def test_a_title_case_headline_does_not_run_a_verb_into_a_name(nlp: Language) -> None:
    mentions, actors = _find(nlp, "Putin Says Lukashenko Handed Him Documents That Expose Bucha Fake\n\n"
                                  "Moscow has repeatedly denounced the Bucha provocation.")
    names = {actors[m.actor_id].name for m in mentions if m.actor_id in actors}
    assert "Lukashenko" in names
    assert not any("Handed" in n or "Documents" in n for n in names)


def test_a_capital_accused_of_something_is_its_government(nlp: Language) -> None:
    mentions, _ = _find(nlp, "The Kremlin accused Kyiv of blowing up the dam, and officials blamed Washington for "
                             "the delay. A delegation later flew to Kyiv.")
    kyiv, washington = (m for m in mentions if m.text in ("Kyiv", "Washington") and m.start < 70)
    assert (kyiv.actor_id, kyiv.how) == ("UKR.GOV", "metonym")
    assert (washington.actor_id, washington.how) == ("USA.GOV", "metonym")
    assert not any(m.actor_id == "UKR.GOV" and m.start > 70 for m in mentions)  # the place flown to


@pytest.mark.parametrize("text, phrase, actor", [
    ("The Japanese owner of the Kokuka Courageous said their sailors saw flying objects.",
     "The Japanese owner", "JPN.BUS"),
    ("A Norwegian shipping company said the tanker was hit twice.", "A Norwegian shipping company", "NOR.BUS"),
    ("Filipino sailors said they saw a flash before the blast.", "Filipino sailors", "PHL.CIV"),
])
def test_firms_and_crews_are_not_their_countrys_state(nlp: Language, text: str, phrase: str, actor: str) -> None:
    mentions, actors = _find(nlp, text)
    found = [m for m in mentions if m.text in phrase]
    assert found and found[0].actor_id == actor, [(m.text, m.actor_id) for m in mentions]
    assert actors[actor].sectors != ["government"]


def test_workers_who_help_are_civilians_and_striking_workers_a_labour_group(nlp: Language) -> None:
    mentions, _ = _read(nlp, "Aid workers searched the rubble in Aleppo, Syria. Rescue workers pulled out two "
                             "children. Striking dock workers blocked the port of Durban in South Africa.")
    found = _by_text(mentions)
    assert found["Aid workers"].actor_id == "SYR.CIV" and found["Rescue workers"].actor_id == "SYR.CIV"
    assert found["Striking dock workers"].actor_id == "ZAF.LAB"


@pytest.mark.parametrize(("text", "words", "actor_id"), [
    # a state's organ after a country's possessive is that state's, named in capitals or not
    ("Russia's Defence Ministry denied the report.", "Defence Ministry", "RUS.GOV"),
    ("Pakistan's Foreign Office rejected the claim.", "Foreign Office", "PAK.GOV"),
    ("The Foreign Office rejected the claim.", "Foreign Office", "GBR.FOREIGN_OFFICE"),
    ("Britain's Foreign Office rejected the claim.", "Foreign Office", "GBR.FOREIGN_OFFICE"),
    # a group of another country is no organ of the possessive's state
    ("Israel blamed Iran's Hezbollah allies for the rocket attack.", "Hezbollah", "LBN.HEZBOLLAH"),
])
def test_an_organ_is_the_possessive_countrys(nlp: Language, text: str, words: str, actor_id: str) -> None:
    mentions, _ = _find(nlp, text)
    (found,) = [m for m in mentions if words in m.text]
    assert found.actor_id == actor_id


def test_one_countrys_unknown_office_is_not_anothers(nlp: Language) -> None:
    mentions, actors = _find(nlp, "India's Interior Office and Pakistan's Interior Office traded blame.")
    ids = [m.actor_id for m in mentions if "Interior Office" in m.text]
    assert len(set(ids)) == 2
    assert {actors[i].country for i in ids} == {"IN", "PK"}


@pytest.mark.parametrize(("text", "words", "actor"), [
    ("The Bolivian opposition blamed the interior ministry for the arrests.", "Bolivian opposition", "BOL.OPP"),
    ("Iranian dissidents abroad condemned the executions.", "Iranian dissidents", "IRN.OPP"),
    ("Nicaraguan exiles in Costa Rica denied any part in the plot.", "Nicaraguan exiles", "NIC.OPP"),
])
def test_a_countrys_opposition_is_not_its_government(nlp: Language, text: str, words: str, actor: str) -> None:
    mentions, _ = _find(nlp, text)
    assert {m.text: m.actor_id for m in mentions}[words] == actor


def test_opposition_to_something_is_no_actor(nlp: Language) -> None:
    mentions, _ = _find(nlp, "The minister voiced strong opposition to the plan on Tuesday.")
    assert not [m for m in mentions if "opposition" in m.text]


def test_a_generic_group_takes_the_country_its_sentence_places_it_in_not_the_speakers(
        nlp: Language, geo: Geoparser) -> None:
    for text, rebels in [("Russia suggests the Syria gas attack was a planned provocation by rebels.", "SYR.REB"),
                         ("Syria said rebels attacked an army post near Aleppo.", "SYR.REB"),
                         ("Turkey's foreign ministry said rebels shelled a border town near Aleppo.", "SYR.REB")]:
        doc, document = nlp(text), Document(id=document_id(text), external_id="test", text=text)
        found, _ = ActorDictionary.default().find_mentions(doc, document, places=geo.geoparse(doc, document))
        assert _by_text(found)["rebels"].actor_id == rebels


def test_a_name_the_recognizer_cut_before_its_country_ends_on_its_last_word(nlp: Language) -> None:
    found, _ = _find(nlp, "The Office of the President of Ukraine also rejected the accusations.")
    assert "Office of the President" in _by_text(found)


@pytest.mark.parametrize(("text", "words", "actor"), [
    ("The Turkish Ministry of Defence said its jets struck the camp.", "Turkish Ministry", "TUR.GOV"),
    ("The Georgian Security Service said it had detained two men over the bombing.", "Georgian Security Service",
     "GEO.SEC"),
])
def test_a_country_word_inside_a_bodys_name_says_whose_body_it_is(nlp: Language, text: str, words: str,
                                                                   actor: str) -> None:
    found, _ = _find(nlp, text)
    assert _by_text(found)[words].actor_id == actor


def test_a_countrys_own_council_is_not_the_united_nations(nlp: Language) -> None:
    found, _ = _find(nlp, "The Russian Security Council met on Friday.")
    assert _by_text(found)["Russian Security Council"].actor_id == "RUS.GOV"
    found, _ = _find(nlp, "The UN Security Council condemned the attack.")
    assert _by_text(found)["UN Security Council"].actor_id == "IGO.UNSC"


def test_a_director_of_a_known_body_is_its_member(nlp: Language) -> None:
    found, actors = _find(nlp, "Mossad director David Barnea said the agency had foiled the attack.")
    barnea = next(m for m in found if m.person == "David Barnea")
    assert actors[barnea.actor_id].affiliation == "ISR.MOSSAD"


def test_a_spokesman_for_a_group_set_off_by_commas_is_its_member(nlp: Language) -> None:
    found, actors = _find(nlp, "Abu Obeida, a spokesman for Hamas, said the group carried out the attack.")
    obeida = next(m for m in found if m.person == "Abu Obeida")
    assert actors[obeida.actor_id].affiliation == "PSE.HAMAS"


def test_a_name_given_with_the_government_it_heads_keeps_it_when_named_again(nlp: Language) -> None:
    found, actors = _find(nlp, "Rebels blamed the outgoing Peruvian government of President Pedro Castillo for "
                               "the massacre. Pedro Castillo, whose term ends next week, rejected the accusations.")
    castillo = [m for m in found if m.person == "Pedro Castillo"]
    assert len(castillo) == 2 and len({m.actor_id for m in castillo}) == 1
    assert actors[castillo[0].actor_id].affiliation == "PER.GOV"


@pytest.mark.parametrize(("text", "name", "actor"), [
    ("Bulgaria's foreign ministry spokesperson Vesela Cherneva dismissed the claim.",
     "Bulgaria's foreign ministry spokesperson Vesela Cherneva", "BGR.GOV.vesela-cherneva"),
    ("Canada's Foreign Affairs Minister Lawrence Cannon said the evidence was conclusive.",
     "Canada's Foreign Affairs Minister Lawrence Cannon", "CAN.GOV.lawrence-cannon"),
])
def test_a_title_held_in_a_states_body_is_that_states(nlp: Language, text: str, name: str, actor: str) -> None:
    mentions, _ = _find(nlp, text)
    assert _by_text(mentions)[name].actor_id == actor


def test_headline_short_forms_of_the_two_koreas(nlp: Language) -> None:
    mentions, _ = _find(nlp, "S. Korea says N Korea sank the ship")
    assert {m.text: m.actor_id for m in mentions} == {"S. Korea": "KOR.GOV", "N Korea": "PRK.GOV"}


def test_a_title_after_a_bodys_short_name_in_brackets_is_that_bodys(nlp: Language) -> None:
    mentions, _ = _find(nlp, "Syrian Democratic Forces (SDF) Commander-in-Chief Mazloum Abdi on Monday denied SDF "
                             "involvement in the Istanbul attack.")
    assert _by_text(mentions)["Commander-in-Chief Mazloum Abdi"].actor_id == "SYR.SDF.mazloum-abdi"


def test_a_possessive_the_recognizer_took_into_a_name_is_left_out(nlp: Language) -> None:
    mentions, _ = _find(nlp, "Mazloum Abdi's forces claimed the Istiklal Avenue bombing.")
    assert [(m.text, m.actor_id) for m in mentions] == [("Mazloum Abdi", "prov:mazloum-abdi")]
    # ... at its start too: "the group['s Lahore] head"
    mentions, _ = _find(nlp, "A report claimed that the attack had been carried out on the direction of the emir, "
                             "with the group’s Lahore head Muhammad Khan planning the bombing.")
    assert not any(m.text.startswith(("'s", "’s")) for m in mentions)


@pytest.mark.parametrize(
    ("text", "named", "qualified"),
    [
        ("Anti-Assad rebels shelled the town; Assad's army answered with air strikes.", "Assad", "Assad"),
        ("Anti-Russian protesters marched, while Russia's defence ministry kept silent.", "Russia", "Russian"),
    ],
)
def test_a_name_joined_to_anti_is_not_its_actor(nlp: Language, text: str, named: str, qualified: str) -> None:
    mentions, _ = _find(nlp, text)
    qualified_at = text.index(qualified)
    later = next(m for m in mentions if named in m.text and m.start > qualified_at)
    country = later.actor_id.split(".")[0]
    assert not any(m.start <= qualified_at < m.end and m.actor_id.split(".")[0] == country for m in mentions), \
        [(m.text, m.actor_id) for m in mentions]


@pytest.mark.parametrize(
    "text",
    [
        "The US-based cleric that President Recep Tayyip Erdogan says is behind the coup has denied any involvement.",
        "The Qatar-based broadcaster said 20 people died in the strike.",
    ],
)
def test_a_country_joined_to_based_is_where_someone_is_not_its_state(nlp: Language, text: str) -> None:
    mentions, _ = _find(nlp, text)
    suffixed = text.index("-based")
    assert not any(m.end == suffixed and m.actor_id.endswith(".GOV") for m in mentions), \
        [(m.text, m.actor_id) for m in mentions]
    backed, _ = _find(nlp, "A US-backed militia attacked the town.")  # a backer still acts
    assert any(m.text == "US" and m.actor_id == "USA.GOV" for m in backed)


def test_a_listed_name_inside_another_bodys_name_is_that_other_body(nlp: Language) -> None:
    mentions, _ = _find(nlp, "Ahvaz National Resistance, an Arab opposition movement, claimed the attack on the parade.")
    by_text = _by_text(mentions)
    assert by_text["Ahvaz National Resistance"].actor_id.startswith("prov:")  # not Yemen's National Resistance
    mentions, _ = _find(nlp, "The National Resistance Forces said they repelled an attack near Mocha.")
    assert _by_text(mentions)["National Resistance Forces"].actor_id == "YEM.NRF"


def test_fighters_for_a_group_are_its_side(nlp: Language) -> None:
    mentions, _ = _find(nlp, "Coalition aircraft struck several pro-Houthi fighters near the port.")
    assert any(m.actor_id == "YEM.HOUTHIS" for m in mentions)


def test_a_group_noun_does_not_take_the_country_its_verb_is_done_to(nlp: Language) -> None:
    # "blamed Russia": the state a verb is done to is the other party, not the officials' own
    mentions, _ = _find(nlp, "Intelligence officials blamed Russia for the hack of the federal agencies.")
    assert not _by_text(mentions)["Intelligence officials"].actor_id.startswith("RUS.")
    mentions, _ = _find(nlp, "Police in Kenya blamed al-Shabaab for the attack on the hotel.")
    assert _by_text(mentions)["Police"].actor_id == "KEN.POL"


def test_a_states_rebels_and_unidentified_groups_are_not_its_government() -> None:
    # a state's organs are its government's; its rebels and unnamed armed groups are not
    actors = ActorDictionary.default()
    army, rebels, unnamed = (actors.get(f"SYR.{role}") for role in ("MIL", "REB", "UNK"))
    assert army is not None and army.affiliation == "SYR.GOV"
    assert rebels is not None and rebels.affiliation is None
    assert unnamed is not None and unnamed.affiliation is None


def test_people_of_a_territory_are_its_states(nlp: Language) -> None:
    mentions, _ = _find(nlp, "Gazan civilians were trampled to death near the aid convoy.")
    assert _by_text(mentions)["Gazan civilians"].actor_id == "PSE.CIV"


def test_a_state_organ_owned_by_its_is_the_organ_of_the_state_before_it(nlp: Language) -> None:
    mentions, _ = _find(nlp, "Damascus denied that its army attacked the aid convoy near Aleppo.")
    assert _by_text(mentions)["army"].actor_id == "SYR.MIL"


@pytest.mark.parametrize(
    ("text", "pronoun", "actor"),
    [
        ("Hamas said it fired the rockets at Ashkelon on Sunday.", "it", "PSE.HAMAS"),
        ("The Houthis said they struck an airport in the capital.", "they", "YEM.HOUTHIS"),
        # a participle of saying: its subject is the one who claimed
        ("The Houthis claimed the strike, saying they had hit the base.", "they", "YEM.HOUTHIS"),
    ],
)
def test_it_or_they_in_what_a_group_says_is_the_group(nlp: Language, text: str, pronoun: str, actor: str) -> None:
    mentions, _ = _find(nlp, text)
    assert (pronoun, actor) in {(m.text, m.actor_id) for m in mentions}


@pytest.mark.parametrize(
    "text",
    [
        "Russia said they attacked the convoy.",  # a state is "it": "they" are others
        "The rebels said it hit the bus.",  # plural speakers are "they": "it" is the shell
        "Officials said it was a car bomb.",  # "it" of a copula is the thing, not the speaker
    ],
)
def test_a_pronoun_that_does_not_agree_with_the_speaker_is_not_the_speaker(nlp: Language, text: str) -> None:
    mentions, _ = _find(nlp, text)
    assert not any(m.text in ("it", "they") for m in mentions)


def test_a_group_noun_read_as_an_adjective_before_leaders_names_the_group(nlp: Language) -> None:
    mentions, _ = _find(nlp, "Separatist leaders denied responsibility for the shelling of the bus.")
    assert ("Separatist", "XXX.REB") in {(m.text, m.actor_id) for m in mentions}
    mentions, _ = _find(nlp, "The separatist region was shelled overnight.")
    assert not any(m.actor_id.endswith(".REB") for m in mentions)  # a place, not the group


def test_a_platform_a_statement_is_posted_on_is_no_person_a_pronoun_stands_for(nlp: Language) -> None:
    text = ('"Our forces captured the terrorist Karim Saadi abroad," the prime minister said on Twitter. '
            '"He is the main culprit behind the market bombing."')
    mentions, _ = _find(nlp, text)
    by_text = _by_text(mentions)
    assert "He" not in by_text  # no person is named before it: "Twitter" is where it was said



@pytest.mark.parametrize(("text", "person", "body"), [
    ("Houthi military spokesman Yahya Saree said the group fired the missiles.", "Yahya Saree", "YEM.HOUTHIS"),
    ("Artsakh presidential spokesman Vahram Poghosyan said the base was hit.", "Vahram Poghosyan", "ARM.ARTSAKH"),
])
def test_a_title_with_a_modifier_still_holds_the_body_before_it(nlp: Language, text: str, person: str, body: str
                                                                ) -> None:
    mentions, actors = _find(nlp, text)
    held = next(m for m in mentions if m.person == person)
    assert actors[held.actor_id].affiliation == body


def test_the_group_after_a_tied_name_is_the_group_not_its_tie(nlp: Language) -> None:
    mentions, _ = _find(nlp, "Somalia's Al-Qaeda-linked Shebab rebels on Saturday claimed the attack. The group said "
                             "it was revenge.")
    assert _by_text(mentions)["The group"].actor_id == "SOM.AL_SHABAAB"  # AFP's spelling of al-Shabaab


def test_the_forces_of_a_de_facto_state_named_by_its_region_are_its_own(nlp: Language) -> None:
    mentions, _ = _find(nlp, "Nagorno-Karabakh forces said they had shot down two Azerbaijani drones.")
    assert _by_text(mentions)["Nagorno-Karabakh forces"].actor_id == "ARM.ARTSAKH"
