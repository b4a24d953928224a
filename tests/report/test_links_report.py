"""The per-story links in the dossier: JSON that follows the schema, Markdown with both evidences."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from tests.link.builders import Report
from triangulate.link.relink import update_story_links
from triangulate.records import Story
from triangulate.report.dossier import build_dossier
from triangulate.report.markdown import render_markdown
from triangulate.store import SQLiteStore, open_store

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "schema" / "dossier.schema.json").read_text())


def _reports() -> list[Report]:
    wire = Report("A drone struck a depot in Al-Qaim on Tuesday, killing two fighters, local officials said.",
                  "Tigris Wire", "2023-11-15", "wire")
    said = wire.claim("local officials", "said", "A drone struck a depot in Al-Qaim on Tuesday, killing two "
                      "fighters")
    wire.event("struck", mode="drone", day="2023-11-14", place="Al-Qaim", fatalities=2, claim=said)
    monitor = Report("The defence ministry said a drone strike on a depot in Al-Qaim on Tuesday killed three "
                     "fighters.", "Anbar Monitor", "2023-11-15", "mon")
    told = monitor.claim("The defence ministry", "said", "a drone strike on a depot in Al-Qaim on Tuesday killed "
                         "three fighters", speaker="IRQ.GOV")
    monitor.event("drone strike", mode="drone", day="2023-11-14", place="Al-Qaim", fatalities=3, claim=told)
    return [wire, monitor]


def _store(reports: list[Report]) -> SQLiteStore:
    store = open_store(":memory:")
    for report in reports:
        store.save(report.analyzed(), "v1")
    docs = [r.analyzed() for r in reports]
    store.replace_stories([Story(
        id="s1", headline="Drone strike on a depot", doc_ids=[d.document.id for d in docs],
        event_ids=[e.id for d in docs for e in d.events], claim_ids=[c.id for d in docs for c in d.claims])])
    return store


def test_dossier_carries_merged_events_groups_and_contradictions_per_story() -> None:
    store = _store(_reports())
    assert update_story_links(store) == 1
    dossier = build_dossier(store)
    jsonschema.validate(dossier, SCHEMA)
    (merged,) = dossier["merged_events"]
    assert merged["event_ids"] == ["wire:e1", "mon:e1"]
    assert len(merged["origins"]) == 2
    (conflict,) = dossier["contradictions"]
    assert conflict["kind"] == "fatalities"
    story = dossier["stories"][0]
    assert story["merged_event_ids"] == [merged["id"]]
    assert story["contradiction_ids"] == [conflict["id"]]
    assert [g["id"] for g in dossier["claim_groups"]] == story["claim_group_ids"]


def test_links_are_recomputed_only_for_stories_that_changed() -> None:
    store = _store(_reports())
    assert update_story_links(store) == 1
    assert update_story_links(store) == 0
    store.replace_stories([])
    assert update_story_links(store) == 0
    assert store.story_links() == {}  # the links of a story that is gone are dropped


def test_markdown_shows_both_evidences_side_by_side_and_origin_counts() -> None:
    store = _store(_reports())
    update_story_links(store)
    markdown = render_markdown(build_dossier(store))
    assert "**Timeline**" in markdown and "**Contradictions**" in markdown
    assert "2 mentions in 2 reports; 2 independent origins" in markdown
    row = next(line for line in markdown.splitlines() if line.strip().startswith("| evidence"))
    assert "killing two fighters" in row and "killed three fighters" in row
    assert "| says | 2 | 3 |" in markdown
