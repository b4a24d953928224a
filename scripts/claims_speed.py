"""Read + extract time against bare spaCy parsing on the same PolNeAR dev articles, in one run.

    .venv/bin/python scripts/claims_speed.py [--limit N]

Prints the parse time, the read + extract time with and without the attribution model, and their
ratios to the parse (the issue's budget: read + extract within 1.5x the parse)."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from triangulate.evaluate.attribution import _documents, load_articles
from triangulate.pipeline import Pipeline
from triangulate.read.nlp import parse_many

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "attribution"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    rows = load_articles(DATA, "dev", args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        docs_in = [d for _, d in _documents(rows, Path(tmp))]
    pipeline = Pipeline()
    parse_many(d.text for d in docs_in[:2])  # load the model before timing
    started = time.perf_counter()
    docs = list(parse_many(d.text for d in docs_in))
    parse = time.perf_counter() - started
    words = sum(len(doc) for doc in docs)
    timings = {}
    model = pipeline.extractor.claims.model
    for name, use_model in (("with model", True), ("rules only", False)):
        pipeline.extractor.claims.model = model if use_model else None
        started = time.perf_counter()
        for document, doc in zip(docs_in, docs, strict=True):
            pipeline.extractor.extract(pipeline.reader.read(document, doc))
        timings[name] = time.perf_counter() - started
    print(f"{len(docs)} articles, {words} tokens; parse {parse:.1f} s ({words / parse:.0f} tokens/s)")
    for name, seconds in timings.items():
        print(f"read + extract, {name}: {seconds:.1f} s = {seconds / parse:.2f}x the parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
