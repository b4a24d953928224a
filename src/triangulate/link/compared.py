"""compared: a story's event mentions compared two by two, once, kept as a table.

Every two mentions of one type that both say the event happened are compared
(`mentions.compare_events`); any other pair is a veto. The table keeps the comparisons that are not
vetoes, as columns: the two mentions (indexes into the story's mentions, the earlier one first, as
`compare_events` was called), the score and the conflicts. Coreference (`events.cluster_events`) and the
contradictions between mentions read it.

A story linked again takes the comparisons of the mentions it compared before from a `Known` table
(remembered in `memo.LinkMemo`) and compares only the mentions new to it: the table is the same as one
made from scratch. With a `Comparer`, hundreds of pairs or more are compared a block at a time over arrays of the
mentions' facts (`mention_arrays`), the same table as one pair at a time.
"""

from __future__ import annotations

import base64
import json
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from triangulate.link.mention_arrays import KINDS, MentionArrays
from triangulate.link.mentions import MERGE_SCORE, STRONG_SCORE, UNMERGEABLE, Comparer, Comparison
from triangulate.records import Event

Compare = Callable[[Event, Event], Comparison]
INDEX, SCORE = "i4", "f8"  # a story's mentions are far fewer than 2**31
_PAIRS_AT_ONCE = 16_384  # pairs read at a time where all are gone through for a few
_COMPARED_AT_ONCE = 1_024  # pairs compared at a time (`_at_once`): 100 KB of columns, whatever the story
_FEW_PAIRS = 400  # fewer pairs than this are compared one at a time (`_at_once`)


def _column(values: Sequence[int] | Sequence[float] | np.ndarray, dtype: str) -> np.ndarray:
    return np.asarray(values, dtype=dtype)


def _packed(column: np.ndarray, dtype: str) -> str:
    """A column as the base64 of its little-endian bytes: a story of thousands of mentions has hundreds of
    thousands of pairs, which as JSON lists would be millions of Python objects to write and read."""
    return base64.b64encode(np.ascontiguousarray(column, dtype=dtype).data).decode("ascii")  # read in place, not copied


def _joined(known: np.ndarray, new: array, dtype: type) -> np.ndarray:
    """A column: the pairs taken back, then those compared now (a view of their buffer when none were)."""
    fresh: np.ndarray = np.frombuffer(new, dtype=dtype) if len(new) else np.zeros(0, dtype=dtype)
    return np.concatenate([known, fresh]) if len(known) else fresh


def _unpacked(text: str, dtype: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=dtype).astype(dtype[1:])


@dataclass
class Known:
    """Comparisons made before: `ids` are the mentions all of whose pairs were compared (in the order of
    the story then), the columns the pairs that were not vetoes (indexes into `ids`), as compact arrays."""

    ids: list[str] = field(default_factory=list)
    left: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    right: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    score: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float64))
    conflicts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))  # index into `kinds`
    kinds: list[list[str]] = field(default_factory=lambda: [[]])  # the distinct conflict lists, none first

    def __post_init__(self) -> None:
        self.left, self.right = _column(self.left, INDEX), _column(self.right, INDEX)
        self.score, self.conflicts = _column(self.score, SCORE), _column(self.conflicts, INDEX)

    def json_parts(self) -> list[str]:
        """The table as compact JSON text, in parts to be joined: each column's base64 is written in as made,
        where a dict of them handed to `json.dumps` was copied twice more (quoted, then joined)."""
        parts = ['{"ids":', json.dumps(self.ids, separators=(",", ":"))]
        for name, column, dtype in (("left", self.left, "<i4"), ("right", self.right, "<i4"),
                                    ("score", self.score, "<f8"), ("conflicts", self.conflicts, "<i4")):
            parts += [f',"{name}":"', _packed(column, dtype), '"']  # base64 needs no escaping in JSON
        return [*parts, ',"kinds":', json.dumps(self.kinds, separators=(",", ":")), "}"]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Known:
        return cls(data["ids"], _unpacked(data["left"], "<i4"), _unpacked(data["right"], "<i4"),
                   _unpacked(data["score"], "<f8"), _unpacked(data["conflicts"], "<i4"), data["kinds"])


