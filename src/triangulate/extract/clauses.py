"""Clause shapes the claim and event rules share: a copula's predicate word, a "yet to" still to come, a headline,
a place's holder, names a quantifier stands for."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from triangulate.read.nlp import doc_text

COPULAS = frozenset({"be", "remain", "seem", "appear", "become"})
PREDICATE_DEPS = frozenset({"acomp", "attr", "oprd"})
MAX_HEADLINE_CHARS = 200  # as the ingest's title rule
FLOATING_QUANTIFIERS = frozenset({"all", "both", "each"})


def predicates(head: Token) -> list[Token]:
    """The head and, for a copula, its predicate word: "is false", "was not clear", "is a lie"."""
    preds = [head]
    if head.lemma_.lower() in COPULAS:
        preds += [c for c in head.children if c.dep_ in PREDICATE_DEPS]
    return preds


def still_to_come(tok: Token) -> bool:
    """ "has yet to", "is yet to", "have not yet" (not a sentence-opening "Yet")."""
    return tok.lower_ == "yet" and tok.i > 0 and tok.doc[tok.i - 1].lemma_.lower() in ("have", "be", "not")


def not_done(verb: Token, unable: frozenset[str], depth: int, climb: frozenset[str]) -> bool:
    """A verb negated itself or through the verb it completes: "could not verify", "has yet to be
    confirmed", "were unable to confirm", "failed to verify", "impossible to determine". `unable`
    are the heads that say it was not done, `climb` the dependencies followed up to them."""
    cur = verb
    for _ in range(depth):
        for c in cur.children:
            if c.dep_ == "neg" or c.lower_ == "never" or still_to_come(c):
                return True
            if cur.i != verb.i and c.dep_ in PREDICATE_DEPS and c.lemma_.lower() in unable:
                return True
        if cur.i != verb.i and cur.lemma_.lower() in unable:
            return True
        if cur.dep_ in climb and cur.head.i != cur.i:
            cur = cur.head
        else:
            return False
    return False


def headline_end(doc: Doc, *, full_stop: bool = False) -> int:
    """Where the document's headline ends (0: none): a first line of at most 200 characters with a blank
    line after it and no full stop (some outlets end headlines with one: `full_stop=True` takes them
    too, where a lead sentence cannot mislead)."""
    end = doc_text(doc).find("\n\n")
    line = doc_text(doc)[:end].rstrip() if end > 0 else ""
    if not line or len(line) > MAX_HEADLINE_CHARS or "\n" in line:
        return 0
    return len(line) if full_stop or not line.endswith((".", "?", "!")) else 0


def in_headline(tok: Token, *, full_stop: bool = False) -> bool:
    """Whether a token is in the document's headline (see `headline_end`)."""
    # asked for every past-tense verb: most are too far in to be in a headline, and need no search
    return tok.idx < MAX_HEADLINE_CHARS and tok.idx < headline_end(tok.doc, full_stop=full_stop)


def holds_place(tok: Token, holders: frozenset[str]) -> bool:
    """ "Israeli-occupied Golan", "Russian-controlled Donetsk", "the Ukrainian-held town": a word of a
    hyphenated "X-held" modifier (X or the participle, `holders` its lemmas and forms) says who holds a
    place, not who did the deed the phrase names."""
    if not holders:
        return False
    doc = tok.doc
    if {tok.lemma_.lower(), tok.lower_} & holders and tok.i > 1 and doc[tok.i - 1].tag_ == "HYPH":
        return True
    after = tok.i + 2
    return after < len(doc) and doc[tok.i + 1].tag_ == "HYPH" and bool({doc[after].lemma_.lower(), doc[after].lower_} & holders)


def held_place(tok: Token, holders: frozenset[str]) -> bool:
    """A modifier that names a held place or its holder: "X-held" itself, a noun it modifies ("[Israeli-
    occupied] Golan"), or a later modifier of the same head ("the Russian-occupied [Melitopol] bombing")."""
    def holder(t: Token) -> bool:
        return holds_place(t, holders) or any(holds_place(c, holders) for c in t.lefts)

    head = tok.head
    return holder(tok) or (head.i != tok.i and any(s.i < tok.i and holder(s) for s in head.lefts))


def floated(subject: Token) -> Token:
    """ "with Germany and Italy both pointing the finger at Moscow": a quantifier after names stands for them."""
    if subject.lower_ not in FLOATING_QUANTIFIERS or subject.i == 0 or any(True for _ in subject.children):
        return subject
    named = subject.doc[subject.i - 1]
    if named.pos_ not in ("NOUN", "PROPN"):
        return subject
    while named.dep_ == "conj" and named.head.i < named.i:
        named = named.head  # the first of the names: its phrase holds the others
    return named
