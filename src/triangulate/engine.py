"""Engines for the per-report stages (read, extract) of `triangulate run`: a pool of local processes,
and Dask tasks.

`ProcessAnalyzer` runs the same `Pipeline` in forked worker processes of this machine (parse, read and
extract all run there; `--processes N`).

`DaskAnalyzer` is an `Analyzer` for `run_documents`: it cuts the documents into partitions, runs
the very same `Pipeline.analyze_documents` on each in a Dask worker (the model is built once per
worker process and kept), and hands the results back, as they complete, to the one writer in
this process (`run_documents`), which stores and links exactly as a local run does.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import TYPE_CHECKING

from triangulate.pipeline import Pipeline, failed_analysis
from triangulate.records import AnalyzedDocument, Document

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

log = logging.getLogger(__name__)

DEFAULT_WORKERS = 2
MOST_PER_PARTITION = 32  # documents per task at most: spaCy's batch size
PARTS_PER_THREAD = 4  # partitions per worker thread at least, when there are documents enough
LEAST_PER_PARTITION = 4  # documents per local partition at least, as the last ones shrink
CONNECT_TIMEOUT = "10s"  # a scheduler that refuses is retried until then


class EngineError(Exception):
    """The Dask cluster cannot be used (a scheduler that does not answer, a cluster that does not start)."""


# -- in each worker process: one Pipeline, built on the first task and kept --------------------

_PIPELINE: Pipeline | None = None
_BUILDS = 0  # how many times this process built it: 1 once it has worked (read by the tests)
_BUILD = threading.Lock()
_ANALYZE = threading.Lock()


def worker_pipeline() -> Pipeline:
    """This process's Pipeline, built once (the spaCy model and the gazetteer load here, not per task)."""
    global _PIPELINE, _BUILDS
    with _BUILD:
        if _PIPELINE is None:
            _PIPELINE = Pipeline()
            _BUILDS += 1
        return _PIPELINE


def pipeline_builds() -> int:
    return _BUILDS


def analyze_partition(documents: list[Document]) -> list[AnalyzedDocument]:
    """One Dask task: the documents of one partition, read and extracted by the local code, in order."""
    pipeline = worker_pipeline()
    # A worker with several threads analyzes one partition at a time: the parser and the
    # per-document caches are not meant to be shared between threads; use more processes instead.
    with _ANALYZE:
        return list(pipeline.analyze_documents(documents))


def analyze_safely(documents: list[Document]) -> list[AnalyzedDocument]:
    """A partition in this process; one that fails as a whole (the parser refused a text) is tried again a
    document at a time, so that only the document that caused it comes back failed (E201)."""
    try:
        return analyze_partition(documents)
    except Exception as exc:
        if len(documents) == 1:
            log.warning("analysis failed for %s: %s", documents[0].source or documents[0].id, exc)
            return [failed_analysis(documents[0], exc)]
        return [result for document in documents for result in analyze_safely([document])]


def partition_size(n_documents: int, threads: int) -> int:
    """Small enough that every worker gets several partitions (the writer stores while workers analyze),
    at most spaCy's batch size."""
    return max(1, min(MOST_PER_PARTITION, math.ceil(n_documents / (PARTS_PER_THREAD * max(1, threads)))))


def shrinking_parts(n_documents: int, processes: int) -> list[tuple[int, int]]:
    """The (start, end) of each local partition: `MOST_PER_PARTITION` documents while many are left, then
    fewer (a share of those left, at least `LEAST_PER_PARTITION`). The workers take partitions as they
    finish one: with the last ones small, they finish within a small partition's time of each other,
    where a worker given a last full partition kept the other core idle for up to its whole time."""
    parts = []
    start = 0
    while start < n_documents:
        left = n_documents - start
        size = max(LEAST_PER_PARTITION, min(MOST_PER_PARTITION, math.ceil(left / (2 * max(1, processes)))))
        parts.append((start, min(n_documents, start + size)))
        start += size
    return parts


