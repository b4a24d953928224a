"""events: the PLOVER coder.

Triggers (verb lemmas, nouns, short phrases) come from data/triggers.yaml; who did what to
whom comes from the dependency parse; actor ids, places and dates come from the read stage's
mentions that overlap the argument phrases. Modality is judged from the sentence itself;
reported speech is the claims stage's business (see extract/__init__.py).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from triangulate.read.actors import UNKNOWN_COUNTRY, ActorDictionary
from triangulate.records import (
    PLOVER_TYPES,
    Actor,
    ActorMention,
    Event,
    EventDate,
    Modality,
    Place,
    ReadDoc,
    Span,
    TimeRef,
)

TRIGGERS_FILE = "triggers.yaml"

# Closed grammatical sets (not curated knowledge).
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
TARGET_PREPS = frozenset({"on", "against", "at", "upon", "targeting", "toward", "towards", "into"})
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "parataxis", "conj", "csubj", "acl", "appos", "mark"})
PHRASE_CUT_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "parataxis", "ccomp", "cc", "prep", "punct", "csubj", "nsubj"})
KEPT_PREPS = frozenset({"of"})
ENTITY_SKIP = frozenset({"ORG", "PERSON", "GPE", "FAC", "LOC", "WORK_OF_ART", "LAW", "NORP", "EVENT"})
OWNER_ENTS = frozenset({"NORP", "ORG", "PERSON"})  # "the village of Dardara" names, not owns
PHRASE_DEPS = frozenset({"compound", "amod", "prt", "dobj", "det", "prep", "pobj", "nmod", "punct", "nummod", "npadvmod"})
ACTOR_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
TARGET_OF_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "RETREAT"})
NOT_TARGET_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
PLACE_NOUNS = frozenset({"location", "area", "place", "locality", "spot", "vicinity", "region", "district"})
FOLD_PREPS = frozenset({"in", "during", "by", "after", "from"})
VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST"})
# cooperative and consultative events whose partner is a "with"/"between" object ("restored ties
# with Gondor", "agrees with France", "talks between X and Y")
PARTNER_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE"})
PARTNER_PREPS = frozenset({"with", "between"})
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a": 1, "an": 1, "dozen": 12,
}
NONE_WORDS = frozenset({"no", "neither", "nor", "zero"})
NOBODY_WORDS = frozenset({"nobody", "none", "noone"})
CLASH_LEMMAS = frozenset({"clash", "fight", "battle", "exchange", "skirmish"})
NAME_PARTICLES = frozenset({"al", "el", "as", "ash", "ad", "an", "ar", "at", "the", "of", "de", "del", "da", "do", "la", "le"})
RIOT_WINDOW_CHARS = 300  # how far after a protest's sentence the crowd's violence still belongs to it


# ------------------------------------------------------------------------- the dictionary


@dataclass(frozen=True)
class TriggerRule:
    lemmas: tuple[str, ...]
    type: str
    mode: str | None = None  # "auto": from mode cues
    default_mode: str | None = None
    pos: str = "any"
    near: frozenset[str] = frozenset()
    not_near: frozenset[str] = frozenset()
    subject: frozenset[str] = frozenset()
    governor: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ModeCue:
    mode: str
    words: frozenset[str]


@dataclass(frozen=True)
class Sides:
    """triggers.yaml `sides`: who an event's implicit sides are (roles of agents.yaml)."""

    protest_source: str = "PRO"
    riot_source: str = "RIO"
    riot_modes: frozenset[str] = frozenset({"riot", "vandalize"})
    unnamed_attacker: str = "UNK"
    unnamed_attacker_by_mode: tuple[tuple[str, str], ...] = ()
    unnamed_attacker_of: tuple[tuple[str, str], ...] = ()  # target sector -> attacker role
    unnamed_arrester: str = "POL"
    unarmed_target: str = "CIV"
    intervention_types: tuple[str, ...] = ()
    armed_sectors: frozenset[str] = frozenset()
    armed_words: tuple[str, ...] = ()
    riot_cues: tuple[str, ...] = ()  # violence by a crowd near a protest: it was a riot
    civilian_words: tuple[str, ...] = ()  # "an off-duty police officer": a civilian target
    mob_words: tuple[str, ...] = ()  # an attacker named by its people is a mob (rioters)
    not_mob_words: tuple[str, ...] = ()
    # a bare explosion ("explosions were heard", no device named) by no one named: whose
    unnamed_exploder: str | None = None
    device_words: tuple[str, ...] = ()
    # "fired at the governmental positions": a state's armed post named by no actor is its forces'
    state_post_modifiers: tuple[tuple[str, str], ...] = ()  # modifier -> role
    # fire at a place that hurt no one has no victim side ("regime forces shelled the village;
    # no casualties"): for these modes, and these target heads besides the report's places
    harmless_modes: frozenset[str] = frozenset()
    place_targets: frozenset[str] = frozenset()
    object_targets: frozenset[str] = frozenset()  # things a crowd burns or blocks: no victim
    # a clash whose trigger names two sides and whose text names neither ("a shoot-out took
    # place"): both sides are of this role (trigger word prefixes)
    unnamed_clash_words: tuple[str, ...] = ()
    unnamed_clash_role: str | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Sides:
        defaults = cls()
        return cls(
            protest_source=str(data.get("protest_source", defaults.protest_source)),
            riot_source=str(data.get("riot_source", defaults.riot_source)),
            riot_modes=_words(data.get("riot_modes", defaults.riot_modes)),
            unnamed_attacker=str(data.get("unnamed_attacker", defaults.unnamed_attacker)),
            unnamed_attacker_by_mode=tuple(
                (str(k), str(v)) for k, v in (data.get("unnamed_attacker_by_mode") or {}).items()
            ),
            unnamed_attacker_of=tuple(
                (str(k), str(v)) for k, v in (data.get("unnamed_attacker_of") or {}).items()
            ),
            unnamed_arrester=str(data.get("unnamed_arrester", defaults.unnamed_arrester)),
            unarmed_target=str(data.get("unarmed_target", defaults.unarmed_target)),
            intervention_types=tuple(str(t) for t in data.get("intervention_types", [])),
            armed_sectors=_words(data.get("armed_sectors", [])),
            armed_words=tuple(str(w).lower() for w in data.get("armed_words", [])),
            riot_cues=tuple(str(w).lower() for w in data.get("riot_cues", [])),
            civilian_words=tuple(str(w).lower() for w in data.get("civilian_words", [])),
            mob_words=tuple(str(w).lower() for w in data.get("mob_words", [])),
            not_mob_words=tuple(str(w).lower() for w in data.get("not_mob_words", [])),
            unnamed_exploder=str(data["unnamed_exploder"]) if data.get("unnamed_exploder") else None,
            device_words=tuple(str(w).lower() for w in data.get("device_words", [])),
            state_post_modifiers=tuple(
                (str(k).lower(), str(v)) for k, v in (data.get("state_post_modifiers") or {}).items()
            ),
            harmless_modes=_words(data.get("harmless_modes", [])),
            place_targets=_words(data.get("place_targets", [])),
            object_targets=_words(data.get("object_targets", [])),
            unnamed_clash_words=tuple(str(w).lower() for w in data.get("unnamed_clash_words", [])),
            unnamed_clash_role=str(data["unnamed_clash_role"]) if data.get("unnamed_clash_role") else None,
        )


