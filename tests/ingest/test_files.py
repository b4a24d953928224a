"""Plain-text reports, metadata.jsonl, folders, the error cases, and the error-code table."""

from __future__ import annotations

import json
import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triangulate.ingest import load_paths
from triangulate.ingest.common import MAX_FILE_BYTES, MAX_TEXT_CHARS
from triangulate.ingest.errors import CODES
from triangulate.ingest.files import split_title
from triangulate.records import IngestError, document_id, normalize_text
from triangulate.run_codes import CODES as RUN_CODES
from triangulate.store.errors import CODES as STORE_CODES

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"

REPORT = (
    "Gunmen attacked a police checkpoint near Tikrit on Monday, killing three officers, "
    "a provincial official said. No group claimed the attack."
)


def codes(problems: list[IngestError]) -> list[str]:
    return [p.code for p in problems]


def write_metadata(folder: Path, *rows: object) -> None:
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    (folder / "metadata.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- the seeds and the examples -------------------------------------------------------------


def test_seeds_load_with_their_metadata(seeds_dir: Path) -> None:
    result = load_paths([seeds_dir])
    assert result.errors == []
    assert result.warnings == []
    assert len(result.documents) == len(list(seeds_dir.glob("*.txt")))
    rows = {
        row["file"]: row
        for row in map(json.loads, (seeds_dir / "metadata.jsonl").read_text(encoding="utf-8").splitlines())
    }
    for doc in result.documents:
        row = rows[doc.external_id]
        assert doc.published == date.fromisoformat(row["published"])
        if row["outlet"] is not None:
            assert doc.outlet == row["outlet"]
        assert doc.text == normalize_text(doc.text)
        assert doc.id == document_id(doc.text)


def test_seed_title_comes_from_metadata_or_first_line_and_the_text_is_the_whole_file(seeds_dir: Path) -> None:
    docs = load_paths([seeds_dir]).documents
    assert any(d.title is not None for d in docs) and any(d.title is None for d in docs)
    for doc in docs:  # a headline stays in the text, which is the file as published
        raw = (seeds_dir / doc.external_id).read_text(encoding="utf-8")
        assert doc.text == normalize_text(raw).strip()
        if doc.title is not None:
            assert doc.text.startswith(doc.title)


def test_examples_folder_reads_every_format() -> None:
    result = load_paths([EXAMPLES])
    assert result.errors == [] and result.warnings == []
    sources = [d.source for d in result.documents]
    assert sources == sorted(sources)  # sorted walk: the order is stable
    assert {Path(s.split(":")[0]).suffix for s in sources} == {".txt", ".html", ".jsonl"}
    by_id = {d.external_id: d for d in result.documents}
    assert by_id["02_northern_desk_depot.txt"].title == "Drone kills two at militia arms depot in Anbar"
    assert by_id["02_northern_desk_depot.txt"].published == date(2023, 11, 15)  # from a full datetime
    assert by_id["01_tigris_wire_depot_strike.txt"].title == "Drone strike hits militia weapons depot in western Iraq"
    assert by_id["01_tigris_wire_depot_strike.txt"].text.startswith(
        "Drone strike hits militia weapons depot in western Iraq\n\nBAGHDAD, Nov 15 (Tigris Wire)")
    assert all(d.outlet for d in result.documents)
    assert all(d.published for d in result.documents)
    for doc in result.documents:
        assert 100 <= len(doc.text.split()) <= 300


def test_loading_twice_is_identical() -> None:
    first = load_paths([EXAMPLES])
    second = load_paths([EXAMPLES])
    assert [d.model_dump() for d in first.documents] == [d.model_dump() for d in second.documents]


def test_same_file_named_twice_is_read_once() -> None:
    result = load_paths([EXAMPLES, EXAMPLES / "01_tigris_wire_depot_strike.txt"])
    assert len(result.documents) == len(load_paths([EXAMPLES]).documents)


# --- the title rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "body_start"),
    [
        ("Rockets hit Erbil airport\n\nThree rockets struck the airport late on Monday.",
         "Rockets hit Erbil airport", "Three rockets"),
        ("Three rockets struck the airport late on Monday.\nOfficials said no one was hurt.", None, "Three rockets"),
        # a one-sentence lead paragraph is not a headline
        ("Three rockets struck the airport late on Monday.\n\nOfficials said no one was hurt.", None, "Three"),
        ("Rockets hit Erbil airport\n\n", None, "Rockets hit"),
    ],
)
def test_split_title(text: str, title: str | None, body_start: str) -> None:
    got_title, body = split_title(normalize_text(text))
    assert got_title == title
    assert body.startswith(body_start)