class Compared:
    """The comparisons of a story's mentions that are not vetoes (see the module docstring)."""

    def __init__(self, events: Sequence[Event], compare: Compare, known: Known | None = None) -> None:
        self.events = events
        self.kinds: list[list[str]] = [[]]
        index = {e.id: k for k, e in enumerate(events)}
        comparable = [e.modality not in UNMERGEABLE for e in events]
        done = np.zeros(len(events), dtype=bool)  # mentions whose pairs with each other are known
        columns: list[np.ndarray] = [np.zeros(0, dtype=np.int32)] * 2
        scores, conflicts = np.zeros(0), np.zeros(0, dtype=np.int32)
        # none taken back into a story whose reports tell no mention now: every known pair would point nowhere
        if known is not None and known.ids and events:
            at = np.array([index.get(i, -1) for i in known.ids], dtype=np.int32)
            kept = at >= 0
            kept[kept] = np.array([comparable[k] for k in at[kept]], dtype=bool)
            if np.all(np.diff(at[kept]) > 0):  # still in the same order: each pair the same way round
                done[at[kept]] = True
                left, right = at[known.left], at[known.right]
                rows = (left >= 0) & (right >= 0) & done[np.maximum(left, 0)] & done[np.maximum(right, 0)]
                columns = [left[rows], right[rows]]
                scores = np.asarray(known.score, dtype=np.float64)[rows]
                self.kinds = [list(k) for k in known.kinds]
                conflicts = np.asarray(known.conflicts, dtype=np.int32)[rows]
                del left, right, rows
        interned = {tuple(k): n for n, k in enumerate(self.kinds)}
        of_type: dict[str, list[int]] = {}
        for k, event in enumerate(events):
            if comparable[k]:
                of_type.setdefault(event.type, []).append(k)
        # the pairs compared now, in arrays of machine numbers (a list would hold an object per number)
        made: _Made = _at_once(events, compare, of_type, done, interned) if isinstance(compare, Comparer) \
            else _one_by_one(events, compare, of_type, done, interned)  # `_at_once`: over the mentions' facts
        new_left, new_right, new_score, new_conflicts, self.made = made
        del made  # each column is let go as soon as it is in order, below
        self.kinds = [list(k) for k in interned]
        # 32-bit columns, each put in order and its unordered parts dropped before the next: the biggest
        # stories of 20,000 ACLED notes keep 800,000-1,000,000 pairs: a 64-bit copy of a column is 6-8 MB
        left = _joined(columns[0], new_left, np.int32)
        right = _joined(columns[1], new_right, np.int32)
        del columns, new_left, new_right
        order = np.lexsort((right, left))
        self.left, self.right = left[order], right[order]
        del left, right
        self.score = _joined(scores, new_score, np.float64)[order]
        del scores, new_score
        self.conflicts = _joined(conflicts, new_conflicts, np.int32)[order]
        self.comparable = comparable

    def conflicting(self, groups: Sequence[Sequence[str]]) -> list[list[tuple[Event, Event, list[str]]]]:
        """For each group of mentions (ids, in the story's order), its pairs from two reports that have
        conflicts, in the order of the group: the earlier mention, the later one, the conflicts."""
        index = {e.id: k for k, e in enumerate(self.events)}
        label = np.full(len(self.events), -1, dtype=np.int32)
        for number, ids in enumerate(groups):
            label[[index[i] for i in ids if i in index]] = number
        reports = {d: k for k, d in enumerate(dict.fromkeys(e.doc_id for e in self.events))}
        report = np.array([reports[e.doc_id] for e in self.events], dtype=np.int32)
        # the pairs a block at a time: with conflicts, in one group, from two reports
        has = np.array([bool(k) for k in self.kinds], dtype=np.bool_)
        blocks = []
        for start in range(0, len(self.left), _PAIRS_AT_ONCE):
            left, right = self.left[start:start + _PAIRS_AT_ONCE], self.right[start:start + _PAIRS_AT_ONCE]
            mask = has[self.conflicts[start:start + _PAIRS_AT_ONCE]] & (label[left] >= 0)
            mask &= (label[left] == label[right]) & (report[left] != report[right])
            blocks.append(np.flatnonzero(mask) + start)
        rows = np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.int64)
        found: list[list[tuple[Event, Event, list[str]]]] = [[] for _ in groups]
        for row in rows[np.argsort(label[self.left[rows]], kind="stable")].tolist():
            found[int(label[self.left[row]])].append(
                (self.events[int(self.left[row])], self.events[int(self.right[row])],
                 self.kinds[int(self.conflicts[row])]))
        return found

    def conflict_count(self) -> np.ndarray:
        return np.array([len(k) for k in self.kinds], dtype=np.int32)[self.conflicts]

    def merge_masks(self) -> tuple[np.ndarray, np.ndarray]:
        """Of each pair kept, `Comparison.allows_merge`, and whether it is neutral: it does not keep its
        mentions' groups apart (no conflict, or allowed to merge anyway). Made from one count of the conflicts,
        in masks of a byte a pair."""
        count = np.array([min(len(k), 2) for k in self.kinds], dtype=np.int8)[self.conflicts]  # 0, 1 or more
        none, one = count == 0, count == 1
        del count
        allowed = none & (self.score >= MERGE_SCORE)
        allowed |= one & (self.score >= STRONG_SCORE)
        return allowed, none | allowed

    def allows_merge(self) -> np.ndarray:
        """`Comparison.allows_merge` of each pair kept."""
        return self.merge_masks()[0]

    def neutral(self) -> np.ndarray:
        """Pairs that do not keep their mentions' groups apart: no conflict, or allowed to merge anyway."""
        return self.merge_masks()[1]

    def known(self) -> Known:
        """The table as comparisons made before, for a later linking of the story."""
        ids = [e.id for e, ok in zip(self.events, self.comparable, strict=True) if ok]
        # a mention's place among the comparable ones
        number = (np.cumsum(np.array(self.comparable, dtype=np.int32)) - 1).astype(np.int32)
        return Known(ids, number[self.left], number[self.right], self.score, self.conflicts, self.kinds)


