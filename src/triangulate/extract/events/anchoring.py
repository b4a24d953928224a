"""Place and date anchoring: where and when an event happened, from its sentence and the report."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Protocol

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from triangulate.base.numbers import number_value
from triangulate.read.nlp import doc_text
from triangulate.read.places import container_starts  # the stages' shared rules for places
from triangulate.read.tokens import sentences as doc_sentences
from triangulate.read.tokens import span_at, token_table
from triangulate.records import ActorMention, EventDate, Place, TimeRef


class EventPoints(Protocol):
    """What the coder needs of the geoparser: where an event at a place is filed."""

    def event_point(self, place: Place) -> Place: ...


def _sentence_items(items: Iterable[Place] | Iterable[TimeRef], sent: SpacySpan) -> list[Any]:
    return [x for x in items if x.start >= sent.start_char and x.end <= sent.end_char]


def _scope(anchor: Token) -> tuple[int, int]:
    """Character range of the clause the trigger lives in (its governing verb for nouns)."""
    t = token_table(anchor.doc)
    top = anchor.i
    while t.pos[top] not in ("VERB", "AUX") and t.head[top] != top:
        top = t.head[top]
    first = last = top  # the subtree's first and last tokens, as `Token.subtree` yields them
    while t.children[first] and t.children[first][0] < first:
        first = t.children[first][0]
    while t.children[last] and t.children[last][-1] > last:
        last = t.children[last][-1]
    return t.idx[first], t.idx[last] + len(t.text[last])


def _nearest(
    points: EventPoints, places: list[Place], anchor: Token, sent: SpacySpan, extra: list[Token],
    mentions: list[ActorMention], launchers: frozenset[str] = frozenset(), own_sentence: bool = False,
    sayings: frozenset[str] = frozenset(),
) -> Place | None:
    candidates: list[Place] = _sentence_items(places, sent)
    # "a barrage fired from Lebanon": where an attack was launched from is not where it struck (but in "could
    # get the military removed from Iraq" the "from" is another verb's); "told reporters in Geneva" where it was said
    candidates = [p for p in candidates if not _launched_from(p, anchor.doc, launchers)
                  and not _told_at(p, anchor, sayings)]
    if not candidates:
        return None if own_sentence else _report_place(points, places, anchor, sent, mentions, launchers, sayings)
    lo, hi = _scope(anchor)
    for tok in extra:
        lo2, hi2 = _scope(tok)
        lo, hi = min(lo, lo2), max(hi, hi2)
    return _pick_place(points, candidates, anchor, lo, hi, mentions)


def _report_place(
    points: EventPoints, places: list[Place], anchor: Token, sent: SpacySpan, mentions: list[ActorMention],
    launchers: frozenset[str] = frozenset(), sayings: frozenset[str] = frozenset(),
) -> Place | None:
    """An event whose sentence names no place happened where the report last said it was ("In Sao
    Goncalo, Rio de Janeiro, police raided a favela. A shoot-out broke out ..."): the place of the
    nearest sentence before it that names one, else of the first after it."""
    sentences = doc_sentences(anchor.doc)
    before = [s for s in sentences if s.end_char <= sent.start_char][::-1]
    after = [s for s in sentences if s.start_char >= sent.end_char]
    for other in before + after:
        candidates = [p for p in _sentence_items(places, other) if not _launched_from(p, anchor.doc, launchers)
                      and not _told_at(p, anchor, sayings)]
        if candidates:
            lo, hi = _scope(other.root)
            return _pick_place(points, candidates, other.root, lo, hi, mentions)
    return None


# "according to Metro", "according to Kyiv": who tells it, not where it happened
_SOURCE_BEFORE = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)
# "the Hague-based watchdog", "a US-based charity": where someone sits, not where it happened; "a
# Western-made missile", "an Iran-backed militia": where a thing or a side comes from
_BASED_AFTER = re.compile(
    r"^(?:\s?[-‐–]?\s?based|[-‐–](?:made|built|supplied|produced|manufactured|backed|funded|led))\b", re.IGNORECASE)


def _pick_place(
    points: EventPoints, candidates: list[Place], anchor: Token, lo: int, hi: int, mentions: list[ActorMention]
) -> Place | None:
    located = _located_places(candidates, anchor.doc)
    # a country or capital named as an agent ("carried out by Israel", "Moscow said") is an actor
    # there, not where it happened; a town the actor reader also knew stays a place
    candidates = [
        p for p in candidates
        if (p.start in located or p.feature_code not in ("PCLI", "PPLC")
            or not any(m.start < p.end and p.start < m.end for m in mentions))
        and not _SOURCE_BEFORE.search(doc_text(anchor.doc)[max(0, p.start - 20):p.start])
        and not _BASED_AFTER.match(doc_text(anchor.doc)[p.end:p.end + 16])
    ]
    if not candidates:
        return None
    containers = container_starts(candidates, doc_text(anchor.doc))

    def holds_another(area: Place) -> bool:
        """A country or province that holds another place of the sentence ("in Santa Rosa (La Pampa),
        merchants protested ... the isolation in Argentina"): the smaller place is where it happened."""
        if area.feature_code not in ("PCLI", "ADM1") or not area.country:
            return False
        return any(
            other is not area and other.country == area.country and other.feature_code not in ("PCLI", "ADM1")
            and other.feature_class != "H" and (area.feature_code == "PCLI" or other.admin1 == area.admin1)
            for other in candidates
        )

    def rank(place: Place) -> tuple[int, int, int, int, int, int, int]:
        inside = lo <= place.start and place.end <= hi
        return (
            1 if place.feature_class == "H" and place.start not in located else 0,  # "Hodeidah Red Sea port"
            1 if holds_another(place) else 0,
            0 if inside else 1, 1 if place.start in containers else 0, 1 if place.feature_code == "PCLI" else 0,
            0 if place.start in located else 1, abs(place.start - anchor.idx),
        )

    return points.event_point(min(candidates, key=rank))  # a province's event at its seat


LOCATING = ("in", "near", "at", "outside", "around", "inside", "on", "throughout", "across", "within")


def _located_places(places: list[Place], doc: Any) -> set[int]:
    """Places introduced by "in", "near", "at" (not "from", "to")."""
    return {place.start for place in places if _introduced_by(place, doc, LOCATING)}


def _introduced_by(place: Place, doc: Any, prepositions: tuple[str, ...]) -> bool:
    preposition = _preposition(place, doc)
    return preposition is not None and preposition.lower_ in prepositions


def _launched_from(place: Place, doc: Any, launchers: frozenset[str]) -> bool:
    """The place follows "from" on a verb of launching: "fired from Lebanon"."""
    preposition = _preposition(place, doc)
    return preposition is not None and preposition.lower_ == "from" and preposition.head.lemma_.lower() in launchers


def _told_at(place: Place, anchor: Token, sayings: frozenset[str]) -> bool:
    """The place is where another verb, one of telling, was done: "(the attack ...,) a spokesman told reporters
    in Geneva"; not the deed's own ("said in Kabul" of a saying event itself is its place)."""
    preposition = _preposition(place, anchor.doc)
    if preposition is None or preposition.lower_ not in ("in", "at"):
        return False
    verb = preposition.head
    return verb.i != anchor.i and verb.i < preposition.i and verb.lemma_.lower() in sayings \
        and not any(c.dep_ == "auxpass" for c in verb.children)


def _preposition(place: Place, doc: Any) -> Any:
    span = span_at(doc, place.start, place.end)
    if span is None:
        return None
    root = span.root
    if root.dep_ in ("compound", "appos", "nmod") and root.head.dep_ == "pobj":
        root = root.head  # "in Bnei Brak city", "in the town of Abu Dis"
    return root.head if root.dep_ == "pobj" else None


def part_of_another(anchor: Token, collectives: frozenset[str]) -> bool:
    """A deed named inside another noun's phrase ("two accomplices of the author of the attack", "at the time
    of the attack"): the verb governing that phrase dates what is done to the other noun (a sentencing), not
    the deed; a collective of deeds ("a wave of strikes", `collectives`) is the deed itself."""
    if anchor.pos_ not in ("NOUN", "PROPN") or anchor.dep_ != "pobj" or anchor.head.dep_ != "prep":
        return False
    outer = anchor.head.head
    return outer.i != anchor.head.i and outer.pos_ in ("NOUN", "PROPN") and outer.lemma_.lower() not in collectives


MANY_WORDS = frozenset({"dozens", "hundreds", "thousands", "scores", "several", "numerous", "multiple", "countless",
                        "many"})


def counted_many(anchor: Token) -> bool:
    """Many deeds counted together ("the group, which has carried out 33 attacks and nine kidnappings since August",
    "dozens of attacks"): no one event, so its place is its own sentence's alone, not the report's scene."""
    if anchor.tag_ != "NNS":
        return False
    head = anchor.head if anchor.dep_ == "conj" else anchor  # "33 attacks and nine kidnappings"
    for noun in {anchor, head}:
        for child in noun.children:
            if child.dep_ == "nummod" and (value := number_value(child.text)) is not None and value >= 3:
                return True
            if child.dep_ == "amod" and child.lower_ in MANY_WORDS:
                return True
    # "dozens of attacks"
    return anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.lower_ in MANY_WORDS


def _date(times: list[TimeRef], anchor: Token, sent: SpacySpan, own: bool = False,
          inside: bool = False) -> EventDate | None:
    """The event's date: a calendar date of its sentence, the one the trigger's own verb governs first.

    Ranked: datable (a date, not a duration or a vague "recently") before the rest; one outside
    brackets before one inside (they elaborate: "Around 6 May 2020 (from 6-7 May)"); then a
    time the trigger's verb governs, one that opens the sentence ("On 8 May 2020, ..."), one
    inside the trigger's clause, any other; then the first of the first two kinds, else the
    nearest. A sentence without a
    date takes the latest date that opened an earlier sentence: a scene-setting date carries
    on, a date named in passing ("the July 19 attack") does not. A deed only weighed or threatened
    (`own`) takes a date from its own words alone ("weighs a strike against X for the August 21
    attack": August 21 is the attack's). A deed named inside another noun's phrase (`inside`,
    `part_of_another`) takes a date from its own words or one that sets its sentence's scene ("On 8 May
    2020, the monitors observed a total of 5 explosions"), not one of the verb that governs the phrase.
    """
    def datable(t: TimeRef) -> bool:
        return t.start_date is not None and t.granularity != "fuzzy" and not t.value.startswith("P")

    doc = anchor.doc
    table = token_table(doc)  # the heads climbed and the words looked at in the table
    pos, head = table.pos, table.head

    def governor(i: int) -> int:
        while pos[i] not in ("VERB", "AUX") and head[i] != i:
            i = head[i]
        return i

    placed: dict[int, tuple[Token | None, bool]] = {}  # by the time's id: each time is asked again and again

    def place(t: TimeRef) -> tuple[Token | None, bool]:
        """The verb governing the time, and whether the time opens its sentence before that main verb."""
        if id(t) in placed:
            return placed[id(t)]
        span = span_at(doc, t.start, t.end)
        if span is None or not len(span):
            placed[id(t)] = None, False
            return None, False
        verb = governor(span.root.i)
        # (`span.sent.start` is the first word of the sentence holding the span's first word)
        opening = (head[verb] == verb and span.start < verb
                   and not any(pos[k] in ("VERB", "AUX") for k in range(table.sent[span.start], span.start)))
        placed[id(t)] = doc[verb], opening
        return placed[id(t)]

    trigger_verb = doc[governor(anchor.i)]
    lo, hi = _scope(anchor)
    candidates: list[TimeRef] = _sentence_items(times, sent)
    if own:
        words = list(anchor.subtree)
        first, last = words[0].idx, words[-1].idx + len(words[-1].text)
        return _date([t for t in candidates if first <= t.start and t.end <= last], anchor, sent) \
            if any(first <= t.start and t.end <= last for t in candidates) else None
    if inside and any(datable(t) for t in candidates):
        words = list(anchor.subtree)
        first, last = words[0].idx, words[-1].idx + len(words[-1].text)

        def sets_the_scene(t: TimeRef) -> bool:
            """Before the sentence's main verb, and not said of the verb governing the deed's phrase: "On 8
            May 2020, ...", "As reported on 27 April 2020, ..."."""
            verb, opening = place(t)
            return opening or (verb is not None and verb.i != trigger_verb.i and t.start < sent.root.idx)

        kept = [t for t in candidates if (first <= t.start and t.end <= last) or sets_the_scene(t)]
        return _date(kept, anchor, sent) if kept else None

    def where(t: TimeRef) -> int:
        """0: the trigger's verb governs it; 1: it opens the sentence; 2: inside the trigger's clause; 3: other."""
        verb, opening = place(t)
        if verb is not None and verb.i == trigger_verb.i:
            return 0
        if opening:
            return 1
        return 2 if lo <= t.start and t.end <= hi else 3

    if not any(datable(t) for t in candidates):
        before = [t for t in times if t.end <= sent.start_char and datable(t) and place(t)[1]]
        if before:
            candidates = [max(before, key=lambda t: (t.start, -t.end))]

    def rank(t: TimeRef) -> tuple[int, int, int, int]:
        at = where(t)
        before = doc_text(doc)[sent.start_char:t.start]
        bracketed = before.count("(") > before.count(")")
        return (0 if datable(t) else 1, int(bracketed), at, t.start if at <= 1 else abs(t.start - anchor.idx))

    # an unanchored duration ("a few hours before ...") says how long, not when
    candidates = [t for t in candidates
                  if t.start_date is not None or not t.value.startswith("P") or t.value.endswith("_REF")]

    def describes_other(t: TimeRef) -> bool:
        # "the deadliest strike in five wars fought since 2008", "the war that started on October 7":
        # a time in a clause describing another noun dates that noun's event, not this one
        verb, _ = place(t)
        return (verb is not None and verb.i != trigger_verb.i and verb.dep_ in ("relcl", "acl")
                and verb.head.i != anchor.i and anchor not in list(verb.subtree))
    candidates = [t for t in candidates if not describes_other(t)]
    if not candidates:
        return None
    best = min(candidates, key=rank)
    return EventDate(value=best.value, start_date=best.start_date, end_date=best.end_date, start=best.start, end=best.end)
