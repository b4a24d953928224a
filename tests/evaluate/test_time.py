"""The TempEval-3 style scoring of the time harness, on tiny hand-made inputs."""

from __future__ import annotations

import pytest

from triangulate.evaluate.time import Span, innermost, match_document, metrics


def test_relaxed_strict_and_value_scores() -> None:
    gold = [Span(0, 6, "1998-02-06"), Span(20, 34, "P2W"), Span(50, 55, "1998")]
    system = [
        Span(0, 6, "1998-02-06"),  # exact span, right value
        Span(24, 34, "P3W"),  # overlaps: relaxed only, wrong value
        Span(70, 77, "PAST_REF"),  # spurious
        Span(80, 85, "1997"),  # spurious
    ]
    counts = match_document(gold, system)
    assert (counts.gold, counts.system, counts.strict) == (3, 4, 1)
    assert (counts.relaxed_gold, counts.relaxed_system, counts.value_correct) == (2, 2, 1)
    m = metrics(counts)
    assert m["relaxed_precision"] == pytest.approx(0.5)
    assert m["relaxed_recall"] == pytest.approx(0.6667, abs=1e-4)
    assert m["relaxed_f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3), abs=1e-4)
    assert m["strict_f1"] == pytest.approx(2 * 0.25 * (1 / 3) / (0.25 + 1 / 3), abs=1e-4)
    # value F1: correct values over system (1/4) and over gold (1/3)
    assert m["value_f1"] == pytest.approx(2 * 0.25 * (1 / 3) / (0.25 + 1 / 3), abs=1e-4)
    assert m["value_accuracy"] == pytest.approx(0.5)
    assert [s.value for s in counts.spurious] == ["PAST_REF", "1997"]
    assert [g.value for g in counts.missed] == ["1998"]


def test_one_system_span_over_two_gold_values_counts_once() -> None:
    gold = [Span(0, 5, "1998-05-01"), Span(10, 15, "1998-05-03")]
    system = [Span(0, 15, "1998-05-01")]
    counts = match_document(gold, system)
    assert counts.relaxed_gold == 2
    assert counts.value_correct == 1


def test_nested_ranges_are_scored_by_their_parts() -> None:
    spans = [Span(8, 30, "1998-05-01/1998-05-03"), Span(8, 13, "1998-05-01"), Span(18, 30, "1998-05-03")]
    assert [s.value for s in innermost(spans)] == ["1998-05-01", "1998-05-03"]


def test_empty_inputs_score_zero() -> None:
    m = metrics(match_document([], []))
    assert m["relaxed_f1"] == 0.0 and m["value_f1"] == 0.0
