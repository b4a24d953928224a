"""Actor mentions under argument phrases: the index by character range, phrase text and actor ids."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from triangulate.extract.events.syntax import ACTOR_ENTS, PASSIVE_SUBJECT_DEPS, _owner, _phrase_range
from triangulate.read.nlp import doc_text
from triangulate.read.tokens import entities
from triangulate.records import ActorMention

PARTNER_PREPS = frozenset({"with", "between"})
# the roles of a country's armed groups of no name ("militants", "gunmen"): their "of" or "from" names
# which group (supporters of a party are no member of it: "Protesters")
ARMED_ROLES = frozenset({"REB", "UNK", "MLA"})


@dataclass
class _MentionIndex:
    """Actor mentions sorted by start offset, for overlap queries by character range."""

    mentions: list[ActorMention]
    starts: list[int]
    persons: dict[str, str]  # a surname (folded) -> the full name the text gives it, when only one

    @classmethod
    def build(cls, mentions: list[ActorMention], doc: Doc | None = None) -> _MentionIndex:
        ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
        names = {m.person for m in mentions if m.person}
        if doc is not None:
            names |= {e.text for e in entities(doc) if e.label_ == "PERSON"}
        by_surname: dict[str, set[str]] = {}
        for name in names:
            words = name.split()
            if words:
                by_surname.setdefault(_fold(words[-1]), set()).add(name)
        # "Navalny" alone names the one the text calls "Alexei Navalny"; two full names, no one
        persons = {k: max(v, key=len) for k, v in by_surname.items() if len({n for n in v if " " in n}) <= 1}
        return cls(ordered, [m.start for m in ordered], persons)

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
    if mention is not None and not (mention.start < tok.idx + len(tok.text) and mention.end > tok.idx) and any(
            c.dep_ == "poss" and c.tag_ == "PRP$" and c.idx == mention.start for c in tok.children):
        mention = None  # "poisoned by his acquaintances": not the one "his" stands for
    if mention is None:
        # "his acquaintances, Andrey Lugovoy and Dmitry Kovtun": the ones the apposition names
        mention = next((m for c in tok.children if c.dep_ == "appos"
                        for m in [mentions.best(c.idx, c.idx + len(c.text), c.idx, c.idx + len(c.text))]
                        if m is not None), None)
    if mention is not None and mention.how == "generic" and mention.actor_id.rpartition(".")[2] in ARMED_ROLES:
        mention = _group_named(tok, mentions) or mention
    return doc_text(doc)[start:end], (mention.actor_id if mention is not None else None)


def _group_named(tok: Token, mentions: _MentionIndex) -> ActorMention | None:
    """ "militants from the Somali group al-Shabaab", "fighters of the Islamic State": the group that
    the "from" or "of" phrase of a group noun names is who they are."""
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("from", "of"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or obj.ent_type_ in ("GPE", "LOC", "FAC"):
                continue  # "militants from Syria": where they come from
            start, end = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)
            found = [m for m in mentions.overlapping(start, end)
                     if m.start >= start and m.how == "dictionary"]  # a known group, not "the 5th battalion"
            if found:
                return found[0]
    return None


def _person(tok: Token | None, mentions: _MentionIndex) -> str | None:
    """The person an argument names: the actor mention on its head ("he" resolved to "Alexei
    Navalny"), else the PERSON entity holding its head or a name compounded or set beside it."""
    if tok is None:
        return None
    on_head = [m for m in mentions.overlapping(tok.idx, tok.idx + len(tok.text)) if m.person]
    if on_head:
        return on_head[0].person
    # "the veteran reporter Tomas Lindqvist": the name is in apposition to the head
    candidates = (tok, *(c for c in tok.children if c.dep_ in ("compound", "appos")))
    for cand in candidates:
        if cand.ent_type_ == "PERSON":
            doc = cand.doc
            i = j = cand.i
            while i > 0 and doc[i].ent_iob_ == "I" and doc[i - 1].ent_type_ == "PERSON":
                i -= 1
            while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I" and doc[j + 1].tag_ != "POS":
                j += 1
            return doc[i:j + 1].text
    # "Navalny" tagged otherwise, once the text has named him in full
    return next((mentions.persons[k] for c in candidates if c.pos_ == "PROPN"
                 and (k := _fold(c.text)) in mentions.persons), None)


def _fold(word: str) -> str:
    return word.lower().removesuffix("'s").removesuffix("\u2019s")


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
