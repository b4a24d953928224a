"""Measure triangulate.read.times on the TempEval-3 TBAQ dev data (TimeBank + AQUAINT).

Prints expression F1 (relaxed = any overlap, strict = exact span), value accuracy on
relaxed matches and value F1 (a system expression counts when it overlaps a gold one and
has its value), and the time find_times takes relative to the spaCy parse.

    .venv/bin/python scripts/time_check.py [--errors N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from triangulate.read.nlp import load_nlp
from triangulate.read.times import find_times
from triangulate.records import TimeRef

FILES = ("te3_tbaq_timebank_dev.jsonl.gz", "te3_tbaq_aquaint_dev.jsonl.gz")


def data_dir() -> Path:
    root = Path(os.environ.get("TRIANGULATE_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
    return root / "time"


def load_docs() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for name in FILES:
        with gzip.open(data_dir() / name, "rt", encoding="utf-8") as handle:
            docs.extend(json.loads(line) for line in handle)
    return docs


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", type=int, default=0, help="print this many of each error class")
    args = parser.parse_args()
    docs = load_docs()
    nlp = load_nlp()
    t0 = time.perf_counter()
    parsed = list(nlp.pipe([d["text"] for d in docs], batch_size=16))
    parse_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    found: list[list[TimeRef]] = []
    for d, doc in zip(docs, parsed, strict=True):
        found.append(find_times(doc, date.fromisoformat(d["dct"]["value"][:10])))
    times_seconds = time.perf_counter() - t0

    n_gold = n_sys = strict = relaxed_gold = relaxed_sys = value_ok = 0
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for d, refs in zip(docs, found, strict=True):
        gold = d["timexes"]
        n_gold += len(gold)
        n_sys += len(refs)
        for g in gold:
            hits = [r for r in refs if r.start < g["end"] and g["start"] < r.end]
            if any(r.start == g["start"] and r.end == g["end"] for r in hits):
                strict += 1
            if hits:
                relaxed_gold += 1
                best = max(hits, key=lambda r: min(r.end, g["end"]) - max(r.start, g["start"]))
                if best.value == g["value"]:
                    value_ok += 1
                else:
                    wrong[f"{g['text']!r} gold={g['value']} sys={best.text!r}:{best.value} dct={d['dct']['value'][:10]}"] += 1
            else:
                missed[f"{g['text']!r} {g['type']} {g['value']}"] += 1
        for r in refs:
            if any(r.start < g["end"] and g["start"] < r.end for g in gold):
                relaxed_sys += 1
            else:
                spurious[f"{r.text!r} {r.value}"] += 1

    rp, rr = relaxed_sys / max(n_sys, 1), relaxed_gold / max(n_gold, 1)
    sp, sr = strict / max(n_sys, 1), strict / max(n_gold, 1)
    vp, vr = value_ok / max(n_sys, 1), value_ok / max(n_gold, 1)
    print(f"docs {len(docs)}  gold {n_gold}  system {n_sys}")
    print(f"relaxed  P {100 * rp:5.1f}  R {100 * rr:5.1f}  F1 {100 * f1(rp, rr):5.1f}")
    print(f"strict   P {100 * sp:5.1f}  R {100 * sr:5.1f}  F1 {100 * f1(sp, sr):5.1f}")
    print(f"value    accuracy on matched {100 * value_ok / max(relaxed_gold, 1):5.1f}   "
          f"P {100 * vp:5.1f}  R {100 * vr:5.1f}  F1 {100 * f1(vp, vr):5.1f}")
    print(f"speed    spaCy parse {parse_seconds:.2f}s  find_times {times_seconds:.2f}s  "
          f"ratio {times_seconds / parse_seconds:.3f}")
    if args.errors:
        for title, counter in (("MISSED", missed), ("SPURIOUS", spurious), ("WRONG VALUE", wrong)):
            print(f"\n== {title} ({sum(counter.values())})")
            for key, count in counter.most_common(args.errors):
                print(f"{count:4d}  {key}")


if __name__ == "__main__":
    main()
