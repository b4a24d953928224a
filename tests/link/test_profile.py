"""TF-IDF vectors of link profiles: the same floats as the weights made one key at a time."""

from __future__ import annotations

import math
from collections import Counter

from triangulate.link.profile import Vectorizer, words

QUAKE = ("A magnitude 6.1 earthquake struck off the coast of Sumatra on Tuesday, killing at least 23 people. "
         "The earthquake destroyed homes in Padang, and rescuers searched the rubble of the homes for survivors.")


def _key_at_a_time(vectorizer: Vectorizer, counts: dict[str, int]) -> dict[str, float]:
    total = 1 + vectorizer.n_docs
    weights = {k: (1 + math.log(c) if c else 1.0) * (math.log(total / (1 + vectorizer.df.get(k, 0))) + 1.0)
               for k, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    return {k: v / norm for k, v in weights.items()}


def test_vector_is_the_key_at_a_time_weighting_bit_for_bit() -> None:
    counts = dict(Counter(words(QUAKE)))
    counts["earthquake"] = 70  # past the table of small counts' logs
    vectorizer = Vectorizer(40, {"earthquake": 3, "homes": 12, "sumatra": 1})
    vector = vectorizer.vector(counts)
    assert list(vector) == list(counts)  # the keys in the counts' order
    assert vector == _key_at_a_time(vectorizer, counts)
    vectorizer.add(["earthquake", "padang"])  # the counts change: the weights are made again
    assert vectorizer.vector(counts) == _key_at_a_time(vectorizer, counts) != vector


def test_vector_of_no_counts_is_empty() -> None:
    assert Vectorizer(5, {}).vector({}) == {}


def test_shared_counts_take_a_missing_key_as_held_by_its_report_alone() -> None:
    asked: list[list[str]] = []

    def fetch(keys: list[str]) -> dict[str, int]:
        asked.append(sorted(keys))
        return {"sumatra": 1}

    counts = dict(Counter(words(QUAKE)))
    held = Vectorizer(40, {}, fetch)
    held.hold_shared({"earthquake": 3, "homes": 12})  # every key of two reports or more
    # the weights of the keys it does not hold are those of a count of one, read from nowhere
    ones = {k: 1 for k in counts if k not in ("earthquake", "homes")}
    assert held.vector(counts) == Vectorizer(40, {"earthquake": 3, "homes": 12, **ones}).vector(counts)
    assert held.idf("padang") == Vectorizer(40, {"padang": 1}).idf("padang")
    held.prefetch(["padang", "sumatra"])
    assert asked == []
    # a report about to be counted in: its keys may be held by none yet, so they are read
    held.prefetch(["padang", "sumatra", "homes"], exact=True)
    assert asked == [["padang", "sumatra"]]
    held.add(["padang", "sumatra", "homes"])
    assert held.df == {"earthquake": 3, "homes": 13, "padang": 1, "sumatra": 2}
