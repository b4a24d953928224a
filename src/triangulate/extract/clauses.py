"""Clause shapes the claim and event rules share: a copula's predicate word, a "yet to" still to come."""

from __future__ import annotations

from spacy.tokens import Token

COPULAS = frozenset({"be", "remain", "seem", "appear", "become"})
PREDICATE_DEPS = frozenset({"acomp", "attr", "oprd"})


def predicates(head: Token) -> list[Token]:
    """The head and, for a copula, its predicate word: "is false", "was not clear", "is a lie"."""
    preds = [head]
    if head.lemma_.lower() in COPULAS:
        preds += [c for c in head.children if c.dep_ in PREDICATE_DEPS]
    return preds


def still_to_come(tok: Token) -> bool:
    """ "has yet to", "is yet to", "have not yet" (not a sentence-opening "Yet")."""
    return tok.lower_ == "yet" and tok.i > 0 and tok.doc[tok.i - 1].lemma_.lower() in ("have", "be", "not")
