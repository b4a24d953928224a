"""Browsing a store: stories paged newest first and searched, merged events, claims and contradictions filtered."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from triangulate.records import AnalyzedDocument, Document, Story, document_id
from triangulate.report.browse import (
    BBox,
    FilterError,
    UnknownStory,
    claim_factuality,
    event_filter,
    fts_query,
    list_claims,
    list_contradictions,
    list_events,
    list_stories,
)
from triangulate.store import SQLiteStore, open_store

# Real report openings, one story each, published on different days.
REPORTS = [
    ("2019-07-19", "Wire", "An explosion hit a base of the Popular Mobilization Forces near Amerli in Salahuddin "
                           "province, killing two fighters, Iraqi officials said."),
    ("2019-08-12", "Wire", "A huge blast at an arms depot of a paramilitary group at the Saqr base south of "
                           "Baghdad killed one civilian and wounded 13, police said."),
    ("2019-08-20", "TV7 Israel News", "Several explosions erupted at a militant installation near Balad air base, "
                                      "north of Baghdad, witnesses said."),
    ("2019-09-14", "AP", "Drone attacks claimed by Yemen's Houthi rebels struck two major oil facilities in Saudi "
                         "Arabia on Saturday."),
]


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    memory = SQLiteStore(":memory:")
    stories = []
    for n, (day, outlet, text) in enumerate(REPORTS):
        doc = Document(id=document_id(text), external_id=f"r{n}", text=text, outlet=outlet,
                       published=date.fromisoformat(day))
        memory.save(AnalyzedDocument(document=doc), "test")
        stories.append(Story(id=f"s{n}", headline=text.split(",")[0], doc_ids=[doc.id]))
    memory.replace_stories(stories)
    yield memory
    memory.close()


def test_stories_come_newest_first_a_page_at_a_time(store: SQLiteStore) -> None:
    page = list_stories(store)
    assert page.total == 4 and [s.id for s in page.stories] == ["s3", "s2", "s1", "s0"]
    assert [s.id for s in list_stories(store, offset=1, limit=2).stories] == ["s2", "s1"]
    assert list_stories(store, offset=4).stories == [] and list_stories(store, offset=4).total == 4
    assert list_stories(store, offset=-3, limit=1).stories[0].id == "s3"  # a negative offset reads as 0
    assert list_stories(store, limit=0).stories == []
    assert list_stories(store).stories[1].first_published == "2019-08-20"


def test_search_keeps_the_stories_with_a_report_holding_every_word(store: SQLiteStore) -> None:
    found = list_stories(store, "Baghdad")
    assert [s.id for s in found.stories] == ["s2", "s1"]
    assert found.stories[0].matches == [document_id(REPORTS[2][2])]
    assert [s.id for s in list_stories(store, "baghdad Balad").stories] == ["s2"]
    assert list_stories(store, "Baghdad Houthi").total == 0
    assert list_stories(store, "   ").total == 4  # no words: no search


@pytest.mark.parametrize("query", [
    '"', '""', "NEAR(Baghdad", "Baghdad AND", "AND", "OR OR", "NOT", "*", "Bag*", "^Baghdad", "title:Baghdad",
    "text : x", "(((", ")", "-Baghdad", "+", "{a b}", "'; DROP TABLE documents; --", "Baghdad\x00", "\u2028",
    "Bagdad \"unterminated", "٣ بغداد", "\U0001F4A5",
])
def test_no_search_text_makes_the_query_fail(store: SQLiteStore, query: str) -> None:
    list_stories(store, query)  # must not raise
    assert fts_query(query).count('"') % 2 == 0


def test_search_words_are_quoted_not_obeyed() -> None:
    assert fts_query('Balad NEAR(base) "x"') == '"Balad" "NEAR" "base" "x"'


@pytest.fixture(scope="module")
def seeds(seeds_run: dict[str, Any]) -> Iterator[SQLiteStore]:
    opened = open_store(Path(seeds_run["out"]) / "triangulate.db")
    yield opened
    opened.close()


def test_events_filters_each_exclude_something(seeds: SQLiteStore) -> None:
    every = list_events(seeds, limit=500)
    assert every.total == len(every.events) > 5
    ids = {e.id for e in every.events}

    def some(**given: Any) -> list[str]:
        found = [e.id for e in list_events(seeds, event_filter(**given), limit=500).events]
        assert found and set(found) < ids, given
        return found

    assert len(some(bbox="44,33.5,45,34.5")) == 2  # the Balad air base event and its repeat
    some(type="sanction")
    some(since=date(2019, 8, 20))
    some(until=date(2019, 7, 31))
    assert some(actor="ISR.GOV") != some(actor="Russia")
    some(min_origins=2)


def test_events_come_newest_first_undated_last(seeds: SQLiteStore) -> None:
    days = [e.date.start_date if e.date else None for e in list_events(seeds, limit=500).events]
    dated = [d for d in days if d]
    assert dated == sorted(dated, reverse=True)
    assert days[:len(dated)] == dated


def test_a_date_range_keeps_events_with_any_day_in_it(seeds: SQLiteStore) -> None:
    # "in the last few weeks" (a range reaching 2019-08-21) is in a range starting 2019-08-21
    found = list_events(seeds, event_filter(since=date(2019, 8, 21), until=date(2019, 8, 21))).events
    assert any(e.date and e.date.start_date and e.date.start_date < date(2019, 8, 21) for e in found)
    for event in found:
        assert event.date and event.date.start_date
        assert (event.date.end_date or event.date.start_date) >= date(2019, 8, 21)


@pytest.mark.parametrize(("text", "words"), [
    ("1,2,3", "not 4"), ("1,2,3,4,5", "not 4"), ("a,2,3,4", "not a number"), ("nan,2,3,4", "not finite"),
    ("1,95,3,96", "latitudes"), ("-200,1,3,4", "longitudes"), ("1,10,3,5", "minlat is north"),
])
def test_bad_boxes_say_what_to_write(text: str, words: str) -> None:
    with pytest.raises(FilterError, match=words):
        BBox.parse(text)


def test_a_box_across_the_180_degree_line() -> None:
    box = BBox.parse("170,-20,-170,20")
    assert box.contains(179.5, 0) and box.contains(-179.5, 0) and not box.contains(0, 0)
    assert not box.contains(179.5, 30)


@pytest.mark.parametrize(("given", "words"), [
    ({"type": "BOMBING"}, "PLOVER"), ({"since": date(2019, 9, 1), "until": date(2019, 8, 1)}, "after until"),
    ({"min_origins": -1}, "0 or more"),
])
def test_bad_event_filters(given: dict[str, Any], words: str) -> None:
    with pytest.raises(FilterError, match=words):
        event_filter(**given)


def test_claims_filters(seeds: SQLiteStore) -> None:
    every = list_claims(seeds, limit=500)
    assert every.total == len(every.claims) > 5
    (story,) = seeds.stories()
    assert all(c.story_id == story.id for c in every.claims)
    denied = list_claims(seeds, factuality="CT-", limit=500).claims
    assert denied and len(denied) < every.total and {c.factuality for c in denied} == {"CT-"}
    by_words = list_claims(seeds, speaker="pmu").claims
    assert by_words and all("PMU" in c.speaker_text for c in by_words)
    assert {c.id for c in list_claims(seeds, speaker="irq.pmf").claims} == {c.id for c in by_words}
    assert list_claims(seeds, story=story.id, limit=500).total == every.total
    assert [c.id for c in list_claims(seeds, offset=2, limit=3).claims] == [c.id for c in every.claims[2:5]]
    with pytest.raises(UnknownStory):
        list_claims(seeds, story="s-none")


@pytest.mark.parametrize(("given", "hint"), [("CT ", "%2B"), ("true", "one of"), ("ct+", "one of")])
def test_bad_factuality(given: str, hint: str) -> None:
    with pytest.raises(FilterError, match=hint):
        claim_factuality(given)


def test_contradictions(seeds: SQLiteStore) -> None:
    (story,) = seeds.stories()
    found = list_contradictions(seeds)
    assert found.total >= 1 and all(c.story_id == story.id for c in found.contradictions)
    assert list_contradictions(seeds, story=story.id).contradictions == found.contradictions
    with pytest.raises(UnknownStory):
        list_contradictions(seeds, story="s-none")
