"""PETRARCH actor and agent dictionaries, read into triangulate's actor dictionary.

PETRARCH (openeventdata) keeps actors and agents in flat text files:

- actors: a primary phrase with an optional default `[CODE]`, synonym lines starting with `+`,
  and date-restriction lines (indented) of the form `[CODE <date]`, `[CODE >date]` or
  `[CODE date-date]` (dates YYYYMMDD or YYMMDD, limits inclusive; the first restriction that
  holds wins, else the default code, else no code). Codes are 3-letter roots followed by
  3-letter agent codes ("ARNGOV"); `ELR/GAL` gives several codes; `---` is the unknown root.
- agents: `PHRASE {PLURAL} [~CODE]` (the code goes after the actor's) or `[CODE~]` (before);
  regular plurals are made automatically, `{}` turns them off, `{X}` gives an irregular one;
  `!NAME! = A, B, C` defines a substitution set used as `CONGRESS!PERSON!`.
- comments: `#` and `;` to the end of the line, `<!-- ... -->` (possibly over several lines).

`PetrarchDictionary.actor_dictionary(on)` gives an `ActorDictionary` for a publication date:
3-letter codes become state-like roots (their id is the code, their government `<CODE>.GOV`),
longer codes become actors `<ROOT>.<AGENTS>`, and agents become the roles of actors made on
demand (`<ROOT>.<AGENT>`, with `~` kept at the end for agents that PETRARCH puts first). The
reverse, `petrarch_codes(actor_id)`, gives the PETRARCH codes an actor id stands for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from triangulate.base.datafiles import load_yaml
from triangulate.read.actors import UNKNOWN_COUNTRY, ActorDictionary

ACTORS_FILE = "PETR.Validate.actors.txt"
AGENTS_FILE = "PETR.Validate.agents.txt"
UNKNOWN_ROOT = "---"
ROOT_LEN = 3
# The first 3 letters of an agent code tell its sector (PETRARCH/CAMEO agent vocabulary).
_AGENT_SECTORS = {
    "GOV": ["government"], "MIL": ["military"], "COP": ["police"], "SPY": ["intelligence"],
    "LEG": ["legislature"], "JUD": ["judiciary"], "MED": ["media"], "REB": ["rebel"],
    "UAF": ["militia"], "OPP": ["political_party"], "MOP": ["political_party"], "NGO": ["ngo"],
    "IGO": ["igo"], "BUS": ["business"], "REL": ["religious"], "MUS": ["religious"], "CHR": ["religious"],
    "CIV": ["civilians"], "LAB": ["civilians"], "EDU": ["civilians"], "HRI": ["ngo"], "ELI": ["government"],
}
_RESTRICTION = re.compile(r"^\s*(?P<code>[^\s<>\[\]]+)?\s*(?:(?P<op>[<>])\s*(?P<d1>\d{6,8})|(?P<a>\d{6,8})\s*-\s*(?P<b>\d{6,8}))?\s*$")
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "de", "al"})
_SUBSTITUTION = re.compile(r"^!(?P<name>[A-Z0-9_]+)!\s*=\s*(?P<items>.+)$")


# ---------------------------------------------------------------------------------- records
@dataclass(frozen=True)
class DateRestriction:
    code: str | None
    start: date | None = None  # inclusive; None: open
    end: date | None = None

    def holds(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass
class PetrarchActor:
    """One actor record: its phrases (primary first), default code and dated codes."""

    phrases: list[str]
    default: str | None = None
    restrictions: list[DateRestriction] = field(default_factory=list)

    def code_on(self, on: date | None) -> str | None:
        """The code on a date: the first restriction that holds, else the default (None: no code)."""
        if on is not None:
            for restriction in self.restrictions:
                if restriction.start is None and restriction.end is None:
                    continue
                if restriction.holds(on):
                    return restriction.code
        undated = [r.code for r in self.restrictions if r.start is None and r.end is None]
        return self.default or (undated[0] if undated else None)

    def all_codes(self) -> set[str]:
        return {c for c in [self.default, *(r.code for r in self.restrictions)] if c}


@dataclass(frozen=True)
class PetrarchAgent:
    """An agent phrase in all its written forms, and the code it adds to an actor's."""

    forms: tuple[str, ...]  # lowercase, words separated by one space; singular first
    code: str
    before: bool = False  # `NGO~`: the code goes before the actor's root

    @property
    def role(self) -> str:
        """The role key of triangulate's actors made on demand (`ARN.GOVFRM`, `ARN.NGO~`)."""
        return f"{self.code}~" if self.before else self.code


