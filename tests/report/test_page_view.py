"""The dossier page's view of a story, on the seed reports: who did it, the timeline, map points, the
who-says-what matrix, contradictions, and evidence marks that land on the words they quote."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from triangulate.report import page_view
from triangulate.report.browse import StoryPage, StorySummary
from triangulate.report.page_view import list_view, safe_url, story_view


@pytest.fixture(scope="module")
def view(seeds_run: dict[str, Any]) -> page_view.StoryView:
    return story_view(seeds_run["dossier"])


def test_only_http_urls_become_links() -> None:
    assert safe_url("https://example.org/a?b=<c>") == "https://example.org/a?b=<c>"
    assert safe_url("HTTP://example.org") == "HTTP://example.org"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,x",
                "//example.org", "/relative", "https://", "https://exa mple.org", "http://a\nb", None, ""):
        assert safe_url(bad) is None, bad


def test_who_did_it_opens_with_the_most_told_event_and_its_accusers(view: page_view.StoryView) -> None:
    assert view.who
    statuses = {item.status for item in view.who}
    assert statuses <= {"disputed", "claimed", "alleged", "stated", "unknown"}
    israel = [c for item in view.who for c in item.candidates if c.name == "Government of Israel"]
    speakers = [s.speaker for c in israel for role, said in c.roles if role == "accused by" for s in said]
    assert any("U.S. officials" in s for s in speakers)
    assert any("intelligence official" in s for s in speakers)


def test_the_timeline_runs_by_date_with_unknown_dates_last(view: page_view.StoryView) -> None:
    dated = [r.when for r in view.timeline if r.when != "date unknown"]
    assert dated == sorted(dated)
    first_unknown = next(i for i, r in enumerate(view.timeline) if r.when == "date unknown")
    assert all(r.when == "date unknown" for r in view.timeline[first_unknown:])
    balad = next(r for r in view.timeline if r.where.startswith("Balad Air Base"))
    assert balad.when == "2019-08-20" and balad.told.startswith("4 mentions in 1 report")


def test_map_points_are_the_events_places_one_per_place(view: page_view.StoryView) -> None:
    names = [p["name"] for p in view.points]
    assert len(names) == len(set(names))
    balad = next(p for p in view.points if p["name"] == "Balad Air Base")
    assert abs(balad["lat"] - 34.0) < 0.2 and abs(balad["lon"] - 44.15) < 0.3
    assert view.evidence[balad["key"]]


def test_the_matrix_puts_a_claim_under_its_speaker(view: page_view.StoryView, seeds_run: dict[str, Any]) -> None:
    top = view.rows[0]  # the proposition most claims share: Israel was behind the strikes
    assert top.proposition.startswith("Israel was behind")
    filled = [i for i, cell in enumerate(top.cells) if cell]
    assert len(filled) >= 3
    speakers = {view.columns[i].speaker for i in filled}
    assert any("U.S. officials" in s for s in speakers)
    denial = [c for row in view.rows for cell in row.cells for c in cell if c.factuality == "CT-"]
    assert denial and all(c.fclass == "f-ctm" for c in denial)
    assert view.matrix_hidden == 0
    assert sum(len(cell) for row in view.rows for cell in row.cells) == len(seeds_run["dossier"]["claims"])


def test_the_moscow_contradiction_has_two_sides(view: page_view.StoryView) -> None:
    (conflict,) = view.contradictions
    left, right = conflict.sides
    assert "Moscow" in left.text and "Moscow" in right.text
    assert left.value == "CT+: certain it is so" and right.value == "CT-: certain it is not so"


def test_every_mark_lands_on_the_words_it_quotes(view: page_view.StoryView, seeds_run: dict[str, Any]) -> None:
    texts = {d["id"]: d["text"] for d in seeds_run["dossier"]["documents"]}
    events = {e["id"]: e for e in seeds_run["dossier"]["events"]}
    for row in view.timeline:
        for doc_id, start, end in view.evidence[row.key]:
            assert 0 <= start < end <= len(texts[doc_id])
    merged = next(m for m in seeds_run["dossier"]["merged_events"] if len(m["event_ids"]) > 3)
    spans = [s for i in merged["event_ids"] for s in events[i]["evidence"]]
    marks = view.evidence[f"event:{merged['id']}"]
    assert [texts[d][s:e] for d, s, e in marks] == list(dict.fromkeys(s["text"].rstrip() for s in spans))
    data = view.page_data()
    assert set(data["documents"]) == set(texts)


def test_long_reports_are_capped_and_their_marks_clipped(
    seeds_run: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(page_view, "MAX_TEXT", 1000)
    capped = story_view(copy.deepcopy(seeds_run["dossier"]))
    assert all(len(d["text"]) <= 1000 and d["truncated"] for d in capped.documents.values())
    assert all(end <= 1000 for marks in capped.evidence.values() for _, _, end in marks)


def test_hostile_fields_stay_plain_text(seeds_run: dict[str, Any]) -> None:
    dossier = copy.deepcopy(seeds_run["dossier"])
    dossier["documents"][0]["url"] = "javascript:alert(1)"
    dossier["documents"][1]["url"] = "https://example.org/x"
    for claim in dossier["claims"]:
        claim["factuality"] = '"><script>'
    shown = story_view(dossier)
    first, second = (dossier["documents"][i]["id"] for i in (0, 1))
    reports = {r.id: r for r in shown.reports}
    assert (reports[first].url, reports[second].url) == (None, "https://example.org/x")
    assert reports[first].url_text == "javascript:alert(1)"
    assert {c.fclass for row in shown.rows for cell in row.cells for c in cell} == {"f-uu"}


def summary(number: int) -> StorySummary:
    return StorySummary(id=f"s{number}", headline=f"story {number}", first_published="2019-08-01",
                        last_published="2019-08-0" + str(1 + number % 5), reports=2,
                        outlets=["A", "B", "C", "D", "E", "F"], independent_origins=3, merged_events=4,
                        contradictions=0)


def test_the_list_pages_back_and_forth() -> None:
    middle = list_view(StoryPage(total=25, offset=10, limit=10, stories=[summary(i) for i in range(10)]))
    assert (middle.first, middle.last, middle.previous_offset, middle.next_offset) == (11, 20, 0, 20)
    last = list_view(StoryPage(total=25, offset=20, limit=10, stories=[summary(i) for i in range(5)]))
    assert (last.first, last.last, last.previous_offset, last.next_offset) == (21, 25, 10, None)
    assert last.rows[0].outlets == "A, B, C, D and 2 more"
    assert last.rows[1].dates == "2019-08-01 to 2019-08-02"
    empty = list_view(StoryPage(total=0, offset=0, limit=10, stories=[]))
    assert (empty.first, empty.last, empty.previous_offset, empty.next_offset) == (0, 0, None, None)


def test_a_long_timeline_is_capped_and_says_how_much_is_left(
    seeds_run: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    full = story_view(seeds_run["dossier"])
    monkeypatch.setattr(page_view, "MAX_TIMELINE", 5)
    capped = story_view(seeds_run["dossier"])
    assert [r.key for r in capped.timeline] == [r.key for r in full.timeline[:5]]
    assert capped.timeline_hidden == len(full.timeline) - 5
    assert len([k for k in capped.evidence if k.startswith("event:")]) == 5
