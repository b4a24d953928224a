"""What every format shares (`ingest/common.py`): decoding, publication dates, JSON objects, Documents given
directly; each parser of input also against arbitrary input (hypothesis): no exception, a well-formed result."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triangulate.ingest import load_documents
from triangulate.ingest.common import (
    EARLIEST_PUBLISHED,
    MAX_TEXT_CHARS,
    Problems,
    decode,
    json_object,
    latest_published,
    parse_date,
    publication_date,
    shown_path,
    unicode_fields,
)
from triangulate.records import Document, document_id, normalize_text

REPORT = "Gunmen attacked a police checkpoint near Tikrit on Monday, killing three officers, an official said."


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# --- publication dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("2019-08-21", date(2019, 8, 21)),
    ("2019-08-21T10:02:00Z", date(2019, 8, 21)),
    ("Wed, 21 Aug 2019 10:02:00 +0000", date(2019, 8, 21)),
    ("Wed, 21 Aug 19 10:02:00 GMT", date(2019, 8, 21)),  # RFC 822 allows two digits
    ("Sat, 01 Jan 0000 00:00:00 GMT", None),  # read as the year 2000 before
    ("Sat, 01 Jan 0019 00:00:00 GMT", None),  # four digits are four digits: not 2019
    ("Fri, 31 Dec 99999 23:59:59 GMT", None),
    ("0000-01-01", None),
    ("99999-01-01", None),
    ("2019-02-30", None),
    ("yesterday", None),
    (20190821, None),
    ("", None),
])
def test_parse_date(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_a_date_that_cannot_be_right_is_dropped_with_its_reason() -> None:
    problems = Problems()
    tomorrow = latest_published()
    assert publication_date(tomorrow.isoformat(), "`published`", "r.jsonl:1", problems) == tomorrow
    assert publication_date((tomorrow + timedelta(days=1)).isoformat(), "`published`", "r.jsonl:2", problems) is None
    assert publication_date("1604-12-31", "`published`", "r.jsonl:3", problems) is None
    assert publication_date("1605-01-01", "`published`", "r.jsonl:4", problems) == EARLIEST_PUBLISHED
    assert publication_date("soon", "<pubDate>", "feed.xml#item1", problems) is None
    assert [(w.code, w.source) for w in problems.warnings] == [
        ("E117", "r.jsonl:2"), ("E117", "r.jsonl:3"), ("E107", "feed.xml#item1")]
    assert "is in the future" in problems.warnings[0].message
    assert "'1604-12-31' is before 1605" in problems.warnings[1].message
    assert problems.warnings[2].message.startswith("<pubDate> 'soon' is not a date")


DATE_WORDS = st.sampled_from(["Mon,", "Sat,", "01", "31", "32", "Jan", "Dec", "Foo", "0000", "0019", "19", "99",
                              "2019", "9999", "99999", "10000", "00:00:00", "25:61:61", "GMT", "+0000", "-9999",
                              "+99999", "T", "Z", "-", ":", " "])


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(
    st.text(max_size=40),
    st.lists(DATE_WORDS, max_size=8).map(" ".join),
    st.lists(DATE_WORDS, max_size=8).map("".join),
    st.dates().map(date.isoformat),
    st.tuples(st.integers(-99999, 999999), st.integers(-1, 14), st.integers(-1, 40)).map(
        lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"),
    st.integers(), st.floats(), st.none(), st.lists(st.integers(), max_size=3),
))
def test_any_publication_date_is_a_plausible_date_or_a_warning(value: object) -> None:
    problems = Problems()
    found = publication_date(value, "`published`", "here", problems)
    if found is None:
        (warning,) = problems.warnings
        assert warning.code in ("E107", "E117") and warning.source == "here" and _encodable(warning.message)
    else:
        assert problems.warnings == [] and EARLIEST_PUBLISHED <= found <= latest_published()
    assert problems.errors == []


# --- decoding ------------------------------------------------------------------------------------------


def test_mixed_encodings_keep_their_utf8_parts() -> None:
    problems = Problems()
    data = "caf\u00e9 \u2014 ".encode() + "Ni\u00f1o \u2013 caf\u00e9".encode("cp1252")
    assert decode(data, "r.txt", problems) == "caf\u00e9 \u2014 Ni\u00f1o \u2013 caf\u00e9"
    assert [w.code for w in problems.warnings] == ["E112"]


@pytest.mark.parametrize(("codec", "shown"), [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")])
def test_utf16_without_a_byte_order_mark_is_recognized(codec: str, shown: str) -> None:
    problems = Problems()
    assert decode(REPORT.encode(codec), "r.txt", problems) == REPORT
    (warning,) = problems.warnings
    assert warning.code == "E115" and f"read as {shown}" in warning.message


def test_nul_bytes_on_both_sides_of_the_pairs_are_binary() -> None:
    problems = Problems()
    assert decode(b"\x00\x00" + REPORT.encode("utf-16-le"), "r.txt", problems) is None
    assert [e.code for e in problems.errors] == ["E111"]


@settings(max_examples=200, deadline=None)
@given(data=st.one_of(
    st.binary(max_size=600),
    st.text(max_size=200).map(lambda s: s.encode("utf-16-le", "surrogatepass")),
    st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from([b"caf\xc3\xa9 ", b"caf\xe9 ", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xed\xa0\x80",
                              b"abc ", b"\x1b[2J"]), max_size=20).map(b"".join),
))
def test_any_bytes_decode_to_valid_text_or_one_error(data: bytes) -> None:
    problems = Problems()
    text = decode(data, "r.txt", problems)
    if text is None:
        assert len(problems.errors) == 1 and problems.errors[0].code in ("E103", "E111")
    else:
        assert problems.errors == [] and _encodable(text)
        assert {w.code for w in problems.warnings} <= {"E112", "E115"}


# --- JSON objects --------------------------------------------------------------------------------------

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                    max_leaves=10)


@settings(max_examples=200, deadline=None)
@given(line=st.one_of(
    st.text(max_size=80),
    JSON.map(json.dumps),
    st.integers(1, 200_000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 200_000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.text(alphabet=st.sampled_from(['"', "\\", "u", "d", "8", "0", "{", "}", ":", "t", "e", "x"]), max_size=30),
))
def test_any_line_is_an_object_or_says_why_not(line: str) -> None:
    row, why, _ = json_object(line)
    assert (row is None) != (why is None)
    if row is not None:
        assert isinstance(row, dict)
    else:
        assert why


@settings(max_examples=100, deadline=None)
@given(row=st.dictionaries(st.text(max_size=6), st.text(max_size=10) | st.integers() | st.none(), max_size=4),
       surrogate=st.integers(0xD800, 0xDFFF))
def test_lone_surrogates_become_replacement_characters(row: dict[str, object], surrogate: int) -> None:
    row = {**row, "text": f"a{chr(surrogate)}b"}
    problems = Problems()
    clean = unicode_fields(row, "r.jsonl:1", problems)
    assert clean["text"] == "a\ufffdb"
    assert all(_encodable(v) for v in clean.values() if isinstance(v, str))
    (warning,) = problems.warnings
    assert warning.code == "E116" and _encodable(warning.message)


def test_a_file_name_that_is_not_utf8_is_shown_with_escapes() -> None:
    # Python keeps a name's byte 0xff, which is no UTF-8, as the lone surrogate U+DCFF
    assert shown_path(Path("reports") / "r\udcff.txt") == "reports/r\\xff.txt"
    assert shown_path(Path("reports") / "caf\u00e9.txt") == "reports/caf\u00e9.txt"


# --- Documents given directly (the Python API) -------------------------------------------------------------


def test_a_document_given_directly_is_held_to_the_cap() -> None:
    text = (REPORT + " ") * (MAX_TEXT_CHARS // len(REPORT) + 50)
    given = Document(id="mine", external_id="long", text=text, published=date(9999, 12, 31))
    result = load_documents([given, Document(id="blank", external_id="blank", text=" \n ")])
    (doc,) = result.documents
    assert len(doc.text) <= MAX_TEXT_CHARS and text.startswith(doc.text) and doc.id == "mine"
    assert doc.published is None and doc.source == "long"
    assert [(w.code, w.source) for w in result.warnings] == [("E110", "long"), ("E117", "long")]
    assert [(e.code, e.source) for e in result.errors] == [("E103", "blank")]


ANY_TEXT = st.text(max_size=300) | st.text(alphabet=st.characters(categories=["Cs", "Ll", "Zs"]), max_size=40)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT, name=ANY_TEXT, published=st.none() | st.dates())
def test_any_document_given_directly_comes_out_well_formed(text: str, name: str, published: date | None) -> None:
    given = Document(id=name, external_id=name, title=name, outlet=name, url=name, text=text, published=published)
    result = load_documents([given])
    assert len(result.documents) + len(result.errors) == 1
    for doc in result.documents:
        assert doc.text and doc.text == normalize_text(doc.text) and _encodable(doc.text)
        assert document_id(doc.text)  # hashable as UTF-8
        assert all(_encodable(v) for v in (doc.id, doc.external_id, doc.title, doc.outlet, doc.url, doc.source))
        assert doc.published is None or EARLIEST_PUBLISHED <= doc.published <= latest_published()
    for problem in result.errors + result.warnings:
        assert _encodable(problem.source) and _encodable(problem.message)
