"""The dossier: JSON that follows the schema, Markdown and CSV that keep hostile text inert."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema

from tests.store.builders import analyzed_report as _analyzed
from triangulate.link.relink import relink
from triangulate.records import Actor
from triangulate.report.dossier import build_dossier, write_outputs
from triangulate.report.exports import ACLED_COLUMNS, acled_actor_name
from triangulate.report.markdown import _toll_history, md_escape, render_markdown
from triangulate.store import open_store

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "schema" / "dossier.schema.json").read_text())
HOSTILE = "=HYPERLINK(\"http://x\") said <script>alert(1)</script> and ![img](http://x/y.png) | # not a heading"


def _dossier(text: str) -> dict:
    store = open_store(":memory:")
    analyzed = _analyzed(text)
    store.save(analyzed, "v1")
    relink(store)  # stories and their links, as the pipeline does
    return build_dossier(store)


def test_dossier_follows_the_schema() -> None:
    dossier = _dossier("Protesters gathered outside parliament in Beirut on Tuesday, police said.")
    jsonschema.validate(dossier, SCHEMA)
    assert dossier["stories"][0]["doc_ids"] == [dossier["documents"][0]["id"]]
    assert [a["id"] for a in dossier["actors"]] == ["LBN.POL"]


def test_markdown_escapes_article_text() -> None:
    dossier = _dossier(HOSTILE + " Protesters gathered outside parliament in Beirut on Tuesday, police said.")
    markdown = render_markdown(dossier)
    assert "<script>" not in markdown
    assert "![img]" not in markdown
    assert "\\<script\\>" in markdown
    assert not any(line.startswith("# not") for line in markdown.splitlines())
    assert md_escape("a\nb [c](d)") == "a b \\[c\\]\\(d\\)"
    assert md_escape("x\x1b[2Jy\u202ez") == "x \\[2Jy z"  # no terminal escape or direction override survives


def test_csv_has_acled_columns_and_no_formulas(tmp_path: Path) -> None:
    dossier = _dossier(HOSTILE)
    paths = write_outputs(dossier, tmp_path)
    with paths["csv"].open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
    assert rows[0]["notes"].startswith("'=HYPERLINK")
    assert rows[0]["latitude"] == "" or not rows[0]["latitude"].startswith("'")
    assert paths["markdown"].read_text(encoding="utf-8").startswith("# Dossier")


def test_acled_actor_names_follow_acled_patterns() -> None:
    military = Actor(id="ISR.MIL", name="Israel Defense Forces", country="IL", sectors=["military"], kind="military")
    protesters = Actor(id="IND.PRO", name="Protesters", country="IN", sectors=["protesters"], kind="group")
    assert acled_actor_name(military) == "Military Forces of Israel"
    assert acled_actor_name(protesters) == "Protesters (India)"
    assert acled_actor_name(None, "unknown gunmen") == "unknown gunmen"


def test_a_toll_history_says_how_each_report_bounded_its_count() -> None:
    item = {"tolls": [
        {"kind": "fatalities", "value": 1400, "bound": "at_least", "outlet": "Morning Herald", "published": "2013-09-08"},
        {"kind": "fatalities", "value": 1429, "bound": None, "outlet": "Wire", "published": "2013-09-09"},
    ]}
    assert _toll_history(item) == ["  - killed: at least 1400 (Morning Herald; 2013-09-08) → 1429 (Wire; 2013-09-09)"]
