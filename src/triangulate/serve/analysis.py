"""The server's analysis: reports posted as JSON Lines analyzed and linked into the stored stories, and
claims checked; spaCy loaded once, on first use, and one analysis at a time.

A posted body is one JSON object, a JSON array of them, or JSON Lines; each report is read by the
JSON Lines reader of `ingest`, so it is checked exactly as `triangulate run reports.jsonl` checks a line,
and a bad one costs only itself. Re-posting a report is idempotent: its id is its text's hash, and a
report stored by this analyzer version is not analyzed again.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from triangulate.records import Document, IngestError
from triangulate.run_codes import RunCode
from triangulate.store import open_store

if TYPE_CHECKING:  # spaCy and the pipeline load on the first analysis, so a server starts in a second
    from triangulate.ingest.common import Problems
    from triangulate.link.check_result import CheckResult
    from triangulate.pipeline import Pipeline

SOURCE = "request"  # errors name a report "request:3": the third item of the array, or line 3
Status = Literal["analyzed", "unchanged", "duplicate", "failed", "rejected"]


class BodyError(ValueError):
    """A body that holds no report at all (not text, or empty); the message says what to send."""


class ReportOutcome(BaseModel):
    """What became of one posted report."""

    index: int = Field(description="1-based: the item of the array, or the line of JSON Lines")
    id: str | None = Field(None, description="the report's own `id` as posted")
    doc_id: str | None = Field(None, description="the stored report's id (a hash of its text)")
    story_id: str | None = Field(None, description="the story it was linked into")
    status: Status = Field(description="analyzed; unchanged (stored before); duplicate (a copy of "
                           "`duplicate_of` in the same batch); failed (stored without results); rejected (not read)")
    duplicate_of: str | None = None
    errors: list[IngestError] = Field(default_factory=list)
    warnings: list[IngestError] = Field(default_factory=list)


class PostResult(BaseModel):
    """The outcome of a POST /api/reports, report by report."""

    analyzed: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: int = 0
    rejected: int = 0
    reports: list[ReportOutcome] = Field(default_factory=list)

    @property
    def stored_any(self) -> bool:
        return any(r.doc_id for r in self.reports)


def report_lines(body: bytes) -> list[str]:
    """The body as JSON Lines: an object is one line, an array's items are lines, else its own lines."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BodyError("the body is not UTF-8 text; send JSON in UTF-8") from None
    if not text.strip():
        raise BodyError("the body is empty; send a JSON object with `text`, an array of them, or JSON Lines")
    try:
        whole: Any = json.loads(text)
    except ValueError:
        # JSON Lines: split on newlines only, as a file is read (str.splitlines would also cut at U+2028)
        return text.split("\n")
    if isinstance(whole, list):
        if not whole:
            raise BodyError("the array is empty; put at least one report in it")
        return [json.dumps(item, ensure_ascii=False) for item in whole]
    return [json.dumps(whole, ensure_ascii=False)]


def _index(source: str) -> int | None:
    prefix = SOURCE + ":"
    return int(source[len(prefix):]) if source.startswith(prefix) and source[len(prefix):].isdigit() else None


class Analysis:
    """The server's one analysis engine over its database."""

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = db_path
        self.lock = threading.Lock()  # one analysis at a time: spaCy and the store's writes are not shared
        self._pipeline: Pipeline | None = None

    def _loaded(self) -> Pipeline:
        from triangulate.pipeline import Pipeline

        if self._pipeline is None:
            self._pipeline = Pipeline()
        return self._pipeline

    def post(self, body: bytes) -> PostResult:
        """Read, analyze and link the reports of a request body (blocking: run it off the event loop)."""
        from triangulate.ingest.common import Defaults, Problems
        from triangulate.ingest.jsonl import read_lines

        lines = report_lines(body)
        problems = Problems()
        documents = read_lines(lines, SOURCE, Defaults(), problems)
        if not documents and all(_index(e.source) is None for e in problems.errors):
            raise BodyError("the body holds no report; send a JSON object with `text`, an array of them, "
                            "or JSON Lines")
        with self.lock:
            return self._store(documents, problems)

    def _store(self, documents: list[Document], problems: Problems) -> PostResult:
        from triangulate.ingest import IngestResult, drop_near_duplicates
        from triangulate.pipeline import ANALYZER_VERSION, run_documents

        kept, dropped = drop_near_duplicates(documents)
        kept_sources = {d.source for d in kept}
        copy_of = dict(dropped)
        store = open_store(self.db_path)
        try:
            stored_before = {d.id for d in kept if store.analyzed_version(d.id) == ANALYZER_VERSION}
        finally:
            store.close()
        todo = [d for d in kept if d.id not in stored_before]
        result = run_documents(IngestResult(documents, problems.errors, problems.warnings), None, self.db_path,
                               pipeline=self._loaded() if todo else None, dossier=False)
        failed = {e.source for e in result.errors if e.code == RunCode.ANALYSIS_FAILED.value}
        store = open_store(self.db_path)
        try:
            story_of = store.stories_of(d.id for d in documents)
        finally:
            store.close()
        outcomes: dict[int, ReportOutcome] = {}
        for doc in documents:
            index = _index(doc.source) or 0
            if doc.source not in kept_sources:
                status: Status = "duplicate"
            elif doc.source in failed:
                status = "failed"
            else:
                status = "unchanged" if doc.id in stored_before else "analyzed"
            kept_id = copy_of[doc.id] if status == "duplicate" else doc.id
            outcomes[index] = ReportOutcome(
                index=index, id=doc.external_id, doc_id=doc.id if kept_id == doc.id else None,
                story_id=story_of.get(kept_id), status=status,
                duplicate_of=kept_id if status == "duplicate" else None,
            )
        for kind, items in (("errors", problems.errors), ("warnings", problems.warnings),
                            ("errors", [e for e in result.errors if e.source in failed])):
            for item in items:
                where = _index(item.source)
                if where is None:
                    continue
                outcome = outcomes.setdefault(where, ReportOutcome(index=where, status="rejected"))
                getattr(outcome, kind).append(item)
        reports = [outcomes[i] for i in sorted(outcomes)]
        return PostResult(
            analyzed=sum(r.status == "analyzed" for r in reports),
            unchanged=sum(r.status == "unchanged" for r in reports),
            duplicates=sum(r.status == "duplicate" for r in reports),
            failed=sum(r.status == "failed" for r in reports),
            rejected=sum(r.status == "rejected" for r in reports),
            reports=reports,
        )

    def check(self, claim: str) -> CheckResult:
        """The verdict on a claim, as `triangulate check` gives it (blocking: run it off the event loop)."""
        from triangulate.link.verdict import check_record

        with self.lock:
            store = open_store(self.db_path)
            try:
                return check_record(store, claim)
            finally:
                store.close()
