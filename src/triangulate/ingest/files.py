"""Plain-text reports, their folder's metadata.jsonl, and walking files and folders.

A .txt file is one report, and its whole text is the stored text: a headline is read like the
rest (it often says who blames whom in the fewest words) and every offset indexes the file as
published. When its first line is followed by a blank line and looks like a headline (at most
200 characters, not ending with a full stop), that line is also the title. When the metadata
gives the title, that title wins; the first line stays text either way.

A metadata.jsonl in the same folder gives what plain text lacks: one JSON object a line with
`file` (a name relative to that folder), `title`, `outlet`, `url`, `published`; other fields
are ignored, and a null value gives nothing. Metadata wins over what the file itself shows.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from triangulate.ingest.common import (
    Defaults,
    FileMeta,
    Problems,
    decode,
    finalize_text,
    json_object,
    make_document,
    read_bytes,
    read_record_fields,
    read_text_file,
    shown_path,
    unicode_fields,
)
from triangulate.ingest.errors import Code
from triangulate.records import Document, normalize_text

log = logging.getLogger(__name__)

METADATA_NAME = "metadata.jsonl"
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
MAX_TITLE_CHARS = 200


@dataclass
class MetadataIndex:
    """Metadata of every folder met so far, keyed by the resolved path of the file it describes."""

    entries: dict[Path, FileMeta] = field(default_factory=dict)
    loaded: set[Path] = field(default_factory=set)

    def load_folder(self, folder: Path, problems: Problems) -> None:
        key = _resolve(folder)
        if key in self.loaded:
            return
        self.loaded.add(key)
        path = folder / METADATA_NAME
        if path.is_file():
            self.entries.update(read_metadata(path, problems))

    def get(self, path: Path) -> FileMeta:
        return self.entries.get(_resolve(path), FileMeta())


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:  # e.g. a symlink loop: fall back to the absolute spelling
        return path.absolute()


def read_metadata(path: Path, problems: Problems) -> dict[Path, FileMeta]:
    """Parse a metadata.jsonl; every flaw is a warning, since the files it describes still load."""
    source = shown_path(path)
    data = read_bytes(path, source, problems, as_warning=True)
    text = None if data is None else decode(data, source, problems, as_warning=True)
    if text is None:
        return {}
    found: dict[Path, FileMeta] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        row, why, _ = json_object(line)
        if row is None:
            problems.warn(Code.METADATA_BAD_LINE, where, f"{METADATA_NAME} line {number} {why}")
            continue
        row = unicode_fields(row, where, problems)
        name = row.get("file")
        if not isinstance(name, str) or not name.strip():
            problems.warn(Code.METADATA_NO_FILE, where, f"{METADATA_NAME} line {number} has no `file`")
            continue
        target = path.parent / name.strip()
        if not target.is_file():
            problems.warn(
                Code.METADATA_MISSING_FILE, where, f"{METADATA_NAME} line {number} names {name!r}, which is not there"
            )
            continue
        found[_resolve(target)] = _file_meta(row, where, problems)
    return found


def _file_meta(row: dict[str, object], where: str, problems: Problems) -> FileMeta:
    values, published = read_record_fields(row, where, problems)
    return FileMeta(published=published, **values)


def split_title(text: str) -> tuple[str | None, str]:
    """(title, body) by the first-line rule; text must be normalized."""
    first, sep, rest = text.partition("\n")
    if not sep or not rest.startswith("\n"):
        return None, text
    title = first.strip()
    body = rest.strip()
    if not title or not body or len(title) > MAX_TITLE_CHARS or title.endswith("."):
        return None, text
    return " ".join(title.split()), body


def load_txt(
    path: Path, source: str, external_id: str, meta: FileMeta, defaults: Defaults, problems: Problems
) -> list[Document]:
    raw = read_text_file(path, source, problems)
    if raw is None:
        return []
    normalized = normalize_text(raw)
    title, _ = split_title(normalized)
    text = finalize_text(normalized, source, problems)
    if not text:
        problems.error(Code.EMPTY, source, "the file holds only white space")
        return []
    return [
        make_document(
            text=text,
            external_id=external_id,
            source=source,
            title=meta.title or title,
            outlet=meta.outlet,
            url=meta.url,
            published=meta.published,
            language=meta.language,
            defaults=defaults,
        )
    ]


Loader = Callable[[Path, str, str, FileMeta, Defaults, Problems], Iterable[Document]]


def loader_for(path: Path) -> Loader | None:
    """The reader for a file's extension, or None when ingest does not read it."""
    # imported here: html.py pulls in trafilatura, which is slow to import
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return load_txt
    if suffix in HTML_SUFFIXES:
        from triangulate.ingest.html import load_html_file

        return load_html_file
    if suffix in JSONL_SUFFIXES:
        from triangulate.ingest.jsonl import load_jsonl_file

        return load_jsonl_file
    if suffix in FEED_SUFFIXES:
        from triangulate.ingest.feeds import load_feed_file

        return load_feed_file
    return None