@dataclass
class TriggerTable:
    """triggers.yaml, indexed by the first lemma of each entry (file order kept)."""

    version: int
    by_first: dict[str, list[TriggerRule]]
    mode_cues: dict[str, list[ModeCue]]
    threaten_modes: list[ModeCue]
    alleged: frozenset[str]
    denied: frozenset[str]
    hypothetical: frozenset[str]
    negated_heads: frozenset[str]
    light_verbs: frozenset[str]
    impact_verbs: frozenset[str]
    counter_verbs: frozenset[str]
    instruments: frozenset[str]
    actor_nouns: frozenset[str]
    fatality_words: frozenset[str]
    injury_words: frozenset[str]
    rules: list[TriggerRule] = field(default_factory=list)
    sides: Sides = field(default_factory=Sides)
    engage_verbs: frozenset[str] = frozenset()
    casualty_preps: frozenset[str] = frozenset()
    operation_nouns: frozenset[str] = frozenset()
    projectile_verbs: frozenset[str] = frozenset()
    person_heads: frozenset[str] = frozenset()
    voiced_types: frozenset[str] = frozenset()
    device_victim_verbs: frozenset[str] = frozenset()
    devices: frozenset[str] = frozenset()

    @classmethod
    def from_yaml(cls, text: str) -> TriggerTable:
        data: dict[str, Any] = yaml.safe_load(text)
        rules = [_rule(entry) for entry in data["triggers"]]
        by_first: dict[str, list[TriggerRule]] = {}
        # Longer phrases first, then file order: "air strike" wins over "strike".
        for rule in sorted(rules, key=lambda r: -len(r.lemmas)):
            by_first.setdefault(rule.lemmas[0], []).append(rule)
        mode_cues = {
            type_: [ModeCue(c["mode"], _words(c["words"])) for c in cues]
            for type_, cues in data.get("mode_cues", {}).items()
        }
        modality = data.get("modality", {})
        casualties = data.get("casualties", {})
        return cls(
            version=int(data.get("version", 0)),
            by_first=by_first,
            mode_cues=mode_cues,
            threaten_modes=[ModeCue(c["mode"], _words(c["words"])) for c in data.get("threaten_modes", [])],
            alleged=_words(modality.get("alleged", [])),
            denied=_words(modality.get("denied", [])),
            hypothetical=_words(modality.get("hypothetical", [])),
            negated_heads=_words(modality.get("negated_heads", [])),
            light_verbs=_words(data.get("light_verbs", [])),
            impact_verbs=_words(data.get("impact_verbs", [])),
            counter_verbs=_words(data.get("counter_verbs", [])),
            instruments=_words(data.get("instruments", [])),
            actor_nouns=_words(data.get("actor_nouns", [])),
            fatality_words=_words(casualties.get("fatalities", [])),
            injury_words=_words(casualties.get("injured", [])),
            rules=rules,
            sides=Sides.from_data(data.get("sides") or {}),
            engage_verbs=_words(data.get("engage_verbs", [])),
            casualty_preps=_words(data.get("casualty_preps", [])),
            operation_nouns=_words(data.get("operation_nouns", [])),
            projectile_verbs=_words(data.get("projectile_verbs", [])),
            person_heads=_words(data.get("person_heads", [])),
            voiced_types=frozenset(str(t) for t in data.get("voiced_types", [])),
            device_victim_verbs=_words(data.get("device_victim_verbs", [])),
            devices=_words(data.get("devices", [])),
        )

    @classmethod
    def default(cls) -> TriggerTable:
        return _default_table()


def _words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(str(w).lower() for w in items)


def _rule(entry: dict[str, Any]) -> TriggerRule:
    type_ = str(entry["type"])
    if type_ not in PLOVER_TYPES:
        raise ValueError(f"triggers.yaml: unknown PLOVER type {type_!r} in {entry}")
    mode = entry.get("mode")
    return TriggerRule(
        lemmas=tuple(str(entry["lemma"]).lower().split()),
        type=type_,
        mode=str(mode) if mode is not None else None,
        default_mode=entry.get("default_mode"),
        pos=str(entry.get("pos", "any")),
        near=_words(entry.get("near", [])),
        not_near=_words(entry.get("not_near", [])),
        subject=_words(entry.get("subject", [])),
        governor=_words(entry.get("governor", [])),
    )


@lru_cache(maxsize=1)
def _default_table() -> TriggerTable:
    text = resources.files("triangulate.data").joinpath(TRIGGERS_FILE).read_text(encoding="utf-8")
    return TriggerTable.from_yaml(text)


# ------------------------------------------------------------------------- parse helpers


def _keys(tok: Token) -> tuple[str, str]:
    return tok.lemma_.lower(), tok.lower_


def _pos_ok(tok: Token, pos: str) -> bool:
    if pos == "noun":
        return tok.pos_ in ("NOUN", "PROPN")
    if pos == "verb":
        return tok.pos_ in ("VERB", "AUX")
    return tok.pos_ in ("NOUN", "PROPN", "VERB", "AUX", "ADJ")


def _is_nominal(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or tok.dep_ in ("nsubj", "dobj", "pobj", "nsubjpass")


def _clause_tokens(tok: Token) -> Iterator[Token]:
    """The token's subtree without the clauses hanging off it."""
    stack = [tok]
    while stack:
        cur = stack.pop()
        yield cur
        for child in cur.children:
            if child.dep_ in CLAUSE_DEPS and cur.i == tok.i and tok.pos_ in ("VERB", "AUX"):
                continue
            if child.dep_ in ("relcl", "ccomp", "parataxis", "advcl") :
                continue
            stack.append(child)


def _phrase_lemmas(anchor: Token) -> set[str]:
    """Lemmas a constraint may look at: the trigger's clause-bounded subtree and its head."""
    words: set[str] = set()
    for tok in _clause_tokens(anchor):
        words.update(_keys(tok))
    if anchor.pos_ in ("VERB", "AUX"):
        # "gathered ... to demand", "blocked the road, denouncing": the purpose clause's verb
        words.update(k for c in anchor.children if c.dep_ == "advcl" and c.pos_ == "VERB" for k in _keys(c))
    head = anchor.head
    if head.i != anchor.i:
        words.update(_keys(head))
        if head.dep_ == "prep" or head.pos_ == "ADP":
            words.update(_keys(head.head))
    return words


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The verb's subject and whether the verb is passive, following conj/xcomp/relcl chains."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        # "get the military removed": a bare participle with its own subject
        verb.tag_ == "VBN"
        and verb.dep_ != "ROOT"  # a main verb with a subject is a past tense mis-tagged ("forces engaged in")
        and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ == "aux" for c in verb.children)
    )
    cur: Token | None = verb
    for _ in range(4):
        if cur is None:
            break
        for child in cur.children:
            if (
                (child.dep_ in SUBJECT_DEPS or child.dep_ in PASSIVE_SUBJECT_DEPS)
                and not _is_heading(child) and child.ent_type_ not in ("DATE", "TIME")  # "Around 6 May, a man was found"
            ):
                if child.lower_ in RELATIVE_PRONOUNS and cur.dep_ == "relcl":
                    return cur.head, passive
                return _past_place(child), passive
        if cur.dep_ == "relcl" or (cur.dep_ == "acl" and cur.tag_ == "VBG"):
            return cur.head, passive
        if cur.dep_ == "acl" and cur.tag_ == "VBN":
            return cur.head, True
        if cur.dep_ == "acl" and cur.tag_ == "VBD":
            # a finite verb is no clause of a noun: "IS militants killed X" misread as "IS [is] militants"
            return cur.head, passive
        if cur.dep_ in ("conj", "xcomp", "advcl") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return None, passive


def _past_place(tok: Token, depth: int = 3) -> Token:
    """ "in Tijuana, Baja California, a police officer was shot": the parser makes the place the
    subject and the officer its apposition (of the place's apposition); that is the subject."""
    if tok.ent_type_ in PLACE_ENTS and depth:
        for child in tok.children:
            if child.dep_ == "appos" and child.i > tok.i:
                if child.pos_ == "NOUN":
                    return child
                found = _past_place(child, depth - 1)
                if found is not child:
                    return found
    return tok


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


def _is_heading(tok: Token) -> bool:
    """ "Movement of forces: On 4 May, Russian police conducted a patrol": a label before a colon
    at the start of the sentence is no subject."""
    doc = tok.doc
    end = tok.right_edge.i + 1
    return tok.left_edge.i == tok.sent.start and end < len(doc) and doc[end].text == ":"


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    # "2 militants were killed and 7 were wounded by an airstrike": the agent the passives share
    for child in verb.children:
        if child.dep_ == "conj" and child.i > verb.i and (
            any(c.dep_ == "auxpass" for c in child.children)
            or not any(c.dep_ in SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS for c in child.children)
        ):  # "was shot and killed by X", "were killed and 7 were wounded by X"
            for sub in child.children:
                if sub.dep_ == "agent":
                    return next((o for o in sub.children if o.dep_ == "pobj"), None)
    return None


