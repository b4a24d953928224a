"""Named targets: the proper name of the thing an attack hit ("Malaysia Airlines Flight 17", "al-Ahli Arab Hospital")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from triangulate.extract.events.mentions import _MentionIndex
from triangulate.read.nlp import doc_text

# flight and hull numbers: "MH17", "PS752", "A-321"
CODE = re.compile(r"[A-Za-z]{1,3}-?\d{1,5}[A-Za-z]?")
# where a nominal or intransitive trigger says the thing was: "the blast at al-Ahli Arab Hospital"
SITE_PREPS = frozenset({"at", "on", "in", "inside", "near", "outside", "aboard", "onto", "through"})
NAME_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "appos", "npadvmod", "poss"})
# a phrase with one of these introduces a thing of its own ("a plane"); "the plane", "plane" do not
NEW = frozenset({"a", "an", "another", "one", "some", "any", "every", "each"})


@dataclass(frozen=True)
class Thing:
    """What an event's target or site names of a thing: its name (None when only its kind is told,
    "the plane"), its kind ("aircraft") and whether the phrase points back ("the plane", not "a plane")."""

    name: str | None
    kind: str | None
    pointing: bool
    also: tuple[str, ...] = ()  # things of its kind coordinated with it ("the Front Altair and the Kokuka Courageous")


def _is_code(tok: Token) -> bool:
    return bool(CODE.fullmatch(tok.text)) and any(c.isdigit() for c in tok.text) and any(c.isalpha() for c in tok.text)


def _actor(tok: Token, mentions: _MentionIndex) -> bool:
    """Whether a known actor's name covers the token (an organization only found in the text, as
    "al-Ahli Arab Hospital" is, may be the thing itself)."""
    return any(m.how != "provisional" for m in mentions.overlapping(tok.idx, tok.idx + len(tok.text)))


def _names(tok: Token, head: Token, mentions: _MentionIndex, heads: dict[str, str]) -> bool:
    """A word of a thing's own name: a proper noun or a code, or a number after a name ("Flight 17",
    "Tower 22"); not a people ("Russian"), not an actor's name ("Israel's embassy"), not a word for the kind."""
    if tok.ent_type_ == "NORP" or tok.lemma_.lower() in heads or _actor(tok, mentions):
        return False
    if tok.dep_ == "poss" or any(c.dep_ == "case" for c in tok.children):
        return False  # an owner is no name: "the army's base"
    if (tok.pos_ == "PROPN" and tok.text[:1].isupper()) or _is_code(tok):
        return True
    return tok.like_num and tok.dep_ == "nummod" and tok.i > head.i and (
        heads.get(head.lemma_.lower()) == "aircraft" or head.pos_ == "PROPN")


def _modifiers(head: Token) -> list[Token]:
    """The words a noun phrase names its head with: modifiers and their compounds, and an apposition."""
    found: list[Token] = []
    stack = [c for c in head.children if c.dep_ in NAME_DEPS]
    while stack:
        tok = stack.pop()
        found.append(tok)
        stack.extend(c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i)
    return found


def _head_thing(head: Token, mentions: _MentionIndex, heads: dict[str, str]) -> Thing | None:
    kind = heads.get(head.lemma_.lower())
    words = [t for t in _modifiers(head) if _names(t, head, mentions, heads)]
    if kind is None:
        # "flight MH17", "Flight PS752": a code, or a proper name compounded with a word for a kind of thing
        # ... or in apposition ("the Galaxy Leader, a cargo ship")
        kinds = [k for c in head.children if c.dep_ in ("compound", "appos") and (k := heads.get(c.lemma_.lower()))]
        if not (_is_code(head) or (kinds and head.pos_ == "PROPN" and not _actor(head, mentions))):
            return None
        kind = kinds[0] if kinds else None
        words.append(head)
    pointing = not any(c.dep_ == "det" and c.lower_ in NEW for c in head.children)
    if not words:
        return Thing(None, kind, pointing)
    span = [*words, head]
    doc = head.doc
    # the particles of a name the parse set before it: "al-" in "al-Ahli Arab Hospital"
    first = min(t.i for t in span)
    while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i > first - 1 \
            and not doc[first - 1].whitespace_ and doc[first - 1].ent_type_ != "NORP":
        first -= 1
    span.append(doc[first])
    start = min(t.idx for t in span)
    end = max(t.idx + len(t.text) for t in span)
    return Thing(doc_text(doc)[start:end], kind, pointing)


def named_thing(target: Token | None, anchor: Token, mentions: _MentionIndex, heads: dict[str, str]) -> Thing | None:
    """The thing the event's target is, or, with no target that is a thing, the one its site is: where
    the trigger or the verb it is the subject of happened ("the bomb went off at Maalbeek metro
    station"), or what was hit when the coder kept no target ("Flight 17 was shot down")."""
    candidates = [target] if target is not None else []
    # the parse's object or passive subject, where the coder took it for a weapon ("struck the plane")
    candidates += [c for c in anchor.children if c.dep_ in ("dobj", "nsubjpass")]
    holders = [anchor, anchor.head] if anchor.dep_ in ("nsubj", "nsubjpass") else [anchor]
    candidates += [obj for holder in holders for prep in holder.children
                   if prep.dep_ == "prep" and prep.lower_ in SITE_PREPS
                   for obj in prep.children if obj.dep_ == "pobj"]
    if anchor.pos_ == "NOUN":  # "the Crocus City Hall attack": the thing named before the deed's noun
        candidates += [c for c in anchor.children if c.dep_ == "compound" and c.i < anchor.i]
    for tok in candidates:
        thing = _head_thing(tok, mentions, heads)
        if thing is not None:
            also = tuple(other.name for c in tok.conjuncts
                         if (other := _head_thing(c, mentions, heads)) is not None and other.name)
            return Thing(thing.name, thing.kind, thing.pointing, also)
    return None


def _words(name: str, heads: dict[str, str]) -> set[str]:
    """A name's own words, a code's number among them ("MH17": "mh17", "17"); not the words for its kind."""
    words = {w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in heads}
    return words | {m.group(1) for w in words if (m := re.fullmatch(r"[a-z]{1,3}(\d+)", w))}


def _one(names: set[str], heads: dict[str, str]) -> str | None:
    """The one thing several names name, by its fullest name: each name's words are in it, or its number
    is ("Flight 17", "MH17", "Malaysia Airlines Flight 17"); None for two things ("the Front Altair
    tanker", "the Kokuka Courageous tanker")."""
    if not names:
        return None
    fullest = max(sorted(names), key=len)
    words = _words(fullest, heads)
    numbers = {w for w in words if w.isdigit()}
    for name in names:
        own = _words(name, heads)
        if not (own <= words or own & numbers):
            return None
    return fullest


def resolve(things: list[Thing | None], heads: dict[str, str]) -> list[str | None]:
    """Each event's named thing, "the plane" being the one aircraft its report names (none when it
    names two)."""
    kinds = set(heads.values())
    by_kind: dict[str, set[str]] = {}
    for thing in things:
        if thing is not None and thing.kind in kinds:
            by_kind.setdefault(thing.kind or "", set()).update(n for n in (thing.name, *thing.also) if n)
    resolved: list[str | None] = []
    for thing in things:
        if thing is None:
            resolved.append(None)
        elif thing.name:
            resolved.append(thing.name)
        else:
            resolved.append(_one(by_kind.get(thing.kind or "", set()), heads) if thing.pointing else None)
    return resolved
