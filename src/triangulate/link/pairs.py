"""pairs: what the join of a story's mentions into its main event found of two mentions, kept as columns.

`events._fits` asks, of a mention and each of the main event's, what sets them apart (`Pair`). A story
linked again asks the same pairs again (about 1,300 for a story of 150 events), though only the new
report's are new. A verdict reads the two mentions, their actors and their own reports' claims (all
followed by `memo.LinkMemo`) and the two reports' days of publication (`telling_day`, `_update`), so
`KnownPairs` keeps each mention's day with the verdicts and `PairBook` takes a verdict back only while
both days hold. As `compared.Known` does for comparisons, the verdicts are columns (arrays, written as
the base64 of their bytes) and only the pairs asked are made into `Pair` objects.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from triangulate.link.compared import _packed, _unpacked
from triangulate.records import Document

# beyond so many verdicts (a story of thousands of mentions) they are made anew each linking, not remembered
PAIRS_KEPT = 50_000
_FITS, _APART = 1, 2  # the bits of a verdict
_ABSENT = "?"  # the day of a mention whose report is not in the story now


@dataclass(frozen=True)
class Pair:
    """What sets a mention apart from one of the main event's: `fits` False when something does whatever the
    rest of the event tells; `modes_apart`, unless the mention shares the event's usual means; `counts`, the
    tolls told that set it apart unless another of the event's mentions tells them too."""

    fits: bool
    modes_apart: bool = False
    counts: tuple[tuple[str, int | None], ...] = ()


def _column(values: Any, dtype: str) -> np.ndarray:
    return np.asarray(values, dtype=dtype)


@dataclass
class KnownPairs:
    """Verdicts made before: `ids` the mentions (their report's day of publication in `days`, "" for none),
    the columns one row a verdict: the mention asked about and the main event's (indexes into `ids`), its bits
    (`_FITS`, `_APART`) and its counts (an index into `tolls`, the distinct ones, none first)."""

    ids: list[str] = field(default_factory=list)
    days: list[str] = field(default_factory=list)
    left: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    right: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    verdict: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))
    counts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    tolls: list[list[list[Any]]] = field(default_factory=lambda: [[]])

    def __post_init__(self) -> None:
        self.left, self.right = _column(self.left, "i4"), _column(self.right, "i4")
        self.verdict, self.counts = _column(self.verdict, "i1"), _column(self.counts, "i4")

    def forget(self, doc_ids: set[str] | None = None, event_ids: set[str] | None = None) -> None:
        """Forget the verdicts of mentions of reports not in `doc_ids`, or among `event_ids`."""
        self.ids = ["" if (doc_ids is not None and _doc(i) not in doc_ids) or (event_ids and i in event_ids) else i
                    for i in self.ids]

    def json_parts(self) -> list[str]:
        compact = (",", ":")
        parts = ['{"ids":', json.dumps(self.ids, separators=compact), ',"days":', json.dumps(self.days, separators=compact)]
        for name, column, dtype in (("left", self.left, "<i4"), ("right", self.right, "<i4"),
                                    ("verdict", self.verdict, "<i1"), ("counts", self.counts, "<i4")):
            parts += [f',"{name}":"', _packed(column, dtype), '"']
        return [*parts, ',"tolls":', json.dumps(self.tolls, separators=compact), "}"]

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> KnownPairs:
        if not data:
            return cls()
        return cls(data["ids"], data["days"], _unpacked(data["left"], "<i4"), _unpacked(data["right"], "<i4"),
                   _unpacked(data["verdict"], "<i1"), _unpacked(data["counts"], "<i4"), data["tolls"])


