"""The accused of a responsibility statement: who the words name, and whether it is the speaker's own side."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass

from triangulate.records import Actor, ActorMention, Claim

CONJOINED = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
POSSESSIVE = re.compile(r"['\u2019]s?$")
SELF_WORDS = frozenset({"we", "us", "our", "ourselves", "i", "me", "my"})  # first person: the speaker


@dataclass
class Accused:
    actor: str | None
    text: str | None
    negated: bool = False
    event_id: str | None = None
    also: tuple[tuple[str, str], ...] = ()  # conjoined doers: "held [the U.S.] and [Israel] responsible"
    person: bool = False  # named as the one who did it ("the bomber was X"): a person, whatever the tagger said
    own: bool = False  # the speaker's own side by its words ("we", "our brothers")


def widened(mention: ActorMention, named: tuple[str, bool], also: tuple[tuple[str, str], ...], negated: bool = False
            ) -> Accused:
    """The accused a mention names; a country word on a part of its people ("Venezuelan ultra-right") names that part."""
    part = named[1] and mention.actor_id.endswith(".GOV")
    return Accused(None if part else mention.actor_id, named[0], negated, also=also)


def same_side(claim: Claim, accused: Accused, actors: Mapping[str, Actor]) -> bool:
    """The speaker names itself or its own state's organs as the doer: a claim, not an accusation."""
    if accused.actor is None:
        words = (accused.text or "").lower().split()
        return bool(words) and words[0] in SELF_WORDS and len(words) <= 2
    if claim.speaker is None:
        return False
    if accused.actor == claim.speaker or accused.own:
        return True
    mine, theirs = actors.get(claim.speaker), actors.get(accused.actor)
    if mine is None or theirs is None:
        return False
    # "Israel says its military ...": the doer belongs to the speaker (not the other way round: an
    # official of a state speaking of that state may well accuse it); a country's rebels, gunmen or
    # protesters are no organ of its state ("Russia said the attack was a provocation by rebels")
    return theirs.affiliation == mine.id and not (theirs.kind == "group" and theirs.role is not None)


STATE_SECTORS = frozenset({"government", "military", "intelligence", "police", "security", "judiciary"})


def same_state(claim: Claim, accused: Accused, actors: Mapping[str, Actor]) -> bool:
    """The accused is an organ of the speaker's own state ("the Russian Foreign Ministry" of "the GRU")."""
    mine, theirs = actors.get(claim.speaker or ""), actors.get(accused.actor or "")
    if mine is not None and mine.kind == "person" and mine.affiliation:
        mine = actors.get(mine.affiliation)
    return mine is not None and theirs is not None and mine.country is not None and mine.country == theirs.country \
        and bool(STATE_SECTORS & set(mine.sectors)) and bool(STATE_SECTORS & set(theirs.sectors))


def looked_up(accused: Accused, lookup: Callable[[str], Actor | None], actors: MutableMapping[str, Actor]) -> Accused:
    """An accused named by words no mention holds, found in the actor dictionary: "blamed the destruction on
    [Ukraine]", "accusations of [Tehran's] involvement", "blamed the attack on [Russia and Syria]" (each)."""
    texts = CONJOINED.split(accused.text or "")
    parts = [lookup(POSSESSIVE.sub("", text)) for text in texts]
    known = [a for a in parts if a is not None]
    if not known or len(known) < len(parts):
        return accused
    for actor in known:
        actors.setdefault(actor.id, actor)
    also = tuple((a.id, text) for a, text in zip(known[1:], texts[1:], strict=True)) + accused.also
    text = texts[0] if len(texts) > 1 else accused.text
    return Accused(known[0].id, text, accused.negated, accused.event_id, also)
