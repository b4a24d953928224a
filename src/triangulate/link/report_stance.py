"""What the FNC-1 stance model's reading of each stored report counts for in `check`, where no statement answers.

The model reads a claim against a report's sentences (agree, disagree, discuss). Its reading counts only on a
sentence about the claim (holding half its content words at least). An agreement counts only in a report that
holds most of what the claim adds to the story the reports share (its words that at most half the reports use:
"by a car bomb", "Germany expelled"), never where the claim names someone or somewhere no report names, and on a
sentence giving the claim's counts ("killed six people"). A disagreement alone refutes nothing: the model's disagree is its weakest
class (F1 .22 on FNC-1's test), and a report hedging, or quoting a denial of something else, reads so; a sentence
holding nearly all the claim's words, none of them negated, says the claim whatever the model read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from triangulate.base.numbers import number_value
from triangulate.link.stance import ReportStance
from triangulate.link.stated import stem
from triangulate.read.nlp import parse
from triangulate.records import AnalyzedDocument

STANCE_MIN_SCORE = 0.0  # the stance model's agree/disagree count as they are (its class is already the likeliest)
# the model's agree/disagree counts only on a sentence holding at least this share of the claim's content
# words; one holding this much more, none of them negated, says the claim whatever the model reads
RELEVANT_COVER = 0.5
STATED_COVER = 0.8
DENIALS = frozenset({"deny", "reject", "refute", "dismiss", "dispute"})
_WORD = re.compile(r"[a-z0-9]+")
_COUNT = re.compile(r"[a-z]+|\d+(?:,\d{3})*")


def counted(reports: Sequence[ReportStance], claim: str, docs: Sequence[AnalyzedDocument] = ()) -> list[str]:
    """For each report, what its reading counts as: supports or discusses."""
    wanted = content_words(claim)
    words = {d.document.id: content_words(d.document.text) for d in docs}
    distinct = distinctive(wanted, list(words.values()))
    # a name no report asked about uses ("Germany expelled diplomats" where only Prague did): none agrees with it
    # (read once, and only for an agreement: it parses the claim)
    unnamed: list[bool] = []

    def names_unused() -> bool:
        if not unnamed:
            unnamed.append(bool(words) and bool(names(claim) - set().union(*words.values())))
        return unnamed[0]

    relations = []
    for report in reports:
        relation = report.relation if report.stance.score >= STANCE_MIN_SCORE else "discusses"
        sentences = [e.text for e in report.stance.evidence]
        if relation in ("supports", "contradicts") and max((cover(wanted, s) for s in sentences), default=0.0) \
                < RELEVANT_COVER:
            relation = "discusses"  # the model's verdict on a sentence about something else
        elif relation == "contradicts":
            # "brought down by a Buk missile, but it did not say who": the negation is elsewhere
            relation = "supports" if any(states(wanted, s) for s in sentences) else "discusses"
        if relation == "supports" and ((report.doc_id in words and 2 * len(distinct & words[report.doc_id])
                                        < len(distinct)) or names_unused()):
            relation = "discusses"  # it agrees with the story, not with what the claim adds to it
        if relation == "supports" and not counts(claim) <= {n for s in sentences for n in counts(s)}:
            relation = "discusses"  # "killed six people": a sentence giving no such count agrees with something else
        relations.append(relation)
    return relations


def counts(text: str) -> set[float]:
    """The counts a text gives in digits or number words ("six", "20"), not years nor the article "a"."""
    found = set()
    for word in _COUNT.findall(text.lower()):
        value = number_value(word) if word not in ("a", "an") else None
        if value is not None and not (word.isdigit() and len(word) == 4 and 1900 <= value <= 2100):
            found.add(value)
    return found


def distinctive(wanted: set[str], texts: list[set[str]]) -> set[str]:
    """The claim's words that at most half the reports asked about use: what it says beyond their common story."""
    return {w for w in wanted if 2 * sum(w in words for words in texts) <= len(texts)}


def content_words(text: str) -> set[str]:
    """The text's words but stop words and numbers, stemmed, accents off ("Vrbětice" is "Vrbetice")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return {stem(w) for w in _WORD.findall(plain) if w not in STOP_WORDS and not w.isdigit()}


def names(text: str) -> set[str]:
    """The proper names' words of a text, as `content_words` has them."""
    return {w for t in parse(text) if t.pos_ == "PROPN" for w in content_words(t.text)}


def cover(wanted: set[str], sentence: str) -> float:
    return len(wanted & content_words(sentence)) / len(wanted) if wanted else 0.0


def states(wanted: set[str], sentence: str) -> bool:
    """The sentence holds nearly all the claim's words, none of them negated or denied: it says it."""
    if cover(wanted, sentence) < STATED_COVER:
        return False
    doc = parse(sentence)
    said = [t for t in doc if stem(t.lower_) in wanted or stem(t.lemma_.lower()) in wanted]
    return not any(any(c.dep_ == "neg" for c in t.children) or t.head.lemma_.lower() in DENIALS for t in said)