def _prep_objects(head: Token, preps: frozenset[str]) -> Iterator[Token]:
    for child in head.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            for obj in child.children:
                # "On 8 May", "at an unspecified location in X" are when and where, not whom.
                if obj.dep_ != "pobj" or obj.ent_type_ in NOT_TARGET_ENTS or obj.lemma_ in PLACE_NOUNS:
                    continue
                if obj.ent_type_ in PLACE_ENTS and child.lower_ in ("at", "into"):
                    continue
                yield obj
        elif child.dep_ in ("acl", "advcl", "xcomp") and child.lemma_.lower() == "target" and preps & TARGET_PREPS:
            # "an attack targeting X" is a target phrase, not a "by" or "with" one
            for obj in child.children:
                if obj.dep_ in OBJECT_DEPS:
                    yield obj


def _direct_object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            return child
    return None


def _owner(noun: Token, mentioned: Callable[[Token], bool]) -> Token | None:
    """ "bases of the PMU", "an installation belonging to the PMF", "the PMU's bases"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ in OWNER_ENTS or mentioned(obj)):
                    return obj
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in ("belong", "own", "operate", "run", "use", "control"):
            for sub in child.children:
                if sub.dep_ == "prep" and sub.lower_ == "to":
                    for obj in sub.children:
                        if obj.dep_ == "pobj":
                            return obj
                if sub.dep_ == "agent":
                    for obj in sub.children:
                        if obj.dep_ == "pobj":
                            return obj
    return None


def _phrase_range(head: Token, drop_conj: bool = False) -> tuple[int, int]:
    """Token range [i, j) of an argument phrase: the head with its modifiers, without clauses
    and locative preps hanging off it (but keeping "of" phrases and coordinated nouns)."""
    keep = {head.i}
    stack = [head]
    while stack:
        cur = stack.pop()
        for child in cur.children:
            kept = (child.dep_ == "prep" and child.lower_ in KEPT_PREPS) or child.tag_ in ("HYPH", "POS")
            if (child.dep_ in PHRASE_CUT_DEPS and not kept) or (drop_conj and cur.i == head.i and child.dep_ == "conj"):
                if child.dep_ == "cc" and cur.i != head.i:
                    keep.add(child.i)
                continue
            keep.add(child.i)
            stack.append(child)
    lo, hi = min(keep), max(keep)
    # Contiguous around the head: stop at the first gap on either side.
    i = head.i
    while i - 1 >= lo and (i - 1) in keep:
        i -= 1
    j = head.i
    while j + 1 <= hi and (j + 1) in keep:
        j += 1
    doc = head.doc
    while j > i and (doc[j].is_punct or doc[j].dep_ == "cc"):
        j -= 1
    while i < j and (doc[i].is_punct or doc[i].dep_ == "cc"):
        i += 1
    return i, j + 1


# ------------------------------------------------------------------------- numbers


def _number(tok: Token) -> int | None:
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text) if text not in ("a", "an") or tok.dep_ == "nummod" else None


def _count_in(head: Token) -> int | None:
    """The number counting a noun phrase: "three soldiers and two civilians" -> 5, "3" -> 3."""
    heads = [head, *[c for c in head.children if c.dep_ == "conj"]]
    total: int | None = None
    for h in heads:
        if h.lower_ in NOBODY_WORDS or any(c.lower_ in NONE_WORDS and c.dep_ in ("det", "neg") for c in h.children):
            return 0  # "no one was injured", "no soldiers were hurt"
        value = _number(h) if h.like_num else None
        if value is None:
            for child in h.children:
                if child.dep_ in ("nummod", "quantmod") or (child.like_num and child.dep_ != "prep"):
                    value = _number(child)
                    if value is not None:
                        break
        if value is not None:
            total = (total or 0) + value
    return total


def _casualty_count(tok: Token) -> int | None:
    """How many a casualty word counts: "killing 3", "two people were injured", "1 killed",
    "no injuries" (0)."""
    for child in tok.children:
        if child.lower_ in NONE_WORDS and child.dep_ in ("det", "neg", "preconj", "nummod"):
            return 0
        if child.dep_ in ("nummod",):
            value = _number(child)
            if value is not None:
                return value
    if tok.pos_ in ("VERB", "AUX"):
        for child in tok.children:
            if child.dep_ in ("dobj", "nsubjpass") or (child.dep_ == "nsubj" and tok.tag_ == "VBN"):
                value = _count_in(child)
                if value is not None:
                    return value
    if tok.dep_ in ("conj", "pobj") and tok.head.lower_ in NONE_WORDS:
        return 0
    if tok.dep_ == "conj":
        for sib in tok.head.children:
            if sib.lower_ in NONE_WORDS and sib.dep_ in ("det", "preconj", "neg"):
                return 0
    # "1 killed, 7 injured", "3 people dead": a number just before.
    doc = tok.doc
    for k in range(tok.i - 1, max(tok.i - 4, tok.sent.start - 1), -1):
        prev = doc[k]
        if prev.like_num:
            return _number(prev)
        if prev.is_punct or (prev.pos_ in ("VERB",) and prev.i != tok.i - 1):
            break
    if tok.dep_ in ("amod", "acomp") and tok.head.pos_ in ("NOUN", "PROPN"):
        return _count_in(tok.head)
    return None


# ------------------------------------------------------------------------- matches


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


@dataclass
class _MentionIndex:
    """Actor mentions sorted by start offset, for overlap queries by character range."""

    mentions: list[ActorMention]
    starts: list[int]

    @classmethod
    def build(cls, mentions: list[ActorMention]) -> _MentionIndex:
        ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
        return cls(ordered, [m.start for m in ordered])

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


class EventCoder:
    def __init__(self, table: TriggerTable, actors: ActorDictionary | None = None) -> None:
        self.table = table
        self.actors = actors or ActorDictionary.default()

    @classmethod
    def default(cls) -> EventCoder:
        return cls(TriggerTable.default())

    # ---------------------------------------------------------------- public
    def code(self, read: ReadDoc) -> list[Event]:
        doc = read.doc
        doc_id = read.document.id
        mentions = _MentionIndex.build(read.actor_mentions)
        events: list[Event] = []
        for sent in doc.sents:
            matches = self._matches(sent)
            self._fold(matches)
            fatalities, injured = self._casualties(sent)
            sent_events: list[Event] = []
            depths: list[int] = []
            for match in matches:
                if match.host is not None:
                    continue
                event = self._event(match, matches, read, mentions, doc_id, sent)
                more = _per_conjunct(event, match.source_conjuncts, match.target_conjuncts)
                for copy in [event, *more]:
                    sent_events.append(copy)
                    depths.append(_depth(match.anchor))
            if sent_events and not events:
                # the report's main event first: the one highest in its sentence's main clause,
                # not a background one ("drivers, supported by a union, protested")
                main = min(range(len(sent_events)), key=lambda k: (depths[k], k))
                protests = [k for k, e in enumerate(sent_events) if e.type == "PROTEST"]
                if protests and sent_events[main].type in self.table.voiced_types:
                    main = protests[0]  # "workers protested ... and demanded X": the protest, not the demand
                sent_events.insert(0, sent_events.pop(main))
            if sent_events and events and events[-1].type in VIOLENT_TYPES and self._only_casualties(
                    sent, matches, sent_events, read):
                # "No one was injured." / "Two soldiers died." after the event's own sentence
                sent_events = []
            if sent_events:
                for event in sent_events:
                    if event.type in VIOLENT_TYPES:
                        event.fatalities = fatalities
                        event.injured = injured
            elif events and events[-1].type in VIOLENT_TYPES:
                # "1 killed, 7 injured." after the event's own sentence.
                if events[-1].fatalities is None:
                    events[-1].fatalities = fatalities
                if events[-1].injured is None:
                    events[-1].injured = injured
            events.extend(sent_events)
        for n, event in enumerate(events, start=1):
            event.id = f"{doc_id}:e{n}"
        self._implicit_sides(events, read, self._violent_protests(events, doc.text))
        return events

    def _violent_protests(self, events: list[Event], text: str) -> set[str]:
        """A protest whose sentence or the text just after it tells of violence by the crowd
        ("... demonstrated. The demonstrators burned tires", "Rioters pelted stones") was a riot."""
        cues = self.table.sides.riot_cues
        violent: set[str] = set()
        if not cues:
            return violent
        single = tuple(c for c in cues if " " not in c)
        phrases = [c for c in cues if " " in c]
        for event in events:
            if event.type != "PROTEST" or (event.mode or "") in self.table.sides.riot_modes or not event.evidence:
                continue
            span = event.evidence[0]
            window = text[span.start : span.end + RIOT_WINDOW_CHARS].lower()
            words = re.findall(r"[a-z][a-z'-]*", window)
            if any(w.startswith(single) for w in words) or any(p in window for p in phrases):
                violent.add(event.id)
        return violent

    # ---------------------------------------------------------------- implicit sides
    def _implicit_sides(self, events: list[Event], read: ReadDoc, violent: set[str] | None = None) -> None:
        """Fill the sides the text leaves implicit, after ACLED's conventions: whoever protests
        is a protester (a rioter in a riot); a protest's other side is only the force that
        intervened; an attack by no one named is an unidentified armed group's; "X was
        arrested" is the police's doing; an unarmed target of violence is civilians."""
        sides = self.table.sides
        main_country = _main_country(read.places)
        for event in events:
            iso3 = self.actors.iso3_of_iso2(event.place.country if event.place else None) or (
                self.actors.iso3_of_iso2(main_country) or UNKNOWN_COUNTRY
            )
            source = read.actors.get(event.source_actor or "")
            if event.type == "PROTEST":
                riot = (event.mode or "") in sides.riot_modes
                # a protest the crowd turned violent ("... burned tires") was done by rioters
                role = sides.riot_source if riot or event.id in (violent or ()) else sides.protest_source
                if source is None or not self._is_role(source, role):
                    event.source_actor = self._role_actor(read, iso3, role, source)
                if riot:
                    self._civilian_target(event, read, iso3)
                else:
                    event.target_actor = self._intervening_actor(event, events)
            elif event.type == "ASSAULT":
                if self._mob(source, event.source_text):
                    # "locals beat up a suspected thief", "two groups of villagers clashed": a mob
                    event.source_actor = self._role_actor(read, iso3, sides.riot_source, source)  # "Indian nationals": India's
                    source = read.actors.get(event.source_actor or "")
                post_role = self._state_post(event.target_text) if event.target_actor is None else None
                if post_role is not None:
                    event.target_actor = self._role_actor(read, iso3, post_role, None)
                self._civilian_target(event, read, iso3)
                target = read.actors.get(event.target_actor or "")
                # an attack on civilians (or on no one named) by no one named; who attacked a
                # named armed group is left open
                if source is None and target is None and self._unnamed_clash(event):
                    # "a shoot-out took place in X": two sides, neither named
                    event.source_actor = event.target_actor = self._role_actor(
                        read, iso3, sides.unnamed_clash_role or sides.unnamed_attacker, None
                    )
                elif source is None and (target is None or self._is_role(target, sides.unarmed_target)):
                    role = dict(sides.unnamed_attacker_by_mode).get(event.mode or "", sides.unnamed_attacker)
                    if sides.unnamed_exploder and event.mode == "explosives" and self._bare_explosion(event):
                        role = sides.unnamed_exploder
                    event.source_actor = self._role_actor(read, iso3, role, None)
                elif source is None and target is not None:
                    # "police officers were shot", "two militants were killed in an operation"
                    role_of = next((r for s, r in sides.unnamed_attacker_of if s in target.sectors), None)
                    if role_of is not None:
                        event.source_actor = self._role_actor(read, iso3, role_of, None)
            elif event.type == "COERCE" and event.mode == "arrest":
                if source is None:
                    event.source_actor = self._role_actor(read, iso3, sides.unnamed_arrester, None)
                self._civilian_target(event, read, iso3)

    def _unnamed_clash(self, event: Event) -> bool:
        words = self.table.sides.unnamed_clash_words
        trigger = (event.trigger.text if event.trigger else "").lower()
        return bool(words and trigger) and trigger.startswith(words) and event.source_text is None and event.target_text is None

    def _mob(self, actor: Actor | None, text: str | None) -> bool:
        """A side named by its people ("locals", "a group of villagers"), neither armed nor a named group."""
        sides = self.table.sides
        if not text or not sides.mob_words or (actor is not None and not actor.provisional and not self._is_role(
            actor, sides.unarmed_target
        )):
            return False
        words = text.lower().split()
        return any(w.startswith(sides.mob_words) for w in words) and not any(
            w.startswith(sides.not_mob_words) for w in words
        )

    def _state_post(self, text: str | None) -> str | None:
        """ "the governmental positions", "an army checkpoint", "the gendarmerie station": a state
        modifier before an armed or official head; the role of the state organ it names."""
        words = (text or "").lower().split()
        sides = self.table.sides
        if len(words) < 2 or not words[-1].startswith((*sides.armed_words, "station", "office", "post")):
            return None
        roles = dict(sides.state_post_modifiers)
        return next((roles[w] for w in words[:-1] if w in roles), None)

    def _bare_explosion(self, event: Event) -> bool:
        """An explosion whose sentence names no device (IED, mine, grenade, bomb): shelling."""
        words = " ".join(s.text for s in event.evidence).lower().split()
        return not any(w.startswith(self.table.sides.device_words) for w in words)

    def _is_role(self, actor: Actor, role: str) -> bool:
        spec = self.actors.vocabulary.roles.get(role, {})
        return bool(set(actor.sectors) & set(spec.get("sectors", [])))

    def _role_actor(self, read: ReadDoc, iso3: str, role: str, current: Actor | None) -> str | None:
        """The role actor of the event's country; a country the current actor names wins."""
        if current is not None and current.country:
            iso3 = self.actors.iso3_of_iso2(current.country) or iso3
        actor = self.actors.get(f"{iso3}.{role}")
        if actor is None:
            return current.id if current is not None else None
        read.actors.setdefault(actor.id, actor)
        return actor.id

    def _armed(self, actor: Actor | None, text: str | None) -> bool:
        sides = self.table.sides
        if actor is not None and actor.sectors:
            return bool({s.lower() for s in actor.sectors} & sides.armed_sectors)
        if actor is not None and actor.kind in ("military", "police"):
            return True
        return any(w.startswith(sides.armed_words) for w in (text or "").lower().split())

    def _civilian_target(self, event: Event, read: ReadDoc, iso3: str) -> None:
        """An unarmed target (people, a village, a house, an official) stands for civilians."""
        if event.target_actor is None and not event.target_text:
            return
        target = read.actors.get(event.target_actor or "")
        words = (event.target_text or "").lower().split()
        off_duty = any(w.startswith(self.table.sides.civilian_words) for w in words) if self.table.sides.civilian_words else False
        if not off_duty and ((target is not None and not target.provisional) or self._armed(target, event.target_text)):
            return  # a named actor stays itself (an off-duty officer is a civilian)
        if target is not None and self._is_role(target, self.table.sides.unarmed_target):
            return
        words = (event.target_text or "").lower().split()
        if words and (words[-1] in self.table.sides.object_targets or words[-1].rstrip("s") in self.table.sides.object_targets):
            event.target_actor = None  # "burned tires": things, no victim
            return
        if self._harmless_place(event, read):
            event.target_actor = None
            return
        event.target_actor = self._role_actor(read, iso3, self.table.sides.unarmed_target, None)

    def _harmless_place(self, event: Event, read: ReadDoc) -> bool:
        """Fire at a place (a village, a house, a named town) that killed and hurt no one."""
        sides = self.table.sides
        if event.type != "ASSAULT" or (event.mode or "") not in sides.harmless_modes:
            return False
        if event.fatalities or event.injured:
            return False
        if event.trigger is not None and event.trigger.text.lower().startswith(("shot", "shoot", "attack", "raid", "storm", "invad", "ambush")):
            return False  # "gunmen shot X", "gunmen attacked the village of X": X was hit
        if event.fatalities is None and event.injured is None:
            # no count: harmless only when the sentence names no casualty ("a man was killed")
            casualty = self.table.fatality_words | self.table.injury_words
            sentence = {w.strip(".,;:()") for s in event.evidence for w in s.text.lower().split()}
            forms = {f for w in sentence for f in (w, w.rstrip("s"), w.rstrip("ed"), w.removesuffix("ing"))}
            if forms & casualty:
                return False
        raw = event.target_text or ""
        text = raw.lower()
        words = text.replace("-", " ").split()
        if any(w in sides.place_targets or w.rstrip("s") in sides.place_targets for w in words[:2] + words[-1:]):
            return True  # "the village of X", "residential areas", "a house"
        bare = text[4:] if text.startswith("the ") else text
        if bare and any(p.text.lower() == bare for p in read.places):
            return True
        # "shelled Kafr Nabl": a bare name that names no actor is a place
        names = [w for w in raw.replace("-", " ").split() if w.lower() not in NAME_PARTICLES]
        target = read.actors.get(event.target_actor or "")
        return bool(names) and all(w[:1].isupper() for w in names) and (target is None or target.provisional)

    def _intervening_actor(self, protest: Event, events: list[Event]) -> str | None:
        for other in events:
            if other is protest or not _near_after(other, protest):
                continue
            kind = f"{other.type}/{other.mode}"
            if any(kind == t or other.type == t for t in self.table.sides.intervention_types):
                return other.source_actor if other.source_actor != protest.source_actor else None
        return None

    # ---------------------------------------------------------------- triggers
    def _matches(self, sent: SpacySpan) -> list[_Match]:
        matches: list[_Match] = []
        doc = sent.doc
        i = sent.start
        while i < sent.end:
            tok = doc[i]
            match = self._match_at(tok, sent.end)
            if match is None:
                i += 1
                continue
            matches.append(match)
            i = match.tokens[-1].i + 1
        return matches

    def _match_at(self, tok: Token, limit: int) -> _Match | None:
        lemma, lower = _keys(tok)
        candidates = self.table.by_first.get(lemma, []) + (
            self.table.by_first.get(lower, []) if lower != lemma else []
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
            if not self._eligible(anchor, tokens):
                return None
            if self._constraints_ok(rule, anchor):
                return _Match(rule=rule, tokens=tokens, anchor=anchor)
        return None

    @staticmethod
    def _eligible(anchor: Token, tokens: list[Token]) -> bool:
        """Not an event: a noun modifying another noun ("protest leaders"), part of a name."""
        if anchor.ent_type_ in ENTITY_SKIP and len(tokens) == 1:
            return False
        if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ == "compound" and anchor.head not in tokens:
            return False
        # "Iran-backed forces", "armed men": participles modifying a noun are not events.
        return anchor.dep_ != "amod"

    def _constraints_ok(self, rule: TriggerRule, anchor: Token) -> bool:
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

    def _fold(self, matches: list[_Match]) -> None:
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
                    if words and not any(w.startswith(self.table.sides.armed_words) for w in words):
                        obj = subj
                host.extra_target = obj
            if host.extra_source is None and anchor.pos_ in ("VERB", "AUX") and host.anchor.pos_ not in ("VERB", "AUX"):
                # "the GNA air force killed six civilians in an airstrike"
                subj, passive = _subject(anchor)
                host.extra_source = _agent(anchor) if passive else subj

    # ---------------------------------------------------------------- the event
    def _event(
        self,
        match: _Match,
        matches: list[_Match],
        read: ReadDoc,
        mentions: _MentionIndex,
        doc_id: str,
        sent: SpacySpan,
    ) -> Event:
        rule, anchor = match.rule, match.anchor
        source, target = self._arguments(match, mentions)
        if target is None:
            target = match.extra_target
        if source is None and match.extra_source is not None and match.extra_source.i != anchor.i:
            source = match.extra_source
        if target is not None:
            target = _past_number(target, mentions)
            if target.lemma_.lower() not in self.table.person_heads:  # "the officer of X" is no thing of X's
                target = self._owner_if_thing(target, mentions)
        if rule.type in PARTNER_TYPES and (target is None or not mentions.names(target)):
            # "welcomed a resumption of ties with Osgiliath": the partner inside the object
            target = _partner(target if target is not None else anchor, mentions) or target
        split = source is not None and target is not None and target.dep_ == "conj" and target.head.i == source.i
        source_text, source_actor = self._argument(source, mentions, drop_conj=split)
        if source is not None and source.head.i == anchor.i and source.dep_ in MODIFIER_DEPS:
            source_text = _modifier_text(anchor, source) or source_text
        target_text, target_actor = self._argument(target, mentions)
        if (
            source is not None and target is not None and source_actor
            and target.dep_ == "conj" and target.head.dep_ == "pobj" and target.head.head.head.i == source.i
        ):
            state = read.actors.get(target_actor or "") or self.actors.lookup(target.text)
            if state is not None:
                target_actor = self._same_organ(state.id, source_actor)
                organ = self.actors.get(target_actor)
                if organ is not None:
                    read.actors.setdefault(organ.id, organ)
        if not split:
            match.source_conjuncts = _conjunct_actors(source, source_actor, mentions)
            match.target_conjuncts = _conjunct_actors(target, target_actor, mentions)
        doc = read.doc
        start, end = match.tokens[0].idx, match.tokens[-1].idx + len(match.tokens[-1].text)
        folded = [m for m in matches if m.host is match]
        return Event(
            id="",
            doc_id=doc_id,
            type=rule.type,
            mode=self._mode(match, sent, target),
            source_actor=source_actor,
            target_actor=target_actor,
            source_text=source_text,
            target_text=target_text,
            place=_nearest(read.places, anchor, sent, [f.anchor for f in folded], read.actor_mentions),
            date=_date(read.times, anchor, sent),
            modality=self._modality(anchor),
            trigger=Span(doc_id=doc_id, start=start, end=end, text=doc.text[start:end]),
            evidence=[Span(doc_id=doc_id, start=sent.start_char, end=sent.end_char, text=sent.text)],
        )

    def _mode(self, match: _Match, sent: SpacySpan, target: Token | None) -> str | None:
        rule = match.rule
        if rule.mode != "auto":
            return rule.mode
        cues = self.table.threaten_modes if rule.type == "THREATEN" else self.table.mode_cues.get(rule.type, [])
        phrase = _phrase_lemmas(match.anchor)
        if target is not None and not _is_instrument(target, self.table):
            phrase -= {k for t in target.subtree for k in _keys(t)}  # firing at a drone is no drone attack
        for tok in match.tokens:
            phrase.update(_keys(tok))
        for cue in cues:
            if phrase & cue.words:
                return cue.mode
        if rule.type == "ASSAULT":
            sentence = {k for t in sent for k in _keys(t)}
            for cue in cues:
                if sentence & cue.words:
                    return cue.mode
        return rule.default_mode

    def _arguments(self, match: _Match, mentions: _MentionIndex | None = None) -> tuple[Token | None, Token | None]:
        anchor = match.anchor
        if anchor.pos_ in ("VERB", "AUX") and anchor.dep_ != "amod":
            return self._verb_arguments(anchor, match.rule.type, {t.i for t in match.tokens})
        return self._noun_arguments(anchor, match, mentions)

    def _verb_arguments(
        self, verb: Token, type_: str, phrase_ids: set[int] | None = None
    ) -> tuple[Token | None, Token | None]:
        subj, passive = _subject(verb)
        agent = _agent(verb)
        if passive and agent is None and type_ == "ASSAULT":
            agent = self._passive_source(verb)
        if passive:
            source, target = agent, subj
        else:
            source, target = subj, _direct_object(verb)
        if target is not None and (
            (phrase_ids and target.i in phrase_ids) or _is_instrument(target, self.table)
            or (not passive and verb.lemma_.lower() in self.table.projectile_verbs)
        ):
            target = None  # "opened fire", "fired rockets at X", "fired IFVs at X": the object is not the target
        if target is None or (target.ent_type_ in ("DATE", "TIME")):
            # "fired with unspecified weapons on the positions": whom before what with.
            later = [o for o in _prep_objects(verb, TARGET_PREPS) if o.i > verb.i]
            if not later and verb.lemma_.lower() in self.table.projectile_verbs:
                later = _split_list_targets(verb)
            if type_ in ("ASSAULT", "PROTEST") or type_ in PARTNER_TYPES:  # "clashed with X", not "fired with weapons"
                # "exchanged fire with X": the "with" phrase may hang on the phrase's noun
                heads = [verb, *(verb.doc[i] for i in sorted(phrase_ids or ()) if i != verb.i)]
                later += [
                    o for h in heads for o in _prep_objects(h, frozenset({"with"}))
                    if o.i > verb.i and not _is_instrument(o, self.table)
                    and not any(c.lower_ in NONE_WORDS for c in o.children)  # "with no report of casualties"
                ]
            if type_ in PARTNER_TYPES:  # "agrees with France on the plan": the partner first
                later = [o for o in _prep_objects(verb, PARTNER_PREPS) if o.i > verb.i] + later
            target = next(iter(later), None)
        if source is not None and _is_instrument(source, self.table):
            # "a drone struck ...", "an IED planted by Al Shabaab exploded": the instrument's owner.
            source = _instrument_owner(source)
        obj = _direct_object(verb)
        if (
            not passive and source is not None and obj is not None
            and verb.lemma_.lower() in self.table.device_victim_verbs and obj.lemma_.lower() in self.table.devices
        ):
            # "an army vehicle struck an IED": the vehicle was hit; who laid the device is not said
            source, target = None, subj
        if target is None and not passive:
            target = _misread_object(verb)
        if target is None:
            for child in verb.children:
                if child.dep_ in ("advcl", "xcomp", "conj") and child.lemma_.lower() == "target":
                    target = _direct_object(child)
        if type_ == "ASSAULT" and source is not None and target is None:
            # "Burundian and Rwandan soldiers clashed": one side each.
            conj = next((c for c in source.children if c.dep_ == "conj"), None)
            if conj is not None and verb.lemma_.lower() in ("clash", "fight"):
                target = conj
            elif conj is None and verb.lemma_.lower() in ("clash", "fight", "exchange"):
                # "military forces of India and Pakistan exchanged fire": the other state of the "of" phrase
                target = next((c for o in _prep_objects(source, KEPT_PREPS) for c in o.children if c.dep_ == "conj"), None)
            if target is None and conj is None and verb.lemma_.lower() in CLASH_LEMMAS and _plural(source):
                target = source  # "militias from two clans clashed": both sides are of the kind
        return source, target

    def _passive_source(self, verb: Token) -> Token | None:
        """Who did a passive attack that names no agent, from the clash or operation it happened
        in: "X was killed after exchanging fire with the police" (the police), "militants were
        killed during operations carried out by the army" (the army), "... in a Turkish airstrike"."""
        for child in verb.children:
            clause: Token | None = None
            if child.dep_ == "advcl":
                clause = child
            elif child.dep_ == "prep" and child.lower_ in self.table.casualty_preps:
                clause = next((c for c in child.children if c.dep_ == "pcomp" and c.pos_ == "VERB"), None)
                for obj in child.children:
                    if obj.dep_ != "pobj" or not (
                        _is_instrument(obj, self.table) or obj.lemma_.lower() in self.table.operation_nouns
                        or self._match_at(obj, obj.sent.end) is not None
                    ):
                        continue
                    by = next(_prep_objects(obj, frozenset({"by"})), None)
                    by = by or next((a for c in obj.children if c.dep_ == "acl" for a in [_agent(c)] if a is not None), None)
                    if by is None:
                        by = next((c for c in obj.children if c.dep_ in ("amod", "compound", "poss") and _is_actorish(c)), None)
                    if by is not None:
                        return by
            if clause is None or any(c.dep_ in SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS for c in clause.children):
                continue
            # the clause's own subject is the victim: its other party is the attacker
            heads = [clause, *(c for c in clause.children if c.dep_ == "dobj")]
            other = next(
                (o for h in heads for o in _prep_objects(h, frozenset({"with", "against"})) if not _is_instrument(o, self.table)),
                None,
            )
            if other is not None:
                return other
        return None

    def _noun_arguments(
        self, noun: Token, match: _Match, mentions: _MentionIndex | None = None
    ) -> tuple[Token | None, Token | None]:
        type_ = match.rule.type
        source: Token | None = None
        target: Token | None = None
        phrase_ids = {t.i for t in match.tokens}
        for child in noun.children:
            if child.i in phrase_ids:
                continue
            if child.dep_ in ("poss", "compound", "amod", "nmod") and (
                _is_actorish(child) or _names_actor(child, self.table)
                or (mentions is not None and child.pos_ == "PROPN" and mentions.names(child))
            ):
                source = source or child
        for obj in _prep_objects(noun, frozenset({"by"})):
            source = obj
        if source is None:
            # "shells fired by LNA forces fell", "an IED planted by Al Shabaab": the agent of its clause
            source = next((a for c in noun.children if c.dep_ == "acl" for a in [_agent(c)] if a is not None), None)
        for obj in _prep_objects(noun, frozenset({"between"})):
            source = obj
            target = next((c for c in obj.children if c.dep_ == "conj"), None)
            if target is None:
                # "a clash between GNA and LNA forces": the coordinated modifiers are the sides
                for mod in obj.children:
                    conj = next((c for c in mod.children if c.dep_ == "conj"), None)
                    if mod.dep_ in ("compound", "amod", "nmod") and mod.i < obj.i and conj is not None:
                        source, target = mod, conj
                        break
        if target is None:
            target = next(
                (o for o in _prep_objects(noun, TARGET_PREPS | frozenset({"with"}))
                 if not any(c.lower_ in NONE_WORDS for c in o.children)),  # "with no report of casualties"
                None,
            )
        of_obj = next(_prep_objects(noun, KEPT_PREPS), None)
        if of_obj is not None:
            if type_ in TARGET_OF_TYPES:
                target = target or of_obj
            else:
                source = source or of_obj
        noun = _through_quantity(noun)
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass", "pobj") and head.lemma_.lower() in self.table.light_verbs:
            # "Israel carried out the strike", "the attacks were carried out by Israel".
            verb_source, _ = self._verb_arguments(head, type_)
            if noun.dep_ == "nsubjpass":
                verb_source = _agent(head)
            if verb_source is not None and verb_source.i != noun.i and (
                # "Turkish forces brought military reinforcements": the named subject, not "military"
                source is None or (mentions is not None and mentions.names(verb_source) and not mentions.names(source))
            ):
                source = verb_source
        if noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and source is None:
            # "clashes took place between X and Y", "clashes were reported between X and Y on one
            # side and Z on the other"
            source, target = _between_sides(head, target)
        if (
            noun.dep_ == "pobj" and head.lower_ in ("in", "to") and head.head.pos_ in ("VERB", "AUX")
            and head.head.lemma_.lower() in self.table.engage_verbs
        ):
            # "the army engaged in a firefight with X", "the NPA and the army engaged in a firefight"
            verb = head.head
            subj, passive = _subject(verb)
            if subj is not None and not passive:
                source = source or subj
                conj = next((c for c in subj.children if c.dep_ == "conj"), None)
                target = target or next(_prep_objects(verb, frozenset({"with", "against"})), None) or conj
        if (
            noun.dep_ == "dobj" and head.lemma_.lower() in self.table.counter_verbs
            and (target is None or mentions is None or not mentions.names(target))
        ):
            # "Iraqi forces repelled an IS attack (on the city)": the attack was on those who repelled it
            target = _subject(head)[0] or target
        if noun.dep_ == "pobj" and head.lower_ in ("behind",) and head.head.pos_ in ("AUX", "VERB"):
            # "Israel was behind the airstrikes".
            subj, _ = _subject(head.head)
            source = source or subj
        if (
            noun.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_.lower() in self.table.device_victim_verbs
            and noun.lemma_.lower() in self.table.devices
        ):
            # "villagers stepped on a landmine": they were hit
            target = target or _subject(head.head)[0]
        if noun.dep_ == "dobj" and head.lemma_.lower() in self.table.projectile_verbs:
            # "militants threw a grenade at a mosque": the thrower and the "at" object
            subj, passive = _subject(head)
            if source is None and not passive:
                source = subj
            target = target or next(_prep_objects(head, TARGET_PREPS), None)
        if target is None and noun.dep_ == "nsubj" and head.lemma_.lower() in self.table.impact_verbs:
            target = _direct_object(head) or next(_prep_objects(head, TARGET_PREPS), None)
            if target is not None and target.lemma_.lower() in PLACE_NOUNS and target.dep_ == "dobj":
                target = None  # "a shoot-out took place": no one was hit
        if target is None:
            for child in noun.children:
                if child.dep_ == "relcl":
                    subj, passive = _subject(child)
                    if subj is not None and subj.i == noun.i and not passive:
                        target = _direct_object(child) or next(_prep_objects(child, TARGET_PREPS), None)
        if target is not None and target.ent_type_ in ("DATE", "TIME"):
            target = None
        return source, target

    def _same_organ(self, state_actor: str, organ_actor: str) -> str:
        """ "military forces of India and Pakistan": Pakistan there stands for its military too."""
        iso3, _, role = state_actor.partition(".")
        organ_role = organ_actor.partition(".")[2]
        if role != "GOV" or organ_role == "GOV":
            return state_actor
        organ = self.actors.get(f"{iso3}.{organ_role}")
        return organ.id if organ is not None else state_actor

    @staticmethod
    def _owner_if_thing(target: Token, mentions: _MentionIndex) -> Token:
        """ "bases of the PMU": the PMU, unless the head itself names an actor."""
        owner = _owner(target, mentions.names)
        if owner is None or mentions.names(target) or target.ent_type_ in ACTOR_ENTS:
            return target
        return owner

    @staticmethod
    def _argument(
        tok: Token | None, mentions: _MentionIndex, drop_conj: bool = False
    ) -> tuple[str | None, str | None]:
        if tok is None:
            return None, None
        i, j = _phrase_range(tok, drop_conj)
        doc = tok.doc
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        mention = mentions.best(start, end, tok.idx, tok.idx + len(tok.text))
        return doc.text[start:end], (mention.actor_id if mention is not None else None)

    # ---------------------------------------------------------------- modality
    def _modality(self, anchor: Token) -> Modality:
        table = self.table
        nodes = [anchor]
        # Light verbs carry the negation and modals of the noun they govern.
        head = anchor.head
        if anchor.pos_ not in ("VERB", "AUX") and head.lemma_.lower() in table.light_verbs and head.i != anchor.i:
            nodes.append(head)
        # Climb xcomp/ccomp/pcomp chains: "alleged to have attacked", "denied attacking".
        cur = anchor
        chain: list[Token] = []
        for _ in range(3):
            if cur.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "acl", "advcl") and cur.head.i != cur.i:
                cur = cur.head
                if cur.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
                    chain.append(cur)
            else:
                break
        chain_lemmas = [c.lemma_.lower() for c in chain]
        if any(lemma in table.denied for lemma in chain_lemmas):
            return "denied"
        for node in nodes:
            for child in node.children:
                if child.dep_ == "neg" or (child.lower_ in NEGATORS and child.dep_ in ("det", "advmod", "preconj")):
                    return "negated"
        if any(lemma in table.negated_heads for lemma in chain_lemmas):
            return "negated"
        modifiers = {c.lower_ for n in nodes for c in n.children if c.dep_ in ("amod", "advmod", "aux", "mark")}
        if modifiers & table.alleged or any(lemma in table.alleged for lemma in chain_lemmas):
            return "alleged"
        chain_modals = {c.lower_ for n in chain for c in n.children if c.dep_ in ("aux", "mark")}
        if (modifiers | chain_modals) & table.hypothetical or any(lemma in table.hypothetical for lemma in chain_lemmas):
            return "hypothetical"
        return "asserted"

    # ---------------------------------------------------------------- casualties
    def _only_casualties(self, sent: SpacySpan, matches: list[_Match], sent_events: list[Event],
                         read: ReadDoc) -> bool:
        """A sentence that only counts the dead or hurt, with no attacker, place or date of its own:
        it tells the casualties of the event before it, not another event."""
        words = self.table.fatality_words | self.table.injury_words
        if any(m.host is None and m.rule.lemmas[0] not in words for m in matches):
            return False
        if any(e.source_actor is not None for e in sent_events):
            return False
        inside = range(sent.start_char, sent.end_char)
        return not any(p.start in inside for p in read.places) and not any(t.start in inside for t in read.times)

    def _casualties(self, sent: SpacySpan) -> tuple[int | None, int | None]:
        fatalities: int | None = None
        injured: int | None = None
        for tok in sent:
            lemma, lower = tok.lemma_.lower(), tok.lower_
            kind_f = lemma in self.table.fatality_words or lower in self.table.fatality_words
            kind_i = lemma in self.table.injury_words or lower in self.table.injury_words
            if not (kind_f or kind_i):
                continue
            count = _casualty_count(tok)
            if count is None:
                continue
            if kind_f and fatalities is None:
                fatalities = count
            elif kind_i and injured is None:
                injured = count
        return fatalities, injured


