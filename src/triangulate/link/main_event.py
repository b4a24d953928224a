"""main_event: a story's main event as its reports tell it together, and the mentions that fit it so told.

Pairwise rules (`mentions`, `events._fits`) keep a mention apart from the main event when it is at odds with
any one of the event's mentions: one report's wrong day, or one "missile strike" in an assassination told by
others as a bomb, keeps a whole report's mentions out. The main event's *profile* is what most of its reports
agree on: its day (the day the most reports give it, not a day of a saying or of a telling), its town (the
town the most reports place it in, with its region and country), the families of means its reports tell and
the countries of those it was done to. A mention of the main event's type that nothing sets apart from that
profile joins it: no other day (one day of slack, or a range holding the day), no place outside the town's
surroundings, region or country, no means of a family no report tells, no armed men of a country it was not
done to. Who did it is never asked (a dispute inside the event), nor the country of a target that bears no
arms (read loosely from nearby words: "pinning a bombing on his Lebanese organization" makes Lebanon's
government its target). What the pairwise rules also read stays: a deed done to the attacker answers the
attack, a mention that does not say the event happened (hypothetical, negated) tells none, and a toll the
event is not told with joins only on the event's day (in its town it may be the toll of an earlier event
there, or of a part of it, "two died at the hospital", and would be set against the event's own).

One pass over the story's mentions against one profile: no pairs are compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from triangulate.base.geo import haversine_km
from triangulate.link.lexicon import LinkLexicon
from triangulate.link.mentions import (
    ARMED_SECTORS,
    CLOSE_COUNTS,
    UNMERGEABLE,
    answers_attack,
    event_days,
    place_precision,
)
from triangulate.records import Actor, Claim, Document, Event, Place

# the precisions of a place that name a town or a site (a "relation" is measured from one)
_LOCAL = ("S", "P", "relation")


@dataclass(frozen=True)
class Profile:
    """What most of the main event's reports agree on: `day` (None when no day is given by a report),
    `town` (a located town or site, None when none is), `countries` (the countries its places are in)
    and `families` (the families of means told, by any of its mentions)."""

    type: str
    day: date | None
    town: Place | None
    countries: frozenset[str]
    families: frozenset[str]
    counts: frozenset[tuple[str, int]]
    targets: frozenset[str]  # the countries of the actors it was done to
    attack: bool  # told as an attack, not only as deeds done to its doers (`mentions.answers_attack`)


def _family(mode: str | None, lexicon: LinkLexicon) -> str | None:
    return lexicon.mode_family.get(mode, mode) if mode else None


def single_day(event: Event) -> date | None:
    """The one day an event is dated to, if it is dated to one day."""
    days = event_days(event)
    return days[0] if days is not None and days[0] == days[1] else None


def _published(event: Event, documents: dict[str, Document]) -> date | None:
    document = documents.get(event.doc_id)
    return document.published if document else None


SaidOn = Callable[[Event, dict[str, Claim]], bool]  # `events.said_on`: a date that is the day of a saying


def _day(mentions: Iterable[Event], claims: dict[str, Claim], documents: dict[str, Document],
         said_on: SaidOn) -> tuple[date | None, int]:
    """The single day the most reports give the mentions (not a day of a saying, nor of a telling), and how many."""
    days: dict[date, set[str]] = {}
    for event in mentions:
        day = single_day(event)
        if day is not None and not said_on(event, claims):
            days.setdefault(day, set()).add(event.doc_id)
    # a day given only by reports published that day, while another report gives an earlier one, is the day
    # the news was told ("there were at least 12 explosions at 3:20 pm" in a report a month later)
    telling = {d for d, docs in days.items()
               if all(_published_on(d, doc, documents) for doc in docs) and any(e < d for e in days)}
    candidates = {d: docs for d, docs in days.items() if d not in telling} or days
    if not candidates:
        return None, 0
    day = min(candidates, key=lambda d: (-len(candidates[d]), d))
    return day, len(candidates[day])


def _town(mentions: Sequence[Event]) -> Place | None:
    """The located town or site the most reports place the mentions in."""
    towns: dict[int, set[str]] = {}
    places: dict[int, Place] = {}
    for event in mentions:
        place = event.place
        if place is None or place_precision(place) not in ("S", "P") or place.geonames_id is None \
                or place.lat is None or place.lon is None:
            continue
        towns.setdefault(place.geonames_id, set()).add(event.doc_id)
        places.setdefault(place.geonames_id, place)
    return places[min(towns, key=lambda g: -len(towns[g]))] if towns else None


def _near(place: Place | None, town: Place, lexicon: LinkLexicon) -> bool:
    """A located town or site within the distance two places of one event may be apart."""
    precision = place_precision(place)
    if place is None or precision not in _LOCAL or place.lat is None or place.lon is None:
        return False
    limit = max(lexicon.place_km[precision or "P"], lexicon.place_km[place_precision(town) or "P"])
    return haversine_km(place.lat, place.lon, town.lat or 0.0, town.lon or 0.0) <= limit


def profile(mentions: Sequence[Event], actors: dict[str, Actor], lexicon: LinkLexicon, claims: dict[str, Claim],
            documents: dict[str, Document], said_on: SaidOn, story: Sequence[Event] = ()) -> Profile:
    """The main event's profile from its mentions: each day and town counted once a report. Where no two of its
    reports give one day, the day most of the story's reports (`story`) give a mention of its type in its town."""
    # a bare mention's day ("the attack on Tuesday") is its report's day of the event too
    town = _town(mentions)
    day, reports = _day(mentions, claims, documents, said_on)
    if reports < 2 and town is not None:
        near = [e for e in story if e.type == mentions[0].type and _near(e.place, town, lexicon)]
        found, among = _day(near, claims, documents, said_on)
        if among > max(reports, 1):
            day = found
    countries = Counter(e.place.country for e in mentions if e.place is not None and e.place.country)
    families = frozenset(f for e in mentions if (f := _family(e.mode, lexicon)))
    counts = frozenset((kind, value) for e in mentions
                       for kind, value in (("fatalities", e.fatalities), ("injured", e.injured)) if value is not None)
    targets = frozenset(a.country for e in mentions if (a := actors.get(e.target_actor or "")) and a.country)
    most = max(countries.values(), default=0)
    return Profile(mentions[0].type, day, town, frozenset(c for c, n in countries.items() if n == most),
                   families, counts, targets, not all(answers_attack(e, lexicon) for e in mentions))


