"""The analyses kept between linkings (`link/analyses.py`): taken back while they hold, on real ECB+ reports
linked one at a time, and forgotten when a report is saved again or another writer commits."""

from __future__ import annotations

import gc
from pathlib import Path

from triangulate.link.analyses import kept
from triangulate.link.relink import relink
from triangulate.link.story_links import link_story
from triangulate.records import AnalyzedDocument, Story
from triangulate.store.sqlite import SQLiteStore


def _linked(store: SQLiteStore, reports: list[AnalyzedDocument]) -> None:
    for item in reports:
        store.save(item, "v1")
        relink(store)


def _from_scratch(store: SQLiteStore, story: Story) -> object:
    return link_story(story, [a for a in (store.analyzed(d) for d in story.doc_ids) if a is not None])


def test_a_report_saved_again_is_linked_as_it_is_now(tmp_path: Path, ecb_sample: list[AnalyzedDocument]) -> None:
    store = SQLiteStore(tmp_path / "t.db")
    _linked(store, ecb_sample[:24])
    story = max(store.stories(), key=lambda s: (len(s.event_ids), s.id))
    held = kept(store, store.link_counts_version())
    assert set(story.doc_ids) <= set(held)  # the last linkings' analyses are kept
    # the story's report telling most events, analysed again: it tells none now
    changed = max((held[d] for d in story.doc_ids), key=lambda a: (len(a.events), a.document.id))
    assert changed.events
    store.save(changed.model_copy(update={"events": []}), "v2")
    relink(store)
    story = store.story(story.id) or story
    assert store.story_link(story.id) == _from_scratch(store, story)
    assert kept(store, store.link_counts_version())[changed.document.id].events == []
    store.close()


def test_another_writers_commit_forgets_the_kept_analyses(tmp_path: Path, ecb_sample: list[AnalyzedDocument]) -> None:
    store, other = SQLiteStore(tmp_path / "t.db"), SQLiteStore(tmp_path / "t.db")
    _linked(store, ecb_sample[:4])
    assert kept(store, store.link_counts_version())
    other.save(ecb_sample[4], "v1")
    assert kept(store, store.link_counts_version()) == {}
    store.close()
    other.close()


def test_nothing_is_kept_while_the_collector_runs_at_pythons_default(
        tmp_path: Path, ecb_sample: list[AnalyzedDocument]) -> None:
    # its full passes would walk every kept object (`pipeline.settle` collects the young less often)
    threshold = gc.get_threshold()
    gc.set_threshold(700, *threshold[1:])
    try:
        store = SQLiteStore(tmp_path / "t.db")
        _linked(store, ecb_sample[:3])
        assert kept(store, store.link_counts_version()) == {}
        store.close()
    finally:
        gc.set_threshold(*threshold)
