"""The trigger dictionary: triggers.yaml's rules, mode cues, word lists and implicit sides."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from triangulate.base.datafiles import data_text, word_set
from triangulate.records import PLOVER_TYPES, CountBound

TRIGGERS_FILE = "triggers.yaml"


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
    modes: frozenset[str] = frozenset()  # the modes an "auto" mode may take (a bombing is never a shooting)


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
            riot_modes=word_set(data.get("riot_modes", defaults.riot_modes)),
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
            armed_sectors=word_set(data.get("armed_sectors", [])),
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
            harmless_modes=word_set(data.get("harmless_modes", [])),
            place_targets=word_set(data.get("place_targets", [])),
            object_targets=word_set(data.get("object_targets", [])),
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
    cause_preps: frozenset[str] = frozenset()
    group_heads: frozenset[str] = frozenset()
    instrument_heads: dict[str, frozenset[str]] = field(default_factory=dict)
    body_modifiers: dict[str, frozenset[str]] = field(default_factory=dict)
    yielding_cues: dict[str, frozenset[str]] = field(default_factory=dict)  # cue word -> modes it yields to
    deed_collectives: frozenset[str] = frozenset()
    operation_nouns: frozenset[str] = frozenset()
    projectile_verbs: frozenset[str] = frozenset()
    saying_verbs: frozenset[str] = frozenset()
    origin_verbs: frozenset[str] = frozenset()
    person_heads: frozenset[str] = frozenset()
    voiced_types: frozenset[str] = frozenset()
    device_victim_verbs: frozenset[str] = frozenset()
    devices: frozenset[str] = frozenset()
    uncertain: frozenset[str] = frozenset()
    knowing_verbs: frozenset[str] = frozenset()
    planning_verbs: frozenset[str] = frozenset()
    count_bounds: dict[tuple[str, ...], CountBound] = field(default_factory=dict)  # words before a number
    knowing_words: frozenset[str] = frozenset()
    false_words: frozenset[str] = frozenset()
    true_words: frozenset[str] = frozenset()
    false_exceptions: frozenset[str] = frozenset()
    report_nouns: frozenset[str] = frozenset()
    place_holders: frozenset[str] = frozenset()
    patient_nouns: frozenset[str] = frozenset()
    thing_heads: dict[str, str] = field(default_factory=dict)  # lemma -> kind of named thing

    @classmethod
    def from_yaml(cls, text: str) -> TriggerTable:
        data: dict[str, Any] = yaml.safe_load(text)
        rules = [_rule(entry) for entry in data["triggers"]]
        by_first: dict[str, list[TriggerRule]] = {}
        # Longer phrases first, then file order: "air strike" wins over "strike".
        for rule in sorted(rules, key=lambda r: -len(r.lemmas)):
            by_first.setdefault(rule.lemmas[0], []).append(rule)
        mode_cues = {
            type_: [ModeCue(c["mode"], word_set(c["words"])) for c in cues]
            for type_, cues in data.get("mode_cues", {}).items()
        }
        modality = data.get("modality", {})
        casualties = data.get("casualties", {})
        return cls(
            version=int(data.get("version", 0)),
            by_first=by_first,
            mode_cues=mode_cues,
            threaten_modes=[ModeCue(c["mode"], word_set(c["words"])) for c in data.get("threaten_modes", [])],
            alleged=word_set(modality.get("alleged", [])),
            denied=word_set(modality.get("denied", [])),
            hypothetical=word_set(modality.get("hypothetical", [])),
            negated_heads=word_set(modality.get("negated_heads", [])),
            light_verbs=word_set(data.get("light_verbs", [])),
            impact_verbs=word_set(data.get("impact_verbs", [])),
            counter_verbs=word_set(data.get("counter_verbs", [])),
            instruments=word_set(data.get("instruments", [])),
            instrument_heads={str(k).lower(): word_set(v) for k, v in (data.get("instrument_heads") or {}).items()},
            actor_nouns=word_set(data.get("actor_nouns", [])),
            fatality_words=word_set(casualties.get("fatalities", [])),
            injury_words=word_set(casualties.get("injured", [])),
            report_nouns=word_set(casualties.get("none_reported", [])),
            rules=rules,
            sides=Sides.from_data(data.get("sides") or {}),
            engage_verbs=word_set(data.get("engage_verbs", [])),
            casualty_preps=word_set(data.get("casualty_preps", [])),
            cause_preps=word_set(data.get("cause_preps", [])),
            group_heads=word_set(data.get("group_heads", [])),
            body_modifiers={str(k).lower(): word_set(v) for k, v in (data.get("body_modifiers") or {}).items()},
            yielding_cues={str(k).lower(): frozenset(map(str, v)) for k, v in (data.get("yielding_cues") or {}).items()},
            deed_collectives=word_set(data.get("deed_collectives", [])),
            operation_nouns=word_set(data.get("operation_nouns", [])),
            projectile_verbs=word_set(data.get("projectile_verbs", [])),
            saying_verbs=word_set(data.get("saying_verbs", [])),
            origin_verbs=word_set(data.get("origin_verbs", [])),
            person_heads=word_set(data.get("person_heads", [])),
            voiced_types=frozenset(str(t) for t in data.get("voiced_types", [])),
            device_victim_verbs=word_set(data.get("device_victim_verbs", [])),
            devices=word_set(data.get("devices", [])),
            uncertain=word_set(modality.get("uncertain", [])),
            knowing_verbs=word_set(modality.get("knowing_verbs", [])),
            planning_verbs=word_set(modality.get("planning_verbs", [])),
            count_bounds={tuple(str(phrase).lower().split()): bound
                          for bound, phrases in data.get("count_bounds", {}).items() for phrase in phrases},
            knowing_words=word_set(modality.get("knowing_words", [])),
            false_words=word_set(modality.get("false_words", [])),
            true_words=word_set(modality.get("true_words", [])),
            false_exceptions=word_set(modality.get("false_exceptions", [])),
            place_holders=word_set(data.get("place_holders", [])),
            patient_nouns=word_set(data.get("patient_nouns", [])),
            thing_heads={str(w).lower(): str(kind) for kind, words in (data.get("thing_heads") or {}).items()
                         for w in words},
        )

    @classmethod
    def default(cls) -> TriggerTable:
        return _default_table()



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
        near=word_set(entry.get("near", [])),
        not_near=word_set(entry.get("not_near", [])),
        subject=word_set(entry.get("subject", [])),
        governor=word_set(entry.get("governor", [])),
        modes=frozenset(str(m) for m in entry.get("modes", [])),
    )


@lru_cache(maxsize=1)
def _default_table() -> TriggerTable:
    return TriggerTable.from_yaml(data_text(TRIGGERS_FILE))