class ProcessAnalyzer:
    """Analyzes documents in `processes` local worker processes, forked from this one after its Pipeline
    is built (the model and the gazetteer are shared, not loaded again). Results come back in the
    documents' order; a pool that breaks (a worker killed) leaves the rest to this process."""

    frees_cores = True  # its workers are gone once the last report is handed on (the writer may fork then)

    def __init__(self, processes: int, pipeline: Pipeline | None = None) -> None:
        self.processes = max(1, processes)
        if pipeline is not None:  # the workers start with this one rather than build their own
            global _PIPELINE
            with _BUILD:
                _PIPELINE = pipeline

    def analyze_documents(self, documents: Sequence[Document], n_process: int = 1) -> Iterator[AnalyzedDocument]:
        if not documents:
            return
        worker_pipeline()  # built here, before the fork, so that every worker starts with it
        parts = [list(documents[start:end]) for start, end in shrinking_parts(len(documents), self.processes)]
        done = 0
        try:
            # fork shares the built pipeline; where there is no fork, spawned workers build their own
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            with ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context(method)) as pool:
                for results in pool.map(analyze_safely, parts):
                    yield from results
                    done += 1
        except BrokenProcessPool as exc:
            log.warning("a worker process died (%s); analyzing the rest here", exc)
            for part in parts[done:]:
                yield from analyze_safely(part)


# -- in the client process ------------------------------------------------------------------------

class DaskAnalyzer:
    """Analyzes documents on a Dask cluster: the one at `scheduler`, or else a `LocalCluster` of
    `workers` processes (one thread each) started on first use and closed by `close()`. Partitions
    hold `partition_size` documents, or by default as many as give every worker thread a few."""

    def __init__(self, scheduler: str | None = None, *, workers: int = DEFAULT_WORKERS,
                 partition_size: int | None = None) -> None:
        self.scheduler = scheduler
        self.workers = max(1, workers)
        self.partition_size = partition_size
        self._cluster: LocalCluster | None = None
        self._client: Client | None = None

    def __enter__(self) -> DaskAnalyzer:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def client(self) -> Client:
        """The Dask client, connecting (or starting the local cluster) the first time."""
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self) -> Client:
        from distributed import Client, LocalCluster

        if self.scheduler is not None:
            try:
                return Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as exc:
                raise EngineError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from exc
        try:
            # Loopback only, any free port: a run must not open the machine to the network.
            self._cluster = LocalCluster(
                n_workers=self.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address=":0", silence_logs=logging.ERROR,
            )
            return Client(self._cluster)
        except (OSError, TimeoutError, RuntimeError) as exc:
            self.close()
            raise EngineError(f"cannot start a local Dask cluster of {self.workers} workers: {exc}") from exc

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def analyze_documents(self, documents: Sequence[Document], n_process: int = 1) -> Iterator[AnalyzedDocument]:
        """Each document's analysis, in the documents' order (`n_process` is unused: the cluster's
        workers are the processes).

        Partitions run as Dask tasks, a few per worker thread in flight at once; results come back
        as they complete and are handed on in order, so the store is written as a local run writes
        it (linking is incremental, in storing order). A partition that fails is tried again one
        document per task, so a failure costs only the document that caused it: that one comes back
        empty with an E201 warning, the rest of the batch goes on.
        """
        from distributed import as_completed

        if not documents:
            return
        client = self.client
        threads = sum(client.nthreads().values()) or 1
        size = self.partition_size or partition_size(len(documents), threads)
        todo: deque[list[int]] = deque(
            list(range(start, min(start + size, len(documents)))) for start in range(0, len(documents), size)
        )
        running: dict[Future, list[int]] = {}
        ready: dict[int, AnalyzedDocument] = {}
        done = as_completed()
        in_flight = 2 * threads  # partitions running or queued on the workers
        # Results waiting for an earlier, slower partition are held here; past this many, no new
        # partitions start until the head comes in, so memory stays bounded whatever the batch size.
        most_waiting = 8 * in_flight * size

        def submit_more() -> None:
            while todo and len(running) < in_flight and (len(ready) < most_waiting or not running):
                part = todo.popleft()
                future = client.submit(analyze_partition, [documents[i] for i in part], pure=False)
                running[future] = part
                done.add(future)

        next_index = 0
        submit_more()
        for future in done:
            part = running.pop(future)
            try:
                results = future.result()
            except Exception as exc:  # a failed task costs only its documents, never the batch
                if len(part) > 1:
                    log.warning("a partition of %d documents failed (%s); trying them one by one", len(part), exc)
                    todo.extendleft([i] for i in reversed(part))
                else:
                    document = documents[part[0]]
                    log.warning("analysis failed for %s: %s", document.source or document.id, exc)
                    ready[part[0]] = failed_analysis(document, exc)
            else:
                ready.update(zip(part, results, strict=True))
            future.release()
            submit_more()
            while next_index in ready:
                yield ready.pop(next_index)
                next_index += 1
            submit_more()  # the buffer may have room again
