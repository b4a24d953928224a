"""Speed of the whole per-document analysis as a ratio to bare spaCy, in the same run.

    .venv/bin/python bench/speed.py [--limit 500] [--corpus acled|polnear] [--rules-only]

Reads ACLED dev notes (short reports) from $TRIANGULATE_DATA/acled, or PolNeAR dev articles (whole
news articles, attributions everywhere) from $TRIANGULATE_DATA/attribution; prints the ratio
(parse + read + extract time) / (bare en_core_web_sm parse time) for the same texts.
`--rules-only` switches the attribution model off, to see what it costs.
"""

from __future__ import annotations

import argparse
import time

from triangulate.evaluate.acled import load_gold
from triangulate.evaluate.attribution import load_articles
from triangulate.evaluate.common import default_data_dir
from triangulate.pipeline import Pipeline
from triangulate.read.nlp import load_nlp
from triangulate.records import Document, document_id, normalize_text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--corpus", choices=("acled", "polnear"), default="acled")
    parser.add_argument("--rules-only", action="store_true")
    args = parser.parse_args()
    if args.corpus == "acled":
        texts = [g.notes for g in load_gold(default_data_dir() / "acled", limit=args.limit)]
    else:
        rows = load_articles(default_data_dir() / "attribution", "dev", args.limit)
        texts = [normalize_text(r["text"]) for r in rows]
    docs = [Document(id=document_id(t) + str(i), external_id=str(i), text=t) for i, t in enumerate(texts)]
    nlp = load_nlp()
    pipeline = Pipeline()
    if args.rules_only:
        pipeline.extractor.claims.model = None
    list(pipeline.analyze_documents(docs[:20]))  # warm up: dictionaries and gazetteer load once
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    bare = time.perf_counter() - start
    start = time.perf_counter()
    for _ in pipeline.analyze_documents(docs):
        pass
    full = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} reports, {words} words")
    print(f"full analysis / bare spaCy parse = {full / bare:.2f}")


if __name__ == "__main__":
    main()
