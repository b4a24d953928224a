"""Measure triangulate.read.times on TempEval-3 dev and list its errors.

Scores with triangulate.evaluate.time (the harness behind `triangulate evaluate time`),
prints every sub-set, the speed relative to the spaCy parse, and with --errors the most
frequent misses, spurious expressions and wrong values of one sub-set (the development
half "timebank_a" by default: look at the others only to measure).

    .venv/bin/python scripts/time_check.py [--errors N] [--subset timebank_a] [--limit DOCS] [--cache FILE]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from datetime import date
from pathlib import Path

from spacy.tokens import DocBin

from triangulate.evaluate.common import default_data_dir
from triangulate.evaluate.time import Counts, load_documents, match_document, metrics, system_spans
from triangulate.read.nlp import load_nlp, parse_many
from triangulate.read.times import find_times
from triangulate.records import TimeRef


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", type=int, default=0, help="print this many of each error class")
    parser.add_argument("--subset", default="timebank_a", help="whose errors to print")
    parser.add_argument("--limit", type=int, default=None, help="documents")
    parser.add_argument("--cache", type=Path, default=None,
                        help="keep the spaCy parses in this DocBin file between runs (iterating on rules)")
    args = parser.parse_args()
    docs = load_documents(default_data_dir() / "time", args.limit)
    t0 = time.perf_counter()
    if args.cache is not None and args.cache.exists():
        parsed = list(DocBin().from_disk(args.cache).get_docs(load_nlp().vocab))
    else:
        parsed = list(parse_many([d.text for d in docs], batch_size=16))
        if args.cache is not None:
            DocBin(docs=parsed, store_user_data=True).to_disk(args.cache)
    parse_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    found: list[list[TimeRef]] = [find_times(doc, d.published) for d, doc in zip(docs, parsed, strict=True)]
    times_seconds = time.perf_counter() - t0

    by_set: dict[str, Counts] = {}
    dct: dict[int, date] = {}
    for d, refs in zip(docs, found, strict=True):
        counts = match_document(d.timexes, system_spans(refs))
        for span in counts.missed + counts.spurious + [g for g, _ in counts.wrong_value]:
            dct[id(span)] = d.published
        for key in ("all", d.collection, f"{d.collection}_{d.half}"):
            by_set.setdefault(key, Counts()).add(counts)
    for key in sorted(by_set):
        c, m = by_set[key], metrics(by_set[key])
        print(f"{key:12s} gold {c.gold:5d} sys {c.system:5d}  relaxed F1 {100 * m['relaxed_f1']:5.1f} "
              f"(P {100 * m['relaxed_precision']:5.1f} R {100 * m['relaxed_recall']:5.1f})  "
              f"strict F1 {100 * m['strict_f1']:5.1f}  value F1 {100 * m['value_f1']:5.1f}  "
              f"value acc {100 * m['value_accuracy']:5.1f}")
    print(f"speed    spaCy parse {parse_seconds:.2f}s  find_times {times_seconds:.2f}s  "
          f"ratio {times_seconds / parse_seconds:.3f}")
    if args.errors and args.subset in by_set:
        c = by_set[args.subset]
        missed = Counter(f"{g.text!r} {g.value}" for g in c.missed)
        spurious = Counter(f"{s.text!r} {s.value}" for s in c.spurious)
        wrong = Counter(f"{g.text!r} gold={g.value} ours={s.text!r}:{s.value} dct={dct[id(g)]}"
                        for g, s in c.wrong_value)
        for title, counter in (("MISSED", missed), ("SPURIOUS", spurious), ("WRONG VALUE", wrong)):
            print(f"\n== {title} ({sum(counter.values())})")
            for key, count in counter.most_common(args.errors):
                print(f"{count:4d}  {key}")


if __name__ == "__main__":
    main()
