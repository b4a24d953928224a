"""places: geoparsing to GeoNames.

Mentions come from spaCy's GPE/LOC/FAC entities, from curated site phrases ("Balad air base")
and from capitalized names NER missed when the gazetteer knows them well. Same-named places are
told apart by the document's context in two passes: first the mentions whose reading is clear
(countries, big or unique names), then the rest, scored by the countries the text names
(names, demonyms), the divisions and nearness of the clear places, population and feature kind.
Distance/bearing phrases ("some 80 kilometers north of Baghdad") become a `PlaceRelation`.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from spacy.tokens import Doc, Span

from triangulate.read.gazetteer import Entry, Gazetteer, fold, load_gazetteer, name_variants, skeleton
from triangulate.records import Document, Place, PlaceRelation

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# NER often calls a little-known town a person or an organization; after "in" it is still a place
MISLABELED_LABELS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "NORP", "PRODUCT", "EVENT"})
AREA_CODES = ("PCLI", "ADM1", "ADM2")
# lower-case words inside place names: "Juiz de Fora", "Ras al Ain"
NAME_CONNECTORS = frozenset({
    "al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "de", "da", "do", "dos", "das", "del", "la", "le",
    "les", "du", "des", "di", "bin", "ibn", "abu", "of", "y", "e",
})
# a capitalized name after a comma: the possible end of a chain "in X, Y, Z state"
COMMA_SEGMENT_RE = re.compile(r"(?<=,)\s+[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|(?:al|el|de|del|da|do|la|de la)(?=\s+[A-Z])))*")
PAREN_RE = re.compile(r"\(([^()]{2,90})\)")
MAX_LOOSE_CANDIDATES = 40
BLOCKING_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})
DIRECTION_ADJECTIVES = frozenset({
    "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
    "northeastern", "northwestern", "southeastern", "southwestern", "upper", "lower",
})
LOCATIVE_PREPOSITIONS = frozenset({"in", "near", "at", "outside", "from", "of", "into", "around", "across"})
# entities that may hold a place name of their own (not dates, numbers, languages)
EMBEDDING_LABELS = frozenset({"ORG", "FAC", "PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "NORP", "GPE", "LOC"})
STREET_WORDS = frozenset({
    "street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "drive", "dr", "lane", "ln", "way",
    "court", "ct", "place", "pl", "parkway", "pkwy", "highway", "hwy", "terrace", "circle",
})
KM_PER_MILE = 1.609344
NEARBY_KM = 300.0
MAX_SITE_TOKENS = 7
NUMBER_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
_DIRECTION = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west"
DISTANCE_RE = re.compile(
    r"(?:(?:some|about|around|approximately|roughly|nearly|almost|just|over|under|more than|less than)\s+)?"
    r"(?P<num>\d+(?:[.,]\d+)?|" + "|".join(NUMBER_WORDS) + r")\s*-?\s*"
    r"(?P<unit>kilometers|kilometres|km|kms|miles|mi)\b\.?"
    r"(?:\s*\([^()]{0,80}\))?\s*"
    r"(?:(?P<dir>" + _DIRECTION + r")(?:ern|erly|ward)?\s+(?:of|from)|from|outside(?:\s+of)?)\s+",
    re.IGNORECASE,
)
NEAR_BEFORE_RE = re.compile(
    r"\b(?P<rel>near|nearby|outside|close to|on the outskirts of|in the vicinity of|just outside|"
    r"(?P<dir>" + _DIRECTION + r")(?:ern|erly)?\s+of)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|province|capital|region|district|governorate)\s+of\s+)?$",
    re.IGNORECASE,
)
# "the southern countryside of Idleb", "the eastern outskirts of Sirte": an area on one side of a place
SIDE_WORDS = ("countryside", "outskirts", "suburbs", "suburb", "part", "parts", "side", "area", "areas",
              "rural areas", "villages", "countryside areas")
SIDE_BEFORE_RE = re.compile(
    r"\b(?P<dir>" + _DIRECTION + r")(?:ern|erly)?\s+(?:" + "|".join(w.replace(" ", r"\s+") for w in SIDE_WORDS)
    + r")\s+(?:of|in)\s+(?:the\s+)?(?:(?:city|town|province|governorate|district)\s+of\s+)?$",
    re.IGNORECASE,
)
SIDE_KM = 20.0
MAX_OFFSET_KM = 300.0  # where an event "in the southern countryside of Idleb" is put, south of the town's point
# the words between a described place and its relation: "Balad air base, which is located | some 80 km"
DESCRIBED_GAP_RE = re.compile(
    r"^\s*,?\s*(?:(?:which|that|it)\s+(?:is|was|lies|sits)\s+)?(?:(?:located|situated|lying|about|some)\s+)*$",
    re.IGNORECASE,
)
ANCHOR_GAP_CHARS = 50
ALT_NAME_MIN_POPULATION = 5_000
MAX_TOWN_SCOPES = 10
CHAIN_LEAD_WORDS = frozenset({"in", "on", "at", "by", "from", "near", "meanwhile", "and", "but", "still", "also", "the"})
CHAIN_LOCATIVES = frozenset({"in", "at", "near", "outside", "of", "from", "into", "around", "between", "to", "and"})
CITY_DISTRICT_KM = 10.0  # a district of a city's name whose point is this near is the city itself
BIG_CITY_POPULATION = 1_000_000  # a city whose neighbourhoods news name: "Jamia Nagar, Delhi"
LIST_CITY_POPULATION = 100_000  # a name this big elsewhere, not inside the division after it, is a list item
# "the western countryside of Dar'a", "the outskirts of Sirte": the name after "of" is a place
PLACE_OF_NOUNS = frozenset({"countryside", "outskirts", "vicinity", "suburbs", "outskirt", "centre", "center", "capital",
                            "environs", "periphery", "countrysides", "villages", "towns"})
CITY_AFTER = frozenset({"city", "town"})  # "close to Ghazni city": a place whatever NER called it
LOOSE_FREE_POPULATION = 50_000  # "Quamishli" ~ Qamishli: a look-alike this big counts without context
STRAY_MAX_POPULATION = 100_000
STRAY_KM = 1_500.0
PART_KM = 30.0  # a neighbourhood or area lies this near its town or district's point
PART_GAP_CHARS = 40
PART_JOIN_RE = re.compile(r"^(?:\s+[a-z]+)?\s*(?:,|\s+of|\s+in)\s+(?:the\s+)?(?:(?:city|town|district|village)\s+of\s+)?$")
CHAIN_SCOPE_ORDER = ("ADM1", "PCLI", "ADM2", "PPLC", "PPL")
# where NER runs one entity over several names: "Santa Fe, Ocotepeque", "Bamako (Bamako",
# "Air Force Intelligence in Da'el"
_ENTITY_BREAKS = frozenset({",", "(", ")", ";", "in"})
CLEAR_CONFIDENCE = 0.7
DOMAIN_COUNTRIES: dict[str, str | None] = {"uk": "GB", "com": None, "net": None, "org": None, "edu": None, "gov": None, "info": None,
                    "tv": None, "fm": None, "io": None, "me": None, "co": None, "ly": None, "eu": None}
PLURAL_KINDS = {"counties": "admin2", "parishes": "admin2", "districts": "admin2", "provinces": "admin1",
                "governorates": "admin1", "states": "admin1"}
PLURAL_KIND_RE = re.compile(r"(?<=\s)(counties|parishes|districts|provinces|governorates|states)\b")
_LIST_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"
LIST_BEFORE_RE = re.compile(rf"{_LIST_NAME}(?:(?:\s*,\s*|\s*,?\s+(?:and|or|&)\s+){_LIST_NAME})+\s+$")
LIST_CHARS = 200
WORD_AFTER_RE = re.compile(r"(?:['’]s)?[ \t]+([A-Za-z-]+)")
# "400 S. Locust St., Lebanon", "Terry Lee Jolly, 60, Lebanon": an address or a person's home town
TOWN_BEFORE_RE = re.compile(
    rf"(?:\b(?:{'|'.join(sorted(STREET_WORDS))})\.?|\b[A-Z][a-z]+,\s+\d{{1,3}}),\s+$", re.IGNORECASE)
TOWN_BEFORE_CHARS = 40
PAIR_KM = 40.0  # "Lebanon" and "Boone County": the Lebanon in a Boone County is meant
PAIR_BONUS = 1.0
PAIR_MAX_READINGS = 6  # a name with more town or county readings places no other name
COUNTRY_AS_TOWN_PENALTY = 4.0  # the country bonus, withdrawn when the text uses the name as its town's
FALLBACK_MIN_CHARS = 4  # a name inside an unknown toponym: "Dubai" in "Dubai World Cup", not "St"
FALLBACK_SKIP = frozenset({"the", "north", "south", "east", "west", "new", "saint", "lake", "river", "mount",
                           "university", "city", "county", "state", "national", "park", "street", "church"})
ADMIN1_CONTEXT = 2.0  # the text's division: "Dublin" in a report on Laurens County, Georgia  # a first-pass reading this clear (margin ~0.85) becomes context


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
class _Mention:
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
class _Choice:
    position: int
    score: float
    confidence: float


def _street_after(span: Span) -> bool:
    """ "2517 Memphis St.", "County Road 35": a street's name, not the town's."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return (nxt is not None and nxt.lower_.rstrip(".") in STREET_WORDS) or span[-1].lower_.rstrip(".") in STREET_WORDS


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _compass(direction: str) -> str:
    words = re.findall(r"north|south|east|west", direction.lower())
    return "".join(word[0].upper() for word in words)


