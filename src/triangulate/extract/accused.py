"""The accused of a responsibility statement: who the words name, and whether it is the speaker's own side."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from triangulate.extract.deeds import SUBJECT_DEPS, conj_cluster, mention_words
from triangulate.extract.makers import side_of
from triangulate.read.tokens import token_table
from triangulate.records import STATE_SECTORS, Actor, ActorMention, Claim, Event, Place, ReadDoc

if TYPE_CHECKING:
    from triangulate.extract.responsibility_words import ResponsibilityTable

CONJOINED = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
POSSESSIVE = re.compile(r"['\u2019]s?$")
HOLDER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
OWNER_PRONOUNS = frozenset({"his", "her", "its", "their"})
COUNTRY_NOUNS = frozenset({"country", "nation"})  # "his country's air defences": the speaker's state
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
    # "the Artsakh Defense Army destroyed the base, Artsakh presidential spokesman X said": a group's own
    # spokesman tells of the group's deed (a state's official may well accuse his state: below)
    if mine.kind == "person" and mine.affiliation == theirs.id and theirs.kind != "government":
        return True
    # "Israel says its military ...": the doer belongs to the speaker (not the other way round: an
    # official of a state speaking of that state may well accuse it); a country's rebels, gunmen or
    # protesters are no organ of its state ("Russia said the attack was a provocation by rebels")
    if theirs.kind == "group" and theirs.role is not None:
        return False
    # ... and a state's official speaking of another organ of the same state ("Russian missiles downed the plane,
    # Putin confirms"): the speaker's own state
    sibling = mine.kind == "person" and mine.affiliation is not None and theirs.affiliation == mine.affiliation \
        and (state := actors.get(mine.affiliation)) is not None and state.kind == "government"
    return theirs.affiliation == mine.id or sibling




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


def reports_denial(content: TokenSpan, table: ResponsibilityTable) -> bool:
    """The content tells of someone else's denial: a denying verb with its own subject inside it."""
    doc, t = content.doc, token_table(content.doc)
    return any(any(c.dep_ in SUBJECT_DEPS for c in conj_cluster(verb)[0].children)
               for verb in (doc[i] for i in range(content.start, content.end)
                            if t.pos[i] == "VERB" and table.cues.get(t.lemma[i]) == "denies"))


def victim_first(deed: Token, table: ResponsibilityTable) -> bool:
    """The deed's possessor is its victim: "the journalist's murder" (not "the army's killing of civilians")."""
    return deed.lower_ in table.patients and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in deed.children)


def alleges(doc: Doc, mention: ActorMention, table: ResponsibilityTable) -> bool:
    """The mention holds an allegation: "[Ukrainian] allegations", "[Kyiv]'s accusations"."""
    words = mention_words(doc, mention)
    return words is not None and words.root.dep_ in HOLDER_DEPS \
        and words.root.head.lemma_.lower() in table.allegations


def as_country(read: ReadDoc, claim: Claim, content: TokenSpan, accused: Accused | None) -> Accused | None:
    """The accused named as a person's country ("[his country]'s air defences") is that person's state."""
    country = country_words(content, accused.text) if accused is not None else None
    if accused is None or country is None:
        return accused
    return Accused(side_of(read, accused.actor), country, accused.negated, accused.event_id,
                   own=accused.actor is not None and accused.actor == claim.speaker)


def country_words(content: TokenSpan, pronoun: str | None) -> str | None:
    """ "[his country's air defences]": a third person's country and what of it is named, or None."""
    word = (pronoun or "").lower()
    if word not in OWNER_PRONOUNS:
        return None
    doc, t = content.doc, token_table(content.doc)
    for token in (doc[i] for i in range(content.start, content.end) if t.lower[i] == word and t.dep[i] == "poss"):
        if token.head.lemma_.lower() in COUNTRY_NOUNS:
            held = token.head.head if token.head.dep_ == "poss" else token.head
            return content.doc[token.i:held.i + 1].text
    return None


