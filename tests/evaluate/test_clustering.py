"""The clustering harness: its scores on hand-made clusterings, and ECB+ loading by whole topics."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import need_data
from triangulate.evaluate.clustering import bcubed, load, pair_agreement, pairwise, score


def test_pairwise_and_bcubed_on_a_known_case() -> None:
    gold = ["a", "a", "a", "b", "b"]
    predicted = [1, 1, 2, 2, 2]
    precision, recall, f1 = pairwise(predicted, gold)
    # found pairs: (0,1) (2,3) (2,4) (3,4); gold pairs: (0,1) (0,2) (1,2) (3,4)
    assert (precision, recall) == (0.5, 0.5)
    assert f1 == 0.5
    b_precision, b_recall, _ = bcubed(predicted, gold)
    assert b_precision == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert b_recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)


def test_perfect_and_one_cluster() -> None:
    gold = {"x": "a", "y": "a", "z": "b"}
    assert score({"x": "1", "y": "1", "z": "2"}, gold)["pairwise_f1"] == 1.0
    merged = score({"x": "1", "y": "1", "z": "1"}, gold)
    assert merged["pairwise_recall"] == 1.0 and merged["pairwise_precision"] == pytest.approx(1 / 3)
    assert merged["n_clusters"] == 1.0


def test_pair_agreement() -> None:
    assert pair_agreement({"x": "1", "y": "1", "z": "2"}, {"x": "a", "y": "a", "z": "b"}) == 1.0
    assert pair_agreement({"x": "1", "y": "1", "z": "2"}, {"x": "a", "y": "b", "z": "b"}) == pytest.approx(1 / 3)


def test_limit_keeps_whole_topics(shared_data: Path) -> None:
    folder = need_data(shared_data / "clustering", "clustering data")
    documents, gold = load(folder, "dev", limit=60)
    assert 0 < len(documents) <= 60
    topics = {event.split("_")[0] for event in gold.values()}
    _, every_gold = load(folder, "dev")
    whole = [i for i, event in every_gold.items() if event.split("_")[0] in topics]
    assert sorted(whole) == sorted(gold)
    assert all(d.url is None or d.url.startswith("http") for d in documents)


def test_the_table_prints_counts_as_counts(capsys: pytest.CaptureFixture[str]) -> None:
    from triangulate.evaluate.common import print_result

    print_result({"data": "clustering", "n": 3, "metrics": {"pairwise_f1": 0.5, "n_clusters": 75}})
    out = capsys.readouterr().out
    assert "50.0%" in out and "75" in out and "7500" not in out
