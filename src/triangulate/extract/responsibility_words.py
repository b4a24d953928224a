"""The words of data/responsibility.yaml, loaded once: the cues, nouns and verbs `responsibility` reads."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from spacy.tokens import Token

from triangulate.base.datafiles import load_yaml, word_set
from triangulate.records import ResponsibilityStance

RESPONSIBILITY_FILE = "responsibility.yaml"
STANCES: tuple[ResponsibilityStance, ...] = ("claims", "admits", "accuses", "denies", "uncertain")


@dataclass(frozen=True)
class ResponsibilityTable:
    """The words of data/responsibility.yaml."""

    cues: dict[str, ResponsibilityStance]
    cue_particles: dict[str, frozenset[str]]  # a cue that is one only with its particle ("rule out")
    claimed_objects: frozenset[str]
    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    event_types: frozenset[str]
    event_nouns: frozenset[str]
    deeds: frozenset[str]
    uncertain: tuple[str, ...]
    negators: frozenset[str]
    denying: tuple[str, ...] = ()  # phrases that deny what follows: "there was no truth to reports that ..."
    documents: frozenset[str] = frozenset()
    bodies: frozenset[str] = frozenset()  # documents that are also bodies speaking for themselves ("a public inquiry found")
    allegations: frozenset[str] = frozenset()
    denial_nouns: frozenset[str] = frozenset()
    quantifiers: frozenset[str] = frozenset()
    colleagues: frozenset[str] = frozenset()
    characterizing: frozenset[str] = frozenset()
    origin_nouns: frozenset[str] = frozenset()
    origin_verbs: frozenset[str] = frozenset()
    backing_verbs: frozenset[str] = frozenset()
    guidance_nouns: frozenset[str] = frozenset()
    crimes: frozenset[str] = frozenset()
    convicting: frozenset[str] = frozenset()
    charging: frozenset[str] = frozenset()
    acquitting: frozenset[str] = frozenset()
    judges: frozenset[str] = frozenset()
    actions: frozenset[str] = frozenset()
    doubting: frozenset[str] = frozenset()
    agent_nouns: frozenset[str] = frozenset()
    passive_deeds: frozenset[str] = frozenset()
    causing: frozenset[str] = frozenset()
    grievances: frozenset[str] = frozenset()
    scorning: frozenset[str] = frozenset()
    patients: frozenset[str] = frozenset()
    victim_verbs: frozenset[str] = frozenset()
    unaccusatives: frozenset[str] = frozenset()
    false_words: frozenset[str] = frozenset()
    proofs: frozenset[str] = frozenset()
    grounds: frozenset[str] = frozenset()
    place_holders: frozenset[str] = frozenset()
    doer_nouns: frozenset[str] = frozenset()
    member_nouns: frozenset[str] = frozenset()
    uncertain_exceptions: tuple[str, ...] = ()
    ties: frozenset[str] = frozenset()
    claimed_nouns: frozenset[str] = frozenset()
    blame_verbs: frozenset[str] = frozenset()
    blame_nouns: frozenset[str] = frozenset()
    door_nouns: frozenset[str] = frozenset()
    link_nouns: frozenset[str] = frozenset()
    work_nouns: frozenset[str] = frozenset()
    refusals: frozenset[str] = frozenset()
    proxies: frozenset[str] = frozenset()
    media_nouns: frozenset[str] = frozenset()
    showing: frozenset[str] = frozenset()
    pleading: frozenset[str] = frozenset()
    professing: frozenset[str] = frozenset()
    innocence: frozenset[str] = frozenset()

    def may_hold(self, lemma: str, lower: str) -> bool:
        """Whether a word (its lemma and form lower-cased) may be one `_holder` reads a doer from: a
        responsibility word or work noun, "do", a passive deed's form or a phrase's first word. Most are none."""
        firsts = self._phrase_firsts
        return (lemma == "do" or lemma in self.words or lower in self.words or lemma in self.work_nouns
                or lemma in firsts or lower in firsts
                or not (self.passive_deeds | self.causing).isdisjoint((lemma, lower.removesuffix("d"),
                                                                       lower.removesuffix("ed"))))

    @cached_property
    def charges(self) -> frozenset[str]:
        """Words of what one is accused of that makes it a part in a violent deed: "of [carrying out] the
        attack", "of [terrorism]", "of [arming] the militants" (not "of bias", "of making up the story")."""
        return (self.event_nouns | self.words | self.crimes | self.deeds | self.backing_verbs | self.passive_deeds
                | self.victim_verbs | self.agent_nouns | self.doer_nouns | self.actions)

    @cached_property
    def _phrase_firsts(self) -> frozenset[str]:
        return frozenset(phrase[0] for phrase in self.phrases)

    def phrase_at(self, token: Token) -> bool:
        """A responsibility phrase of several words starts at the token ("carried out", "carry out")."""
        doc = token.doc
        first = (token.lemma_.lower(), token.lower_)
        for phrase in self.phrases:
            if phrase[0] not in first:
                continue
            words = doc[token.i:token.i + len(phrase)]
            if tuple(t.lemma_.lower() for t in words) == phrase or tuple(t.lower_ for t in words) == phrase:
                return True
        return False

    @classmethod
    def load(cls, name: str = RESPONSIBILITY_FILE) -> ResponsibilityTable:
        raw = load_yaml(name, versioned=True)
        cues: dict[str, ResponsibilityStance] = {}
        for stance in STANCES:
            for lemma in raw["cues"].get(stance, []) or []:
                cues[str(lemma).lower()] = stance
        words = [str(w).lower() for w in raw["responsibility_words"]]
        return cls(
            cues=cues,
            cue_particles={str(k).lower(): word_set(v) for k, v in (raw.get("cue_particles") or {}).items()},
            claimed_objects=word_set(raw["claimed_objects"]),
            words=frozenset(w for w in words if " " not in w),
            phrases=tuple(tuple(w.split()) for w in words if " " in w),
            event_types=frozenset(str(t) for t in raw["event_types"]),
            event_nouns=word_set(raw["event_nouns"]),
            deeds=word_set(raw["deed_verbs"]),
            uncertain=tuple(str(p).lower() for p in raw["uncertain_phrases"]),
            denying=tuple(str(p).lower() for p in raw.get("denying_phrases", [])),
            negators=word_set(raw["negators"]),
            documents=word_set(raw.get("document_nouns")),
            bodies=word_set(raw.get("inquiring_bodies")),
            allegations=word_set(raw.get("allegation_nouns")),
            denial_nouns=word_set(raw.get("denial_nouns")),
            quantifiers=word_set(raw.get("quantifier_speakers")),
            colleagues=word_set(raw.get("colleague_speakers")),
            characterizing=word_set(raw.get("characterizing_verbs")),
            origin_nouns=word_set(raw.get("origin_nouns")),
            origin_verbs=word_set(raw.get("origin_verbs")),
            backing_verbs=word_set(raw.get("backing_verbs")),
            guidance_nouns=word_set(raw.get("guidance_nouns")),
            crimes=word_set(raw.get("crime_nouns")),
            convicting=word_set(raw.get("convicting_verbs")),
            charging=word_set(raw.get("charging_verbs")),
            acquitting=word_set(raw.get("acquitting_verbs")),
            judges=word_set(raw.get("judge_nouns")),
            actions=word_set(raw.get("action_nouns")),
            doubting=word_set(raw.get("doubting_cues")),
            agent_nouns=word_set(raw.get("agent_nouns")),
            proxies=word_set(raw.get("proxy_nouns")),
            media_nouns=word_set(raw.get("media_nouns")),
            passive_deeds=word_set(raw.get("passive_deeds")),
            causing=word_set(raw.get("causing_verbs")),
            grievances=word_set(raw.get("grievance_words")),
            scorning=word_set(raw.get("scorning_verbs")),
            patients=word_set(raw.get("patient_nouns")),
            victim_verbs=word_set(raw.get("victim_verbs")),
            unaccusatives=word_set(raw.get("unaccusative_verbs")),
            false_words=word_set(raw.get("false_words")),
            proofs=word_set(raw.get("proof_nouns")),
            grounds=word_set(raw.get("denying_grounds")),
            link_nouns=word_set(raw.get("link_nouns")),
            place_holders=word_set(raw.get("place_holders")),
            doer_nouns=word_set(raw.get("doer_nouns")),
            member_nouns=word_set(raw.get("member_nouns")),
            uncertain_exceptions=tuple(str(p) for p in raw.get("uncertain_exceptions") or ()),
            ties=word_set(raw.get("tie_words")),
            claimed_nouns=word_set(raw.get("claimed_nouns")),
            blame_verbs=word_set(raw.get("blame_verbs")),
            blame_nouns=word_set(raw.get("blame_nouns")),
            door_nouns=word_set(raw.get("door_nouns")),
            work_nouns=word_set(raw.get("work_nouns")),
            refusals=word_set(raw.get("refusing_verbs")),
            showing=word_set(raw.get("showing_verbs")),
            pleading=word_set(raw.get("plea_verbs")),
            professing=word_set(raw.get("innocence_verbs")),
            innocence=word_set(raw.get("innocence_nouns")),
        )


@lru_cache(maxsize=1)
def default_table() -> ResponsibilityTable:
    return ResponsibilityTable.load()
