"""Reports in: text, HTML, JSON Lines and feed files, folders of them, JSON Lines on stdin, or web pages.

`load_paths` never raises on bad input: every problem becomes an `IngestError` with a stable
code (see `triangulate.ingest.errors` and docs/errors.md) in `errors` (the input gave no
document) or `warnings` (a document was read, with a flaw). Loading the same inputs twice
gives the same Documents in the same order.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from triangulate.ingest import jsonl
from triangulate.ingest.common import Defaults, Problems
from triangulate.ingest.dedup import drop_near_duplicates
from triangulate.ingest.files import load_files
from triangulate.records import Document, IngestError

if TYPE_CHECKING:
    from triangulate.ingest.fetch import Fetcher

__all__ = ["IngestResult", "drop_near_duplicates", "load_jsonl_stream", "load_paths", "load_urls"]

STDIN = "-"


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    warnings: list[IngestError] = field(default_factory=list)


def load_paths(
    paths: Sequence[str | Path], *, published: date | None = None, outlet: str | None = None
) -> IngestResult:
    """Documents of files and folders (walked recursively, sorted); "-" reads JSON Lines from stdin.

    `published` and `outlet` fill in only where neither a file nor its metadata gives one.
    """
    defaults = Defaults(published=published, outlet=outlet)
    problems = Problems()
    documents: list[Document] = []
    batch: list[str | Path] = []

    def flush() -> None:
        documents.extend(load_files(batch, defaults, problems))
        batch.clear()

    for path in paths:
        if str(path) == STDIN:  # keep the order of the arguments around stdin
            flush()
            documents.extend(jsonl.load_jsonl_stream(sys.stdin, "<stdin>", defaults=defaults, problems=problems))
        else:
            batch.append(path)
    flush()
    return IngestResult(documents, problems.errors, problems.warnings)


def load_jsonl_stream(
    stream: TextIO, source: str = "<stdin>", *, published: date | None = None, outlet: str | None = None
) -> IngestResult:
    """Documents of JSON Lines read from an open text stream."""
    problems = Problems()
    documents = jsonl.load_jsonl_stream(
        stream, source, defaults=Defaults(published=published, outlet=outlet), problems=problems
    )
    return IngestResult(documents, problems.errors, problems.warnings)


def load_urls(urls: Sequence[str], fetcher: Fetcher, *, outlet: str | None = None) -> IngestResult:
    """Documents of web pages and feeds, each fetched once through the safe fetcher (see ingest.fetch).

    `outlet` fills in for a page that names none (else its host does).
    """
    # requests and trafilatura load only when needed
    from triangulate.ingest.web import load_urls as fetch_all

    documents, problems = fetch_all(urls, fetcher, outlet=outlet)
    return IngestResult(documents, problems.errors, problems.warnings)