@dataclass
class _Job:
    path: Path
    external_id: str


def collect_files(paths: Sequence[str | Path], problems: Problems, metadata: MetadataIndex) -> list[_Job]:
    """Every file to read, in a stable order: arguments in order, folders walked sorted."""
    jobs: list[_Job] = []
    seen: set[Path] = set()

    def add(path: Path, external_id: str) -> None:
        key = _resolve(path)
        if key not in seen:  # the same file named twice (or by its folder too) is read once
            seen.add(key)
            jobs.append(_Job(path, external_id))

    for given in paths:
        path = Path(given)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists() or path.is_symlink()
        except OSError as exc:
            problems.error(Code.UNREADABLE, shown_path(path), f"cannot look at the path ({exc.strerror or exc})")
            continue
        if not exists:
            problems.error(Code.PATH_NOT_FOUND, shown_path(path), "no such file or folder")
        elif is_dir:
            for file in _walk(path, problems, metadata):
                add(file, shown_path(file.relative_to(path).as_posix()))
        elif path.name == METADATA_NAME:
            problems.warn(Code.METADATA_GIVEN, shown_path(path), f"{METADATA_NAME} holds no report of its own")
        elif path.suffix.lower() not in KNOWN_SUFFIXES:
            problems.error(
                Code.UNSUPPORTED_TYPE, shown_path(path),
                f"ingest does not read {shown_path(path.suffix) or 'extension-less'} files",
            )
        else:
            metadata.load_folder(path.parent, problems)
            add(path, shown_path(path.name))
    return jobs


def _walk(root: Path, problems: Problems, metadata: MetadataIndex) -> list[Path]:
    """Readable-looking files under root, sorted, skipping hidden entries and unknown extensions."""
    found: list[Path] = []

    def on_error(exc: OSError) -> None:
        problems.error(Code.UNREADABLE, shown_path(exc.filename or root),
                       f"cannot list the folder ({exc.strerror or exc})")

    for folder, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(folder)
        metadata.load_folder(here, problems)
        for name in sorted(filenames):
            if name.startswith(".") or name == METADATA_NAME:
                continue
            if Path(name).suffix.lower() in KNOWN_SUFFIXES:
                found.append(here / name)
    return found


def load_files(paths: Sequence[str | Path], defaults: Defaults, problems: Problems) -> Iterator[Document]:
    """The documents of the files and folders, a file (a JSON Lines file: a line) at a time."""
    metadata = MetadataIndex()
    for job in collect_files(paths, problems, metadata):
        loader = loader_for(job.path)
        if loader is None:  # pragma: no cover - collect_files keeps known suffixes only
            continue
        source = shown_path(job.path)
        try:
            yield from loader(job.path, source, job.external_id, metadata.get(job.path), defaults, problems)
        except Exception as exc:  # a bug on one odd file must not cost the rest of the batch
            # the user sees E199 (the file, the exception); the traceback only in a debug log
            log.debug("ingest failed on %s", source, exc_info=True)
            problems.error(Code.INTERNAL, source, f"ingest failed on this file ({type(exc).__name__}: {exc})")
