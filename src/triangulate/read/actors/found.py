"""One report's pass over its tokens: mentions under construction, where places lie, the shared state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from triangulate.read.tokens import token_table
from triangulate.records import Actor

if TYPE_CHECKING:
    from triangulate.read.actors.dictionary import ActorDictionary


@dataclass
class _Found:
    """A mention under construction (token offsets, so syntax stays at hand)."""

    start: int
    end: int
    actor_id: str
    how: str
    person: str | None = None
    antecedent: tuple[int, int] | None = None
    place_only: bool = False  # a country named as a location: no mention, but a country hint


@dataclass
class PlaceCountries:
    """Where a report locates things: the first resolved place's country per sentence, the
    report's most named country, and whether every place lies in that one country."""

    by_sentence: dict[int, str] = field(default_factory=dict)  # sentence index -> ISO3
    dominant: str | None = None
    single: bool = False
    # the characters of every place read: a name the recognizer called a group but the places call a town
    # ("the Lahore blast") is no actor
    spans: set[tuple[int, int]] = field(default_factory=set)
    at: dict[int, str] = field(default_factory=dict)  # a place's first character -> its country (ISO3)


class _ReportPass:
    """The state every step of a report's pass shares: the report, its taken tokens, its own actors."""

    def __init__(self, dictionary: ActorDictionary, doc: Doc, countries: PlaceCountries | None = None) -> None:
        self.d = dictionary
        self.countries = countries or PlaceCountries()
        self.v = dictionary.vocabulary
        self.doc = doc
        self.extra: dict[str, Actor] = {}  # people and provisional actors of this report
        self.taken = [False] * len(doc)
        self.done_to: dict[int, set[str]] = {}  # per sentence, the states a verb is done to: not a group's own
        # each token's sentence, counted from 0 (the table gives each its sentence's first token)
        numbers: dict[int, int] = {}
        self.sent_index = [numbers.setdefault(first, len(numbers)) for first in token_table(doc).sent]

    def actor(self, actor_id: str) -> Actor | None:
        return self.extra.get(actor_id) or self.d.get(actor_id)

    def _take(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.taken[i] = True

    def _free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def _role_id(self, iso3: str, role: str) -> str:
        return f"{iso3}.{role}"
