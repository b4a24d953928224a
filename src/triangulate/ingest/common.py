"""What every input format shares: safe reading, decoding, dates, text caps, document building."""

from __future__ import annotations

import codecs
import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from triangulate.ingest.errors import Code, problem
from triangulate.records import (
    Document,
    IngestError,
    document_id,
    has_lone_surrogates,
    normalize_text,
    valid_unicode,
)

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARS = 200_000
# a cut at a space near the cap keeps the last word whole; look back at most this far
_CUT_LOOKBACK = 1_000
_SENTENCE_END = re.compile(r"[.!?\u201d\"']\s|\n")
# C0 controls other than tab/newline/carriage return/form feed: text files hardly ever have them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_BINARY_CONTROL_SHARE = 0.10
# UTF-16 without a byte-order mark: every NUL byte on one side of the byte pairs, and at least this
# share of that side NUL (the spaces, digits and punctuation of any script, the letters of Latin ones)
_UTF16_NUL_SHARE = 0.2
# Publication dates before the first printed newspapers (1605) or after tomorrow (time zones) are wrong.
EARLIEST_PUBLISHED = date(1605, 1, 1)
# a run of 3+ digits in a date string that is no time (10:02) nor time-zone offset (+0000): its year
_YEAR_DIGITS = re.compile(r"(?<![\d:+-])\d{3,}(?![\d:])")


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


def shown_path(path: str | Path) -> str:
    """A path as text every encoder can write: a name's bytes that are not UTF-8 (which Python keeps as
    lone surrogates) shown as \\xNN escapes."""
    text = str(path)
    if not has_lone_surrogates(text):
        return text
    return os.fsencode(text).decode("utf-8", errors="backslashreplace")


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
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM or recognized without one; bytes
    that are not UTF-8 are read as Windows-1252/Latin-1, each where it stands (a file of mixed encodings
    keeps its UTF-8 parts)."""
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
        wide = _utf16_without_bom(data)
        if wide is None:
            report(Code.BINARY, source, "the file holds NUL bytes, so it is binary")
            return None
        text, codec = wide
        problems.warn(Code.UTF16_NO_BOM, source, f"UTF-16 without a byte-order mark; read as {codec}")
    else:
        text = decode_utf8(data, source, problems)
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
    except RecursionError:  # arrays or objects nested thousands deep
        return None, "is nested too deeply to read", False
    if not isinstance(row, dict):
        return None, f"is a JSON {_JSON_KINDS.get(type(row), 'value')}, not an object", True
    return row, None, True


_JSON_KINDS = {list: "array", str: "string", int: "number", float: "number", bool: "boolean", type(None): "null"}


def unicode_fields(row: dict[str, Any], where: str, problems: Problems) -> dict[str, Any]:
    """The row with lone surrogates in its strings as U+FFFD, and an E116 warning naming the fields."""
    bad = [k for k, v in row.items() if isinstance(v, str) and has_lone_surrogates(v)]
    if not bad:
        return row
    problems.warn(Code.BAD_UNICODE, where, f"{', '.join(f'`{valid_unicode(k)}`' for k in bad)} held lone surrogates "
                  "(\\ud800-\\udfff escapes, which are no character); each is now U+FFFD")
    return {k: valid_unicode(v) if k in bad else v for k, v in row.items()}


def read_text_file(path: Path, source: str, problems: Problems) -> str | None:
    """A report file's text: read within the cap and decoded; None (with the problem noted) if it cannot be."""
    data = read_bytes(path, source, problems)
    return None if data is None else decode(data, source, problems)


def _decode_legacy(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined; Latin-1 maps every byte
        return data.decode("latin-1")


def _legacy_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the bytes UTF-8 cannot read, read as Windows-1252/Latin-1."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return _decode_legacy(exc.object[exc.start:exc.end]), exc.end


LEGACY_HANDLER = "triangulate.legacy"
codecs.register_error(LEGACY_HANDLER, _legacy_bytes)


def decode_utf8(data: bytes, source: str, problems: Problems) -> str:
    """UTF-8 text (a BOM dropped); the bytes that are not UTF-8 read as Windows-1252/Latin-1, with one E112
    warning."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.warn(Code.LEGACY_ENCODING, source, "not valid UTF-8; what is not was read as Windows-1252/Latin-1")
        return data.decode("utf-8-sig", errors=LEGACY_HANDLER)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(text, codec) when the bytes read as UTF-16 with no byte-order mark, else None."""
    if len(data) % 2:
        return None
    for zeros, other, codec in ((data[1::2], data[0::2], "UTF-16LE"), (data[0::2], data[1::2], "UTF-16BE")):
        if b"\x00" not in other and zeros.count(0) >= _UTF16_NUL_SHARE * len(zeros):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    return None


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
        found = parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    # the RFC 822 reader takes a year under 100 as two digits: "0000" would be 2000, "0019" 2019
    years = [int(digits) for digits in _YEAR_DIGITS.findall(value)]
    return found if not years or found.year in years else None


def latest_published() -> date:
    """The latest plausible publication date: tomorrow (UTC), for reports from time zones ahead."""
    return datetime.now(UTC).date() + timedelta(days=1)


def implausible(published: date) -> str | None:
    """Why a publication date cannot be right (before the first newspapers, or in the future), or None."""
    if published < EARLIEST_PUBLISHED:
        return f"is before {EARLIEST_PUBLISHED.year}, earlier than any newspaper"
    if published > latest_published():
        return "is in the future"
    return None


def plausible_date(value: object) -> date | None:
    """`parse_date`, and None for a date that cannot be right (a page's own markup: no warning)."""
    found = parse_date(value)
    return found if found is not None and implausible(found) is None else None


def publication_date(value: object, what: str, where: str, problems: Problems) -> date | None:
    """A publication date read from `value` (given as `what`), or None with a warning saying why: E107 when it
    cannot be read, E117 when it cannot be right."""
    found = parse_date(value)
    if found is None:
        problems.warn(Code.BAD_DATE, where, f"{what} {_shown(value)} is not a date")
        return None
    why = implausible(found)
    if why is not None:
        problems.warn(Code.IMPLAUSIBLE_DATE, where, f"{what} {_shown(value)} {why}")
        return None
    return found


def _shown(value: object, most: int = 80) -> str:
    shown = repr(value.strip() if isinstance(value, str) else value)
    return shown if len(shown) <= most else shown[: most - 1] + "…"


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
    raw_date = row.get("published")
    published = None if raw_date is None else publication_date(raw_date, "`published`", where, problems)
    return values, published


def given_document(document: Document, problems: Problems) -> Document | None:
    """A Document handed over directly (the Python API) held to what a file is held to: its text valid
    Unicode, normalized and cut at the cap (E110); none when the text is empty (E103); an implausible
    publication date dropped (E117); its names valid Unicode. Its id stays the one given."""
    source = valid_unicode(document.source or document.external_id)
    text = finalize_text(document.text, source, problems)
    if not text:
        problems.error(Code.EMPTY, source, "the document's text is empty")
        return None
    published = document.published
    why = None if published is None else implausible(published)
    if why is not None:
        problems.warn(Code.IMPLAUSIBLE_DATE, source, f"`published` {published} {why}")
        published = None
    names = {name: valid_unicode(value) for name in ("id", "external_id", "title", "outlet", "url", "language")
             if isinstance(value := getattr(document, name), str)}
    return document.model_copy(update={**names, "text": text, "published": published, "source": source})


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
