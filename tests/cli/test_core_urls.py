"""`triangulate run URL`: a page fetched through the safe fetcher, analyzed beside files; refused without --allow-private."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.webserver import FixtureServer, Route, page_html, serving
from triangulate.cli import main


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureServer]:
    with serving() as running:
        running.routes["/africa/kaya-checkpoint"] = Route(page_html("kaya-checkpoint", site="Sahel Desk"))
        yield running


def test_run_reads_a_page_by_url_beside_a_file(server: FixtureServer, tmp_path: Path) -> None:
    report = tmp_path / "mopti.txt"
    report.write_text("Mali army says it freed ferry passengers\n\nBAMAKO, Aug 9 - Malian soldiers freed twenty "
                      "passengers of a river ferry that militants had seized near Mopti, the army said on Friday.\n",
                      encoding="utf-8")
    url = server.url("/africa/kaya-checkpoint")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", url, str(report), "--out", str(out), "--allow-private", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "2 reports read (2 analyzed" in result.output
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    page = next(d for d in dossier["documents"] if d["url"] == url)
    assert (page["outlet"], page["published"], page["title"]) == (
        "Sahel Desk", "2024-05-20", "Gunmen attack army checkpoint in northern Burkina Faso")
    events = [e for e in dossier["events"] if e["doc_id"] == page["id"]]
    assert any(e["type"] == "ASSAULT" for e in events), events


def test_run_refuses_a_local_url_without_allow_private(server: FixtureServer, tmp_path: Path) -> None:
    url = server.url("/africa/kaya-checkpoint")
    before = server.hits["/africa/kaya-checkpoint"]
    result = CliRunner().invoke(main, ["run", url, "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 1
    assert f"warning: {url}: E161: 127.0.0.1 is a private, loopback or link-local address" in result.output
    assert "no report could be read" in result.output
    assert server.hits["/africa/kaya-checkpoint"] == before
