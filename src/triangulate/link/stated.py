"""A fact claim met in the reports' own sentences: those that state it or its opposite, and who says them.

A claim is read as units: each actor it names (met by any mention of the same actor, "the US" for
"the United States") and each other content word (met by the same stem, or a word of the same
predicate class in links.yaml). A sentence states the claim when it holds the claim's key predicate
(its main verb, or what "is" says: "was in the Kremlin") and at least `UNIT_COVER` of its units.
It states the opposite when that predicate is negated, denied or said by an opposite predicate
("survived" against "died"). A sentence inside a stored claim is that claim's speaker's word, with
its factuality: a speaker who denies what the sentence says holds the opposite, an uncommitted one
holds nothing.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from triangulate.base.numbers import number_value
from triangulate.link.lexicon import load_lexicon
from triangulate.read.nlp import parse_many
from triangulate.read.tokens import span_at
from triangulate.records import ActorMention, AnalyzedDocument, Claim, is_generic_actor

UNIT_COVER = 0.4  # share of the claim's units a sentence must hold to speak of the same proposition
LIGHT_VERBS = frozenset({"be", "have", "do", "get", "seem", "remain"})
KEY_DEPS = ("attr", "acomp", "dobj", "oprd")
DENIALS = frozenset({"deny", "reject", "refute", "dismiss", "dispute", "rule"})
NEGATORS = frozenset({"no", "never", "not", "n't", "nobody", "none", "neither", "nor"})
COMMITTED = ("CT", "PR")
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+|\n+")


@dataclass(frozen=True)
class Stated:
    """A report sentence that says the claim (agrees) or its opposite, and the stored claim it lies in."""

    doc: AnalyzedDocument
    start: int
    end: int
    text: str
    agrees: bool
    claim: Claim | None


@dataclass(frozen=True)
class _Reading:
    units: list[frozenset[str]]  # each unit: the keys any one of which meets it
    key: frozenset[str]  # the key predicate's keys
    opposite: frozenset[str]  # keys of predicates that say the opposite
    entailed: frozenset[str]  # keys of predicates the key entails: negated, they say the opposite ("not hit")
    entailing: frozenset[str]  # keys of predicates that entail the key: asserted, they say it ("destroyed" is "hit")
    negated: bool  # the claim itself is negative ("X did not ...")
    subject: frozenset[str]  # keys of the claim's subject (empty: it has none, or it is the deed itself)
    done_to: frozenset[str] = frozenset()  # keys of what the key predicate is done to ("struck [the mall]")
    passive: bool = False  # the subject is what the deed was done to ("Kim was killed with VX")
    means: frozenset[str] = frozenset()  # keys of the deed's doer or means ("killed [by a car bomb]", "[with VX]")
    count: tuple[float, bool] | None = None  # how many it was done to, and whether only about ("killed [six] people")

    @property
    def told(self) -> frozenset[str]:
        """The keys of any word that may say the claim or its opposite."""
        return self.key | self.opposite | self.entailed | self.entailing


def stem(word: str) -> str:
    """A word without its inflection ending, kept at four letters at least."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _keys(token: Token) -> frozenset[str]:
    """What meets a word: its stem, its lemma's stem and its predicate class."""
    lexicon = load_lexicon()
    keys = {stem(token.lower_), stem(token.lemma_.lower())}
    for word in (token.lower_, token.lemma_.lower()):
        name = lexicon.predicate_class((word,))
        if name is not None:
            keys.add(f"class:{name}")
    return frozenset(keys)


