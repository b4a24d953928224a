"""mentions: how two event mentions compare - the evidence they agree on, their conflicts, or a veto.

Two mentions are compared on what they tell:

- **type**: the same PLOVER type; modes equal, one unknown, or in one family of
  `data/links.yaml` ("aerial" and "explosives" may name one strike; a drone strike and a
  shooting are different events);
- **date**: ranges that intersect (or narrow dates at most `date_slack_days` apart) agree;
  an unknown date is compatible but adds nothing; a wide range ("in the last two weeks")
  adds nothing either;
- **place**: two sites or towns agree within a distance set by the coarser precision
  (`place_km`); an admin1 or country place agrees with anything inside it;
- **actors**: the same id, or one unknown, or the same country and sector (or a person and
  the body they belong to).

Each agreement adds to a score; a disagreement is either a *conflict* (a date a few days
off, a place farther than compatible, another perpetrator, other casualty counts, unless one
count's bound holds the other: "more than 1,400" and 1,429) or, when
too far apart, a *veto*. Event coreference (`events`) merges mentions on these comparisons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from triangulate.base.doers import done_to_doer
from triangulate.base.geo import haversine_km
from triangulate.link.lexicon import LinkLexicon, load_lexicon
from triangulate.records import Actor, Event, Place, is_generic_actor

MERGE_SCORE = 2.5
STRONG_SCORE = 3.0
UNMERGEABLE = ("hypothetical", "negated")  # they do not say the event happened
ABOUT_SHARE = 0.1  # "about 200" holds counts within a tenth of it
CLOSE_COUNTS = 1.25  # counts of victims within this ratio: sources disagreeing on one event, not two events


@dataclass
class Comparison:
    """How two mentions compare: the evidence they agree on, their conflicts, or a veto."""

    score: float = 0.0
    conflicts: list[str] = field(default_factory=list)  # date, place, perpetrator, fatalities, injured
    veto: bool = False

    def allows_merge(self) -> bool:
        if self.veto or len(self.conflicts) > 1:
            return False
        return self.score >= (STRONG_SCORE if self.conflicts else MERGE_SCORE)


def event_days(event: Event) -> tuple[date, date] | None:
    if event.date is None or event.date.start_date is None:
        return None
    return event.date.start_date, event.date.end_date or event.date.start_date


def place_precision(place: Place | None) -> str | None:
    """S (site), P (town), relation, A (admin1 or country), or None when it cannot be located."""
    if place is None:
        return None
    if place.feature_class == "S":
        return "S"
    if place.feature_class == "P":
        return "P"
    if place.relation is not None and place.lat is not None:
        return "relation"
    return "A" if place.country else None


def is_country(place: Place) -> bool:
    return place.admin1 is None or (place.feature_code or "").startswith("PCL")


def compare_modes(a: Event, b: Event, lexicon: LinkLexicon, out: Comparison) -> None:
    if a.type != b.type:
        out.veto = True
    elif a.mode and b.mode:
        if a.mode == b.mode:
            out.score += 1.0
        elif lexicon.modes_fit(a.mode, b.mode):
            out.score += 0.5
        else:
            out.veto = True


def compare_dates(a: Event, b: Event, lexicon: LinkLexicon, out: Comparison) -> None:
    days_a, days_b = event_days(a), event_days(b)
    if days_a is None or days_b is None:
        return
    narrow = all((end - start).days < lexicon.date_narrow_days for start, end in (days_a, days_b))
    score_days(days_a, days_b, narrow, lexicon, out)


def score_days(days_a: tuple[date, date], days_b: tuple[date, date], narrow: bool, lexicon: LinkLexicon,
               out: Comparison) -> None:
    """Two mentions' days: the same narrow days add, a small gap is a conflict, a large one a veto."""
    gap = max((days_b[0] - days_a[1]).days, (days_a[0] - days_b[1]).days)
    if gap <= 0:
        if narrow:
            single = days_a[0] == days_a[1] and days_b[0] == days_b[1]
            out.score += 2.0 if single else 1.0
    elif narrow and gap <= lexicon.date_slack_days:
        out.score += 1.0
    elif narrow and gap <= lexicon.date_conflict_days:
        out.conflicts.append("date")
    else:
        out.veto = True


