"""Disputes over who did it: contradictions between responsibility statements of one merged event.

- **perpetrator**: one source accuses (or claims) a side that another source denies, or two
  sources each accuse a different side (a source naming both names accomplices, not rivals);
- **reversal**: one source, or one side (a state and its organs: the president denies, the
  intelligence service later admits), changes its position over time: it denies, then admits or
  claims (or the other way round), in statements published on different days.

Never a speaker against itself in one report. Disputes over who did it are listed first, then
reversals, then other contradictions, the ones with the most independent sources first (`rank`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from triangulate.link.responsibility import accomplices, claimants, named_speaker, side_of, source_key
from triangulate.records import (
    STATE_SECTORS,
    Actor,
    Contradiction,
    ContradictionKind,
    ContradictionSide,
    Document,
    MergedEvent,
    Responsibility,
)

FIRST_KINDS = ("perpetrator", "reversal")
MONITOR_SECTORS = frozenset({"ngo"})


def _side(statement: Responsibility, documents: Mapping[str, Document], actors: Mapping[str, Actor]) -> ContradictionSide:
    document = documents.get(statement.doc_id)
    span = statement.evidence[0] if statement.evidence else None
    accused = actors.get(statement.accused or "")
    name = accused.name if accused else (statement.accused_text or "someone")
    when = f" ({statement.published.isoformat()})" if statement.published else ""
    return ContradictionSide(
        claim_id=statement.claim_id, doc_id=statement.doc_id, speaker=statement.speaker,
        speaker_text=statement.speaker_text,
        outlet=statement.via[0].text if statement.via else (document.outlet if document else None),
        value=f"{statement.stance} {name}{when}", start=span.start if span else 0, end=span.end if span else 0,
        text=span.text if span else "",
    )


def _contradiction(
    kind: ContradictionKind, event: MergedEvent, a: Responsibility, b: Responsibility, reason: str,
    documents: Mapping[str, Document], actors: Mapping[str, Actor],
) -> Contradiction:
    return Contradiction(
        id=f"x{a.id}~{b.id}~{kind}", story_id=event.story_id, kind=kind,
        reason=reason, claim_ids=[c for c in (a.claim_id, b.claim_id) if c], merged_event_id=event.id,
        evidence=[_side(a, documents, actors), _side(b, documents, actors)],
    )


def _first_statement_id(contradiction: Contradiction) -> str:
    """The first statement of a dispute, from its id (`_contradiction`: "x<first>~<second>~<kind>")."""
    return contradiction.id.removeprefix("x").split("~")[0]


def _first(statements: Sequence[Responsibility]) -> Responsibility:
    return min(statements, key=lambda s: (s.published or date.max, s.id))


def dispute_contradictions(
    merged: Sequence[MergedEvent], statements: Sequence[Responsibility], documents: Mapping[str, Document],
    actors: Mapping[str, Actor],
) -> list[Contradiction]:
    by_id = {s.id: s for s in statements}
    found: list[Contradiction] = []
    for event in merged:
        if event.perpetrator is None:
            continue
        candidates = event.perpetrator.candidates
        for candidate in candidates:
            asserting = [by_id[i] for i in (*candidate.accused_by, *candidate.claimed_by) if i in by_id]
            denying = [by_id[i] for i in candidate.denied_by if i in by_id]
            found += _reversals(event, asserting, denying, documents, actors)
            pairs = [(a, d) for a in asserting for d in denying
                     if source_key(a) != source_key(d) and not _same_report_speaker(a, d)
                     and not _side_turned(a, d, actors)]
            if pairs:
                # a known side's word before an unnamed one's ("officials"), a state's before a monitor's or a
                # group's, then the earliest
                a, d = min(pairs, key=lambda p: (
                    p[0].speaker is None, p[1].speaker is None, not _state_voice(p[0], actors),
                    p[0].published or date.max, p[1].published or date.max, p[0].id))
                found.append(_contradiction(
                    "perpetrator", event, a, d,
                    f"who did it: {a.speaker_text} says {candidate.name} did ({a.stance}), "
                    f"{d.speaker_text} denies it", documents, actors))
        found += _rivals(event, by_id, documents, actors)
    return found


def _state_voice(statement: Responsibility, actors: Mapping[str, Actor]) -> bool:
    """The speaker speaks for a state: its government, forces or officials."""
    body = _speaking_body(statement.speaker, actors)
    return body is not None and bool(STATE_SECTORS & set(body.sectors))


def _speaking_body(actor_id: str | None, actors: Mapping[str, Actor]) -> Actor | None:
    """Who a speaker speaks for: a person the body they belong to (a president the state), else itself."""
    speaker = actors.get(actor_id or "")
    if speaker is not None and speaker.kind == "person" and speaker.affiliation:
        return actors.get(speaker.affiliation)
    return speaker


def _side_turned(a: Responsibility, d: Responsibility, actors: Mapping[str, Actor]) -> bool:
    """An admission or claim and a denial by one side on different days: a reversal, not a dispute."""
    side = _speaker_side(a, actors)
    return (a.stance in ("admits", "claims") and side is not None and side == _speaker_side(d, actors)
            and a.published is not None and d.published is not None and a.published != d.published)


def _same_report_speaker(a: Responsibility, b: Responsibility) -> bool:
    return a.doc_id == b.doc_id and source_key(a) == source_key(b)


def _reversals(
    event: MergedEvent, asserting: list[Responsibility], denying: list[Responsibility],
    documents: Mapping[str, Document], actors: Mapping[str, Actor],
) -> list[Contradiction]:
    """A source that denied and later admitted (or claimed, then denied), on different days."""
    found = []
    by_source: dict[str, tuple[list[Responsibility], list[Responsibility]]] = defaultdict(lambda: ([], []))
    for statement in asserting:
        if statement.stance in ("admits", "claims"):
            by_source[_position_key(statement, actors)][0].append(statement)
    for statement in denying:
        by_source[_position_key(statement, actors)][1].append(statement)
    for said, denied in by_source.values():
        dated = [(s, d) for s in said for d in denied if s.published and d.published and s.published != d.published]
        if dated:
            pair = min(dated, key=lambda p: (p[0].id, p[1].id))
            first, then = sorted(pair, key=lambda s: s.published or date.max)
            found.append(_contradiction(
                "reversal", event, first, then,
                f"{then.speaker_text} changed position: {first.stance} on {first.published}, "
                f"{then.stance} on {then.published}" if source_key(first) == source_key(then) else
                f"one side changed position: {first.speaker_text} {first.stance} on {first.published}, "
                f"{then.speaker_text} {then.stance} on {then.published}", documents, actors))
    return found


def _position_key(statement: Responsibility, actors: Mapping[str, Actor]) -> str:
    """Whose position a statement is: its side (a state with its organs and officials), else its source."""
    side = _speaker_side(statement, actors)
    return f"side:{side}" if side is not None else source_key(statement)


def _speaker_side(statement: Responsibility, actors: Mapping[str, Actor]) -> str | None:
    """The side of a statement's speaker; a person speaks for the body they belong to (a president for
    the state)."""
    return _actor_side(statement.speaker, actors)


def _actor_side(actor_id: str | None, actors: Mapping[str, Actor]) -> str | None:
    speaker = _speaking_body(actor_id, actors)
    if speaker is not None and MONITOR_SECTORS & set(speaker.sectors):
        return None  # a monitor speaks for no side: the Syrian Observatory is not Syria
    return side_of(speaker)


def _rivals(
    event: MergedEvent, by_id: Mapping[str, Responsibility], documents: Mapping[str, Document],
    actors: Mapping[str, Actor],
) -> list[Contradiction]:
    """Two named sides, each said to have done it by a source that does not name the other."""
    assert event.perpetrator is not None
    sides: dict[str, list[Responsibility]] = {}
    own = claimants(event.perpetrator.candidates, by_id)
    for candidate in event.perpetrator.candidates:
        side = side_of(actors.get(candidate.actor or ""))
        if side is None:
            continue
        said = [by_id[i] for i in (*candidate.accused_by, *candidate.claimed_by)
                if i in by_id and named_speaker(by_id[i]) and not accomplices(by_id[i], own)]
        if said:
            sides.setdefault(side, []).extend(said)
    found = []
    keys = sorted(sides)
    for x, left in enumerate(keys):
        for right in keys[x + 1:]:
            only_left = [s for s in sides[left] if source_key(s) not in {source_key(t) for t in sides[right]}]
            only_right = [s for s in sides[right] if source_key(s) not in {source_key(t) for t in sides[left]}]
            # one side naming two doers ("Israel blamed Iran", its prime minister Hezbollah) is no dispute
            one_side = all((side := _speaker_side(a, actors)) is not None and side == _speaker_side(b, actors)
                           for a in only_left for b in only_right)
            if only_left and only_right and not one_side:
                # the parties themselves first: the other suspect's own voice blaming this one
                a, b = _first(_voiced_by(only_left, right, actors)), _first(_voiced_by(only_right, left, actors))
                found.append(_contradiction(
                    "perpetrator", event, a, b,
                    f"who did it: {a.speaker_text} and {b.speaker_text} name different sides", documents, actors))
    return found


def _voiced_by(statements: list[Responsibility], side: str, actors: Mapping[str, Actor]) -> list[Responsibility]:
    """The statements whose speaker stands for `side`, when there are any; else all of them."""
    own = [s for s in statements if side_of(actors.get(s.speaker or "")) == side]
    return own or statements


def rank(
    contradictions: Sequence[Contradiction], statements: Sequence[Responsibility] = (),
    actors: Mapping[str, Actor] | None = None,
) -> list[Contradiction]:
    """Reversals and disputes over who did it first, then claims held true and false, then the values
    of mentions (their doers, dates, places, tolls: read from one sentence each, more often misread);
    within a kind, disputes between the parties themselves (a suspect denying, two suspects blaming each
    other) before third parties naming different doers, then more independent sources first.
    Where the statements already show who disputes whom, the mentions' differing doers add nothing,
    and neither does a claim held false that is a denial of who did it (the dispute has it: "Moscow
    rejects accusations that it was behind the strike" against any account of the strike)."""
    stated = {c.merged_event_id for c in contradictions if c.kind == "perpetrator" and not c.event_ids}
    disputed = any(c.kind in FIRST_KINDS and not c.event_ids for c in contradictions)
    about_who = {s.claim_id for s in statements if s.claim_id}
    contradictions = [c for c in contradictions
                      if not (c.kind == "perpetrator" and c.event_ids and c.merged_event_id in stated)
                      and not (disputed and c.kind == "factuality" and c.claim_ids
                               and c.claim_ids[-1] in about_who)]
    actors = actors or {}
    suspects: dict[str | None, set[str]] = defaultdict(set)  # merged event -> the sides accused or claiming it
    for statement in statements:
        side = side_of(actors.get(statement.accused or ""))
        if side is not None and statement.stance in ("accuses", "claims", "admits"):
            suspects[statement.merged_event_id].add(side)

    def parties(c: Contradiction) -> int:
        # a person speaks for the body they belong to (a president for the state)
        return sum(1 for s in c.evidence if _actor_side(s.speaker, actors) in suspects[c.merged_event_id])

    # merged event and side -> the sources speaking of that side's part: a dispute over the most told side first
    told: dict[tuple[str | None, str | None], set[str]] = defaultdict(set)
    by_id = {s.id: s for s in statements}
    for statement in statements:
        told[(statement.merged_event_id, side_of(actors.get(statement.accused or "")))].add(source_key(statement))

    def attested(c: Contradiction) -> int:
        first = by_id.get(_first_statement_id(c)) if c.kind == "perpetrator" else None
        side = side_of(actors.get(first.accused or "")) if first is not None else None
        return len(told[(c.merged_event_id, side)]) if side is not None else 0

    def weight(c: Contradiction) -> tuple[int, int, int, int, int, int, str]:
        if c.kind in FIRST_KINDS and not c.event_ids:
            first = FIRST_KINDS.index(c.kind)
        else:
            first = len(FIRST_KINDS) + (0 if c.kind == "factuality" else 1)
        sources = len({(s.speaker or s.speaker_text, s.outlet) for s in c.evidence})
        # the accused answering its accusers ("Kyiv denied it") before rival accusations
        answered = c.kind in FIRST_KINDS and any(s.value.startswith("denies") for s in c.evidence)
        # sides told by different outlets before both sides told in one report
        outlets = len({s.outlet for s in c.evidence})
        return first, -parties(c), -answered, -outlets, -sources, -attested(c), c.id
    return sorted(contradictions, key=weight)
