"""The "Who says who did it" panel of dossier.md, on the seed reports: it opens the story and quotes no
sentence twice."""

from __future__ import annotations

from typing import Any

from triangulate.report.markdown import md_escape


def test_the_story_opens_with_who_says_who_did_it(seeds_run: dict[str, Any]) -> None:
    markdown = seeds_run["markdown"]
    story = markdown.split("\n## ", 1)[1]
    assert story.index("**Who says who did it**") < story.index("**Reports**") < story.index("**Timeline**")
    panel = story.split("**Who says who did it**", 1)[1].split("**Reports**", 1)[0]
    assert "**Government of Israel**" in panel
    assert "accused by: U.S. officials via the New York Times" in panel
    assert "A senior Middle Eastern intelligence official" in panel


def test_no_evidence_sentence_is_quoted_twice_in_a_story(seeds_run: dict[str, Any]) -> None:
    story = seeds_run["markdown"].split("\n## ", 1)[1].split("**Who says what**", 1)[0]
    dossier = seeds_run["dossier"]
    sentences = {" ".join(s["text"].split()) for item in (*dossier["events"], *dossier["responsibility"])
                 for s in item["evidence"]}
    # quoted: the headline is also the story's heading and a report's title, which are no quotes
    repeated = [s for s in sentences if len(s) > 40 and story.count("“" + md_escape(s)) > 1]
    assert repeated == []


def test_the_july_19_strike_has_israel_accused_by_the_intelligence_official(seeds_run: dict[str, Any]) -> None:
    dossier = seeds_run["dossier"]
    statements = {r["id"]: r for r in dossier["responsibility"]}
    july = [m for m in dossier["merged_events"] if (m.get("date") or {}).get("value") == "2019-07-19"
            and (m.get("perpetrator") or {}).get("candidates")]
    assert july
    accusers = {statements[i]["speaker_text"] for m in july for c in m["perpetrator"]["candidates"]
                if c["actor"] == "ISR.GOV" for i in c["accused_by"]}
    assert any("intelligence official" in a for a in accusers)