def _contains(coarse: Place, fine: Place) -> bool:
    if coarse.country != fine.country:
        return False
    return is_country(coarse) or coarse.admin1 is None or coarse.admin1 == fine.admin1


def compare_places(a: Event, b: Event, lexicon: LinkLexicon, out: Comparison) -> None:
    pa, pb = a.place, b.place
    prec_a, prec_b = place_precision(pa), place_precision(pb)
    if pa is None or pb is None or prec_a is None or prec_b is None:
        return
    score_places(pa, pb, prec_a, prec_b, None not in (pa.lat, pa.lon, pb.lat, pb.lon), lexicon, out)


def score_places(pa: Place, pb: Place, prec_a: str, prec_b: str, located: bool, lexicon: LinkLexicon,
                 out: Comparison) -> None:
    """Two mentions' places: near enough adds, a little farther is a conflict, far a veto; a country or
    region holding the other's place adds a little."""
    if prec_a != "A" and prec_b != "A" and located:
        limit = max(lexicon.place_km[prec_a], lexicon.place_km[prec_b])
        km = haversine_km(pa.lat or 0.0, pa.lon or 0.0, pb.lat or 0.0, pb.lon or 0.0)
        if km <= limit:
            out.score += 2.0
        elif km <= limit * lexicon.place_conflict_factor:
            out.conflicts.append("place")
        else:
            out.veto = True
        return
    coarse, fine, fine_precision = (pa, pb, prec_b) if prec_a == "A" else (pb, pa, prec_a)
    if _contains(coarse, fine) or (fine_precision == "A" and _contains(fine, coarse)):
        out.score += 1.0
    else:
        out.conflicts.append("place")  # country-level places are often loose attachments


def actors_compatible(a: str, b: str, actors: dict[str, Actor]) -> bool:
    """The same actor, a person and the body they belong to, or the same country and sector."""
    if a == b:
        return True
    actor_a, actor_b = actors.get(a), actors.get(b)
    if actor_a is None or actor_b is None:
        return False
    if actor_a.affiliation == b or actor_b.affiliation == a or (
        actor_a.affiliation and actor_a.affiliation == actor_b.affiliation
    ):
        return True
    shared_sectors = set(actor_a.sectors) & set(actor_b.sectors)
    if is_generic_actor(a) or is_generic_actor(b):
        return bool(shared_sectors)  # "militia (country not stated)" may be the Iraqi militia
    return actor_a.country is not None and actor_a.country == actor_b.country and bool(shared_sectors)


def known_actor(actor_id: str | None, actors: dict[str, Actor], lexicon: LinkLexicon) -> str | None:
    """The actor id, or None when it names nobody in particular ("an unidentified group")."""
    actor = actors.get(actor_id or "")
    if actor is not None and lexicon.unknown_actor_sectors & set(actor.sectors):
        return None
    return actor_id


def compare_actors(a: Event, b: Event, actors: dict[str, Actor], lexicon: LinkLexicon, out: Comparison) -> None:
    score_actors(known_actor(a.source_actor, actors, lexicon), known_actor(b.source_actor, actors, lexicon),
                 known_actor(a.target_actor, actors, lexicon), known_actor(b.target_actor, actors, lexicon), actors, out,
                 (a.source_actor, b.source_actor))


