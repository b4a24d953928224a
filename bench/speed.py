"""Speed of the whole per-document analysis as a ratio to bare spaCy, in the same run.

    .venv/bin/python bench/speed.py [--limit 500]

Reads ACLED dev notes (short reports) from $TRIANGULATE_DATA/acled; prints the ratio
(read + extract time) / (bare en_core_web_sm parse time) for the same texts.
"""

from __future__ import annotations

import argparse
import time

from triangulate.evaluate.acled import load_gold
from triangulate.evaluate.common import default_data_dir
from triangulate.pipeline import Pipeline
from triangulate.read.nlp import load_nlp
from triangulate.records import Document, document_id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=500)
    args = parser.parse_args()
    texts = [g.notes for g in load_gold(default_data_dir() / "acled", limit=args.limit)]
    docs = [Document(id=document_id(t) + str(i), external_id=str(i), text=t) for i, t in enumerate(texts)]
    nlp = load_nlp()
    pipeline = Pipeline()
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
