"""`triangulate stories | show | search | export` over a store of the seed reports, the Kramatorsk
reports and one hostile report: plain and --json output, terminal output that no report can steer,
clear errors, exports that parse back and that --story restricts."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner, Result

from tests.conftest import REPO, need_data
from triangulate.cli import main
from triangulate.cli.browse import json_text
from triangulate.pipeline import run as run_pipeline
from triangulate.report.export import FORMATS
from triangulate.report.markdown import md_escape

SEEDS_STORY = "s7bc5cbbf27deafd3"  # "Israel Accused of Targeting Iranian Installations in Iraq"
SEEDS_HEADLINE = "Israel Accused of Targeting Iranian Installations in Iraq"
KRAMATORSK_HEADLINE = "Russians hit Tochka-U at railway station in Kramatorsk"
# A report whose metadata tries to clear the screen, retitle the terminal, blink through rich markup,
# reverse the text's direction and plant a link.
HOSTILE_TITLE = "\x1b[2J\x1b]0;owned\x07[blink]Riot[/blink] in Osgiliath \u202eecilop"
HOSTILE = {
    "id": "gondor-herald-1",
    "title": HOSTILE_TITLE,
    "outlet": "[link=https://evil.example]Gondor Herald[/link]",
    "published": "2021-03-04",
    "text": ("Protesters clashed with police in Osgiliath on Wednesday, the city's mayor said. Police fired tear gas "
            "at the crowd near the old bridge, witnesses told the Gondor Herald. \x1b[31mThe mayor called for calm."),
}
ATTACKS = ("\x1b[2J", "\x1b]0;", "\x07", "\u202e", "\x1b[5m", "\x1b]8;")  # the payloads, and what markup would make


@pytest.fixture(scope="module")
def db(seeds_run: dict[str, Any], shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed run's store (copied: it is the session's) with the Kramatorsk reports and the hostile one added."""
    kramatorsk = need_data(shared_data / "disputes" / "kramatorsk-station-2022", "the Kramatorsk reports")
    out = tmp_path_factory.mktemp("browse")
    path = out / "triangulate.db"
    with sqlite3.connect(seeds_run["out"] / "triangulate.db") as source, sqlite3.connect(path) as copy:
        source.backup(copy)
    hostile = out / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    result = run_pipeline([kramatorsk, hostile], None, path)
    assert not result.errors and result.analyzed == 6
    return path


def _run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


def _ok(*args: str, env: dict[str, str] | None = None) -> str:
    result = _run(*args, env=env)
    assert result.exit_code == 0, result.output
    return result.output


def _stories(db: Path) -> list[dict[str, Any]]:
    return list(json.loads(_ok("stories", "--db", str(db), "--json"))["stories"])


_SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colours and styles rich draws with
TERMINAL = {"TTY_COMPATIBLE": "1", "COLUMNS": "200"}  # rich draws as on a terminal


def test_stories_plain_lists_them_newest_first(db: Path) -> None:
    lines = _ok("stories", "--db", str(db)).splitlines()
    assert lines[0] == "Stories (1-3 of 3)"
    assert lines[1].split("\t")[:3] == ["story", "latest", "reports"]
    rows = [line.split("\t") for line in lines[2:]]
    assert [r[1] for r in rows] == ["2022-04-09", "2021-03-04", "2019-08-23"]
    assert rows[0][6].startswith(KRAMATORSK_HEADLINE) and rows[0][2] == "5"
    assert rows[2] == [SEEDS_STORY, "2019-08-23", "2", *rows[2][3:6], SEEDS_HEADLINE]


def test_stories_json_pages(db: Path) -> None:
    page = json.loads(_ok("stories", "--db", str(db), "--json", "--limit", "1", "--offset", "2"))
    assert (page["total"], page["offset"], page["limit"]) == (3, 2, 1)
    assert [s["id"] for s in page["stories"]] == [SEEDS_STORY]
    assert page["stories"][0]["reports"] == 2 and page["stories"][0]["contradictions"] >= 1


def test_stories_on_a_terminal_is_a_table(db: Path) -> None:
    out = _ok("stories", "--db", str(db), env=TERMINAL)
    assert "\x1b[1m" in out  # rich's own styling
    seen = _SGR.sub("", out)
    assert "┃ story " in seen and f"│ {SEEDS_HEADLINE}" in seen and f"│ {SEEDS_STORY} " in seen
    assert "│ 2019-08-23 │       2 │" in seen


