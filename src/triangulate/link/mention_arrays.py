"""mention_arrays: many pairs of a story's event mentions compared at once, over arrays of the mentions' facts.

`mentions.Comparer` compares one pair at a time in Python: about 3 microseconds a pair, and a report joining a
story of 25 reports compares its mentions with the story's, 2,000-3,000 pairs (a sixth of the slowest linkings
at 10^6 reports, docs/performance.md, twentieth session). Here each mention's facts are columns (codes, day
numbers, coordinates), and a block of pairs is compared with array operations: the days and the distances of
two located places in numpy; the parts that read records (modes, coarse places, actors, tolls) once per
distinct pair of the mentions' values that part reads, by `Comparer`'s own functions. Every pair gets the verdict
`Comparer` gives it: the same veto, and for the others the same score (sums of quarters, exact in any order) and
conflicts in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from triangulate.base.geo import EARTH_RADIUS_KM, haversine_km
from triangulate.link.mentions import (
    UNMERGEABLE,
    Comparer,
    Comparison,
    answers_attack,
    compare_casualties,
    compare_modes,
    own_people,
    score_actors,
    score_places,
)
from triangulate.records import Event

# a pair's conflicts as bits, in the order `Comparer` adds them
CONFLICTS = ("date", "place", "perpetrator", "fatalities", "injured")
_BIT = {kind: 1 << k for k, kind in enumerate(CONFLICTS)}
KINDS = [[kind for kind in CONFLICTS if bits & _BIT[kind]] for bits in range(1 << len(CONFLICTS))]
# numpy's sine and arcsine may differ from the math module's in the last bits: a distance this close to a
# limit is measured again with `haversine_km`, so that no pair falls on the other side of a limit
_NEAR = 1e-6


@dataclass
class Verdicts:
    """The pairs of a block that are not vetoes: their place in the block, score and conflicts (bits)."""

    rows: np.ndarray
    score: np.ndarray
    conflicts: np.ndarray


def _codes(values: Sequence[Hashable]) -> np.ndarray:
    """Each value's number among the distinct values (in order of first sight)."""
    seen: dict[Hashable, int] = {}
    return np.array([seen.setdefault(v, len(seen)) for v in values], dtype=np.int64)


