"""Live sources: `run` over page URLs, and the `watch` loop that fetches feeds and analyzes their new reports.

A round fetches each feed with the validators its server gave last time (If-None-Match,
If-Modified-Since): a 304 costs that one request and nothing more. Of a changed feed, only the
items not stored yet (by URL or by id, and not met earlier in the round in another feed) have
their pages fetched; the pages become Documents, and the pipeline stores and links them. A feed's
new validators are kept only after its items are stored, and only when no item is left to fetch
again: otherwise the next round reads the feed whole and fetches just the items still missing. A
page that fails is tried in PAGE_ATTEMPTS rounds in a row at most, then left alone.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from triangulate.ingest import IngestResult, IngestStream, load_urls, stream_paths
from triangulate.ingest.common import Problems
from triangulate.ingest.errors import Code
from triangulate.ingest.fetch import Fetcher, Validators, is_web_url
from triangulate.ingest.web import fetch_feed, item_document, resolve_link
from triangulate.pipeline import Analyzer, Pipeline, Progress, RunResult, run_documents
from triangulate.records import Document, IngestError
from triangulate.report.markdown_text import counted
from triangulate.store import FetchState, Store, location, open_store

log = logging.getLogger(__name__)

# new items fetched per feed and round: a feed listing thousands is read over several rounds
MAX_NEW_ITEMS = 100
MIN_EVERY = 30.0  # seconds between rounds at the least: more often is impolite to the sources
# rounds in a row an item's page may fail (a timeout, HTTP 5xx, no text) before it is left alone
PAGE_ATTEMPTS = 3
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in "30s", "15m", "1h", "1d" (a bare number is seconds); ValueError if it is none of these."""
    match = _INTERVAL.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"{text!r} is not an interval; write it like 30s, 15m, 1h or 1d")
    return float(match.group(1)) * _SECONDS[match.group(2).lower()]


def run_reports(
    inputs: Sequence[str | Path],
    out_dir: str | Path | None,
    db: str | Path | None = None,
    *,
    allow_private: bool = False,
    published: date | None = None,
    outlet: str | None = None,
    n_process: int = 1,
    progress: Progress | None = None,
    fetcher: Fetcher | None = None,
    pipeline: Analyzer | None = None,
) -> RunResult:
    """What `triangulate run` does: files, folders, stdin and http(s) page URLs, analyzed into the store.

    Pages given by URL are always fetched (they were asked for); one already stored with the
    same text is not analyzed again.
    """
    out = Path(out_dir) if out_dir is not None else None
    db_path = location(db) if db is not None else (out / "triangulate.db" if out else Path("triangulate.db"))
    urls = [str(i) for i in inputs if is_web_url(str(i))]
    paths = [i for i in inputs if not is_web_url(str(i))]
    # the files are read as the run takes them in; the pages are fetched after them
    ingested = stream_paths(paths, published=published, outlet=outlet) if paths else IngestStream(iter(()))

    def documents() -> Iterator[Document]:
        yield from ingested.documents
        if not urls:
            return
        client = fetcher or Fetcher(allow_private=allow_private)
        try:
            fetched = load_urls(urls, client, outlet=outlet)
        finally:
            if fetcher is None:
                client.close()
        ingested.errors.extend(fetched.errors)
        ingested.warnings.extend(fetched.warnings)
        yield from (_with_date(d, published) for d in fetched.documents)

    return run_documents(IngestStream(documents(), ingested.errors, ingested.warnings), out, db_path,
                         n_process=n_process, progress=progress, pipeline=pipeline, dossier=False)


def _with_date(document: Document, published: date | None) -> Document:
    if document.published is not None or published is None:
        return document
    return document.model_copy(update={"published": published})


FeedOutcome = Literal["updated", "unchanged", "failed"]


@dataclass
class FeedReport:
    url: str
    outcome: FeedOutcome
    items: int = 0  # items the feed lists
    new: int = 0  # items not stored before, whose reports were read this round


@dataclass
class Round:
    """What one round did."""

    number: int
    feeds: list[FeedReport] = field(default_factory=list)
    documents: int = 0  # new reports read
    analyzed: int = 0  # of which analyzed (the rest were stored already, or copies)
    errors: list[IngestError] = field(default_factory=list)
    run: RunResult | None = None

    def count(self, outcome: FeedOutcome) -> int:
        return sum(1 for f in self.feeds if f.outcome == outcome)

    def summary(self) -> str:
        return (
            f"round {self.number}: {counted(self.documents, 'new report')} ({self.analyzed} analyzed); "
            f"feeds: {self.count('updated')} changed, {self.count('unchanged')} unchanged, "
            f"{self.count('failed')} failed; {counted(len(self.errors), 'error')}"
        )


