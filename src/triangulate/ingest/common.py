"""What every input format shares: safe reading, decoding, dates, text caps, document building."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from triangulate.ingest.errors import Code, problem
from triangulate.records import Document, IngestError, document_id, normalize_text

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARS = 200_000
# a cut at a space near the cap keeps the last word whole; look back at most this far
_CUT_LOOKBACK = 1_000
_SENTENCE_END = re.compile(r"[.!?\u201d\"']\s|\n")
# C0 controls other than tab/newline/carriage return/form feed: text files hardly ever have them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_BINARY_CONTROL_SHARE = 0.10


@dataclass
class Problems:
    """Errors (an input gave no document) and warnings (a document was read with a flaw)."""

    errors: list[IngestError] = field(default_factory=list)
    warnings: list[IngestError] = field(default_factory=list)

    def error(self, code: Code, source: str, what: str, next_step: str | None = None) -> None:
        self.errors.append(problem(code, source, what, next_step))

    def warn(self, code: Code, source: str, what: str, next_step: str | None = None) -> None:
        self.warnings.append(problem(code, source, what, next_step))


@dataclass(frozen=True)
class FileMeta:
    """What metadata.jsonl says about one file (shared by every format's loader)."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None


@dataclass(frozen=True)
class Defaults:
    """Values from the command line, used only where neither the file nor its metadata gives one."""

    published: date | None = None
    outlet: str | None = None


def read_bytes(path: Path, source: str, problems: Problems, *, as_warning: bool = False) -> bytes | None:
    """The file's bytes, or None after reporting why it cannot be used."""
    report = problems.warn if as_warning else problems.error
    try:
        if not path.is_file():
            report(Code.UNREADABLE, source, "not a regular file")
            return None
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            report(Code.TOO_LARGE, source, f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte cap")
            return None
        with path.open("rb") as handle:
            # read one byte past the cap: the file may have grown since stat
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        report(Code.UNREADABLE, source, f"cannot read the file ({exc.strerror or exc})")
        return None
    if len(data) > MAX_FILE_BYTES:
        report(Code.TOO_LARGE, source, f"file is over the {MAX_FILE_BYTES:,}-byte cap")
        return None
    return data


def decode(data: bytes, source: str, problems: Problems, *, as_warning: bool = False) -> str | None:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252/Latin-1."""
    report = problems.warn if as_warning else problems.error
    if not data.strip():
        report(Code.EMPTY, source, "the file is empty")
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            report(Code.BINARY, source, "starts with a UTF-16 mark but does not decode as UTF-16")
            return None
    elif b"\x00" in data:
        report(Code.BINARY, source, "the file holds NUL bytes, so it is binary")
        return None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.warn(Code.LEGACY_ENCODING, source, "not valid UTF-8; read as Windows-1252/Latin-1")
            text = _decode_legacy(data)
    if len(_CONTROL.findall(text)) > _BINARY_CONTROL_SHARE * len(text):
        report(Code.BINARY, source, "too many control characters for a text file")
        return None
    return text


def json_object(line: str) -> tuple[dict[str, Any] | None, str | None, bool]:
    """One JSON line read as an object; else None, why not, and whether it was JSON at all."""
    try:
        row = json.loads(line)
    except ValueError as exc:
        return None, f"is not valid JSON ({getattr(exc, 'msg', str(exc))})", False
    if not isinstance(row, dict):
        return None, f"is a JSON {type(row).__name__}, not an object", True
    return row, None, True


def read_text_file(path: Path, source: str, problems: Problems) -> str | None:
    """A report file's text: read within the cap and decoded; None (with the problem noted) if it cannot be."""
    data = read_bytes(path, source, problems)
    return None if data is None else decode(data, source, problems)


def _decode_legacy(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined; Latin-1 maps every byte
        return data.decode("latin-1")


def finalize_text(text: str, source: str, problems: Problems) -> str:
    """The stored text: normalized, and cut at the character cap with a warning."""
    text = normalize_text(text)
    if len(text) > MAX_TEXT_CHARS:
        total = len(text)
        text = normalize_text(text[: _cut_point(text)])
        problems.warn(Code.TRUNCATED, source, f"text cut to {len(text):,} of its {total:,} characters")
    return text


def _cut_point(text: str) -> int:
    """Where to cut a long text: after a sentence or paragraph end near the cap, else a space."""
    window = text[MAX_TEXT_CHARS - _CUT_LOOKBACK : MAX_TEXT_CHARS + 1]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends:
        return MAX_TEXT_CHARS - _CUT_LOOKBACK + ends[-1]
    space = window.rfind(" ")
    return MAX_TEXT_CHARS - _CUT_LOOKBACK + space if space > 0 else MAX_TEXT_CHARS


def parse_date(value: object) -> date | None:
    """An ISO date or datetime ("2019-08-21", "2019-08-21T10:02:00Z") or an RFC 822 date (RSS)."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def clean_optional(value: object) -> str | None:
    """A metadata string with outer space removed; empty means absent."""
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


OPTIONAL_TEXT_FIELDS = ("title", "outlet", "url", "language")


def read_record_fields(
    row: dict[str, object], where: str, problems: Problems
) -> tuple[dict[str, str | None], date | None]:
    """The optional text fields and the publication date of a metadata or JSONL record.

    A field of the wrong type or a date that cannot be read is a warning, not a lost report.
    """
    values: dict[str, str | None] = {}
    for name in OPTIONAL_TEXT_FIELDS:
        value = row.get(name)
        if value is not None and not isinstance(value, str):
            problems.warn(Code.BAD_FIELD, where, f"`{name}` is {type(value).__name__}, not a string")
        values[name] = clean_optional(value)
    published = None
    raw_date = row.get("published")
    if raw_date is not None:
        published = parse_date(raw_date)
        if published is None:
            problems.warn(Code.BAD_DATE, where, f"`published` {raw_date!r} is not a date")
    return values, published


def make_document(
    *,
    text: str,
    external_id: str,
    source: str,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: date | None = None,
    language: str | None = None,
    defaults: Defaults,
) -> Document:
    """A Document over already-finalized text; command-line defaults fill only the gaps."""
    return Document(
        id=document_id(text),
        external_id=external_id,
        title=title,
        outlet=outlet if outlet is not None else defaults.outlet,
        url=url,
        published=published if published is not None else defaults.published,
        language=language or "en",
        text=text,
        source=source,
    )
