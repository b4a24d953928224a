"""Trigger matches: where a sentence names an event, and which matches are one event."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from triangulate.extract.events.syntax import (
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    TARGET_PREPS,
    _agent,
    _anchor,
    _direct_object,
    _keys,
    _phrase_lemmas,
    _pos_ok,
    _prep_objects,
    _subject,
)
from triangulate.extract.events.triggers import TriggerRule, TriggerTable
from triangulate.read.tokens import token_table

ENTITY_SKIP = frozenset({"ORG", "PERSON", "GPE", "FAC", "LOC", "WORK_OF_ART", "LAW", "NORP", "EVENT"})
PHRASE_DEPS = frozenset({"compound", "amod", "prt", "dobj", "det", "prep", "pobj", "nmod", "punct", "nummod", "npadvmod"})
FOLD_PREPS = frozenset({"in", "during", "by", "after", "from"})


@dataclass
class _Match:
    rule: TriggerRule
    tokens: list[Token]
    anchor: Token
    host: _Match | None = None  # folded into another mention of the same event
    extra_target: Token | None = None
    extra_source: Token | None = None  # the subject of a verb folded into a nominal host
    source_conjuncts: list[str] = field(default_factory=list)  # further coordinated actors
    target_conjuncts: list[str] = field(default_factory=list)


def _matches(table: TriggerTable, sent: SpacySpan) -> list[_Match]:
    matches: list[_Match] = []
    doc = sent.doc
    words = token_table(doc)
    firsts = table.by_first
    i = sent.start
    while i < sent.end:
        if words.lemma[i] not in firsts and words.lower[i] not in firsts:
            i += 1  # no rule starts with this word
            continue
        match = _match_at(table, doc[i], sent.end)
        if match is None:
            i += 1
            continue
        matches.append(match)
        i = match.tokens[-1].i + 1
    return matches


def _match_at(table: TriggerTable, tok: Token, limit: int) -> _Match | None:
    lemma, lower = _keys(tok)
    candidates = table.by_first.get(lemma, []) + (
        table.by_first.get(lower, []) if lower != lemma else []
    )
    if not candidates:
        return None
    doc = tok.doc
    for rule in sorted(candidates, key=lambda r: -len(r.lemmas)):
        n = len(rule.lemmas)
        if tok.i + n > limit:
            continue
        tokens = [doc[tok.i + k] for k in range(n)]
        if any(rule.lemmas[k] not in _keys(t) for k, t in enumerate(tokens)):
            continue
        anchor = _anchor(tokens)
        if n == 1 and not _pos_ok(anchor, rule.pos):
            continue
        if n > 1 and any(t.i != anchor.i and t.dep_ not in PHRASE_DEPS for t in tokens):
            continue  # "a drone struck" is not "drone strike"
        if not _eligible(anchor, tokens):
            return None
        if _constraints_ok(rule, anchor):
            return _Match(rule=rule, tokens=tokens, anchor=anchor)
    return None


def _eligible(anchor: Token, tokens: list[Token]) -> bool:
    """Not an event: a noun modifying another noun ("protest leaders"), part of a name."""
    if anchor.ent_type_ in ENTITY_SKIP and len(tokens) == 1:
        return False
    if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ == "compound" and anchor.head not in tokens:
        return False
    # "Iran-backed forces", "armed men": participles modifying a noun are not events.
    return anchor.dep_ != "amod"


def _constraints_ok(rule: TriggerRule, anchor: Token) -> bool:
    if rule.near or rule.not_near:
        words = _phrase_lemmas(anchor)
        if rule.near and not (words & rule.near):
            return False
        if rule.not_near and words & rule.not_near:
            return False
    if rule.governor and anchor.head.lemma_.lower() not in rule.governor:
        return False
    if rule.subject:
        subj = _subject(anchor)[0] if anchor.pos_ in ("VERB", "AUX") else None
        if subj is not None:
            words = {k for t in subj.subtree for k in _keys(t)}
        else:
            words = {k for c in anchor.children if c.dep_ in ("amod", "compound", "poss") for k in _keys(c)}
            words |= {k for obj in _prep_objects(anchor, frozenset({"by", "between", "of"})) for k in _keys(obj)}
        if not words & rule.subject:
            return False
    return True


def _fold(table: TriggerTable, matches: list[_Match]) -> None:
    """One event, several words: "airstrikes, which targeted bases", "shot and killed",
    "attacked the village, killing 3", "the explosion killed one soldier"."""
    by_anchor = {m.anchor.i: m for m in matches}
    for match in matches:
        anchor = match.anchor
        host: _Match | None = None
        if anchor.pos_ not in ("VERB", "AUX"):
            # "signed a ceasefire agreement": the noun is the verb's object.
            if anchor.dep_ in ("dobj", "pobj"):
                gov = anchor.head.head if anchor.dep_ == "pobj" else anchor.head
                if gov.pos_ in ("VERB", "AUX"):  # "the strikes, including the July 19 attack": two mentions
                    host = by_anchor.get(gov.i)
        else:
            subj, passive = _subject(anchor)
            host = by_anchor.get(subj.i) if subj is not None and not passive else None
            if host is None and anchor.dep_ in ("conj", "advcl", "xcomp") and not any(
                c.dep_ in SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS for c in anchor.children
            ):
                host = by_anchor.get(anchor.head.i)
            if host is None:
                # "two people were injured in the shelling"
                host = next(
                    (by_anchor[o.i] for o in _prep_objects(anchor, FOLD_PREPS) if o.i in by_anchor), None
                )
        if host is None or host is match or host.rule.type != match.rule.type or host.host is match:
            continue
        while host.host is not None:
            host = host.host
        if host is match:
            continue
        match.host = host
        if host.extra_target is None and anchor.pos_ in ("VERB", "AUX"):
            obj = _direct_object(anchor)
            if obj is None:
                obj = next(_prep_objects(anchor, TARGET_PREPS), None)
            if obj is None and (host.anchor.pos_ not in ("VERB", "AUX") or host.anchor.dep_ == "pobj"):
                # "a man was killed in a drive-by shooting": the unarmed victim of the shooting
                subj, passive = _subject(anchor)
                words = [t.lower_ for t in subj.subtree] if subj is not None and passive else []
                if words and not any(w.startswith(table.sides.armed_words) for w in words):
                    obj = subj
            host.extra_target = obj
        if host.extra_source is None and anchor.pos_ in ("VERB", "AUX") and host.anchor.pos_ not in ("VERB", "AUX"):
            # "the GNA air force killed six civilians in an airstrike"
            subj, passive = _subject(anchor)
            host.extra_source = _agent(anchor) if passive else subj
