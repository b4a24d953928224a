"""Per-story links (`link/story_links.py`) and keeping them current (`link/relink.py`)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.link.builders import Report
from triangulate.link.relink import relink, update_story_links
from triangulate.link.story_links import link_story, links_signature
from triangulate.records import Story
from triangulate.report.dossier import build_dossier
from triangulate.store import SQLiteStore, open_store


def _strike(doc_id: str, outlet: str, killed: str, count: int) -> Report:
    report = Report(f"A drone struck a depot in Al-Qaim on Tuesday, killing {killed} fighters, officials said.",
                    outlet, "2023-11-15", doc_id)
    said = report.claim("officials", "said", f"A drone struck a depot in Al-Qaim on Tuesday, killing {killed} "
                        "fighters")
    report.event("struck", mode="drone", day="2023-11-14", place="Al-Qaim", fatalities=count, claim=said)
    return report


def _story(*reports: Report, story_id: str = "s1") -> Story:
    docs = [r.analyzed() for r in reports]
    return Story(id=story_id, headline="Drone strike", doc_ids=[d.document.id for d in docs],
                 event_ids=[e.id for d in docs for e in d.events], claim_ids=[c.id for d in docs for c in d.claims])


def test_a_story_is_linked_from_its_own_reports_only() -> None:
    wire, monitor, other = _strike("wire", "Tigris Wire", "two", 2), _strike("mon", "Anbar Monitor", "three", 3), \
        _strike("far", "Far Post", "two", 2)
    story = _story(wire, monitor)
    links = link_story(story, [other.analyzed(), monitor.analyzed(), wire.analyzed()])
    assert links.story_id == "s1"
    (merged,) = links.merged_events
    assert merged.event_ids == ["wire:e1", "mon:e1"]  # in the story's order; "far" is not in the story
    assert [c.kind for c in links.contradictions] == ["fatalities"]


def test_the_signature_follows_what_the_links_are_made_from() -> None:
    story = _story(_strike("wire", "Tigris Wire", "two", 2), _strike("mon", "Anbar Monitor", "three", 3))
    versions = {"wire": "v1", "mon": "v1"}
    first = links_signature(story, versions)
    assert links_signature(story, dict(versions)) == first
    assert links_signature(story, {**versions, "mon": "v2"}) != first  # a report analyzed again
    grown = story.model_copy(update={"event_ids": [*story.event_ids, "mon:e2"]})
    assert links_signature(grown, versions) != first  # something new found in a report


def test_relink_links_new_reports_into_stories_and_stores_their_links() -> None:
    store = open_store(":memory:")
    for report in (_strike("wire", "Tigris Wire", "two", 2), _strike("mon", "Anbar Monitor", "three", 3)):
        store.save(report.analyzed(), "v1")
    assert store.stories() == []
    assert relink(store) == 1  # one story, linked once
    (story,) = store.stories()
    assert sorted(story.doc_ids) == ["mon", "wire"]
    assert set(store.story_links()) == {story.id}
    assert relink(store) == 0  # nothing new: nothing linked again
    dossier = build_dossier(store)
    assert [c["kind"] for c in dossier["contradictions"]] == ["fatalities"]


def test_a_report_analyzed_again_relinks_its_story_only() -> None:
    store = open_store(":memory:")
    a, b = _strike("wire", "Tigris Wire", "two", 2), _strike("mon", "Anbar Monitor", "three", 3)
    store.save(a.analyzed(), "v1")
    store.save(b.analyzed(), "v1")
    store.replace_stories([_story(a, story_id="s1"), _story(b, story_id="s2")])
    assert update_story_links(store) == 2
    store.save(b.analyzed(), "v2")
    assert update_story_links(store) == 1


def test_relink_touches_only_the_stories_of_new_reports_until_the_rules_change(monkeypatch: pytest.MonkeyPatch) -> None:
    import triangulate.link.relink as relink_module

    store = open_store(":memory:")
    store.save(_strike("wire", "Tigris Wire", "two", 2).analyzed(), "v1")
    assert relink(store) == 1
    (first,) = store.stories()
    # a story whose stored links went stale without a new report (as after a bulk load): not looked at
    store.save_story_links(store.story_link(first.id), "stale")  # type: ignore[arg-type]
    rehab = Report("The actress checked into a Malibu rehabilitation center, her publicist confirmed.",
                   "Coast Weekly", "2023-03-01", "rehab")
    store.save(rehab.analyzed(), "v1")
    assert relink(store) == 1  # the new report's own story only
    assert len(store.stories()) == 2
    assert store.story_link_signatures([first.id]) == {first.id: "stale"}
    # new linking rules: every story is checked once
    monkeypatch.setattr(relink_module, "links_rules", lambda: "links:next")
    assert relink(store) == 1  # the stale story; the other story's links still match
    assert store.story_link_signatures([first.id]) != {first.id: "stale"}
    assert relink(store) == 0


def test_stories_changed_by_linking_stay_due_until_their_links_are_made(monkeypatch: pytest.MonkeyPatch) -> None:
    import triangulate.link.relink as relink_module
    from triangulate.link.stories import link_stories

    store = open_store(":memory:")
    store.save(_strike("wire", "Tigris Wire", "two", 2).analyzed(), "v1")
    assert relink(store) == 1
    (story,) = store.stories()
    assert store.links_due() == {}
    # a run links a new report into the story, then is stopped before it makes the story's links
    store.save(_strike("mon", "Anbar Monitor", "three", 3).analyzed(), "v1")
    assert link_stories(store) == {story.id}
    assert list(store.links_due()) == [story.id]
    # the next run has nothing new to link, yet makes the links the stopped one left due
    failing = relink_module.link_story

    def stopped(*args: object) -> object:
        raise KeyboardInterrupt  # as if the process ended here

    monkeypatch.setattr(relink_module, "link_story", stopped)
    with pytest.raises(KeyboardInterrupt):
        relink(store)
    assert list(store.links_due()) == [story.id]  # still due: nothing was saved for it
    monkeypatch.setattr(relink_module, "link_story", failing)
    assert relink(store) == 1
    assert store.links_due() == {}
    assert [c["kind"] for c in build_dossier(store)["contradictions"]] == ["fatalities"]
    assert relink(store) == 0


def test_links_made_while_another_writer_changed_the_story_are_not_saved() -> None:
    from triangulate.link.stories import link_stories

    store = open_store(":memory:")
    wire = _strike("wire", "Tigris Wire", "two", 2)
    store.save(wire.analyzed(), "v1")
    link_stories(store)
    (story,) = store.stories()
    (mark,) = store.links_due().values()
    stale = link_story(story, [wire.analyzed()])  # one writer makes the story's links from one report...
    store.save(_strike("mon", "Anbar Monitor", "three", 3).analyzed(), "v1")
    link_stories(store)  # ...while another links a second report into it
    assert not store.save_story_links(stale, "one report", mark)  # stale: not saved, the story stays due
    assert store.story_link(story.id) is None and list(store.links_due()) == [story.id]
    assert relink(store) == 1  # the other writer's relink makes them from both reports
    assert [c["kind"] for c in build_dossier(store)["contradictions"]] == ["fatalities"]
    assert store.links_due() == {}


class _StoryAtATime:
    """A store that refuses to read all its stories (or documents, or links) at once."""

    def __init__(self, store: SQLiteStore) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name in ("stories", "documents", "all_analyzed", "story_links"):
            raise AssertionError(f"store.{name}() read the whole store at once")
        return getattr(self._store, name)


def test_every_story_is_linked_a_story_at_a_time_when_the_rules_are_new() -> None:
    store = open_store(":memory:")
    rehab = Report("The actress checked into a Malibu rehabilitation center, her publicist confirmed.",
                   "Coast Weekly", "2023-03-01", "rehab")
    for report in (_strike("wire", "Tigris Wire", "two", 2), _strike("mon", "Anbar Monitor", "three", 3), rehab):
        store.save(report.analyzed(), "v1")
    # a new store has no rules yet: every story is checked, each read when its turn comes (a store's stories
    # hold all its reports' ids)
    assert relink(_StoryAtATime(store)) == 2  # type: ignore[arg-type]
    assert len(store.stories()) == 2 and store.links_due() == {}
    assert [c["kind"] for c in build_dossier(store)["contradictions"]] == ["fatalities"]
