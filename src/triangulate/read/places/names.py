"""Looking a written name up in the gazetteer: its candidates, look-alike spellings and kind words."""

from __future__ import annotations

import re

from spacy.tokens import Span

from triangulate.read.gazetteer import Gazetteer, fold, name_variants, skeleton
from triangulate.read.places.model import Mention

AREA_CODES = ("PCLI", "ADM1", "ADM2")
# lower-case words inside place names: "Juiz de Fora", "Ras al Ain"
NAME_CONNECTORS = frozenset({
    "al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "de", "da", "do", "dos", "das", "del", "la", "le",
    "les", "du", "des", "di", "bin", "ibn", "abu", "of", "y", "e",
})
MAX_LOOSE_CANDIDATES = 40
DIRECTION_ADJECTIVES = frozenset({
    "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
    "northeastern", "northwestern", "southeastern", "southwestern", "upper", "lower",
})
STREET_WORDS = frozenset({
    "street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "drive", "dr", "lane", "ln", "way",
    "court", "ct", "place", "pl", "parkway", "pkwy", "highway", "hwy", "terrace", "circle",
})
LIST_CITY_POPULATION = 100_000  # a name this big elsewhere, not inside the division after it, is a list item


def street_after(span: Span) -> bool:
    """ "2517 Memphis St.", "County Road 35": a street's name, not the town's."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return (nxt is not None and nxt.lower_.rstrip(".") in STREET_WORDS) or span[-1].lower_.rstrip(".") in STREET_WORDS


def name_candidates(gaz: Gazetteer, text: str) -> tuple[str, list[int], str | None]:
    """Folded key, candidate positions and a feature hint for a name as written."""
    key = fold(re.sub(r"(?:['’]s|['’])$", "", text.strip()))
    if key.startswith("the "):
        key = key[4:]
    hint: str | None = None
    for attempt in range(3):
        for variant in (key, *sorted(name_variants(key) - {key})):
            found = gaz.names.get(variant)
            if found:
                return variant, list(found), hint
        words = key.split()
        if len(words) < 2 or attempt == 2:
            break
        if words[-1] in gaz.keep_words:
            break  # "Jordan River" is not Jordan
        if words[-1] in gaz.part_words:
            key, hint = " ".join(words[:-1]), "part"
        elif words[0] in gaz.part_prefixes:
            key, hint = " ".join(words[1:]), "part"
        elif words[-1] in gaz.admin1_words:
            key, hint = " ".join(words[:-1]), "admin1"
        elif words[-1] in gaz.admin2_words:
            key, hint = " ".join(words[:-1]), "admin2"
        elif words[-1] in gaz.city_words:
            key, hint = " ".join(words[:-1]), "city"
        elif words[0] in DIRECTION_ADJECTIVES:
            key = " ".join(words[1:])
        else:
            break
    return key, [], hint


def loose_candidates(gaz: Gazetteer, key: str) -> list[int]:
    """Entries spelled alike ("Shadadah" ~ "Ash Shaddadah"): same skeleton, same first letter."""
    loose = skeleton(key)
    found = gaz.loose.get(loose, ()) if len(loose) >= 4 else ()
    if not 0 < len(found) <= MAX_LOOSE_CANDIDATES:
        return []
    first = loose[0]
    return [p for p in found if any(
        skeleton(variant)[:1] == first and abs(len(variant) - len(key)) <= 3
        for variant in name_variants(fold(gaz.entries[p].name))
    )]


def mention_for_text(gaz: Gazetteer, start: int, end: int, text: str, demonyms: bool = False, loose: bool = False
) -> Mention | None:
    """Candidates for a name; with `demonyms`, a given toponym "Egyptian" stands for its country;
    with `loose`, a name no spelling matches is looked up by its consonant skeleton."""
    folded = fold(text.strip()).removeprefix("the ")
    site = gaz.site_phrases.get(folded)
    if site:
        return Mention(start, end, text, folded, list(site), site=True)
    if demonyms:
        iso = gaz.demonyms.get(folded) or gaz.demonyms.get(folded.removesuffix("s"))
        if iso and iso in gaz.country_entry:
            return Mention(start, end, text, folded, [gaz.country_entry[iso]])
    key, candidates, hint = name_candidates(gaz, text)
    if not candidates and loose and len(key) >= 4:
        found = loose_candidates(gaz, key)
        if found:
            return Mention(start, end, text, key, found, hint=hint, loose=True)
    if not candidates:
        return None
    mention = Mention(start, end, text, key, candidates, hint=hint)
    if hint is None and not key.endswith(" county"):
        # "Barrow", "Clarke": a county of the text's state named without its kind word
        mention.bare_counties = [p for p in gaz.names.get(f"{key} county", ())
                                 if gaz.entries[p].fcode == "ADM2" and p not in candidates]
        mention.candidates = candidates + mention.bare_counties
    return mention


def holds(gaz: Gazetteer, area: int, position: int) -> bool:
    wide, entry = gaz.entries[area], gaz.entries[position]
    return position != area and entry.country == wide.country and (
        wide.fcode == "PCLI" or entry.admin1_code == wide.admin1_code)


def kind_words(gaz: Gazetteer) -> frozenset[str]:
    return gaz.city_words | gaz.admin1_words | gaz.admin2_words | gaz.part_words


def kind_hint(gaz: Gazetteer, word: str) -> str:
    if word in gaz.admin1_words:
        return "admin1"
    return "admin2" if word in gaz.admin2_words else "city"
