"""Wires the stages: ingest -> read -> extract -> store -> link -> report.

`analyze()` is the one-call Python API; `run()` is what `triangulate run` does.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from triangulate.extract import Extractor
from triangulate.ingest import Ingested, IngestResult, load_documents, load_paths, stream_paths
from triangulate.ingest.dedup import near_duplicates
from triangulate.ingest.errors import Code
from triangulate.ingest.spool import DocumentSpool
from triangulate.link.relink import relink
from triangulate.link.stories import hold_counts, link_stories
from triangulate.read import Reader
from triangulate.read.nlp import parse_many
from triangulate.records import AnalyzedDocument, Document, IngestError
from triangulate.report.dossier import build_dossier
from triangulate.report.files import ReportsPart, Scope, write_dossier_files, write_reports_part
from triangulate.run_codes import RunCode, RunFailure, run_problem
from triangulate.store import Store, location, open_store
from triangulate.version import __version__

log = logging.getLogger(__name__)

ANALYZER_VERSION = __version__
# documents read back from the spool, analyzed, stored and linked into stories at a time (linking reads the
# reports pending whole: a chunk of them, not the run's)
ANALYSIS_CHUNK = 500
# stored reports linked into stories at a time within a chunk when other processes analyze (an engine): this
# process links while they analyze, rather than after them with their cores idle (the stories are the same).
# In one process, once a chunk: each linking commits, rewriting the same index pages again
LINK_EVERY = 32
# a run analyzing this many reports holds the counts of the keys its reports share with the archive in memory
# (`link.stories.hold_counts`: one pass over them, then none read at random for the stored reports compared)
HOLD_COUNTS_FROM = 100
# the collector's youngest generation is collected once this many containers were made since, not 700: a
# report's analysis makes some hundred thousand short-lived tuples and lists, and at 700 the collector's
# passes took 0.30 s of a 300-report run's 7 s after the parse (0.11 s at 10,000, the older passes rarer too)
Progress = Callable[[int, int], None]


@dataclass
class RunResult:
    out_dir: Path | None
    db_path: str | Path  # a SQLite file, or a postgresql:// URL
    documents: int = 0  # documents read from the inputs
    analyzed: int = 0  # documents analyzed in this run
    unchanged: int = 0  # documents already stored with the same analysis
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    warnings: list[IngestError] = field(default_factory=list)
    dossier: dict[str, Any] = field(default_factory=dict)  # the whole dossier, when asked for
    outputs: dict[str, Path] = field(default_factory=dict)
    summary: dict[str, int] = field(default_factory=dict)  # what the store holds: documents, stories, events, claims


class Analyzer(Protocol):
    """What reads and extracts documents for `run_documents`: a `Pipeline` in this process, or an
    engine that runs the same `Pipeline` elsewhere (`triangulate.engine`). It yields one result per
    document, in the documents' order, a failed one as `failed_analysis` makes it."""

    def analyze_documents(self, documents: Sequence[Document], n_process: int = 1) -> Iterator[AnalyzedDocument]:
        ...


def failed_analysis(document: Document, exc: BaseException) -> AnalyzedDocument:
    """A document whose analysis failed: stored without results, with an E201 warning saying why."""
    failure = run_problem(
        RunCode.ANALYSIS_FAILED, document.source or document.external_id,
        f"analysis failed ({type(exc).__name__}: {exc}); the document was stored without results",
    )
    return AnalyzedDocument(document=document, warnings=[failure])


YOUNG_OBJECTS = 20_000  # objects made (net) between two collections of the youngest generation (Python: 700)


