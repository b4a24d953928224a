"""Whether two statements' speakers or sides are one: by actor id, by the body an actor belongs to (a state's
organs up to its government, a group's members), by a name the reports place, or by the words of their names."""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.lang.en.stop_words import STOP_WORDS

from triangulate.link.stated import stem
from triangulate.read.actors import UNKNOWN_COUNTRY
from triangulate.read.actors.dictionary import ActorDictionary
from triangulate.records import Actor, Responsibility

PROVISIONAL = "prov:"  # an actor id minted for a name no actor list knows (often a place or thing)
_WORD = re.compile(r"[a-z0-9]+")


_OWNER = re.compile(r"\b([a-z0-9]+)\s*['’]s\b")


def _words(text: str | None, owners: bool = True) -> set[str]:
    """A name's words without their endings ("Baloch separatists" in "a separatist group, the Baloch ...")."""
    text = (text or "").lower()
    return {stem(w) for w in _WORD.findall(text if owners else _OWNER.sub(" ", text))} - {"the", "a", "an", "of", "s"}


def _within(name: str, other: str) -> bool:
    """One name's words all among another's, its owners aside ("Russia's Dozhd channel" is no name of Russia); a
    name holding a word any sentence has is not looked for ("IS" in "which is a group of ...", "the U.S.")."""
    words = _words(name)
    if not words:
        return False
    if any(w in STOP_WORDS or len(w) < 2 for w in words):
        # ... unless written as the name is ("the IS-linked Aamaq agency", "US Secretary of State Mike Pompeo")
        return re.search(_written(name), other) is not None
    return words <= _words(other, owners=False)


