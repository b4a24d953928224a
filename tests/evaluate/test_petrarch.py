"""PETRARCH harness: the dictionary loader, the CAMEO -> PLOVER mapping, and the scoring.

The dictionary fixtures below are written here in PETRARCH's formats (invented names, not
lines of the validation files).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from tests.conftest import need_data
from triangulate.evaluate.petrarch import (
    CameoPlover,
    CodedActor,
    Coding,
    OurEvent,
    Sentence,
    SentenceResult,
    actor_matches,
    classify,
    code_root,
    coded_actor,
    load_records,
    score,
)
from triangulate.evaluate.petrarch_dictionary import (
    PetrarchDictionary,
    actor_id_for,
    parse_actors,
    parse_agents,
    parse_date,
    petrarch_codes,
    written_form,
)
from triangulate.records import PLOVER_TYPES, Actor, Document, document_id

ACTOR_LINES = """\
<!-- A TEST ACTOR DICTIONARY
     spread over two lines -->
# a whole-line comment
VALEMARK [VLM]   # trailing comment
+VALEMARKI
+HIGH_TARN
DUNHOLLOW_  [DNH] ; legacy comment

GREYHAME # no default code
+THE_WANDERER
\t[WAN < 950601]
\t[WANGOV 19950601 - 19990815]
\t[WANREB > 990816]

REEVE_OF_STOCKWELL [DNH]
\t[--- <950630]

