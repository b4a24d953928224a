"""Development loop for the geoparser on the geo DEV corpora (never a test split).

Parses each corpus once and caches the spaCy docs under /tmp/triangulate-geo (so reruns time
only the geoparser), prints the harness metrics per set and writes every gold toponym's error
to ERRORS.jsonl, with its error class, to study the largest classes first.
    python scripts/geo_check.py [--half first|second] [--limit N] [--sets lgl,trnews] [--errors FILE]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.tokens import DocBin

from triangulate.evaluate.common import default_data_dir
from triangulate.evaluate.geo import SETS, SetScore, load_docs, metrics_of, score_set
from triangulate.read.nlp import load_nlp
from triangulate.read.places import Geoparser

CACHE = Path("/tmp/triangulate-geo")


def parsed_docs(name: str, texts: list[str], tag: str) -> tuple[list[Any], float]:
    nlp = load_nlp()
    path = CACHE / f"{name}-{tag}.spacy"
    if path.is_file():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab)), 0.0
    t0 = time.perf_counter()
    docs = [nlp(text) for text in texts]
    seconds = time.perf_counter() - t0
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs).to_disk(path)
    (CACHE / f"{name}-{tag}.seconds").write_text(str(seconds))
    return docs, seconds


def error_class(record: dict[str, Any]) -> str:
    ours = record["ours"]
    if ours is None:
        return "unresolved"
    if record["error_km"] <= 161:
        return "ok"
    code = ours["code"] or ""
    if code in ("PCLI", "ADM1"):
        return f"chose {code}, off"
    return "wrong place" if record["error_km"] > 1000 else "near miss 161-1000 km"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--half", choices=("first", "second"), default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--errors", default="/tmp/geo_errors.jsonl")
    args = parser.parse_args()
    Geoparser.default()
    data = default_data_dir() / "geo"
    classes: Counter[tuple[str, str]] = Counter()
    with open(args.errors, "w", encoding="utf-8") as out:
        for name in args.sets.split(","):
            docs = load_docs(data / SETS[name], args.limit, args.half)
            tag = f"{args.half or 'all'}-{args.limit or 'all'}"
            parsed, parse_s = parsed_docs(name, [d.text for d in docs], tag)
            if not parse_s:
                parse_s = float((CACHE / f"{name}-{tag}.seconds").read_text())
            details: list[dict[str, Any]] = []
            score: SetScore = score_set(docs, parsed, details)
            for record in details:
                record["set"], record["class"] = name, error_class(record)
                classes[(name, record["class"])] += 1
                out.write(json.dumps(record) + "\n")
            metrics = metrics_of(name, score)
            print(
                " ".join(f"{k.split('.', 1)[1]}={v}" for k, v in metrics.items()),
                f"| {name}: docs={score.docs} toponyms={len(score.gold_errors)} "
                f"resolve={score.resolve_s:.1f}s geoparse={score.geoparse_s:.1f}s "
                f"spaCy={parse_s:.1f}s ratio={score.geoparse_s / parse_s:.3f}",
            )
    for (name, kind), count in sorted(classes.items(), key=lambda kv: (kv[0][0], -kv[1])):
        print(f"  {name:9s} {kind:24s} {count}")


if __name__ == "__main__":
    main()
