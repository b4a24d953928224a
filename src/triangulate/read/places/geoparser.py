"""The Geoparser: geoparsing a document to GeoNames, resolving given names and spans."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Doc

from triangulate.base.datafiles import load_yaml
from triangulate.read.gazetteer import Entry, Gazetteer, fold, load_gazetteer
from triangulate.read.nlp import doc_text
from triangulate.read.places.embedded import extra_mentions
from triangulate.read.places.mentions import find_mentions
from triangulate.read.places.model import Choice, Mention, PlaceContext
from triangulate.read.places.names import LIST_CITY_POPULATION, mention_for_text
from triangulate.read.places.relations import attach_relations, offset_place
from triangulate.read.places.scoring import choose, context_of, prior_context, resolve_all, to_place
from triangulate.read.tokens import span_at
from triangulate.records import Document, Place

WATER_WORDS = frozenset(str(w) for w in load_yaml("geo_names.yaml")["feature_words"].get("water", []))
FALLBACK_MIN_CHARS = 4  # a name inside an unknown toponym: "Dubai" in "Dubai World Cup", not "St"
FALLBACK_SKIP = frozenset({"the", "north", "south", "east", "west", "new", "saint", "lake", "river", "mount",
                           "university", "city", "county", "state", "national", "park", "street", "church"})


def name_like(doc: Doc, start: int, end: int) -> bool:
    """A given span that reads as a name (a proper noun, an entity, a capital letter inside a
    sentence), not a common word given by mistake ("Heavy fighting was ...")."""
    span = span_at(doc, start, end)
    if span is None:
        return False
    return any(tok.pos_ == "PROPN" or tok.ent_type_ or (tok.text[:1].isupper() and not tok.is_sent_start)
               for tok in span)


def fallback(gaz: Gazetteer, start: int, end: int, text: str, mentions: list[Mention], choices: list[Choice | None],
    context: PlaceContext,
) -> tuple[Mention | None, Choice | None]:
    """A given toponym the gazetteer does not know as written: the place named inside it ("Dubai
    World Cup", "Manila Cathedral", "Republic of Armenia"), a county of the text's state without
    its kind word ("Gwinnett"), else the place the text names nearest to it (a street, a church,
    a river of the report's town: somewhere near rather than nowhere)."""
    phrase = text[start:end]
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", phrase)]
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            s, e = words[i][0], words[i + size - 1][1]
            sub = phrase[s:e].strip(".,;:()'\"’")
            if len(sub) < FALLBACK_MIN_CHARS or not sub[:1].isupper() or fold(sub) in FALLBACK_SKIP:
                continue
            inner = mention_for_text(gaz, start + s, start + e, sub, demonyms=True)
            if inner is not None:
                choice = choose(gaz, inner, context)
                if choice is not None and known_inside(inner, gaz.entries[choice.position], context):
                    return Mention(start, end, phrase, inner.key, inner.candidates), choice
    county = mention_for_text(gaz, start, end, f"{phrase} County")
    if county is not None and len(words) <= 2:
        choice = choose(gaz, county, context)
        entry = gaz.entries[choice.position] if choice else None
        if choice and entry and entry.country and entry.admin1 \
                and context.admin1s.get((entry.country, entry.admin1), 0) > 0:
            return Mention(start, end, phrase, county.key, county.candidates), choice
    return nearest_named(gaz, start, end, phrase, mentions, choices)


def known_inside(inner: Mention, entry: Entry, context: PlaceContext) -> bool:
    """A name inside an unknown toponym stands for it when it is well known (a country, a
    division, a city of 100,000) or a place of the text's own division ("Royal" in "Royal Street"
    is no town named Royal)."""
    if entry.fcode in ("PCLI", "ADM1") or entry.population >= LIST_CITY_POPULATION or entry.site_id:
        return True
    if not entry.country or context.country_count(entry.country, inner.key) <= 0:
        return False
    return bool(entry.admin1) and context.admin1_count((entry.country, entry.admin1 or ""), inner.key) > 0


def nearest_named(gaz: Gazetteer, start: int, end: int, phrase: str, mentions: list[Mention], choices: list[Choice | None]
) -> tuple[Mention | None, Choice | None]:
    best: tuple[int, int, int] | None = None  # (kind rank, distance, index)
    for i, (mention, choice) in enumerate(zip(mentions, choices, strict=True)):
        if choice is None or (mention.start < end and start < mention.end):
            continue
        code = gaz.entries[choice.position].fcode
        rank = 0 if code not in ("PCLI", "ADM1") else 1
        distance = start - mention.end if mention.end <= start else mention.start - end
        if best is None or (rank, distance) < best[:2]:
            best = (rank, distance, i)
    if best is None:
        return None, None
    host, host_choice = mentions[best[2]], choices[best[2]]
    assert host_choice is not None
    return Mention(start, end, phrase, host.key, [host_choice.position]), Choice(host_choice.position, 0.0, 0.3)


class Geoparser:
    """Geoparsing to GeoNames.

    Mentions come from spaCy's GPE/LOC/FAC entities, from curated site phrases ("Balad air base")
    and from capitalized names NER missed when the gazetteer knows them well. Same-named places are
    told apart by the document's context in two passes: first the mentions whose reading is clear
    (countries, big or unique names), then the rest, scored by the countries the text names
    (names, demonyms), the divisions and nearness of the clear places, population and feature kind.
    Distance/bearing phrases ("some 80 kilometers north of Baghdad") become a `PlaceRelation`.
    """

    _default: Geoparser | None = None

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer

    @classmethod
    def default(cls) -> Geoparser:
        if cls._default is None:
            cls._default = cls(load_gazetteer())
        return cls._default

    def geoparse(self, doc: Doc, document: Document) -> list[Place]:
        mentions = find_mentions(self.gaz, doc)
        choices = resolve_all(self.gaz, mentions, prior_context(self.gaz, doc, document), doc_text(doc))
        places = [to_place(self.gaz, m, c) for m, c in zip(mentions, choices, strict=True) if c is not None]
        water = named_waters([p.text for p in places if p.feature_class == "P"], document.text)
        places = [p for p in places if not (p.feature_class == "P" and p.text in water)]
        return attach_relations(places, document.text, doc)

    def toponyms(self, doc: Doc, document: Document) -> list[Place]:
        """Every toponym of the text, for recognition: what `geoparse` finds, plus the place names
        inside other names ("the Ohio Department of Development", "Alexandria Police"), demonyms as
        their country ("Georgian troops") and the further mentions of a name the text already uses
        as a place ("Mansfield" tagged as a person). Not for events: "the New York Times" holds a
        toponym but says nothing about where anything happened."""
        mentions = find_mentions(self.gaz, doc)
        extra = extra_mentions(self.gaz, doc, mentions)
        everything = sorted(mentions + extra, key=lambda m: m.start)
        choices = resolve_all(self.gaz, everything, prior_context(self.gaz, doc, document), doc_text(doc))
        first_choice: dict[str, Choice] = {}
        for mention, choice in zip(everything, choices, strict=True):
            if choice is not None and not any(mention is m for m in extra):
                first_choice.setdefault(mention.key, choice)
        places = []
        for mention, choice in zip(everything, choices, strict=True):
            if any(mention is m for m in extra):  # one reading of a name per text
                choice = first_choice.get(mention.key, choice)
            if choice is not None:
                places.append(to_place(self.gaz, mention, choice))
        return attach_relations(places, document.text, doc)

    def resolve(self, name: str, context: PlaceContext | Iterable[str] | None = None) -> Place | None:
        """Resolve one toponym string; `context` is a PlaceContext or country codes."""
        if context is not None and not isinstance(context, PlaceContext):
            context = PlaceContext.of_countries(context)
        mention = mention_for_text(self.gaz, 0, len(name), name, demonyms=True)
        if mention is None:
            return None
        choice = choose(self.gaz, mention, context or PlaceContext())
        return to_place(self.gaz, mention, choice) if choice else None

    def resolve_spans(self, doc: Doc, spans: list[tuple[int, int]], document: Document) -> list[Place | None]:
        """Resolve given toponym spans, with the whole document (and its other places) as context.

        A given span the recognizer found too keeps what the recognizer knew of it (its kind word,
        its ", Texas", the divisions in parentheses after it)."""
        found = find_mentions(self.gaz, doc)
        found_at = {(m.start, m.end): m for m in found}
        given = [
            found_at.get((s, e)) or mention_for_text(self.gaz, s, e, document.text[s:e], demonyms=True, loose=True)
            for s, e in spans
        ]
        known = [m for m in given if m is not None]
        extra = [m for m in found if not any(m.start < k.end and k.start < m.end for k in known)]
        everything = known + extra
        prior = prior_context(self.gaz, doc, document)
        choices = resolve_all(self.gaz, everything, prior, doc_text(doc))
        by_span = {(m.start, m.end): (m, c) for m, c in zip(known, choices[: len(known)], strict=True)}
        results: list[Place | None] = []
        context: PlaceContext | None = None
        for start, end in spans:
            mention, choice = by_span.get((start, end), (None, None))
            if mention is None or choice is None:
                if context is None:
                    context = context_of(self.gaz, everything, choices, prior, rivals=True)
                if name_like(doc, start, end):
                    mention, choice = fallback(self.gaz, start, end, document.text, everything, choices, context)
            results.append(to_place(self.gaz, mention, choice) if mention and choice else None)
        return results

    def event_point(self, place: Place) -> Place:
        """Where an event "in Anbar province" is filed: a first-level division's seat (its most
        populous town) rather than the middle of its area, as event data sets such as ACLED code
        province-level events (on ACLED dev notes 0-499 the seat was within 25 km of the gold point
        31 times, the area point 7 times). Other places are returned as they are."""
        if place.feature_code != "ADM1" or not place.country:
            return offset_place(place)
        code = next((e.admin1_code for e in self.gaz.lookup(place.name)
                     if e.fcode == "ADM1" and e.country == place.country and e.admin1 == place.admin1), None)
        seat = self.gaz.admin1_seat.get((place.country, code)) if code else None
        if seat is None:
            return place
        entry = self.gaz.entries[seat]
        return offset_place(place.model_copy(update={"lat": entry.lat, "lon": entry.lon}), seat=True)


def named_water(name: str, text: str) -> bool:
    """The text names a river or sea by this name ("the Dnipro River"): the name is the water's."""
    return bool(WATER_WORDS) and _water_after(name).search(text) is not None


def named_waters(names: Iterable[str], text: str) -> set[str]:
    """Those of the names that `named_water` says name a water in the text: each name asked once, and none
    when no water word follows a space anywhere in the text (as most reports), which every such name needs."""
    if not WATER_WORDS or _ANY_WATER.search(text) is None:
        return set()
    return {name for name in dict.fromkeys(names) if named_water(name, text)}


_WATER_KINDS = "|".join(sorted(WATER_WORDS))
_ANY_WATER = re.compile(rf"\s(?:{_WATER_KINDS})\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _water_after(name: str) -> re.Pattern[str]:
    """The name followed by a water word, compiled once per name (each compilation cost more than a search)."""
    return re.compile(rf"\b{re.escape(name)}\s+(?:{_WATER_KINDS})\b", re.IGNORECASE)
