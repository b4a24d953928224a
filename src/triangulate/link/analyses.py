"""analyses: the analyses of stories' reports read by the last linkings, kept for the next one while they hold.

A report joining a story makes its links again from all the story's analyses (`relink`), and reading them is
mostly pydantic making objects (31 an event: about 10 ms for a story of 30 reports and 240 events). Reports of
one event come close together, so the next report often joins a story read a moment ago. What was found in a
report (its events, claims, mentions...) changes only when it is saved again, and every report saved is linked
again (`link_stories` forgets it then); another writer's commit forgets all (`link_counts_version`). The kept
analyses go to `analyzed_many` as `saved` ones: their document and actors are still read (a later report may
have changed an actor), and they must still be stored analyzed. Bounded: the reports read longest ago go first;
and only in a process whose collector is settled (`SETTLED`), where what is read is kept out of the collector's
passes (`out_of_collector`).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from weakref import WeakKeyDictionary

from triangulate.link.store import StoryStore
from triangulate.records import AnalyzedDocument

KEPT = 300  # reports, about 75,000 objects (a story of 30 makes 7,600)
# Kept only while the youngest generation is collected as seldom as in triangulate's own processes
# (`pipeline.settle`: every 20,000 objects). At Python's 700, a young collection every few hundred objects moves
# the kept ones to the oldest generation, whose full passes then walk them all: at 10^5 reports, 4 full passes in
# 40 probes of up to 55-83 ms, the CPU p95 84-88 -> 118-150 ms; at 20,000, none (docs/performance.md)
SETTLED = 10_000

_KEPT: WeakKeyDictionary[StoryStore, tuple[int, dict[str, AnalyzedDocument]]] = WeakKeyDictionary()


def kept(store: StoryStore, version: int | None) -> dict[str, AnalyzedDocument]:
    """The analyses kept for this store that still hold at `version` (`link_counts_version`, read before the
    analyses are): none after another writer's commit."""
    found = _KEPT.get(store)
    if version is None or found is None or found[0] != version:
        _KEPT.pop(store, None)
        return {}
    return found[1]


def keep(store: StoryStore, version: int | None, analyses: Mapping[str, AnalyzedDocument]) -> None:
    """Keep analyses read at `version` for the next linking, the most recent last; none if another writer
    has committed since (what was read may be older than what is stored)."""
    if version is None or gc.get_threshold()[0] < SETTLED or store.link_counts_version() != version:
        _KEPT.pop(store, None)
        return
    held = kept(store, version)
    for doc_id, item in analyses.items():
        held.pop(doc_id, None)
        held[doc_id] = item
    for doc_id in list(held)[:max(0, len(held) - KEPT)]:
        del held[doc_id]
    _KEPT[store] = (version, held)


def forget(store: StoryStore, doc_ids: Iterable[str]) -> None:
    """Forget the analyses of reports saved again (their links are made again from what they are now)."""
    held = _KEPT.get(store)
    if held is not None:
        for doc_id in doc_ids:
            held[1].pop(doc_id, None)


@contextmanager
def out_of_collector() -> Iterator[None]:
    """Read a story's analyses inside this, and the cyclic collector never walks them after.

    Read, they are kept for the next linkings (`keep`), and every collection of the young generation (one per
    20,000 objects) walked them: 2-10 ms in the linkings that read the biggest stories, 44-62 ms once the young
    list had grown long (objects of older generations freed count against it), in the 2nd-6th slowest of 154
    reports linked at 10^5 and 10^6 (docs/performance.md, eighteenth session). So they are frozen once read
    (`gc.freeze`, which also resets the young count); frozen objects are still freed by reference counting when
    dropped, and the analyses hold no cycles (tests/link/test_analyses.py). A freeze takes every other object
    alive too, so the garbage is collected first (no cycle is frozen; a pass over what is not frozen yet, under a
    millisecond) and the collector is off while they are read. Only in a settled process (`SETTLED`) and with no
    other thread: another thread's objects alive then (a server's requests in flight) would be frozen, and never
    collected once garbage."""
    if gc.get_threshold()[0] < SETTLED or not gc.isenabled() or threading.active_count() > 1:
        yield
        return
    gc.collect()
    gc.disable()
    try:
        yield
    except BaseException:
        gc.enable()
        raise
    gc.freeze()
    gc.enable()