# ---------------------------------------------------------------------------------- parsing
def strip_comments(lines: Iterable[str]) -> list[str]:
    """Lines without `<!-- -->` blocks (possibly multi-line), `#` and `;` comments; blank lines kept."""
    out: list[str] = []
    in_block = False
    for raw in lines:
        line = raw.rstrip("\n")
        text = ""
        while line:
            if in_block:
                end = line.find("-->")
                if end < 0:
                    line = ""
                    break
                line, in_block = line[end + 3:], False
                continue
            start = re.search(r"<!\s*--", line)
            if start is None:
                text += line
                break
            text += line[:start.start()]
            line, in_block = line[start.end():], True
        text = re.split(r"[#;]", text, maxsplit=1)[0]
        out.append(text.rstrip())
    return out


def parse_date(text: str) -> date:
    """YYYYMMDD, or YYMMDD with years before 30 in the 2000s (PETRARCH's mixed forms)."""
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{2000 + yy if yy < 30 else 1900 + yy}{text[2:]}"
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _phrase(text: str) -> str:
    return " ".join(text.replace("_", " ").split())


def written_form(phrase: str) -> str:
    """PETRARCH writes names in capitals and matches them in any case; triangulate reads an
    all-capitals alias as an acronym that must match exactly. So names are title-cased, and
    only acronyms ("U.N.", "IMF", "THE AU" -> "The AU") keep their capitals."""

    def acronym(word: str) -> bool:
        letters = sum(c.isalpha() for c in word)
        return "." in word or (0 < letters <= 3 and word.lower() not in _FUNCTION_WORDS)

    words = phrase.split()
    return " ".join(w.upper() if acronym(w) and (i > 0 or len(words) == 1) else _title(w)
                    for i, w in enumerate(words))


