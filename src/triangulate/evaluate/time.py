"""Time harness: TIMEX3 expressions of TempEval-3 dev (TimeBank + AQUAINT), found and valued.

Scoring follows the TempEval-3 Task A scorer as its README describes it:
- strict match: same span; relaxed match: the spans overlap;
- precision = system expressions matched / system expressions, recall = gold matched / gold;
- value F1 is attribute F1 over relaxed matches: P = matched pairs with the gold value /
  system expressions, R = the same count / gold expressions; value accuracy = that count /
  relaxed-matched gold expressions.
Each gold expression pairs with one system expression at most (the largest overlap, exact
span first), so a system span covering two gold ones is valued once. TimeML does not nest
expressions: where our output has a range made of two dates ("between May 1 and May 3"
gives the range and both dates), only the innermost spans are scored.

Sub-sets: each collection ("timebank", "aquaint") and its first and second half of
documents in file order ("timebank_a", "timebank_b", ...); rules were written looking at
timebank_a only, so the other three are held out.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from triangulate.records import TimeRef

DATA_SUBDIR = "time"
COLLECTIONS = (("timebank", "te3_tbaq_timebank_dev.jsonl.gz"), ("aquaint", "te3_tbaq_aquaint_dev.jsonl.gz"))
SUBSET_METRICS = ("relaxed_f1", "strict_f1", "value_f1")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    value: str
    text: str = ""


@dataclass
class GoldDocument:
    doc_id: str
    collection: str
    half: str  # "a" or "b"
    published: date
    text: str
    timexes: list[Span]


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed_gold: int = 0
    relaxed_system: int = 0
    value_correct: int = 0
    missed: list[Span] = field(default_factory=list)
    spurious: list[Span] = field(default_factory=list)
    wrong_value: list[tuple[Span, Span]] = field(default_factory=list)  # (gold, system)

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed_gold += other.relaxed_gold
        self.relaxed_system += other.relaxed_system
        self.value_correct += other.value_correct
        self.missed.extend(other.missed)
        self.spurious.extend(other.spurious)
        self.wrong_value.extend(other.wrong_value)


def _overlap(a: Span, b: Span) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def innermost(spans: list[Span]) -> list[Span]:
    """Drop spans that contain another span (TimeML expressions do not nest)."""
    return [
        s for s in spans
        if not any(o is not s and s.start <= o.start and o.end <= s.end and (o.start, o.end) != (s.start, s.end)
                   for o in spans)
    ]


def match_document(gold: list[Span], system: list[Span]) -> Counts:
    counts = Counts(gold=len(gold), system=len(system))
    for s in system:
        if any(_overlap(s, g) > 0 for g in gold):
            counts.relaxed_system += 1
        else:
            counts.spurious.append(s)
    paired: set[int] = set()
    for g in gold:
        hits = [(i, s) for i, s in enumerate(system) if _overlap(s, g) > 0]
        if any((s.start, s.end) == (g.start, g.end) for _, s in hits):
            counts.strict += 1
        free = [(i, s) for i, s in hits if i not in paired] or hits
        if not free:
            counts.missed.append(g)
            continue
        counts.relaxed_gold += 1
        i, best = max(free, key=lambda pair: (_overlap(pair[1], g), (pair[1].start, pair[1].end) == (g.start, g.end)))
        paired.add(i)
        if best.value == g.value:
            counts.value_correct += 1
        else:
            counts.wrong_value.append((g, best))
    return counts


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def metrics(c: Counts) -> dict[str, float]:
    rp, rr = c.relaxed_system / max(c.system, 1), c.relaxed_gold / max(c.gold, 1)
    sp, sr = c.strict / max(c.system, 1), c.strict / max(c.gold, 1)
    vp, vr = c.value_correct / max(c.system, 1), c.value_correct / max(c.gold, 1)
    out = {
        "relaxed_f1": _f1(rp, rr), "relaxed_precision": rp, "relaxed_recall": rr,
        "strict_f1": _f1(sp, sr), "strict_precision": sp, "strict_recall": sr,
        "value_f1": _f1(vp, vr), "value_precision": vp, "value_recall": vr,
        "value_accuracy": c.value_correct / max(c.relaxed_gold, 1),
    }
    return {name: round(value, 4) for name, value in out.items()}


def load_documents(folder: Path, limit: int | None = None) -> list[GoldDocument]:
    docs: list[GoldDocument] = []
    for collection, name in COLLECTIONS:
        with gzip.open(folder / name, "rt", encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        middle = (len(rows) + 1) // 2
        for i, row in enumerate(rows):
            timexes = [Span(t["start"], t["end"], t["value"], t["text"]) for t in row["timexes"]]
            docs.append(GoldDocument(row["doc_id"], collection, "a" if i < middle else "b",
                                     date.fromisoformat(row["dct"]["value"][:10]), row["text"], timexes))
    return docs[:limit] if limit is not None else docs


def system_spans(refs: list[TimeRef]) -> list[Span]:
    return innermost([Span(r.start, r.end, r.value, r.text) for r in refs])


def score(docs: list[GoldDocument], found: list[list[TimeRef]]) -> dict[str, Counts]:
    """Counts overall ("") and per sub-set."""
    by_set: dict[str, Counts] = {}
    for doc, refs in zip(docs, found, strict=True):
        counts = match_document(doc.timexes, system_spans(refs))
        for key in ("", doc.collection, f"{doc.collection}_{doc.half}"):
            by_set.setdefault(key, Counts()).add(counts)
    return by_set


def analyze(docs: list[GoldDocument]) -> list[list[TimeRef]]:
    from triangulate.read.nlp import parse_many
    from triangulate.read.times import find_times

    parsed = parse_many([d.text for d in docs])
    return [find_times(doc, d.published) for d, doc in zip(docs, parsed, strict=True)]


def run(data_dir: Path, split: str = "dev", limit: int | None = None) -> dict[str, Any]:
    if split != "dev":
        raise ValueError("only the TempEval-3 training gold is here; its test docs are kept by the maintainers")
    docs = load_documents(data_dir, limit)
    by_set = score(docs, analyze(docs))
    overall = by_set.get("", Counts())
    result_metrics = metrics(overall)
    for key in sorted(k for k in by_set if k):
        subset = metrics(by_set[key])
        result_metrics.update({f"{key}.{name}": subset[name] for name in SUBSET_METRICS})
    wrong = Counter(f"{g.text!r} gold={g.value} ours={s.value}" for g, s in overall.wrong_value)
    return {
        "data": "time",
        "split": split,
        "n": len(docs),
        "metrics": result_metrics,
        "gold_expressions": overall.gold,
        "system_expressions": overall.system,
        "top_value_errors": [{"error": key, "count": n} for key, n in wrong.most_common(10)],
    }