def score_actors(source_a: str | None, source_b: str | None, target_a: str | None, target_b: str | None,
                 actors: dict[str, Actor], out: Comparison,
                 doers: tuple[str | None, str | None] | None = None) -> None:
    """Two mentions' known doers and targets: the same adds, compatible adds less, a target of another
    country vetoes, unless it is the unarmed people of its own mention's doer's country (`doers`: the
    mentions' doers, an unidentified one too)."""
    doer_a, doer_b = doers or (source_a, source_b)
    if source_a and source_b:
        if source_a == source_b and not is_generic_actor(source_a):
            out.score += 1.5
        elif actors_compatible(source_a, source_b, actors):
            out.score += 0.75
        else:
            out.conflicts.append("perpetrator")
    if target_a and target_b:
        if target_a == target_b and not is_generic_actor(target_a):
            out.score += 1.0
        elif actors_compatible(target_a, target_b, actors):
            out.score += 0.5
        elif _countries_differ(target_a, target_b, actors) and not (
                own_people(target_a, doer_a, actors) or own_people(target_b, doer_b, actors)):
            out.veto = True  # done to another country's actors: another event
        else:
            out.score -= 0.5  # targets are often a part ("two fighters") of the whole ("the militia")


UNARMED_SECTORS = frozenset({"civilians", "media"})
ARMED_SECTORS = frozenset({"military", "police", "rebel", "paramilitary", "militia", "intelligence"})


def own_people(target: str, source: str | None, actors: dict[str, Actor]) -> bool:
    """Unarmed victims of the doer's own country: a country read from the report rather than told of them
    ("North Korea fired a torpedo that sank a South Korean warship, killing 46 sailors": North Korea's
    civilians), no ground to tell the mention from one whose target is of another country."""
    victims, doer = actors.get(target), actors.get(source or "")
    return victims is not None and doer is not None and bool(victims.country) \
        and victims.country == doer.country and bool(set(victims.sectors) & UNARMED_SECTORS)


def _countries_differ(a: str, b: str, actors: dict[str, Actor]) -> bool:
    country_a = actors[a].country if a in actors else None
    country_b = actors[b].country if b in actors else None
    return bool(country_a and country_b and country_a != country_b)


def compare_casualties(a: Event, b: Event, out: Comparison) -> None:
    for kind, x, y, bx, by in (("fatalities", a.fatalities, b.fatalities, a.fatalities_bound, b.fatalities_bound),
                               ("injured", a.injured, b.injured, a.injured_bound, b.injured_bound)):
        if x is None or y is None:
            continue
        if x == y:
            out.score += 0.5 if x > 0 else 0.0
        elif not (_meets(x, bx, y) or _meets(y, by, x) or (bx == by == "at_least")):
            out.conflicts.append(kind)


def _meets(count: int, bound: str | None, other: int) -> bool:
    """Another report's count inside the bound a text gave ("more than 1,400" and 1,429)."""
    if bound == "at_least":
        return other >= count
    if bound == "at_most":
        return other <= count
    return bound == "about" and abs(other - count) <= ABOUT_SHARE * count


def _trigger_word(event: Event) -> str | None:
    if event.trigger is None:
        return None
    word = event.trigger.text.lower().strip()
    return word[:-1] if word.endswith("s") else word


def compare_events(a: Event, b: Event, actors: dict[str, Actor], lexicon: LinkLexicon | None = None) -> Comparison:
    """Compare two event mentions; see the module docstring for the rules."""
    lexicon = lexicon or load_lexicon()
    out = Comparison()
    if a.modality in UNMERGEABLE or b.modality in UNMERGEABLE:
        out.veto = True
        return out
    compare_modes(a, b, lexicon, out)
    if out.veto or answers_attack(a, lexicon) != answers_attack(b, lexicon):
        out.veto = True
        return out
    compare_dates(a, b, lexicon, out)
    compare_places(a, b, lexicon, out)
    compare_actors(a, b, actors, lexicon, out)
    compare_casualties(a, b, out)
    if a.doc_id == b.doc_id and _trigger_word(a) and _trigger_word(a) == _trigger_word(b):
        out.score += 0.5
    return out


