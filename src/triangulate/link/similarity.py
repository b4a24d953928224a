"""The similarity of two reports for story linking: a logistic model over their word, name and number vectors and
the years, days and numbers they give, pair by pair and as a matrix over many pairs.

Similarity of two reports (`similarity`): the cosine of their TF-IDF word vectors and the cosine of their name vectors
(actors, persons, places), mixed; then it is lowered when the two date things in different years, or only one of them
dates anything, or they share none of their numbers, and raised when they name a day in common, since two events of
one kind (two earthquakes) differ exactly there.
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import repeat
from typing import Any

import numpy as np

from triangulate.link.profile import LinkProfile, Vectors


@dataclass(frozen=True)
class Weights:
    """The similarity model: a logistic regression over pair features, fitted on ECB+ dev pairs
    (docs/accuracy/clustering.md), and the linking thresholds, tuned there too."""

    words: float = 24.5  # cosine of the TF-IDF word vectors
    names: float = 6.07  # cosine of the TF-IDF name vectors (actors, persons, places)
    year_match: float = 0.8  # both date something in a year in common
    year_clash: float = -1.4  # both give dates, in no year in common
    # reports of one event mostly agree on whether they date it at all: one dated report and
    # one undated count against
    year_one_sided: float = -2.73  # one gives dates, the other none
    day_match: float = 2.75  # both name a day of the year in common
    numbers: float = 3.04  # cosine of the TF-IDF number vectors
    number_clash: float = -0.3  # both give numbers, none in common
    bias: float = -6.2
    threshold: float = 0.3  # average probability over a story's members needed to join it
    merge: float = 0.5  # average probability between two stories' members needed to merge them
    repair_merge: float = 0.2  # ... needed to merge the story a report joined with another candidate story
    split: float = 0.45  # a story whose two halves resemble each other less than this on average splits
    split_dated: float = 0.6  # the split bar when half of one half date things in a year the other never names
    late_join: float = 0.3  # ... needed for a report outside the time window to join a story of its year
    # ... or to join the story of the attack on the person it tells attacked, by surname or by full name
    victim_join: float = 0.05
    victim_named_join: float = 0.01
    # ... or, naming none of the story's years, to join the story one of whose reports it all but repeats
    undated_join: float = 0.8
    # ... or to join the story whose reports of the same days tell an attack in the town it tells one in
    scene_join: float = 0.05
    # ... or, dating a year that the story's reports date before their own (the event they retell), to join by
    # one of its reports: the late join's bar, as for a report dating the year the story's reports date
    past_join: float = 0.3


WEIGHTS = Weights()


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(map(operator.mul, a.values(), map(b.get, a, repeat(0.0))))  # in a's order, as one at a time


def similarity(a: Vectors, b: Vectors, weights: Weights = WEIGHTS) -> float:
    """The probability that two reports tell of the same event."""
    pa, pb = a.profile, b.profile
    years_a, years_b = set(pa.years), set(pb.years)
    z = (
        weights.bias
        + weights.words * _cosine(a.terms, b.terms)
        + weights.names * _cosine(a.names, b.names)
        + weights.numbers * _cosine(a.numbers, b.numbers)
    )
    if years_a & years_b:
        z += weights.year_match
    elif years_a and years_b:
        z += weights.year_clash
    elif (years_a or years_b) and not (set(_undated_year(pa)) & years_b or set(_undated_year(pb)) & years_a):
        z += weights.year_one_sided
    if set(pa.days) & set(pb.days):
        z += weights.day_match
    if pa.numbers and pb.numbers and not set(pa.numbers) & set(pb.numbers):
        z += weights.number_clash
    return 1.0 / (1.0 + math.exp(-z))


def similarities(left: list[Vectors], right: list[Vectors] | None = None, weights: Weights = WEIGHTS) -> np.ndarray:
    """`similarity` of every report on the left with every one on the right (default: the left ones with
    each other), as a matrix: a story's merge and split checks look at all the pairs."""
    same = right is None
    right = left if right is None else right

    def dots(of: Callable[[Vectors], Mapping[Any, float]]) -> np.ndarray:
        return _dots([of(m) for m in left], None if same else [of(m) for m in right])

    z = np.full((len(left), len(right)), weights.bias)
    for weight, vectors_of in ((weights.words, _terms), (weights.names, _names), (weights.numbers, _numbers)):
        z += weight * dots(vectors_of)

    def held(of: Callable[[LinkProfile], list[Any]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each pair, whether the two reports share one of the items; whether each holds any."""
        shared = dots(lambda m: dict.fromkeys(of(m.profile), 1.0)) > 0
        return shared, np.array([bool(of(m.profile)) for m in left]), np.array([bool(of(m.profile)) for m in right])

    shared, dated_a, dated_b = held(lambda p: p.years)
    both, either = np.logical_and.outer(dated_a, dated_b), np.logical_or.outer(dated_a, dated_b)
    # an undated report published in a year the other dates things in is not one-sided
    pub_l: list[Mapping[Any, float]] = [_undated_year(m.profile) for m in left]
    pub_r: list[Mapping[Any, float]] = [_undated_year(m.profile) for m in right]
    years_l: list[Mapping[Any, float]] = [dict.fromkeys(m.profile.years, 1.0) for m in left]
    years_r: list[Mapping[Any, float]] = [dict.fromkeys(m.profile.years, 1.0) for m in right]
    either &= ~((_dots(pub_l, years_r) > 0) | (_dots(years_l, pub_r) > 0))
    z += np.where(shared, weights.year_match,
                  np.where(both, weights.year_clash, np.where(either, weights.year_one_sided, 0.0)))
    shared, _, _ = held(lambda p: p.days)
    z += np.where(shared, weights.day_match, 0.0)
    shared, numbered_a, numbered_b = held(lambda p: p.numbers)
    z += np.where(np.logical_and.outer(numbered_a, numbered_b) & ~shared, weights.number_clash, 0.0)
    return 1.0 / (1.0 + np.exp(-z))


def _published_year(profile: LinkProfile) -> int | None:
    return int(profile.published[:4]) if profile.published else None


def _undated_year(profile: LinkProfile) -> dict[int, float]:
    """The year a report dating nothing was published in: the year it tells of, as news."""
    year = None if profile.years else _published_year(profile)
    return {} if year is None else {year: 1.0}


def _terms(v: Vectors) -> Mapping[str, float]:
    return v.terms


def _names(v: Vectors) -> Mapping[str, float]:
    return v.names


def _numbers(v: Vectors) -> Mapping[str, float]:
    return v.numbers


def _dots(left: list[Mapping[Any, float]], right: list[Mapping[Any, float]] | None) -> np.ndarray:
    """The dot product of every row on the left with every row on the right (default: the left ones with
    each other), over the keys held on both sides only: the matrices stay small, and so does their product."""
    if right is None:
        counts = Counter(key for row in left for key in row)
        matrix = _rows(left, [key for key, n in counts.items() if n > 1])
        product = matrix @ matrix.T
        np.fill_diagonal(product, [sum(v * v for v in row.values()) for row in left])
        return product
    keys = sorted(set().union(*left) & set().union(*right)) if left and right else []
    return _rows(left, keys) @ _rows(right, keys).T


def _rows(weights: list[Mapping[Any, float]], keys: list[Any]) -> np.ndarray:
    """One row per report, one column per key of `keys` (in that order)."""
    columns = {key: k for k, key in enumerate(keys)}
    cells = [(i, columns[key], value) for i, row in enumerate(weights) for key, value in row.items() if key in columns]
    matrix = np.zeros((len(weights), max(1, len(columns))))
    if cells:
        rows, cols, values = zip(*cells, strict=True)
        matrix[list(rows), list(cols)] = values
    return matrix
