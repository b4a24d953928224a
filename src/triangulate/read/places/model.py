"""The geoparser's working records: a document's place context, a name's mention and its chosen reading."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class PlaceContext:
    """What a document tells about where it is: its countries, divisions and clearly placed points."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[tuple[str, str]] = field(default_factory=Counter)
    points: list[tuple[float, float, str]] = field(default_factory=list)  # lat, lon, mention key
    # what each name itself added: "London" must not vote for its own reading
    own: Counter[tuple[str, object]] = field(default_factory=Counter)
    place_countries: Counter[str] = field(default_factory=Counter)  # countries of clear towns and divisions

    def country_count(self, country: str, key: str) -> int:
        return self.countries.get(country, 0) - self.own.get((key, country), 0)

    def admin1_count(self, admin1: tuple[str, str], key: str) -> int:
        return self.admin1s.get(admin1, 0) - self.own.get((key, admin1), 0)

    @classmethod
    def of_countries(cls, codes: Iterable[str]) -> PlaceContext:
        return cls(countries=Counter(code.upper() for code in codes))


@dataclass
class Mention:
    """A name in the text and the gazetteer readings it may have."""

    start: int
    end: int
    text: str
    key: str  # the folded name the candidates were found under
    candidates: list[int]
    hint: str | None = None  # "admin1" or "city", from a feature word next to the name
    qualifiers: list[int] = field(default_factory=list)  # candidates of ", Texas" after the name
    site: bool = False
    loose: bool = False  # candidates found by the consonant skeleton, not the spelling
    bare_counties: list[int] = field(default_factory=list)  # "X County" readings of a bare "X"
    near_others: frozenset[int] = frozenset()  # candidates near a candidate of another name of the text
    town_usage: bool = False  # the text uses the name as a local town's: "Lebanon Police", "St., Lebanon"


@dataclass
class Choice:
    """The reading chosen for a mention: its gazetteer position, score and confidence."""

    position: int
    score: float
    confidence: float
