"""Throughput of a whole `triangulate run` against bare spaCy, with 1 and 2 processes, in one run.

    .venv/bin/python bench/throughput.py [--limit 300] [--processes 1 2] [--stages]

The corpus is real: ECB+ dev reports and FNC-1 test bodies from $TRIANGULATE_DATA (../shared/data),
half and half. For each process count, bare spaCy (`nlp.pipe` with the same model, the same enabled
components, the same batch size and process count) and `triangulate run` (ingested documents
analyzed, stored in a fresh SQLite file, linked, and the dossier written) go over the same texts;
the figure is the ratio of their throughputs (target >= 0.80). Both are warmed up first (the first
pass of a fresh model over texts is slower, which would flatter the run measured after it), then
measured `--rounds` times in alternation; the median of the rounds' ratios is printed. `--stages` profiles the 1-process run
with timers at each stage's entry and prints its share of the whole (read, actors, places, times, events,
claims, store, link, report, and the parse itself), so that the next optimization is obvious.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from triangulate.evaluate.clustering import load as load_ecb
from triangulate.evaluate.common import default_data_dir
from triangulate.evaluate.stance import load_split
from triangulate.ingest import IngestResult
from triangulate.pipeline import Pipeline, run_documents
from triangulate.read.nlp import load_nlp
from triangulate.records import Document, document_id, normalize_text

TARGET = 0.80
# the stages timed in the run: (label, object path, attribute); each call's wall time goes to its label
HOOKS = (
    ("structure", "triangulate.read", "find_regions"),
    ("places", "reader.geoparser", "geoparse"),
    ("actors", "reader.actors", "find_mentions"),
    ("times", "triangulate.read", "find_times"),
    ("events", "extractor.coder", "code"),
    ("claims", "extractor.claims", "extract"),
    ("responsibility", "extractor.responsibility", "find"),
    ("store", "triangulate.store.sqlite.SQLiteStore", "save"),
    ("link", "triangulate.pipeline", "link_stories"),
    ("link", "triangulate.pipeline", "relink"),
    ("report", "triangulate.pipeline", "write_dossier_files"),
)


def corpus(limit: int) -> list[Document]:
    data = default_data_dir()
    ecb, _ = load_ecb(data / "clustering", "dev")
    _, bodies = load_split(data / "fnc1" / "competition_test", "competition_test")
    half = limit // 2
    texts = [d.text for d in ecb[:half]] + [normalize_text(b) for _, b in sorted(bodies.items())][: limit - half]
    return [Document(id=document_id(t), external_id=f"r{i}", text=t) for i, t in enumerate(texts)]


def bare(texts: list[str], processes: int) -> float:
    nlp = load_nlp()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=32):
        pass
    return time.perf_counter() - start


def whole(documents: list[Document], processes: int, pipeline: Pipeline) -> float:
    """`triangulate run --processes N`: the pipeline here for one process, a pool of N (forked after the
    pipeline is built, as the command does) for more."""
    from triangulate.engine import ProcessAnalyzer

    analyzer = pipeline if processes == 1 else ProcessAnalyzer(processes, pipeline)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        run_documents(IngestResult(list(documents), [], []), Path(tmp) / "out", Path(tmp) / "t.db",
                      n_process=processes, pipeline=analyzer, dossier=False)  # as `triangulate run`
        return time.perf_counter() - start


def stage_shares(documents: list[Document], pipeline: Pipeline) -> tuple[dict[str, float], float]:
    """Each stage's share of a timed 1-process run, the parse included (the time spent waiting on
    spaCy's pipe), and the whole run's time. The hooks wrap the stages' entry points for this run only."""
    import importlib

    import triangulate.pipeline as pipeline_module

    totals: dict[str, float] = defaultdict(float)

    def timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                totals[label] += time.perf_counter() - start
        return wrapper

    def owner(path: str) -> Any:
        first, _, rest = path.partition(".")
        if first in ("reader", "extractor"):
            target: Any = getattr(pipeline, first)
            for part in rest.split(".") if rest else []:
                target = getattr(target, part)
            return target
        module_path, _, cls = path.rpartition(".")
        if cls and cls[0].isupper():
            return getattr(importlib.import_module(module_path), cls)
        return importlib.import_module(path)

    saved = []
    for label, path, attribute in HOOKS:
        target = owner(path)
        saved.append((target, attribute, getattr(target, attribute)))
        setattr(target, attribute, timed(label, getattr(target, attribute)))
    parse_many = pipeline_module.parse_many

    def timed_parse(*args: Any, **kwargs: Any) -> Iterator[Any]:
        docs = parse_many(*args, **kwargs)
        while True:
            start = time.perf_counter()
            try:
                doc = next(docs)
            except StopIteration:
                totals["parse (spaCy)"] += time.perf_counter() - start
                return
            totals["parse (spaCy)"] += time.perf_counter() - start
            yield doc

    pipeline_module.parse_many = timed_parse
    try:
        elapsed = whole(documents, 1, pipeline)
    finally:
        pipeline_module.parse_many = parse_many
        for target, attribute, original in reversed(saved):
            setattr(target, attribute, original)
    totals["other"] = max(0.0, elapsed - sum(totals.values()))
    return {stage: t / elapsed for stage, t in sorted(totals.items(), key=lambda kv: -kv[1])}, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--stages", action="store_true")
    args = parser.parse_args()
    documents = corpus(args.limit)
    texts = [d.text for d in documents]
    pipeline = Pipeline()
    warm = documents[:20]
    list(pipeline.analyze_documents(warm))  # warm up: the model, dictionaries and gazetteer load once
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} reports (ECB+ dev, FNC-1 test bodies), {words} words; target >= {TARGET:.2f} of bare spaCy")
    for processes in args.processes:
        bare([d.text for d in warm], processes)
        whole(warm, processes, pipeline)
        ratios, parse_times, run_times = [], [], []
        loads = [os.getloadavg()[0]]  # the machine's load, said with the figure: other jobs move it
        for _ in range(args.rounds):
            parse_times.append(bare(texts, processes))
            run_times.append(whole(documents, processes, pipeline))
            ratios.append(parse_times[-1] / run_times[-1])
            loads.append(os.getloadavg()[0])
        rounds = ", ".join(f"{r:.2f}" for r in ratios)
        # the seconds too: how much each side gains from a second process
        print(f"{processes} process{'es' if processes > 1 else ''}: triangulate run throughput / bare spaCy "
              f"= {statistics.median(ratios):.2f} (median of {len(ratios)} rounds: {rounds}; bare spaCy "
              f"{statistics.median(parse_times):.1f} s, triangulate run {statistics.median(run_times):.1f} s; "
              f"load average {min(loads):.1f}-{max(loads):.1f})")
    if args.stages:
        print("cost per stage (1 process, share of the whole run):")
        shares, _ = stage_shares(documents, pipeline)
        for stage, share in shares.items():
            print(f"  {stage:<16} {share:6.1%}")


if __name__ == "__main__":
    main()
