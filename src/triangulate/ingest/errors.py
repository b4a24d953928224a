"""Stable codes (E1xx) for every problem `ingest` reports.

A code never changes meaning once released; new problems get new codes. Each entry says
whether the problem usually costs a document (error) or only a detail of one (warning),
and what the user can do next. docs/errors.md lists the same table for readers.
"""

from __future__ import annotations

from enum import StrEnum

from triangulate.base.codes import CodeInfo, message
from triangulate.records import IngestError, valid_unicode


class Code(StrEnum):
    PATH_NOT_FOUND = "E101"
    UNREADABLE = "E102"
    EMPTY = "E103"
    METADATA_NO_FILE = "E104"
    METADATA_BAD_LINE = "E105"
    METADATA_MISSING_FILE = "E106"
    BAD_DATE = "E107"
    UNSUPPORTED_TYPE = "E108"
    TOO_LARGE = "E109"
    TRUNCATED = "E110"
    BINARY = "E111"
    LEGACY_ENCODING = "E112"
    BAD_FIELD = "E113"
    METADATA_GIVEN = "E114"
    UTF16_NO_BOM = "E115"
    BAD_UNICODE = "E116"
    IMPLAUSIBLE_DATE = "E117"
    JSONL_BAD_JSON = "E120"
    JSONL_NOT_OBJECT = "E121"
    JSONL_NO_TEXT = "E122"
    JSONL_TEXT_NOT_STRING = "E123"
    JSONL_EMPTY_TEXT = "E124"
    JSONL_LINE_TOO_LONG = "E126"
    JSONL_NO_ID = "E127"
    JSONL_DUPLICATE_ID = "E128"
    HTML_NO_TEXT = "E130"
    HTML_TOO_DEEP = "E131"
    FEED_BAD_XML = "E140"
    FEED_ENTITIES = "E141"
    FEED_NOT_A_FEED = "E142"
    FEED_ITEM_NO_TEXT = "E143"
    FEED_NO_ITEMS = "E144"
    INTERNAL = "E199"
    NEAR_DUPLICATE = "E150"
    FETCH_FAILED = "E160"
    FETCH_REFUSED = "E161"
    FETCH_ROBOTS = "E162"
    FETCH_TOO_LARGE = "E163"
    FETCH_NOT_TEXT = "E164"
    FETCH_BAD_URL = "E165"


