"""export: a dossier (the whole one or one story's part) as text in each export format, with its media type.

The one entry point the command line (`triangulate export`) and the HTTP API (`GET /api/export/{format}`)
share, so both give the same bytes for the same dossier.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from triangulate.report import indented
from triangulate.report.exports import events_csv
from triangulate.report.geojson import render_geojson
from triangulate.report.graphml import render_graphml
from triangulate.report.markdown import render_markdown


@dataclass(frozen=True)
class Format:
    """An export format: its media type, the file suffix it is saved under, and how it is written."""

    name: str
    media_type: str
    suffix: str
    write: Callable[[dict[str, Any]], str]


def _json(dossier: dict[str, Any]) -> str:
    return indented.dumps(dossier) + "\n"  # as dossier.json is written


# Media types: RFC 8259 (JSON), RFC 7763 (Markdown), RFC 4180 (CSV), RFC 7946 (GeoJSON), the GraphML
# project's own. Text types carry no charset here: the HTTP layer adds "; charset=utf-8" to text/*.
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("json", "application/json", ".json", _json),
    Format("markdown", "text/markdown", ".md", render_markdown),
    Format("acled-csv", "text/csv", ".csv", events_csv),
    Format("geojson", "application/geo+json", ".geojson", render_geojson),
    Format("graphml", "application/graphml+xml", ".graphml", render_graphml),
)}


def render(dossier: dict[str, Any], fmt: str) -> tuple[str, str]:
    """The dossier in format `fmt` (a key of FORMATS): the text and its media type.

    Raises ValueError naming the known formats for any other `fmt`."""
    chosen = FORMATS.get(fmt)
    if chosen is None:
        raise ValueError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    return chosen.write(dossier), chosen.media_type