TWIN_CROWNS [VLM/DNH]
IRON_LEAGUE [IGOIRN]
NAMELESS_ONE
\t[ONE <911226]
"""

AGENT_LINES = """\
<!-- A TEST AGENTS DICTIONARY -->
!FOLK! = MAN, MEN, WOMAN, WOMEN
PRESIDENT [~GOV] # regular plural
ARMED_FORCES {} [~MIL]
HARBOR_MASTER {HARBOR_MASTERS_GENERAL} [~GOVHBR]
TOWN_DEPUTY [~LEG]
RELIEF_BODY  [NGO~]
WATCH!FOLK! [~COP]
POLICE {} [ ~COP]
"""


# ------------------------------------------------------------------------------ loader
def test_actor_lines_give_phrases_default_codes_and_dated_codes() -> None:
    actors = {a.phrases[0]: a for a in parse_actors(ACTOR_LINES.splitlines())}
    assert set(actors) == {"VALEMARK", "DUNHOLLOW", "GREYHAME", "REEVE OF STOCKWELL", "TWIN CROWNS",
                           "IRON LEAGUE", "NAMELESS ONE"}
    assert actors["VALEMARK"].phrases == ["VALEMARK", "VALEMARKI", "HIGH TARN"]
    assert actors["VALEMARK"].code_on(date(2001, 1, 1)) == "VLM"
    wanderer = actors["GREYHAME"]
    assert wanderer.phrases == ["GREYHAME", "THE WANDERER"]
    assert wanderer.code_on(date(1994, 12, 31)) == "WAN"
    assert wanderer.code_on(date(1995, 6, 1)) == "WAN"  # limits hold "or equal": the first one wins
    assert wanderer.code_on(date(1997, 3, 3)) == "WANGOV"
    assert wanderer.code_on(date(1999, 8, 16)) == "WANREB"
    assert wanderer.code_on(None) is None  # no default code
    reeve = actors["REEVE OF STOCKWELL"]
    assert reeve.code_on(date(1995, 1, 1)) == "---"
    assert reeve.code_on(date(1996, 1, 1)) == "DNH"
    assert actors["NAMELESS ONE"].code_on(date(1995, 1, 1)) is None  # restrictions over: a null code


def test_six_digit_dates_are_in_the_twentieth_or_twenty_first_century() -> None:
    assert parse_date("950601") == date(1995, 6, 1)
    assert parse_date("130119") == date(2013, 1, 19)
    assert parse_date("20121109") == date(2012, 11, 9)


def test_agent_lines_give_plurals_substitutions_and_code_position() -> None:
    agents = {a.forms[0]: a for a in parse_agents(AGENT_LINES.splitlines())}
    assert agents["president"].forms == ("president", "presidents")
    assert agents["armed forces"].forms == ("armed forces",)
    assert agents["harbor master"].forms == ("harbor master", "harbor masters general")
    assert agents["town deputy"].forms == ("town deputy", "town deputies")
    assert agents["relief body"].before and agents["relief body"].role == "NGO~"
    assert agents["watchman"].forms == ("watchman", "watchmen", "watchwoman", "watchwomen")
    assert agents["police"].code == "COP" and not agents["police"].before


def test_codes_and_ids_convert_both_ways() -> None:
    for code, actor_id in [("ARN", "ARN"), ("ARNGOV", "ARN.GOV"), ("ARNGOVFRM", "ARN.GOVFRM"),
                           ("---GOV", "XXX.GOV"), ("---", "XXX"), ("IGOIRN", "IGO.IRN")]:
        assert actor_id_for(code) == actor_id
        assert petrarch_codes(actor_id) == [code]
    assert petrarch_codes("ELR/GAL") == ["ELR", "GAL"]
    assert petrarch_codes("ARN.NGO~") == ["NGOARN"]


def test_names_keep_capitals_only_for_acronyms() -> None:
    assert written_form("HIGH TARN") == "High Tarn"
    assert written_form("U.N.") == "U.N."
    assert written_form("THE AU") == "The AU"


@pytest.fixture(scope="module")
def dictionary() -> PetrarchDictionary:
    return PetrarchDictionary(parse_actors(ACTOR_LINES.splitlines()), parse_agents(AGENT_LINES.splitlines()))


def test_the_dictionary_has_roots_agents_and_date_resolved_names(dictionary: PetrarchDictionary) -> None:
    assert {"VLM", "DNH", "WAN", "ONE"} <= set(dictionary.roots)
    early = dictionary.actors_data(dictionary.codes_on(date(1990, 1, 1)))
    late = dictionary.actors_data(dictionary.codes_on(date(2000, 1, 1)))
    assert "Greyhame" in {s["name"] for s in early["states"]}
    assert "Greyhame" in {a["name"] for a in late["actors"] if a["id"] == "WAN.REB"}
    assert "ONE" not in {s["iso3"] for s in late["states"]}  # no name has that code any more
    assert dictionary.agents_data["compounds"]["armed forces"] == "MIL"
    assert dictionary.agents_data["nouns"]["president"]["role"] == "GOV"


def test_mentions_follow_the_publication_date(dictionary: PetrarchDictionary, nlp: Language) -> None:
    text = "The Wanderer met the president of Valemark in Dunhollow."
    doc = nlp(text)
    document = Document(id=document_id(text), external_id="t", text=text)
    ids = {}
    for day in (date(1990, 1, 1), date(1997, 1, 1), date(2005, 1, 1)):
        mentions, _ = dictionary.actor_dictionary(day).find_mentions(doc, document)
        ids[day.year] = next(m.actor_id for m in mentions if m.text.endswith("Wanderer"))
    assert ids == {1990: "WAN.GOV", 1997: "WAN.GOV", 2005: "WAN.REB"}


# ------------------------------------------------------------------------------ mapping
def test_every_cameo_root_is_listed_and_every_type_is_plover() -> None:
    mapping = CameoPlover.default()
    for root in range(1, 21):
        assert f"{root:02d}" in mapping.table
    assert {c.type for c in mapping.table.values()} - {None} <= set(PLOVER_TYPES)
    assert all(mapping.table[f"{r:02d}"].type for r in range(2, 21))


@pytest.mark.parametrize(("code", "plover", "mode"), [
    ("064", "COOPERATE", None), ("0233", "REQUEST", "assist"), ("036", "AGREE", None),
    ("042", "CONSULT", "visit"), ("0874", "RETREAT", "withdraw"), ("112", "ACCUSE", "allege"),
    ("1711", "COERCE", "seize"), ("173", "COERCE", "arrest"), ("145", "PROTEST", "riot"),
    ("194", "ASSAULT", "heavy-weapons"), ("1831", "ASSAULT", "suicide-attack"), ("163", "SANCTION", None),
])
def test_known_codes_map(code: str, plover: str, mode: str | None) -> None:
    found = CameoPlover.default().lookup(code)
    assert found is not None and (found.type, found.mode) == (plover, mode)


@pytest.mark.parametrize("code", ["901", "345", "802", "212", "224", "", "ABC"])
def test_codes_outside_cameo_map_to_nothing(code: str) -> None:
    assert CameoPlover.default().lookup(code) is None


# ------------------------------------------------------------------------------ scoring
def _actor(*codes: str, text: str = "") -> CodedActor:
    return CodedActor(frozenset(codes), frozenset({text} if text else set()))


def test_a_state_actor_matches_the_state_and_its_government() -> None:
    actors = {"ARN.GOV": Actor(id="ARN.GOV", name="Government of Arnor"),
              "ARN.GOV.elrin": Actor(id="ARN.GOV.elrin", name="Elrin", kind="person", affiliation="ARN.GOV")}
    coded = coded_actor("ARN.GOV", "Arnor", actors, ["ARN"])
    assert coded is not None and coded.codes == {"ARN", "ARNGOV"}
    person = coded_actor("ARN.GOV.elrin", "Elrin", actors, ["ARN"])
    assert person is not None and person.codes == {"ARN", "ARNGOV"}
    assert actor_matches("ARNGOV", coded) and not actor_matches("ARNGOVFRM", coded)
    assert actor_matches("ARNGOVFRM", _actor("ARNGOV"), frozenset())  # roots only
    assert actor_matches('"THE RIVER WARDENS"', _actor(text="river wardens"))
    assert code_root("NGOARNGOV", frozenset({"NGO"})) == "ARN"


def _result(codings: list[Coding], events: list[OurEvent], position: int = 0, category: str = "DEMO") -> SentenceResult:
    sentence = Sentence(id=f"S{position}", category=category, valid=True, text="", published=None,
                        codings=codings, position=position)
    return SentenceResult(sentence, events, ["restore"], {"ARN", "GON"})


def test_scoring_counts_types_triples_pairs_and_exact_sentences() -> None:
    arn, gon = _actor("ARN", "ARNGOV"), _actor("GON", "GONGOV")
    results = [
        _result([Coding("ARN", "GON", "064")], [OurEvent("COOPERATE", arn, gon, "restore")], 0),  # reproduced
        _result([Coding("ARN", "GON", "064")], [OurEvent("COOPERATE", gon, arn, "restore")], 1),  # swapped
        _result([Coding("ARN", "GON", "036")], [OurEvent("CONSULT", arn, gon, "meet")], 2, "VERB"),  # type
        _result([Coding("ARN", "GON", "901")], [OurEvent("AGREE", arn, gon, "x")], 3),  # not CAMEO, pair right
        _result([], [], 4, "ERROR"),  # nothing expected, nothing coded
        _result([Coding("ARN", "GON", "173")], [], 5),  # no event
    ]
    prefixes = frozenset({"NGO"})
    mapping = CameoPlover.default()
    causes = []
    for r in results:
        for coding in r.sentence.codings:
            found = mapping.lookup(coding.cameo)
            causes.append(classify(coding, found.type if found else None, r, prefixes))
    assert causes == ["reproduced", "roles_swapped", "type_differs_actors_right", "not_cameo_pair_right", "no_event"]
    scored = score(results, mapping, prefixes)
    m = scored["metrics"]
    assert scored["counts"]["scorable_codings"] == 4
    assert m["type_recall"] == 0.5  # rows 0 and 1
    assert m["triple_recall"] == 0.25
    assert m["pair_recall"] == 0.6  # rows 0, 2, 3 of 5 codings with two codes
    assert m["precision"] == round(1 / 3, 4)  # 3 events in fully scorable sentences, one matches
    assert m["sentences_exact"] == 0.4  # rows 0 and 4 of 5
    assert m["DEMO.triple_recall"] == round(1 / 3, 4) and m["VERB.triple_recall"] == 0.0
    assert m["even.triple_recall"] == 0.5 and m["odd.triple_recall"] == 0.0
    assert scored["errors"]["no_event"] == 1
    assert scored["missing_trigger_verbs"] == {"restore": 1}


def test_records_load_from_the_shared_data(shared_data: Path) -> None:
    folder = need_data(shared_data / "petrarch", "PETRARCH2 data")
    sentences = load_records(folder)
    assert len(sentences) == 284
    assert sum(s.valid for s in sentences) == 279
    assert sum(len(s.codings) for s in sentences) == 359
    assert all("&amp;" not in s.text for s in sentences)
