"""Casualty counts: how many a sentence says were killed or injured."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from triangulate.base.numbers import NUMBER_WORDS
from triangulate.extract.events.matching import _Match
from triangulate.extract.events.triggers import TriggerTable
from triangulate.read.tokens import token_table
from triangulate.records import CountBound, Event, ReadDoc

NONE_WORDS = frozenset({"no", "neither", "nor", "zero"})
NOBODY_WORDS = frozenset({"nobody", "none", "noone"})


def _number(tok: Token) -> int | None:
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    value = NUMBER_WORDS.get(text) if text not in ("a", "an") or tok.dep_ == "nummod" else None
    return _hyphenated(tok, value)


def _hyphenated(tok: Token, value: int | None) -> int | None:
    """ "twenty-two" is split into "twenty", "-", "two": either part reads as the whole, 22."""
    doc = tok.doc
    if value is None or (not 0 < value < 10 and not (value % 10 == 0 and 20 <= value <= 90)):
        return value
    if value < 10 and tok.i >= 2 and doc[tok.i - 1].text == "-":
        tens = NUMBER_WORDS.get(doc[tok.i - 2].lower_)
        return tens + value if tens and tens % 10 == 0 and 20 <= tens <= 90 else value
    if value >= 20 and tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-":
        unit = NUMBER_WORDS.get(doc[tok.i + 2].lower_)
        return value + unit if unit and 0 < unit < 10 and doc[tok.i + 2].lower_ not in ("a", "an") else value
    return value


def _count_in(head: Token) -> int | None:
    """The number counting a noun phrase: "three soldiers and two civilians" -> 5, "3" -> 3."""
    heads = [head, *[c for c in head.children if c.dep_ == "conj"]]
    total: int | None = None
    for h in heads:
        if h.lower_ in NOBODY_WORDS or any(
                (c.lower_ in NONE_WORDS and c.dep_ in ("det", "neg")) or (c.dep_ == "neg" and c.i < h.i)
                for c in h.children):
            return 0  # "no one was injured", "no soldiers were hurt", "not a single person was killed"
        value = _number(h) if h.like_num else None
        if value is None:
            for child in h.children:
                if child.dep_ in ("nummod", "quantmod") or (child.like_num and child.dep_ != "prep"):
                    value = _number(child)
                    if value is not None:
                        break
        if value is not None:
            total = (total or 0) + value
    return total


def _none_reported(tok: Token, report_nouns: frozenset[str]) -> bool:
    """ "no reports of casualties", "with no report of fatalities or injuries": none were reported."""
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    prep = first.head
    if first.dep_ != "pobj" or prep.lower_ not in ("of", "on", "about"):
        return False
    noun = prep.head
    return noun.lemma_.lower() in report_nouns and any(
        c.lower_ in NONE_WORDS and c.dep_ in ("det", "neg") for c in noun.children)


def _casualty_count(tok: Token, report_nouns: frozenset[str] = frozenset()) -> int | None:
    """How many a casualty word counts: "killing 3", "two people were injured", "1 killed",
    "no injuries" (0), "no reports of casualties" (0)."""
    if _none_reported(tok, report_nouns):
        return 0
    for child in tok.children:
        if child.lower_ in NONE_WORDS and child.dep_ in ("det", "neg", "preconj", "nummod"):
            return 0
        if child.dep_ in ("nummod",):
            value = _number(child)
            if value is not None:
                return value
    if tok.pos_ in ("VERB", "AUX"):
        # the victims: the object or passive subject; a subject only of a participle with no object ("3
        # killed"), not the doer of "Two explosions ... killed at least 103 people" the tagger took for one
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        subjects = [c for c in tok.children if c.dep_ == "nsubj" and tok.tag_ == "VBN"] if not objects else []
        for child in (*objects, *subjects):
            value = _count_in(child)
            if value is not None:
                return value
    if tok.dep_ in ("conj", "pobj") and tok.head.lower_ in NONE_WORDS:
        return 0
    if tok.dep_ == "conj":
        for sib in tok.head.children:
            if sib.lower_ in NONE_WORDS and sib.dep_ in ("det", "preconj", "neg"):
                return 0
    # "1 killed, 7 injured", "3 people dead": a number just before.
    doc = tok.doc
    for k in range(tok.i - 1, max(tok.i - 4, tok.sent.start - 1), -1):
        prev = doc[k]
        if prev.like_num and prev.ent_type_ in ("DATE", "TIME"):
            break  # "on Thursday February 2 to life imprisonment": a day, no count
        if prev.like_num:
            return _number(prev)
        if prev.is_punct or (prev.pos_ in ("VERB",) and prev.i != tok.i - 1):
            break
    if tok.dep_ in ("amod", "acomp") and tok.head.pos_ in ("NOUN", "PROPN"):
        return _count_in(tok.head)
    return None


def _only_casualties(table: TriggerTable, sent: SpacySpan, matches: list[_Match], sent_events: list[Event],
                     read: ReadDoc) -> bool:
    """A sentence that only counts the dead or hurt, with no attacker, place or date of its own:
    it tells the casualties of the event before it, not another event."""
    words = table.fatality_words | table.injury_words
    if any(m.host is None and m.rule.lemmas[0] not in words for m in matches):
        return False
    if any(e.source_actor is not None for e in sent_events):
        return False
    inside = range(sent.start_char, sent.end_char)
    return not any(p.start in inside for p in read.places) and not any(t.start in inside for t in read.times)


@dataclass
class Counts:
    """The dead and hurt a sentence counts, and how its words bound each count."""

    fatalities: int | None = None
    injured: int | None = None
    fatalities_bound: CountBound | None = None
    injured_bound: CountBound | None = None

    def give(self, event: Event, only_missing: bool = False) -> None:
        if not only_missing or event.fatalities is None:
            event.fatalities, event.fatalities_bound = self.fatalities, self.fatalities_bound
        if not only_missing or event.injured is None:
            event.injured, event.injured_bound = self.injured, self.injured_bound


def _bound(sent: SpacySpan, count: int, bounds: dict[tuple[str, ...], CountBound]) -> CountBound | None:
    """How the words before the count's number bound it: "more than 1,400", "about 200", "up to 50"."""
    if count == 0:
        return None
    doc = sent.doc
    for tok in sent:
        if not tok.like_num or _number(tok) != count:
            continue
        before = tuple(t.lower_ for t in doc[max(sent.start, tok.i - 3):tok.i])
        for size in (3, 2, 1):
            found = bounds.get(before[-size:]) if len(before) >= size else None
            if found is not None:
                return found
        return None
    return None


def _casualties(table: TriggerTable, sent: SpacySpan) -> Counts:
    fatalities: int | None = None
    injured: int | None = None
    words = token_table(sent.doc)
    for i in range(sent.start, sent.end):
        lemma, lower = words.lemma[i], words.lower[i]
        kind_f = lemma in table.fatality_words or lower in table.fatality_words
        kind_i = lemma in table.injury_words or lower in table.injury_words
        if not (kind_f or kind_i):
            continue
        tok = sent.doc[i]
        count = _casualty_count(tok, table.report_nouns)
        if count is None:
            continue
        if kind_f and fatalities is None:
            fatalities = count
        elif kind_i and injured is None:
            injured = count
    return Counts(fatalities, injured,
                  _bound(sent, fatalities, table.count_bounds) if fatalities is not None else None,
                  _bound(sent, injured, table.count_bounds) if injured is not None else None)
