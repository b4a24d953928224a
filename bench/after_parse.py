"""CPU time of a whole `triangulate run` after the parse, on pre-parsed reports: what the throughput ratio
needs cut, measured as process time (robust to other jobs sharing the cores, which the wall-clock ratio is not).

    .venv/bin/python bench/after_parse.py [--limit 300] [--docs FILE] [--out DIR] [--profile FILE]

The throughput corpus (`bench/throughput.py`'s) is parsed once by `parse_many` and kept as a `DocBin` in
`--docs` (made when missing). A run then reads it back, warms the pipeline up on 20 reports (analyzed, then run whole) as the
throughput bench does, and times `run_documents` (analyze, store, link, relink, write the files into
`--out`) with the parse replaced by the stored documents: the figure is the process's CPU time, with a
`--profile` (cProfile) of the same run when asked. Run it in a fresh process per measurement.
"""

from __future__ import annotations

import argparse
import cProfile
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import throughput
from spacy.tokens import Doc, DocBin

import triangulate.pipeline as pipeline_module
from triangulate.ingest import IngestResult
from triangulate.read.nlp import TEXT_KEY, load_nlp, parse_many
from triangulate.records import Document


def stored_docs(documents: list[Document], path: Path) -> list[Doc]:
    nlp = load_nlp()
    if not path.exists():
        bin_ = DocBin(store_user_data=True)
        for doc in parse_many(d.text for d in documents):
            bin_.add(doc)
        path.write_bytes(bin_.to_bytes())
    docs = list(DocBin(store_user_data=True).from_bytes(path.read_bytes()).get_docs(nlp.vocab))
    for document, doc in zip(documents, docs, strict=True):
        if TEXT_KEY in doc.user_data and doc.user_data[TEXT_KEY] != document.text:
            raise SystemExit(f"{path} was parsed from other texts: delete it")
    return docs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--docs", type=Path, default=Path(tempfile.gettempdir()) / "triangulate-after-parse.spacy")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    documents = throughput.corpus(args.limit)
    docs = stored_docs(documents, args.docs)
    by_text = {document.text: doc for document, doc in zip(documents, docs, strict=True)}
    warm = documents[:20]
    pipeline = pipeline_module.Pipeline()
    list(pipeline.analyze_documents(warm))
    with tempfile.TemporaryDirectory() as tmp:  # and a whole run over them, as the throughput bench warms up
        pipeline_module.run_documents(IngestResult(list(warm), [], []), Path(tmp) / "out", Path(tmp) / "t.db",
                                      pipeline=pipeline, dossier=False)

    def parsed(texts: Iterable[str], n_process: int = 1, batch_size: int = 32) -> Iterator[Any]:
        for text in texts:
            yield by_text[text]

    pipeline_module.parse_many = parsed
    profiler = cProfile.Profile() if args.profile else None
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "out"
        start, wall = time.process_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        pipeline_module.run_documents(IngestResult(list(documents), [], []), out, Path(tmp) / "t.db",
                                      pipeline=pipeline, dossier=False)
        if profiler:
            profiler.disable()
        cpu, wall = time.process_time() - start, time.perf_counter() - wall
    if profiler and args.profile:
        profiler.dump_stats(args.profile)
    print(f"{len(documents)} reports after the parse: CPU {cpu:.2f} s, wall {wall:.2f} s")


if __name__ == "__main__":
    main()
