"""A report's link profile: what story linking keeps of it (words, names, dates, numbers, MinHash),
and the TF-IDF vectors made from profiles.

Shared by the candidate index (`index.py`) and story linking (`stories.py`), below both.
"""

from __future__ import annotations

import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from datasketch import MinHash
from spacy.lang.en.stop_words import STOP_WORDS

from triangulate.link.lexicon import load_lexicon
from triangulate.link.mentions import event_days
from triangulate.link.victims import VIOLENT, full_name, thing_keys, victim
from triangulate.records import AnalyzedDocument, Event, is_generic_actor

NUM_PERM = 64
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
DATED_GRANULARITIES = ("day", "month", "time")  # a time of day ("Friday morning") dates its day too
DATED_RANGE = re.compile(r"\d{4}-\d\d(-\d\d)?$")  # a part of one month or day: "earlier this month"
NUMBER = re.compile(r"(?<![\d.,:])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d.,:])\d+(?:\.\d+)?(?![\d:])")
MONTH_DAY = re.compile(r"^(?:\d{4}|XXXX)-(\d\d)-(\d\d)$")



@dataclass
class LinkProfile:
    """What linking keeps of one report; JSON-ready, stored in the index."""

    doc_id: str
    terms: dict[str, int]  # content word -> count
    names: dict[str, int]  # "ent:prov:tara-reid", "place:5391959" -> count
    years: list[int]  # years of the dates the report gives to the month or day
    days: list[str]  # "MM-DD" days of the year the report names
    numbers: list[str]  # numbers other than the years of its dates ("6.1", "23", "2003")
    events: list[str]  # PLOVER types
    minhash: list[int] = field(default_factory=list)
    published: str | None = None
    victims: list[str] = field(default_factory=list)  # the persons it tells attacked, folded, most told first
    past_victims: list[str] = field(default_factory=list)  # ... in an attack it dates before its days, or not at all
    things: list[str] = field(default_factory=list)  # the named things it tells attacked, their keys, most told first
    scenes: list[str] = field(default_factory=list)  # the towns it tells attacked in its days (place keys)

    def to_json(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id, "terms": self.terms, "names": self.names, "years": self.years,
            "days": self.days, "numbers": self.numbers, "events": self.events, "minhash": self.minhash,
            "published": self.published, "victims": self.victims, "past_victims": self.past_victims,
            "things": self.things, "scenes": self.scenes,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> LinkProfile:
        return cls(**data)  # type: ignore[arg-type]


def words(text: str) -> list[str]:
    found = (w.lower().strip("'’-") for w in WORD.findall(text))
    return [w for w in found if len(w) > 2 and w not in STOP_WORDS]


def _names(analyzed: AnalyzedDocument) -> Counter[str]:
    names: Counter[str] = Counter()
    for mention in analyzed.mentions:
        # generic group actors ("XXX.CIV": civilians) say little about which story a report belongs to
        if not is_generic_actor(mention.actor_id):
            names[f"ent:{mention.actor_id}"] += 1
    for place in analyzed.places:
        names[f"place:{place.geonames_id or place.name.lower()}"] += 1
    return names


def _years(analyzed: AnalyzedDocument) -> list[int]:
    """Years of the dates a report gives to the month or the day ("on Sept. 17, 2013"); a bare
    year ("since 2003", "the 2007-08 season") is mostly background and counts as a number."""
    return sorted({t.start_date.year for t in analyzed.times
                   if t.year_known and t.start_date and (t.granularity in DATED_GRANULARITIES
                                                         or (t.granularity == "range" and DATED_RANGE.match(t.value)))})


def _days(analyzed: AnalyzedDocument) -> list[str]:
    days = set()
    for t in analyzed.times:
        match = MONTH_DAY.match(t.value[:10]) if t.granularity in ("day", "time") else None
        if match:
            days.add(f"{match.group(1)}-{match.group(2)}")
    return sorted(days)


def _numbers(text: str, years: Iterable[int]) -> list[str]:
    skip = {str(y) for y in years}
    found = {n.replace(",", "") for n in NUMBER.findall(text)}
    return sorted(n for n in found if n not in skip and n not in {"0", "1"})


def build_profile(analyzed: AnalyzedDocument) -> LinkProfile:
    doc = analyzed.document
    text = f"{doc.title or ''}\n{doc.text}"
    years = _years(analyzed)
    tokens = words(text)
    told = [e for e in analyzed.events if e.type in VIOLENT and e.modality not in ("hypothetical", "negated")]
    return LinkProfile(
        doc_id=doc.id,
        terms=dict(Counter(tokens)),
        minhash=minhash(tokens),
        names=dict(_names(analyzed)),
        years=years,
        days=_days(analyzed),
        numbers=_numbers(text, years),
        events=sorted({e.type for e in analyzed.events}),
        published=doc.published.isoformat() if doc.published else None,
        victims=_victims(told),
        past_victims=_victims([e for e in told if _past(e, doc.published)]),
        things=_things(told),
        scenes=_scenes(told, doc.published),
    )


def _scenes(events: list[Event], published: date | None) -> list[str]:
    """The towns (or sites) where the report tells an attack of its own days was done, as place keys."""
    return sorted({f"place:{e.place.geonames_id}" for e in events if e.place is not None and e.place.geonames_id
                   and e.place.feature_class in ("P", "S") and not _long_before(e, published)})


def _long_before(event: Event, published: date | None) -> bool:
    """Dated well before the report's publication."""
    days = event_days(event)
    return days is not None and published is not None and (published - days[1]).days >= PAST_DAYS


def _things(events: list[Event]) -> list[str]:
    """The named things told attacked ("Crocus City Hall", "the Kerch Bridge"), each as its telling words
    sorted ("city crocus hall"), the most told first."""
    lexicon = load_lexicon()
    counts = Counter(" ".join(sorted(keys)) for e in events if (keys := thing_keys(e, lexicon)))
    return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _victims(events: list[Event]) -> list[str]:
    """The persons told attacked, each by the fullest name the report gives ("jamal khashoggi"),
    the most told first."""
    counts = Counter(v for e in events if (v := victim(e)))
    full = {v: max((n for e in events if victim(e) == v and (n := full_name(e))), key=len) for v in counts}
    return [full[v] for v in sorted(counts, key=lambda v: (-counts[v], v))]


PAST_DAYS = 30  # an attack dated this long before its report is told as past: a retelling


def _past(event: Event, published: date | None) -> bool:
    """Whether a report tells the attack as a past one: undated, or dated well before its publication."""
    return event_days(event) is None or _long_before(event, published)


class Vectorizer:
    """Unit TF-IDF vectors from the index's document counts (`fetch` reads missing counts in bulk).

    With `shared`, `df` holds the count of every key held by two documents or more (`stories.hold_counts`):
    a key of a counted document missing from it is held by that document alone, its count 1, read from
    nowhere. Only the keys of a document about to be counted in or out are read (`prefetch(exact=True)`):
    they may be held by no document yet."""

    def __init__(
        self, n_docs: int, df: Mapping[str, int], fetch: Callable[[list[str]], Mapping[str, int]] | None = None,
        shared: bool = False,
    ) -> None:
        self.n_docs = n_docs
        self.df = dict(df)
        self.fetch = fetch
        self.shared = shared
        self._by_count: dict[int, float] = {}  # the weight of a key held by so many documents, while the counts hold

    def hold_shared(self, df: dict[str, int]) -> None:
        """Take `df` as the counts of all the keys held by two documents or more (see the class)."""
        self.df, self.shared = df, True
        self._by_count.clear()

    def _absent(self) -> int:
        """The count of a key of a counted document that `df` does not hold."""
        return 1 if self.shared else 0

    def add(self, keys: Iterable[str], step: int = 1) -> None:
        """Count a document's keys in (or with step -1 out)."""
        for key in keys:
            self.df[key] = self.df.get(key, 0) + step
        self.n_docs += step
        self._by_count.clear()

    def prefetch(self, keys: Iterable[str], exact: bool = False) -> None:
        """Read the counts of keys not held yet; with `shared`, only when `exact` (a document's keys before
        it is counted in or out)."""
        if self.shared and not exact:
            return
        df = self.df
        keys = keys if isinstance(keys, (list, tuple, dict)) else list(keys)
        if all(map(df.__contains__, keys)):  # the usual case, tested without a Python loop
            return
        missing = [k for k in keys if k not in df]
        if missing and self.fetch is not None:
            found = self.fetch(missing)
            self.df.update({k: found.get(k, 0) for k in missing})

    def idf(self, key: str) -> float:
        held = self.df.get(key, self._absent())
        value = self._by_count.get(held)
        if value is None:
            value = self._by_count[held] = math.log((1 + self.n_docs) / (1 + held)) + 1.0
        return value

    def vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        # a key's weight is its document count's (one logarithm per count: most keys share a few small counts),
        # looked up through the counts by map, not kept per key: a stored report's keys are mostly its own, met
        # once a linking, so keeping them cost more than it saved
        df = self.df
        if self.shared:  # nothing read (`prefetch`): a key missing is held by its document alone
            held = list(map(df.get, counts, itertools.repeat(1)))
        else:
            # -1 for a key not read yet (`prefetch` reads it; a count of -1 held would only be looked up again)
            held = list(map(df.get, counts, itertools.repeat(-1)))
            if -1 in held:
                self.prefetch(counts)
                held = list(map(df.get, counts, itertools.repeat(0)))
        by_count = self._by_count
        unmet = set(held).difference(by_count)
        if unmet:
            total = 1 + self.n_docs
            for n in unmet:
                by_count[n] = math.log(total / (1 + n)) + 1.0
        # the same products and sums as one key at a time, made by map (this runs for every stored report
        # compared, after every report counted in)
        values = counts.values()
        try:
            tf = list(map(_TF.__getitem__, values))
        except IndexError:  # a count past the table (rare)
            tf = [_TF[c] if c < len(_TF) else 1 + math.log(c) for c in values]
        weights = list(map(operator.mul, tf, map(by_count.__getitem__, held)))
        norm = math.sqrt(sum(map(operator.mul, weights, weights))) or 1.0
        return dict(zip(counts, map(operator.truediv, weights, itertools.repeat(norm)), strict=True))


_TF = [1.0] + [1 + math.log(c) for c in range(1, 64)]  # term counts are small: their weights looked up


@dataclass
class Vectors:
    """A profile with its vectors, made once per linking run."""

    profile: LinkProfile
    terms: dict[str, float]
    names: dict[str, float]
    numbers: dict[str, float]


def vectors(profile: LinkProfile, vectorizer: Vectorizer) -> Vectors:
    numbers = vectorizer.vector({number_key(n): 1 for n in profile.numbers})
    return Vectors(profile, vectorizer.vector(profile.terms), vectorizer.vector(profile.names), numbers)


def number_key(number: str) -> str:
    return f"num:{number}"


@lru_cache(maxsize=1)
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1)


def minhash(tokens: list[str]) -> list[int]:
    """MinHash signature of a report's consecutive content-word pairs."""
    shingles = {f"{a} {b}".encode() for a, b in itertools.pairwise(tokens)}
    signature = _template().copy()
    if shingles:
        signature.update_batch(sorted(shingles))
    return [int(v) for v in signature.hashvalues]