def patron(doc: Doc, mention: ActorMention, proxies: frozenset[str]) -> bool:
    """The mention qualifies those acting for it ("the [US] Gulf allies", "[Iran]'s proxies"): not the doer."""
    words = mention_words(doc, mention)
    if words is None:
        return False
    head = words[-1]  # "the US": its name's word, not the article the parse may hang elsewhere
    while head.dep_ in HOLDER_DEPS and head.head.i != head.i:
        head = head.head
        if head.lemma_.lower() in proxies or head.lower_ in proxies:
            return True
    return False


def behind_chunk(chunk: TokenSpan, content: TokenSpan) -> int | None:
    """The end of the "paid by X" that follows a doer's words ("terrorists recruited, trained & paid by a foreign
    regime"), however the parse hangs the participles: the token index after X, or None."""
    doc = chunk.doc
    first = next((t for t in doc[chunk.end:content.end] if not t.is_punct), None)
    if first is None or first.tag_ not in ("VBN", "VBD"):  # the tagger often takes "recruited" for a past tense
        return None
    ends = []
    dep = token_table(doc).dep
    for token in (doc[i] for i in range(content.start, content.end) if dep[i] == "agent"):  # none else counts
        verb = token.head
        while token.dep_ == "agent" and verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        if token.dep_ == "agent" and verb.i == first.i:
            ends += [g.right_edge.i + 1 for g in token.children]
    return max(ends, default=None)


def thing_owner(doc: Doc, mention: ActorMention, deeds: frozenset[str]) -> bool:
    """The mention names whose thing it is ("the [Azerbaijan Airlines] plane"), not a deed's doer ("[IDF] fire")."""
    words = mention_words(doc, mention)
    if words is None:
        return False
    last = words[-1]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None  # "[Azerbaijan Airlines] plane crash": the plane's
    held = [t for t in (last.head, after) if t is not None and t.i > last.i]
    return last.dep_ in HOLDER_DEPS and any(t.pos_ == "NOUN" and t.lower_ not in deeds for t in held)


OWN_MEMBERS = re.compile(r"\b(?:its|their)\s+\w", re.I)


def members_owned(accused: Accused | None, mentions: Sequence[ActorMention]) -> bool:
    """The doers are the speaker's own by a pronoun and no one else is named: "(the IS statement claimed) only two
    of its fighters were involved" is the group's claim of its deed."""
    return accused is not None and accused.actor is None and not mentions \
        and OWN_MEMBERS.search(accused.text or "") is not None


def owned_words(text: str | None) -> bool:
    """The words name the thing as someone's by a pronoun: "its army", "their forces"."""
    words = (text or "").lower().split()
    return len(words) > 1 and words[0] in OWNER_PRONOUNS


def affiliated(doc: Doc, event_source: tuple[int, int], mentions: list[ActorMention], ties: frozenset[str]
               ) -> ActorMention | None:
    """The body a described doer is tied to: "militants [linked to Islamic State]", "gunmen affiliated with
    al-Qaeda" name Islamic State and al-Qaeda."""
    words = doc.char_span(*event_source, alignment_mode="expand")
    if words is None:
        return None
    for tie in (c for c in words.root.children if c.dep_ in ("acl", "amod") and c.lemma_.lower() in ties):
        for prep in (p for p in tie.children if p.dep_ == "prep" and p.lower_ in ("to", "with")):
            for body in (o for o in prep.children if o.dep_ == "pobj"):
                left, right = body.left_edge.idx, body.right_edge.idx + len(body.right_edge.text)
                inside = [m for m in mentions if left <= m.start and m.end <= right]
                if inside:
                    return inside[0]
    return None