class MentionArrays:
    """A story's mentions as columns of what comparing two of them reads (`Comparer.facts`)."""

    def __init__(self, events: Sequence[Event], comparer: Comparer) -> None:
        self.events, self.comparer = events, comparer
        lexicon, actors = comparer.lexicon, comparer.actors
        self.facts = facts = [comparer.facts(e) for e in events]
        rows = []
        for e, f in zip(events, facts, strict=True):
            place, days = e.place, f.days
            point = f.precision not in (None, "A") and f.located
            rows.append((
                e.modality in UNMERGEABLE,
                (e.type, e.mode, answers_attack(e, lexicon)),  # what `compare_modes` and the attacker test read
                days is not None, days[0].toordinal() if days else 0, days[1].toordinal() if days else 0, f.narrow,
                f.precision is not None, point, lexicon.place_km.get(f.precision or "", 0.0) if point else 0.0,
                (place.lat or 0.0) if place else 0.0, (place.lon or 0.0) if place else 0.0,
                # what `score_places` and `place_precision` read of a place
                None if place is None else (place.feature_class, place.feature_code, place.relation is None,
                                            place.lat, place.lon, place.country, place.admin1),
                f.source, bool(f.source),
                # a target, and whether it is the unarmed people of its mention's doer's country: all that
                # `score_actors` reads of a target and its doer
                (f.target, bool(f.target) and own_people(f.target or "", e.source_actor, actors)), bool(f.target),
                (e.fatalities, e.fatalities_bound, e.injured, e.injured_bound),
                e.fatalities is not None or e.injured is not None,
                e.doc_id, f.trigger or None, bool(f.trigger)))
        columns = list(zip(*rows, strict=True)) if rows else [()] * 21

        def flags(k: int) -> np.ndarray:
            return np.array(columns[k], dtype=np.bool_)

        def numbers(k: int, dtype: type) -> np.ndarray:
            return np.array(columns[k], dtype=dtype)

        self.unmergeable, self.modes = flags(0), _codes(columns[1])
        self.dated, self.first, self.last, self.narrow = flags(2), numbers(3, np.int64), numbers(4, np.int64), flags(5)
        self.placed, self.point, self.limit = flags(6), flags(7), numbers(8, np.float64)
        self.lat, self.lon, self.places = numbers(9, np.float64), numbers(10, np.float64), _codes(columns[11])
        self.source, self.has_source, self.target, self.has_target = _codes(columns[12]), flags(13), \
            _codes(columns[14]), flags(15)
        self.tolls, self.counted = _codes(columns[16]), flags(17)
        self.doc, self.trigger, self.triggered = _codes(columns[18]), _codes(columns[19]), flags(20)
        self.precision = [f.precision for f in facts]
        self._judged: dict[str, dict[int, tuple[float, int, bool]]] = {}  # by part, by the pair of values

    def compare(self, left: np.ndarray, right: np.ndarray) -> Verdicts:
        """The verdicts of the pairs (`left[k]`, `right[k]`): those that are not vetoes."""
        lexicon = self.comparer.lexicon
        score = np.zeros(len(left), dtype=np.float64)
        bits = np.zeros(len(left), dtype=np.int8)
        veto = self.unmergeable[left] | self.unmergeable[right]
        # modes (and the attacker test): by the distinct pairs of what they read
        self._by_value(self.modes, left, right, None, self._modes, score, bits, veto)
        # days: numbers of days, as `score_days`
        both = self.dated[left] & self.dated[right]
        gap = np.maximum(self.first[right] - self.last[left], self.first[left] - self.last[right])
        narrow = self.narrow[left] & self.narrow[right]
        single = (self.first[left] == self.last[left]) & (self.first[right] == self.last[right])
        same = both & narrow & (gap <= 0)
        score[same] += np.where(single[same], 2.0, 1.0)
        close = both & narrow & (gap > 0) & (gap <= lexicon.date_slack_days)
        score[close] += 1.0
        apart = both & (gap > 0) & ~close
        conflict = apart & narrow & (gap <= lexicon.date_conflict_days)
        bits[conflict] |= _BIT["date"]
        veto |= apart & ~conflict
        del both, gap, narrow, single, same, close, apart, conflict
        # places: two located points by their distance, in arrays; other pairs by their records
        placed = self.placed[left] & self.placed[right]
        point = placed & self.point[left] & self.point[right]
        self._distances(left, right, point, score, bits, veto)
        self._by_value(self.places, left, right, placed & ~point, self._places, score, bits, veto)
        del placed, point
        # actors: the doers, then the targets (with whether each is its doer's own unarmed people)
        self._by_value(self.source, left, right, self.has_source[left] & self.has_source[right], self._sources,
                       score, bits, veto)
        self._by_value(self.target, left, right, self.has_target[left] & self.has_target[right], self._targets,
                       score, bits, veto)
        # tolls, and a trigger word said twice in one report
        self._by_value(self.tolls, left, right, self.counted[left] & self.counted[right], self._tolls, score, bits,
                       veto)
        twice = (self.doc[left] == self.doc[right]) & self.triggered[left] & (self.trigger[left] == self.trigger[right])
        score[twice] += 0.5
        rows = np.flatnonzero(~veto)
        return Verdicts(rows, score[rows], bits[rows])

    def _by_value(
        self, codes: np.ndarray, left: np.ndarray, right: np.ndarray, where: np.ndarray | None,
        judge: Callable[[int, int], tuple[float, int, bool]], score: np.ndarray, bits: np.ndarray, veto: np.ndarray,
    ) -> None:
        """A part of the comparison that reads records, added to the pairs' `score`, `bits` and `veto`: judged
        once per distinct pair of values (`codes`) among the pairs `where` holds (all when None), on the first
        pair of mentions showing it."""
        rows = np.arange(len(left)) if where is None else np.flatnonzero(where)
        if not len(rows):
            return
        keys = codes[left[rows]] * (int(codes.max()) + 1) + codes[right[rows]]
        distinct, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        # judged once a story: the blocks of one table meet the same pairs of values again
        judged = self._judged.setdefault(judge.__name__, {})
        found = []
        for key, k in zip(distinct.tolist(), first.tolist(), strict=True):
            verdict = judged.get(key)
            if verdict is None:
                verdict = judged[key] = judge(int(left[rows[k]]), int(right[rows[k]]))
            found.append(verdict)
        score[rows] += np.array([f[0] for f in found], dtype=np.float64)[inverse]
        bits[rows] |= np.array([f[1] for f in found], dtype=np.int8)[inverse]
        veto[rows] |= np.array([f[2] for f in found], dtype=np.bool_)[inverse]

    def _distances(self, left: np.ndarray, right: np.ndarray, point: np.ndarray, score: np.ndarray,
                   bits: np.ndarray, veto: np.ndarray) -> None:
        """`score_places` for two located points: near adds 2, a little farther is a conflict, far a veto."""
        rows = np.flatnonzero(point)
        if not len(rows):
            return
        a, b = left[rows], right[rows]
        p1, p2 = np.radians(self.lat[a]), np.radians(self.lat[b])
        h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(self.lon[b] - self.lon[a]) / 2) ** 2
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
        limit = np.maximum(self.limit[a], self.limit[b])
        far = limit * self.comparer.lexicon.place_conflict_factor
        near = (np.abs(km - limit) <= _NEAR * limit) | (np.abs(km - far) <= _NEAR * far) | ~np.isfinite(km)
        for k in np.flatnonzero(near).tolist():
            i, j = int(a[k]), int(b[k])
            km[k] = haversine_km(float(self.lat[i]), float(self.lon[i]), float(self.lat[j]), float(self.lon[j]))
        score[rows] += np.where(km <= limit, 2.0, 0.0)
        bits[rows] |= np.where((km > limit) & (km <= far), _BIT["place"], 0).astype(np.int8)
        veto[rows] |= km > far

    def _modes(self, i: int, j: int) -> tuple[float, int, bool]:
        a, b = self.events[i], self.events[j]
        out = Comparison()
        compare_modes(a, b, self.comparer.lexicon, out)
        lexicon = self.comparer.lexicon
        return out.score, 0, out.veto or answers_attack(a, lexicon) != answers_attack(b, lexicon)

    def _places(self, i: int, j: int) -> tuple[float, int, bool]:
        a, b = self.events[i], self.events[j]
        out = Comparison()
        located = self.facts[i].located and self.facts[j].located
        score_places(a.place, b.place, self.precision[i], self.precision[j], located,  # type: ignore[arg-type]
                     self.comparer.lexicon, out)
        return out.score, _bits(out), out.veto

    def _sources(self, i: int, j: int) -> tuple[float, int, bool]:
        out = Comparison()
        score_actors(self.facts[i].source, self.facts[j].source, None, None, self.comparer.actors, out)
        return out.score, _bits(out), out.veto

    def _targets(self, i: int, j: int) -> tuple[float, int, bool]:
        a, b = self.events[i], self.events[j]
        out = Comparison()
        score_actors(None, None, self.facts[i].target, self.facts[j].target, self.comparer.actors, out,
                     (a.source_actor, b.source_actor))
        return out.score, _bits(out), out.veto

    def _tolls(self, i: int, j: int) -> tuple[float, int, bool]:
        out = Comparison()
        compare_casualties(self.events[i], self.events[j], out)
        return out.score, _bits(out), out.veto


def _bits(out: Comparison) -> int:
    bits = 0
    for kind in out.conflicts:
        bits |= _BIT[kind]
    return bits
