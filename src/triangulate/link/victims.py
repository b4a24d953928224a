"""Named victims: one person attacked, told by many reports from many places, is one event."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from triangulate.link.mentions import event_days
from triangulate.records import Event

# Attacks on one named person told in one story are one event unless their dates lie this far
# apart: an attempt on a life and a killing years later are two events; a poisoning dated by one
# report to its day and by another to the day its findings came out is one.
APART_DAYS = 180
VIOLENT = frozenset({"ASSAULT"})


def full_name(event: Event) -> str | None:
    """The named victim, folded: "Jamal Khashoggi's" is "jamal khashoggi"."""
    if not event.target_person:
        return None
    words = [w.lower().removesuffix("'s").removesuffix("\u2019s") for w in event.target_person.split()]
    return " ".join(w for w in words if w) or None


def victim(event: Event) -> str | None:
    """The named victim's surname, folded: "Kremlin critic Alexei Navalny" and "Navalny's" are one."""
    name = full_name(event)
    return name.split()[-1] if name else None


def same_person(a: str, b: str) -> bool:
    """Two folded names of one person: one surname, and the words of the shorter in the longer
    ("khashoggi", "jamal khashoggi"; not "ali khan", "imran khan")."""
    x, y = sorted((a.split(), b.split()), key=len)
    return bool(x) and x[-1] == y[-1] and set(x) <= set(y)


def _near(event: Event, day: date | None) -> bool:
    days = event_days(event)
    if days is None or day is None:
        return True
    return days[0].toordinal() - APART_DAYS <= day.toordinal() <= days[1].toordinal() + APART_DAYS


def gather_victim(clusters: list[list[int]], events: Sequence[Event]) -> list[list[int]]:
    """The attack on the person the story's reports name most as a victim (two reports at least)
    is one group: every mention naming that person, with the mentions already grouped with them
    unless most of those name other victims. The parse's places ("treated in Berlin") and the dates of later
    findings set such mentions apart; the victim does not."""
    told: Counter[tuple[str, str]] = Counter()
    for name, kind, _ in {(victim(e), e.type, e.doc_id) for e in events
                          if e.type in VIOLENT and e.modality != "hypothetical"}:
        if name:
            told[(name, kind)] += 1
    if not told:
        return clusters
    (name, kind), reports = told.most_common(1)[0]
    if reports < 2:
        return clusters
    named = [e for e in events if victim(e) == name and e.type == kind and e.modality != "hypothetical"]
    days = Counter(d[0] for e in named if (d := event_days(e)) is not None and d[0] == d[1])
    day = min(days, key=lambda d: (-days[d], d)) if days else None
    gathered: list[int] = []
    kept: list[list[int]] = []
    for cluster in clusters:
        ours = [i for i in cluster if victim(events[i]) == name and events[i].type == kind
                and events[i].modality != "hypothetical" and _near(events[i], day)]
        if not ours:
            kept.append(cluster)
            continue
        others = [i for i in cluster if victim(events[i]) not in (None, name)]
        if len(others) <= len(ours):
            ours = cluster  # the mentions grouped with them are of the same attack
        gathered += ours
        rest = [i for i in cluster if i not in ours]
        if rest:
            kept.append(rest)
    return sorted([sorted(gathered), *kept], key=lambda c: c[0])
