"""Negation, denial and uncertainty that reach an event trigger from the clause around it."""

from __future__ import annotations

from spacy.tokens import Token

from triangulate.extract.clauses import not_done, predicates, still_to_come
from triangulate.extract.events.triggers import TriggerTable
from triangulate.records import Modality

NEGATIVE_DETS = frozenset({"no", "neither"})
NOBODY = frozenset({"nobody", "none", "noone", "nothing"})
UNABLE = frozenset({"unable", "impossible", "fail", "incapable"})
# The ways a trigger sits inside a clause that a head of uncertainty or falsity speaks about: its
# complement clause or object ("unclear whether X", "could not verify that X", "a lie that X").
CLAUSE_DEPS = frozenset({"ccomp", "csubj", "xcomp", "advcl", "dobj", "pcomp", "pobj", "prep", "acl"})
# What scope never crosses: a relative clause or apposition presupposes its event ("the source of
# the shot that killed her is unknown"); so does a coordinated clause with a subject of its own.
PRESUPPOSED_DEPS = frozenset({"relcl", "appos", "parataxis"})


def scope_modality(anchor: Token, table: TriggerTable) -> Modality | None:
    """ "denied" when the trigger is told inside something called false ("the claim that X shelled
    the town is false", "fake news about killings", "impossible that X fired"), "hypothetical" when
    inside something not known ("it is unclear whether", "could not verify who", "has yet to be
    confirmed"), else None. An adjunct of time or circumstance ("killed in the strike") and a
    relative clause stay outside the scope: "it is unclear how many died in the strike"."""
    child = anchor
    if _false_noun(anchor, table):
        return "denied"
    for head in anchor.ancestors:
        if _blocks(child, head, table):
            return None
        subject = child.dep_ in ("nsubj", "nsubjpass", "csubj")
        if _is_false(head, table) and (child.dep_ in ("ccomp", "dobj") or _that_clause(child) or (
                subject and head.pos_ not in ("VERB",))):
            return "denied"
        if _false_noun(head, table) and child.dep_ in ("prep", "pobj", "acl", "ccomp"):
            return "denied"  # "fake news about civilian killings", "false reports of an attack"
        if _is_unknown(head, table) and (child.dep_ in CLAUSE_DEPS or child.dep_ == "csubj" or _passive_subject(
                child, head)):
            return "hypothetical"
        child = head
    return None


def negative_agent(anchor: Token, table: TriggerTable) -> bool:
    """The trigger's doer is nobody ("no Russian munitions targeting the area", "no militants
    attacked"), or a casualty trigger's victim is ("no one was killed", "killing nobody")."""
    if anchor.dep_ == "acl" and _nobody(anchor.head):
        return True
    deps = {"nsubj"}
    lemma = anchor.lemma_.lower()
    if lemma in table.fatality_words or lemma in table.injury_words:
        deps |= {"nsubjpass", "dobj"}
    return any(c.dep_ in deps and _nobody(c) for c in anchor.children)


def _nobody(tok: Token) -> bool:
    if tok.lower_ in NOBODY:
        return True
    return any(
        (c.dep_ in ("det", "neg", "preconj") and c.lower_ in NEGATIVE_DETS) or (c.dep_ == "neg" and c.i < tok.i)
        for c in tok.children
    )  # "no one", "no soldiers", "not a single person"


def _blocks(child: Token, head: Token, table: TriggerTable) -> bool:
    if child.dep_ in PRESUPPOSED_DEPS:
        return True
    if child.dep_ == "prep" and child.lemma_.lower() in table.casualty_preps:
        return True  # "killed in the strike": the strike is not what is doubted or denied
    if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
    return head.pos_ in ("VERB", "AUX") and child.dep_ == "advcl" and child.lemma_.lower() in table.casualty_preps




def _negated(tok: Token) -> bool:
    """Negated itself or through the verb it completes: "could not verify", "was not able to
    confirm", "unable to verify", "has yet to be confirmed", "impossible to determine"."""
    return not_done(tok, UNABLE, 4, frozenset({"xcomp", "acomp", "attr"}))




def _is_unknown(head: Token, table: TriggerTable) -> bool:
    for pred in predicates(head):
        lemma = pred.lemma_.lower()
        if lemma in table.uncertain:
            return True
        if _knowing(pred, table) and (_negated(pred) or _negated(head)):
            return True
    # "the attack has yet to be confirmed": the subject of "has" is what is not yet known
    return any(still_to_come(c) for c in head.children) and any(
        c.dep_ == "xcomp" and _knowing(c, table) for c in head.children)


def _knowing(tok: Token, table: TriggerTable) -> bool:
    if tok.pos_ in ("VERB", "AUX"):
        return tok.lemma_.lower() in table.knowing_verbs
    return tok.lemma_.lower() in table.knowing_words or tok.lower_ in table.knowing_words


def _passive_subject(child: Token, head: Token) -> bool:
    """ "the attack has not been confirmed", "the attack has yet to be confirmed"."""
    return child.dep_ == "nsubjpass" or (child.dep_ == "nsubj" and any(still_to_come(c) for c in head.children))


def _is_false(head: Token, table: TriggerTable) -> bool:
    for pred in predicates(head):
        lemma, lower = pred.lemma_.lower(), pred.lower_
        if (lemma in table.false_words or lower in table.false_words) and not _negated(pred):
            return pred.i == head.i or not _negated(head)
        if (lemma in table.true_words or lower in table.true_words) and (_negated(pred) or _negated(head)):
            return True  # "is not true", "cannot be correct"
    return False


def _false_noun(noun: Token, table: TriggerTable) -> bool:
    """A report or story called false by its modifier: "fake news", "baseless accusations"; not a
    "false flag" attack, which is one said to be staged by its victim's side."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    doc = noun.doc
    for c in noun.children:
        if c.dep_ == "amod" and (c.lower_ in table.false_words or c.lemma_.lower() in table.false_words):
            after = doc[c.i + 1] if c.i + 1 < len(doc) else None
            if after is None or after.lemma_.lower() not in table.false_exceptions:
                return True
    return False


def _that_clause(child: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
