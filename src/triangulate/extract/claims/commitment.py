"""Contents that say their own matter is not known ("it is unclear whether") or not true ("is false")."""

from __future__ import annotations

from spacy.tokens import Token

from triangulate.extract.claims.cues import CueTable
from triangulate.extract.clauses import COPULAS, not_done, predicates

# Heads over an infinitive that say it was not or could not be done: "unable to verify",
# "failed to confirm", "declined to confirm", "impossible to determine".
UNABLE = frozenset({"unable", "impossible", "fail", "incapable", "refuse", "decline"})






def unable(verb: Token) -> bool:
    """A verb the speaker could not or did not get to do: "could not verify", "has yet to confirm",
    "were unable to confirm", "was not able to verify", "failed to confirm", "never confirmed"."""
    return not_done(verb, UNABLE, 3, frozenset({"xcomp", "acomp"}))


def uncommitted(head: Token | None, table: CueTable) -> bool:
    """The content says its matter is not known: "it was unclear whether", "I don't know whether",
    "it was impossible to determine", "it has yet to be confirmed"."""
    if head is None:
        return False
    for pred in predicates(head):
        lemma = pred.lemma_.lower()
        if lemma in table.content_uncertain:
            return True
        if lemma in table.content_knowing and (unable(pred) or unable(head)):
            return True
        if lemma in UNABLE and any(c.dep_ == "xcomp" and c.lemma_.lower() in table.content_knowing
                                   for c in pred.children):
            return True  # "impossible to determine who fired"
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in table.content_knowing and unable(c)
               for c in head.children)


def false_content(head: Token | None, table: CueTable) -> bool:
    """The content calls a claim false: "the claim ... is false", "it was impossible that ...",
    "the report was a lie", "the accusations are baseless". An infinitive ("impossible to escape")
    is no claim called false."""
    if head is None:
        return False
    for pred in predicates(head):
        if pred.pos_ in ("VERB", "AUX") and pred.i == head.i and head.lemma_.lower() in COPULAS:
            continue
        lemma, lower = pred.lemma_.lower(), pred.lower_
        if (lemma in table.content_false or lower in table.content_false) and not any(
                c.dep_ == "xcomp" for c in (*pred.children, *head.children)):
            return True
    return False