def settle() -> None:
    """Set the process up to live long with what it has loaded. What it holds now (the model, dictionaries and
    gazetteer) is kept out of the collector's full passes: each walked all of it, about a second of a 300-report
    run, and in workers forked from here their pages are not copied by those passes. And the youngest
    generation is collected less often: linking a report reads its story's analyses (7,600 objects for a
    story of 241 events) and drops them by reference counting a few milliseconds later, but every 700
    objects made the collector walked the young ones and moved those still in use to the older generations,
    which then came to full passes: 2.8 ms of a report's 39 ms (CPU, mean) at 10^5 reports, 9-10 ms in the
    probes that met a full pass; 0.3 ms at 20,000 (bench/link_scale.py, 40 probes)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])


class Pipeline:
    """The per-document stages, loaded once."""

    def __init__(self, reader: Reader | None = None, extractor: Extractor | None = None) -> None:
        self.reader = reader or Reader.default()
        self.extractor = extractor or Extractor.default(self.reader.geoparser, self.reader.actors.lookup)
        settle()

    def analyze_documents(self, documents: Sequence[Document], n_process: int = 1) -> Iterator[AnalyzedDocument]:
        """Read and extract each document, in order.

        A failure costs only that document's results: it comes back empty, with an
        E201 warning saying so, and is analyzed again on the next run.
        """
        parsed = parse_many((d.text for d in documents), n_process=n_process)
        for document, doc in zip(documents, parsed, strict=True):
            try:
                read = self.reader.read(document, doc)
                found = self.extractor.extract(read)
            except Exception as exc:  # one bad document must not stop the batch
                # the user sees E201 (the document, the exception); the traceback only in a debug log
                log.debug("analysis failed for %s", document.source or document.id, exc_info=True)
                yield failed_analysis(document, exc)
                continue
            yield AnalyzedDocument(
                document=document,
                places=read.places,
                times=read.times,
                mentions=read.actor_mentions,
                regions=read.regions,
                actors=sorted(read.actors.values(), key=lambda a: a.id),
                events=found.events,
                claims=found.claims,
                responsibility=found.responsibility,
                warnings=read.errors,
            )


def run(
    inputs: Sequence[str | Path],
    out_dir: str | Path | None,
    db: str | Path | None = None,
    *,
    published: date | None = None,
    outlet: str | None = None,
    n_process: int = 1,
    progress: Progress | None = None,
    pipeline: Analyzer | None = None,
) -> RunResult:
    """Analyze reports into the store, link stories, and write the dossier."""
    out = Path(out_dir) if out_dir is not None else None
    db_path = location(db) if db is not None else (out / "triangulate.db" if out else Path("triangulate.db"))
    ingested = stream_paths(inputs, published=published, outlet=outlet)
    return run_documents(ingested, out, db_path, n_process=n_process, progress=progress, pipeline=pipeline,
                         dossier=False)


def run_documents(
    ingested: Ingested,
    out: Path | None,
    db_path: str | Path,
    *,
    n_process: int = 1,
    progress: Progress | None = None,
    pipeline: Analyzer | None = None,
    dossier: bool = True,
) -> RunResult:
    """Analyze the ingested documents into the store at `db_path` and link them. With `out`, the dossier's
    files are written there from the store, a report and a story at a time (`report.files`). The whole
    dossier is built in memory (`RunResult.dossier`) only when `dossier` is True: a caller that only
    stores or writes files (`triangulate run`, the server taking a batch) does not hold it. `pipeline`
    analyzes the documents (default: a `Pipeline` here); whatever analyzes them, this one writer stores
    and links.

    The documents are read once, into a temporary file (an `IngestStream`'s as they are read), and
    analyzed from it `ANALYSIS_CHUNK` at a time, linked into stories once a chunk is stored (every `LINK_EVERY`
    reports when an engine analyzes them in other processes): what stays in memory of each is its id and date.
    Linking report by report, the stories come out the same whatever the chunks; each changed story's links
    are computed once, at the end (`relink`).

    Into a store that held analyzed reports before, the files hold the part the run touched: the stories of
    its reports, with all their reports, and the run's errors (`triangulate export` writes the whole)."""
    store = open_store(db_path)
    sources: set[str] = set()

    def noted(documents: Iterable[Document]) -> Iterator[Document]:
        for document in documents:
            sources.add(document.source)
            yield document

    try:
        store.check_writable()  # a read-only database is said at once, not after the batch is analyzed
        store.for_batch()
        archive = store.has_analyses()
        with DocumentSpool(noted(ingested.documents)) as spool:
            # a warning no document carries (a metadata line's) is kept with the run's errors, or no one sees it
            orphans = [w for w in ingested.warnings if w.source not in sources]
            result = RunResult(out_dir=out, db_path=db_path, errors=[*ingested.errors, *orphans],
                               warnings=list(ingested.warnings))
            # the last chunk's analyses as saved: linking and `relink` take them rather than reading them back
            saved: dict[str, AnalyzedDocument] = {}
            run_ids, errors = _analyze(spool, store, result, n_process, progress, pipeline, saved)
        # with the engine's workers gone, a forked process writes the reports' part of the files while this
        # one relinks (a fresh store only: an archive's part depends on the stories, settled by `relink`)
        ahead = (_ReportsAhead(db_path, out, saved) if out is not None and not archive and result.analyzed
                 and getattr(pipeline, "frees_cores", False) and _ReportsAhead.possible(db_path) else None)
        try:
            relink(store, saved, keep_read=False)  # the store is closed below: nothing read is met again
        except BaseException:
            part = ahead.result() if ahead else None
            if part is not None:
                part.discard()
            raise
        if out is not None:
            scope = Scope(*store.dossier_scope(run_ids), errors) if archive else None
            try:
                written = write_dossier_files(store, out, scope, ahead.result() if ahead else None, saved)
            except OSError as exc:  # each file is written whole or not at all: those of the run before stay
                raise RunFailure(RunCode.FILES_UNWRITABLE,
                                 f"cannot write {exc.filename or out}: {exc.strerror or exc}") from exc
            result.outputs, result.summary = written.paths, written.counts
            saved.clear()
        else:
            result.summary = store.dossier_counts()
        if dossier:
            result.dossier = build_dossier(store)
    finally:
        store.close()
    return result


class _ReportsAhead:
    """The reports' part of the dossier's files (`write_reports_part`) written by a forked process from its
    own connection to the store while this one relinks: with an engine, its workers are done by then and
    their cores free. The part is None when the process failed (this one writes it then, as without)."""

    def __init__(self, db_path: str | Path, out: Path, saved: Mapping[str, AnalyzedDocument] | None = None) -> None:
        context = multiprocessing.get_context("fork")
        self._received, sent = context.Pipe(duplex=False)
        # forked: `saved` is the parent's, not sent
        self._process = context.Process(target=_write_ahead, args=(db_path, out, sent, saved), daemon=True)
        self._process.start()
        sent.close()

    @staticmethod
    def possible(db_path: str | Path) -> bool:
        """A store another process can open (not one in memory), and processes that can be forked."""
        return str(db_path) != ":memory:" and "fork" in multiprocessing.get_all_start_methods()

    def result(self) -> ReportsPart | None:
        try:
            part = self._received.recv()
        except (EOFError, OSError):  # the process died before it sent anything
            part = None
        finally:
            self._received.close()
            self._process.join()
        return part if isinstance(part, ReportsPart) and self._process.exitcode == 0 else None


def _write_ahead(
    db_path: str | Path, out: Path, sent: Any, saved: Mapping[str, AnalyzedDocument] | None = None
) -> None:
    """In the forked process: never touches the parent's connection (SQLite's is not carried across a fork)."""
    part = None
    try:
        store = open_store(db_path)
        try:
            part = write_reports_part(store, out, saved=saved)
        finally:
            store.close()
    except Exception:  # the parent writes the part itself; the reason shows when it does
        log.debug("writing the reports' part ahead failed", exc_info=True)
    sent.send(part)
    sent.close()


def _analyze(
    spool: DocumentSpool, store: Store, result: RunResult, n_process: int, progress: Progress | None,
    pipeline: Analyzer | None, saved: dict[str, AnalyzedDocument],
) -> tuple[list[str], list[IngestError]]:
    """Drop the near-duplicates, analyze and store the documents not stored with this analysis yet, link
    each chunk into stories (the stories changed are left due for `relink` in the store), and record the
    errors met (the near-duplicates among them). Returns the ids of the documents kept and the errors
    recorded. `saved` holds the analyses of the chunk analyzed last, as saved (at most `ANALYSIS_CHUNK`)."""
    keep, duplicates = near_duplicates(spool.keys, spool.text)
    result.documents = len(spool)
    result.duplicates = duplicates
    kept = [i for i, k in enumerate(keep) if k]
    todo = [i for i in kept if store.analyzed_version(spool.keys[i][0]) != ANALYZER_VERSION]
    result.unchanged = len(kept) - len(todo)
    if todo:
        if len(todo) >= HOLD_COUNTS_FROM:
            hold_counts(store)
        pipeline = pipeline or Pipeline()
        link_every = None if isinstance(pipeline, Pipeline) else LINK_EVERY  # an engine's workers analyze
        warned: dict[str, list[IngestError]] = {}
        for warning in result.warnings:
            warned.setdefault(warning.source, []).append(warning)
        done = 0
        for start in range(0, len(todo), ANALYSIS_CHUNK):
            saved.clear()
            chunk = [spool.get(i) for i in todo[start:start + ANALYSIS_CHUNK]]
            for item in _each_safely(pipeline, chunk, n_process):
                failures = [w for w in item.warnings if w.code == RunCode.ANALYSIS_FAILED.value]
                result.errors.extend(failures)
                item.warnings.extend(warned.get(item.document.source, []))
                store.save(item, "failed" if failures else ANALYZER_VERSION)
                saved[item.document.id] = item
                done += 1
                if progress:
                    progress(done, len(todo))
                if link_every and done % link_every == 0:
                    link_stories(store, saved=saved)
            link_stories(store, saved=saved)
        result.analyzed = done
    last = {doc_id: i for i, (doc_id, _) in enumerate(spool.keys)}  # of several with one id, the last, as before
    dup_errors = []
    for dup, kept_id in duplicates:
        dropped, original = spool.get(last[dup]), spool.get(last[kept_id])
        dup_errors.append(IngestError(
            source=dropped.source or dropped.external_id,
            code=Code.NEAR_DUPLICATE.value,
            message=f"near-duplicate of {original.external_id}; kept that one only (syndicated copies count once)",
        ))
    store.add_errors(result.errors + dup_errors)
    return [spool.keys[i][0] for i in kept], result.errors + dup_errors


def _each_safely(analyzer: Analyzer, documents: list[Document], n_process: int) -> Iterator[AnalyzedDocument]:
    """The analyzer's results; when it fails as a whole (the parser refused a text, which fails its batch),
    the documents not done yet are analyzed one at a time, so that only the one that caused it fails (E201)."""
    done = 0
    try:
        for item in analyzer.analyze_documents(documents, n_process=n_process):
            yield item
            done += 1
    except Exception as exc:
        log.warning("analysis of a batch failed (%s); analyzing the rest one at a time", exc)
        for document in documents[done:]:
            try:
                yield from analyzer.analyze_documents([document])
            except Exception as alone:
                log.debug("analysis failed for %s", document.source or document.id, exc_info=True)
                yield failed_analysis(document, alone)


def analyze(
    inputs: Iterable[str | Path | Document] | str,
    *,
    db: str | Path = ":memory:",
    out_dir: str | Path | None = None,
    published: date | None = None,
    outlet: str | None = None,
) -> dict[str, Any]:
    """One call: report files, folders or Documents in, the dossier (a JSON-ready dict) out."""
    items = [inputs] if isinstance(inputs, str) else list(inputs)
    # Documents given directly are held to what files are: the text cap, empty texts, implausible dates
    given = load_documents(d for d in items if isinstance(d, Document))
    paths = [p for p in items if not isinstance(p, Document)]
    ingested = load_paths(paths, published=published, outlet=outlet) if paths else IngestResult([], [], [])
    ingested.documents.extend(given.documents)
    ingested.errors.extend(given.errors)
    ingested.warnings.extend(given.warnings)
    out = Path(out_dir) if out_dir is not None else None
    return run_documents(ingested, out, location(db)).dossier
