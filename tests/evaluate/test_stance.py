"""FNC-1 stance harness: the official score, the body-wise dev split, a run on a made-up folder."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import pytest

from triangulate.evaluate import HARNESSES, run_harness
from triangulate.evaluate.stance import body_part, f1_scores, score
from triangulate.link.stance import CLASSES, fnc_score


def test_fnc_score_weights_related_classes() -> None:
    gold = ["unrelated", "agree", "agree", "discuss", "disagree"]
    predicted = ["unrelated", "agree", "discuss", "unrelated", "disagree"]
    got, best = fnc_score(gold, predicted)
    # 0.25 (unrelated right) + 1 (agree right) + 0.25 (related, wrong class) + 0 + 1
    assert (got, best) == (2.5, 4.25)
    assert fnc_score(["unrelated"], ["agree"]) == (0.0, 0.25)


def test_scores_per_class_and_macro() -> None:
    gold = ["agree", "agree", "disagree", "unrelated"]
    predicted = ["agree", "discuss", "disagree", "unrelated"]
    f1 = f1_scores(gold, predicted, CLASSES)
    assert f1 == {"agree": pytest.approx(2 / 3), "disagree": 1.0, "discuss": 0.0, "unrelated": 1.0}
    metrics = score(gold, predicted)
    assert metrics["macro_f1"] == pytest.approx((2 / 3 + 2) / 4)
    assert metrics["accuracy"] == 0.75


def test_dev_split_is_by_body_and_fixed() -> None:
    parts = [body_part(i) for i in range(3000)]
    assert parts == [body_part(i) for i in range(3000)]
    dev = sum(p != "train" for p in parts) / len(parts)
    assert 0.17 < dev < 0.23
    assert 0.4 < parts.count("dev_a") / max(1, parts.count("dev_a") + parts.count("dev_b")) < 0.6


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8")))


BODY_DENIAL = ("Officials denied reports that the dam on the river had collapsed, calling the story false. "
               "\"The dam is intact,\" the water minister said, and engineers dismissed the claim as a hoax.")
BODY_FOOTBALL = "The home side won the cup final three goals to one after extra time in front of a full stadium."


def test_harness_runs_on_a_made_up_folder(tmp_path: Path) -> None:
    assert HARNESSES["stance"] == "triangulate.evaluate.stance"
    dev_ids = [i for i in range(200) if body_part(i) != "train"][:2]
    _write(tmp_path / "train_bodies.csv.gz", ["Body ID", "articleBody"],
           [[str(dev_ids[0]), BODY_DENIAL], [str(dev_ids[1]), BODY_FOOTBALL]])
    _write(tmp_path / "train_stances.csv.gz", ["Headline", "Body ID", "Stance"], [
        ["Dam on the river collapsed", str(dev_ids[0]), "disagree"],
        ["Dam on the river collapsed", str(dev_ids[1]), "unrelated"],
    ])
    result = run_harness("stance", tmp_path, split="dev")
    assert result["n"] == 2
    assert result["metrics"]["f1_unrelated"] == 1.0
    # both related / unrelated decisions right: at least (0.25 + 0.25) / 1.25 of the FNC score
    assert result["metrics"]["fnc_score"] >= 0.4 - 1e-9
    assert set(result["metrics"]) >= {"fnc_score", "macro_f1", "accuracy", *(f"f1_{c}" for c in CLASSES)}
    assert run_harness("stance", tmp_path, split="dev", limit=1)["n"] == 1