def test_show_plain_is_the_story_markdown(db: Path) -> None:
    out = _ok("show", SEEDS_STORY, "--db", str(db))
    assert f"## {SEEDS_HEADLINE}" in out and "**Who says who did it**" in out
    assert "Government of Israel" in out and "Balad" in out
    assert KRAMATORSK_HEADLINE not in out and "Osgiliath" not in out  # one story only


def test_show_json_is_the_story_dossier(db: Path) -> None:
    dossier = json.loads(_ok("show", SEEDS_STORY, "--db", str(db), "--json"))
    assert [s["id"] for s in dossier["stories"]] == [SEEDS_STORY]
    assert sorted(d["id"] for d in dossier["documents"]) == sorted(dossier["stories"][0]["doc_ids"])
    assert {m["story_id"] for m in dossier["merged_events"]} == {SEEDS_STORY}


def test_show_on_a_terminal_renders_markdown(db: Path) -> None:
    out = _ok("show", SEEDS_STORY, "--db", str(db), env=TERMINAL)
    assert "\x1b[" in out and SEEDS_HEADLINE in out
    assert "## " not in out and "**Who says" not in out  # rendered, not the Markdown source


def test_search_finds_the_story_and_its_reports(db: Path) -> None:
    found = json.loads(_ok("search", "Balad", "--db", str(db), "--json"))
    assert found["query"] == "Balad" and [s["id"] for s in found["stories"]] == [SEEDS_STORY]
    # Only the TV7 report names Balad; the New York Times one does not
    assert [(r["outlet"], r["story_id"]) for r in found["reports"]] == [("TV7 Israel News", SEEDS_STORY)]
    plain = _ok("search", "Kramatorsk station", "--db", str(db))
    assert plain.splitlines()[0] == "Search 'Kramatorsk station': 1 story, 5 reports"
    assert KRAMATORSK_HEADLINE in plain and SEEDS_HEADLINE not in plain
    assert "Al Arabiya English" in _ok("search", "Kramatorsk", "--db", str(db), env=TERMINAL)
    shown = _ok("search", "[/bold][blink]", "--db", str(db), env=TERMINAL)  # markup in the query is its words
    assert "Search '[/bold][blink]': 0 stories" in shown and "\x1b[5m" not in shown


def test_search_for_nothing_stored_and_for_empty_text(db: Path) -> None:
    none = json.loads(_ok("search", "Rohan cavalry", "--db", str(db), "--json"))
    assert none["total"] == 0 and none["stories"] == [] and none["reports"] == []
    result = _run("search", "  ", "--db", str(db))
    assert result.exit_code == 1 and "the search text is empty" in result.output


@pytest.mark.parametrize("args", [["stories"], ["show", SEEDS_STORY], ["search", "Balad"],
                                  ["export", "--format", "json"]], ids=lambda a: a[0])