def test_txt_title_and_cli_defaults(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Checkpoint attacked near Tikrit\n\n" + REPORT, encoding="utf-8")
    result = load_paths([tmp_path / "a.txt"], published=date(2024, 5, 6), outlet="Desk")
    (doc,) = result.documents
    assert doc.title == "Checkpoint attacked near Tikrit"
    assert doc.text == "Checkpoint attacked near Tikrit\n\n" + REPORT  # the headline is read too
    assert (doc.published, doc.outlet, doc.external_id) == (date(2024, 5, 6), "Desk", "a.txt")


def test_metadata_wins_over_first_line_and_defaults(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Checkpoint attacked\n\n" + REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Checkpoint attacked\n\n" + REPORT + " Police sealed the road.", encoding="utf-8")
    write_metadata(
        tmp_path,
        {"file": "a.txt", "title": "Three police killed", "outlet": "Wire", "published": "2024-05-01T08:00:00Z",
         "url": "https://wire.example.org/a", "extra": 1},
        {"file": "b.txt", "title": None, "outlet": None, "published": None},
    )
    result = load_paths([tmp_path], published=date(2024, 5, 6), outlet="Desk")
    assert result.warnings == []
    a, b = result.documents
    assert (a.title, a.outlet, a.published, a.url) == ("Three police killed", "Wire", date(2024, 5, 1),
                                                       "https://wire.example.org/a")
    assert (b.title, b.outlet, b.published) == ("Checkpoint attacked", "Desk", date(2024, 5, 6))


def test_metadata_applies_when_a_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    write_metadata(tmp_path, {"file": "a.txt", "outlet": "Wire"})
    assert load_paths([tmp_path / "a.txt"]).documents[0].outlet == "Wire"


def test_metadata_line_problems_are_warnings(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    write_metadata(
        tmp_path,
        {"title": "no file here"},
        "{not json",
        "[1, 2]",
        {"file": "missing.txt", "outlet": "Wire"},
        {"file": "a.txt", "outlet": 7, "published": "last Tuesday"},
    )
    result = load_paths([tmp_path])
    assert result.errors == []
    assert len(result.documents) == 1
    assert codes(result.warnings) == ["E104", "E105", "E105", "E106", "E113", "E107"]
    assert result.warnings[0].source.endswith("metadata.jsonl:1")
    assert "line 1 has no `file`" in result.warnings[0].message
    assert "add the file name or remove the line" in result.warnings[0].message
    doc = result.documents[0]
    assert doc.outlet is None and doc.published is None


METADATA_VALUE = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
                  | st.sampled_from(["0000-01-01", "99999-12-31", "9999-12-31", "1066-10-14", "2019-08-21",
                                     "Sat, 01 Jan 0000 00:00:00 GMT", "\u202eevil", "a\ud800b", "\x1b[2J"])
                  | st.lists(st.integers(), max_size=2))
METADATA_ROW = st.fixed_dictionaries(
    {}, optional={"file": st.sampled_from(["a.txt", "b.txt", "missing.txt", "../a.txt", "", " a.txt "])
                  | METADATA_VALUE,
                  **{name: METADATA_VALUE for name in ("title", "outlet", "url", "published", "language")}},
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(METADATA_ROW.map(lambda row: json.dumps(row)) | st.text(max_size=40), max_size=6))
def test_any_metadata_never_raises_and_gives_clean_fields(tmp_path: Path, lines: list[str]) -> None:
    folder = tmp_path / "reports"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b.txt").write_text("Artillery shells struck a market in El Fasher on Friday, medics said.",
                                  encoding="utf-8")
    (folder / "metadata.jsonl").write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    result = load_paths([folder])
    assert result.errors == [] and len(result.documents) == 2  # metadata never costs a report
    # (a line of NUL-holding text may make the file read as binary, E111, or as UTF-16 without its mark, E115)
    assert {w.code for w in result.warnings} <= {"E103", "E104", "E105", "E106", "E107", "E111", "E112", "E113", "E115",
                                                  "E116", "E117"}
    for doc in result.documents:
        for value in (doc.title, doc.outlet, doc.url, doc.language):
            assert value is None or (value == value.strip() and value and value.encode("utf-8"))
        assert doc.published is None or date(1605, 1, 1) <= doc.published <= date.today() + timedelta(days=2)
    for warning in result.warnings:
        assert warning.source.startswith(str(folder / "metadata.jsonl")) and warning.message.encode("utf-8")