def _related(keys: frozenset[str], relation: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """The class keys a relation of predicate classes gives the keys' classes."""
    return frozenset(f"class:{c}" for key in keys if key.startswith("class:") for c in relation.get(key[6:], ()))


def _entailed(keys: frozenset[str]) -> frozenset[str]:
    return _related(keys, load_lexicon().entailments)


def _entailing(keys: frozenset[str]) -> frozenset[str]:
    entailments = load_lexicon().entailments
    return _related(keys, {c: [a for a, implied in entailments.items() if c in implied]
                           for c in set().union(*entailments.values())})


def _opposites(keys: frozenset[str]) -> frozenset[str]:
    return _related(keys, load_lexicon().opposites)


def _main_clause(root: Token) -> list[Token]:
    """The root's clause without its adverbial and relative clauses ("... when the drones were brought down")."""
    skip = {t.i for c in root.children if c.dep_ in ("advcl", "relcl", "ccomp", "parataxis") for t in c.subtree}
    return [t for t in root.subtree if t.i not in skip]


def _is_content(token: Token) -> bool:
    filler = load_lexicon().filler_words
    return token.is_alpha and not token.is_stop and token.lower_ not in STOP_WORDS and token.lower_ not in filler


def read_claim_units(doc: Doc, mentions: Sequence[ActorMention]) -> _Reading | None:
    """The claim's units and key predicate, or None when it has no predicate to look for."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    key_token: Token | None = root
    # "(admitted) involvement in the bombing": a noun of a predicate is the key, not what it is about
    classes = {k[6:] for k in _keys(root) if k.startswith("class:")} - load_lexicon().weak_predicates
    if root.lemma_.lower() in LIGHT_VERBS or (root.pos_ not in ("VERB", "AUX") and not classes):
        comps = [c for c in root.children if c.dep_ in KEY_DEPS]
        comps += [g for c in root.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        key_token = comps[0] if comps else None
    if key_token is None:
        return None
    named = [m for m in mentions if not is_generic_actor(m.actor_id)]
    units: list[frozenset[str]] = []
    covered: set[int] = set()
    for mention in named:
        span = span_at(doc, mention.start, mention.end)
        if span is None or span.root.i in covered or not any(t.i == span.root.i for t in _main_clause(root)):
            continue
        covered |= {t.i for t in span}
        words = frozenset(stem(w) for w in _WORD.findall(mention.text.lower()) if w not in STOP_WORDS)
        units.append(frozenset({f"actor:{mention.actor_id}"}) | words)
    for token in _main_clause(root):
        if token.i not in covered and _is_content(token):
            units.append(_keys(token))
    key = _keys(key_token)
    negated = any(c.dep_ == "neg" for c in root.children)
    subject = _subject(root)
    # "the strike destroyed the airbase": a deed for a subject says nothing of who did it; any doer's sentence
    # doing the same to the same thing tells it
    deed = subject is not None and subject.pos_ == "NOUN" \
        and any(k[6:] in load_lexicon().deed_classes for k in _keys(subject) if k.startswith("class:"))
    who = _phrase_keys(subject, mentions, 0) if subject is not None and not deed else frozenset()
    thing = _done_to(key_token)
    done_to = _phrase_keys(thing, mentions, 0) if thing is not None else frozenset()
    passive = subject is not None and subject.dep_ == "nsubjpass"
    means = _means(key_token)
    means_keys = _phrase_keys(means, mentions, 0) if means is not None else frozenset()
    count = _count(thing) if thing is not None else None
    return _Reading(units, key, _opposites(key), _entailed(key), _entailing(key), negated, who, done_to, passive,
                    means_keys, count) if units else None


def _means(token: Token) -> Token | None:
    """The doer or means a deed is told with ("killed by a car bomb", "killed with a nerve agent")."""
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "with" and token.pos_ == "VERB"):
            thing = next((g for g in child.children if g.dep_ == "pobj"), None)
            if thing is not None:
                return thing
    return None


APPROXIMATE = frozenset({"around", "about", "nearly", "some", "approximately", "almost", "roughly", "over", "more",
                         "at", "up"})


def _count(thing: Token) -> tuple[float, bool] | None:
    """The number a deed was done to ("six people", "killed six"), and whether it is given only about."""
    number = thing if thing.pos_ == "NUM" else next((c for c in thing.children if c.dep_ == "nummod"), None)
    value = number_value(number.text) if number is not None else None
    if number is None or value is None:
        return None
    return value, any(c.lower_ in APPROXIMATE for c in number.children)


def _same_count(wanted: tuple[float, bool], thing: Token | None) -> bool:
    """The sentence gives the claim's number for what the deed was done to (about it, when the claim says about)."""
    found = _count(thing) if thing is not None else None
    if found is None:
        return False
    (value, about), (other, other_about) = wanted, found
    return value == other or ((about or other_about) and abs(value - other) <= 0.2 * max(value, other))


def _done_to(token: Token) -> Token | None:
    """What a predicate is done to: its object ("struck the mall"), a passive clause's subject ("the mall was
    struck"), or a noun's "on"/"against" phrase ("the strike on the mall")."""
    thing = next((c for c in token.children if c.dep_ == "dobj"), None)
    if thing is None and token.pos_ in ("VERB", "AUX"):
        thing = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if thing is None:
        thing = next((g for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "at")
                      for g in c.children if g.dep_ == "pobj"), None)
    if thing is None and token.pos_ == "VERB":
        # the parse lost the object ("struck a depot housing arms" read "depot" as a modifier): the noun after it
        after = next((t for t in token.doc[token.i + 1:token.i + 5] if t.pos_ not in ("DET", "ADJ", "NUM")), None)
        thing = after if after is not None and after.pos_ in ("NOUN", "PROPN") else None
    return thing


