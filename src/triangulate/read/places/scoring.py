"""Telling same-named places apart: the document's context, the passes and each reading's score."""

from __future__ import annotations

import math
import re
from collections import Counter
from urllib.parse import urlsplit

from spacy.tokens import Doc

from triangulate.base.geo import haversine_km
from triangulate.read.gazetteer import Entry, Gazetteer, fold, name_variants
from triangulate.read.places.model import Choice, Mention, PlaceContext
from triangulate.read.places.names import DIRECTION_ADJECTIVES, STREET_WORDS
from triangulate.read.places.parts import confine_parts
from triangulate.read.tokens import token_table
from triangulate.records import Document, Place

NEARBY_KM = 300.0
LOOSE_FREE_POPULATION = 50_000  # "Quamishli" ~ Qamishli: a look-alike this big counts without context
STRAY_MAX_POPULATION = 100_000
STRAY_KM = 1_500.0
STRAY_CAPITAL_POPULATION = 10_000
CLEAR_CONFIDENCE = 0.7  # a first-pass reading this clear (margin ~0.85) becomes context
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
ADMIN1_CONTEXT = 2.0  # the text's division: "Dublin" in a report on Laurens County, Georgia
FAR_AREA_PENALTY = 1.5  # a province abroad, far from all the text's places, in a country it never names


def prior_context(gaz: Gazetteer, doc: Doc, document: Document) -> PlaceContext:
    """What the text tells before its places are read: the countries of its demonyms, and the
    country of its outlet when the address has a country-code domain ("lfpress.ca": "London" is
    more likely Ontario's). A town in the site's name ("columbuslocalnews.com") was measured and
    left out (LGL first half -0.1 point)."""
    prior = PlaceContext(countries=document_countries(gaz, doc))
    url = document.url or ""
    host: str = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    labels = [label for label in host.lower().split(".") if label and label != "www"]
    if len(labels) < 2:
        return prior
    country = DOMAIN_COUNTRIES.get(labels[-1], labels[-1].upper() if len(labels[-1]) == 2 else None)
    if country and country not in gaz.country_entry:
        country = None
    if country:
        prior.countries[country] += 1
    return prior


def document_countries(gaz: Gazetteer, doc: Doc) -> Counter[str]:
    """Countries the text names through demonyms ("Iraqi", "Syrians")."""
    countries: Counter[str] = Counter()
    for word in token_table(doc).text:
        if not word[:1].isupper():
            continue
        low = fold(word)
        iso = gaz.demonyms.get(low) or (gaz.demonyms.get(low[:-1]) if low.endswith("s") else None)
        if iso:
            countries[iso] += 1
    return countries


def list_kinds(gaz: Gazetteer, mentions: list[Mention], text: str) -> None:
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
                mention.bare_counties = [p for p in gaz.names.get(f"{mention.key} county", ())
                                         if gaz.entries[p].fcode == "ADM2" and p not in mention.candidates]
                mention.candidates = mention.candidates + mention.bare_counties
            mention.bare_counties = [] if hint == "admin2" else mention.bare_counties  # told, not guessed


def resolve_all(gaz: Gazetteer, mentions: list[Mention], prior: PlaceContext | None = None, text: str = ""
) -> list[Choice | None]:
    """Three passes: the clear readings (no rival countries) make the context of the second; the
    second pass's clear readings, now with "Georgia" and "Jordan" settled by it, that of the last.
    `prior` is what the text tells before its places are read (`_prior`)."""
    prior = prior or PlaceContext()
    if text:
        list_kinds(gaz, mentions, text)
        mark_town_usage(gaz, mentions, text)
        pair_nearby(gaz, mentions)
    first = context_of(gaz, [], [], prior, rivals=False)
    choices = [choose(gaz, m, first) for m in mentions]
    context = context_of(gaz, mentions, choices, prior, rivals=False)
    choices = [choose(gaz, m, context) for m in mentions]
    context = context_of(gaz, mentions, choices, prior, rivals=True)
    final = [plausible_choice(gaz, m, choose(gaz, m, context), context) for m in mentions]
    return confine_parts(gaz, mentions, final, text)


def mark_town_usage(gaz: Gazetteer, mentions: list[Mention], text: str) -> None:
    """Mark the names the text uses as a local town's anywhere ("Lebanon Police", "a Jordan
    resident", "508 Cumberland St., Lebanon"); every mention of such a name is marked."""
    words = gaz.town_after_words
    used: set[str] = set()
    for mention in mentions:
        after = WORD_AFTER_RE.match(text, mention.end)
        if (after is not None and after.group(1).lower() in words) \
                or TOWN_BEFORE_RE.search(text, max(0, mention.start - TOWN_BEFORE_CHARS), mention.start):
            used.add(mention.key)
    for mention in mentions:
        mention.town_usage = mention.key in used