def _number(text: str) -> float | None:
    low = text.lower()
    if low in NUMBER_WORDS:
        return float(NUMBER_WORDS[low])
    try:
        return float(low.replace(",", ""))
    except ValueError:
        return None


class Geoparser:
    _default: Geoparser | None = None

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer

    @classmethod
    def default(cls) -> Geoparser:
        if cls._default is None:
            cls._default = cls(load_gazetteer())
        return cls._default

    # ---- public API -------------------------------------------------------------------------
    def geoparse(self, doc: Doc, document: Document) -> list[Place]:
        mentions = self._find_mentions(doc)
        choices = self._resolve_all(mentions, self._prior(doc, document), doc.text)
        places = [self._place(m, c) for m, c in zip(mentions, choices, strict=True) if c is not None]
        return self._attach_relations(places, document.text, doc)

    def toponyms(self, doc: Doc, document: Document) -> list[Place]:
        """Every toponym of the text, for recognition: what `geoparse` finds, plus the place names
        inside other names ("the Ohio Department of Development", "Alexandria Police"), demonyms as
        their country ("Georgian troops") and the further mentions of a name the text already uses
        as a place ("Mansfield" tagged as a person). Not for events: "the New York Times" holds a
        toponym but says nothing about where anything happened."""
        mentions = self._find_mentions(doc)
        extra = self._extra_mentions(doc, mentions)
        everything = sorted(mentions + extra, key=lambda m: m.start)
        choices = self._resolve_all(everything, self._prior(doc, document), doc.text)
        first_choice: dict[str, _Choice] = {}
        for mention, choice in zip(everything, choices, strict=True):
            if choice is not None and not any(mention is m for m in extra):
                first_choice.setdefault(mention.key, choice)
        places = []
        for mention, choice in zip(everything, choices, strict=True):
            if any(mention is m for m in extra):  # one reading of a name per text
                choice = first_choice.get(mention.key, choice)
            if choice is not None:
                places.append(self._place(mention, choice))
        return self._attach_relations(places, document.text, doc)

    def resolve(self, name: str, context: PlaceContext | Iterable[str] | None = None) -> Place | None:
        """Resolve one toponym string; `context` is a PlaceContext or country codes."""
        if context is not None and not isinstance(context, PlaceContext):
            context = PlaceContext.of_countries(context)
        mention = self._mention_for_text(0, len(name), name, demonyms=True)
        if mention is None:
            return None
        choice = self._choose(mention, context or PlaceContext())
        return self._place(mention, choice) if choice else None

    def resolve_spans(self, doc: Doc, spans: list[tuple[int, int]], document: Document) -> list[Place | None]:
        """Resolve given toponym spans, with the whole document (and its other places) as context.

        A given span the recognizer found too keeps what the recognizer knew of it (its kind word,
        its ", Texas", the divisions in parentheses after it)."""
        found = self._find_mentions(doc)
        found_at = {(m.start, m.end): m for m in found}
        given = [
            found_at.get((s, e)) or self._mention_for_text(s, e, document.text[s:e], demonyms=True, loose=True)
            for s, e in spans
        ]
        known = [m for m in given if m is not None]
        extra = [m for m in found if not any(m.start < k.end and k.start < m.end for k in known)]
        everything = known + extra
        prior = self._prior(doc, document)
        choices = self._resolve_all(everything, prior, doc.text)
        by_span = {(m.start, m.end): (m, c) for m, c in zip(known, choices[: len(known)], strict=True)}
        results: list[Place | None] = []
        context: PlaceContext | None = None
        for start, end in spans:
            mention, choice = by_span.get((start, end), (None, None))
            if mention is None or choice is None:
                if context is None:
                    context = self._context_of(everything, choices, prior, rivals=True)
                if self._name_like(doc, start, end):
                    mention, choice = self._fallback(start, end, document.text, everything, choices, context)
            results.append(self._place(mention, choice) if mention and choice else None)
        return results

    @staticmethod
    def _name_like(doc: Doc, start: int, end: int) -> bool:
        """A given span that reads as a name (a proper noun, an entity, a capital letter inside a
        sentence), not a common word given by mistake ("Heavy fighting was ...")."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        return any(tok.pos_ == "PROPN" or tok.ent_type_ or (tok.text[:1].isupper() and not tok.is_sent_start)
                   for tok in span)

    def _fallback(
        self, start: int, end: int, text: str, mentions: list[_Mention], choices: list[_Choice | None],
        context: PlaceContext,
    ) -> tuple[_Mention | None, _Choice | None]:
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
                inner = self._mention_for_text(start + s, start + e, sub, demonyms=True)
                if inner is not None:
                    choice = self._choose(inner, context)
                    if choice is not None and self._known_inside(inner, self.gaz.entries[choice.position], context):
                        return _Mention(start, end, phrase, inner.key, inner.candidates), choice
        county = self._mention_for_text(start, end, f"{phrase} County")
        if county is not None and len(words) <= 2:
            choice = self._choose(county, context)
            entry = self.gaz.entries[choice.position] if choice else None
            if choice and entry and entry.country and entry.admin1 \
                    and context.admin1s.get((entry.country, entry.admin1), 0) > 0:
                return _Mention(start, end, phrase, county.key, county.candidates), choice
        return self._nearest_named(start, end, phrase, mentions, choices)

    def _known_inside(self, inner: _Mention, entry: Entry, context: PlaceContext) -> bool:
        """A name inside an unknown toponym stands for it when it is well known (a country, a
        division, a city of 100,000) or a place of the text's own division ("Royal" in "Royal Street"
        is no town named Royal)."""
        if entry.fcode in ("PCLI", "ADM1") or entry.population >= LIST_CITY_POPULATION or entry.site_id:
            return True
        if not entry.country or context.country_count(entry.country, inner.key) <= 0:
            return False
        return bool(entry.admin1) and context.admin1_count((entry.country, entry.admin1 or ""), inner.key) > 0

    def _nearest_named(
        self, start: int, end: int, phrase: str, mentions: list[_Mention], choices: list[_Choice | None]
    ) -> tuple[_Mention | None, _Choice | None]:
        best: tuple[int, int, int] | None = None  # (kind rank, distance, index)
        for i, (mention, choice) in enumerate(zip(mentions, choices, strict=True)):
            if choice is None or (mention.start < end and start < mention.end):
                continue
            code = self.gaz.entries[choice.position].fcode
            rank = 0 if code not in ("PCLI", "ADM1") else 1
            distance = start - mention.end if mention.end <= start else mention.start - end
            if best is None or (rank, distance) < best[:2]:
                best = (rank, distance, i)
        if best is None:
            return None, None
        host, host_choice = mentions[best[2]], choices[best[2]]
        assert host_choice is not None
        return _Mention(start, end, phrase, host.key, [host_choice.position]), _Choice(host_choice.position, 0.0, 0.3)

    def event_point(self, place: Place) -> Place:
        """Where an event "in Anbar province" is filed: a first-level division's seat (its most
        populous town) rather than the middle of its area, as event data sets such as ACLED code
        province-level events (on ACLED dev notes 0-499 the seat was within 25 km of the gold point
        31 times, the area point 7 times). Other places are returned as they are."""
        if place.feature_code != "ADM1" or not place.country:
            return self._offset(place)
        code = next((e.admin1_code for e in self.gaz.lookup(place.name)
                     if e.fcode == "ADM1" and e.country == place.country and e.admin1 == place.admin1), None)
        seat = self.gaz.admin1_seat.get((place.country, code)) if code else None
        if seat is None:
            return place
        entry = self.gaz.entries[seat]
        return self._offset(place.model_copy(update={"lat": entry.lat, "lon": entry.lon}), seat=True)

    def _offset(self, place: Place, seat: bool = False) -> Place:
        """An event "5 km north of Panyagoor" or "in the southern countryside of Idleb" lies off the
        named place: moved by the stated distance, or by SIDE_KM for a side of a place."""
        relation = place.relation
        if relation is None or relation.anchor != place.text or not relation.direction or place.lat is None \
                or place.lon is None or relation.direction == "near" or place.feature_code == "PCLI" \
                or (place.feature_code == "ADM1" and not seat):
            return place
        km = relation.distance_km
        if km is None:
            if not SIDE_BEFORE_RE.search(relation.text[: len(relation.text) - len(place.text)]):
                return place
            km = SIDE_KM
        dy = relation.direction.count("N") - relation.direction.count("S")
        dx = relation.direction.count("E") - relation.direction.count("W")
        norm = math.hypot(dy, dx)
        if not norm or km > MAX_OFFSET_KM:
            return place
        lat = place.lat + dy / norm * km / 111.2
        lon = place.lon + dx / norm * km / (111.2 * max(0.1, math.cos(math.radians(place.lat))))
        return place.model_copy(update={"lat": round(lat, 5), "lon": round(lon, 5)})

    # ---- mentions ---------------------------------------------------------------------------
    def _candidates(self, text: str) -> tuple[str, list[int], str | None]:
        """Folded key, candidate positions and a feature hint for a name as written."""
        key = fold(re.sub(r"(?:['’]s|['’])$", "", text.strip()))
        if key.startswith("the "):
            key = key[4:]
        hint: str | None = None
        for attempt in range(3):
            for variant in (key, *sorted(name_variants(key) - {key})):
                found = self.gaz.names.get(variant)
                if found:
                    return variant, list(found), hint
            words = key.split()
            if len(words) < 2 or attempt == 2:
                break
            if words[-1] in self.gaz.keep_words:
                break  # "Jordan River" is not Jordan
            if words[-1] in self.gaz.part_words:
                key, hint = " ".join(words[:-1]), "part"
            elif words[0] in self.gaz.part_prefixes:
                key, hint = " ".join(words[1:]), "part"
            elif words[-1] in self.gaz.admin1_words:
                key, hint = " ".join(words[:-1]), "admin1"
            elif words[-1] in self.gaz.admin2_words:
                key, hint = " ".join(words[:-1]), "admin2"
            elif words[-1] in self.gaz.city_words:
                key, hint = " ".join(words[:-1]), "city"
            elif words[0] in DIRECTION_ADJECTIVES:
                key = " ".join(words[1:])
            else:
                break
        return key, [], hint

    def _loose_candidates(self, key: str) -> list[int]:
        """Entries spelled alike ("Shadadah" ~ "Ash Shaddadah"): same skeleton, same first letter."""
        loose = skeleton(key)
        found = self.gaz.loose.get(loose, ()) if len(loose) >= 4 else ()
        if not 0 < len(found) <= MAX_LOOSE_CANDIDATES:
            return []
        first = loose[0]
        return [p for p in found if any(
            skeleton(variant)[:1] == first and abs(len(variant) - len(key)) <= 3
            for variant in name_variants(fold(self.gaz.entries[p].name))
        )]

    def _mention_for_text(
        self, start: int, end: int, text: str, demonyms: bool = False, loose: bool = False
    ) -> _Mention | None:
        """Candidates for a name; with `demonyms`, a given toponym "Egyptian" stands for its country;
        with `loose`, a name no spelling matches is looked up by its consonant skeleton."""
        folded = fold(text.strip()).removeprefix("the ")
        site = self.gaz.site_phrases.get(folded)
        if site:
            return _Mention(start, end, text, folded, list(site), site=True)
        if demonyms:
            iso = self.gaz.demonyms.get(folded) or self.gaz.demonyms.get(folded.removesuffix("s"))
            if iso and iso in self.gaz.country_entry:
                return _Mention(start, end, text, folded, [self.gaz.country_entry[iso]])
        key, candidates, hint = self._candidates(text)
        if not candidates and loose and len(key) >= 4:
            found = self._loose_candidates(key)
            if found:
                return _Mention(start, end, text, key, found, hint=hint, loose=True)
        if not candidates:
            return None
        mention = _Mention(start, end, text, key, candidates, hint=hint)
        if hint is None and not key.endswith(" county"):
            # "Barrow", "Clarke": a county of the text's state named without its kind word
            mention.bare_counties = [p for p in self.gaz.names.get(f"{key} county", ())
                                     if self.gaz.entries[p].fcode == "ADM2" and p not in candidates]
            mention.candidates = candidates + mention.bare_counties
        return mention

    def _find_mentions(self, doc: Doc) -> list[_Mention]:
        mentions = self._site_mentions(doc)
        taken = [(m.start, m.end) for m in mentions]

        def free(start: int, end: int) -> bool:
            return not any(start < e and s < end for s, e in taken)

        for mention in self._admin_chain_mentions(doc.text):
            if free(mention.start, mention.end):
                mentions.append(mention)
                taken.append((mention.start, mention.end))
        for whole in doc.ents:
            # an entity run over several names ("Santa Fe, Ocotepeque") is read piece by piece
            # unless the gazetteer knows it whole ("Washington, D.C.")
            known = whole[0].text not in _ENTITY_BREAKS and whole[-1].text not in _ENTITY_BREAKS \
                and bool(self._candidates(whole.text)[1])
            pieces = [whole] if known else entity_pieces(whole)
            located = self._after_locative(whole)  # "in Barangay Daro, Dumaguete": every piece is a place
            for ent in pieces:
                if not free(ent.start_char, ent.end_char):
                    continue
                found = self._entity_place(ent, located)
                if found:
                    mentions.append(found)
                    taken.append((found.start, found.end))
        for mention in self._missed_names(doc):
            if free(mention.start, mention.end):
                mentions.append(mention)
                taken.append((mention.start, mention.end))
        for mention in self._comma_chain_mentions(doc.text):
            # a chain's reading goes to the name the recognizers found there (their span: "Ala.",
            # "Newton County"); a name they missed joins as it is
            overlapping = [m for m in mentions if m.start < mention.end and mention.start < m.end]
            if overlapping and all(mention.start <= m.start and m.end <= mention.end and not m.site
                                   for m in overlapping) and any(m.end - m.start < mention.end - mention.start
                                                                 for m in overlapping):
                # the chain read the whole name NER cut ("Sao Sebastiao da Boa Vista", "Tlacotepec de ...")
                mentions = [m for m in mentions if not any(m is o for o in overlapping)]
                overlapping = []
            if not overlapping:
                mentions.append(mention)
                taken.append((mention.start, mention.end))
            elif len(overlapping) == 1 and not overlapping[0].site:
                overlapping[0].candidates = mention.candidates
                overlapping[0].hint = overlapping[0].hint or mention.hint
        mentions.sort(key=lambda m: m.start)
        for mention in self._comma_qualifiers(mentions, doc.text):
            if free(mention.start, mention.end):
                mentions.append(mention)
                taken.append((mention.start, mention.end))
        mentions.sort(key=lambda m: m.start)
        self._link_qualifiers(mentions, doc.text)
        return mentions

    def _entity_place(self, ent: Span, located: bool = False) -> _Mention | None:
        found: _Mention | None = None
        if ent.label_ in PLACE_LABELS or self._named_as_place(ent):
            found = self._entity_mention(ent, loose=True)
        elif ent.label_ in MISLABELED_LABELS and (located or self._after_locative(ent)):
            found = self._entity_mention(ent, loose=True)  # "in Quamishli city" tagged a person
            if found is not None and not self._plausible_unlabeled(found):
                found = None
        return found

    def _extra_mentions(self, doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
        """The toponyms `toponyms` adds to `geoparse`'s: embedded names, demonyms, repeated names."""
        # names NER itself tags as a place somewhere in the text: "Scott" found once after "in" is not enough
        place_chars = {i for ent in doc.ents if ent.label_ in PLACE_LABELS for i in range(ent.start_char, ent.end_char)}
        known = {m.key for m in mentions if not m.site and m.start in place_chars and m.key not in DIRECTION_ADJECTIVES}
        # "Nelson" is the captain of "Capt. Roy A. Nelson said", whatever else the text calls Nelson
        known -= {fold(tok.text) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for tok in ent}
        taken = [(m.start, m.end) for m in mentions]
        extra: list[_Mention] = []

        def free(start: int, end: int) -> bool:
            return not any(start < e and s < end for s, e in taken)

        def keep(mention: _Mention) -> None:
            extra.append(mention)
            taken.append((mention.start, mention.end))

        for ent in doc.ents:
            if ent.label_ not in EMBEDDING_LABELS or not free(ent.start_char, ent.end_char):
                continue
            if ent.label_ == "NORP":
                demonym = self._demonym_mention(ent)
                if demonym is not None:
                    keep(demonym)
                    continue
            for mention in self._embedded_names(ent, known):
                if free(mention.start, mention.end):
                    keep(mention)
        blocked = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        for tok in doc:  # a name the text already uses as a place, outside any entity ("Fargo plans to")
            if tok.i in blocked or not tok.text[:1].isupper() or not free(tok.idx, tok.idx + len(tok.text)):
                continue
            for length in range(4, 0, -1):
                span = doc[tok.i : tok.i + length]
                if len(span) < length or any(t.i in blocked or not t.text[:1].isupper() for t in span):
                    continue
                repeated = self._mention_for_text(span.start_char, span.end_char, span.text)
                if repeated is not None and repeated.key in known and free(repeated.start, repeated.end) \
                        and not _street_after(span):
                    keep(repeated)
                    break
        return extra

    def _demonym_mention(self, ent: Span) -> _Mention | None:
        text = re.sub(r"(?:['’]s|['’])$", "", ent.text)
        if ent[0].lower_ == "the":
            text = text[4:]
        start = ent.end_char - len(ent.text) + ent.text.index(text)
        mention = self._mention_for_text(start, start + len(text), text, demonyms=True)
        if mention is None or len(mention.candidates) != 1:
            return None
        return mention if self.gaz.entries[mention.candidates[0]].fcode == "PCLI" else None

    def _embedded_names(self, ent: Span, known: set[str]) -> Iterable[_Mention]:
        """Place names inside an entity that is not itself a place: a country or division anywhere
        ("Education Minnesota"), a name the text already uses as a place, or a known town leading an
        institution's name ("the Mansfield Police Department", "Parkers Prairie High School")."""
        first = ent.start + (1 if ent[0].lower_ == "the" else 0)
        i = first
        while i < ent.end:
            if not ent.doc[i].text[:1].isupper():
                i += 1
                continue
            found: _Mention | None = None
            for end in range(min(ent.end, i + 4), i, -1):
                span = ent.doc[i:end]
                if not span[-1].text[:1].isupper():
                    continue
                text = re.sub(r"(?:['’]s|['’])$", "", span.text)
                mention = self._mention_for_text(span.start_char, span.start_char + len(text), text)
                whole = i == first and end == ent.end
                if ent.label_ == "PERSON" and not whole:
                    continue  # "Mary Wheeler", "Roy Jones": a person named like a town
                if mention is not None and mention.key not in name_variants(fold(text)):
                    continue  # "Minnesota Department" stripped of its kind word: "Minnesota" comes next
                if mention is not None and not mention.site and not _street_after(span) and self._embedded_place(
                        mention, known, leading=i == first, whole=whole):
                    found = mention
                    break
            if found is None:
                i += 1
                continue
            yield found
            i = end

    def _embedded_place(self, mention: _Mention, known: set[str], leading: bool, whole: bool) -> bool:
        if mention.key in known or mention.key in DIRECTION_ADJECTIVES:
            return mention.key in known
        main = [e for e in (self.gaz.entries[p] for p in mention.candidates) if fold(e.name) == mention.key]
        if any(e.fcode in ("PCLI", "ADM1") for e in main):
            return True
        return leading and not whole and any(e.fcode == "ADM2" or e.population >= 5_000 for e in main)

    @staticmethod
    def _after_locative(ent: Span) -> bool:
        """ "in Tangier", "near the Yusufiyah", "in central Thessaloniki"."""
        start = ent.start + (1 if ent[0].lower_ == "the" else 0)
        if start > 1 and ent.doc[start - 1].lower_ in DIRECTION_ADJECTIVES:
            start -= 1
        return start > 0 and ent.doc[start - 1].lower_ in LOCATIVE_PREPOSITIONS - {"of", "from"}

    def _plausible_unlabeled(self, mention: _Mention) -> bool:
        """A name NER did not call a place: a division, or a town the gazetteer knows by that name."""
        entries = [self.gaz.entries[p] for p in mention.candidates]
        if mention.loose:
            return any(e.fcode in AREA_CODES or e.population >= 5_000 for e in entries)
        return any(e.fcode in AREA_CODES or e.population >= 1_000 or e.site_id for e in entries)

    def _comma_qualifiers(self, mentions: list[_Mention], text: str) -> Iterable[_Mention]:
        """ "in Juiz de Fora, Minas Gerais": the division after a place's comma, whatever NER said."""
        for mention in mentions:
            match = re.match(r",\s+([A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|" + "|".join(NAME_CONNECTORS) + r")){0,3})",
                             text[mention.end : mention.end + 60])
            if not match:
                continue
            name = match.group(1).rstrip(".")
            while name.split()[-1] in NAME_CONNECTORS:
                name = name.rsplit(" ", 1)[0]
            start = mention.end + match.start(1)
            after = self._mention_for_text(start, start + len(name), name, loose=True)
            if after is None:
                continue
            areas = [p for p in after.candidates if self.gaz.entries[p].fcode in ("PCLI", "ADM1")]
            if areas:
                after.candidates = areas
                yield after

    # ---- ACLED-style chains: "Kerawa village, Kolofata subdivision (Mayo-Sava, Extreme-Nord)" ----------
    def _admin_chain_mentions(self, text: str) -> list[_Mention]:
        """Names confined by the divisions in parentheses after them, widest last ("Al Madid (Nihm,
        Sanaa)"). A name the gazetteer lacks gets the point of the smallest known place that holds it."""
        found: list[_Mention] = []
        for match in PAREN_RE.finditer(text):
            parts = self._paren_parts(text, match)
            widest = self._mention_for_text(*parts[-1], loose=True) if parts else None
            areas = [p for p in widest.candidates if self.gaz.entries[p].fcode in AREA_CODES] if widest else []
            heads = self._head_names(text, match.start())
            town_scope = widest is not None and not areas and not widest.loose and bool(heads) \
                and not parts[-1][2].isupper()  # "Virginia Rail Express (VRE)": an acronym, not a town
            if town_scope and widest is not None:
                # "Bamako (Bamako)", "Tangier (Tangier)": a town standing for its district; the
                # names before it are looked for in the town's division ("(Red Oak) -- The three ..."
                # names nothing before it)
                areas = [p for p in widest.candidates if self.gaz.entries[p].fclass == "P"][:MAX_TOWN_SCOPES]
            if widest is None or not areas:
                continue
            same = len(parts) == 1 and self._same_names(widest, heads)
            if same and not town_scope:  # "Asuncion (Asuncion)": the capital, not a district abroad of its name
                areas = areas + [p for p in widest.candidates if (e := self.gaz.entries[p]).fclass == "P"
                                 and e.population >= LIST_CITY_POPULATION]
            best: tuple[tuple[int, int, int, int], list[_Mention]] | None = None
            for area in areas:  # the division in which the most of the other names are found
                chain = self._resolve_chain(area, parts[:-1], heads)
                entry = self.gaz.entries[area]
                order = entry.population if same else -CHAIN_SCOPE_ORDER.index(entry.fcode)
                key = (sum(m.candidates[0] != area for m in chain), order, int(not widest.loose), entry.population)
                if best is None or key > best[0]:
                    best = (key, chain)
            if best is None or (widest.loose and best[0][0] == 0):
                continue  # a look-alike division that holds none of the names: no evidence at all
            readings = {self.gaz.entries[a].country for a in areas}
            if best[0][0] == 0 and len(readings) > 1 and not self._same_names(widest, heads):
                continue  # "Freetown city (Western Area Urban, Western)": "Western" of which country?
            widest.candidates = [best[1][0].candidates[0]] if best[1] else widest.candidates
            found.append(widest)
            found.extend(best[1][1:])
        return found

    def _comma_chain_mentions(self, text: str) -> list[_Mention]:
        """Comma chains ending in a division: "in San Joaquin, Valencia, Carabobo state", "in Machiques
        de Perija, La Guajira, Zulia state": the widest (last) name is resolved first, then each name
        before it inside the one after it. A list of divisions or countries ("Syria, Iraq, Iran") is not
        a chain."""
        found: list[_Mention] = []
        ends: set[int] = set()
        for match in COMMA_SEGMENT_RE.finditer(text):
            end = match.end()
            while True:  # its kind words: "Zulia state", "Valmore Rodriguez municipality"
                kind = re.match(r"\s+([a-z]+)", text[end:])
                if not kind or kind.group(1) not in self._kind_words():
                    break
                end += kind.end()
            ends.add(end)
        chains = [names for names in (self._chain_names(text, end) for end in ends) if len(names) >= 2]
        taken: list[tuple[int, int]] = []
        for names in sorted(chains, key=lambda n: (-len(n), n[-1][0])):  # the longest chain first
            first, last = names[-1][0], names[0][1]
            if any(first < e and s < last for s, e in taken):
                continue
            start, stop, name, hint = names[0]
            widest = self._mention_for_text(start, stop, name)
            areas = [p for p in widest.candidates if self.gaz.entries[p].fcode in ("PCLI", "ADM1")] if widest else []
            if widest is None or not areas or hint == "city":
                continue
            heads = names[1:]
            if any(self._is_list_item(h[2], areas) for h in heads):
                continue
            best: tuple[tuple[int, int, int], list[_Mention]] | None = None
            for area in areas:
                chain = self._resolve_chain(area, [], heads)
                entry = self.gaz.entries[area]
                key = (sum(m.candidates[0] != area for m in chain), int(entry.fcode == "ADM1"), entry.population)
                if best is None or key > best[0]:
                    best = (key, chain)
            if best is None or (best[0][0] < len(heads) and not self._chain_told(text, names)):
                continue  # "Still, Hawaii's experience": an unknown name before a division is no chain
            widest.candidates, widest.hint = [best[1][0].candidates[0]], hint
            found.append(widest)
            found.extend(best[1][1:])
            taken.append((first, last))
        return found

    def _chain_names(self, text: str, end: int) -> list[tuple[int, int, str, str | None]]:
        """The names of a comma chain ending at `end`, each trimmed to its place name ("In Klamath
        Falls" -> "Klamath Falls", "Dunbar of Austin" -> "Austin"); a chain is told by a locative or a
        kind word before or in it ("in X, Y, Z state", "X village, Y district, Z"), or by names the
        gazetteer knows in the division, not by a list of people's names before a country."""
        names = []
        for start, stop, name, hint in self._head_names(text, end):
            words = name.split()
            while len(words) > 1 and words[0].lower() in CHAIN_LEAD_WORDS:
                start += len(words[0]) + 1
                words = words[1:]
            if "of" in words[:-1]:
                cut = len(words) - 1 - words[::-1].index("of")
                start += len(" ".join(words[: cut + 1])) + 1
                words = words[cut + 1 :]
            names.append((start, stop, " ".join(words), hint))
        if len(names) < 2:
            return names
        return names

    @staticmethod
    def _chain_told(text: str, names: list[tuple[int, int, str, str | None]]) -> bool:
        """A locative before the chain or a kind word in it: "in X, Y, Z state", "X village, Y, Z"."""
        first_start = names[-1][0]
        before = text[max(0, first_start - 30) : first_start].split()
        return (bool(before) and before[-1].lower() in CHAIN_LOCATIVES) or any(h for _, _, _, h in names[1:])

    def _is_list_item(self, name: str, areas: list[int]) -> bool:
        """A name that is itself a country or division outside every reading of the widest name:
        "Iraq" in "Syria, Iraq, Iran"."""
        mention = self._mention_for_text(0, len(name), name)
        if mention is None:
            return False
        if any(self._holds(a, p) for a in areas for p in mention.candidates):
            return False
        countries = {self.gaz.entries[a].country for a in areas}
        return any(
            (e := self.gaz.entries[p]).fcode == "PCLI" or (e.fcode == "ADM1" and e.country in countries)
            or (e.fclass == "P" and e.population >= LIST_CITY_POPULATION)  # "Barcelona, Liverpool"
            for p in mention.candidates
        )

    @staticmethod
    def _same_names(widest: _Mention, heads: list[tuple[int, int, str, str | None]]) -> bool:
        """ "Bamako (Bamako)", "Nangade village (Nangade, Cabo Delgado)": a place named for its division."""
        return any(fold(name) == widest.key or fold(name) in name_variants(widest.key) for _, _, name, _ in heads)

    def _resolve_chain(
        self, area: int, inner: list[tuple[int, int, str]], heads: list[tuple[int, int, str, str | None]]
    ) -> list[_Mention]:
        """The chain inside one candidate division: [the division, its districts..., the heads...]."""
        scope = self.gaz.entries[area]
        chain = [_Mention(0, 0, scope.name, fold(scope.name), [area])]
        smallest = area
        for start, end, name in reversed(inner):
            mention = self._within(start, end, name, scope, None, "admin2")
            if mention is not None:
                chain.append(mention)
                smallest = mention.candidates[0]
        for start, end, name, hint in heads:  # nearest the parenthesis first: "Kotwali Nagar, Pratapgarh (UP)"
            mention = self._within(start, end, name, scope, self.gaz.entries[smallest], hint)
            if mention is None:  # unknown village: the smallest known place that holds it
                chain.append(_Mention(start, end, name, fold(name), [smallest], hint=hint))
            else:
                chain.append(mention)
                smallest = mention.candidates[0]
        return chain

    def _paren_parts(self, text: str, match: re.Match[str]) -> list[tuple[int, int, str]]:
        parts: list[tuple[int, int, str]] = []
        offset = match.start(1)
        for piece in match.group(1).split(","):
            name = piece.strip()
            start = offset + piece.index(name) if name else offset
            offset += len(piece) + 1
            words = name.split()
            if not (1 <= len(words) <= 5 and name[:1].isalpha() and any(ch.isupper() for ch in name)) \
                    or any(ch.isdigit() for ch in name):
                return []
            parts.append((start, start + len(name), name))
        return parts if len(parts) <= 4 else []

    def _head_names(self, text: str, paren: int) -> list[tuple[int, int, str, str | None]]:
        """The names right before "(": "in Kerawa village, Kolofata subdivision" -> Kolofata, Kerawa."""
        window_start = max(0, paren - 160)
        window = text[window_start:paren]
        cut = max(window.rfind(". "), window.rfind(";"), window.rfind(":"), window.rfind(")"), window.rfind("]"))
        if cut >= 0:
            window_start, window = window_start + cut + 1, window[cut + 1 :]
        names: list[tuple[int, int, str, str | None]] = []
        end = len(window)
        for _ in range(3):
            segment_start = window.rfind(",", 0, end) + 1
            tokens = list(re.finditer(r"\S+", window[segment_start:end]))
            hint: str | None = None
            while tokens and tokens[-1].group().lower() in self._kind_words():
                hint = self._kind_hint(tokens.pop().group().lower())
            name_tokens: list[re.Match[str]] = []
            while tokens and (tokens[-1].group()[:1].isupper() or
                              (name_tokens and tokens[-1].group().lower() in NAME_CONNECTORS and len(tokens) > 1
                               and tokens[-2].group()[:1].isupper())):
                name_tokens.insert(0, tokens.pop())
            if not name_tokens:
                break
            start = window_start + segment_start + name_tokens[0].start()
            stop = window_start + segment_start + name_tokens[-1].end()
            names.append((start, stop, text[start:stop], hint))
            if tokens or segment_start == 0:
                break  # the segment held more than a name: the chain starts here
            end = segment_start - 1
        return names

    def _kind_words(self) -> frozenset[str]:
        return self.gaz.city_words | self.gaz.admin1_words | self.gaz.admin2_words | self.gaz.part_words

    def _kind_hint(self, word: str) -> str:
        if word in self.gaz.admin1_words:
            return "admin1"
        return "admin2" if word in self.gaz.admin2_words else "city"

    def _within(
        self, start: int, end: int, name: str, scope: Entry, near: Entry | None, hint: str | None
    ) -> _Mention | None:
        """The place of this name inside the division `scope`, nearest to `near` when several are."""
        def inside(positions: Iterable[int]) -> list[int]:
            return [
                p for p in positions
                if (e := self.gaz.entries[p]).country == scope.country and e.fcode != "PCLI" and e is not scope
                and (scope.fcode == "PCLI" or e.admin1_code == scope.admin1_code)
            ]

        mention = self._mention_for_text(start, end, name, loose=True)
        candidates = inside(mention.candidates) if mention else []
        if mention is not None and not candidates and not mention.loose:
            candidates = inside(self._loose_candidates(mention.key))
        if not candidates:  # "Machiques de Perija" is Machiques: the name's head inside the division
            words = name.split()
            for cut in range(len(words) - 1, 0, -1):
                head = " ".join(words[:cut])
                if len(head) < 5 or words[cut - 1] in NAME_CONNECTORS:
                    continue
                shorter = self._mention_for_text(start, start + len(head), head)
                candidates = inside(shorter.candidates) if shorter else []
                if candidates:
                    mention = shorter
                    break
        if mention is None or not candidates:
            return None
        wanted = {"admin2": "ADM2", "admin1": "ADM1"}.get(hint or "", "P")
        if scope.fcode == "PCLI" and hint is None and not any(
                (e := self.gaz.entries[p]).fclass == "P" and e.population >= LIST_CITY_POPULATION for p in candidates):
            # "southern California, United States": the state, not a village named California
            divisions = [p for p in candidates if self.gaz.entries[p].fcode == "ADM1"]
            candidates = divisions or candidates

        def rank(p: int) -> tuple[int, float, int]:
            e = self.gaz.entries[p]
            kind = 0 if (e.fcode == wanted or (wanted == "P" and e.fclass == "P")) else 1
            far = _haversine_km(e.lat, e.lon, near.lat, near.lon) if (
                near is not None and near.lat is not None and e.lat is not None and near.lon is not None
                and e.lon is not None) else 0.0
            return kind, far, -e.population

        mention.candidates, mention.hint = [min(candidates, key=rank)], hint
        return mention

    def _site_mentions(self, doc: Doc) -> list[_Mention]:
        """Curated site phrases, longest first: "Balad air base", "the Balad Air Force' base"."""
        found: list[_Mention] = []
        words = [(tok, fold(tok.text)) for tok in doc if fold(tok.text)]
        i = 0
        while i < len(words):
            tok = words[i][0]
            if not (tok.text[:1].isupper() or tok.text[:1].isdigit()):
                i += 1
                continue
            best: tuple[int, tuple[int, ...]] | None = None
            for length in range(1, min(MAX_SITE_TOKENS, len(words) - i) + 1):
                phrase = " ".join(w for _, w in words[i : i + length])
                hit = self.gaz.site_phrases.get(phrase)
                if hit:
                    best = (length, hit)
            if best:
                length, hit = best
                last = words[i + length - 1][0]
                text = doc.text[tok.idx : last.idx + len(last.text)]
                found.append(_Mention(tok.idx, last.idx + len(last.text), text, fold(text), list(hit), site=True))
                i += length
            else:
                i += 1
        return found

    def _named_as_place(self, ent: Span) -> bool:
        """An entity NER took for a person or group after "the village of", "the province of", "the
        western countryside of", or before "city" ("close to Ghazni city")."""
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if nxt is not None and nxt.lower_ in CITY_AFTER and ent.label_ in ("ORG", "GPE", "LOC", "FAC"):
            return True
        if ent.start < 2 or ent.doc[ent.start - 1].lower_ != "of":
            return False
        noun = ent.doc[ent.start - 2].lower_
        return noun in self.gaz.city_words or noun in self.gaz.admin1_words or noun in self.gaz.part_words \
            or noun in PLACE_OF_NOUNS

    def _entity_mention(self, ent: Span, loose: bool = False) -> _Mention | None:
        start, end, text = ent.start_char, ent.end_char, ent.text
        if ent[0].lower_ == "the" and len(ent) > 1:
            start, text = ent[1].idx, ent[1:].text
        text = re.sub(r"(?:['’]s|['’])$", "", text)
        end = start + len(text)
        mention = self._mention_for_text(start, end, text, loose=loose)
        if mention is None:
            return None
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if fold(text).split()[0] in self.gaz.part_prefixes:
            mention.hint = "part"  # "Colonia El Pedregal": a part of the report's town, not Colonia
        if nxt is not None and mention.hint is None:
            if nxt.lower_ in self.gaz.part_words:
                mention.hint = "part"
            elif nxt.lower_ in self.gaz.admin1_words:
                mention.hint = "admin1"
            elif nxt.lower_ in self.gaz.admin2_words:
                mention.hint = "admin2"
            elif nxt.lower_ in self.gaz.city_words:
                mention.hint = "city"
        return mention

    def _missed_names(self, doc: Doc) -> Iterable[_Mention]:
        """Capitalized names outside any entity that the gazetteer knows well enough."""
        blocked = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        i = 0
        while i < len(doc):
            tok = doc[i]
            if i in blocked or not tok.is_title or tok.pos_ != "PROPN":
                i += 1
                continue
            j = i
            while j + 1 < len(doc) and j + 1 - i < 4 and doc[j + 1].is_title and doc[j + 1].pos_ == "PROPN" \
                    and j + 1 not in blocked:
                j += 1
            span = doc[i : j + 1]
            mention = self._mention_for_text(span.start_char, span.end_char, span.text)
            after_locative = i > 0 and doc[i - 1].lower_ in LOCATIVE_PREPOSITIONS
            if mention and not mention.site and self._well_known(mention, multi=len(span) > 1, after_locative=after_locative):
                yield mention
            i = j + 1

    def _well_known(self, mention: _Mention, multi: bool, after_locative: bool) -> bool:
        main_name = [self.gaz.entries[p] for p in mention.candidates if fold(self.gaz.entries[p].name) == mention.key]
        if not main_name and after_locative:  # "in the city of Idleb": a spelling GeoNames lists as another name
            return any(self.gaz.entries[p].population >= ALT_NAME_MIN_POPULATION for p in mention.candidates)
        if not main_name:
            return False
        if any(e.fcode in ("PCLI", "ADM1") or e.population >= 1_000_000 for e in main_name):
            return True
        return (multi or after_locative) and max(e.population for e in main_name) >= 1_000

    def _link_qualifiers(self, mentions: list[_Mention], text: str) -> None:
        """ "Paris, Texas": a division or country right after a comma qualifies the name before it."""
        for before, after in itertools.pairwise(mentions):
            gap = text[before.end : after.start].split(",")
            if len(gap) != 2 or gap[1].strip() or (gap[0].strip() and gap[0].strip().lower() not in self._kind_words()):
                continue  # only "Paris, Texas" or "Chora district, Uruzgan"
            qualifiers = [p for p in after.candidates if self.gaz.entries[p].fcode in ("PCLI", "ADM1")]
            if not qualifiers or before.site or any(self.gaz.entries[p].fcode in ("PCLI", "ADM1") for p in before.candidates):
                continue  # "China, Japan and Korea" is a list, not a qualified name
            before.qualifiers = qualifiers
            inside = [p for p in before.candidates if any(self._holds(q, p) for q in qualifiers)]
            if not inside and not before.loose:  # "Andar district, Ghazni": no such town there
                inside = [p for p in self._loose_candidates(before.key) if any(self._holds(q, p) for q in qualifiers)]
            before.candidates = inside or qualifiers

    def _holds(self, area: int, position: int) -> bool:
        wide, entry = self.gaz.entries[area], self.gaz.entries[position]
        return position != area and entry.country == wide.country and (
            wide.fcode == "PCLI" or entry.admin1_code == wide.admin1_code)

    def _document_countries(self, doc: Doc) -> Counter[str]:
        """Countries the text names through demonyms ("Iraqi", "Syrians")."""
        countries: Counter[str] = Counter()
        for tok in doc:
            if not tok.text[:1].isupper():
                continue
            low = fold(tok.text)
            iso = self.gaz.demonyms.get(low) or (self.gaz.demonyms.get(low[:-1]) if low.endswith("s") else None)
            if iso:
                countries[iso] += 1
        return countries

    # ---- resolution -------------------------------------------------------------------------
    def _prior(self, doc: Doc, document: Document) -> PlaceContext:
        """What the text tells before its places are read: the countries of its demonyms, and the
        country of its outlet when the address has a country-code domain ("lfpress.ca": "London" is
        more likely Ontario's). A town in the site's name ("columbuslocalnews.com") was measured and
        left out (LGL first half -0.1 point)."""
        prior = PlaceContext(countries=self._document_countries(doc))
        url = document.url or ""
        host: str = urlsplit(url if "//" in url else f"//{url}").hostname or ""
        labels = [label for label in host.lower().split(".") if label and label != "www"]
        if len(labels) < 2:
            return prior
        country = DOMAIN_COUNTRIES.get(labels[-1], labels[-1].upper() if len(labels[-1]) == 2 else None)
        if country and country not in self.gaz.country_entry:
            country = None
        if country:
            prior.countries[country] += 1
        return prior

    def _list_kinds(self, mentions: list[_Mention], text: str) -> None:
        """Names listed before a plural kind word take its kind: "Barrow, Jackson and Madison
        counties" are three counties, "Idlib and Hama provinces" two provinces."""
        for match in PLURAL_KIND_RE.finditer(text):
            listed = LIST_BEFORE_RE.search(text, max(0, match.start() - LIST_CHARS), match.start())
            if listed is None:
                continue
            hint = PLURAL_KINDS[match.group(1).lower()]
            for mention in mentions:
                if not (listed.start() <= mention.start and mention.end <= listed.end()) or mention.hint \
                        or mention.site:
                    continue
                mention.hint = hint
                if hint == "admin2" and not mention.bare_counties:
                    mention.bare_counties = [p for p in self.gaz.names.get(f"{mention.key} county", ())
                                             if self.gaz.entries[p].fcode == "ADM2" and p not in mention.candidates]
                    mention.candidates = mention.candidates + mention.bare_counties
                mention.bare_counties = [] if hint == "admin2" else mention.bare_counties  # told, not guessed

    def _resolve_all(
        self, mentions: list[_Mention], prior: PlaceContext | None = None, text: str = ""
    ) -> list[_Choice | None]:
        """Three passes: the clear readings (no rival countries) make the context of the second; the
        second pass's clear readings, now with "Georgia" and "Jordan" settled by it, that of the last.
        `prior` is what the text tells before its places are read (`_prior`)."""
        prior = prior or PlaceContext()
        if text:
            self._list_kinds(mentions, text)
            self._town_usage(mentions, text)
            self._pair_nearby(mentions)
        first = self._context_of([], [], prior, rivals=False)
        choices = [self._choose(m, first) for m in mentions]
        context = self._context_of(mentions, choices, prior, rivals=False)
        choices = [self._choose(m, context) for m in mentions]
        context = self._context_of(mentions, choices, prior, rivals=True)
        final = [self._plausible_choice(m, self._choose(m, context), context) for m in mentions]
        return self._confine_parts(mentions, final, text)

    def _town_usage(self, mentions: list[_Mention], text: str) -> None:
        """Mark the names the text uses as a local town's anywhere ("Lebanon Police", "a Jordan
        resident", "508 Cumberland St., Lebanon"); every mention of such a name is marked."""
        words = self.gaz.town_after_words
        used: set[str] = set()
        for mention in mentions:
            after = WORD_AFTER_RE.match(text, mention.end)
            if (after is not None and after.group(1).lower() in words) \
                    or TOWN_BEFORE_RE.search(text, max(0, mention.start - TOWN_BEFORE_CHARS), mention.start):
                used.add(mention.key)
        for mention in mentions:
            mention.town_usage = mention.key in used

    def _pair_nearby(self, mentions: list[_Mention]) -> None:
        """Mark each name's town and district readings that lie near a town or district reading of
        another name of the text: of the Lebanons and the Boone Counties, the two in Indiana."""
        cell = PAIR_KM / 111.0
        grid: dict[tuple[int, int], list[tuple[float, float, str, int]]] = {}
        points: list[tuple[_Mention, int, float, float]] = []
        for mention in mentions:
            readings = [(p, e.lat, e.lon) for p in set(mention.candidates)
                        if (e := self.gaz.entries[p]).lat is not None and e.lon is not None
                        and (e.fclass == "P" or e.fcode == "ADM2")]
            for p, lat, lon in readings:
                assert lat is not None and lon is not None
                points.append((mention, p, lat, lon))
                if len(readings) <= PAIR_MAX_READINGS:  # "Washington", "Franklin": near everything, place nothing
                    grid.setdefault((int(lat // cell), int(lon // cell)), []).append((lat, lon, mention.key, p))
        near: dict[int, set[int]] = {}
        for mention, p, lat, lon in points:
            row, col = int(lat // cell), int(lon // cell)
            if any(key != mention.key and other != p and _haversine_km(lat, lon, olat, olon) < PAIR_KM
                   for dr in (-1, 0, 1) for dc in (-1, 0, 1)
                   for olat, olon, key, other in grid.get((row + dr, col + dc), ())):
                near.setdefault(id(mention), set()).add(p)
        for mention in mentions:
            mention.near_others = frozenset(near.get(id(mention), ()))

    def _country_as_town(self, mention: _Mention, country: Entry, context: PlaceContext) -> bool:
        """A country's name the text uses as a town's, with a town of that name in a country the
        text is in: "Lebanon Police" in a report on Boone County, Indiana."""
        return mention.town_usage and any(
            (e := self.gaz.entries[p]).fclass == "P" and e.country and e.country != country.country
            and context.country_count(e.country, mention.key) > 0
            for p in mention.candidates
        )

    def _confine_parts(self, mentions: list[_Mention], choices: list[_Choice | None], text: str) -> list[_Choice | None]:
        """A part of a town or district ("Bom Jardim neighborhood", "Charka area of Maidan Shar district",
        "Colonia El Pedregal") lies inside the place it is "of"/"in", else inside the town the text
        named before it: a namesake elsewhere is not it, and an unknown part is filed at that place."""
        out = list(choices)
        order = sorted(range(len(mentions)), key=lambda k: mentions[k].start)  # text order
        ordered_mentions = [mentions[k] for k in order]
        for rank, i in enumerate(order):
            mention = mentions[i]
            current = out[i]
            if mention.site or (current is None and mention.hint != "part"):
                continue
            chosen = self.gaz.entries[current.position] if current is not None else None
            if mention.hint == "part":
                host = self._part_host(ordered_mentions, [out[k] for k in order], rank, text)
                if host is not None and chosen is not None and chosen.population >= LIST_CITY_POPULATION \
                        and fold(chosen.name) == mention.key and fold(mention.text).split()[0] not in \
                        self.gaz.part_prefixes and not self._host_after(ordered_mentions, rank, text):
                    continue  # "the Toronto area": the city itself, not a part of the town before it
            else:  # "Jamia Nagar, Delhi", "Desnianskyi district of Kyiv": a place of the town after it
                host = self._town_after(ordered_mentions, [out[k] for k in order], rank, text)
                if chosen is None or chosen.fclass != "P" or chosen.fcode == "PPLC" or (
                        chosen.population >= LIST_CITY_POPULATION and not mention.loose):
                    host = None  # "Kyiv, Moscow" is a list of cities
            if host is None:
                if mention.hint == "part" and mention.key in self.gaz.part_prefixes:
                    out[i] = None  # "Colonia" alone (NER cut "Colonia Centenario 2"): no name, no town for it
                continue
            inside = [p for p in mention.candidates if self._lies_in(p, host)]
            if current is not None and current.position in inside:
                continue
            position = max(inside, key=lambda p: self.gaz.entries[p].population) if inside else host
            host_index = self._index_of(out, host)
            host_choice = out[host_index] if host_index is not None else None
            out[i] = _Choice(position, 0.0, host_choice.confidence if host_choice else 0.5)
        return out

    @staticmethod
    def _index_of(choices: list[_Choice | None], position: int) -> int | None:
        return next((i for i, c in enumerate(choices) if c is not None and c.position == position), None)

    def _part_host(self, mentions: list[_Mention], choices: list[_Choice | None], i: int, text: str) -> int | None:
        """The place a part belongs to: the next name after "of"/"in"/"," right after it, else the
        nearest town or district named before it."""
        mention = mentions[i]
        following = choices[i + 1] if i + 1 < len(mentions) else None
        if following is not None:
            gap = text[mention.end : mentions[i + 1].start]
            if len(gap) <= PART_GAP_CHARS and PART_JOIN_RE.match(gap):
                return following.position
        for j in range(i - 1, -1, -1):
            choice = choices[j]
            if choice is None or mentions[j].hint == "part":
                continue
            entry = self.gaz.entries[choice.position]
            if entry.fclass == "P" or entry.fcode == "ADM2":
                return choice.position
        return None

    @staticmethod
    def _host_after(mentions: list[_Mention], i: int, text: str) -> bool:
        if i + 1 >= len(mentions):
            return False
        gap = text[mentions[i].end : mentions[i + 1].start]
        return len(gap) <= PART_GAP_CHARS and bool(PART_JOIN_RE.match(gap))

    def _town_after(self, mentions: list[_Mention], choices: list[_Choice | None], i: int, text: str) -> int | None:
        """The town a name is said to be in: "X, Delhi", "X district of Kyiv", "X in Tarinkot" (a town,
        not a division: "Sao Goncalo, Rio de Janeiro" names the state)."""
        following = choices[i + 1] if i + 1 < len(mentions) else None
        if following is None:
            return None
        after = mentions[i + 1]
        gap = text[mentions[i].end : after.start]
        if len(gap) > PART_GAP_CHARS or not PART_JOIN_RE.match(gap):
            return None
        host = self.gaz.entries[following.position]
        # a capital or a city of a million with no division of its name: "Tunceli", "Aleppo" and
        # "Maharajganj" are also their provinces and districts
        if host.fcode != "PPLC" and (host.fclass != "P" or host.population < BIG_CITY_POPULATION or any(
                self._other_area(self.gaz.entries[p], host) for p in after.candidates)):
            return None
        return following.position

    @staticmethod
    def _other_area(entry: Entry, town: Entry) -> bool:
        """A division of the town's name that is more than the town ("Aleppo" governorate), not the
        city's own district ("Quezon City")."""
        if entry.fcode not in AREA_CODES:
            return False
        if entry.fcode != "ADM2" or entry.lat is None or entry.lon is None or town.lat is None or town.lon is None:
            return True
        return _haversine_km(entry.lat, entry.lon, town.lat, town.lon) > CITY_DISTRICT_KM

    def _lies_in(self, position: int, host: int) -> bool:
        entry, wide = self.gaz.entries[position], self.gaz.entries[host]
        if position == host or entry.lat is None or wide.lat is None or entry.lon is None or wide.lon is None:
            return position == host
        if wide.fcode in ("PCLI", "ADM1"):
            return entry.country == wide.country and (wide.fcode == "PCLI" or entry.admin1_code == wide.admin1_code)
        return _haversine_km(entry.lat, entry.lon, wide.lat, wide.lon) <= PART_KM

    def _plausible_choice(self, mention: _Mention, choice: _Choice | None, context: PlaceContext) -> _Choice | None:
        """Drop a look-alike spelling ("Kondengui" ~ "Kandoeng") in a country the text never names."""
        if choice is None:
            return None
        entry = self.gaz.entries[choice.position]
        if mention.loose and (not entry.country or context.country_count(entry.country, mention.key) <= 0) \
                and (entry.population < LOOSE_FREE_POPULATION
                     or any(context.country_count(c, mention.key) > 0 for c in context.countries)):
            return None  # a big look-alike ("Quamishli") only where the text names no country at all
        if mention.loose and entry.fclass == "P" and entry.country and entry.admin1 \
                and context.admin1_count((entry.country, entry.admin1), mention.key) <= 0 \
                and any(c == entry.country and context.admin1_count((c, a), mention.key) > 0
                        for c, a in context.admin1s):
            return None  # "Harwinton" in a report on Connecticut is no look-alike town of another state
        if self._stray_namesake(mention, entry, context):
            return None
        return choice

    def _stray_namesake(self, mention: _Mention, entry: Entry, context: PlaceContext) -> bool:
        """A small town abroad, in a text that is elsewhere: "protested ... in Los Angeles cemetery" in a
        report on Tegucigalpa, "Colonia El Pedregal" (Guerrero) in one on Quintana Roo: a neighbourhood,
        square or cemetery of the report's own town that the gazetteer lacks, not the namesake abroad."""
        if entry.fclass != "P" or entry.fcode == "PPLC" or entry.population >= STRAY_MAX_POPULATION or mention.site:
            return False
        if mention.qualifiers or not entry.country:
            return False
        if context.country_count(entry.country, mention.key) > 0 or entry.lat is None or entry.lon is None:
            return False
        if not any(context.country_count(c, mention.key) > 0 for c in context.place_countries if c != entry.country):
            return False
        # far from every clearly placed town of the text ("two in London [Ontario], then two in Erie" stays)
        points = [(lat, lon) for lat, lon, key in context.points if key != mention.key]
        return all(_haversine_km(entry.lat, entry.lon, lat, lon) > STRAY_KM for lat, lon in points)

    def _context_of(
        self, mentions: list[_Mention], choices: list[_Choice | None], prior: PlaceContext, rivals: bool
    ) -> PlaceContext:
        context = PlaceContext(countries=Counter(prior.countries), admin1s=Counter(prior.admin1s),
                               points=list(prior.points))
        for mention, choice in zip(mentions, choices, strict=True):
            if choice is not None and choice.confidence < CLEAR_CONFIDENCE and not mention.loose:
                # "al-Hasakeh": the city or the province, but surely Syria
                countries = {self.gaz.entries[p].country for p in mention.candidates}
                if len(countries) == 1 and None not in countries:
                    (country,) = countries
                    assert country is not None
                    context.countries[country] += 1
                    context.place_countries[country] += 1
                    context.own[(mention.key, country)] += 1
                continue
            if choice is None or choice.confidence < CLEAR_CONFIDENCE or (not rivals and self._rival_areas(mention)):
                continue
            entry = self.gaz.entries[choice.position]
            if entry.country:
                context.countries[entry.country] += 1
                if entry.fcode != "PCLI":  # a town or division there, not a country named or a demonym
                    context.place_countries[entry.country] += 1
                context.own[(mention.key, entry.country)] += 1
            if entry.admin1 and entry.country and entry.fcode != "PCLI":
                context.admin1s[(entry.country, entry.admin1)] += 1
                context.own[(mention.key, (entry.country, entry.admin1))] += 1
            if entry.lat is not None and entry.lon is not None and entry.fcode not in ("PCLI", "ADM1"):
                context.points.append((entry.lat, entry.lon, mention.key))
        return context

    def _choose(self, mention: _Mention, context: PlaceContext) -> _Choice | None:
        if not mention.candidates:
            return None
        scored = sorted(((self._score(mention, p, context), p) for p in set(mention.candidates)), reverse=True)
        best, position = scored[0]
        margin = best - scored[1][0] if len(scored) > 1 else 5.0
        return _Choice(position, best, round(1.0 / (1.0 + math.exp(-margin)), 3))

    def _score(self, mention: _Mention, position: int, context: PlaceContext) -> float:
        entry = self.gaz.entries[position]
        countries = context.country_count(entry.country, mention.key) if entry.country else 0
        score = 0.75 * math.log10(entry.population + 10)
        if entry.site_id:
            score += 6.0  # named with its kind word: "Balad air base"
        elif entry.fcode == "PCLI":
            score += 4.0
            if self._country_as_town(mention, entry, context):
                score -= COUNTRY_AS_TOWN_PENALTY
        elif entry.fcode == "ADM1":
            score += 1.5 if mention.hint != "city" else -1.0
            if mention.hint == "admin1":
                score += 3.0
            elif self._has_same_named_city(mention, entry):
                score -= 2.0  # "Baghdad" is the city unless the text says "province"
        elif entry.fcode == "ADM2":
            score += {"admin2": 3.0, "city": -1.0, "admin1": -0.5}.get(mention.hint or "", 0.0)
            if mention.hint != "admin2" and self._has_same_named_city(mention, entry):
                score -= 2.0  # "Juiz de Fora" is the town unless the text says "district"
        elif mention.hint in ("admin1", "admin2"):
            score -= 1.0
        if mention.loose and countries <= 0:
            score -= 1.0  # a look-alike spelling counts only where the text already is
        in_admin1 = bool(entry.country and entry.admin1
                         and context.admin1_count((entry.country, entry.admin1), mention.key) > 0)
        if position in mention.bare_counties and not in_admin1:
            return -10.0  # a bare county name only in the text's own state
        if entry.fcode == "PPLC" or (entry.population >= 1_000_000 and entry.fclass == "P"):
            score += 1.5  # capitals and world cities are known without context
        if fold(entry.name) in name_variants(mention.key) or mention.key in name_variants(fold(entry.name)):
            score += 0.5
        if countries > 0:
            score += 2.5 + 0.25 * min(countries - 1, 2)
        if entry.country and entry.admin1 and context.admin1_count((entry.country, entry.admin1), mention.key) > 0:
            score += ADMIN1_CONTEXT
        if entry.lat is not None and entry.lon is not None and any(
            key != mention.key and _haversine_km(entry.lat, entry.lon, lat, lon) < NEARBY_KM
            for lat, lon, key in context.points
        ):
            score += 1.0
        if position in mention.near_others and countries > 0 and entry.population < STRAY_MAX_POPULATION:
            score += PAIR_BONUS  # small namesakes in the text's country, not "Manchester" beside "Colchester"
        for qualifier in (self.gaz.entries[q] for q in mention.qualifiers):
            if entry.country == qualifier.country and (qualifier.fcode == "PCLI" or entry.admin1 == qualifier.admin1):
                score += 6.0
                break
        return score

    def _rival_areas(self, mention: _Mention) -> bool:
        """Two countries or divisions of different countries share the name ("Georgia"): never clear."""
        countries = {self.gaz.entries[p].country for p in mention.candidates if self.gaz.entries[p].fclass == "A"}
        return len(countries) > 1

    def _has_same_named_city(self, mention: _Mention, division: Entry) -> bool:
        """A town of the division's name in it, or the country's capital ("Washington" is the
        capital unless the text says "state" or is about the state)."""
        return any(
            (e := self.gaz.entries[p]).fclass == "P" and e.country == division.country
            and (e.admin1 == division.admin1 or e.fcode == "PPLC")
            for p in mention.candidates
        )

    def _place(self, mention: _Mention, choice: _Choice) -> Place:
        entry = self.gaz.entries[choice.position]
        return Place(
            start=mention.start, end=mention.end, text=mention.text, name=entry.name,
            geonames_id=entry.geonames_id, country=entry.country, admin1=entry.admin1,
            lat=entry.lat, lon=entry.lon, feature_class=entry.fclass,
            feature_code=entry.site_id if entry.site_id else entry.fcode,
            population=entry.population or None, score=choice.confidence,
        )

    # ---- relations --------------------------------------------------------------------------
    def _attach_relations(self, places: list[Place], text: str, doc: Doc) -> list[Place]:
        sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else [(0, len(text))]

        def sentence_of(offset: int) -> tuple[int, int]:
            return next(((s, e) for s, e in sentences if s <= offset < e), (0, len(text)))

        relations: dict[int, PlaceRelation] = {}
        for match in DISTANCE_RE.finditer(text):
            sent_start, sent_end = sentence_of(match.start())
            anchor_index = next(
                (i for i, p in enumerate(places) if match.end() <= p.start <= match.end() + ANCHOR_GAP_CHARS and p.start < sent_end),
                None,
            )
            if anchor_index is None:
                continue
            anchor = places[anchor_index]
            distance = _number(match.group("num"))
            km = distance * KM_PER_MILE if distance is not None and match.group("unit").lower().startswith("mi") else distance
            relation = PlaceRelation(
                distance_km=round(km, 1) if km is not None else None,
                direction=_compass(match.group("dir")) if match.group("dir") else None,
                anchor=anchor.text, anchor_geonames_id=anchor.geonames_id,
                text=text[match.start() : anchor.end],
            )
            described = next(
                (i for i in range(anchor_index - 1, -1, -1)
                 if places[i].start >= sent_start and DESCRIBED_GAP_RE.match(text[places[i].end : match.start()])),
                anchor_index,
            )
            relations.setdefault(described, relation)
        for i, place in enumerate(places):
            if i in relations:
                continue
            sent_start, _ = sentence_of(place.start)
            side = SIDE_BEFORE_RE.search(text[max(sent_start, place.start - 60) : place.start])
            if side:
                relations[i] = PlaceRelation(
                    direction=_compass(side.group("dir")), anchor=place.text, anchor_geonames_id=place.geonames_id,
                    text=text[place.start - len(side.group(0)) : place.end],
                )
                continue
            near = NEAR_BEFORE_RE.search(text[max(sent_start, place.start - 45) : place.start])
            if near:
                relations[i] = PlaceRelation(
                    direction=_compass(near.group("dir")) if near.group("dir") else "near",
                    anchor=place.text, anchor_geonames_id=place.geonames_id,
                    text=text[place.start - len(near.group(0)) : place.end],
                )
        return [p.model_copy(update={"relation": relations[i]}) if i in relations else p for i, p in enumerate(places)]


# what joins a place to the wider one that holds it: "Quamishli city in al-Hasakeh",
# "Kerawa village, Kolofata subdivision (Mayo-Sava, Extreme-Nord)", "Tijuana, Baja California"
_CONTAINED_GAP = re.compile(r"^(?:\s+[a-z]+)?\s*(?:,|\(|,?\s+in|,?\s+of)\s*(?:the\s+)?(?:[a-z]+\s+of\s+)?$")
CONTAINER_GAP_CHARS = 80


def entity_pieces(ent: Span) -> list[Span]:
    """An entity cut at its commas, parentheses and "in": spaCy's small model often tags
    "Alagoinha, Pernambuco" or "the Spanish Consulate in Tangier (Tangier" as one entity; each piece
    keeps the entity's label."""
    if not any(tok.text in _ENTITY_BREAKS for tok in ent):
        return [ent]
    doc = ent.doc
    pieces: list[Span] = []
    start = ent.start
    for i in range(ent.start, ent.end + 1):
        if i == ent.end or doc[i].text in _ENTITY_BREAKS:
            if i > start:
                pieces.append(Span(doc, start, i, label=ent.label_))
            start = i + 1
    return pieces


def container_starts(places: list[Place], text: str) -> set[int]:
    """Starts of the places that only say where another, smaller place before them lies."""
    out: set[int] = set()
    ordered = sorted(places, key=lambda p: p.start)
    for place in ordered:
        wider = place.feature_class == "A"
        for inner in ordered:
            if inner.end > place.start or place.start - inner.end > CONTAINER_GAP_CHARS:
                continue
            gap = text[inner.end : place.start]
            in_parens = "(" in gap and ")" not in gap
            if (in_parens or _CONTAINED_GAP.match(gap)) and (wider or (place.population or 0) > (inner.population or 0)):
                out.add(place.start)
                break
    return out