def _title(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def _code(text: str) -> str | None:
    code = text.strip().upper()
    return code or None


def _restriction(body: str) -> DateRestriction | None:
    match = _RESTRICTION.match(body)
    if match is None:
        return None
    code = _code(match["code"] or "")
    if match["op"] == "<":
        return DateRestriction(code, end=parse_date(match["d1"]))
    if match["op"] == ">":
        return DateRestriction(code, start=parse_date(match["d1"]))
    if match["a"]:
        return DateRestriction(code, start=parse_date(match["a"]), end=parse_date(match["b"]))
    return DateRestriction(code)


def parse_actors(lines: Iterable[str]) -> list[PetrarchActor]:
    """Actor records in PETRARCH's actor-dictionary format."""
    actors: list[PetrarchActor] = []
    current: PetrarchActor | None = None
    for line in strip_comments(lines):
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("["):  # a date restriction (or a code on its own line)
            if current is None:
                continue
            restriction = _restriction(stripped.strip("[]"))
            if restriction is not None:
                if restriction.start is None and restriction.end is None and current.default is None:
                    current.default = restriction.code
                else:
                    current.restrictions.append(restriction)
            continue
        name, _, rest = stripped.partition("[")
        code = _code(rest.split("]", 1)[0]) if rest else None
        if name.startswith("+"):
            if current is not None and _phrase(name[1:]):
                current.phrases.append(_phrase(name[1:]))
            continue
        current = PetrarchActor(phrases=[_phrase(name)])
        actors.append(current)
        if code is not None:
            restriction = _restriction(code)
            if restriction is not None and (restriction.start or restriction.end):
                current.restrictions.append(restriction)
            else:
                current.default = code
    return [a for a in actors if a.phrases and a.phrases[0]]


def _plural(word: str) -> str:
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ss", "sh", "ch", "x")):
        return word + "es"
    return word + "s"


def parse_agents(lines: Iterable[str]) -> list[PetrarchAgent]:
    """Agent records in PETRARCH's agent-dictionary format, substitution sets expanded."""
    substitutions: dict[str, list[str]] = {}
    agents: list[PetrarchAgent] = []
    for line in strip_comments(lines):
        stripped = line.strip()
        if not stripped:
            continue
        sub = _SUBSTITUTION.match(stripped)
        if sub is not None:
            substitutions[sub["name"]] = [item.strip() for item in sub["items"].split(",") if item.strip()]
            continue
        match = re.match(r"^(?P<phrase>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]", stripped)
        if match is None:
            continue
        raw_code = match["code"].strip().upper()
        if "~" not in raw_code:
            continue
        before = raw_code.endswith("~")
        code = raw_code.strip("~").strip()
        phrase = match["phrase"]
        plural = match["plural"]
        markers = re.findall(r"!([A-Z0-9_]+)!", phrase)
        if markers:
            variants = [phrase]
            for marker in markers:
                values = substitutions.get(marker, [])
                variants = [v.replace(f"!{marker}!", value) for v in variants for value in values]
            forms = [_phrase(v).lower() for v in variants]  # every substitute is a form already
        else:
            singular = _phrase(phrase).lower()
            forms = [singular]
            if plural is None:
                words = singular.split()
                forms.append(" ".join([*words[:-1], _plural(words[-1])]))
            elif plural.strip():
                forms.append(_phrase(plural).lower())
        forms = [f for f in dict.fromkeys(forms) if f]
        if forms and code:
            agents.append(PetrarchAgent(tuple(forms), code, before))
    return agents


# ---------------------------------------------------------------------------------- codes
def actor_id_for(code: str) -> str:
    """triangulate's id for a PETRARCH actor code: `ARN`, `ARN.GOV`, `XXX.GOV` (`---GOV`), `ELR/GAL`."""
    if "/" in code:
        return code
    root, rest = code[:ROOT_LEN], code[ROOT_LEN:]
    if root == UNKNOWN_ROOT:
        root = UNKNOWN_COUNTRY
    return f"{root}.{rest}" if rest else root


def petrarch_codes(actor_id: str) -> list[str]:
    """The PETRARCH codes an actor id stands for (inverse of `actor_id_for`, roles included)."""
    if "/" in actor_id:
        return actor_id.split("/")
    root, _, rest = actor_id.partition(".")
    if root == UNKNOWN_COUNTRY:
        root = UNKNOWN_ROOT
    if rest.endswith("~"):  # an agent PETRARCH writes before the root ("NGO~" -> NGOARN)
        return [rest[:-1] + root]
    return [root + rest.replace(".", "")]


# ---------------------------------------------------------------------------------- dictionary
def _agent_role_spec(code: str) -> dict[str, Any]:
    sectors: list[str] = []
    for i in range(0, len(code), ROOT_LEN):
        sectors += [s for s in _AGENT_SECTORS.get(code[i:i + ROOT_LEN], []) if s not in sectors]
    kind = "government" if code.startswith("GOV") else "military" if code.startswith("MIL") else "group"
    return {"name": f"{{country}} ({code})", "sectors": sectors, "kind": kind}


class PetrarchDictionary:
    """PETRARCH's actors and agents, and the triangulate actor dictionaries made from them."""

    def __init__(self, actors: list[PetrarchActor], agents: list[PetrarchAgent]) -> None:
        self.actors = actors
        self.agents = agents
        # every bare 3-letter code is a state-like root: agents attach to it ("Arnor's president")
        self.roots = sorted({
            code for actor in actors for code in actor.all_codes()
            if len(code) == ROOT_LEN and code != UNKNOWN_ROOT
        })
        self.agents_data = self._agents_data()
        self._cache: dict[tuple[str | None, ...], ActorDictionary] = {}

    @classmethod
    def load(cls, folder: Path) -> PetrarchDictionary:
        actors = parse_actors((folder / ACTORS_FILE).read_text(encoding="latin-1").splitlines())
        agents = parse_agents((folder / AGENTS_FILE).read_text(encoding="latin-1").splitlines())
        return cls(actors, agents)

    def _agents_data(self) -> dict[str, Any]:
        """triangulate's agents.yaml shape, with PETRARCH's agents as roles, nouns, compounds and titles."""
        base = load_yaml("agents.yaml")
        roles: dict[str, dict[str, Any]] = {}
        nouns: dict[str, dict[str, Any]] = {}
        compounds: dict[str, str] = {}
        truncated: dict[str, str] = {}
        titles: dict[str, str] = {}
        for agent in self.agents:
            roles.setdefault(agent.role, _agent_role_spec(agent.code))
            for form in agent.forms:
                words = form.split()
                titles.setdefault(form, agent.role)
                if len(words) == 1:
                    nouns.setdefault(form, {"role": agent.role, "alone": True})
                elif len(words) == 2:
                    compounds.setdefault(form, agent.role)
                elif "of" not in words:
                    # triangulate's compounds are "modifier head": keep the last two words
                    truncated.setdefault(" ".join(words[-2:]), agent.role)
                else:  # "minister of silly walks": the head noun comes first
                    head = words[0]
                    nouns.setdefault(head, {"role": agent.role, "alone": True})
        for key, role in truncated.items():
            compounds.setdefault(key, role)
        data: dict[str, Any] = dict(base)  # closed grammatical lists (title modifiers) stay triangulate's
        data.update({
            "roles": roles,
            "nouns": nouns,
            "compounds": compounds,
            "unidentified_modifiers": [],
            "unidentified_heads": [],
            "military_heads": [],
            "titles": titles,
        })
        return data

    def codes_on(self, on: date | None) -> tuple[str | None, ...]:
        return tuple(actor.code_on(on) for actor in self.actors)

    def actor_dictionary(self, on: date | None) -> ActorDictionary:
        """The actor dictionary of a publication date (built once per distinct set of codes)."""
        codes = self.codes_on(on)
        if codes not in self._cache:
            self._cache[codes] = self._build(codes)
        return self._cache[codes]

    def actors_data(self, codes: tuple[str | None, ...]) -> dict[str, Any]:
        """triangulate's actors.yaml shape for one resolution of the dated codes."""
        names: dict[str, list[str]] = {}  # code -> phrases
        for actor, code in zip(self.actors, codes, strict=True):
            if code is None:
                continue  # a null code: PETRARCH knows the name but codes nothing
            bucket = names.setdefault(code, [])
            bucket += [w for w in map(written_form, actor.phrases) if w not in bucket]
        states: list[dict[str, Any]] = []
        for root in self.roots:
            own = names.get(root, [])
            if not own:
                continue  # no name has this code on this date
            states.append({
                "iso3": root, "iso2": root, "name": own[0], "aliases": own[1:],
                "capitals": [], "gov_aliases": names.get(root + "GOV", []), "mil_aliases": names.get(root + "MIL", []),
            })
        actors: list[dict[str, Any]] = []
        for code, phrases in sorted(names.items()):
            root, rest = code[:ROOT_LEN], code[ROOT_LEN:]
            if "/" not in code and ((len(code) == ROOT_LEN and root != UNKNOWN_ROOT) or (
                    root in names and rest in ("GOV", "MIL"))):
                continue  # already a state, its government or its military
            actors.append({
                "id": actor_id_for(code), "name": phrases[0], "aliases": phrases[1:],
                "country": root if root in names else None,
                "sectors": _agent_role_spec(rest)["sectors"] if rest else [],
                "kind": "group",
            })
        return {"version": 1, "states": states, "actors": actors}

    def _build(self, codes: tuple[str | None, ...]) -> ActorDictionary:
        return ActorDictionary.from_data(self.actors_data(codes), {"version": 1, "demonyms": {}}, self.agents_data)
