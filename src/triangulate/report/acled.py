"""ACLED event types for PLOVER events (data/acled_map.yaml).

PLOVER says what was done and how; ACLED's 25 sub-event types also depend on who was hit
(Battles when the target is armed, Violence against civilians when not), on weapon details that
PLOVER folds into one mode (grenade vs IED), and on what else happened to a protest (police
intervention). The rules therefore also look at the trigger, the evidence sentence, the actors'
sectors and the other events of the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from triangulate.base.datafiles import data_text
from triangulate.records import Actor, Event

ACLED_MAP_FILE = "acled_map.yaml"
NEARBY_CHARS = 300  # how far after an event's sentence a sibling may still be part of it
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


@dataclass(frozen=True)
class AcledRule:
    event_type: str
    sub_event_type: str
    types: frozenset[str] = frozenset()
    modes: frozenset[str] = frozenset()
    trigger: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    source_words: tuple[str, ...] = ()
    not_source_words: tuple[str, ...] = ()
    target_armed: bool | None = None
    sibling: tuple[str, ...] = ()
    sibling_words: tuple[str, ...] = ()
    sibling_fatal: bool = False
    sibling_trigger: tuple[str, ...] = ()
    not_evidence: tuple[str, ...] = ()
    side_words: tuple[str, ...] = ()
    not_side_words: tuple[str, ...] = ()
    target_words: tuple[str, ...] = ()


@dataclass
class AcledMap:
    rules: list[AcledRule]
    armed_sectors: frozenset[str]
    armed_words: tuple[str, ...]
    event_types: dict[str, list[str]]

    @classmethod
    def from_yaml(cls, text: str) -> AcledMap:
        data: dict[str, Any] = yaml.safe_load(text)
        event_types = {str(k): [str(s) for s in v] for k, v in data["event_types"].items()}
        rules = [_rule(entry) for entry in data["rules"]]
        for rule in rules:
            if rule.sub_event_type not in event_types.get(rule.event_type, []):
                raise ValueError(f"acled_map.yaml: {rule.event_type}/{rule.sub_event_type} is not an ACLED type")
        return cls(
            rules=rules,
            armed_sectors=frozenset(str(s).lower() for s in data.get("armed_sectors", [])),
            armed_words=tuple(str(w).lower() for w in data.get("armed_words", [])),
            event_types=event_types,
        )

    @classmethod
    def default(cls) -> AcledMap:
        return _default_map()

    def classify(
        self,
        event: Event,
        actors: Mapping[str, Actor] | None = None,
        siblings: Sequence[Event] = (),
    ) -> tuple[str, str]:
        actors = actors or {}
        trigger_words = _words(event.trigger.text if event.trigger else "")
        evidence_text = " ".join(s.text for s in event.evidence).lower()
        evidence_words = _words(evidence_text)
        source_words = _words(_side_text(event.source_text, event.source_actor or event.default_source, actors))
        neighbours = [s for s in siblings if s.id != event.id and _same_sentence(s, event)]
        for rule in self.rules:
            if rule.types and event.type not in rule.types:
                continue
            if rule.modes and (event.mode or "none") not in rule.modes:
                continue
            if rule.trigger and not _has_prefix(trigger_words, rule.trigger):
                continue
            if rule.evidence and not (
                _has_prefix(evidence_words, rule.evidence)
                or any(" " in p and p in evidence_text for p in rule.evidence)
            ):
                continue
            if rule.not_evidence and (
                _has_prefix(evidence_words, rule.not_evidence)
                or any(" " in p and p in evidence_text for p in rule.not_evidence)
            ):
                continue
            if rule.source_words and not _has_prefix(source_words, rule.source_words):
                continue
            # the text's own words: an actor dictionary may file "a mob" under "Rioters"
            if rule.not_source_words and _has_prefix(_words(event.source_text or ""), rule.not_source_words):
                continue
            if rule.target_armed is not None and self.target_armed(event, actors) != rule.target_armed:
                continue
            if rule.target_words and not _has_prefix(_words(event.target_text or ""), rule.target_words):
                continue
            if rule.side_words or rule.not_side_words:
                # the sides' own words, either side ("workers clashed with the police")
                side_text = _words(" ".join(t for t in (event.source_text, event.target_text) if t))
                if rule.side_words and not _has_prefix(side_text, rule.side_words):
                    continue
                if rule.not_side_words and _has_prefix(side_text, rule.not_side_words):
                    continue
            if rule.sibling and not any(
                _pair_matches(s, rule.sibling)
                and (not rule.sibling_fatal or (s.fatalities or 0) > 0)
                and (not rule.sibling_words or _has_prefix(_sides(s, actors), rule.sibling_words))
                and (not rule.sibling_trigger or _has_prefix(_words(s.trigger.text if s.trigger else ""),
                                                             rule.sibling_trigger))
                for s in neighbours
            ):
                continue
            return rule.event_type, rule.sub_event_type
        return "Strategic developments", "Other"

    def target_armed(self, event: Event, actors: Mapping[str, Actor]) -> bool:
        actor = actors.get(event.target_actor) if event.target_actor and event.target_text else None  # stated only
        if actor is not None and actor.sectors:
            return bool({s.lower() for s in actor.sectors} & self.armed_sectors)
        words = _words(_side_text(event.target_text, event.target_actor or event.default_target, actors))
        text = (event.target_text or "").lower()
        return _has_prefix(words, self.armed_words) or any(" " in w and w in text for w in self.armed_words)


def acled_types(
    event: Event,
    actors: Mapping[str, Actor] | None = None,
    siblings: Sequence[Event] = (),
) -> tuple[str, str]:
    """(event_type, sub_event_type) in ACLED's names for one PLOVER event.

    `actors` (id -> Actor) lets the target's sectors decide Battles vs Violence against
    civilians; `siblings` (the document's other events) lets a protest that police dispersed
    become a "Protest with intervention".
    """
    return AcledMap.default().classify(event, actors, siblings)


def _rule(entry: dict[str, Any]) -> AcledRule:
    armed = entry.get("target_armed")
    return AcledRule(
        event_type=str(entry["event_type"]),
        sub_event_type=str(entry["sub_event_type"]),
        types=frozenset(entry.get("type", [])),
        modes=frozenset(entry.get("mode", [])),
        trigger=_prefixes(entry.get("trigger", [])),
        evidence=_prefixes(entry.get("evidence", [])),
        source_words=_prefixes(entry.get("source_words", [])),
        not_source_words=_prefixes(entry.get("not_source_words", [])),
        target_armed=None if armed is None else bool(armed),
        sibling=tuple(str(s) for s in entry.get("sibling", [])),
        sibling_words=_prefixes(entry.get("sibling_words", [])),
        sibling_fatal=bool(entry.get("sibling_fatal", False)),
        sibling_trigger=_prefixes(entry.get("sibling_trigger", [])),
        not_evidence=_prefixes(entry.get("not_evidence", [])),
        side_words=_prefixes(entry.get("side_words", [])),
        not_side_words=_prefixes(entry.get("not_side_words", [])),
        target_words=_prefixes(entry.get("target_words", [])),
    )


def _prefixes(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(i).lower() for i in items)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _has_prefix(words: Iterable[str], prefixes: tuple[str, ...]) -> bool:
    single = tuple(p for p in prefixes if " " not in p)
    return bool(single) and any(w.startswith(single) for w in words)


def _side_text(text: str | None, actor_id: str | None, actors: Mapping[str, Actor]) -> str:
    """The side's words and its actor's name; a side the text leaves implicit (filled by
    convention, extract/events.py) has no text and says nothing about the event's kind."""
    actor = actors.get(actor_id) if actor_id and text else None
    return " ".join(x for x in (text, actor.name if actor else None) if x)


def _sides(event: Event, actors: Mapping[str, Actor]) -> list[str]:
    return _words(_side_text(event.source_text, event.source_actor or event.default_source, actors)) + _words(
        _side_text(event.target_text, event.target_actor or event.default_target, actors)
    )


def _same_sentence(a: Event, b: Event) -> bool:
    """Same sentence, or close after it ("... held a protest. Police dispersed them.")."""
    if not a.evidence or not b.evidence:
        return False
    gap = a.evidence[0].start - b.evidence[0].end
    return a.evidence[0].start == b.evidence[0].start or 0 <= gap <= NEARBY_CHARS


def _pair_matches(event: Event, pairs: tuple[str, ...]) -> bool:
    for pair in pairs:
        type_, _, mode = pair.partition("/")
        if event.type == type_ and (not mode or event.mode == mode):
            return True
    return False


@lru_cache(maxsize=1)
def _default_map() -> AcledMap:
    return AcledMap.from_yaml(data_text(ACLED_MAP_FILE))