_TYPES = (np.int32, np.int32, np.float64, np.int32)  # left, right, score, conflicts
_Made = tuple["array[Any]", "array[Any]", "array[Any]", "array[Any]", int]  # left, right, score, conflicts; pairs compared


def _one_by_one(
    events: Sequence[Event], compare: Compare, of_type: Mapping[str, list[int]], done: np.ndarray,
    interned: dict[tuple[str, ...], int],
) -> _Made:
    """The pairs to compare now compared one at a time by `compare`: those that are not vetoes as columns (left,
    right, score, conflicts numbered in `interned`), and how many pairs were compared."""
    new_left, new_right, new_conflicts, new_score = array("i"), array("i"), array("i"), array("d")
    made = 0
    for same in of_type.values():
        fresh = [k for k in same if not done[k]]
        for x, i in enumerate(same):
            # a known mention is compared with the new ones after it, a new one with all after it
            others = same[x + 1:] if not done[i] else fresh[bisect_right(fresh, i):]
            made += len(others)
            for j in others:
                comparison = compare(events[i], events[j])
                if comparison.veto:
                    continue
                new_left.append(i)
                new_right.append(j)
                new_score.append(comparison.score)
                new_conflicts.append(interned.setdefault(tuple(comparison.conflicts), len(interned)))
    return new_left, new_right, new_score, new_conflicts, made


