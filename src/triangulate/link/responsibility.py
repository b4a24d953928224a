"""Who did it, according to whom, across a story: responsibility statements placed on the story's
merged events, and each merged event's perpetrator as the sources tell it.

A statement goes to the merged event holding the event it names; one that names none (a denial
of "any involvement") goes to the story's main event, the violent merged event told by the most
reports. A merged event's candidates are the actors accused, claimed or denied; its status is
`claimed` (the doer's own claim or admission, nobody else accused), `disputed` (two or more
candidates accused, or a candidate accused and denied), `alleged` (accused only), `stated` (no
statement, but the reports themselves name a doer), or `unknown`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from triangulate.records import (
    Actor,
    Document,
    Event,
    MergedEvent,
    Perpetrator,
    PerpetratorCandidate,
    PerpetratorStatus,
    Responsibility,
    is_generic_actor,
)

VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
ASSERTING = frozenset({"accuses", "claims", "admits"})  # stances that say the accused did it
_NON_WORD = re.compile(r"[^a-z0-9]+")


def main_event(merged: Sequence[MergedEvent]) -> MergedEvent | None:
    """The story's main event: the violent merged event told by the most reports, then mentions."""
    order = {id(m): k for k, m in enumerate(merged)}  # by position: equal records are told apart by it
    violent = [m for m in merged if m.type in VIOLENT_TYPES] or list(merged)
    if not violent:
        return None
    return max(violent, key=lambda m: (len(set(m.doc_ids)), len(m.event_ids), -order[id(m)]))


def place_statements(
    story_id: str, statements: Iterable[Responsibility], merged: Sequence[MergedEvent],
    documents: Mapping[str, Document],
) -> list[Responsibility]:
    """The story's statements with their story, merged event and publication date filled in."""
    merged_of = {event_id: m for m in merged for event_id in m.event_ids}
    main = main_event(merged)
    placed = []
    for statement in statements:
        named = merged_of.get(statement.event_id or "")
        # "the attack", "the blast": a mention with no date or place of its own is the story's main event
        if named is None or (main is not None and named.date is None and named.place is None
                             and named.type == main.type):
            named = main
        target = named.id if named else None
        document = documents.get(statement.doc_id)
        placed.append(statement.model_copy(update={
            "story_id": story_id, "merged_event_id": target,
            "published": statement.published or (document.published if document else None),
        }))
    return placed


def _key(statement: Responsibility, actors: Mapping[str, Actor]) -> str | None:
    """One candidate per side: a state's forces and its government ("Russian forces", "the Kremlin")
    are one. Only actors are candidates: "it", "the country" stay statements."""
    if not statement.accused:
        return None
    actor = actors.get(statement.accused)
    if actor is not None and actor.affiliation and actor.kind in ("military", "government") \
            and actor.affiliation in actors:
        return actor.affiliation
    return statement.accused


def perpetrator(
    event: MergedEvent, statements: Sequence[Responsibility], events: Mapping[str, Event],
    actors: Mapping[str, Actor],
) -> Perpetrator:
    """Who did `event`, as its statements (and otherwise its own mentions) tell it."""
    candidates: dict[str, PerpetratorCandidate] = {}
    for statement in statements:
        key = _key(statement, actors)
        if key is None or statement.stance == "uncertain":
            continue
        if key not in candidates:
            actor = actors.get(key)
            name = actor.name if actor is not None else (statement.accused_text or key)
            candidates[key] = PerpetratorCandidate(actor=actor.id if actor is not None else None, name=name)
        candidate = candidates[key]
        if statement.stance == "accuses":
            candidate.accused_by.append(statement.id)
        elif statement.stance in ("claims", "admits"):
            candidate.claimed_by.append(statement.id)
        else:
            candidate.denied_by.append(statement.id)
    found = list(candidates.values())
    by_id = {s.id: s for s in statements}
    return Perpetrator(status=_status(event, found, by_id, events, actors), candidates=found)


PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that"})
UNIDENTIFIED_SECTORS = frozenset({"unidentified"})