def pair_nearby(gaz: Gazetteer, mentions: list[Mention]) -> None:
    """Mark each name's town and district readings that lie near a town or district reading of
    another name of the text: of the Lebanons and the Boone Counties, the two in Indiana."""
    cell = PAIR_KM / 111.0
    grid: dict[tuple[int, int], list[tuple[float, float, str, int]]] = {}
    points: list[tuple[Mention, int, float, float]] = []
    for mention in mentions:
        readings = [(p, e.lat, e.lon) for p in set(mention.candidates)
                    if (e := gaz.entries[p]).lat is not None and e.lon is not None
                    and (e.fclass == "P" or e.fcode == "ADM2")]
        for p, lat, lon in readings:
            assert lat is not None and lon is not None
            points.append((mention, p, lat, lon))
            if len(readings) <= PAIR_MAX_READINGS:  # "Washington", "Franklin": near everything, place nothing
                grid.setdefault((int(lat // cell), int(lon // cell)), []).append((lat, lon, mention.key, p))
    near: dict[int, set[int]] = {}
    for mention, p, lat, lon in points:
        row, col = int(lat // cell), int(lon // cell)
        if any(key != mention.key and other != p and haversine_km(lat, lon, olat, olon) < PAIR_KM
               for dr in (-1, 0, 1) for dc in (-1, 0, 1)
               for olat, olon, key, other in grid.get((row + dr, col + dc), ())):
            near.setdefault(id(mention), set()).add(p)
    for mention in mentions:
        mention.near_others = frozenset(near.get(id(mention), ()))


def country_as_town(gaz: Gazetteer, mention: Mention, country: Entry, context: PlaceContext) -> bool:
    """A country's name the text uses as a town's, with a town of that name in a country the
    text is in: "Lebanon Police" in a report on Boone County, Indiana."""
    return mention.town_usage and any(
        (e := gaz.entries[p]).fclass == "P" and e.country and e.country != country.country
        and context.country_count(e.country, mention.key) > 0
        for p in mention.candidates
    )


def plausible_choice(gaz: Gazetteer, mention: Mention, choice: Choice | None, context: PlaceContext) -> Choice | None:
    """Drop a look-alike spelling ("Kondengui" ~ "Kandoeng") in a country the text never names."""
    if choice is None:
        return None
    entry = gaz.entries[choice.position]
    if mention.loose and (not entry.country or context.country_count(entry.country, mention.key) <= 0) \
            and (entry.population < LOOSE_FREE_POPULATION
                 or any(context.country_count(c, mention.key) > 0 for c in context.countries)):
        return None  # a big look-alike ("Quamishli") only where the text names no country at all
    if mention.loose and entry.fclass == "P" and entry.country and entry.admin1 \
            and context.admin1_count((entry.country, entry.admin1), mention.key) <= 0 \
            and any(c == entry.country and context.admin1_count((c, a), mention.key) > 0
                    for c, a in context.admin1s):
        return None  # "Harwinton" in a report on Connecticut is no look-alike town of another state
    if mention.key in DIRECTION_ADJECTIVES and not mention.qualifiers \
            and (not entry.country or context.country_count(entry.country, mention.key) <= 0):
        return None  # "the North" (of Korea): a compass word names a division only of a country the text names
    if stray_namesake(mention, entry, context):
        return None
    return choice


def stray_namesake(mention: Mention, entry: Entry, context: PlaceContext) -> bool:
    """A small town abroad, in a text that is elsewhere: "protested ... in Los Angeles cemetery" in a
    report on Tegucigalpa, "Colonia El Pedregal" (Guerrero) in one on Quintana Roo: a neighbourhood,
    square or cemetery of the report's own town that the gazetteer lacks, not the namesake abroad."""
    # a capital is no stray, unless it is a hamlet of a few thousand ("The Valley", Anguilla, in "the Valley" of
    # Kashmir)
    capital = entry.fcode == "PPLC" and entry.population >= STRAY_CAPITAL_POPULATION
    if entry.fclass != "P" or capital or entry.population >= STRAY_MAX_POPULATION or mention.site:
        return False
    if mention.qualifiers or not entry.country:
        return False
    if context.country_count(entry.country, mention.key) > 0 or entry.lat is None or entry.lon is None:
        return False
    if not any(context.country_count(c, mention.key) > 0 for c in context.place_countries if c != entry.country):
        return False
    # far from every clearly placed town of the text ("two in London [Ontario], then two in Erie" stays)
    points = [(lat, lon) for lat, lon, key in context.points if key != mention.key]
    return all(haversine_km(entry.lat, entry.lon, lat, lon) > STRAY_KM for lat, lon in points)


def context_of(gaz: Gazetteer, mentions: list[Mention], choices: list[Choice | None], prior: PlaceContext, rivals: bool
) -> PlaceContext:
    context = PlaceContext(countries=Counter(prior.countries), admin1s=Counter(prior.admin1s),
                           points=list(prior.points))
    for mention, choice in zip(mentions, choices, strict=True):
        if choice is not None and choice.confidence < CLEAR_CONFIDENCE and not mention.loose:
            # "al-Hasakeh": the city or the province, but surely Syria
            countries = {gaz.entries[p].country for p in mention.candidates}
            if len(countries) == 1 and None not in countries:
                (country,) = countries
                assert country is not None
                context.countries[country] += 1
                context.place_countries[country] += 1
                context.own[(mention.key, country)] += 1
            continue
        if choice is None or choice.confidence < CLEAR_CONFIDENCE or (not rivals and rival_areas(gaz, mention)):
            continue
        entry = gaz.entries[choice.position]
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
    # each point once: a name told a thousand times is one place, and every candidate is measured against
    # every point (the text's length squared, else)
    context.points = list(dict.fromkeys(context.points))
    return context


def choose(gaz: Gazetteer, mention: Mention, context: PlaceContext) -> Choice | None:
    if not mention.candidates:
        return None
    scored = sorted(((score_reading(gaz, mention, p, context), p) for p in set(mention.candidates)), reverse=True)
    best, position = scored[0]
    margin = best - scored[1][0] if len(scored) > 1 else 5.0
    return Choice(position, best, round(1.0 / (1.0 + math.exp(-margin)), 3))


def score_reading(gaz: Gazetteer, mention: Mention, position: int, context: PlaceContext) -> float:
    entry = gaz.entries[position]
    countries = context.country_count(entry.country, mention.key) if entry.country else 0
    score = 0.75 * math.log10(entry.population + 10)
    if entry.site_id:
        score += 6.0  # named with its kind word: "Balad air base"
    elif entry.fcode == "PCLI":
        score += 4.0
        if country_as_town(gaz, mention, entry, context):
            score -= COUNTRY_AS_TOWN_PENALTY
    elif entry.fcode == "ADM1":
        score += 1.5 if mention.hint != "city" else -1.0
        if mention.hint == "admin1":
            score += 3.0
        elif has_same_named_city(gaz, mention, entry):
            score -= 2.0  # "Baghdad" is the city unless the text says "province"
    elif entry.fcode == "ADM2":
        score += {"admin2": 3.0, "city": -1.0, "admin1": -0.5}.get(mention.hint or "", 0.0)
        if mention.hint != "admin2" and has_same_named_city(gaz, mention, entry):
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
        key != mention.key and haversine_km(entry.lat, entry.lon, lat, lon) < NEARBY_KM
        for lat, lon, key in context.points
    ):
        score += 1.0
    if far_area(gaz, mention, entry, context, countries):
        score -= FAR_AREA_PENALTY
    if position in mention.near_others and countries > 0 and entry.population < STRAY_MAX_POPULATION:
        score += PAIR_BONUS  # small namesakes in the text's country, not "Manchester" beside "Colchester"
    for qualifier in (gaz.entries[q] for q in mention.qualifiers):
        if entry.country == qualifier.country and (qualifier.fcode == "PCLI" or entry.admin1 == qualifier.admin1):
            score += 6.0
            break
    return score


def far_area(gaz: Gazetteer, mention: Mention, entry: Entry, context: PlaceContext, countries: int) -> bool:
    """A province of a country the text never names, far from every place and country the text clearly
    has: "Gaza" beside Israel and the United States is not Mozambique's Gaza province."""
    if entry.fcode not in ("ADM1", "ADM2") or countries > 0 or entry.lat is None or entry.lon is None:
        return False
    points = [(lat, lon) for lat, lon, key in context.points if key != mention.key]
    for country in context.countries:
        position = gaz.country_entry.get(country)
        known = gaz.entries[position] if position is not None else None
        if known is not None and known.lat is not None and known.lon is not None:
            points.append((known.lat, known.lon))
    return bool(points) and all(haversine_km(entry.lat, entry.lon, lat, lon) > STRAY_KM for lat, lon in points)


def rival_areas(gaz: Gazetteer, mention: Mention) -> bool:
    """Two countries or divisions of different countries share the name ("Georgia"): never clear."""
    countries = {gaz.entries[p].country for p in mention.candidates if gaz.entries[p].fclass == "A"}
    return len(countries) > 1


def has_same_named_city(gaz: Gazetteer, mention: Mention, division: Entry) -> bool:
    """A town of the division's name in it, or the country's capital ("Washington" is the
    capital unless the text says "state" or is about the state)."""
    return any(
        (e := gaz.entries[p]).fclass == "P" and e.country == division.country
        and (e.admin1 == division.admin1 or e.fcode == "PPLC")
        for p in mention.candidates
    )


def to_place(gaz: Gazetteer, mention: Mention, choice: Choice) -> Place:
    entry = gaz.entries[choice.position]
    return Place(
        start=mention.start, end=mention.end, text=mention.text, name=entry.name,
        geonames_id=entry.geonames_id, country=entry.country, admin1=entry.admin1,
        lat=entry.lat, lon=entry.lon, feature_class=entry.fclass,
        feature_code=entry.site_id if entry.site_id else entry.fcode,
        population=entry.population or None, score=choice.confidence,
    )
