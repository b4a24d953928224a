"""The analyses kept between linkings (`link/analyses.py`): taken back while they hold, on real ECB+ reports
linked one at a time, and forgotten when a report is saved again or another writer commits."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from triangulate.link.analyses import SETTLED, kept, out_of_collector
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


class _Node:
    """A small object that can be in a cycle and be watched (`weakref`)."""

    def __init__(self) -> None:
        self.other: object = None


@pytest.fixture
def settled() -> Iterator[None]:
    """The collector as in triangulate's own processes (`pipeline.settle`), restored after."""
    threshold, enabled = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(max(SETTLED, threshold[0]), *threshold[1:])
    gc.enable()
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if not enabled:
            gc.disable()


def _walked(item: object) -> bool:
    """Whether the collector's passes see `item` (frozen objects are in none of its generations)."""
    return any(o is item for o in gc.get_objects())


def test_a_storys_analyses_read_make_no_cycles(tmp_path: Path, ecb_sample: list[AnalyzedDocument]) -> None:
    # what `out_of_collector` freezes is freed by reference counting only: the analyses read must hold no cycle
    store = SQLiteStore(tmp_path / "t.db")
    _linked(store, ecb_sample[:24])
    story = max(store.stories(), key=lambda s: (len(s.doc_ids), s.id))
    assert len(story.doc_ids) > 3
    store.analyzed_many(story.doc_ids)  # anything made once, on first use, made now
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        found = store.analyzed_many(story.doc_ids)
        assert sum(len(a.events) + len(a.claims) + len(a.mentions) for a in found.values()) > 20
        del found
        assert gc.collect() == 0  # nothing unreachable: every object read was freed when dropped
    finally:
        if enabled:
            gc.enable()
    store.close()


def test_what_is_read_out_of_the_collector_is_frozen_and_still_freed_when_dropped(settled: None) -> None:
    before = _Node()
    before.other = _Node()
    before.other.other = before  # a cycle, garbage once dropped: collected before the freeze, not frozen
    gone = weakref.ref(before)
    del before
    with out_of_collector():
        assert not gc.isenabled()  # no pass over what is being read
        read = _Node()
        read.other = [1, 2]
    assert gc.isenabled()
    assert gone() is None
    assert not _walked(read) and not _walked(read.other)
    watched = weakref.ref(read)
    del read
    assert watched() is None


def test_nothing_is_frozen_while_another_thread_runs(settled: None) -> None:
    # a server's requests in flight would be frozen with the analyses, and never collected once garbage
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with out_of_collector():
            read = _Node()
        assert _walked(read)
    finally:
        stop.set()
        other.join()


def test_nothing_is_frozen_when_the_collector_runs_at_pythons_default() -> None:
    threshold = gc.get_threshold()
    gc.set_threshold(700, *threshold[1:])
    try:
        with out_of_collector():
            read = _Node()
        assert _walked(read)
    finally:
        gc.set_threshold(*threshold)


def test_a_failed_read_turns_the_collector_back_on_and_freezes_nothing(settled: None) -> None:
    read = None
    with pytest.raises(ValueError, match="unreadable"), out_of_collector():
        read = _Node()
        raise ValueError("unreadable")
    assert gc.isenabled()
    assert _walked(read)



def test_a_linking_that_keeps_nothing_freezes_nothing_and_makes_the_same_links(
        tmp_path: Path, ecb_sample: list[AnalyzedDocument], settled: None) -> None:
    # a run's store is closed after its linking: `run_documents` keeps nothing, and its links are the same
    keeping, alone = SQLiteStore(tmp_path / "keeping.db"), SQLiteStore(tmp_path / "alone.db")
    for item in ecb_sample[:12]:
        keeping.save(item, "v1")
        alone.save(item, "v1")
    relink(keeping)
    frozen = gc.get_freeze_count()
    relink(alone, keep_read=False)
    assert gc.get_freeze_count() <= frozen  # nothing frozen (what was frozen before may be freed)
    assert kept(alone, alone.link_counts_version()) == {}
    assert kept(keeping, keeping.link_counts_version())  # the other store's linking kept what it read
    stories = sorted(alone.stories(), key=lambda s: s.id)
    assert [s.doc_ids for s in stories] == [s.doc_ids for s in sorted(keeping.stories(), key=lambda s: s.id)]
    assert len(stories) > 1
    assert [alone.story_link(s.id) for s in stories] == [keeping.story_link(s.id) for s in stories]
    keeping.close()
    alone.close()