def self_claimant(content: TokenSpan, mentions: list[ActorMention], table: ResponsibilityTable) -> ActorMention | None:
    """The holder of a claim of its own deed: "(dismissed) [Islamic State]'s claim that it brought down the
    airliner": the "it" of one's own claim is the claimant."""
    noun = content.root
    if noun.lemma_.lower() not in table.claimed_nouns or noun.tag_ != "NN":
        return None
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                   and any(s.dep_ in SUBJECT_DEPS and s.lower_ in ("it", "they") for s in c.children)), None)
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if clause is None or owner is None:
        return None
    words = content.doc[owner.left_edge.i:owner.right_edge.i + 1]
    holder = next((m for m in mentions if words.start_char <= m.start and m.end <= words.end_char), None)
    # "rejected Netanyahu's claim that they were responsible": a person's own deed is not "it" or "they"
    return None if holder is not None and holder.person else holder


def called_false(root: Token, table: ResponsibilityTable) -> bool:
    """The content calls an allegation or a report false: "reports about its attack are fake news", "the
    accusations against Tehran are baseless"."""
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.lemma_.lower() not in table.allegations | table.documents:
        return False
    if root.lower_ in table.false_words:
        return True  # "reports that ... were fabricated"
    called = [c for c in root.children if c.dep_ in ("attr", "acomp")]
    return any(w.lower_ in table.false_words or w.lemma_.lower() in table.false_words
               for c in called for w in (c, *c.children) if w.dep_ in ("attr", "acomp", "amod"))


def suffered(doc: Doc, mention: ActorMention, table: ResponsibilityTable) -> bool:
    """The mention is a deed's victim: the possessor of "Haniyeh's killing", the object of "killed X", the
    subject of "X was killed", "if X was present at the attack"."""
    words = mention_words(doc, mention)
    if words is None:
        return False
    root = words.root
    if root.dep_ == "poss" and victim_first(root.head, table):
        return True
    if root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in table.victim_verbs:
        return True
    # "if Rowaishan was present in the building": whether someone was there, not who did it
    return root.dep_ == "nsubj" and root.head.lemma_ == "be" and any(
        c.dep_ == "acomp" and c.lower_ in ("present", "inside", "there") for c in root.head.children)


def unheld(content: TokenSpan, table: ResponsibilityTable) -> bool:
    """The content names responsibility with no one holding it: "(has not confirmed) any involvement in the
    killing", "(would not say) whether it had a role"."""
    doc, t = content.doc, token_table(content.doc)
    words = table.words - table.agent_nouns
    for token in (doc[i] for i in range(content.start, content.end) if t.pos[i] == "NOUN" and t.lemma[i] in words):
        if not any(
                c.dep_ in HOLDER_DEPS or (c.dep_ == "prep" and c.lower_ in ("of", "by")) for c in token.children):
            return True
    return False


def undone(content: TokenSpan, events: Sequence[Event], table: ResponsibilityTable) -> Event | None:
    """A violent deed the content tells with no doer at all ("the base had been shelled", "that any attack took
    place"): denying it denies the deed, not one's own part. Only a clause tells it so; a noun ("statements
    pinning the bombing on his organization") is what the denier answers."""
    root = content.root
    if root.pos_ not in ("VERB", "AUX") or not any(c.dep_ in SUBJECT_DEPS | {"aux", "auxpass"} for c in root.children):
        return None  # not a clause ("rejected Iranian fingerpointing at Washington over the attack")
    for event in events:
        if event.type in table.event_types and event.trigger is not None and not event.source_actor \
                and not event.source_text and content.start_char <= event.trigger.start < content.end_char:
            word = content.doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
            if word is not None and any(c.dep_ == "poss" for c in word.root.children):
                continue  # "its attack on the hospital": a doer named by its possessive
            return event
    return None


def town_holder(holder: TokenSpan, places: Sequence[Place]) -> bool:
    """The words before a responsibility noun name a town, not a side: "denies [Mumbai] involvement" (a capital
    may stand for its state: "Moscow involvement")."""
    return holder.root.dep_ == "compound" and any(
        p.start <= holder.root.idx < p.end and p.feature_class == "P" and p.feature_code != "PPLC" for p in places)
