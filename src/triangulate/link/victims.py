"""Named victims: one person, or one named thing, attacked, told by many reports from many places, is one event."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date

from triangulate.link.lexicon import LinkLexicon
from triangulate.link.mentions import event_days
from triangulate.records import Event

# Attacks on one named person told in one story are one event unless their dates lie this far
# apart: an attempt on a life and a killing years later are two events; a poisoning dated by one
# report to its day and by another to the day its findings came out is one.
APART_DAYS = 180
# A named thing (a base, a hospital, a plant) is hit again within weeks; told on days further apart
# than this, two hits are two events. An airliner downed once is dated by its month or not at all
# in the later reports that retell it.
THING_APART_DAYS = 2
VIOLENT = frozenset({"ASSAULT"})
CODE = re.compile(r"[a-z]{1,3}(\d{2,5})")  # "ps752": flight 752


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


def thing_keys(event: Event, lexicon: LinkLexicon) -> frozenset[str]:
    """The words that tell the named thing an event hit from others: "Ukraine International Airlines
    Flight PS752" is {"ukraine", "ps752", "752"}, and so "Flight 752" is the same airliner."""
    if not event.target_name:
        return frozenset()
    keys: set[str] = set()
    for word in re.findall(r"[a-z0-9]+", event.target_name.lower()):
        if word in lexicon.name_generic_words or (len(word) < 3 and not word.isdigit()) or len(word) < 2:
            continue
        keys.add(word)
        if (code := CODE.fullmatch(word)) is not None:
            keys.add(code.group(1))
    return frozenset(keys)


def _near(event: Event, day: date | None, apart: int) -> bool:
    days = event_days(event)
    if days is None or day is None:
        return True
    return days[0].toordinal() - apart <= day.toordinal() <= days[1].toordinal() + apart


def gather_victim(clusters: list[list[int]], events: Sequence[Event]) -> list[list[int]]:
    """The attack on the person the story's reports name most as a victim (two reports at least)
    is one group: every mention naming that person, with the mentions already grouped with them
    unless most of those name other victims. The parse's places ("treated in Berlin") and the dates of later
    findings set such mentions apart; the victim does not."""
    return _gather(clusters, events, lambda e: frozenset({v}) if (v := victim(e)) else frozenset(), APART_DAYS)


def gather_thing(clusters: list[list[int]], events: Sequence[Event], lexicon: LinkLexicon) -> list[list[int]]:
    """The same for the named thing the story's reports tell most as hit ("Flight PS752", "the
    al-Ahli hospital"): a country placed by one report and a town by another, a missile's mode and
    a gun's, do not set its mentions apart; days more than THING_APART_DAYS apart do."""
    return _gather(clusters, events, lambda e: thing_keys(e, lexicon), THING_APART_DAYS)


def _gather(clusters: list[list[int]], events: Sequence[Event], keys_of: Callable[[Event], frozenset[str]],
            apart: int) -> list[list[int]]:
    keys = [keys_of(e) if e.type in VIOLENT and e.modality != "hypothetical" else frozenset() for e in events]
    told: Counter[tuple[str, str]] = Counter()
    for key, kind, _ in {(k, e.type, e.doc_id) for e, ks in zip(events, keys, strict=True) for k in ks}:
        told[(key, kind)] += 1
    if not told:
        return clusters
    (name, kind), reports = min(told.items(), key=lambda item: (-item[1], item[0]))
    if reports < 2:
        return clusters
    named = [e for e, ks in zip(events, keys, strict=True) if name in ks and e.type == kind]
    days = Counter(d[0] for e in named if (d := event_days(e)) is not None and d[0] == d[1])
    day = min(days, key=lambda d: (-days[d], d)) if days else None
    gathered: list[int] = []
    kept: list[list[int]] = []
    for cluster in clusters:
        ours = [i for i in cluster if name in keys[i] and events[i].type == kind and _near(events[i], day, apart)]
        if not ours:
            kept.append(cluster)
            continue
        others = [i for i in cluster if keys[i] and name not in keys[i]]
        if len(others) <= len(ours):
            ours = cluster  # the mentions grouped with them are of the same attack
        gathered += ours
        rest = [i for i in cluster if i not in ours]
        if rest:
            kept.append(rest)
    return sorted([sorted(gathered), *kept], key=lambda c: c[0])
