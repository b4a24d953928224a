"""The curated knowledge `link` uses (data/links.yaml), loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from triangulate.base.datafiles import load_yaml, word_set

LINKS_FILE = "links.yaml"


@dataclass(frozen=True)
class LinkLexicon:
    version: int
    mode_family: dict[str, str]  # mode -> family
    mode_companions: frozenset[tuple[str, str]]  # modes of two families told together in one attack (both ways)
    unstated_means: dict[str, str]  # a mode that tells what was done, not how -> the family it fits
    place_km: dict[str, float]  # precision -> km
    place_conflict_factor: float
    date_slack_days: int
    date_conflict_days: int
    date_narrow_days: int
    predicate_phrases: tuple[tuple[tuple[str, ...], str], ...]  # word sequence -> class, longest first
    weak_predicates: frozenset[str]
    deed_classes: frozenset[str]
    entailments: dict[str, frozenset[str]]  # predicate class -> the classes it entails
    opposites: dict[str, frozenset[str]]  # predicate class -> the classes that say its opposite
    unknown_actor_sectors: frozenset[str]
    filler_words: frozenset[str]
    name_premodifiers: frozenset[str]
    allegation_nouns: frozenset[str] = frozenset()
    name_generic_words: frozenset[str] = frozenset()
    retraction_verbs: frozenset[str] = frozenset()
    retracted_nouns: frozenset[str] = frozenset()
    doer_targets: frozenset[str] = frozenset()
    confirming_cues: frozenset[str] = frozenset()  # cues of establishing what is said, not only saying it
    prompt_words: dict[str, int] = field(default_factory=dict)  # "immediately" -> days after the first report
    # first word -> positions in predicate_phrases, in order: a word meets only the phrases it can open
    phrases_by_first: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def modes_fit(self, a: str, b: str) -> bool:
        """Two modes one attack may be told with: one family, or companions ("gunmen in suicide vests")."""
        return a == b or self.mode_family.get(a, a) == self.mode_family.get(b, b) or (a, b) in self.mode_companions

    def predicate_class(self, words: tuple[str, ...]) -> str | None:
        for phrase, name in self.predicate_phrases:
            if words[: len(phrase)] == phrase:
                return name
        return None


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9][a-z0-9.'-]*", text.lower()))


def parse_lexicon(raw: dict[str, Any]) -> LinkLexicon:
    families = {str(mode): str(family) for family, modes in raw["mode_families"].items() for mode in modes}
    phrases = [
        (_words(str(phrase)), str(name)) for name, items in raw["predicate_classes"].items() for phrase in items
    ]
    phrases.sort(key=lambda item: (-len(item[0]), item[0]))
    return LinkLexicon(
        version=int(raw["version"]),
        mode_family=families,
        mode_companions=frozenset((a, b) for a, bs in _symmetric(raw.get("mode_companions") or {}).items() for b in bs),
        unstated_means={str(k): str(v) for k, v in raw.get("unstated_means", {}).items()},
        place_km={str(k): float(v) for k, v in raw["place_km"].items()},
        place_conflict_factor=float(raw["place_conflict_factor"]),
        date_slack_days=int(raw["date_slack_days"]),
        date_conflict_days=int(raw["date_conflict_days"]),
        date_narrow_days=int(raw["date_narrow_days"]),
        predicate_phrases=tuple(phrases),
        unknown_actor_sectors=frozenset(str(w) for w in raw.get("unknown_actor_sectors", [])),
        weak_predicates=frozenset(str(w) for w in raw.get("weak_predicates", [])),
        deed_classes=frozenset(str(w) for w in raw.get("deed_classes", [])),
        entailments={str(k): frozenset(str(v) for v in vs) for k, vs in raw.get("predicate_entailments", {}).items()},
        opposites=_symmetric(raw.get("predicate_opposites", {})),
        filler_words=word_set(raw["filler_words"]),
        name_premodifiers=word_set(raw["name_premodifiers"]),
        allegation_nouns=word_set(raw.get("allegation_nouns")),
        name_generic_words=word_set(raw.get("name_generic_words")),
        retraction_verbs=word_set(raw.get("retraction_verbs")),
        retracted_nouns=word_set(raw.get("retracted_nouns")),
        doer_targets=word_set(raw.get("doer_targets")),
        confirming_cues=word_set(raw.get("confirming_cues")),
        prompt_words={str(k).lower(): int(v) for k, v in raw.get("prompt_words", {}).items()},
        phrases_by_first=_by_first(phrases),
    )


def _by_first(phrases: list[tuple[tuple[str, ...], str]]) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = {}
    for i, (words, _) in enumerate(phrases):
        if words:
            found.setdefault(words[0], []).append(i)
    return {word: tuple(at) for word, at in found.items()}


def _symmetric(raw: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    pairs = {(str(k), str(v)) for k, vs in raw.items() for v in vs}
    pairs |= {(b, a) for a, b in pairs}
    return {k: frozenset(b for a, b in pairs if a == k) for k, _ in pairs}


@lru_cache(maxsize=1)
def load_lexicon() -> LinkLexicon:
    return parse_lexicon(load_yaml(LINKS_FILE, versioned=True))
