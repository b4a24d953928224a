"""Claim groups: claims asserting the same proposition, paraphrases included."""

from __future__ import annotations

from tests.link.builders import ACTORS, Report
from triangulate.link.claims import (
    ClaimFeatures,
    claim_features,
    content_terms,
    contradicts,
    group_claims,
    same_proposition,
    shared_counts,
)
from triangulate.link.lexicon import load_lexicon


def _features(report: Report) -> list[ClaimFeatures]:
    analyzed = report.analyzed()
    return [claim_features(c, analyzed, ACTORS, {}) for c in report.claims]


def _green_light() -> Report:
    text = ("Diplomats said Israeli operations in Iraq had been given the green light by Moscow. "
            "An Israeli official said Russia had approved Israel's strikes in Iraq. "
            "Israel warned that it would not allow an Iranian presence in Syria.")
    report = Report(text, "Wire", "2019-08-22", "g")
    report.claim("Diplomats", "said", "Israeli operations in Iraq had been given the green light by Moscow")
    report.claim("An Israeli official", "said", "Russia had approved Israel's strikes in Iraq", speaker="ISR.GOV")
    report.claim("Israel", "warned", "it would not allow an Iranian presence in Syria", "CT-", speaker="ISR.GOV")
    for words, actor in (("Israeli operations", "ISR.MIL"), ("Moscow", "RUS.GOV"), ("Russia", "RUS.GOV"),
                         ("Israel's", "ISR.GOV")):
        report.actor(words, actor)
    report.place("Iraq", "Iraq")
    report.place("Syria", "Syria")
    return report


def test_paraphrases_share_anchors_and_a_predicate_class() -> None:
    green, approved, warned = _features(_green_light())
    assert "approve" in green.predicates and "approve" in approved.predicates
    assert {"c:IL", "c:RU", "c:IQ"} <= green.anchors
    assert same_proposition(green, approved)
    assert not same_proposition(green, warned)


def test_groups_hold_every_claim_once_with_their_origins() -> None:
    groups = group_claims("s1", _features(_green_light()))
    assert [g.claim_ids for g in groups] == [["g:c1", "g:c2"], ["g:c3"]]
    assert len(groups[0].origins) == 2
    assert groups[0].proposition == "Russia had approved Israel's strikes in Iraq"  # the named speaker's words


def test_content_terms_map_phrases_to_classes() -> None:
    strong, weak, words = content_terms("the airstrike was carried out from within Iraq by a drone",
                                        load_lexicon())
    assert strong == {"responsible"}
    assert weak == {"attack"}
    assert "drone" in words and "within" not in words


def _permission_and_coordination(approved: str, coordination: str) -> list[ClaimFeatures]:
    text = (f"Diplomats said Washington had {approved} Israel's air raids in Iraq. "
            f"An Israeli official said there had been {coordination} between the Americans and Jerusalem.")
    report = Report(text, "Wire", "2019-08-22", "p")
    report.claim("Diplomats", "said", f"Washington had {approved} Israel's air raids in Iraq")
    report.claim("An Israeli official", "said", f"there had been {coordination} between the Americans and Jerusalem",
                 "CT-" if coordination.startswith("no ") else "CT+", speaker="ISR.GOV")
    for words, actor in (("Washington", "USA.GOV"), ("Israel's", "ISR.GOV"), ("Americans", "USA.GOV"),
                         ("Jerusalem", "ISR.GOV")):
        report.actor(words, actor)
    report.place("Iraq", "Iraq")
    return _features(report)


def test_a_permission_asserted_is_denied_by_a_denial_of_any_coordination() -> None:
    approved, no_coordination = _permission_and_coordination("approved", "no coordination")
    assert "approve" in approved.predicates and "coordinate" in no_coordination.predicates
    assert not same_proposition(approved, no_coordination)  # two propositions, two claim groups
    assert contradicts(approved, no_coordination)


def test_coordination_asserted_is_not_denied_by_a_denial_of_permission() -> None:
    # they may have talked it over without one allowing the other anything
    text = ("Diplomats said Washington and Jerusalem had coordinated the raids in Iraq. "
            "An Israeli official said Washington never approved Israel's raids in Iraq.")
    report = Report(text, "Wire", "2019-08-22", "q")
    report.claim("Diplomats", "said", "Washington and Jerusalem had coordinated the raids in Iraq")
    report.claim("An Israeli official", "said", "Washington never approved Israel's raids in Iraq", "CT-",
                 speaker="ISR.GOV")
    for words, actor in (("Washington", "USA.GOV"), ("Jerusalem", "ISR.GOV"), ("Israel's", "ISR.GOV")):
        report.actor(words, actor)
    report.place("Iraq", "Iraq")
    coordinated, not_approved = _features(report)
    assert not contradicts(coordinated, not_approved)
    assert not contradicts(not_approved, coordinated)


def test_shared_counts_are_each_two_sets_members_in_common() -> None:
    # the words of real claims: sets sharing members, a set of its own, an empty one, members only on the right
    left = [frozenset({"blast", "market", "killed"}), frozenset({"market", "blast"}), frozenset(),
            frozenset({"ceasefire", "talks"})]
    right = [frozenset({"market", "shelling"}), frozenset({"talks", "killed", "blast"}), frozenset({"strike"})]
    assert shared_counts(left).tolist() == [[len(a & b) for b in left] for a in left]
    assert shared_counts(left, right).tolist() == [[len(a & b) for b in right] for a in left]
    assert shared_counts(left, [frozenset({"strike"})]).tolist() == [[0]] * 4
    assert shared_counts([], right).shape == (0, 3)