def _at_once(
    events: Sequence[Event], comparer: Comparer, of_type: Mapping[str, list[int]], done: np.ndarray,
    interned: dict[tuple[str, ...], int],
) -> _Made:
    """The pairs of the same type to compare now (a known mention with the new ones after it, a new one with all
    after it), in the order `_one_by_one` goes through them, compared a block at a time over the mentions' facts:
    the same columns, the conflicts numbered in `interned` in the order they are first met. A few pairs are
    compared one at a time: making the mentions' columns costs about as much as a few hundred pairs."""
    plans = [plan for plan in (_Plan.of(same, done) for same in of_type.values()) if plan is not None]
    if sum(int(plan.ends[-1]) for plan in plans) < _FEW_PAIRS:
        return _one_by_one(events, comparer, of_type, done, interned)
    arrays = MentionArrays(events, comparer)
    # grown as `_one_by_one` grows its columns: no copy of them all is made when they are joined
    found: tuple[array[Any], ...] = (array("i"), array("i"), array("d"), array("i"))
    made = 0
    for left, right in _blocks(plans):
        made += len(left)
        verdicts = arrays.compare(left, right)
        kinds, seen = np.unique(verdicts.conflicts, return_index=True)
        for bits in kinds[np.argsort(seen)].tolist():
            interned.setdefault(tuple(KINDS[bits]), len(interned))
        number = np.array([interned.get(tuple(k), -1) for k in KINDS], dtype=np.int32)
        for column, values, dtype in zip(found, (left[verdicts.rows], right[verdicts.rows], verdicts.score,
                                                 number[verdicts.conflicts]), _TYPES, strict=True):
            column.frombytes(values.astype(dtype).tobytes())
    return found[0], found[1], found[2], found[3], made


@dataclass
class _Plan:
    """The pairs of one type to compare now: each mention's partners, read from `partners` from `start` on
    (`mentions` after it for a new one, `fresh` ones after it for a known one), `counts` of them."""

    mentions: np.ndarray
    counts: np.ndarray
    start: np.ndarray
    partners: np.ndarray
    ends: np.ndarray  # the counts' running sums

    @classmethod
    def of(cls, same: list[int], done: np.ndarray) -> _Plan | None:
        mentions = np.asarray(same, dtype=np.int64)
        new = ~done[mentions]
        fresh = mentions[new]
        if not len(fresh):
            return None
        after = np.searchsorted(fresh, mentions, side="right")
        following = np.arange(1, len(mentions) + 1)
        counts = np.where(new, len(mentions) - following, len(fresh) - after)
        return cls(mentions, counts, np.where(new, following, len(mentions) + after),
                   np.concatenate([mentions, fresh]), np.cumsum(counts))


def _blocks(plans: list[_Plan]) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The pairs to compare now as (left, right) columns, in `_one_by_one`'s order, in blocks of about
    `_COMPARED_AT_ONCE` pairs (the pairs of several small types together), made as they are compared."""
    pending: list[tuple[np.ndarray, np.ndarray]] = []
    held = 0
    for plan in plans:
        first = 0
        while first < len(plan.mentions):
            reached = int(plan.ends[first - 1]) if first else 0
            stop = max(first + 1, int(np.searchsorted(plan.ends, reached + _COMPARED_AT_ONCE - held, side="right")))
            block = plan.counts[first:stop]
            total = int(block.sum())
            if total:
                offsets = np.arange(total) - np.repeat(np.cumsum(block) - block, block)
                pending.append((np.repeat(plan.mentions[first:stop], block),
                                plan.partners[np.repeat(plan.start[first:stop], block) + offsets]))
                held += total
            if held >= _COMPARED_AT_ONCE:
                yield np.concatenate([p[0] for p in pending]), np.concatenate([p[1] for p in pending])
                pending, held = [], 0
            first = stop
    if pending:
        yield np.concatenate([p[0] for p in pending]), np.concatenate([p[1] for p in pending])
