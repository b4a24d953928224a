"""The Dask engine on a real 2-worker LocalCluster (processes): the same dossier as a local run, a failure
costs only its document, the model loads once per worker, and `triangulate run --engine dask`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from triangulate.cli import main
from triangulate.engine import DaskAnalyzer, pipeline_builds, worker_pipeline
from triangulate.ingest import load_paths
from triangulate.pipeline import ANALYZER_VERSION, Pipeline, run_documents
from triangulate.read.nlp import load_nlp
from triangulate.records import Document, document_id
from triangulate.store import open_store

DISPUTES = ("bucha-2022", "nord-stream-2022")  # a handful of real reports, several stories


@pytest.fixture(scope="module")
def dask() -> Iterator[DaskAnalyzer]:
    """One local cluster for the module (start-up and the workers' model loads cost seconds)."""
    with DaskAnalyzer(workers=2) as analyzer:
        client = analyzer.client  # the workers load the model while the local run goes:
        loading = [client.submit(lambda: worker_pipeline() is not None, workers=[w], pure=False)
                   for w in client.nthreads()]
        yield analyzer
        assert all(f.result() for f in loading)
    assert analyzer._cluster is None and analyzer._client is None  # closed at the end


@pytest.fixture(scope="module")
def reports(seeds_dir: Path, shared_data: Path) -> list[Path]:
    return [seeds_dir, *(shared_data / "disputes" / name for name in DISPUTES)]


def test_the_dask_run_gives_the_local_runs_dossier(dask: DaskAnalyzer, reports: list[Path], tmp_path: Path) -> None:
    local = run_documents(load_paths(reports), tmp_path / "local", tmp_path / "local.db", pipeline=Pipeline())
    remote = run_documents(load_paths(reports), tmp_path / "dask", tmp_path / "dask.db", pipeline=dask)
    assert len(dask.client.nthreads()) == 2
    assert remote.documents == local.documents == 12 and remote.analyzed == 12
    assert remote.errors == local.errors == []
    dossier = json.loads((tmp_path / "dask" / "dossier.json").read_text(encoding="utf-8"))
    # Nothing is left out of the comparison: documents, actors, events, claims, stories, merged
    # events, claim groups, contradictions, responsibility, errors, all alike and in the same order.
    assert dossier == json.loads((tmp_path / "local" / "dossier.json").read_text(encoding="utf-8"))
    assert len(dossier["stories"]) >= 3 and dossier["merged_events"] and dossier["responsibility"]
    assert (tmp_path / "dask" / "dossier.md").read_text(encoding="utf-8") == \
        (tmp_path / "local" / "dossier.md").read_text(encoding="utf-8")


def _too_long(shared_data: Path) -> Document:
    """Real report text, repeated past what the parser takes in one document (only the Python API can
    hand over such a text: files and pages are cut on reading). spaCy refuses it on the worker."""
    text = (shared_data / "disputes" / "mh17-2014" / "03-euractiv.txt").read_text(encoding="utf-8")
    text = (text.strip() + "\n\n") * (load_nlp().max_length // len(text) + 2)
    return Document(id=document_id(text), external_id="too-long.txt", source="too-long.txt", text=text)


def test_a_document_that_fails_on_a_worker_costs_only_itself(dask: DaskAnalyzer, shared_data: Path,
                                                            tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    good = load_paths([shared_data / "disputes" / "bucha-2022"]).documents
    bad = _too_long(shared_data)
    documents = [*good[:2], bad, *good[2:]]
    # The same cluster through its scheduler's address, in partitions of 3: the bad one shares one.
    with DaskAnalyzer(dask.client.scheduler.address, partition_size=3) as by_address:
        done = list(by_address.analyze_documents(documents))
    assert "a partition of 3 documents failed" in caplog.text  # then tried one by one
    assert [d.document.id for d in done] == [d.id for d in documents]  # all of them, in order
    failed = done[2]
    assert failed.events == [] and failed.claims == []
    (warning,) = failed.warnings
    assert warning.code == "E201" and warning.source == "too-long.txt" and "E088" in warning.message
    assert all(d.events for d in done if d is not failed)  # its partition mates and the rest are analyzed

    ingested = load_paths([shared_data / "disputes" / "bucha-2022"])
    ingested.documents.insert(2, bad)
    result = run_documents(ingested, None, tmp_path / "t.db", pipeline=dask)
    assert result.analyzed == len(documents) and [(e.code, e.source) for e in result.errors] == [
        ("E201", "too-long.txt")]
    store = open_store(tmp_path / "t.db")
    try:  # stored as failed, so the next run tries it again; the others are done
        assert store.analyzed_version(bad.id) == "failed"
        assert {store.analyzed_version(d.id) for d in good} == {ANALYZER_VERSION}
    finally:
        store.close()


def test_the_model_loads_once_per_worker(dask: DaskAnalyzer, shared_data: Path) -> None:
    documents = load_paths([shared_data / "disputes" / "mh17-2014"]).documents
    for _ in range(2):
        assert len(list(dask.analyze_documents(documents))) == len(documents)
    builds = dask.client.run(pipeline_builds)
    assert len(builds) == 2 and set(builds.values()) == {1}  # every worker built it, once


def test_run_with_engine_dask_on_the_seeds(dask: DaskAnalyzer, seeds_dir: Path, seeds_run: dict[str, Any],
                                           tmp_path: Path) -> None:
    address = dask.client.scheduler.address
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(seeds_dir), "--out", str(out), "--engine", "dask",
                                       "--scheduler", address, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "2 reports read (2 analyzed" in result.output
    assert json.loads((out / "dossier.json").read_text(encoding="utf-8")) == seeds_run["dossier"]


def test_scheduler_goes_with_engine_dask(seeds_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", str(seeds_dir), "--out", str(tmp_path), "--scheduler",
                                       "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "--scheduler goes with --engine dask" in result.output


# -- the local pool of processes -------------------------------------------------------------------


def test_a_pool_of_local_processes_gives_the_local_runs_dossier(reports: list[Path], shared_data: Path,
                                                                tmp_path: Path) -> None:
    from triangulate.engine import ProcessAnalyzer

    local = run_documents(load_paths(reports), tmp_path / "local", tmp_path / "local.db", pipeline=Pipeline())
    ingested = load_paths(reports)
    bad = _too_long(shared_data)
    ingested.documents.insert(3, bad)  # the parser refuses it in a worker: it alone fails
    pooled = run_documents(ingested, tmp_path / "pool", tmp_path / "pool.db", pipeline=ProcessAnalyzer(2))
    assert pooled.analyzed == local.analyzed + 1 == 13
    assert [(e.code, e.source) for e in pooled.errors] == [("E201", "too-long.txt")]
    dossier = json.loads((tmp_path / "pool" / "dossier.json").read_text(encoding="utf-8"))
    expected = json.loads((tmp_path / "local" / "dossier.json").read_text(encoding="utf-8"))
    dossier["documents"] = [d for d in dossier["documents"] if d["id"] != bad.id]
    dossier["errors"] = [e for e in dossier["errors"] if e["source"] != "too-long.txt"]
    # the failed report is stored (to be tried again) and so is in a story of its own
    dossier["stories"] = [s for s in dossier["stories"] if s["doc_ids"] != [bad.id]]
    assert dossier == expected  # everything else alike, in the same order


def test_run_with_several_processes_uses_the_pool(seeds_dir: Path, seeds_run: dict[str, Any], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", str(seeds_dir), "--out", str(tmp_path), "--processes", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    got = json.loads((tmp_path / "dossier.json").read_text(encoding="utf-8"))
    want = json.loads((seeds_run["out"] / "dossier.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in got["events"]] == [e["id"] for e in want["events"]]
    assert got["responsibility"] == want["responsibility"]


def test_local_partitions_cover_the_documents_in_order_and_shrink_at_the_end() -> None:
    from triangulate.engine import LEAST_PER_PARTITION, MOST_PER_PARTITION, shrinking_parts

    for n, processes in ((298, 2), (1000, 4), (33, 2), (3, 2), (1, 1)):
        parts = shrinking_parts(n, processes)
        assert [s for s, _ in parts] == [0] + [e for _, e in parts[:-1]]  # contiguous, in order
        assert parts[-1][1] == n
        sizes = [e - s for s, e in parts]
        assert max(sizes) <= MOST_PER_PARTITION and min(sizes[:-1], default=LEAST_PER_PARTITION) >= LEAST_PER_PARTITION
        assert sizes == sorted(sizes, reverse=True)  # never a larger partition after a smaller one
    sizes = [e - s for s, e in shrinking_parts(298, 2)]
    assert sizes[0] == MOST_PER_PARTITION and sizes[-2] == LEAST_PER_PARTITION  # the last ones small
    assert shrinking_parts(0, 2) == []
