"""The geoparsing harness: its metrics on tiny hand-made inputs, and one real document end to end."""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path

import pytest

from triangulate.evaluate import HARNESSES
from triangulate.evaluate.geo import MISS_KM, accuracy_at, auc_of_errors, load_docs, prf, run


def test_accuracy_at_161_km_counts_the_boundary_as_a_hit() -> None:
    assert accuracy_at([0.0, 161.0, 161.5, MISS_KM]) == 0.5
    assert accuracy_at([]) == 0.0


def test_auc_is_zero_for_exact_and_one_for_all_misses() -> None:
    assert auc_of_errors([0.0, 0.0, 0.0]) == 0.0
    assert auc_of_errors([MISS_KM, MISS_KM]) == pytest.approx(1.0)
    # two toponyms, 0 km and e-1 km: log errors 0 and 1, trapezoid area 0.5 over one step
    assert auc_of_errors([math.e - 1, 0.0]) == pytest.approx(0.5 / math.log(MISS_KM + 1))
    # order does not matter, and an error beyond the far side counts as the far side
    assert auc_of_errors([50_000.0, 10.0]) == auc_of_errors([10.0, MISS_KM])


def test_precision_recall_f1() -> None:
    assert prf(predicted=4, gold=5, matched=3) == pytest.approx((0.75, 0.6, 2 * 0.75 * 0.6 / 1.35))
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_harness_is_registered() -> None:
    assert HARNESSES["geo"] == "triangulate.evaluate.geo"


def _write_corpus(folder: Path) -> None:
    text = "Clashes in Tripoli killed 12 people as rival Libyan militias fought for the capital of Libya."
    tripoli, libya = text.index("Tripoli"), text.index("Libya.")
    row = {
        "doc_id": "t-1", "text": text,
        "toponyms": [
            {"start": tripoli, "end": tripoli + 7, "phrase": "Tripoli", "lat": 32.89, "lon": 13.19},
            {"start": libya, "end": libya + 5, "phrase": "Libya", "lat": 28.0, "lon": 17.0},
            {"start": 0, "end": 7, "phrase": "Clashes", "lat": None, "lon": None},  # no coordinates: not scored
        ],
    }
    with gzip.open(folder / "trnews_dev.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(row) + "\n")


def test_run_scores_a_hand_made_corpus(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    assert len(load_docs(tmp_path / "trnews_dev.jsonl.gz")[0].toponyms) == 2
    result = run(tmp_path)
    metrics = result["metrics"]
    assert result["n"] == 2 and set(result["metrics"]) >= {"trnews.acc161_gold", "trnews.f1_own", "trnews.auc_gold"}
    assert metrics["trnews.acc161_gold"] == 1.0
    assert metrics["trnews.recall_own"] == 1.0 and metrics["trnews.acc161_own"] == 1.0
    assert metrics["trnews.mean_error_km_gold"] < 161
    with pytest.raises(ValueError):
        run(tmp_path, split="test")
