"""Actor vocabulary: shared constants, name normalization, index entries and the agent nouns and titles."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

UNKNOWN_COUNTRY = "XXX"
# state organs that often act abroad: given a country from the places only in a one-country report
STATE_ROLES = frozenset({"MIL", "GOV", "INT", "LEG", "JUD", "MED", "SEC"})
PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
# prepositions whose object is a location, not an agent ("in Iraq", "near Baghdad")
PLACE_PREPS = frozenset({
    "in", "inside", "near", "at", "into", "across", "throughout", "within", "outside", "around",
    "toward", "towards", "to", "via", "through", "along", "beyond", "onto", "over", "of",
    "off", "on", "nearby",
})
# prepositions whose object is still an agent for capitals ("a green light from Washington")
AGENT_PREPS = frozenset({"by", "between", "from", "with", "against", "and"})
# the object of these verbs is said to have done something: "accused Kyiv of", "blamed Moscow for"
ACCUSING_LEMMAS = frozenset({"accuse", "blame", "hold", "charge", "condemn", "denounce", "fault"})
MOTION_LEMMAS = frozenset({
    "fly", "travel", "return", "arrive", "flee", "withdraw", "come", "go", "move", "leave", "depart",
    "launch", "fire", "send", "transfer", "deport", "evacuate", "drive", "smuggle", "km", "kilometer",
    "mile", "north", "south", "east", "west", "remove", "expel", "oust", "pull",
})
# "forces of Armenia", "soldiers from Gondor", "lawmakers in Fornost": the group's own state
GROUP_COUNTRY_PREPS = frozenset({"of", "from", "in"})
# sectors of armed actors: a group noun of one ("forces of X") may be X itself
ARMED_SECTORS = frozenset({"military", "paramilitary", "rebel", "militia", "unidentified"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "poss"})
PERSON_WINDOW_SENTENCES = 1  # a pronoun looks back this many sentences for its person
TITLE_WINDOW_SENTENCES = 4  # "the spokesman" looks back this many sentences for the one named with the title
# "anti-Assad rebels": a name joined to this qualifies its foes, not itself ("pro-Houthi fighters" are the Houthis')
STANCE_PREFIXES = frozenset({"anti"})
# "the US-based cleric", "a London-based monitor": the place a thing is in, not the state acting
PLACE_SUFFIXES = frozenset({"based", "born", "registered", "flagged", "headquartered", "bred"})
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(APOSTROPHES)).strip().lower()


def _strip_the(text: str) -> str:
    return re.sub(r"^(the)\s+", "", text.strip(), flags=re.IGNORECASE)



@dataclass(frozen=True)
class IndexEntry:
    """What a matched phrase names: an actor, and how the phrase names it."""

    actor_id: str
    how: str  # dictionary, country, capital, demonym
    exact: tuple[str, ...] | None = None  # acronyms match with their case ("US", not "us")


@dataclass
class AgentVocabulary:
    """data/agents.yaml: sectors, roles of on-demand actors, group nouns and titles."""

    sectors: frozenset[str]
    roles: dict[str, dict[str, Any]]
    nouns: dict[str, str]
    alone: frozenset[str]
    compounds: dict[tuple[str, str], str]
    unidentified_modifiers: frozenset[str]
    unidentified_heads: frozenset[str]
    military_heads: frozenset[str]
    titles: dict[tuple[str, ...], str]
    title_modifiers: frozenset[str]
    reporting_verbs: frozenset[str] = frozenset()
    max_title_len: int = 1

    @classmethod
    def from_yaml(cls, data: dict[str, Any]) -> AgentVocabulary:
        nouns = {str(k): str(v["role"]) for k, v in data["nouns"].items()}
        titles = {tuple(str(k).lower().split()): str(v) for k, v in data["titles"].items()}
        return cls(
            sectors=frozenset(data["sectors"]),
            roles=dict(data["roles"]),
            nouns=nouns,
            alone=frozenset(k for k, v in data["nouns"].items() if v.get("alone")),
            compounds={tuple(str(k).split()): str(v) for k, v in data["compounds"].items()},  # type: ignore[misc]
            unidentified_modifiers=frozenset(data["unidentified_modifiers"]),
            unidentified_heads=frozenset(data["unidentified_heads"]),
            military_heads=frozenset(data["military_heads"]),
            titles=titles,
            title_modifiers=frozenset(data["title_modifiers"]),
            reporting_verbs=frozenset(data.get("reporting_verbs", ())),
            max_title_len=max(len(t) for t in titles),
        )

@dataclass
class _States:
    iso2_of: dict[str, str] = field(default_factory=dict)  # ISO3 -> ISO2
    name_of: dict[str, str] = field(default_factory=dict)  # ISO3 -> name