def _split_list_targets(verb: Token) -> list[Token]:
    """ "fired 82mm mortars and grenade launchers at X": a weapon of the list misread as a
    conjoined verb of no subject of its own took the "at" phrase; X is still what was fired at."""
    return [
        o for conj in verb.children
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and not any(c.dep_ in SUBJECT_DEPS for c in conj.children)
        and any(c.dep_ in OBJECT_DEPS for c in conj.children)
        for o in _prep_objects(conj, TARGET_PREPS)
    ]


def _misread_object(verb: Token) -> Token | None:
    """ "the PMF shelled IS militants": "IS" (Islamic State) read as a copula that took the object
    away; the upper-case "IS" right after the verb is the object."""
    doc = verb.doc
    for k in range(verb.i + 1, min(verb.i + 3, verb.sent.end)):
        tok = doc[k]
        if tok.text == "IS" and tok.pos_ == "AUX":
            return tok  # its phrase takes in the noun ("IS militants")
        if not (tok.like_num or tok.dep_ == "det"):
            break
    return None


def _plural(tok: Token) -> bool:
    """ "militias", "two groups of villagers": a plural group, whose members may fight each other."""
    return tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "nummod" and (_number(c) or 0) > 1 for c in tok.children)


def _between_sides(verb: Token, target: Token | None) -> tuple[Token | None, Token | None]:
    """The sides of "X happened between A and B", "... between A against B", "... between A
    and B on one side and C on the other" (C a conjunct of the verb's clause)."""
    first = next(_prep_objects(verb, frozenset({"between"})), None)
    if first is None:
        return None, target
    against = next(_prep_objects(first, frozenset({"against", "with"})), None)
    if against is not None:
        return first, target or against  # "clashes took place between regime forces against rebels"
    sided = any(t.lemma_.lower() == "side" for t in verb.sent)
    other = None
    if sided:
        other = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")), None)
    if other is None:
        other = next((c for c in first.children if c.dep_ == "conj"), None)
    if other is None:
        other = next(_prep_objects(verb, frozenset({"against", "with"})), None)
    return first, target or other


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


