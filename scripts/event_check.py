"""Measure the event coder against ACLED's hand-coded event types.

Reads the first N notes of the ACLED dev split, runs read + extract on each note, and compares
the ACLED event_type / sub_event_type of the FIRST coded event with the gold columns.

    .venv/bin/python scripts/event_check.py [--n 400] [--errors 30] [--data DIR]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import sys
from collections import Counter
from pathlib import Path

from triangulate.extract import Extractor
from triangulate.read import Reader
from triangulate.read.nlp import load_nlp
from triangulate.records import Document, document_id
from triangulate.report.acled import acled_types

DEV_FILE = "acled/acled_2020-04-27_to_05-08_dev.csv.gz"


def main(argv: list[str] | None = None) -> int:
    repo = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--errors", type=int, default=0, help="print this many confusions and examples")
    parser.add_argument("--data", default=os.environ.get("TRIANGULATE_DATA", str(repo.parent / "shared" / "data")))
    args = parser.parse_args(argv)
    path = Path(args.data) / DEV_FILE
    if not path.is_file():
        print(f"no ACLED dev file at {path}", file=sys.stderr)
        return 2
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [row for _, row in zip(range(args.n), csv.DictReader(fh), strict=False)]

    nlp = load_nlp()
    reader = Reader.default()
    extractor = Extractor.default(reader.geoparser)
    type_ok = sub_ok = empty = 0
    confusions: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], list[str]] = {}
    for k, (row, doc) in enumerate(zip(rows, nlp.pipe(r["notes"] for r in rows), strict=True)):
        note = row["notes"]
        document = Document(id=document_id(note), external_id=row.get("data_id") or str(k), text=note, published=None)
        read = reader.read(document, doc)
        events = extractor.extract(read).events
        gold = (row["event_type"], row["sub_event_type"])
        if not events:
            empty += 1
            got = ("(none)", "(none)")
        else:
            first = events[0]
            got = acled_types(first, read.actors, events)
            label = f"{first.type}/{first.mode} '{first.trigger.text if first.trigger else ''}'"
        type_ok += got[0] == gold[0]
        sub_ok += got[1] == gold[1]
        if got[1] != gold[1]:
            key = (gold[1], got[1])
            confusions[key] += 1
            shown = label if events else "-"
            examples.setdefault(key, []).append(f"[{shown}] {note[:220]}")
    n = len(rows)
    print(f"notes: {n}")
    print(f"event_type accuracy:     {type_ok / n:.3f}")
    print(f"sub_event_type accuracy: {sub_ok / n:.3f}")
    print(f"notes with no event:     {empty / n:.3f}")
    if args.errors:
        print("\nlargest confusions (gold -> got):")
        for (gold_sub, got_sub), count in confusions.most_common(args.errors):
            print(f"{count:4d}  {gold_sub} -> {got_sub}")
            for example in examples[(gold_sub, got_sub)][:3]:
                print(f"        {example}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
