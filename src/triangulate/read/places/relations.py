"""Relations and offsets: "80 km north of", "the southern countryside of", event points, containers."""

from __future__ import annotations

import math
import re
from bisect import bisect_right

from spacy.tokens import Doc

from triangulate.base.casefold import folded
from triangulate.base.numbers import NUMBER_WORDS, number_value
from triangulate.read.tokens import sentences as sent_spans
from triangulate.records import Place, PlaceRelation

KM_PER_MILE = 1.609344
# the number words of a distance: every single one but "an", which never stands right before a unit
# (it could only match the end of a word such as "Sudan km")
DISTANCE_WORDS = tuple(word for word in NUMBER_WORDS if word != "an")
_DIRECTION = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west"
DISTANCE_RE = re.compile(
    r"(?:(?:some|about|around|approximately|roughly|nearly|almost|just|over|under|more than|less than)\s+)?"
    r"(?P<num>\d+(?:[.,]\d+)?|" + "|".join(DISTANCE_WORDS) + r")\s*-?\s*"
    r"(?P<unit>kilometers|kilometres|km|kms|miles|mi)\b\.?"
    r"(?:\s*\([^()]{0,80}\))?\s*"
    r"(?:(?P<dir>" + _DIRECTION + r")(?:ern|erly|ward)?\s+(?:of|from)|from|outside(?:\s+of)?)\s+",
    re.IGNORECASE,
)
# a unit of DISTANCE_RE, on lower-cased text: a text without one has no distance (and is not searched for one)
_UNIT_RE = re.compile(r"(?:kilometers|kilometres|km|kms|miles|mi)\b")
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
# what joins a place to the wider one that holds it: "Quamishli city in al-Hasakeh",
# "Kerawa village, Kolofata subdivision (Mayo-Sava, Extreme-Nord)", "Tijuana, Baja California"
_CONTAINED_GAP = re.compile(r"^(?:\s+[a-z]+)?\s*(?:,|\(|,?\s+in|,?\s+of)\s*(?:the\s+)?(?:[a-z]+\s+of\s+)?$")
CONTAINER_GAP_CHARS = 80


def compass(direction: str) -> str:
    words = re.findall(r"north|south|east|west", direction.lower())
    return "".join(word[0].upper() for word in words)


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


def attach_relations(places: list[Place], text: str, doc: Doc) -> list[Place]:
    if doc.has_annotation("SENT_START"):
        sentences = [(s.start_char, s.end_char) for s in sent_spans(doc)]
    else:
        sentences = [(0, len(text))]
    starts = [s for s, _ in sentences]

    def sentence_of(offset: int) -> tuple[int, int]:
        # the sentences are in order and do not overlap: the one starting last at or before the offset
        k = bisect_right(starts, offset) - 1
        return sentences[k] if k >= 0 and offset < sentences[k][1] else (0, len(text))

    relations: dict[int, PlaceRelation] = {}
    folded_text = folded(text)
    distances = DISTANCE_RE.finditer(text) if folded_text is None or _UNIT_RE.search(folded_text) else ()
    for match in distances:
        sent_start, sent_end = sentence_of(match.start())
        anchor_index = next(
            (i for i, p in enumerate(places) if match.end() <= p.start <= match.end() + ANCHOR_GAP_CHARS and p.start < sent_end),
            None,
        )
        if anchor_index is None:
            continue
        anchor = places[anchor_index]
        distance = number_value(match.group("num"))
        km = distance * KM_PER_MILE if distance is not None and match.group("unit").lower().startswith("mi") else distance
        relation = PlaceRelation(
            distance_km=round(km, 1) if km is not None else None,
            direction=compass(match.group("dir")) if match.group("dir") else None,
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
                direction=compass(side.group("dir")), anchor=place.text, anchor_geonames_id=place.geonames_id,
                text=text[place.start - len(side.group(0)) : place.end],
            )
            continue
        near = NEAR_BEFORE_RE.search(text[max(sent_start, place.start - 45) : place.start])
        if near:
            relations[i] = PlaceRelation(
                direction=compass(near.group("dir")) if near.group("dir") else "near",
                anchor=place.text, anchor_geonames_id=place.geonames_id,
                text=text[place.start - len(near.group(0)) : place.end],
            )
    return [p.model_copy(update={"relation": relations[i]}) if i in relations else p for i, p in enumerate(places)]


def offset_place(place: Place, seat: bool = False) -> Place:
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