class PairBook:
    """The verdicts of one linking: those known that still hold (looked up by the two mentions' ids, made into a
    `Pair` only when asked), and those made now (`events._fits` stores them)."""

    def __init__(self, known: KnownPairs, documents: Mapping[str, Document]) -> None:
        self.known = known
        self.documents = documents
        self.fresh: dict[tuple[str, str], Pair] = {}
        self._rows: dict[tuple[str, str], int] | None = None
        self._held: np.ndarray | None = None  # of each known verdict: it still holds
        self._bits: list[int] = []  # the columns as Python numbers, read once
        self._counts: list[int] = []
        self._made: dict[tuple[int, int], Pair] = {}

    def _read(self) -> dict[tuple[str, str], int]:
        if self._rows is None:
            known, days = self.known, [_day(self.documents, i) for i in self.known.ids]
            good = np.array([bool(i) and d == was != _ABSENT for i, d, was in zip(known.ids, days, known.days, strict=True)],
                            dtype=bool)
            held = good[known.left] & good[known.right] if len(known.left) else np.zeros(0, dtype=bool)
            rows = np.flatnonzero(held).tolist()
            ids = known.ids
            self._rows = {(ids[a], ids[b]): r for r, a, b in
                          zip(rows, known.left[held].tolist(), known.right[held].tolist(), strict=True)}
            self._held = held
            self._bits, self._counts = known.verdict.tolist(), known.counts.tolist()
        return self._rows

    def get(self, key: tuple[str, str]) -> Pair | None:
        found = self.fresh.get(key)
        if found is not None:
            return found
        row = self._read().get(key)
        if row is None:
            return None
        verdict = (self._bits[row], self._counts[row])
        found = self._made.get(verdict)
        if found is None:  # a few distinct verdicts: each made once (a `Pair` is frozen)
            bits, tolls = verdict[0], self.known.tolls[verdict[1]]
            found = self._made[verdict] = Pair(bool(bits & _FITS), bool(bits & _APART),
                                               tuple((str(k), v) for k, v in tolls))
        return found

    def __setitem__(self, key: tuple[str, str], pair: Pair) -> None:
        self.fresh[key] = pair

    def kept(self) -> KnownPairs:
        """The verdicts to remember: those known that still hold and those made now (none past `PAIRS_KEPT`).
        The known columns as they are when nothing was made and nothing dropped."""
        self._read()
        known, held = self.known, self._held
        assert held is not None
        if not self.fresh and bool(held.all()) and all(self.known.ids):
            return known
        if int(held.sum()) + len(self.fresh) > PAIRS_KEPT:
            return KnownPairs()
        used = np.zeros(len(known.ids), dtype=bool)  # the mentions of the verdicts that hold, in their order
        used[known.left[held]] = True
        used[known.right[held]] = True
        ids = {known.ids[k]: n for n, k in enumerate(np.flatnonzero(used).tolist())}
        for a, b in self.fresh:
            ids.setdefault(a, len(ids))
            ids.setdefault(b, len(ids))
        at = np.array([ids.get(i, -1) for i in known.ids], dtype=np.int32)
        interned = {tuple((str(k), v) for k, v in t): n for n, t in enumerate(known.tolls)}
        tolls = list(known.tolls)
        fresh_counts = []
        for pair in self.fresh.values():
            number = interned.get(pair.counts)
            if number is None:
                number = interned[pair.counts] = len(tolls)
                tolls.append([list(c) for c in pair.counts])
            fresh_counts.append(number)
        pairs: Sequence[Pair] = list(self.fresh.values())
        return KnownPairs(
            list(ids), [_day(self.documents, i) for i in ids],
            np.concatenate([at[known.left[held]], np.array([ids[a] for a, _ in self.fresh], dtype=np.int32)]),
            np.concatenate([at[known.right[held]], np.array([ids[b] for _, b in self.fresh], dtype=np.int32)]),
            np.concatenate([known.verdict[held], np.array([_FITS * p.fits + _APART * p.modes_apart for p in pairs],
                                                          dtype=np.int8)]),
            np.concatenate([known.counts[held], np.array(fresh_counts, dtype=np.int32)]),
            tolls)


def _day(documents: Mapping[str, Document], event_id: str) -> str:
    """The day of publication of the report an event id belongs to, as text ("" for none)."""
    document = documents.get(_doc(event_id))
    if document is None:
        return _ABSENT
    return document.published.isoformat() if document.published else ""


def _doc(item_id: str) -> str:
    """The report an event id belongs to ("<doc id>:e3")."""
    return item_id.rsplit(":", 1)[0]
