"""JSON Lines: one report per line, from a file or a stream (stdin).

Each line is an object with `id` and `text`, and optionally `title`, `url`, `outlet`,
`published` and `language`; other fields are ignored. A bad line is reported with its
line number (`reports.jsonl:7`) and the rest of the file goes on. There is no cap on the
whole file, which streams; each line is capped like a file (5 MB).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import AnyStr, TextIO

from triangulate.ingest.common import (
    LEGACY_HANDLER,
    MAX_FILE_BYTES,
    Defaults,
    FileMeta,
    Problems,
    finalize_text,
    json_object,
    make_document,
    read_record_fields,
    unicode_fields,
)
from triangulate.ingest.errors import Code
from triangulate.records import Document

_SNIFF_BYTES = 8192


def load_jsonl_file(
    path: Path, source: str, external_id: str, meta: FileMeta, defaults: Defaults, problems: Problems
) -> Iterator[Document]:
    """Reports of a .jsonl file, a line at a time; folder metadata does not apply, each line carries its own."""
    try:
        if not path.is_file():  # a FIFO or a device would block or never end
            problems.error(Code.UNREADABLE, source, "not a regular file")
            return
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
            if not head.strip():
                problems.error(Code.EMPTY, source, "the file is empty")
                return
            if b"\x00" in head:
                problems.error(Code.BINARY, source, "the file holds NUL bytes, so it is binary")
                return
            handle.seek(0)
            yield from iter_lines(_decoded_lines(handle, source, problems), source, defaults, problems)
    except OSError as exc:
        problems.error(Code.UNREADABLE, source, f"cannot read the file ({exc.strerror or exc})")


def _decoded_lines(handle: Iterable[bytes], source: str, problems: Problems) -> Iterator[str | None]:
    """Decoded lines, the bytes that are not UTF-8 read as Windows-1252/Latin-1; None stands for a line
    over the cap."""
    warned = False
    for number, raw in enumerate(_bounded_lines(handle), start=1):
        if raw is None:
            yield None
            continue
        codec = "utf-8-sig" if number == 1 else "utf-8"
        try:
            yield raw.decode(codec)
        except UnicodeDecodeError:
            if not warned:
                problems.warn(Code.LEGACY_ENCODING, source,
                              "not valid UTF-8; what is not was read as Windows-1252/Latin-1")
                warned = True
            yield raw.decode(codec, errors=LEGACY_HANDLER)


def _bounded_lines(handle: Iterable[AnyStr]) -> Iterator[AnyStr | None]:
    """Lines of a file or stream (bytes or text), read at most the cap at a time; None stands for a line
    over the cap, whose rest is skipped."""
    reader = getattr(handle, "readline", None)
    if reader is None:  # pragma: no cover - files always have readline
        yield from handle
        return
    while True:
        line: AnyStr = reader(MAX_FILE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_FILE_BYTES and not _ends_line(line):
            while True:  # skip the rest of the long line
                more: AnyStr = reader(MAX_FILE_BYTES)
                if not more or _ends_line(more):
                    break
            yield None
            continue
        yield line


def _ends_line(chunk: str | bytes) -> bool:
    return chunk[-1:] in (b"\n", "\n")


def load_jsonl_stream(
    stream: TextIO, source: str = "<stdin>", *, defaults: Defaults, problems: Problems
) -> Iterator[Document]:
    """Reports from an open text stream, such as standard input, a line at a time (each read within the
    cap); its bytes when it has them (standard input does), decoded like a file's."""
    binary = getattr(stream, "buffer", None)
    lines = _decoded_lines(binary, source, problems) if binary is not None else _guarded(stream, source, problems)
    try:
        yield from iter_lines(lines, source, defaults, problems)
    except OSError as exc:
        problems.error(Code.UNREADABLE, source, f"cannot read the stream ({exc.strerror or exc})")


def _guarded(stream: TextIO, source: str, problems: Problems) -> Iterator[str | None]:
    try:
        yield from _bounded_lines(stream)
    except UnicodeDecodeError as exc:
        problems.error(Code.UNREADABLE, source, f"the stream is not valid text ({exc.reason})", "send UTF-8 text")


def read_lines(
    lines: Iterable[str | None], source: str, defaults: Defaults, problems: Problems
) -> list[Document]:
    """Documents of JSONL lines (None: a line over the cap); a bad line costs only itself."""
    return list(iter_lines(lines, source, defaults, problems))


def iter_lines(
    lines: Iterable[str | None], source: str, defaults: Defaults, problems: Problems
) -> Iterator[Document]:
    """`read_lines`, a document at a time."""
    saw_content = False
    errors_before = len(problems.errors)
    first_line: dict[str, tuple[int, str]] = {}  # each id given: the line it was first given on, its document
    for number, line in enumerate(lines, start=1):
        if line is None or len(line) > MAX_FILE_BYTES:
            problems.error(Code.JSONL_LINE_TOO_LONG, f"{source}:{number}", f"line {number} is over the 5 MB cap")
            continue
        if not line.strip():
            continue
        saw_content = True
        document = _read_line(line, number, source, defaults, problems)
        if document is None:
            continue
        if document.source != document.external_id:  # an id the line gave
            earlier, earlier_doc = first_line.setdefault(document.external_id, (number, document.id))
            if earlier_doc != document.id:
                problems.warn(Code.JSONL_DUPLICATE_ID, document.source,
                              f"line {number} gives `id` {document.external_id!r} as line {earlier} did, "
                              "with another text; both are kept")
        yield document
    if not saw_content and len(problems.errors) == errors_before:
        problems.error(Code.EMPTY, source, "no reports in the input")


def _read_line(line: str, number: int, source: str, defaults: Defaults, problems: Problems) -> Document | None:
    where = f"{source}:{number}"
    row, why, was_json = json_object(line)
    if row is None:
        problems.error(Code.JSONL_NOT_OBJECT if was_json else Code.JSONL_BAD_JSON, where, f"line {number} {why}")
        return None
    row = unicode_fields(row, where, problems)
    if "text" not in row or row["text"] is None:
        problems.error(Code.JSONL_NO_TEXT, where, f"line {number} has no `text`")
        return None
    raw_text = row["text"]
    if not isinstance(raw_text, str):
        problems.error(Code.JSONL_TEXT_NOT_STRING, where, f"line {number}: `text` is {type(raw_text).__name__}")
        return None
    text = finalize_text(raw_text, where, problems)
    if not text:
        problems.error(Code.JSONL_EMPTY_TEXT, where, f"line {number}: `text` is empty")
        return None

    raw_id = row.get("id")
    if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) and str(raw_id).strip():
        external_id = str(raw_id).strip()
    else:
        problems.warn(Code.JSONL_NO_ID, where, f"line {number} has no usable `id`; using {where!r}")
        external_id = where
    fields, published = read_record_fields(row, where, problems)
    return make_document(
        text=text,
        external_id=external_id,
        source=where,
        title=fields["title"],
        outlet=fields["outlet"],
        url=fields["url"],
        published=published,
        language=fields["language"],
        defaults=defaults,
    )
