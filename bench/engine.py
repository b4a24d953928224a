"""Throughput of the Dask engine against the local one, as ratios measured in one run.

    .venv/bin/python bench/engine.py [--reports 100] [--workers 2]

The first `--reports` ECB+ dev documents from $TRIANGULATE_DATA/clustering go through `run_documents`
twice, into two fresh stores: with the local engine (1 process), then with a `LocalCluster` of
`--workers` processes. Printed: the Dask run's throughput over the local run's, warm (models loaded,
cluster up) and whole (model loads, cluster start and close included), and whether the two dossiers
are equal (they must be).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from triangulate.engine import DaskAnalyzer, worker_pipeline
from triangulate.evaluate.clustering import load
from triangulate.evaluate.common import default_data_dir
from triangulate.ingest import IngestResult
from triangulate.pipeline import Pipeline, run_documents


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    documents = load(default_data_dir() / "clustering", "dev")[0][: args.reports]
    tmp = Path(tempfile.mkdtemp(prefix="bench-engine-"))

    start = time.perf_counter()
    pipeline = Pipeline()
    local_load = time.perf_counter() - start
    start = time.perf_counter()
    local = run_documents(IngestResult(list(documents), [], []), None, tmp / "local.db", pipeline=pipeline)
    local_run = time.perf_counter() - start

    start = time.perf_counter()
    with DaskAnalyzer(workers=args.workers) as dask:
        dask.client.run(worker_pipeline)  # the cluster up and every worker's model loaded
        dask_load = time.perf_counter() - start
        start = time.perf_counter()
        remote = run_documents(IngestResult(list(documents), [], []), None, tmp / "dask.db", pipeline=dask)
        dask_run = time.perf_counter() - start
        start = time.perf_counter()
    dask_close = time.perf_counter() - start

    print(f"{len(documents)} reports, {sum(len(d.text.split()) for d in documents)} words; "
          f"the two dossiers are equal: {local.dossier == remote.dossier}")
    print(f"Dask ({args.workers} workers) / local (1 process) throughput, warm: {local_run / dask_run:.2f}")
    print(f"Dask ({args.workers} workers) / local (1 process) throughput, whole run: "
          f"{(local_load + local_run) / (dask_load + dask_run + dask_close):.2f}")
    print(f"share of the Dask whole run spent starting and closing the cluster: "
          f"{(dask_load + dask_close) / (dask_load + dask_run + dask_close):.2f}")


if __name__ == "__main__":
    main()