@dataclass(frozen=True, slots=True)
class _Facts:
    """What comparing a mention reads of it that depends on it alone (its days, its place's precision,
    its actors as known ones, its trigger word), worked out once: a story's mentions meet many others."""

    event: Event
    days: tuple[date, date] | None
    narrow: bool
    precision: str | None
    located: bool  # a place with coordinates
    source: str | None
    target: str | None
    trigger: str | None


class Comparer:
    """`compare_events` for the mentions of one story, each mention's own facts worked out once, and a
    pair's work stopped at its first veto (a veto is all a table of comparisons keeps of such a pair).
    Every pair that is not a veto gets the same score and conflicts, added in the same order."""

    def __init__(self, actors: dict[str, Actor], lexicon: LinkLexicon | None = None) -> None:
        self.actors = actors
        self.lexicon = lexicon or load_lexicon()
        self._facts: dict[int, _Facts] = {}  # by the mention object: its facts, while the comparer lives

    def facts(self, event: Event) -> _Facts:
        found = self._facts.get(id(event))
        if found is None or found.event is not event:
            days = event_days(event)
            narrow = days is None or (days[1] - days[0]).days < self.lexicon.date_narrow_days
            place = event.place
            located = place is not None and None not in (place.lat, place.lon)
            found = self._facts[id(event)] = _Facts(
                event, days, narrow, place_precision(place), located,
                known_actor(event.source_actor, self.actors, self.lexicon),
                known_actor(event.target_actor, self.actors, self.lexicon), _trigger_word(event))
        return found

    def __call__(self, a: Event, b: Event) -> Comparison:
        out = Comparison()
        if a.modality in UNMERGEABLE or b.modality in UNMERGEABLE:
            out.veto = True
            return out
        compare_modes(a, b, self.lexicon, out)
        if out.veto or answers_attack(a, self.lexicon) != answers_attack(b, self.lexicon):
            out.veto = True
            return out
        fa, fb = self.facts(a), self.facts(b)
        lexicon = self.lexicon
        if fa.days is not None and fb.days is not None:
            score_days(fa.days, fb.days, fa.narrow and fb.narrow, lexicon, out)
            if out.veto:
                return out
        if fa.precision is not None and fb.precision is not None:
            score_places(a.place, b.place, fa.precision, fb.precision, fa.located and fb.located,  # type: ignore[arg-type]
                         lexicon, out)
            if out.veto:
                return out
        score_actors(fa.source, fb.source, fa.target, fb.target, self.actors, out, (a.source_actor, b.source_actor))
        if out.veto:
            return out
        compare_casualties(a, b, out)
        if a.doc_id == b.doc_id and fa.trigger and fa.trigger == fb.trigger:
            out.score += 0.5
        return out


def answers_attack(event: Event, lexicon: LinkLexicon) -> bool:
    """Done to the attacker ("the 20-year-old attacker was shot dead by police", "another was killed by security
    forces" after "one attacker blew himself up"): the answer to an attack."""
    if not event.target_text:
        return False
    return _done_to_doer(event.target_text, event.evidence[0].text if event.evidence else "", event.source_text,
                         lexicon.doer_targets)


@lru_cache(maxsize=8192)
def _done_to_doer(target: str, sentence: str, source: str | None, nouns: frozenset[str]) -> bool:
    """`done_to_doer`, asked for both mentions of every pair a story compares or merges, of a few hundred texts."""
    return done_to_doer(target, sentence, nouns, source)




def is_bare(event: Event, actors: dict[str, Actor], lexicon: LinkLexicon) -> bool:
    """A mention that tells little but its kind: "the attack", "the strike" - no place and no
    identified actor. Its date, if any, is often the context's rather than its own."""
    if event.place is not None:
        return False
    return not (known_actor(event.source_actor, actors, lexicon) or known_actor(event.target_actor, actors, lexicon))
