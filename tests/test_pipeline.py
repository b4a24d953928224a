"""The pipeline's wiring (`pipeline.py`): per-document failures, re-runs, near-duplicates, the one-call API."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest

import triangulate
from triangulate.ingest import IngestResult, IngestStream
from triangulate.pipeline import ANALYZER_VERSION, Pipeline, run_documents
from triangulate.records import AnalyzedDocument, Document, IngestError, ReadDoc, document_id
from triangulate.store import SQLiteStore, open_store
from triangulate.store.sqlite import BATCH_CHECKPOINT_PAGES

ARREST = "Police arrested 14 protesters outside the governor's office in Basra on Sunday, a local official said."
STRIKE = ("A drone struck a weapons depot near Al-Qaim on Tuesday, killing two fighters, the Iraqi military "
          "said in a statement.")
BROKEN = "This report makes the reader fail; the pipeline must carry on with the others."


def _doc(text: str, name: str) -> Document:
    return Document(id=document_id(text), external_id=name, source=f"{name}.txt", text=text)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


class _FailingPipeline(Pipeline):
    """The real stages, but reading the BROKEN text raises, as a bug would."""

    def __init__(self, base: Pipeline) -> None:
        super().__init__(base.reader, base.extractor)
        real = base.reader.read

        def read(document: Document, doc: object) -> ReadDoc:
            if document.text == BROKEN:
                raise RuntimeError("simulated bug")
            return real(document, doc)  # type: ignore[arg-type]

        self.reader = type(base.reader)(**{**vars(base.reader)})
        self.reader.read = read  # type: ignore[method-assign]


def test_a_failing_document_costs_only_its_own_results(pipeline: Pipeline) -> None:
    docs = [_doc(ARREST, "arrest"), _doc(BROKEN, "broken"), _doc(STRIKE, "strike")]
    done = list(_FailingPipeline(pipeline).analyze_documents(docs))
    assert [d.document.external_id for d in done] == ["arrest", "broken", "strike"]
    broken = done[1]
    assert broken.events == [] and broken.claims == []
    (warning,) = broken.warnings
    assert warning.code == "E201" and warning.source == "broken.txt" and "simulated bug" in warning.message
    assert done[0].events and done[2].events  # the others are analyzed as usual


def test_a_failed_document_is_stored_as_failed_and_analyzed_again_next_run(pipeline: Pipeline,
                                                                           tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    docs = [_doc(ARREST, "arrest"), _doc(BROKEN, "broken")]
    first = run_documents(IngestResult(docs, [], []), None, db, pipeline=_FailingPipeline(pipeline))
    assert (first.analyzed, first.unchanged) == (2, 0)
    assert [e.code for e in first.errors] == ["E201"]
    second = run_documents(IngestResult(docs, [], []), None, db, pipeline=pipeline)
    assert (second.analyzed, second.unchanged) == (1, 1)  # only the failed one again
    store = open_store(db)
    try:
        assert store.analyzed_version(docs[1].id) == ANALYZER_VERSION
        assert "E201" in {e.code for e in store.errors()}  # the first run's failure stays on record
    finally:
        store.close()


def test_near_duplicates_count_once_and_are_recorded(pipeline: Pipeline, tmp_path: Path) -> None:
    copy = STRIKE.replace("Tuesday", "Tuesday ")  # a syndicated copy: the same words
    docs = [_doc(STRIKE, "wire"), _doc(copy, "copy")]
    result = run_documents(IngestResult(docs, [], []), tmp_path / "out", tmp_path / "t.db", pipeline=pipeline)
    assert result.documents == 2 and result.analyzed == 1
    assert [e["code"] for e in result.dossier["errors"]] == ["E150"]
    assert len(result.dossier["documents"]) == 1
    assert sorted(p.name for p in result.outputs.values()) == ["dossier.json", "dossier.md", "events.csv"]


def test_analyze_takes_documents_and_files_alike(tmp_path: Path) -> None:
    path = tmp_path / "strike.txt"
    path.write_text(STRIKE, encoding="utf-8")
    dossier = triangulate.analyze([path, _doc(ARREST, "arrest")])
    assert sorted(d["external_id"] for d in dossier["documents"]) == ["arrest", "strike.txt"]
    assert {e["type"] for e in dossier["events"]} >= {"ASSAULT"}
    assert len(dossier["stories"]) >= 1 and dossier["generator"] == f"triangulate {triangulate.__version__}"


def test_a_run_that_only_stores_does_not_read_the_store_back(pipeline: Pipeline, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    result = run_documents(IngestResult([_doc(ARREST, "arrest")], [], []), None, db, pipeline=pipeline, dossier=False)
    assert result.analyzed == 1 and result.dossier == {}
    store = open_store(db)
    try:
        assert len(store.stories()) == 1 and store.story_links()  # stored and linked all the same
    finally:
        store.close()


def test_a_run_copies_its_write_ahead_log_into_the_database_rarely(
    pipeline: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each copy syncs the log and the file: SQLite's every 1,000 pages made 61 syncs of a 300-report run
    seen: list[int] = []
    save = SQLiteStore.save

    def noted(store: SQLiteStore, analyzed: AnalyzedDocument, version: str) -> None:
        seen.append(store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
        save(store, analyzed, version)

    monkeypatch.setattr(SQLiteStore, "save", noted)
    run_documents(IngestResult([_doc(ARREST, "arrest")], [], []), None, tmp_path / "t.db", pipeline=pipeline,
                  dossier=False)
    assert seen == [BATCH_CHECKPOINT_PAGES]
    store = open_store(tmp_path / "t.db")
    try:  # another connection keeps SQLite's default
        assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    finally:
        store.close()


class _Batches(Pipeline):
    """The real pipeline, noting how many documents each call hands it."""

    def __init__(self, base: Pipeline) -> None:
        super().__init__(base.reader, base.extractor)
        self.sizes: list[int] = []

    def analyze_documents(self, documents: Sequence[Document], n_process: int = 1) -> Iterator[AnalyzedDocument]:
        self.sizes.append(len(documents))
        return super().analyze_documents(documents, n_process)


def test_streamed_documents_are_read_once_and_analyzed_a_chunk_at_a_time(
    pipeline: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("triangulate.pipeline.ANALYSIS_CHUNK", 2)
    quake = "An earthquake of magnitude 5.1 struck near Van on Monday, damaging houses, the governor said."
    docs = [_doc(ARREST, "arrest"), _doc(STRIKE, "strike"), _doc(STRIKE.replace("Tuesday", "Tuesday "), "copy"),
            _doc(quake, "quake")]
    odd = IngestError(source="strike.txt", code="E113", message="E113: the date is unreadable")
    batches = _Batches(pipeline)
    result = run_documents(IngestStream(iter(docs), [], [odd]), None, tmp_path / "t.db", pipeline=batches)
    assert (result.documents, result.analyzed, batches.sizes) == (4, 3, [2, 1])
    assert result.duplicates == [(docs[2].id, docs[1].id)]
    store = open_store(tmp_path / "t.db")
    try:
        assert [a.document for a in store.all_analyzed()] == sorted(
            [docs[0], docs[1], docs[3]], key=lambda d: d.id)  # undated: by id
        stored = store.analyzed(docs[1].id)
        assert stored is not None and odd in stored.warnings  # its reading's warning goes with it
        (copy,) = [e for e in store.errors() if e.code == "E150"]
        assert copy.source == "copy.txt" and "near-duplicate of strike" in copy.message
    finally:
        store.close()


def test_a_run_into_an_archive_writes_the_stories_it_touched(pipeline: Pipeline, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    first = IngestResult([_doc(ARREST, "arrest"), _doc(STRIKE, "strike")], [], [])
    run_documents(first, tmp_path / "first", db, pipeline=pipeline, dossier=False)
    # the same reports again: the part they touch is the whole store, so the files are the same bytes
    again = run_documents(first, tmp_path / "again", db, pipeline=pipeline, dossier=False)
    assert again.analyzed == 0
    for name in ("dossier.json", "dossier.md", "events.csv"):
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "first" / name).read_bytes()
    quake = "An earthquake of magnitude 5.1 struck near Van on Monday, damaging houses, the governor said."
    later = ("Two fighters were killed when a drone hit a weapons depot near Al-Qaim on Tuesday, Iraqi military "
             "officials said.")
    odd = IngestError(source="odd.txt", code="E113", message="E113: the date is unreadable")
    result = run_documents(IngestResult([_doc(quake, "quake"), _doc(later, "later")], [odd], []),
                           tmp_path / "second", db, pipeline=pipeline, dossier=False)
    written = json.loads((tmp_path / "second" / "dossier.json").read_text(encoding="utf-8"))
    docs = {d["external_id"] for d in written["documents"]}
    members = {d for s in written["stories"] for d in s["doc_ids"]}
    assert {"quake", "later"} <= docs and "arrest" not in docs  # the arrest's story was not touched
    assert members == {d["id"] for d in written["documents"]}  # each touched story comes with all its reports
    assert [e["source"] for e in written["errors"]] == ["odd.txt"]  # this run's errors, not the archive's
    assert result.summary["documents"] == len(docs) and result.summary["stories"] == len(written["stories"])
    store = open_store(db)
    try:
        assert len(store.all_analyzed()) == 4  # the archive holds everything
    finally:
        store.close()


def test_analyze_holds_a_document_given_directly_to_the_text_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    # a small cap, so that the cut text is quick to analyze: the path is the one every cap takes
    monkeypatch.setattr("triangulate.ingest.common.MAX_TEXT_CHARS", 400)
    text = " ".join([ARREST, STRIKE] * 5)
    dossier = triangulate.analyze([Document(id="given", external_id="long", source="long.txt", text=text)])
    (doc,) = dossier["documents"]
    assert doc["id"] == "given" and len(doc["text"]) <= 400 and text.startswith(doc["text"])
    assert [(e["code"], e["source"]) for e in doc["errors"]] == [("E110", "long.txt")]
    assert f"of its {len(text):,} characters" in doc["errors"][0]["message"]
    assert dossier["events"]


def test_analyze_takes_a_document_past_what_the_parser_takes() -> None:
    # over spaCy's 1,000,000 characters, which raised E088 and ended the call; cut at the cap instead
    text = ARREST + " " * 1_100_000 + STRIKE
    dossier = triangulate.analyze([Document(id=document_id(text), external_id="long", text=text)])
    (doc,) = dossier["documents"]
    assert doc["text"] == ARREST and [e["code"] for e in doc["errors"]] == ["E110"]


def test_a_batch_the_parser_refuses_costs_only_the_document_at_fault(pipeline: Pipeline, tmp_path: Path) -> None:
    # a Document handed to run_documents as it is, past the parser's limit: spaCy refuses the whole batch
    too_long = _doc("An earthquake struck near Van on Monday. " + "word " * 210_000, "too-long")
    docs = [_doc(ARREST, "arrest"), too_long, _doc(STRIKE, "strike")]
    result = run_documents(IngestResult(docs, [], []), None, tmp_path / "t.db", pipeline=pipeline)
    assert result.analyzed == 3 and [(e.code, e.source) for e in result.errors] == [("E201", "too-long.txt")]
    assert "E088" in result.errors[0].message
    store = open_store(tmp_path / "t.db")
    try:
        assert store.analyzed_version(too_long.id) == "failed"
        for good in (docs[0], docs[2]):
            analyzed = store.analyzed(good.id)
            assert analyzed is not None and analyzed.events and store.analyzed_version(good.id) == ANALYZER_VERSION
    finally:
        store.close()


def test_a_warning_no_document_carries_is_one_of_the_run_s_errors(pipeline: Pipeline, tmp_path: Path) -> None:
    orphan = IngestError(source="metadata.jsonl:3", code="E107", message="`published` '0000-01-01' is not a date")
    kept = IngestError(source="arrest.txt", code="E112", message="not valid UTF-8")
    result = run_documents(IngestResult([_doc(ARREST, "arrest")], [], [orphan, kept]), None, tmp_path / "t.db",
                           pipeline=pipeline)
    assert result.errors == [orphan]
    assert result.dossier["errors"] == [orphan.model_dump()]
    assert result.dossier["documents"][0]["errors"] == [kept.model_dump()]


class _Elsewhere:
    """An engine's part: the reports analyzed by a pipeline that is not the run's own (in a real engine,
    in other processes)."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def analyze_documents(self, documents: Sequence[Document], n_process: int = 1) -> Iterator[AnalyzedDocument]:
        yield from self.pipeline.analyze_documents(documents)