def _published_on(day: date, doc_id: str, documents: dict[str, Document]) -> bool:
    document = documents.get(doc_id)
    return document is not None and document.published == day


@dataclass(frozen=True)
class Agreement:
    """How a mention stands to the profile: `fits` nothing sets it apart; `day`: its own day is the event's
    (evidence, not only no conflict)."""

    fits: bool
    day: bool = False


def agreement(event: Event, main: Profile, actors: dict[str, Actor], lexicon: LinkLexicon, claims: dict[str, Claim],
              said_on: SaidOn, speakers_place: bool) -> Agreement:
    """Whether the mention fits the main event's profile, and on what it agrees with it."""
    if event.type != main.type or event.modality in UNMERGEABLE:
        return Agreement(False)
    # a deed done to the attackers ("one of the gunmen was shot dead by police") is part of the attack it answers
    # when told on its day at its place, whatever its means and whoever it was done to
    answering = main.attack and answers_attack(event, lexicon)
    target = actors.get(event.target_actor or "")
    if not answering and target is not None and target.country and main.targets and target.country not in main.targets \
            and set(target.sectors) & ARMED_SECTORS:
        return Agreement(False)  # armed men of another country: another attack (others' country is read loosely)
    family = _family(event.mode, lexicon)
    if not answering and family is not None and family not in main.families and not _unstated(event, main, lexicon):
        return Agreement(False)
    on_day = False
    days = event_days(event)
    if days is not None and not said_on(event, claims):
        if main.day is None:
            return Agreement(False)
        slack = timedelta(days=lexicon.date_slack_days)
        if not days[0] - slack <= main.day <= days[1] + slack:
            return Agreement(False)
        on_day = (days[1] - days[0]).days < lexicon.date_narrow_days
    place = event.place
    precision = place_precision(place)
    if place is not None and precision is not None and not speakers_place:
        town = main.town
        if precision in _LOCAL and place.lat is not None and place.lon is not None:
            if town is not None:
                if not _near(place, town, lexicon):
                    return Agreement(False)
            elif place.country not in main.countries:
                return Agreement(False)
        elif town is not None:
            if place.country != town.country or (place.admin1 is not None and not _whole_country(place)
                                                 and place.admin1 != town.admin1):
                return Agreement(False)
        elif place.country not in main.countries:
            return Agreement(False)
    return Agreement(True, on_day)


