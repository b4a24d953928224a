"""export.render: each format of the seeds' dossier with its media type, read back by its consumer's
reader; the ACLED CSV round-trips through csv.DictReader and keeps spreadsheets from running formulas."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from triangulate.report.dossier import write_outputs
from triangulate.report.export import FORMATS, render
from triangulate.report.exports import ACLED_COLUMNS, event_rows
from triangulate.report.markdown import render_markdown

MEDIA_TYPES = {"json": "application/json", "markdown": "text/markdown", "acled-csv": "text/csv",
               "geojson": "application/geo+json", "graphml": "application/graphml+xml"}


@pytest.fixture(scope="module")
def dossier(seeds_run: dict[str, Any]) -> dict[str, Any]:
    return dict(seeds_run["dossier"])


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_formats_and_their_media_types() -> None:
    assert {name: f.media_type for name, f in FORMATS.items()} == MEDIA_TYPES


@pytest.mark.parametrize("fmt", list(MEDIA_TYPES))
def test_each_format_reads_back(fmt: str, dossier: dict[str, Any]) -> None:
    text, media_type = render(dossier, fmt)
    assert media_type == MEDIA_TYPES[fmt] and text.endswith("\n")
    if fmt == "json":
        assert json.loads(text) == dossier
    elif fmt == "markdown":
        assert text == render_markdown(dossier) and text.startswith("# Dossier")
    elif fmt == "acled-csv":
        assert len(_rows(text)) == len(dossier["events"])
    elif fmt == "geojson":
        assert json.loads(text)["type"] == "FeatureCollection"
    else:
        assert nx.parse_graphml(text).has_edge("USA.GOV", "ISR.GOV")


def test_an_unknown_format_names_the_known_ones(dossier: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="unknown export format 'kml'; use one of: json, markdown, acled-csv"):
        render(dossier, "kml")


def test_the_acled_csv_round_trips(dossier: dict[str, Any], tmp_path: Path) -> None:
    text, _ = render(dossier, "acled-csv")
    rows = _rows(text)
    assert list(rows[0]) == list(ACLED_COLUMNS) and rows == event_rows(dossier)
    balad = next(r for r in rows if r["location"] == "Balad Air Base")
    assert (balad["event_date"], balad["country"], balad["latitude"], balad["longitude"]) == (
        "2019-08-20", "Iraq", "33.9400", "44.3600")
    assert "\r\n" in text  # RFC 4180 line ends, as csv writes them
    written = write_outputs(dossier, tmp_path)["csv"]  # the run's events.csv: the same bytes
    assert written.read_bytes() == text.encode("utf-8")


def test_the_acled_csv_keeps_formulas_inert(dossier: dict[str, Any]) -> None:
    hostile = copy.deepcopy(dossier)
    event = hostile["events"][0]
    event["evidence"][0]["text"] = '=HYPERLINK("http://evil.example","click")'
    doc = next(d for d in hostile["documents"] if d["id"] == event["doc_id"])
    doc["outlet"] = "@SUM(A1:A9)"
    row = next(r for r in _rows(render(hostile, "acled-csv")[0]) if r["event_id"] == event["id"])
    assert row["notes"] == '\'=HYPERLINK("http://evil.example","click")' and row["source"] == "'@SUM(A1:A9)"