class Watcher:
    """Rounds over a fixed list of feeds, into one store."""

    def __init__(
        self,
        feeds: Sequence[str],
        db_path: str | Path,
        out_dir: str | Path | None = None,
        *,
        fetcher: Fetcher,
        pipeline: Pipeline | None = None,
        max_items: int = MAX_NEW_ITEMS,
    ) -> None:
        self.feeds = list(dict.fromkeys(feeds))
        self.max_items = max_items
        self.db_path = location(db_path)
        self.out_dir = Path(out_dir) if out_dir is not None else None
        self.fetcher = fetcher
        self._pipeline = pipeline
        self.rounds = 0

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:  # loaded on the first round with something to analyze, then kept
            self._pipeline = Pipeline()
        return self._pipeline

    def round(self) -> Round:
        self.rounds += 1
        report = Round(self.rounds)
        problems = Problems()
        documents: list[Document] = []
        states: list[FetchState] = []
        store = open_store(self.db_path)
        try:
            seen: set[str] = set()
            for url in self.feeds:
                try:
                    feed_report, feed_states = self._feed(store, url, seen, documents, problems)
                except Exception as exc:  # a bug on one odd feed must not stop the others, nor the loop
                    log.debug("watch failed on %s", url, exc_info=True)  # the user sees E199; the traceback in a debug log
                    problems.error(Code.INTERNAL, url, f"reading this feed failed ({type(exc).__name__}: {exc})")
                    feed_report, feed_states = FeedReport(url, "failed"), []
                report.feeds.append(feed_report)
                states += feed_states
            report.documents = len(documents)
            if documents:
                ingested = IngestResult(documents, problems.errors, problems.warnings)
                report.run = run_documents(ingested, self.out_dir, self.db_path, pipeline=self.pipeline, dossier=False)
                report.analyzed = report.run.analyzed
                report.errors = report.run.errors
            else:
                store.add_errors(problems.errors)
                report.errors = problems.errors
            # only now that the reports are stored: a crash before this reads the feeds whole again
            for state in states:
                store.save_fetch_state(state)
        finally:
            store.close()
        return report

    def _feed(
        self, store: Store, url: str, seen: set[str], documents: list[Document], problems: Problems
    ) -> tuple[FeedReport, list[FetchState]]:
        """Fetch one feed and its new items' pages; the fetch states to save once they are stored."""
        now = _now()
        last = store.fetch_state(url)
        validators = Validators(last.etag, last.last_modified) if last else None
        before = len(problems.errors)
        fetched = fetch_feed(self.fetcher, url, problems, validators)
        if fetched is None:  # keep the old validators: the feed did not change by failing
            why = problems.errors[-1].message if len(problems.errors) > before else "unreadable"
            return FeedReport(url, "failed"), [FetchState(
                url, "feed", now, etag=last.etag if last else None,
                last_modified=last.last_modified if last else None, error=why,
            )]
        if fetched.feed is None:
            kept = validators or Validators()
            return FeedReport(url, "unchanged"), [
                FetchState(url, "feed", now, etag=kept.etag, last_modified=kept.last_modified, status=304)
            ]
        items = [resolve_link(i, fetched.final_url) for i in fetched.feed.items]
        known = store.known_sources([i.url for i in items if i.url], [i.guid for i in items if i.guid],
                                    give_up_after=PAGE_ATTEMPTS)
        states = []
        new = 0
        later = False  # items to fetch (again) in a later round
        for item in items:
            keys = {k for k in (item.url, item.guid) if k}
            if keys & (known | seen):
                continue
            if new == self.max_items:  # the rest next round: the feed is read whole again until all are in
                later = True
                break
            seen.update(keys)
            new += 1
            errors = len(problems.errors)
            document = item_document(self.fetcher, item, fetched.feed.outlet, problems)
            if document is not None:
                documents.append(document)
                if item.url:  # fetched whole: not again, even if the pipeline drops it as a copy
                    states.append(FetchState(item.url, "page", _now(), status=200))
            elif item.url:  # an item without a link has nothing to retry
                previous = store.fetch_state(item.url)
                attempts = (previous.attempts if previous else 0) + 1
                why = problems.errors[-1].message if len(problems.errors) > errors else "no report"
                states.append(FetchState(item.url, "page", _now(), error=why, attempts=attempts))
                later = later or attempts < PAGE_ATTEMPTS
        clean = not later
        kept = fetched.validators if clean else Validators()
        states.append(FetchState(url, "feed", now, etag=kept.etag, last_modified=kept.last_modified, status=200,
                                 error=None if clean else "items failed or left for later; read whole next round"))
        return FeedReport(url, "updated", items=len(items), new=new), states


def watch(
    watcher: Watcher,
    every: float,
    *,
    once: bool = False,
    on_round: Callable[[Round], None] = lambda _round: None,
    stop: threading.Event | None = None,
) -> int:
    """Run rounds every `every` seconds (start to start) until `stop` is set (or after one, `once`);
    return how many ran. Ctrl-C (KeyboardInterrupt) is left to the caller."""
    stop = stop or threading.Event()
    while True:
        started = time.monotonic()
        on_round(watcher.round())
        if once or stop.wait(max(0.0, every - (time.monotonic() - started))):
            return watcher.rounds


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
