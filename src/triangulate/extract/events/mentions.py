"""Actor mentions under argument phrases: the index by character range, phrase text and actor ids."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Token

from triangulate.extract.events.syntax import ACTOR_ENTS, PASSIVE_SUBJECT_DEPS, _owner, _phrase_range
from triangulate.read.nlp import doc_text
from triangulate.records import ActorMention

PARTNER_PREPS = frozenset({"with", "between"})


@dataclass
class _MentionIndex:
    """Actor mentions sorted by start offset, for overlap queries by character range."""

    mentions: list[ActorMention]
    starts: list[int]

    @classmethod
    def build(cls, mentions: list[ActorMention]) -> _MentionIndex:
        ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
        return cls(ordered, [m.start for m in ordered])

    def overlapping(self, start: int, end: int) -> list[ActorMention]:
        hi = bisect.bisect_left(self.starts, end)
        return [m for m in self.mentions[:hi] if m.end > start][-8:] if hi else []

    def names(self, tok: Token) -> bool:
        """Whether an actor mention covers the token."""
        return bool(self.overlapping(tok.idx, tok.idx + len(tok.text)))

    def best(self, start: int, end: int, head_start: int, head_end: int) -> ActorMention | None:
        found = self.overlapping(start, end)
        if not found:
            return None
        on_head = [m for m in found if m.start < head_end and m.end > head_start]
        return (on_head or found)[0]


def _past_number(tok: Token, mentions: _MentionIndex) -> Token:
    """ "killed 15 IS militants", with "15" parsed as the object: the group named right after it."""
    if not tok.like_num or any(c.pos_ in ("NOUN", "PROPN") for c in tok.children):
        return tok
    verb = tok.head
    if tok.dep_ in PASSIVE_SUBJECT_DEPS and verb.dep_ == "conj":
        # "7 militants were killed, 2 were wounded": the 2 are more of the first clause's militants
        first = next((c for c in verb.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
        if first is not None and first.pos_ in ("NOUN", "PROPN"):
            return first
    doc = tok.doc
    for k in range(tok.i + 1, min(tok.i + 3, tok.sent.end)):
        if doc[k].is_punct:
            break
        if mentions.names(doc[k]):
            return doc[k]
    return tok


def _owner_if_thing(target: Token, mentions: _MentionIndex) -> Token:
    """ "bases of the PMU": the PMU, unless the head itself names an actor."""
    owner = _owner(target, mentions.names)
    if owner is None or mentions.names(target) or target.ent_type_ in ACTOR_ENTS:
        return target
    return owner


def _argument(
    tok: Token | None, mentions: _MentionIndex, drop_conj: bool = False
) -> tuple[str | None, str | None]:
    if tok is None:
        return None, None
    i, j = _phrase_range(tok, drop_conj)
    doc = tok.doc
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    mention = mentions.best(start, end, tok.idx, tok.idx + len(tok.text))
    return doc_text(doc)[start:end], (mention.actor_id if mention is not None else None)


def _partner(tok: Token, mentions: _MentionIndex) -> Token | None:
    """The first named "with"/"between" object under a token, through "of" phrases and objects
    ("a resumption of ties with Osgiliath", "agrees with France")."""
    stack, seen = [tok], 0
    while stack and seen < 40:
        cur = stack.pop(0)
        seen += 1
        for child in cur.children:
            if child.dep_ == "prep" and child.lower_ in PARTNER_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj" and mentions.names(obj):
                        return obj
            if child.dep_ in ("prep", "pobj", "dobj", "xcomp") and child.lower_ not in PARTNER_PREPS:
                stack.append(child)
    return None


def _conjunct_actors(tok: Token | None, first: str | None, mentions: _MentionIndex) -> list[str]:
    """The actors of the further conjuncts of an argument ("Mordor, Rohan, Fornost and Bree"),
    each once, not the first's."""
    if tok is None or first is None:
        return []
    out: list[str] = []
    for conj in tok.conjuncts:
        if conj.i < tok.i:
            continue
        i, j = _phrase_range(conj, drop_conj=True)
        doc = conj.doc
        mention = mentions.best(doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), conj.idx, conj.idx + len(conj.text))
        if mention is not None and mention.actor_id not in out and mention.actor_id != first:
            out.append(mention.actor_id)
    return out
