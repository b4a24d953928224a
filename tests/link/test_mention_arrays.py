"""Mentions compared many pairs at once (`link/mention_arrays.py`, and `compared` using it): every pair gets the
verdict `Comparer` gives it, on real reports, at the distance limits, and in a story's table of comparisons."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from tests.link.builders import ACTORS, Report
from triangulate.base.geo import haversine_km
from triangulate.link import compared as compared_module
from triangulate.link.compared import Compared
from triangulate.link.lexicon import load_lexicon
from triangulate.link.mention_arrays import KINDS, MentionArrays
from triangulate.link.mentions import Comparer, Comparison
from triangulate.records import AnalyzedDocument, Event, Place


def _verdicts(events: list[Event], comparer: Comparer) -> dict[tuple[int, int], tuple[float, list[str]]]:
    """The pairs of one type that are not vetoes, by the arrays: (score, conflicts)."""
    pairs = [(i, j) for i, j in combinations(range(len(events)), 2) if events[i].type == events[j].type]
    left, right = (np.array(side, dtype=np.int64) for side in zip(*pairs, strict=True))
    found = MentionArrays(events, comparer).compare(left, right)
    return {(int(left[r]), int(right[r])): (float(s), KINDS[int(b)])
            for r, s, b in zip(found.rows, found.score, found.conflicts, strict=True)}


def _expected(events: list[Event], comparer: Comparer) -> dict[tuple[int, int], tuple[float, list[str]]]:
    found = {}
    for i, j in combinations(range(len(events)), 2):
        if events[i].type == events[j].type:
            out = comparer(events[i], events[j])
            if not out.veto:
                found[(i, j)] = (out.score, out.conflicts)
    return found


def test_the_arrays_give_every_pair_of_real_mentions_the_comparers_verdict(
        ecb_sample: list[AnalyzedDocument]) -> None:
    actors = {actor.id: actor for item in ecb_sample for actor in item.actors}
    events = [e for item in ecb_sample for e in item.events]
    comparer = Comparer(actors, load_lexicon())
    expected = _expected(events, comparer)
    assert _verdicts(events, comparer) == expected
    pairs = sum(1 for a, b in combinations(events, 2) if a.type == b.type)
    assert len(expected) > 100 and pairs - len(expected) > 100  # kept pairs and vetoes both met
    assert any(conflicts for _, conflicts in expected.values())


def _at(event: Event, lat: float, lon: float, feature_class: str = "P") -> Event:
    place = Place(start=0, end=1, text="x", name="x", country="IQ", admin1="Anbar", lat=lat, lon=lon,
                  feature_class=feature_class)
    return event.model_copy(update={"place": place, "id": f"{event.doc_id}:e{lat}:{lon}"})


def _just_below(lat: float, lon: float, km: float) -> float:
    """The northernmost latitude (a float) whose distance from (lat, lon) by `haversine_km` is at most `km`."""
    low, high = lat, lat + 90.0
    while True:
        middle = (low + high) / 2
        if middle in (low, high):
            return low
        low, high = (middle, high) if haversine_km(lat, lon, middle, lon) <= km else (low, middle)


def test_places_at_the_very_limits_get_the_comparers_verdict() -> None:
    # numpy's sine and arcsine may differ from the math module's in the last bits: a place one float inside or
    # outside a limit must fall on the same side as `Comparer` puts it
    lexicon = load_lexicon()
    report = Report("A drone struck a depot.", "Wire", "2023-11-15", "wire")
    base = report.event("struck", mode="drone", day="2023-11-14")
    origin = _at(base, 34.37, 41.09)
    events = [origin]
    for limit in (lexicon.place_km["P"], lexicon.place_km["P"] * lexicon.place_conflict_factor):
        edge = _just_below(34.37, 41.09, limit)
        for lat in (edge, np.nextafter(edge, 90.0), np.nextafter(edge, 0.0), edge + 1e-9, edge - 1e-9):
            events.append(_at(base, float(lat), 41.09))
    comparer = Comparer(ACTORS, lexicon)
    expected = _expected(events, comparer)
    assert _verdicts(events, comparer) == expected
    scores = {expected[(0, k)][0] if (0, k) in expected else None for k in range(1, len(events))}
    assert len(scores) == 3  # near (2 added), a conflict, and a veto: each limit straddled


def _story(count: int) -> list[Event]:
    """Reports of one strike told with other dates, places, doers and tolls: kept pairs, conflicts and vetoes."""
    places = ["Al-Qaim", "Husaybah", "Rawa", "Anbar", "Iraq", "Basra", None]
    doers = ["USA.MIL", "USA.GOV", "IRQ.PMF", "IRQ.UNK", None]
    events = []
    for k in range(count):
        report = Report("A drone struck a depot near the town, killing fighters.", "Wire", "2023-11-15", f"r{k}")
        place = places[k % len(places)]
        report.event("struck", mode=["drone", "aerial", "shelling", None][k % 4],
                     day=["2023-11-14", "2023-11-13", "2023-11-07", "2023-11-06", "2023-10-01", None][k % 6],
                     place=place, place_words="the town" if place else None, source=doers[k % len(doers)],
                     target=["IRQ.CIV", "SYR.CIV", None][k % 3], fatalities=[2, 3, None, 40][k % 4])
        report.event("killing", "COERCE" if k % 2 else "ASSAULT", day="2023-11-14", target="IRQ.CIV")
        events += report.events
    return events


def _table(table: Compared) -> tuple[list[int], list[int], list[float], list[int], list[list[str]], int]:
    return (table.left.tolist(), table.right.tolist(), table.score.tolist(), table.conflicts.tolist(), table.kinds,
            table.made)


@pytest.mark.parametrize("block", [1_024, 7])
def test_a_storys_table_made_at_once_is_the_table_made_pair_by_pair(block: int,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compared_module, "_COMPARED_AT_ONCE", block)  # 7: many blocks, types met across them
    comparer = Comparer(ACTORS, load_lexicon())

    def one_at_a_time(a: Event, b: Event) -> Comparison:
        return comparer(a, b)

    events = _story(60)
    whole = Compared(events, comparer)
    assert whole.made > compared_module._FEW_PAIRS  # compared at once
    assert _table(whole) == _table(Compared(events, one_at_a_time))
    assert len(whole.kinds) > 2 and 0 < len(whole.left) < whole.made
    # the last reports new to the story: the pairs among the others taken back
    earlier = Compared(events[:-30], comparer).known()
    again = Compared(events, comparer, earlier)
    assert again.made < whole.made
    assert _table(again) == _table(Compared(events, one_at_a_time, earlier))
    assert sorted(zip(again.left.tolist(), again.right.tolist(), again.score.tolist(), strict=True)) == \
        sorted(zip(whole.left.tolist(), whole.right.tolist(), whole.score.tolist(), strict=True))


def test_a_few_pairs_are_compared_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: object) -> None:
        raise AssertionError("the mentions' columns were made for a few pairs")

    monkeypatch.setattr(compared_module.MentionArrays, "__init__", refused)
    events = _story(6)
    table = Compared(events, Comparer(ACTORS, load_lexicon()))
    assert 0 < table.made < compared_module._FEW_PAIRS and len(table.left) > 0