def _written(name: str) -> str:
    """A pattern for a name as reports write it: its short words in capitals ("IS", "U.S. government")."""
    parts = re.sub(r"^(the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE).split()
    short = [p.upper() if p.lower().strip(".") in STOP_WORDS or len(p.strip(".")) < 3 or "." in p
             else f"(?i:{re.escape(p)})" for p in parts]
    return r"(?<![\w.])" + r"\s+".join(re.escape(p) if not p.startswith("(?i:") else p for p in short) + r"(?!\w)"


def _names(actor_id: str | None, text: str | None, actors: Mapping[str, Actor]) -> set[str]:
    actor = actors.get(actor_id or "")
    names = {text or ""}
    if actor is not None and not (actor.role and not _state(actor)):
        # (not "Rebels (Ukraine)": a group made for a noun is named by its words, not by its country's name)
        names |= {actor.name, *actor.aliases}
    return {n for n in names if n}  # as written: a short name is looked for in capitals


def known_as(actor_id: str | None, actors: Mapping[str, Actor]) -> str | None:
    """A name the claim alone leaves unknown ("Mazloum Abdi") is the person the reports place in a body
    ("SYR.SDF.mazloum-abdi"), when they place one person of that name."""
    if not actor_id or not actor_id.startswith(PROVISIONAL):
        return actor_id
    slug = actor_id[len(PROVISIONAL):]
    placed = [a for a in actors if not a.startswith(PROVISIONAL) and a.endswith(f".{slug}")]
    if not placed:
        # a person called by the last part of the name ("Babiš" is "CZE.GOV.andrej-babis")
        placed = [a for a in actors if not a.startswith(PROVISIONAL) and a.count(".") >= 2
                  and a.endswith(f"-{slug}")]
    return placed[0] if len(placed) == 1 else actor_id


def same_speaker(speaker: str | None, text: str | None, statement: Responsibility, actors: Mapping[str, Actor],
                  bodies: bool = True) -> bool:
    """One speaker by id, by the body one belongs to (unless `bodies` is off: a group's affiliate speaks for
    itself), or by name."""
    speaker, theirs_id = known_as(speaker, actors), known_as(statement.speaker, actors)
    if speaker and theirs_id and speaker == theirs_id:
        return True
    if speaker and theirs_id and bodies and _one_side(speaker, theirs_id, actors):
        return True
    if speaker and theirs_id and not speaker.startswith(PROVISIONAL) and not theirs_id.startswith(PROVISIONAL) \
            and (not bodies or (speaker in actors and theirs_id in actors)):
        # two actors the dictionaries tell apart are two, whatever words their names share ("Republic of Korea"
        # in "Democratic People's Republic of Korea")
        return False
    # a description in lower case ("the ministry", "officials") names no one: not "Armenia's Defense Ministry"
    mine = {n for n in _names(speaker, text, actors) if not n.islower()}
    theirs = {n for n in _names(statement.speaker, statement.speaker_text, actors) if not n.islower()}
    # a name of one found among the words of the other ("Isis" in "Isis claimed ...")
    return any(_within(a, b) or _within(b, a) for a in mine for b in theirs)


def same_side(a: str | None, a_text: str | None, b: str | None, b_text: str | None, actors: Mapping[str, Actor]) -> bool:
    a, b = known_as(a, actors), known_as(b, actors)
    if a and b and (a == b or _one_side(a, b, actors) or _unplaced(a, b) or _unplaced(b, a)
                    or _group_of(a, b, actors) or _group_of(b, a, actors)):
        return True
    if a and b and not (a.startswith(PROVISIONAL) and b.startswith(PROVISIONAL)):
        return False  # two names met only in the text ("Belmokhtar", "Mokhtar Belmokhtar") are compared by their words
    left, right = _names(a, a_text, actors), _names(b, b_text, actors)
    return any(_words(x) and _words(y) and (_within(x, y) or _within(y, x)) for x in left for y in right)


def _unplaced(a: str, b: str) -> bool:
    """ "Rebels" with no country said (XXX.REB) are any country's rebels (SYR.REB)."""
    country, _, role = a.partition(".")
    return country == UNKNOWN_COUNTRY and "." not in role and b.partition(".")[2] == role


ARMED_GROUP_ROLES = {"rebel": "REB", "militia": "MLA"}


def _group_of(named: str, generic: str, actors: Mapping[str, Actor]) -> bool:
    """A named armed group is among its country's rebels or militias as a report calls them: "the DNR rebels"
    (UKR.DPR) are "the rebels" (UKR.REB, or XXX.REB where no country is said)."""
    actor = _actor(named, actors)
    country, _, role = generic.partition(".")
    if actor is None or "." in role or country not in (named.partition(".")[0], UNKNOWN_COUNTRY):
        return False
    return any(ARMED_GROUP_ROLES.get(sector) == role for sector in actor.sectors)


def _one_side(a: str, b: str, actors: Mapping[str, Actor]) -> bool:
    """One state's organs ("Russian troops", "Moscow", "the Kremlin"), or one group and its members."""
    left, right = actors.get(a), actors.get(b)
    if left is None or right is None:
        return False
    if set(_bodies(a, actors)) & set(_bodies(b, actors)):
        return True
    return left.country is not None and left.country == right.country and _state(left) and _state(right)


def _bodies(actor_id: str, actors: Mapping[str, Actor]) -> list[str]:
    """The actor and the body it belongs to, and up the chain of a state's organs (the GRU, the army it belongs
    to, the government); a group's affiliate is not its parent group's member ("al-Shabaab" of al-Qaeda)."""
    chain = [actor_id]
    while (actor := _actor(chain[-1], actors)) is not None and actor.affiliation and actor.affiliation not in chain \
            and (len(chain) == 1 or _state(actor)):
        chain.append(actor.affiliation)
    return chain


def _actor(actor_id: str, actors: Mapping[str, Actor]) -> Actor | None:
    """The actor as the reports know it, else as the actor lists do (a state's army no report here names)."""
    return actors.get(actor_id) or ActorDictionary.default().get(actor_id)


def _state(actor: Actor) -> bool:
    return actor.kind in ("government", "military", "police") or \
        bool({"government", "military", "police", "intelligence"} & set(actor.sectors))
