"""The stance model's reading of a stored report, as `check` counts it (real-looking sentences)."""

from __future__ import annotations

from tests.link.builders import Report
from triangulate.link import report_stance
from triangulate.link.report_stance import distinctive
from triangulate.link.stance import ReportStance, Stance
from triangulate.records import Span


def test_the_stance_models_reading_counts_only_on_a_sentence_about_the_claim() -> None:
    wanted = report_stance.content_words("The Kakhovka dam was under Russian control when it was destroyed.")
    # a sentence about the town's water level says nothing of who held the dam
    assert report_stance.cover(wanted, "As of now, the water level in the nearby city of Novaya Kakhovka has risen "
                                  "above ten meters.") < report_stance.RELEVANT_COVER
    assert report_stance.cover(wanted, "Since March last year the Kakhovka dam has been under Russian control, and it "
                                  "was destroyed on Tuesday.") >= report_stance.RELEVANT_COVER


def test_a_sentence_holding_the_claim_unnegated_states_it_whatever_else_it_denies() -> None:
    wanted = report_stance.content_words("MH17 was brought down by a Buk surface-to-air missile.")
    assert report_stance.states(wanted, "The report said MH17 was brought down by a Buk surface-to-air missile, but it "
                                   "did not say who fired it.")
    assert not report_stance.states(wanted, "Moscow said MH17 was not brought down by a Buk surface-to-air missile.")
    assert not report_stance.states(wanted, "Moscow denied that a Buk surface-to-air missile brought down MH17.")


def _report(doc_id: str, relation: str, sentence: str) -> ReportStance:
    stance = Stance("disagree" if relation == "contradicts" else "agree", 0.9, {},
                    [Span(doc_id=doc_id, start=0, end=len(sentence), text=sentence)])
    return ReportStance(doc_id, doc_id, None, "Outlet", None, relation, stance)


def test_a_disagreement_alone_counts_for_nothing_but_a_sentence_saying_the_claim_supports() -> None:
    claim = "The mayor of Riverton was arrested on corruption charges."
    hedged = _report("a", "contradicts", "Police would not say whether the mayor of Riverton had been arrested.")
    said = _report("b", "contradicts", "The mayor of Riverton was arrested on corruption charges, but he denies them.")
    assert report_stance.counted([hedged, said], claim) == ["discusses", "supports"]


def test_an_agreement_counts_only_in_a_report_holding_what_the_claim_adds() -> None:
    texts = {"d1": "Nijjar was shot dead outside a Sikh temple in Surrey.",
             "d2": "Canada said agents of India were behind the killing of Nijjar in Surrey.",
             "d3": "India rejected the allegation that its agents killed Nijjar in Surrey."}
    words = [report_stance.content_words(t) for t in texts.values()]
    wanted = report_stance.content_words("Nijjar was killed by a car bomb in Surrey.")
    # "Nijjar" and "Surrey" are in every report: the car bomb is what the claim adds
    assert distinctive(wanted, words) >= {"car", "bomb"} and not distinctive(wanted, words) & {"nijjar", "surrey"}


def test_an_agreement_on_a_count_counts_only_where_the_count_is_given() -> None:
    claim = "The bombing outside the ministry in Ankara killed six people."
    no_count = _report("a", "supports", "A bomb attack outside the ministry in Ankara killed people, the minister said.")
    counted = _report("b", "supports", "Six people were killed by the bombing outside the ministry in Ankara.")
    assert report_stance.counted([no_count, counted], claim) == ["discusses", "supports"]
    # years and the article are no counts
    assert report_stance.counts("A bomb killed 20 people in Donetsk in 2022.") == {20.0}


def test_an_agreement_never_supports_a_name_no_report_uses() -> None:
    texts = {"d1": "Prague expelled 18 Russian diplomats over the 2014 blasts at the Vrbetice depot.",
             "d2": "The Czech Republic is expelling Russian diplomats over the explosions at the Vrbětice depot.",
             "d3": "Moscow called the expulsion of its diplomats over the Vrbetice explosions absurd."}
    docs = [Report(t, "Outlet", "2021-04-18", d).analyzed() for d, t in texts.items()]
    agree = _report("d2", "supports", texts["d2"])
    # accents aside, "Vrbětice" is the reports' "Vrbetice"; "Germany" is in none of them
    assert report_stance.content_words("Vrbětice") == report_stance.content_words("Vrbetice")
    assert report_stance.counted([agree], "Germany expelled Russian diplomats over the Vrbětice explosions.",
                                 docs) == ["discusses"]
    assert report_stance.counted([agree], "The Czech Republic expelled Russian diplomats over the Vrbětice "
                                 "explosions.", docs) == ["supports"]
