"""JSON Lines files and standard input."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triangulate.ingest import load_jsonl_stream, load_paths, stream_paths
from triangulate.records import IngestError, document_id, normalize_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

GOOD = {
    "id": "wire-1",
    "text": "Protesters blocked the road to the Basra oil terminal on Sunday, demanding jobs, police said.",
    "title": "Protest blocks Basra road",
    "url": "https://wire.example.org/1",
    "outlet": "Wire",
    "published": "2024-02-04",
    "extra": {"ignored": True},
}


def codes(problems: list[IngestError]) -> list[str]:
    return [p.code for p in problems]


def test_examples_jsonl() -> None:
    result = load_paths([EXAMPLES / "06_wire_roundup.jsonl"])
    assert result.errors == [] and result.warnings == []
    first, second = result.documents
    assert first.external_id == "gulf-ledger-20231115-0412"
    assert first.published == date(2023, 11, 15)  # from "2023-11-15T18:40:00Z"
    assert first.source.endswith("06_wire_roundup.jsonl:1")
    assert second.outlet == "Desert Line Radio" and second.url is None
    assert "\n\n" in first.text  # paragraphs kept


def test_bad_lines_are_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    lines = [
        json.dumps(GOOD),
        "{bad json",
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "x"}),
        json.dumps({"id": "y", "text": 42}),
        json.dumps({"id": "z", "text": "  \n "}),
        "",
        json.dumps({"text": "Shelling hit Kharkiv overnight, the regional governor said.", "published": "soon",
                    "title": ["a", "list"]}),
    ]
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_paths([path])
    assert codes(result.errors) == ["E120", "E121", "E122", "E123", "E124"]
    assert [e.source for e in result.errors] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    assert "line 2 is not valid JSON" in result.errors[0].message
    assert "fix the line or remove it" in result.errors[0].message
    assert codes(result.warnings) == ["E127", "E113", "E107"]
    good, unnamed = result.documents
    assert good.model_dump(exclude={"id", "text", "source", "language"}) == {
        "external_id": "wire-1", "title": "Protest blocks Basra road", "outlet": "Wire",
        "url": "https://wire.example.org/1", "published": date(2024, 2, 4),
    }
    assert unnamed.external_id == f"{path}:8" and unnamed.title is None and unnamed.published is None


def test_a_stream_reads_a_line_at_a_time_and_ends_with_what_loading_whole_gives(tmp_path: Path) -> None:
    lines = [json.dumps(GOOD), "{bad json", json.dumps({**GOOD, "id": "wire-2", "text": "Shelling hit Kharkiv."})]
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stream = stream_paths([path])
    first = next(stream.documents)
    assert first.external_id == "wire-1" and stream.errors == []  # line 2 is not read yet
    rest = list(stream.documents)
    whole = load_paths([path])
    assert [first, *rest] == whole.documents and len(rest) == 1
    assert stream.errors == whole.errors and codes(stream.errors) == ["E120"]
    assert stream.warnings == whole.warnings


def test_numeric_id_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"id": 17, "text": GOOD["text"]}) + "\n", encoding="utf-8")
    (doc,) = load_paths([path], published=date(2024, 1, 1), outlet="Desk").documents
    assert (doc.external_id, doc.published, doc.outlet) == ("17", date(2024, 1, 1), "Desk")


def test_empty_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert codes(load_paths([path]).errors) == ["E103"]


def test_binary_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(b"\x00\x01\x02" * 10)
    assert codes(load_paths([path]).errors) == ["E111"]


def test_legacy_encoded_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes('{"id": "a", "text": "A caf\u00e9 in Aleppo was hit."}\n'.encode("cp1252"))
    result = load_paths([path])
    assert codes(result.warnings) == ["E112"]
    assert result.documents[0].text == "A caf\u00e9 in Aleppo was hit."


def test_stream() -> None:
    stream = io.StringIO(json.dumps(GOOD) + "\nnot json\n")
    result = load_jsonl_stream(stream, outlet="Ignored", published=date(2020, 1, 1))
    assert codes(result.errors) == ["E120"]
    assert result.errors[0].source == "<stdin>:2"
    (doc,) = result.documents
    assert doc.outlet == "Wire" and doc.source == "<stdin>:1"


def test_dash_reads_stdin_in_argument_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(GOOD) + "\n"))
    result = load_paths([EXAMPLES / "04_tigris_wire_claim.txt", "-"])
    assert [d.external_id for d in result.documents] == ["04_tigris_wire_claim.txt", "wire-1"]


def test_same_lines_same_documents() -> None:
    text = json.dumps(GOOD) + "\n"
    a = load_jsonl_stream(io.StringIO(text)).documents
    b = load_jsonl_stream(io.StringIO(text)).documents
    assert a == b and a[0].id == document_id(GOOD["text"])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
report_rows = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values, "text": st.text(max_size=200) | json_values, "title": json_values,
        "published": st.text(max_size=30) | json_values, "outlet": json_values,
    },
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(report_rows.map(json.dumps) | st.text(max_size=60), max_size=5))
def test_arbitrary_lines_never_raise(tmp_path: Path, rows: list[str]) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(r.replace("\n", " ") for r in rows), encoding="utf-8")
    result = load_paths([path])
    for doc in result.documents:
        assert doc.text and doc.text == normalize_text(doc.text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=1500))
def test_arbitrary_bytes_never_raise(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(data)
    result = load_paths([path])
    for doc in result.documents:
        assert doc.text and doc.text == normalize_text(doc.text)


STDIN_PIECES = st.sampled_from([
    b'{"id": "a", "text": "Police detained two men in Mosul."}', b'{"text": "caf\xe9"}', b'"\\ud800"', b"\\udfff",
    b'{"id": 1, "text": "x \\ud83d\\ude00 y"}', b'{"id": "\\udc00", "title": "\\ud800", "text": "t"}',
    b"[" * 3000, b"]", b"\n", b"\r\n", b"\x00", b"\xff\xfe", b"{", b"}",
    b'"text": ', b'"published": "0000-01-01"', b", ",
])


@settings(max_examples=60, deadline=None)
@given(data=st.lists(STDIN_PIECES | st.binary(max_size=20), max_size=12).map(b"".join))
def test_any_bytes_on_standard_input_never_raise(data: bytes) -> None:
    # as `triangulate run -` reads it: a text stream whose bytes are at hand, as sys.stdin's are
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    result = load_jsonl_stream(stream)
    for doc in result.documents:
        assert doc.text and doc.text == normalize_text(doc.text) and doc.text.encode("utf-8")
        assert doc.id == document_id(doc.text)
        assert all(v is None or v.encode("utf-8") for v in (doc.external_id, doc.title, doc.outlet, doc.url))
    for problem in result.errors + result.warnings:
        assert problem.source.startswith("<stdin>") and problem.message.encode("utf-8")
