"""Syntax checks for actor mentions: place or agent role, a group noun's own country or organization."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from triangulate.read.actors.vocabulary import (
    ACCUSING_LEMMAS,
    AGENT_PREPS,
    GROUP_COUNTRY_PREPS,
    MOTION_LEMMAS,
    PLACE_PREPS,
    PLACE_SUFFIXES,
    STANCE_PREFIXES,
    SUBJECT_DEPS,
    IndexEntry,
)
from triangulate.read.tokens import token_table

if TYPE_CHECKING:
    from triangulate.read.actors.dictionary import ActorDictionary


def _lowercase_alias(entry: IndexEntry, dictionary: ActorDictionary) -> bool:
    actor = dictionary.by_id.get(entry.actor_id)
    return actor is not None and any(a.islower() for a in actor.aliases)


def _prefixed(doc: Doc, start: int) -> bool:
    """A name joined to "anti-" ("anti-Assad rebels"): its foes, not the name's actor."""
    if start >= 1 and doc[start - 1].lower_.rstrip("-") in STANCE_PREFIXES and doc[start - 1].lower_.endswith("-"):
        return True
    return (start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_
            and doc[start - 2].lower_ in STANCE_PREFIXES and not doc[start - 2].whitespace_)


def _place_suffixed(doc: Doc, end: int) -> bool:
    """A name joined to "-based" ("the US-based cleric"): where someone is, not who acts."""
    return end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
        and not doc[end].whitespace_ and doc[end + 1].lower_ in PLACE_SUFFIXES


def _inside_larger_entity(span: Span) -> bool:
    """A word inside a longer named entity ("Jersey" in "New Jersey", "Iraqi" in "Iraqi Civil Defense")."""
    ent = _entity_around(span)
    if ent is None or (ent.start, ent.end) == (span.start, span.end):
        return False
    extra = [t for t in ent if t.i < span.start or t.i >= span.end]
    # PROPN only: a title-case headline ("Israel Accused of ...") is not one long name
    return ent.label_ in {"ORG", "FAC", "LOC", "GPE", "PERSON", "WORK_OF_ART", "EVENT", "LAW"} and any(
        t.is_alpha and t.pos_ == "PROPN" for t in extra
    )


def _entity_around(span: Span) -> Span | None:
    """The named entity that holds the whole span, if any, found from the entity tags of its tokens (entities
    do not overlap: it is the one that holds the span's first token), not by reading every entity of the doc."""
    doc = span.doc
    t = token_table(doc)
    iob = t.iob
    if not len(span) or iob[span.start] not in ("B", "I"):
        return None
    start = span.start
    while iob[start] == "I" and start > 0:
        start -= 1
    end = span.start + 1
    while end < len(iob) and iob[end] == "I":
        end += 1
    if span.end > end:
        return None
    return Span(doc, start, end, label=t.ent[start])


def _prep_country(noun: Token, state_at: dict[int, str]) -> str | None:
    """ "military forces of Armenia", "soldiers from Gondor", "lawmakers in Fornost": the state
    a group noun's own "of/from/in" phrase names (the first of a coordination)."""
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in GROUP_COUNTRY_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.i in state_at:
                    return state_at[obj.i]
    return None


def _prep_org(noun: Token, org_at: dict[int, str]) -> str | None:
    """ "forces of Artsakh", "fighters of Hezbollah": the organization a group noun's own
    "of" phrase names; not across a conjunct ("military forces and members of the ELN")."""
    for child in noun.rights:
        if child.dep_ in {"cc", "conj"}:
            return None
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.i in org_at:
                    return org_at[obj.i]
    return None


def _climb_conj(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def _after_place_prep(tok: Token) -> bool:
    """'in Culiacan, Mexico': a place preposition a few names back, whatever the parse made of it."""
    t = token_table(tok.doc)
    for k in range(tok.i - 1, max(0, tok.i - 6) - 1, -1):
        if t.sent[k + 1] == k + 1:
            return False  # the sentence starts after k (cheaper than tok.sent, which walks the sentence)
        if t.lower[k] in PLACE_PREPS and t.pos[k] == "ADP":
            return True
        if not (t.pos[k] in {"PROPN", "DET", "PUNCT"} and t.text[k] not in {".", ";", ":"}):
            return False
    return False


def _is_place_role(tok: Token) -> bool:
    """'in Iraq', 'near Baghdad', 'Balad, Iraq': the word names where, not who."""
    if _after_place_prep(tok):
        return True
    while tok.dep_ == "appos" and tok.head is not tok:
        tok = tok.head
    tok = _climb_conj(tok)
    if tok.dep_ == "pobj":
        prep = tok.head.lower_
        if prep == "from":
            return tok.head.head.lemma_.lower() in MOTION_LEMMAS
        return prep in PLACE_PREPS
    return tok.dep_ == "appos" and tok.head.ent_type_ in {"GPE", "LOC", "FAC"}


def stray_subject(verb: Token) -> Token | None:
    """ "X claimed the attack and Kyiv has denied involvement": a name the parser joined to the clause before
    ("the attack and Kyiv"), standing right before a coordinated verb with no subject, is that verb's subject."""
    if verb.dep_ != "conj" or verb.pos_ not in ("VERB", "AUX") or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    first = min([verb.i, *(c.i for c in verb.lefts if c.dep_ in ("aux", "auxpass", "advmod", "neg"))])
    if first < 2:
        return None
    name = verb.doc[first - 1]
    if name.pos_ != "PROPN" or name.dep_ != "conj" or name.head.i >= name.i or name.head.i < verb.head.i:
        return None
    return name if any(c.dep_ == "cc" and c.i < name.i for c in name.head.children) else None


def _stray_verb(tok: Token) -> bool:
    """The name is the stray subject of the verb after it (see `stray_subject`)."""
    doc, j = tok.doc, tok.i + 1
    while j < len(doc) and doc[j].dep_ in ("aux", "auxpass", "advmod", "neg") and doc[j].head.i > j:
        j += 1
    return j < len(doc) and stray_subject(doc[j]) == tok


def speaks(tok: Token) -> bool:
    """The word names who speaks or acts in its sentence: its subject ("Russia said") or the subject's owner
    ("Russia's foreign ministry said")."""
    return tok.dep_ in ("nsubj", "nsubjpass") or (
        tok.dep_ in ("poss", "compound", "amod") and tok.head.dep_ in ("nsubj", "nsubjpass")
        and tok.head.head.dep_ == "ROOT")  # not "Russia suggests [the Syria gas attack] was a provocation"


def _is_agent_role(tok: Token) -> bool:
    """'Washington said', "Moscow's position", 'coordination between Moscow and Jerusalem'."""
    if _after_place_prep(tok):
        return False
    if tok.dep_ == "conj" and _stray_verb(tok):
        return True
    tok = _climb_conj(tok)
    if tok.dep_ in SUBJECT_DEPS:
        return True
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in ACCUSING_LEMMAS:
        return True  # "accused Kyiv of blowing up the dam": the one said to have done it
    if tok.dep_ == "pobj":
        prep = tok.head.lower_
        if prep == "from":
            return tok.head.head.lemma_.lower() not in MOTION_LEMMAS
        return prep in AGENT_PREPS
    return False
