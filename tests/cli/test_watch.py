"""`triangulate watch` from the command line: a round per invocation with --once, refusals, bad intervals, Ctrl-C."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.webserver import FixtureServer, Route, page_html, rss, serving
from triangulate.cli import main

REPO = Path(__file__).resolve().parents[2]
FEED = "/feeds/latest.xml"


def _desert_wire(running: FixtureServer) -> None:
    """A feed of two wire reports and their pages."""
    u = running.url
    running.routes.update({
        "/world/fasher": Route(page_html("fasher-shelling")),
        "/world/basra": Route(page_html("basra-protest")),
        FEED: Route(rss("Desert Wire", [
            ("Shelling kills four in El Fasher", u("/world/fasher"), "Fri, 14 Jun 2024 11:00:00 +0000"),
            ("Basra protesters block port road", u("/world/basra"), "Tue, 02 Jul 2024 12:00:00 +0000"),
        ]), content_type="application/rss+xml", etag='"latest-1"'),
    })


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureServer]:
    with serving() as running:
        _desert_wire(running)
        yield running


@pytest.fixture(scope="module")
def two_rounds(server: FixtureServer, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """`watch --once` twice on the same database: the second finds the feed unchanged."""
    out = tmp_path_factory.mktemp("watch-cli")
    outputs = []
    for _ in range(2):
        result = CliRunner().invoke(main, ["watch", server.url(FEED), "--once", "--allow-private", "--out", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    return out, outputs


def test_watch_once_stores_the_feeds_reports_and_writes_the_dossier(two_rounds: tuple[Path, list[str]]) -> None:
    out, outputs = two_rounds
    assert "round 1: 2 new reports (2 analyzed); feeds: 1 changed, 0 unchanged, 0 failed; 0 errors" in outputs[0]
    assert f"database: {out / 'triangulate.db'}" in outputs[0]
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert sorted(d["outlet"] for d in dossier["documents"]) == ["Desert Wire", "Desert Wire"]
    assert {d["published"] for d in dossier["documents"]} == {"2024-06-14", "2024-07-02"}


def test_watch_again_costs_one_conditional_request(server: FixtureServer, two_rounds: tuple[Path, list[str]]) -> None:
    _, outputs = two_rounds
    assert "round 1: 0 new reports (0 analyzed); feeds: 0 changed, 1 unchanged, 0 failed; 0 errors" in outputs[1]
    assert server.hits[FEED] == 2 and server.hits["/world/fasher"] == 1
    assert server.headers_of(FEED)[1]["If-None-Match"] == '"latest-1"'


def test_without_allow_private_the_local_feed_is_refused(server: FixtureServer, tmp_path: Path) -> None:
    before = server.hits[FEED]
    result = CliRunner().invoke(main, ["watch", server.url(FEED), "--once", "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 0, result.output
    assert f"warning: {server.url(FEED)}: E161: 127.0.0.1 is a private, loopback or link-local address" in result.output
    assert "feeds: 0 changed, 0 unchanged, 1 failed; 1 error" in result.output
    assert server.hits[FEED] == before


@pytest.mark.parametrize(("args", "message"), [
    (["http://127.0.0.1:9/feed.xml", "--every", "fortnightly"], "not an interval"),
    (["http://127.0.0.1:9/feed.xml", "--every", "5s"], "too often"),
    (["feeds/latest.xml"], "not an http(s) URL"),
])
def test_bad_arguments_are_usage_errors(args: list[str], message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["watch", *args, "--once", "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 2 and message in result.output


def test_ctrl_c_stops_cleanly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from triangulate.watch import Watcher

    def interrupted(self: Watcher) -> None:
        self.rounds += 1
        raise KeyboardInterrupt

    monkeypatch.setattr(Watcher, "round", interrupted)
    result = CliRunner().invoke(main, ["watch", "http://127.0.0.1:9/feed.xml", "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 0, result.output
    assert "stopped after 1 round" in result.output and "Traceback" not in result.output


def test_the_examples_in_docs_live_md_run(tmp_path: Path) -> None:
    """Each `$ triangulate` line of docs/live.md runs against a local server and prints the lines shown."""
    block = re.search(r"```console\n(.*?)```", (REPO / "docs" / "live.md").read_text(encoding="utf-8"), re.S)
    assert block is not None
    examples: list[tuple[str, list[str]]] = []
    for line in block.group(1).splitlines():
        if line.startswith("$ "):
            examples.append((line[2:], []))
        elif line.strip():
            examples[-1][1].append(line)
    assert len(examples) == 3
    with serving() as local:
        _desert_wire(local)

        def local_paths(text: str) -> str:
            return re.sub(r"\bout/", f"{tmp_path}/out/", text.replace("https://wire.example.org", local.url("")))

        for command, shown in examples:
            args = [local_paths(a) for a in shlex.split(command)[1:]] + ["--allow-private"]
            result = CliRunner().invoke(main, args)
            assert result.exit_code == 0, f"{command}\n{result.output}"
            for line in shown:
                assert local_paths(line) in result.output.splitlines(), f"{command}\n{result.output}"