def _per_conjunct(event: Event, sources: list[str], targets: list[str]) -> list[Event]:
    """One event per further coordinated source and target, as event coders count them: "Fornost
    and Gondor welcomed ..." is Fornost's and Gondor's. The event itself stays the first
    conjunct's. Violence keeps one event: "X and Y clashed" has a side each."""
    if event.type in VIOLENT_TYPES:
        return []
    copies: list[Event] = []
    for source in [event.source_actor, *sources]:
        for target in [event.target_actor, *targets]:
            if (source, target) == (event.source_actor, event.target_actor) or (source and source == target):
                continue
            copies.append(event.model_copy(update={"source_actor": source, "target_actor": target}))
    return copies


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


def _depth(tok: Token) -> int:
    """How many heads lie above the token (0: the sentence's root)."""
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def _main_country(places: list[Place]) -> str | None:
    """The country a report names most among its resolved places (first named on a tie)."""
    counts: dict[str, int] = {}
    for place in sorted(places, key=lambda p: p.start):
        if place.country:
            counts[place.country] = counts.get(place.country, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _near_after(event: Event, anchor: Event, chars: int = 300) -> bool:
    """In the anchor's sentence, or starting within `chars` after it."""
    if not event.evidence or not anchor.evidence:
        return False
    a, e = anchor.evidence[0], event.evidence[0]
    return e.start == a.start or 0 <= e.start - a.end <= chars


def _anchor(tokens: list[Token]) -> Token:
    """The phrase's syntactic head: the token whose head lies outside the phrase."""
    if len(tokens) == 1:
        return tokens[0]
    ids = {t.i for t in tokens}
    for tok in tokens:
        if tok.head.i not in ids or tok.head.i == tok.i:
            return tok
    return tokens[-1]


def _through_quantity(noun: Token) -> Token:
    """ "the series of airstrikes": the noun whose place in the clause counts."""
    while (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.pos_ == "NOUN"
        and noun.head.head.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass")
        and noun.head.head.ent_type_ in ("", "CARDINAL")
    ):
        noun = noun.head.head
    return noun


PLANTED = frozenset({"plant", "lay", "place", "emplace", "install"})  # "a Taliban-planted mine": the planter's
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss"})


def _modifier_text(noun: Token, source: Token) -> str | None:
    """ "Saudi-led coalition airstrikes": the run of modifiers before the noun that holds the source."""
    first = source.left_edge.i
    for child in reversed([c for c in noun.lefts if c.i < source.i]):
        if child.dep_ not in MODIFIER_DEPS or child.right_edge.i + 1 != first:
            break
        first = child.left_edge.i
    last = source.right_edge.i
    if last >= noun.i:
        return None
    doc = noun.doc
    return doc[first : last + 1].text


def _names_actor(tok: Token, table: TriggerTable) -> bool:
    """ "Saudi-led coalition airstrikes", "army shelling": a modifier that names a group."""
    return tok.lemma_.lower() in table.actor_nouns or any(
        _is_actorish(c) for c in tok.children
        if c.dep_ in ("amod", "compound") or (c.dep_ == "npadvmod" and tok.lemma_.lower() in PLANTED)
    )


def _is_actorish(tok: Token) -> bool:
    if tok.ent_type_ in ("DATE", "TIME"):
        return False
    return tok.ent_type_ in ACTOR_ENTS or (tok.dep_ == "poss" and tok.pos_ != "PRON")


def _is_instrument(tok: Token, table: TriggerTable) -> bool:
    return bool(set(_keys(tok)) & table.instruments) and tok.ent_type_ == ""


def _instrument_owner(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod") and _is_actorish(child):
            return child
        if child.dep_ == "acl":
            agent = _agent(child)
            if agent is not None:
                return agent
    return None


def _sentence_items(items: Iterable[Place] | Iterable[TimeRef], sent: SpacySpan) -> list[Any]:
    return [x for x in items if x.start >= sent.start_char and x.end <= sent.end_char]


def _scope(anchor: Token) -> tuple[int, int]:
    """Character range of the clause the trigger lives in (its governing verb for nouns)."""
    top = anchor
    while top.pos_ not in ("VERB", "AUX") and top.head.i != top.i:
        top = top.head
    toks = list(top.subtree)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _nearest(
    places: list[Place], anchor: Token, sent: SpacySpan, extra: list[Token], mentions: list[ActorMention]
) -> Place | None:
    candidates: list[Place] = _sentence_items(places, sent)
    if not candidates:
        return _report_place(places, anchor, sent, mentions)
    lo, hi = _scope(anchor)
    for tok in extra:
        lo2, hi2 = _scope(tok)
        lo, hi = min(lo, lo2), max(hi, hi2)
    return _pick_place(candidates, anchor, lo, hi, mentions)


def _report_place(places: list[Place], anchor: Token, sent: SpacySpan, mentions: list[ActorMention]) -> Place | None:
    """An event whose sentence names no place happened where the report last said it was ("In Sao
    Goncalo, Rio de Janeiro, police raided a favela. A shoot-out broke out ..."): the place of the
    nearest sentence before it that names one, else of the first after it."""
    sentences = list(anchor.doc.sents)
    before = [s for s in sentences if s.end_char <= sent.start_char][::-1]
    after = [s for s in sentences if s.start_char >= sent.end_char]
    for other in before + after:
        candidates = _sentence_items(places, other)
        if candidates:
            lo, hi = _scope(other.root)
            return _pick_place(candidates, other.root, lo, hi, mentions)
    return None


def _pick_place(
    candidates: list[Place], anchor: Token, lo: int, hi: int, mentions: list[ActorMention]
) -> Place | None:
    located = _located_places(candidates, anchor.doc)
    # a country or capital named as an agent ("carried out by Israel", "Moscow said") is an actor
    # there, not where it happened; a town the actor reader also knew stays a place
    candidates = [
        p for p in candidates
        if p.start in located or p.feature_code not in ("PCLI", "PPLC")
        or not any(m.start < p.end and p.start < m.end for m in mentions)
    ]
    if not candidates:
        return None
    from triangulate.read.places import Geoparser, container_starts  # the stages' shared rules for places

    containers = container_starts(candidates, anchor.doc.text)

    def holds_another(area: Place) -> bool:
        """A country or province that holds another place of the sentence ("in Santa Rosa (La Pampa),
        merchants protested ... the isolation in Argentina"): the smaller place is where it happened."""
        if area.feature_code not in ("PCLI", "ADM1") or not area.country:
            return False
        return any(
            other is not area and other.country == area.country and other.feature_code not in ("PCLI", "ADM1")
            and other.feature_class != "H" and (area.feature_code == "PCLI" or other.admin1 == area.admin1)
            for other in candidates
        )

    def rank(place: Place) -> tuple[int, int, int, int, int, int, int]:
        inside = lo <= place.start and place.end <= hi
        return (
            1 if place.feature_class == "H" and place.start not in located else 0,  # "Hodeidah Red Sea port"
            1 if holds_another(place) else 0,
            0 if inside else 1, 1 if place.start in containers else 0, 1 if place.feature_code == "PCLI" else 0,
            0 if place.start in located else 1, abs(place.start - anchor.idx),
        )

    return Geoparser.default().event_point(min(candidates, key=rank))  # a province's event at its seat


def _located_places(places: list[Place], doc: Any) -> set[int]:
    """Places introduced by "in", "near", "at" (not "from", "to")."""
    out: set[int] = set()
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ in ("compound", "appos", "nmod") and root.head.dep_ == "pobj":
            root = root.head  # "in Bnei Brak city", "in the town of Abu Dis"
        if root.dep_ == "pobj" and root.head.lower_ in (
            "in", "near", "at", "outside", "around", "inside", "on", "throughout", "across", "within",
        ):
            out.add(place.start)
    return out


def _date(times: list[TimeRef], anchor: Token, sent: SpacySpan) -> EventDate | None:
    """The event's date: a calendar date of its sentence, the one the trigger's own verb governs first.

    Ranked: datable (a date, not a duration or a vague "recently") before the rest; one outside
    brackets before one inside (they elaborate: "Around 6 May 2020 (from 6-7 May)"); then a
    time the trigger's verb governs, one that opens the sentence ("On 8 May 2020, ..."), one
    inside the trigger's clause, any other; then the first of the first two kinds, else the
    nearest. A sentence without a
    date takes the latest date that opened an earlier sentence: a scene-setting date carries
    on, a date named in passing ("the July 19 attack") does not.
    """
    def datable(t: TimeRef) -> bool:
        return t.start_date is not None and t.granularity != "fuzzy" and not t.value.startswith("P")

    def governor(tok: Token) -> Token:
        while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
            tok = tok.head
        return tok

    doc = anchor.doc

    def place(t: TimeRef) -> tuple[Token | None, bool]:
        """The verb governing the time, and whether the time opens its sentence before that main verb."""
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or not len(span):
            return None, False
        verb = governor(span.root)
        opening = (verb.i == verb.head.i and span.start < verb.i
                   and not any(tok.pos_ in ("VERB", "AUX") for tok in doc[span.sent.start:span.start]))
        return verb, opening

    trigger_verb = governor(anchor)
    lo, hi = _scope(anchor)
    candidates: list[TimeRef] = _sentence_items(times, sent)
    if not any(datable(t) for t in candidates):
        before = [t for t in times if t.end <= sent.start_char and datable(t) and place(t)[1]]
        if before:
            candidates = [max(before, key=lambda t: (t.start, -t.end))]

    def rank(t: TimeRef) -> tuple[int, int, int, int]:
        verb, opening = place(t)
        if verb is not None and verb.i == trigger_verb.i:
            where = 0
        elif opening:
            where = 1
        elif lo <= t.start and t.end <= hi:
            where = 2
        else:
            where = 3
        before = doc.text[sent.start_char:t.start]
        bracketed = before.count("(") > before.count(")")
        return (0 if datable(t) else 1, int(bracketed), where, t.start if where <= 1 else abs(t.start - anchor.idx))

    # an unanchored duration ("a few hours before ...") says how long, not when
    candidates = [t for t in candidates
                  if t.start_date is not None or not t.value.startswith("P") or t.value.endswith("_REF")]
    if not candidates:
        return None
    best = min(candidates, key=rank)
    return EventDate(value=best.value, start_date=best.start_date, end_date=best.end_date)


