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
