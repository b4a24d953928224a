"""Reports in: text, HTML, JSON Lines and feed files, folders of them, JSON Lines on stdin, or web pages.

`load_paths` never raises on bad input: every problem becomes an `IngestError` with a stable
code (see `triangulate.ingest.errors` and docs/errors.md) in `errors` (the input gave no
document) or `warnings` (a document was read, with a flaw). Loading the same inputs twice
gives the same Documents in the same order.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from triangulate.ingest import jsonl
from triangulate.ingest.common import Defaults, Problems, given_document
from triangulate.ingest.dedup import drop_near_duplicates
from triangulate.ingest.files import load_files
from triangulate.records import Document, IngestError

if TYPE_CHECKING:
    from triangulate.ingest.fetch import Fetcher

__all__ = [
    "IngestResult", "IngestStream", "Ingested", "drop_near_duplicates", "load_documents", "load_jsonl_stream",
    "load_paths", "load_urls", "stream_paths",
]

STDIN = "-"


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    warnings: list[IngestError] = field(default_factory=list)


@dataclass
class IngestStream:
    """Documents read as they are iterated (once); `errors` and `warnings` are complete when they all are."""

    documents: Iterator[Document]
    errors: list[IngestError] = field(default_factory=list)
    warnings: list[IngestError] = field(default_factory=list)


class Ingested(Protocol):
    """What a run takes: an `IngestResult` or an `IngestStream`."""

    @property
    def documents(self) -> Iterable[Document]: ...
    @property
    def errors(self) -> list[IngestError]: ...
    @property
    def warnings(self) -> list[IngestError]: ...


def load_paths(
    paths: Sequence[str | Path], *, published: date | None = None, outlet: str | None = None
) -> IngestResult:
    """Documents of files and folders (walked recursively, sorted); "-" reads JSON Lines from stdin.

    `published` and `outlet` fill in only where neither a file nor its metadata gives one.
    """
    stream = stream_paths(paths, published=published, outlet=outlet)
    documents = list(stream.documents)
    return IngestResult(documents, stream.errors, stream.warnings)


def stream_paths(
    paths: Sequence[str | Path], *, published: date | None = None, outlet: str | None = None
) -> IngestStream:
    """`load_paths`, its documents read as they are iterated (a JSON Lines file a line at a time)."""
    defaults = Defaults(published=published, outlet=outlet)
    problems = Problems()

    def documents() -> Iterator[Document]:
        batch: list[str | Path] = []
        for path in paths:
            if str(path) == STDIN:  # keep the order of the arguments around stdin
                yield from load_files(batch, defaults, problems)
                batch = []
                yield from jsonl.load_jsonl_stream(sys.stdin, "<stdin>", defaults=defaults, problems=problems)
            else:
                batch.append(path)
        yield from load_files(batch, defaults, problems)

    return IngestStream(documents(), problems.errors, problems.warnings)


def load_jsonl_stream(
    stream: TextIO, source: str = "<stdin>", *, published: date | None = None, outlet: str | None = None
) -> IngestResult:
    """Documents of JSON Lines read from an open text stream."""
    problems = Problems()
    documents = list(jsonl.load_jsonl_stream(
        stream, source, defaults=Defaults(published=published, outlet=outlet), problems=problems
    ))
    return IngestResult(documents, problems.errors, problems.warnings)


def load_documents(documents: Iterable[Document]) -> IngestResult:
    """Documents handed over directly, held to the caps and checks a file's text gets (`given_document`)."""
    problems = Problems()
    kept = [d for d in (given_document(doc, problems) for doc in documents) if d is not None]
    return IngestResult(kept, problems.errors, problems.warnings)


def load_urls(urls: Sequence[str], fetcher: Fetcher, *, outlet: str | None = None) -> IngestResult:
    """Documents of web pages and feeds, each fetched once through the safe fetcher (see ingest.fetch).

    `outlet` fills in for a page that names none (else its host does).
    """
    # requests and trafilatura load only when needed
    from triangulate.ingest.web import load_urls as fetch_all

    documents, problems = fetch_all(urls, fetcher, outlet=outlet)
    return IngestResult(documents, problems.errors, problems.warnings)