def test_a_missing_or_broken_database_is_a_clear_error(args: list[str], tmp_path: Path) -> None:
    missing = _run(*args, "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 1 and "Traceback" not in missing.output
    assert f"no database at {tmp_path / 'none.db'}" in missing.output and "triangulate run" in missing.output
    broken = tmp_path / "notes.db"
    broken.write_text("these are notes, not a database\n", encoding="utf-8")
    result = _run(*args, "--db", str(broken))
    assert result.exit_code == 1 and "as a triangulate database" in result.output


@pytest.mark.parametrize("command", ["show", "export"])
def test_an_unknown_story_is_a_clear_error(command: str, db: Path) -> None:
    args = ["show", "s-no-such"] if command == "show" else ["export", "--format", "json", "--story", "s-no-such"]
    result = _run(*args, "--db", str(db))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "no story 's-no-such'" in result.output and "triangulate stories" in result.output


def _parsed(fmt: str, text: str) -> Any:
    """An export parsed back, as its consumer would read it."""
    if fmt in ("json", "geojson"):
        return json.loads(text)
    if fmt == "acled-csv":
        return list(csv.DictReader(io.StringIO(text, newline="")))
    if fmt == "graphml":
        return nx.parse_graphml(text)
    return text


def _story_ids(fmt: str, parsed: Any, dossier: dict[str, Any]) -> set[str]:
    """The stories an export holds records of."""
    if fmt == "json":
        return {s["id"] for s in parsed["stories"]}
    if fmt == "geojson":
        return {f["properties"]["story_id"] for f in parsed["features"]}
    if fmt == "graphml":
        return {d["story_id"] for _, _, d in parsed.edges(data=True)}
    if fmt == "acled-csv":
        story_of = {d: s["id"] for s in dossier["stories"] for d in s["doc_ids"]}
        return {story_of[r["doc_ids"]] for r in parsed}
    return {s["id"] for s in dossier["stories"] if f"\n## {md_escape(s['headline'])}\n" in parsed}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_parses_back_and_story_restricts_it(fmt: str, db: Path) -> None:
    dossier = json.loads(_ok("export", "--format", "json", "--db", str(db)))
    everything = _parsed(fmt, _ok("export", "--format", fmt, "--db", str(db)))
    assert _story_ids(fmt, everything, dossier) == {s["id"] for s in dossier["stories"]
                                                     if fmt != "geojson" or "Osgiliath" not in s["headline"]}
    one = _parsed(fmt, _ok("export", "--format", fmt, "--story", SEEDS_STORY, "--db", str(db)))
    assert _story_ids(fmt, one, dossier) == {SEEDS_STORY}
    if fmt == "acled-csv":
        assert len(everything) == len(dossier["events"]) and 0 < len(one) < len(everything)


def test_export_to_a_file_keeps_the_bytes(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = _run("export", "--format", "acled-csv", "--story", SEEDS_STORY, "--db", str(db), "--out", str(out))
    assert result.exit_code == 0 and f"acled-csv: {out}" in result.output
    assert out.read_bytes().startswith(b"event_id,doc_ids,event_date") and b"\r\n" in out.read_bytes()
    stdout = _run("export", "--format", "acled-csv", "--story", SEEDS_STORY, "--db", str(db)).stdout_bytes
    assert out.read_bytes() == stdout  # the same bytes, CRLF line ends kept
    bad = _run("export", "--format", "json", "--db", str(db), "--out", str(tmp_path / "no" / "such" / "x.json"))
    assert bad.exit_code == 1 and "cannot write" in bad.output and "Traceback" not in bad.output


def test_export_formats_are_the_libraries() -> None:
    option = next(p for p in main.commands["export"].params if p.name == "fmt")
    assert list(option.type.choices) == list(FORMATS)  # type: ignore[attr-defined]


def test_unknown_format_is_refused(db: Path) -> None:
    result = _run("export", "--format", "kml", "--db", str(db))
    assert result.exit_code == 2 and "'kml' is not one of" in result.output


@pytest.mark.parametrize("env", [None, TERMINAL], ids=["piped", "terminal"])
def test_no_report_can_steer_the_terminal(db: Path, env: dict[str, str] | None) -> None:
    hostile = next(s for s in _stories(db) if "Osgiliath" in s["headline"])
    outputs = [_ok("stories", "--db", str(db), env=env), _ok("show", hostile["id"], "--db", str(db), env=env),
               _ok("search", "Osgiliath", "--db", str(db), env=env)]
    for out in outputs:
        assert "Osgiliath" in out
        for attack in ATTACKS:
            assert attack not in out
    if env:  # an export shown on a terminal too; written to a file or a pipe it keeps its bytes
        for fmt in FORMATS:
            shown = _ok("export", "--format", fmt, "--story", hostile["id"], "--db", str(db), env=env)
            assert not any(attack in shown for attack in ATTACKS), fmt
    assert "[blink]Riot[/blink]" in outputs[0]  # markup shown as the text it is, not obeyed
    assert "[link=https://evil.example]Gondor Herald[/link]" in outputs[2]


def test_json_output_escapes_control_characters(db: Path) -> None:
    out = _ok("stories", "--db", str(db), "--json")
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202e]", out.replace("\n", ""))
    assert HOSTILE_TITLE in [s["headline"] for s in json.loads(out)["stories"]]  # the data itself is intact


def test_json_text_escapes_what_json_leaves_raw() -> None:
    assert json.loads(json_text({"t": "x\x9by\u2028z"})) == {"t": "x\x9by\u2028z"}
    assert "\x9b" not in json_text({"t": "x\x9b"})


def test_docs_name_every_command_and_option() -> None:
    """docs/cli.md names each browse command and each of its options, so none is undocumented."""
    doc = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in ("stories", "show", "search", "export"):
        command = main.commands[name]
        assert f"triangulate {name}" in doc, name
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in doc, f"{name} {opt}"