def test_metadata_with_lone_surrogates_is_made_valid(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    write_metadata(tmp_path, '{"file": "a.txt", "title": "Checkpoint \\ud800 attacked", "outlet": "W\\udfffire"}')
    result = load_paths([tmp_path])
    (doc,) = result.documents
    assert (doc.title, doc.outlet) == ("Checkpoint \ufffd attacked", "W\ufffdire")
    assert codes(result.warnings) == ["E116"] and "`title`, `outlet` held lone surrogates" in result.warnings[0].message


# --- error cases ------------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    result = load_paths([tmp_path / "nope.txt", EXAMPLES / "04_tigris_wire_claim.txt"])
    assert codes(result.errors) == ["E101"]
    assert len(result.documents) == 1


def test_empty_and_blank_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n\t\n", encoding="utf-8")
    result = load_paths([tmp_path])
    assert codes(result.errors) == ["E103", "E103"]
    assert result.documents == []


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = load_paths([tmp_path / "photo.txt"])
    assert codes(result.errors) == ["E111"]


def test_legacy_encoding_is_read_with_a_warning(tmp_path: Path) -> None:
    text = "Officials in Mosul said the caf\u00e9 was hit \u2013 twice."
    (tmp_path / "a.txt").write_bytes(text.encode("cp1252"))
    result = load_paths([tmp_path / "a.txt"])
    assert codes(result.warnings) == ["E112"]
    assert result.documents[0].text == text


def test_utf8_bom_and_utf16_are_plain_utf8(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + REPORT.encode("utf-8"))
    (tmp_path / "wide.txt").write_bytes(REPORT.encode("utf-16"))
    result = load_paths([tmp_path])
    assert result.warnings == [] and result.errors == []
    assert [d.text for d in result.documents] == [REPORT, REPORT]


def test_unsupported_extension_named_is_an_error_but_skipped_in_folders(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(REPORT + " Hidden.", encoding="utf-8")
    assert codes(load_paths([tmp_path / "notes.docx"]).errors) == ["E108"]
    folder = load_paths([tmp_path])
    assert folder.errors == [] and len(folder.documents) == 1


def test_metadata_named_alone(tmp_path: Path) -> None:
    write_metadata(tmp_path, {"file": "a.txt"})
    result = load_paths([tmp_path / "metadata.jsonl"])
    assert codes(result.warnings) == ["E114"] and result.documents == []


def test_too_large_file(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (MAX_FILE_BYTES // 5 + 1))
    result = load_paths([big])
    assert codes(result.errors) == ["E109"]


def test_long_text_is_truncated(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text("Shelling continued overnight. " * 8000, encoding="utf-8")
    result = load_paths([tmp_path / "long.txt"])
    assert codes(result.warnings) == ["E110"]
    (doc,) = result.documents
    assert len(doc.text) <= MAX_TEXT_CHARS
    assert doc.text.endswith("overnight.") and doc.text == normalize_text(doc.text)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod does not stop root, so make the read itself fail
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT + " More.", encoding="utf-8")
    real_open = Path.open

    def guarded_open(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", guarded_open)
    result = load_paths([tmp_path])
    assert codes(result.errors) == ["E102"]
    assert "Permission denied" in result.errors[0].message
    assert len(result.documents) == 1


def test_unlistable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    real_scandir = os.scandir

    def guarded_scandir(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    result = load_paths([tmp_path])
    assert codes(result.errors) == ["E102"]
    assert len(result.documents) == 1


def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = load_paths([fifo])
    assert codes(result.errors) == ["E102"]


# --- the code table ---------------------------------------------------------------------------


def test_error_table_is_documented() -> None:
    page = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| (E\d{3}) \| (error|warning) \| (.+?) \| (.+?) \|$", page, flags=re.MULTILINE)
    tables = [*CODES.items(), *RUN_CODES.items(), *STORE_CODES.items()]
    assert sorted(documented) == sorted((c.value, i.severity, i.summary, i.next_step) for c, i in tables)
    assert len({code.value for code, _ in tables}) == len(tables)


# --- arbitrary bytes never escape -------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000) | st.text(max_size=800).map(lambda s: s.encode("utf-8")))
def test_arbitrary_txt_never_raises(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    result = load_paths([path])
    assert len(result.documents) + len(result.errors) == 1
    for doc in result.documents:
        assert doc.text and doc.text == normalize_text(doc.text)
        assert doc.id == document_id(doc.text)


def test_the_first_line_stays_text_and_the_metadata_title_wins(tmp_path: Path) -> None:
    lead = "Gunmen attacked a police checkpoint near Tikrit on Monday, killing three officers"
    rest = "A provincial official said no group claimed the attack."
    (tmp_path / "a.txt").write_text(f"{lead}\n\n{rest}", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Three  police killed\n\n{lead}.", encoding="utf-8")
    (tmp_path / "c.txt").write_text(f"Checkpoint attacked\n\n{lead}.", encoding="utf-8")
    write_metadata(tmp_path, {"file": "a.txt", "title": "Three police killed near Tikrit"},
                   {"file": "b.txt", "title": "Three police killed"}, {"file": "c.txt"})
    a, b, c = load_paths([tmp_path]).documents
    assert (a.title, a.text) == ("Three police killed near Tikrit", f"{lead}\n\n{rest}")  # no headline: kept
    assert (b.title, b.text) == ("Three police killed", f"Three  police killed\n\n{lead}.")
    assert (c.title, c.text) == ("Checkpoint attacked", f"Checkpoint attacked\n\n{lead}.")  # the first-line rule