def _subject(clause: Token) -> Token | None:
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.tag_ in ("WDT", "WP") and clause.dep_ == "relcl":
        return clause.head  # "the US, which launched strikes": the noun the clause is about
    return subject


NAME_DEPS = frozenset({"compound", "flat", "appos", "conj"})


def _core(head: Token) -> list[Token]:
    """A noun phrase's head with its name parts and conjuncts, without what it merely owns or is of
    ("Putin's Kremlin residence" is a residence)."""
    found = [head]
    for child in head.children:
        if child.dep_ in NAME_DEPS:
            found += _core(child)
    return found


def _phrase_keys(head: Token, mentions: Sequence[ActorMention], offset: int) -> frozenset[str]:
    """What a phrase names: the words of its core and the actors mentioned there (`offset`: where its text
    starts)."""
    tokens = _core(head)
    keys = {k for t in tokens if _is_content(t) for k in _keys(t) if not k.startswith("class:")}
    # a compound is one word spelled either way ("an air base" names the airbase)
    keys |= {stem(c.lower_ + t.lower_) for t in tokens for c in t.children
             if c.dep_ == "compound" and c.i == t.i - 1 and c.is_alpha and t.is_alpha}
    for token in tokens:
        lo, hi = token.idx + offset, token.idx + len(token) + offset
        keys |= {f"actor:{m.actor_id}" for m in mentions
                 if m.start < hi and m.end > lo and not is_generic_actor(m.actor_id)}
    return frozenset(keys)


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _sentence_keys(doc: AnalyzedDocument, start: int, end: int) -> set[str]:
    text = doc.document.text[start:end].lower()
    keys = {stem(w) for w in _WORD.findall(text)}
    keys |= {f"actor:{m.actor_id}" for m in doc.mentions if start <= m.start and m.end <= end}
    lexicon = load_lexicon()
    words = tuple(_WORD.findall(text))
    for i in range(len(words)):
        for n in (1, 2):
            name = lexicon.predicate_class(words[i:i + n])
            if name is not None:
                keys.add(f"class:{name}")
    # two words spelled as one elsewhere ("air base", "airbase"): the joined word meets it
    keys |= {stem(a + b) for a, b in pairwise(words)
             if len(a) >= 3 and len(b) >= 3 and a.isalpha() and b.isalpha()}
    return keys


def _cover(reading: _Reading, keys: set[str]) -> float:
    """The share of the claim's units the sentence holds; its opposite predicate holds the key's unit."""
    other = reading.opposite | reading.entailed | reading.entailing
    held = sum(1 for unit in reading.units if unit & keys or (unit & reading.key and other & keys))
    return held / len(reading.units)


def _clause_head(token: Token) -> Token:
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head


def _negated_at(sentence: Doc, keys: frozenset[str], reading: _Reading, doc: AnalyzedDocument,
               offset: int) -> bool | None:
    """Whether the sentence's word for the key predicate is negated or denied (None: the word is not there,
    or not said of the claim's subject)."""
    found = [t for t in sentence if _keys(t) & keys]
    if reading.subject:
        # ... or a negated passive naming no doer ("the mayor has not been arrested"): nobody did it
        # the other voice: "X was arrested by police" tells "police arrested X", "VX killed Kim" tells "Kim was killed"
        found = [t for t in found if _said_of(t, reading.subject, doc, offset)
                 or (reading.passive and t.pos_ == "VERB" and _done_to_keys(t, doc, offset) & reading.subject)
                 or (not reading.passive and _agent_keys(t, doc, offset) & reading.subject)
                 or _undone_to(t, reading.done_to, doc, offset)]
    if reading.done_to:
        # "struck a depot" does not say "struck the mall" (a word done to nothing named may)
        found = [t for t in found if (thing := _done_to(t)) is None
                 or _phrase_keys(thing, doc.mentions, offset) & reading.done_to]
    if reading.count is not None:
        # "killed six people" is not said by "killed two militants", nor by "killed people"
        wanted = reading.count
        found = [t for t in found if _same_count(wanted, _done_to(t))]
    if not found:
        return None
    for token in found:
        clause = _clause_head(token)
        if any(c.dep_ == "neg" for t in (token, clause) for c in t.children):
            return True  # "was not in the Kremlin", "did not die"
        if any(c.dep_ == "det" and c.lower_ in NEGATORS for c in token.children):
            return True  # "no strikes"
        if clause.dep_ in ("ccomp", "xcomp") and clause.head.lemma_.lower() in DENIALS:
            return True  # "denied that it launched strikes"
        if clause.dep_ in ("acl", "ccomp") and clause.head.dep_ == "dobj" and clause.head.head.lemma_.lower() in DENIALS \
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            return True  # "rejected a finding that VX killed him", "dismissed claims that it struck"
        if token.dep_ == "dobj" and token.head.lemma_.lower() in DENIALS:
            return True  # "denied involvement"
    return False