CODES: dict[Code, CodeInfo] = {
    Code.PATH_NOT_FOUND: CodeInfo("error", "a path given does not exist", "check the spelling or the working folder"),
    Code.UNREADABLE: CodeInfo(
        "error", "a file or folder cannot be read (permissions, not a regular file, I/O error)",
        "fix its permissions or leave it out",
    ),
    Code.EMPTY: CodeInfo("error", "a file holds no text", "remove the file or fill it"),
    Code.METADATA_NO_FILE: CodeInfo(
        "warning", "a metadata.jsonl line has no `file`", "add the file name or remove the line"
    ),
    Code.METADATA_BAD_LINE: CodeInfo(
        "warning", "a metadata.jsonl line is not a JSON object", "fix the JSON or remove the line"
    ),
    Code.METADATA_MISSING_FILE: CodeInfo(
        "warning", "metadata.jsonl names a file that is not in its folder", "fix the name or remove the line"
    ),
    Code.BAD_DATE: CodeInfo(
        "warning", "a publication date cannot be read; the document is kept without it",
        "write it as an ISO date such as 2019-08-21",
    ),
    Code.UNSUPPORTED_TYPE: CodeInfo(
        "error", "a file given by name has an extension ingest does not read",
        "use .txt, .html, .htm, .jsonl, .xml, .rss or .atom",
    ),
    Code.TOO_LARGE: CodeInfo("error", "a file is over the 5 MB cap", "split it into smaller files"),
    Code.TRUNCATED: CodeInfo(
        "warning", "a document's text was cut at 200,000 characters", "split the report if the rest matters"
    ),
    Code.BINARY: CodeInfo("error", "a file is binary, not text", "convert it to UTF-8 text or leave it out"),
    Code.LEGACY_ENCODING: CodeInfo(
        "warning", "a file is not all UTF-8; what is not was read as Windows-1252/Latin-1",
        "re-save it as UTF-8 if characters look wrong",
    ),
    Code.BAD_FIELD: CodeInfo(
        "warning", "a field has the wrong type and was ignored", "give it as a string (or null)"
    ),
    Code.METADATA_GIVEN: CodeInfo(
        "warning", "metadata.jsonl was given by name; it describes other files",
        "pass its folder or the files it describes",
    ),
    Code.UTF16_NO_BOM: CodeInfo(
        "warning", "a file is UTF-16 without a byte-order mark; it was read as UTF-16LE or UTF-16BE",
        "re-save it as UTF-8 if characters look wrong",
    ),
    Code.BAD_UNICODE: CodeInfo(
        "warning", "a JSON string held lone surrogates (escapes that are no character); each became U+FFFD",
        "write the text as UTF-8, or escape whole characters only",
    ),
    Code.IMPLAUSIBLE_DATE: CodeInfo(
        "warning", "a publication date is before 1605 or after tomorrow, so it cannot be right; the document is "
        "kept without it", "check the date at its source and give the right one",
    ),
    Code.JSONL_BAD_JSON: CodeInfo("error", "a JSONL line is not valid JSON", "fix the line or remove it"),
    Code.JSONL_NOT_OBJECT: CodeInfo(
        "error", "a JSONL line is JSON but not an object", "write one object per line: {\"id\": ..., \"text\": ...}"
    ),
    Code.JSONL_NO_TEXT: CodeInfo("error", "a JSONL line has no `text`", "add the report's text as `text`"),
    Code.JSONL_TEXT_NOT_STRING: CodeInfo(
        "error", "a JSONL line's `text` is not a string", "give `text` as one string"
    ),
    Code.JSONL_EMPTY_TEXT: CodeInfo("error", "a JSONL line's `text` is empty", "fill `text` or remove the line"),
    Code.JSONL_LINE_TOO_LONG: CodeInfo("error", "a JSONL line is over the 5 MB cap", "split the report"),
    Code.JSONL_NO_ID: CodeInfo(
        "warning", "a JSONL line has no usable `id`; the file and line number stand in",
        "add a string `id` to keep references stable",
    ),
    Code.JSONL_DUPLICATE_ID: CodeInfo(
        "warning", "a JSONL line repeats the `id` of an earlier line with a different text; both are kept",
        "give each report its own `id`",
    ),
    Code.HTML_TOO_DEEP: CodeInfo(
        "error", "an HTML page nests elements deeper than the parser reads (255 levels), and no article text "
        "was found above that depth", "save the article's text as .txt",
    ),
    Code.HTML_NO_TEXT: CodeInfo(
        "error", "no article text could be found in an HTML page", "save the article page itself, or its text as .txt"
    ),
    Code.FEED_BAD_XML: CodeInfo("error", "a feed file is not well-formed XML", "fix the XML or export the feed again"),
    Code.FEED_ENTITIES: CodeInfo(
        "error", "a feed declares XML entities, which ingest refuses for safety",
        "remove the <!ENTITY> declarations",
    ),
    Code.FEED_NOT_A_FEED: CodeInfo("error", "an XML file is neither RSS nor Atom", "give an RSS or Atom feed"),
    Code.FEED_ITEM_NO_TEXT: CodeInfo(
        "error", "a feed item has no description or content", "the item is skipped; nothing to do unless it matters"
    ),
    Code.FEED_NO_ITEMS: CodeInfo("error", "a feed has no items", "check that the right file was given"),
    Code.INTERNAL: CodeInfo(
        "error", "ingest itself failed on a file (a bug); the rest of the batch went on",
        "report it with the file attached",
    ),
    Code.NEAR_DUPLICATE: CodeInfo(
        "warning", "a report is a near-duplicate (syndicated copy) of another in the batch; only one is kept",
        "nothing to do: copies count once; give the reports separately if they are really distinct",
    ),
    Code.FETCH_FAILED: CodeInfo(
        "error", "a URL could not be fetched (no connection, a timeout, an HTTP error, too many redirects)",
        "check the URL; `watch` tries it again next round",
    ),
    Code.FETCH_REFUSED: CodeInfo(
        "error", "a URL or one of its redirects leads to a private, loopback or link-local address",
        "give --allow-private if the source really is on your own network",
    ),
    Code.FETCH_ROBOTS: CodeInfo(
        "error", "the site's robots.txt does not let triangulate fetch a URL",
        "respect it, or save the page yourself and give the file",
    ),
    Code.FETCH_TOO_LARGE: CodeInfo(
        "error", "a fetched response is over the 5 MB cap; it was not kept", "save the article's text as a file",
    ),
    Code.FETCH_NOT_TEXT: CodeInfo(
        "error", "a fetched URL is not an HTML page, a feed or text (its content type)",
        "give the article page or the feed itself",
    ),
    Code.FETCH_BAD_URL: CodeInfo(
        "error", "a URL is not an http(s) URL with a host, or holds control characters", "fix the URL"
    ),
}


def problem(code: Code, source: str, what: str, next_step: str | None = None) -> IngestError:
    """An IngestError whose message says what happened and what to do next."""
    # a source or a reason may quote hostile input: no lone surrogate may reach the store or a terminal
    return IngestError(source=valid_unicode(source), code=code.value,
                       message=valid_unicode(message(what, CODES[code], next_step)))
