"""The run's files written from the store a piece at a time: the same bytes as from the whole dossier."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import need_data
from tests.store.builders import analyzed_report
from triangulate.evaluate.clustering import load
from triangulate.ingest import load_paths
from triangulate.link.relink import relink
from triangulate.pipeline import Pipeline, run_documents
from triangulate.report.dossier import build_dossier, write_outputs
from triangulate.report.files import write_dossier_files
from triangulate.store import Store, open_store

NAMES = ("json", "markdown", "csv")


class WholeReadRefused:
    """A store that refuses the reads that bring the whole store into memory at once."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name in ("all_analyzed", "documents", "stories", "story_links"):
            raise AssertionError(f"the files were written from store.{name}(), the whole store at once")
        return getattr(self._store, name)


class NotReadBack(WholeReadRefused):
    """A store that refuses to read back the analyses the writer holds as saved (here, all of them)."""

    def __getattr__(self, name: str) -> Any:
        if name in ("analyzed", "analyzed_events_by_id", "analyzed_claims_by_id"):
            def refused(*args: object) -> None:
                raise AssertionError(f"store.{name}{args} read back what was saved")
            return refused
        return super().__getattr__(name)


def _same_files(store: Store, tmp_path: Path) -> dict[str, Any]:
    """Write the files both ways; assert they are byte for byte the same; return the dossier."""
    dossier = build_dossier(store)
    expected = write_outputs(dossier, tmp_path / "whole")
    written = write_dossier_files(WholeReadRefused(store), tmp_path / "streamed")  # type: ignore[arg-type]
    for name in NAMES:
        assert written.paths[name].read_bytes() == expected[name].read_bytes(), name
    assert written.counts == {"documents": len(dossier["documents"]), "stories": len(dossier["stories"]),
                              "events": len(dossier["events"]), "claims": len(dossier["claims"])}
    assert sorted(p.name for p in (tmp_path / "streamed").iterdir()) == ["dossier.json", "dossier.md", "events.csv"]
    # the analyses just saved, taken as saved: the same bytes
    saved = {a.document.id: a for a in store.all_analyzed()}
    again = write_dossier_files(NotReadBack(store), tmp_path / "saved", saved=saved)  # type: ignore[arg-type]
    for name in NAMES:
        assert again.paths[name].read_bytes() == expected[name].read_bytes(), name
    return dossier


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def test_seed_and_ecb_reports_give_the_same_files(
    pipeline: Pipeline, seeds_dir: Path, shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ecb, _ = load(need_data(shared_data / "clustering", "ECB+ data"), "dev")
    reports = load_paths([seeds_dir])
    copy = ecb[0].model_copy(update={"id": ecb[0].id + "-copy", "external_id": "copy"})  # dropped: an error entry
    reports.documents += [*ecb[:40], copy]
    result = run_documents(reports, tmp_path / "run", tmp_path / "t.db", pipeline=pipeline)
    store = open_store(tmp_path / "t.db")
    try:
        dossier = _same_files(store, tmp_path)
    finally:
        store.close()
    assert result.dossier == dossier and result.summary == {
        "documents": len(dossier["documents"]), "stories": len(dossier["stories"]),
        "events": len(dossier["events"]), "claims": len(dossier["claims"])}
    for name in NAMES:  # the run wrote them the same way
        assert result.outputs[name].read_bytes() == (tmp_path / "streamed" / result.outputs[name].name).read_bytes()
    # what makes the comparison worth it: stories of several reports, links of every kind, and errors
    assert max(len(s["doc_ids"]) for s in dossier["stories"]) > 3
    assert dossier["merged_events"] and dossier["claim_groups"] and dossier["contradictions"]
    assert dossier["responsibility"] and dossier["actors"]
    assert "E150" in {e["code"] for e in dossier["errors"]}
    # analyzed, stored and linked 7 reports at a time, the same reports give the same files
    monkeypatch.setattr("triangulate.pipeline.ANALYSIS_CHUNK", 7)
    reports = load_paths([seeds_dir])
    reports.documents += [*ecb[:40], copy]
    chunked = run_documents(reports, tmp_path / "chunked", tmp_path / "chunked.db", pipeline=pipeline, dossier=False)
    for name in NAMES:
        assert chunked.outputs[name].read_bytes() == result.outputs[name].read_bytes(), name


def test_hostile_text_and_an_empty_store_give_the_same_files(tmp_path: Path) -> None:
    store = open_store(":memory:")
    _same_files(store, tmp_path / "empty")
    hostile = ("=HYPERLINK(\"http://x\") said <script>alert(1)</script>, a line\nbreak, \"quotes\" and é. "
               "Protesters gathered outside parliament in Beirut on Tuesday, police said.")
    store.save(analyzed_report(hostile), "v1")
    relink(store)
    dossier = _same_files(store, tmp_path / "hostile")
    assert dossier["documents"][0]["text"] == hostile and dossier["events"]
