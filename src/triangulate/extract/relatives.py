"""Responsibility told in a relative clause on the deed: "the blast, which police blamed on the Taliban"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from triangulate.read.tokens import span_text, token_table
from triangulate.records import ActorMention, Event, ReadDoc, Responsibility, Span, is_generic_actor

if TYPE_CHECKING:
    from triangulate.extract.responsibility_words import ResponsibilityTable

RELATIVE_WORDS = frozenset({"which", "that"})
BLAMED_PREPS = frozenset({"on", "to"})  # "blamed on", "attributed to", "pinned on"


def relative_blames(read: ReadDoc, events: list[Event], table: ResponsibilityTable) -> list[Responsibility]:
    """ "nine soldiers died in Tuesday's ambush, which the army attributed to the Islamic State": the
    relative clause's subject accuses the one the deed is put on. Read from the words' order as well as the
    parse, which often hangs such a clause on the wrong noun."""
    found = []
    doc = read.doc
    words = token_table(doc)
    for i, pos in enumerate(words.pos):
        if pos != "VERB" or table.cues.get(words.lemma[i]) != "accuses":
            continue
        verb = doc[i]
        relative = _relative_word(verb)
        if relative is None or relative.i < 2:
            continue
        deed = doc[relative.i - 2] if doc[relative.i - 1].text == "," else doc[relative.i - 1]
        event = next((e for e in events if e.type in table.event_types and e.trigger is not None
                      and deed.idx <= e.trigger.start < deed.idx + len(deed.text)), None)
        if event is None and deed.lower_ not in table.event_nouns:
            continue
        speaker = _mention_between(read.actor_mentions, relative, verb)
        put_on = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in BLAMED_PREPS
                  for g in c.children if g.dep_ == "pobj"]
        if speaker is None or not put_on:
            continue
        sent = verb.sent
        # every side named in what the deed is put on: "on Russian or Syrian aircraft"
        for accused in _mentions_in(read.actor_mentions, put_on[0]):
            if is_generic_actor(accused.actor_id) or accused.actor_id == speaker.actor_id:
                continue
            found.append(Responsibility(
                id="", doc_id=read.document.id, event_id=event.id if event else None, speaker=speaker.actor_id,
                speaker_text=speaker.text, stance="accuses", accused=accused.actor_id, accused_text=accused.text,
                cue=verb.text, factuality="CT+", claim_id=None, published=read.document.published,
                evidence=[Span(doc_id=read.document.id, start=sent.start_char, end=sent.end_char, text=span_text(sent))],
            ))
    return found


def _relative_word(verb: Token) -> Token | None:
    """The "which" that opens the verb's clause, with only its subject between: "which [the army] attributed"."""
    for k in range(verb.i - 1, max(verb.sent.start, verb.i - 12) - 1, -1):
        token = verb.doc[k]
        if token.lower_ in RELATIVE_WORDS:
            return token
        if token.is_punct or (token.pos_ in ("VERB", "AUX") and token.lower_ not in ("has", "had", "have")):
            return None
    return None


def _mentions_in(mentions: list[ActorMention], phrase: Token) -> list[ActorMention]:
    doc = phrase.doc
    start, end = doc[phrase.left_edge.i].idx, phrase.idx + len(phrase.text)
    return [m for m in mentions if start <= m.start and m.end <= end]


def _mention_between(mentions: list[ActorMention], first: Token, verb: Token) -> ActorMention | None:
    start, end = first.idx + len(first.text), verb.idx
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    return inside[-1] if inside else None
