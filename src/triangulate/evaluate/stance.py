"""FNC-1 stance harness: headline (the claim) against article body, four classes.

`dev` is the held-out part of FNC-1 train that scripts/train_stance.py never trains on: the
bodies whose hashed id falls in DEV_SHARE (no body is shared between the model's train and
dev parts, as in the organisers' baseline hold-out). `test` is competition_test (held out:
measure once, with the final model). `--limit N` scores the first N pairs in file order.
Metrics: the official FNC score as a share of its maximum, macro-F1 over the four classes,
per-class F1, accuracy; and `dev_a.` / `dev_b.` the same on the two halves of dev (the class
biases are tuned on dev_a only).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_SUBDIR = "fnc1"
DEV_SHARE = 0.2


@dataclass(frozen=True)
class Pair:
    claim: str
    body_id: int
    stance: str


def _rows(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rb") as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")))


def load_split(folder: Path, prefix: str = "train") -> tuple[list[Pair], dict[int, str]]:
    """Pairs in file order and the bodies by id, from `{prefix}_stances.csv.gz` / `{prefix}_bodies.csv.gz`."""
    bodies = {int(r["Body ID"]): r["articleBody"] for r in _rows(folder / f"{prefix}_bodies.csv.gz")}
    pairs = [Pair(r["Headline"], int(r["Body ID"]), r["Stance"]) for r in _rows(folder / f"{prefix}_stances.csv.gz")]
    return pairs, bodies


def _body_hash(body_id: int, salt: str) -> float:
    digest = hashlib.sha1(f"{salt}:{body_id}".encode(), usedforsecurity=False).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def body_part(body_id: int) -> str:
    """"train", "dev_a" or "dev_b": a fixed function of the body id."""
    if _body_hash(body_id, "fnc1-dev") >= DEV_SHARE:
        return "train"
    return "dev_a" if _body_hash(body_id, "fnc1-dev-half") < 0.5 else "dev_b"


def f1_scores(gold: list[str], predicted: list[str], classes: tuple[str, ...]) -> dict[str, float]:
    scores = {}
    for label in classes:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        scores[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return scores


def score(gold: list[str], predicted: list[str]) -> dict[str, float]:
    from triangulate.link.stance import CLASSES, fnc_score

    if not gold:
        return {}
    got, best = fnc_score(gold, predicted)
    f1 = f1_scores(gold, predicted, CLASSES)
    metrics = {"fnc_score": got / best, "macro_f1": sum(f1.values()) / len(f1)}
    metrics |= {f"f1_{label}": value for label, value in f1.items()}
    metrics["accuracy"] = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
    return metrics


def run(data_dir: Path, split: str = "dev", limit: int | None = None) -> dict[str, Any]:
    from triangulate.link.stance import CLASSES, load_model

    if split == "test":
        pairs, bodies = load_split(data_dir / "competition_test", "competition_test")
        parts = ["test"] * len(pairs)
    elif split == "dev":
        pairs, bodies = load_split(data_dir, "train")
        keep = [(p, body_part(p.body_id)) for p in pairs if body_part(p.body_id) != "train"]
        pairs, parts = [p for p, _ in keep], [part for _, part in keep]
    else:
        raise ValueError(f"unknown split {split!r}; use dev or test")
    if limit is not None:
        pairs, parts = pairs[:limit], parts[:limit]
    model = load_model()
    started = time.perf_counter()
    found = model.predict([(p.claim, bodies[p.body_id]) for p in pairs], evidence=0)
    seconds = time.perf_counter() - started
    gold = [p.stance for p in pairs]
    predicted = [s.stance for s in found]
    metrics = score(gold, predicted)
    if split == "dev":
        for half in ("dev_a", "dev_b"):
            chosen = [i for i, part in enumerate(parts) if part == half]
            sub = score([gold[i] for i in chosen], [predicted[i] for i in chosen])
            metrics |= {f"{half}.{name}": value for name, value in sub.items() if name in ("fnc_score", "macro_f1")}
    confusion = Counter(f"{g}->{p}" for g, p in zip(gold, predicted, strict=True) if g != p)
    return {
        "data": DATA_SUBDIR, "split": split, "n": len(pairs), "metrics": metrics,
        "gold_counts": dict(Counter(gold)), "confusions": dict(confusion.most_common()),
        "classes": list(CLASSES), "pairs_per_second": round(len(pairs) / seconds, 1) if seconds else None,
    }
