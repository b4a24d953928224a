"""dossier.md's timeline: one line per real event, the noise counted, not listed."""

from __future__ import annotations

from typing import Any

from triangulate.report.markdown import render_markdown
from triangulate.report.markdown_text import date_text


def _event(i: int, doc: str, type_: str, modality: str, sentence: str) -> dict[str, Any]:
    return {"id": f"e{i}", "doc_id": doc, "type": type_, "mode": None, "modality": modality,
            "date": {"value": "2023-06-06", "start_date": "2023-06-06", "end_date": "2023-06-06"},
            "evidence": [{"doc_id": doc, "start": 0, "end": len(sentence), "text": sentence}]}


def _merged(i: int, type_: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": f"m{i}", "story_id": "s1", "event_ids": [e["id"] for e in events], "type": type_, "mode": None,
            "source_actor": None, "target_actor": None, "date": events[0]["date"], "place": None,
            "doc_ids": sorted({e["doc_id"] for e in events}), "tolls": [],
            "origins": [{"speaker": None, "outlet": o} for o in sorted({e["doc_id"] for e in events})],
            "perpetrator": {"status": "unknown", "candidates": []}}


def test_the_timeline_lists_real_events_once_and_counts_statements_and_hypotheticals() -> None:
    events = [
        _event(1, "d1", "ASSAULT", "asserted", "The Kakhovka dam was blown up overnight."),
        _event(2, "d2", "ASSAULT", "reported", "Officials said the dam was destroyed by an explosion."),
        _event(3, "d2", "ACCUSE", "asserted", "Kyiv accused Moscow of the destruction."),
        _event(4, "d1", "ASSAULT", "hypothetical", "A strike on the plant could flood the region."),
        _event(5, "d2", "COERCE", "asserted", "Police detained two men near the plant."),
    ]
    merged = [_merged(1, "ASSAULT", events[:2]), _merged(2, "ACCUSE", [events[2]]),
              _merged(3, "ASSAULT", [events[3]]), _merged(4, "COERCE", [events[4]])]
    docs = [{"id": d, "external_id": f"{d}.txt", "outlet": f"Outlet {d}", "title": "Dam", "published": "2023-06-06"}
            for d in ("d1", "d2")]
    story = {"id": "s1", "headline": "Dam", "doc_ids": ["d1", "d2"], "event_ids": [e["id"] for e in events],
             "claim_ids": [], "merged_event_ids": [m["id"] for m in merged]}
    dossier = {"generator": "test", "documents": docs, "actors": [], "events": events, "claims": [],
               "stories": [story], "merged_events": merged, "claim_groups": [], "contradictions": [],
               "responsibility": [], "errors": []}
    text = render_markdown(dossier)
    timeline = text.split("**Timeline**", 1)[1].split("**Who says what**", 1)[0]
    rows = [line for line in timeline.splitlines() if line.startswith("- ")]
    assert len(rows) == 3
    assert "ASSAULT" in rows[0] and "2 mentions in 2 reports; 2 independent origins" in rows[0]
    assert "blown up overnight" in rows[0]
    assert "COERCE" in rows[1] and "*asserted*, Outlet d2" in rows[1] and "detained two men" in rows[1]
    assert rows[2] == ("- and 2 more told once: statements, or deeds told as hypothetical or denied "
                       "(in dossier.json)")
    assert "could flood" not in text and "accused Moscow" not in text


def test_dates_show_days_not_parts_of_a_day() -> None:
    assert date_text({"value": "2019-06-13TAF", "start_date": "2019-06-13", "end_date": "2019-06-13"}) == "2019-06-13"
    assert date_text({"value": "2022-W13", "start_date": "2022-03-28", "end_date": "2022-04-03"}) == \
        "2022-03-28 to 2022-04-03"
    assert date_text({"value": "XXXX-07-19"}) == "XXXX-07-19" and date_text(None) == "date unknown"
