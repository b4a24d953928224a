"""The dossier page in a real browser (Debian's Chromium through Playwright) against a real server on the seeds:
the stories list, the story's panels, the map's marker at Balad, a click showing its sentence, and hostile
report text that stays text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import serve
from tests.serve.hostile_reports import hostile_db
from triangulate.serve.pages import CSP

BALAD = (44.15, 34.0)  # lon, lat of Balad, Iraq


@pytest.fixture(scope="module")
def page(browser: Any, seeds_server: str) -> Iterator[Any]:
    """One browser page for the module; it records every request it makes, every dialog and every error."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    opened.requests = []  # type: ignore[attr-defined]
    opened.dialogs = []  # type: ignore[attr-defined]
    opened.on("request", lambda r: opened.requests.append(r.url))
    opened.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
    opened.on("pageerror", lambda e: opened.dialogs.append(f"page error: {e}"))
    # a CSP violation or a missing file shows as a console error
    opened.on("console", lambda m: m.type == "error" and opened.dialogs.append(f"console: {m.text}"))
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture(scope="module")
def story_page(page: Any, seeds_server: str, seeds_run: dict[str, Any]) -> Any:
    story_id = seeds_run["dossier"]["stories"][0]["id"]
    response = page.goto(f"{seeds_server}/stories/{story_id}")
    assert response.status == 200
    assert response.headers["content-security-policy"] == CSP
    page.wait_for_selector("#map[data-ready] circle.marker")
    return page


def test_the_stories_list_shows_the_story(page: Any, seeds_server: str, screenshots: Path) -> None:
    response = page.goto(seeds_server + "/")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    link = page.locator("a.story-link")
    assert link.count() == 1
    assert link.inner_text() == "Israel Accused of Targeting Iranian Installations in Iraq"
    row = page.locator("table.stories tbody tr").first.inner_text()
    assert "2019-08-21 to 2019-08-23" in row and "TV7 Israel News" in row
    page.screenshot(path=str(screenshots / "stories.png"))
    page.fill("#q", "Balad")
    page.click("form.search button")
    page.wait_for_url("**/?q=Balad")
    assert page.locator("a.story-link").count() == 1
    page.fill("#q", "Kinshasa")
    page.click("form.search button")
    page.wait_for_url("**/?q=Kinshasa")
    assert page.locator("a.story-link").count() == 0


def test_the_story_page_shows_who_timeline_matrix_and_the_moscow_contradiction(
    story_page: Any, seeds_server: str, screenshots: Path,
) -> None:
    page = story_page
    sections = page.locator("main section h2").all_inner_texts()
    assert sections[:5] == ["Who says who did it", "Timeline", "Map", "Who says what", "Contradictions"]
    assert "Government of Israel" in page.locator("#who").inner_text()
    timeline = page.locator("table.timeline tbody tr")
    assert timeline.count() >= 10
    assert "Balad Air Base" in page.locator("table.timeline").inner_text()
    cells = page.locator("#matrix td button.cell")
    assert cells.count() >= 15
    assert page.locator("#matrix td button.cell.f-ctm").count() >= 1  # a denial, coloured as such
    sides = page.locator("#contradictions button.side")
    assert sides.count() == 2
    assert "Moscow" in sides.nth(0).inner_text() and "Moscow" in sides.nth(1).inner_text()
    assert "CT-" in sides.nth(1).inner_text()
    # everything came from the server itself
    assert page.requests and all(u.startswith(seeds_server + "/") for u in page.requests)
    assert page.dialogs == []


def test_the_map_has_a_marker_at_balad_inside_iraq(story_page: Any) -> None:
    page = story_page
    assert page.locator("#map path.country").count() > 100
    found = page.evaluate(
        """(balad) => {
          const marker = document.querySelector('#map circle.marker[data-name="Balad Air Base"]');
          const iraq = document.querySelector('#map path.country[data-name="Iraq"]');
          const x = +marker.getAttribute('cx'), y = +marker.getAttribute('cy');
          const point = document.querySelector('#map').createSVGPoint();
          point.x = x; point.y = y;
          const [bx, by] = window.triangulateMap.project(balad);
          return {inside: iraq.isPointInFill(point), distance: Math.hypot(x - bx, y - by),
                  width: document.querySelector('#map').viewBox.baseVal.width};
        }""",
        list(BALAD),
    )
    assert found["inside"]
    assert found["distance"] < found["width"] / 40  # ~25 km from Balad at this scale: a few pixels