def test_an_engines_reports_are_linked_while_the_next_are_analyzed(
    pipeline: Pipeline, shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import triangulate.pipeline as wiring
    from triangulate.ingest import load_paths
    from triangulate.link.store import StoryStore

    reports = [shared_data / "disputes" / "bucha-2022", shared_data / "disputes" / "nord-stream-2022"]
    local = run_documents(load_paths(reports), tmp_path / "local", tmp_path / "local.db", pipeline=pipeline)
    linked: list[int] = []  # how many reports each linking found waiting
    given: list[int] = []  # how many of them it was handed as saved, not to be read back

    def counted(store: StoryStore, saved: Mapping[str, AnalyzedDocument] | None = None) -> set[str]:
        linked.append(len(store.link_pending()))
        given.append(len(set(store.link_pending()) & set(saved or {})))
        return real(store, saved=saved)

    relinked: list[int] = []  # how many analyses `relink` was handed as saved
    kept: list[bool] = []  # whether it kept what it read for later linkings (a run's store is closed after)

    def relinking(store: StoryStore, saved: Mapping[str, AnalyzedDocument] | None = None, *,
                  keep_read: bool = True) -> int:
        relinked.append(len(saved or {}))
        kept.append(keep_read)
        return real_relink(store, saved, keep_read=keep_read)

    real, real_relink = wiring.link_stories, wiring.relink
    monkeypatch.setattr(wiring, "LINK_EVERY", 3)
    monkeypatch.setattr(wiring, "link_stories", counted)
    monkeypatch.setattr(wiring, "relink", relinking)
    engine = run_documents(load_paths(reports), tmp_path / "engine", tmp_path / "engine.db",
                           pipeline=_Elsewhere(pipeline))
    assert engine.analyzed == local.analyzed > 6
    assert linked[:2] == [3, 3]  # every 3 reports stored, not once the whole chunk is
    assert given == linked
    assert relinked == [engine.analyzed]  # the run's one chunk, not read back
    assert kept == [False]  # nothing kept for linkings that never come: the store is closed after
    for name in ("dossier.json", "dossier.md", "events.csv"):
        assert (tmp_path / "engine" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


def test_a_run_of_many_reports_holds_the_shared_counts_a_small_one_does_not(
    pipeline: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from triangulate.link import stories

    held: list[bool] = []

    def hold(store: object) -> bool:
        found = stories.hold_counts(store)  # type: ignore[arg-type]
        held.append(found)
        return found

    monkeypatch.setattr("triangulate.pipeline.hold_counts", hold)
    monkeypatch.setattr("triangulate.pipeline.HOLD_COUNTS_FROM", 2)
    db = tmp_path / "t.db"
    run_documents(IngestResult([_doc(ARREST, "arrest")], [], []), None, db, pipeline=pipeline, dossier=False)
    assert held == []
    result = run_documents(IngestResult([_doc(STRIKE, "strike"), _doc(BROKEN, "other")], [], []), None, db,
                           pipeline=pipeline, dossier=False)
    assert held == [True] and result.analyzed == 2


class _FreesCores(_Elsewhere):
    frees_cores = True  # as the local pool: its workers are gone once the last report is handed on


def test_the_reports_part_is_written_by_another_process_while_this_one_relinks(
    pipeline: Pipeline, shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import triangulate.pipeline as wiring
    from triangulate.ingest import load_paths

    reports = [shared_data / "disputes" / "bucha-2022", shared_data / "disputes" / "nord-stream-2022"]
    local = run_documents(load_paths(reports), tmp_path / "local", tmp_path / "local.db", pipeline=pipeline)
    writers = tmp_path / "writers"
    real = wiring.write_reports_part

    def noted(*args: object, **kwargs: object) -> object:
        with writers.open("a", encoding="utf-8") as handle:  # the forked process inherits this stand-in
            handle.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(wiring, "write_reports_part", noted)
    engine = run_documents(load_paths(reports), tmp_path / "engine", tmp_path / "engine.db",
                           pipeline=_FreesCores(pipeline), dossier=False)
    assert writers.read_text(encoding="utf-8").split() not in ([], [str(os.getpid())])  # another process
    for name in ("dossier.json", "dossier.md", "events.csv"):
        assert (tmp_path / "engine" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    assert engine.summary == local.summary
    # the part's temporary files are gone
    assert sorted(p.name for p in (tmp_path / "engine").iterdir()) == ["dossier.json", "dossier.md", "events.csv"]


def test_a_failed_reports_part_is_written_by_the_run_itself(
    pipeline: Pipeline, shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import triangulate.pipeline as wiring
    from triangulate.ingest import load_paths

    reports = [shared_data / "disputes" / "bucha-2022"]
    run_documents(load_paths(reports), tmp_path / "local", tmp_path / "local.db", pipeline=pipeline)

    def failing(*args: object, **kwargs: object) -> object:
        raise OSError("no space left on device")

    monkeypatch.setattr(wiring, "write_reports_part", failing)
    run_documents(load_paths(reports), tmp_path / "engine", tmp_path / "engine.db", pipeline=_FreesCores(pipeline))
    for name in ("dossier.json", "dossier.md", "events.csv"):
        assert (tmp_path / "engine" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    assert sorted(p.name for p in (tmp_path / "engine").iterdir()) == ["dossier.json", "dossier.md", "events.csv"]


def test_a_settled_process_keeps_what_it_loaded_out_of_the_collector_and_collects_the_young_seldom() -> None:
    from triangulate.pipeline import YOUNG_OBJECTS, settle

    threshold = gc.get_threshold()
    loaded = [Document(id=f"d{n}", external_id=f"r{n}", text="A drone struck a depot.") for n in range(100)]
    try:
        settle()
        assert gc.get_threshold() == (YOUNG_OBJECTS, *threshold[1:])
        assert gc.get_freeze_count() >= len(loaded)  # out of the full passes
        walked = {id(o) for o in gc.get_objects(generation=2)}
        assert not any(id(d) in walked for d in loaded)
    finally:
        gc.set_threshold(*threshold)