def side_of(actor: Actor | None) -> str | None:
    """The side a named doer stands for: a state (by country) or a group; None for a person (who may
    belong to any side), an unidentified group or a country's "militants" (compatible with anyone: with
    the group that claimed it too) or the press."""
    if actor is None or actor.kind == "person" or is_generic_actor(actor.id) or (actor.kind == "group" and actor.role):
        return None
    if "media" in actor.sectors:  # a news agency relays a claim ("Amaq said ..."): it did not do the deed
        return None
    if UNIDENTIFIED_SECTORS & set(actor.sectors) or actor.id.endswith(".UNK"):
        return None
    return actor.country or actor.id


def named_speaker(statement: Responsibility) -> bool:
    """The speaker is named, not only a pronoun resolved to someone ("they (US officials)")."""
    words = statement.speaker_text.lower().split()
    return bool(words) and words[0] not in PRONOUNS


def _competing(
    found: list[PerpetratorCandidate], statements: Mapping[str, Responsibility], actors: Mapping[str, Actor],
) -> bool:
    """Two sides are each said to have done it, by different sources: named states or organizations
    of different countries or groups. A person may belong to any of them ("the bomber", "the group
    that claimed it"); a source naming two doers together ("the U.S. and Israel") names accomplices."""
    sides: dict[str, set[str]] = {}
    own = claimants(found, statements)
    for candidate in found:
        side = side_of(actors.get(candidate.actor or ""))
        if side is None:
            continue
        sources = {source_key(statements[i]) for i in (*candidate.accused_by, *candidate.claimed_by)
                   if i in statements and named_speaker(statements[i]) and not accomplices(statements[i], own)}
        if sources:
            sides.setdefault(side, set()).update(sources)
    return any(sides[a] - sides[b] and sides[b] - sides[a] for a in sides for b in sides if a < b)


def claimants(found: Sequence[PerpetratorCandidate], statements: Mapping[str, Responsibility]) -> set[str]:
    """The sources that say they did it themselves (claim or admit it)."""
    return {source_key(statements[i]) for c in found for i in c.claimed_by
            if i in statements and statements[i].stance in ("claims", "admits")}


def accomplices(statement: Responsibility, own: set[str]) -> bool:
    """An accusation by a source that claims the deed itself names its own men ("claimed the attack
    and said it was carried out by 40 fighters"), not a rival side."""
    return statement.stance == "accuses" and source_key(statement) in own


def source_key(statement: Responsibility) -> str:
    """Who is speaking: the speaker's actor id, else the speaker's words."""
    return statement.speaker or _NON_WORD.sub(" ", statement.speaker_text.lower()).strip()


def _status(
    event: MergedEvent, found: list[PerpetratorCandidate], statements: Mapping[str, Responsibility],
    events: Mapping[str, Event], actors: Mapping[str, Actor],
) -> PerpetratorStatus:
    accused = [c for c in found if c.accused_by]
    claimed = [c for c in found if c.claimed_by]
    if _competing(found, statements, actors) or any(c.denied_by and (c.accused_by or c.claimed_by) for c in found):
        return "disputed"
    if claimed:
        return "claimed"
    if accused:
        return "alleged"
    told = [events[i] for i in event.event_ids if i in events]
    if any(e.modality == "asserted" and e.source_text and e.source_actor and not is_generic_actor(e.source_actor)
           for e in told):
        return "stated"
    return "unknown"


def responsibility_links(
    story_id: str, statements: Iterable[Responsibility], merged: list[MergedEvent], events: Mapping[str, Event],
    documents: Mapping[str, Document], actors: Mapping[str, Actor],
) -> tuple[list[MergedEvent], list[Responsibility]]:
    """Merged events with their perpetrators, and the story's placed statements."""
    placed = place_statements(story_id, statements, merged, documents)
    by_event: dict[str, list[Responsibility]] = defaultdict(list)
    for statement in placed:
        if statement.merged_event_id:
            by_event[statement.merged_event_id].append(statement)
    updated = [m.model_copy(update={"perpetrator": perpetrator(m, by_event.get(m.id, []), events, actors)})
               for m in merged]
    return updated, placed