def _whole_country(place: Place) -> bool:
    return place.admin1 is None or (place.feature_code or "").startswith("PCL")


def _unstated(event: Event, main: Profile, lexicon: LinkLexicon) -> bool:
    """A mode that tells what was done, not with what ("sabotage"), told of an event done with its means."""
    fits = lexicon.unstated_means.get(event.mode or "")
    return fits is not None and fits in main.families


def counted_alike(event: Event, main: Profile) -> bool:
    """The mention tells a toll, and each it tells is one the main event is told with or near one."""
    return (event.fatalities is not None or event.injured is not None) and not new_counts(event, main)


def new_counts(event: Event, main: Profile) -> bool:
    """A toll the main event is not told with, nor near one it is ("112" and "104 dead": sources disagreeing
    on one event's toll)."""
    for kind, value in (("fatalities", event.fatalities), ("injured", event.injured)):
        if value is None or (kind, value) in main.counts:
            continue
        if not any(k == kind and min(v, value) > 0 and max(v, value) <= CLOSE_COUNTS * min(v, value)
                   for k, v in main.counts):
            return True
    return False


def main_cluster(clusters: list[list[int]], events: Sequence[Event], types: frozenset[str]) -> list[int] | None:
    """The group of the violent event told by the most reports (then the most mentions, then the first), when
    two reports or more tell it."""
    def reports(cluster: list[int]) -> int:
        return len({events[i].doc_id for i in cluster})

    violent = [c for c in clusters if events[c[0]].type in types]
    main = max(violent, key=lambda c: (reports(c), len(c), -c[0])) if violent else None
    return main if main is not None and reports(main) >= 2 else None


def join_main(clusters: list[list[int]], events: Sequence[Event], main_types: frozenset[str],
              actors: dict[str, Actor], lexicon: LinkLexicon, claims: dict[str, Claim],
              documents: dict[str, Document], said_on: SaidOn, speakers_place: SaidOn) -> list[list[int]]:
    """The story's main event (the violent event told by the most reports) with every other group whose
    mentions all fit its profile; of a group that holds another event too, its mentions told on the event's
    day or with a toll it is told with that fit it. A mention with a toll the event is not told with fits only on the event's day."""
    main = main_cluster(clusters, events, main_types)
    if main is None:
        return clusters
    told = profile([events[i] for i in main], actors, lexicon, claims, documents, said_on, events)
    joined, kept = list(main), []
    for cluster in clusters:
        if cluster is main:
            continue
        fitting = []
        for i in cluster:
            event = events[i]
            found = agreement(event, told, actors, lexicon, claims, said_on, speakers_place(event, claims))
            # (the dead of a deed done to the attackers are not the attack's)
            if found.fits and (found.day or not new_counts(event, told) or (told.attack and answers_attack(event, lexicon))):
                fitting.append((i, found))
        if len(fitting) == len(cluster):
            joined += cluster
            continue
        # of a group holding another event too: the mentions told on the event's day, or with a toll it is told with
        # ("a car bomb at a police academy that killed at least 20", grouped with an earlier bombing of a camp)
        dated = [i for i, found in fitting if found.day or counted_alike(events[i], told)]
        joined += dated
        kept.append([i for i in cluster if i not in dated])
    return sorted([sorted(joined), *[c for c in kept if c]], key=lambda c: c[0])