def _done_to_keys(token: Token, doc: AnalyzedDocument, offset: int) -> frozenset[str]:
    """What the word's deed is done to, as keys ("killed [Kim Jong Nam]")."""
    thing = _done_to(token)
    return _phrase_keys(thing, doc.mentions, offset) if thing is not None else frozenset()


def _agent_keys(token: Token, doc: AnalyzedDocument, offset: int) -> frozenset[str]:
    """Who a passive's agent names ("arrested [by police]")."""
    agent = next((g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    return _phrase_keys(agent, doc.mentions, offset) if agent is not None else frozenset()


def _undone_to(token: Token, done_to: frozenset[str], doc: AnalyzedDocument, offset: int) -> bool:
    """A negated passive of the deed with no agent, done to what the claim names ("was never arrested")."""
    passive = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    return bool(done_to) and passive is not None and not any(c.dep_ == "agent" for c in token.children) \
        and any(c.dep_ == "neg" for c in token.children) and bool(_phrase_keys(passive, doc.mentions, offset) & done_to)


def claim_deed(claim_doc: Doc, mentions: Sequence[ActorMention]) -> tuple[frozenset[str], frozenset[str]]:
    """The claim's key predicate and what it is done to ("striking [the Kremenchuk shopping mall]"), as keys."""
    reading = read_claim_units(claim_doc, mentions)
    return (reading.key, reading.done_to) if reading is not None else (frozenset(), frozenset())


def done_elsewhere(deed: tuple[frozenset[str], frozenset[str]], doc: AnalyzedDocument, start: int, end: int) -> bool:
    """The report's words at `start:end` do the claim's deed (`claim_deed`) only to something else ("struck a
    depot" for a claim of striking the mall): a statement there says nothing of the claim."""
    key, wanted = deed
    if not wanted:
        return False
    (sentence,) = parse_many([doc.document.text[start:end]])
    things = [thing for t in sentence if _keys(t) & key and (thing := _done_to(t)) is not None]
    return bool(things) and not any(_phrase_keys(thing, doc.mentions, start) & wanted for thing in things)


def _said_of(token: Token, subject: frozenset[str], doc: AnalyzedDocument, offset: int) -> bool:
    """Whether the clause of the word has the claim's subject for its own ("the Skripals survived", not "the
    attack left one citizen dead")."""
    clause = _clause_head(token)
    own = _subject(clause)
    while own is None and clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
        clause = clause.head  # "the strike killed one, injured 32 and did not hit an air base": the first's subject
        own = _subject(clause)
    return own is not None and bool(_phrase_keys(own, doc.mentions, offset) & subject)


def _holder(doc: AnalyzedDocument, start: int, end: int) -> Claim | None:
    """The stored claim whose content holds most of the sentence."""
    best: tuple[int, Claim] | None = None
    for claim in doc.claims:
        overlap = min(end, claim.content.end) - max(start, claim.content.start)
        if overlap > (end - start) // 3 and (best is None or overlap > best[0]):
            best = (overlap, claim)
    return best[1] if best else None


def _holds(reading: _Reading, sides: list[frozenset[str]], doc: AnalyzedDocument, holder: Claim) -> bool:
    """What the sentence states lies inside what its holder says, not only beside it in the sentence."""
    keys = _sentence_keys(doc, holder.content.start, holder.content.end)
    return bool(keys & reading.told) and _cover(reading, keys) >= UNIT_COVER and all(unit & keys for unit in sides)


def _provisional(unit: frozenset[str]) -> frozenset[str]:
    return frozenset(k for k in unit if k.startswith("actor:prov:"))


WEEKDAYS = frozenset(day.lower() for day in calendar.day_name)
_WEEKDAY = re.compile(r"\b(?:" + "|".join(sorted(WEEKDAYS)) + r")\b", re.I)


def _other_weekday(sentence: str, weekdays: frozenset[str]) -> bool:
    """The sentence names a weekday, none of the claim's."""
    named = {m.group().lower() for m in _WEEKDAY.finditer(sentence)}
    return bool(named) and not named & weekdays


def stated(claim_doc: Doc, mentions: Sequence[ActorMention], docs: Sequence[AnalyzedDocument]) -> list[Stated]:
    """The sentences of `docs` that state the claim or its opposite, with whether they agree."""
    reading = read_claim_units(claim_doc, mentions)
    if reading is None:
        return []
    # a sentence naming none of a side the claim names says nothing of it ("Ankara blamed Iran" is not stated
    # by Ankara's sentences blaming the PKK)
    # a name no actor list knows counts as a side only as the claim's subject or what its deed is done to (the
    # Cheonan of "the evidence pointed to a torpedo in the Cheonan sinking" is a thing, not a side)
    sides = [unit for unit in reading.units if any(k.startswith("actor:") and not k.startswith("actor:prov:")
                                                   for k in unit) or _provisional(unit) & (reading.subject | reading.done_to)]
    # ... nor one naming none of the deed's doer or means ("was shot dead" says nothing of "killed by a car bomb")
    sides += [reading.means] if reading.means else []
    # a sentence dating the deed to another weekday ("on Sunday") does not state it done "on Friday"
    weekdays = WEEKDAYS & {t.lower_ for t in claim_doc}
    candidates: list[tuple[AnalyzedDocument, int, int]] = []
    for doc in docs:
        for start, end in _sentences(doc.document.text):
            keys = _sentence_keys(doc, start, end)
            if keys & reading.told and _cover(reading, keys) >= UNIT_COVER and all(unit & keys for unit in sides) \
                    and not (weekdays and _other_weekday(doc.document.text[start:end], weekdays)):
                candidates.append((doc, start, end))
    parsed = parse_many([d.document.text[s:e] for d, s, e in candidates])
    found: list[Stated] = []
    for (doc, start, end), sentence in zip(candidates, parsed, strict=True):
        negated = _negated_at(sentence, reading.key, reading, doc, start)
        if negated is None:
            opposite = _negated_at(sentence, reading.opposite, reading, doc, start)
            if opposite is None:
                # "did not hit the air base" says it was not destroyed; "hit it" does not say it was
                # ... and "destroyed the airbase" says it was hit; "did not destroy it" does not say it was not
                if _negated_at(sentence, reading.entailed, reading, doc, start):
                    opposite = False
                elif _negated_at(sentence, reading.entailing, reading, doc, start) is False:
                    opposite = True
                else:
                    continue
            negated = not opposite  # "survived" says "did not die"
        agrees = negated == reading.negated
        holder = _holder(doc, start, end)
        if holder is not None and not _holds(reading, sides, doc, holder):
            holder = None  # "the convoy was hit hours after the army declared a truce": the report's own telling
        if holder is not None:
            if not holder.factuality.startswith(COMMITTED):
                continue  # "could not confirm", "may have": uncommitted, says nothing either way
            if holder.factuality.endswith("-") and not negated:
                agrees = not agrees  # a denial cue; a negation in the content is in the factuality already
        found.append(Stated(doc, start, end, doc.document.text[start:end], agrees, holder))
        answer = _answer(doc, end)
        if answer is not None and answer.factuality.startswith(COMMITTED):
            # "Russia denies this": the next sentence's speaker holds the opposite (or confirms it)
            said = answer.evidence[0] if answer.evidence else answer.content
            found.append(Stated(doc, said.start, said.end, said.text, agrees != answer.factuality.endswith("-"), answer))
    return found


ANSWERED = frozenset({"this", "that", "it", "so", "these", "those"})  # what an answer points back with


def _answer(doc: AnalyzedDocument, end: int) -> Claim | None:
    """A stored claim opening the sentence right after `end` whose content only points back at what was just
    said ("Russia denies this", "The ministry rejected the claims"): an answer to that sentence."""
    nouns = load_lexicon().allegation_nouns | {"claim", "claims", "report", "reports"}
    for claim in doc.claims:
        words = _WORD.findall(claim.content.text.lower())
        opens = claim.evidence[0].start if claim.evidence else claim.content.start
        if words and len(words) <= 2 and (words[0] in ANSWERED or words[-1] in nouns) \
                and 0 <= opens - end <= 3 and not doc.document.text[end:opens].strip():
            return claim
    return None
