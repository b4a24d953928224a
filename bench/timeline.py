"""Where a `triangulate run --processes N` spends its time: a timeline of one run over the throughput corpus.

    .venv/bin/python bench/timeline.py [--limit 300] [--processes 2] [--cold]

Each worker's partitions (when each started and ended, its CPU time, the pages it copied from the parent: minor
page faults, and the size of its results pickled back), and in the parent: its waits for the next result, storing,
linking, relinking and the files, its CPU time, and the tail (what runs after the last partition came back, with
the workers gone). `--processes 1` times the same stages in one process. The pipeline is warmed up on 20 reports
first, as `bench/throughput.py` does, unless `--cold` (then every worker loads what a first document loads).
"""

from __future__ import annotations

import argparse
import pickle  # nosec B403 - only this run's own results, measured
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from multiprocessing import Manager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import throughput

import triangulate.engine as engine
import triangulate.pipeline as pipeline_module
from triangulate.ingest import IngestResult
from triangulate.records import AnalyzedDocument, Document
from triangulate.store.sqlite import SQLiteStore

Event = dict[str, Any]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--cold", action="store_true")
    args = parser.parse_args()
    documents = throughput.corpus(args.limit)
    pipeline = pipeline_module.Pipeline()
    if not args.cold:
        list(pipeline.analyze_documents(documents[:20]))
    with Manager() as manager:
        events: Any = manager.list()  # the workers' partitions, sent from their processes
        parent: list[Event] = []
        wall, cpu = _timed_run(documents, args.processes, pipeline, events, parent)
        _report(list(events), parent, wall, cpu)


def _timed_run(documents: list[Document], processes: int, pipeline: pipeline_module.Pipeline, events: Any,
               parent: list[Event]) -> tuple[float, float]:
    partition = engine.analyze_partition
    zero = time.perf_counter()

    def worker_partition(part: list[Document]) -> list[AnalyzedDocument]:
        before, start, cpu = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter(), time.process_time()
        results = partition(part)
        end, cpu = time.perf_counter(), time.process_time() - cpu
        after = resource.getrusage(resource.RUSAGE_SELF)
        events.append({"start": start - zero, "end": end - zero, "cpu": cpu, "documents": len(part),
                       "faults": after.ru_minflt - before.ru_minflt, "bytes": len(pickle.dumps(results))})
        return results

    def timed(kind: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                parent.append({"kind": kind, "start": start - zero, "end": time.perf_counter() - zero,
                               "cpu": time.process_time() - cpu})
        return wrapper

    each = pipeline_module._each_safely

    def waited(analyzer: Any, batch: list[Document], n_process: int) -> Iterator[AnalyzedDocument]:
        results = each(analyzer, batch, n_process)
        while True:
            start = time.perf_counter()
            item = next(results, None)
            parent.append({"kind": "wait", "start": start - zero, "end": time.perf_counter() - zero, "cpu": 0.0})
            if item is None:
                return
            yield item

    patches: Sequence[tuple[Any, str, Any]] = (
        (engine, "analyze_partition", worker_partition),
        (pipeline_module, "_each_safely", waited),
        (pipeline_module, "link_stories", timed("link", pipeline_module.link_stories)),
        (pipeline_module, "relink", timed("relink", pipeline_module.relink)),
        (pipeline_module, "write_dossier_files", timed("files", pipeline_module.write_dossier_files)),
        (SQLiteStore, "save", timed("store", SQLiteStore.save)),
    )
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    for owner, name, value in patches:
        setattr(owner, name, value)
    analyzer = pipeline if processes == 1 else engine.ProcessAnalyzer(processes, pipeline)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            zero = time.perf_counter()
            cpu = time.process_time()
            pipeline_module.run_documents(IngestResult(list(documents), [], []), Path(tmp) / "out",
                                          Path(tmp) / "t.db", n_process=processes, pipeline=analyzer, dossier=False)
            return time.perf_counter() - zero, time.process_time() - cpu
    finally:
        for owner, name, value in saved:
            setattr(owner, name, value)


def _report(parts: list[Event], parent: list[Event], wall: float, cpu: float) -> None:
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for event in parent:
        totals[event["kind"]][0] += event["end"] - event["start"]
        totals[event["kind"]][1] += event["cpu"]
    stages = ", ".join(f"{kind} {w:.2f} s ({c:.2f} CPU)" for kind, (w, c) in totals.items() if kind != "wait")
    print(f"run {wall:.2f} s; parent CPU {cpu:.2f} s; the parent waited for results {totals['wait'][0]:.2f} s; "
          f"{stages}")
    if not parts:
        return
    print(f"{len(parts)} partitions, workers' CPU {sum(p['cpu'] for p in parts):.2f} s in all:")
    for p in sorted(parts, key=lambda p: p["start"]):
        print(f"  {p['start']:7.2f} -> {p['end']:7.2f} s  {p['documents']:3d} reports  CPU {p['cpu']:5.2f} s  "
              f"{p['faults']:6d} pages copied  {p['bytes'] / 1e3:6.0f} kB of results")
    first, last = min(p["start"] for p in parts), max(p["end"] for p in parts)
    print(f"the first partition started at {first:.2f} s; the last came back at {last:.2f} s; the tail after it "
          f"{wall - last:.2f} s:")
    for event in parent:
        if event["kind"] != "wait" and event["end"] > last:
            print(f"  {event['kind']:<6} {event['start']:7.2f} -> {event['end']:7.2f} s  CPU {event['cpu']:.2f} s")


if __name__ == "__main__":
    main()
