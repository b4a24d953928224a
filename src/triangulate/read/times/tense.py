"""Whether the verb a date hangs on in the spaCy parse looks ahead (future) or back (past tense, perfect)."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

from triangulate.read.nlp import doc_text
from triangulate.read.times.calendar import load_vocab
from triangulate.read.tokens import span_at

# "would" is here for reported speech ("said the talks would resume on Tuesday").
_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo", "would"})
# "as soon as Tuesday", "as soon as trading opens Monday": a date waited for.
_AS_SOON_AS = re.compile(r"\bas\s+soon\s+as\b[^.;:]{0,60}$", re.IGNORECASE)


_DEADLINE_BEFORE = re.compile(r"\b(?:until|till|by)\s+$", re.IGNORECASE)


# dates a report announces: dividends, expiries, maturities
_AHEAD_CUE = re.compile(r"(?<!\bwas\s)(?<!\bwere\s)(?<!\bhad\s)\b(?:payable|(?:holders|stock|shareholders)\s+of\s+record|"
                        r"expir(?:es?|ing)|matur(?:es?|ing)|due|effective|ending)\s+(?:on\s+|as\s+of\s+|in\s+)?$", re.IGNORECASE)


_SCHEDULED_EVENTS = frozenset({"meet", "begin", "start", "open", "resume", "arrive", "leave", "visit", "vote",
                               "convene", "reconvene", "travel", "fly", "depart"})


def _future_checker(doc: Doc) -> Callable[[int, int], bool]:
    governors = load_vocab().future_governors

    def future_at(start: int, end: int) -> bool:
        span = span_at(doc, start, end)
        if span is None or len(span) == 0:
            return False
        sentence_start = span.sent.start_char if doc.has_annotation("SENT_START") else 0
        if _AS_SOON_AS.search(doc_text(doc)[max(sentence_start, start - 80):start]):
            return True
        if _AHEAD_CUE.search(doc_text(doc)[max(sentence_start, start - 24):start]):
            return True  # "payable Feb. 1 to holders of record Jan. 5", "expiring March 15"
        tok = span.root
        for _ in range(4):
            if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
                break
            tok = tok.head
        children = list(tok.children)
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in children):
            return True
        # the present progressive ("is meeting Tuesday"), not the perfect ("have been searching since")
        if tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_ == "be"
                                     for c in children):
            return True
        if tok.tag_ == "VB" and any(c.lower_ == "to" for c in children):
            # "is to meet Monday" (not "was to meet")
            return tok.head.lemma_ in governors or (tok.head.lemma_ == "be" and tok.head.tag_ in ("VBZ", "VBP"))
        # the present of a scheduled event: "they meet Monday", "the talks resume Tuesday"
        if (tok.tag_ in ("VBZ", "VBP") and tok.lemma_ in _SCHEDULED_EVENTS
                and not any(c.dep_ in ("aux", "auxpass") for c in children)):
            return True
        # scheduled in the present: "the vote is scheduled for Tuesday", "the budget is due Friday"
        present_be = any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in children)
        if tok.tag_ == "VBN" and tok.lemma_ in governors and present_be:
            return True
        if tok.lemma_ == "be" and tok.tag_ in ("VBZ", "VBP") and any(c.dep_ == "acomp" and c.lower_ == "due"
                                                                       for c in children):
            return True
        # a deadline in the present ("has given them until 9 a.m. Tuesday", "must decide by Friday")
        if _DEADLINE_BEFORE.search(doc_text(doc)[max(sentence_start, start - 8):start]):
            return tok.tag_ in ("VBZ", "VBP", "VB") or (
                tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in children))
        return False

    return future_at


# A date after these is not before the verb's time ("extended to Nov. 20", "delayed until January").
_AHEAD_PREPOSITIONS = frozenset({"to", "until", "till", "til", "through", "by", "for", "before", "ahead"})
_ENDED_BEFORE = re.compile(r"\bended\s+(?:on\s+)?$", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:early\s+|late\s+|mid-?)?$", re.IGNORECASE)


def _past_checker(doc: Doc) -> Callable[[int, int], bool]:
    """Whether a date without a year hangs on a verb in the past tense or the perfect.

    "Sales rose in January", "the company was founded in December", "prices have fallen since
    Dec. 1": before publication however close ahead the month lies. Not after "to", "until", "by"
    ("extended to Nov. 20"), nor on verbs that fix or move dates ("set Nov. 10 as the deadline"),
    nor on "be" (reported speech shifts it back: "said the payment was due Dec. 1").
    """
    schedule = load_vocab().schedule_verbs

    def past_at(start: int, end: int) -> bool:
        if _SINCE_BEFORE.search(doc_text(doc)[max(0, start - 16):start]):
            return True
        if _ENDED_BEFORE.search(doc_text(doc)[max(0, start - 10):start]):
            return True  # "the quarter ended Dec. 31" ("ending" looks ahead)
        span = span_at(doc, start, end)
        if span is None or len(span) == 0:
            return False
        tok = span.root
        if tok.dep_ == "pobj":
            if tok.head.lower_ in _AHEAD_PREPOSITIONS:
                return False
            tok = tok.head
        verb = tok.head
        if verb.pos_ != "VERB" or verb.lemma_ in schedule or tok.dep_ not in ("prep", "npadvmod", "nmod", "dobj"):
            return False
        children = list(verb.children)
        if any(c.dep_ == "aux" and (c.lower_ in _FUTURE_AUX or c.tag_ == "MD") for c in children):
            return False
        if verb.tag_ == "VBD":
            return True
        return verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lemma_ in ("have", "be")
                                          and c.tag_ in ("VBD", "VBZ", "VBP") for c in children)

    return past_at
