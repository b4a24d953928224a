"""Parts of towns: a neighbourhood or district kept inside the town or district it is "of"."""

from __future__ import annotations

import re

from triangulate.base.geo import haversine_km
from triangulate.read.gazetteer import Entry, Gazetteer, fold
from triangulate.read.places.model import Choice, Mention
from triangulate.read.places.names import AREA_CODES, LIST_CITY_POPULATION

CITY_DISTRICT_KM = 10.0  # a district of a city's name whose point is this near is the city itself
BIG_CITY_POPULATION = 1_000_000  # a city whose neighbourhoods news name: "Jamia Nagar, Delhi"
PART_KM = 30.0  # a neighbourhood or area lies this near its town or district's point
PART_GAP_CHARS = 40
PART_JOIN_RE = re.compile(r"^(?:\s+[a-z]+)?\s*(?:,|\s+of|\s+in)\s+(?:the\s+)?(?:(?:city|town|district|village)\s+of\s+)?$")


def confine_parts(gaz: Gazetteer, mentions: list[Mention], choices: list[Choice | None], text: str) -> list[Choice | None]:
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
        chosen = gaz.entries[current.position] if current is not None else None
        if mention.hint == "part":
            host = part_host(gaz, ordered_mentions, [out[k] for k in order], rank, text)
            if host is not None and chosen is not None and chosen.population >= LIST_CITY_POPULATION \
                    and fold(chosen.name) == mention.key and fold(mention.text).split()[0] not in \
                    gaz.part_prefixes and not host_after(ordered_mentions, rank, text):
                continue  # "the Toronto area": the city itself, not a part of the town before it
        else:  # "Jamia Nagar, Delhi", "Desnianskyi district of Kyiv": a place of the town after it
            host = town_after(gaz, ordered_mentions, [out[k] for k in order], rank, text)
            if chosen is None or chosen.fclass != "P" or chosen.fcode == "PPLC" or (
                    chosen.population >= LIST_CITY_POPULATION and not mention.loose):
                host = None  # "Kyiv, Moscow" is a list of cities
        if host is None:
            if mention.hint == "part" and mention.key in gaz.part_prefixes:
                out[i] = None  # "Colonia" alone (NER cut "Colonia Centenario 2"): no name, no town for it
            continue
        inside = [p for p in mention.candidates if lies_in(gaz, p, host)]
        if current is not None and current.position in inside:
            continue
        position = max(inside, key=lambda p: gaz.entries[p].population) if inside else host
        host_index = index_of(out, host)
        host_choice = out[host_index] if host_index is not None else None
        out[i] = Choice(position, 0.0, host_choice.confidence if host_choice else 0.5)
    return out


def index_of(choices: list[Choice | None], position: int) -> int | None:
    return next((i for i, c in enumerate(choices) if c is not None and c.position == position), None)


def part_host(gaz: Gazetteer, mentions: list[Mention], choices: list[Choice | None], i: int, text: str) -> int | None:
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
        entry = gaz.entries[choice.position]
        if entry.fclass == "P" or entry.fcode == "ADM2":
            return choice.position
    return None


def host_after(mentions: list[Mention], i: int, text: str) -> bool:
    if i + 1 >= len(mentions):
        return False
    gap = text[mentions[i].end : mentions[i + 1].start]
    return len(gap) <= PART_GAP_CHARS and bool(PART_JOIN_RE.match(gap))


def town_after(gaz: Gazetteer, mentions: list[Mention], choices: list[Choice | None], i: int, text: str) -> int | None:
    """The town a name is said to be in: "X, Delhi", "X district of Kyiv", "X in Tarinkot" (a town,
    not a division: "Sao Goncalo, Rio de Janeiro" names the state)."""
    following = choices[i + 1] if i + 1 < len(mentions) else None
    if following is None:
        return None
    after = mentions[i + 1]
    gap = text[mentions[i].end : after.start]
    if len(gap) > PART_GAP_CHARS or not PART_JOIN_RE.match(gap):
        return None
    host = gaz.entries[following.position]
    # a capital or a city of a million with no division of its name: "Tunceli", "Aleppo" and
    # "Maharajganj" are also their provinces and districts
    if host.fcode != "PPLC" and (host.fclass != "P" or host.population < BIG_CITY_POPULATION or any(
            other_area(gaz.entries[p], host) for p in after.candidates)):
        return None
    return following.position


def other_area(entry: Entry, town: Entry) -> bool:
    """A division of the town's name that is more than the town ("Aleppo" governorate), not the
    city's own district ("Quezon City")."""
    if entry.fcode not in AREA_CODES:
        return False
    if entry.fcode != "ADM2" or entry.lat is None or entry.lon is None or town.lat is None or town.lon is None:
        return True
    return haversine_km(entry.lat, entry.lon, town.lat, town.lon) > CITY_DISTRICT_KM


def lies_in(gaz: Gazetteer, position: int, host: int) -> bool:
    entry, wide = gaz.entries[position], gaz.entries[host]
    if position == host or entry.lat is None or wide.lat is None or entry.lon is None or wide.lon is None:
        return position == host
    if wide.fcode in ("PCLI", "ADM1"):
        return entry.country == wide.country and (wide.fcode == "PCLI" or entry.admin1_code == wide.admin1_code)
    return haversine_km(entry.lat, entry.lon, wide.lat, wide.lon) <= PART_KM