def test_clicking_an_event_highlights_its_sentence(
    story_page: Any, seeds_run: dict[str, Any], screenshots: Path,
) -> None:
    page = story_page
    dossier = seeds_run["dossier"]
    balad = next(m for m in dossier["merged_events"]
                 if (m.get("place") or {}).get("name") == "Balad Air Base" and len(m["event_ids"]) > 1)
    events = {e["id"]: e for e in dossier["events"]}
    sentence = events[balad["event_ids"][0]]["evidence"][0]["text"].strip()
    page.click(f'tr[data-ev="event:{balad["id"]}"]')
    marks = page.locator("#evidence-body mark").all_inner_texts()
    assert any(sentence in " ".join(marks) for _ in [0]), marks
    assert page.locator("#evidence-body h3").first.inner_text() == \
        "Israel Accused of Targeting Iranian Installations in Iraq"
    page.evaluate("window.scrollTo(0, 0)")  # the page from its top, the evidence panel showing the sentences
    page.screenshot(path=str(screenshots / "story.png"))
    # a contradiction's side shows its words too
    page.click("#contradictions button.side >> nth=1")
    assert "any coordination between Moscow and Jerusalem regarding Iraq" in \
        page.locator("#evidence-body mark").all_inner_texts()
    # a matrix cell, its claim's sentence; a statement of who did it, its sentence
    page.click('#matrix td button.cell.f-ctm:has-text("refuted")')
    assert any("he refuted any coordination between Moscow and Jerusalem" in m
               for m in page.locator("#evidence-body mark").all_inner_texts())
    page.click('#who button.statement:has-text("U.S. officials")')
    assert any(m.startswith("U.S. officials have confirmed that Israel was behind")
               for m in page.locator("#evidence-body mark").all_inner_texts())
    # and the map's marker, its events' sentences
    page.click('#map circle.marker[data-name="Balad Air Base"]')
    assert page.locator("#evidence-body mark").count() >= 1


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(hostile_db(tmp_path_factory.getbasetemp())) as url:
        yield url


def test_hostile_report_text_shows_literally_and_never_runs(browser: Any, hostile_server: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(hostile_server + "/")
        link = page.locator("a.story-link")
        assert link.inner_text() == "<script>alert(1)</script> Strike near Balad"
        assert "<img src=x onerror=alert(1)>" in page.locator("table.stories").inner_text()
        link.click()
        page.wait_for_selector("#map[data-ready]")
        body = page.locator("main").inner_text()
        assert "<script>alert(1)</script> Strike near Balad" in body
        assert "A spokesman for <img src=x onerror=alert(1)>" in body  # a speaker, as text
        assert "javascript:alert(1)" in body  # shown, not linked
        assert page.locator('a[href^="javascript"]').count() == 0
        assert page.locator("main img").count() == 0
        scripts = page.locator("script").evaluate_all(
            "els => els.map(e => e.getAttribute('src') || e.getAttribute('type') + '#' + e.id)")
        assert all(s.startswith("/static/") or s == "application/json#page-data" for s in scripts), scripts
        # every clickable thing shows its sentences as text, and still nothing runs
        for key in page.locator("[data-ev]").evaluate_all("els => els.map(e => e.getAttribute('data-ev'))"):
            page.evaluate("key => window.triangulateShow(key, null)", key)
        assert page.locator("#evidence-body img, #evidence-body script").count() == 0
        page.click("ul.reports button.report-title >> nth=0")
        shown = page.locator("#evidence-body").inner_text()
        assert "</script><script>alert(2)" in shown and "<img src=x onerror=alert(1)>" in shown
        # marks count characters as Python does: the emoji before them shifts nothing
        page.click("#who button.statement >> nth=0")
        marks = page.locator("#evidence-body mark").evaluate_all("els => els.map(e => e.textContent)")
        assert "A spokesman for <img src=x onerror=alert(1)> said that Israeli drones had struck the depot." \
            in marks, marks
        assert dialogs == []
    finally:
        context.close()
