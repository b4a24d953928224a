"""events: event coreference inside a story; mentions of one real event become one merged event.

Two mentions are compared on their type, date, place, actors and tolls (`mentions`). Mentions
merge, most similar first, when the score reaches `MERGE_SCORE` and every pair across the two
groups is free of vetoes; a pair with a conflict may merge only on strong other evidence
(`STRONG_SCORE`), and its conflict becomes a contradiction (see `contradictions`). Inside one report, a bare mention ("the attack", no
date, place or actor) refers back to the nearest earlier mention of the same type.

A merged event's date and place come from its most precise mentions, ties going to the
best-sourced one (asserted or reported by a named speaker) and then to the place most
mentions agree with.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from triangulate.link.compared import Compared
from triangulate.link.lexicon import LinkLexicon, load_lexicon
from triangulate.link.main_event import join_main, main_cluster
from triangulate.link.mentions import (
    CLOSE_COUNTS,
    UNARMED_SECTORS,
    UNMERGEABLE,
    Comparer,
    Comparison,
    answers_attack,
    compare_actors,
    compare_casualties,
    compare_dates,
    compare_modes,
    compare_places,
    event_days,
    is_bare,
    is_country,
    place_precision,
)
from triangulate.link.pairs import Pair, PairBook
from triangulate.link.sources import StoryOrigins, event_origins, speaker_names
from triangulate.link.victims import gather_thing, gather_victim
from triangulate.records import (
    Actor,
    Claim,
    Document,
    Event,
    EventDate,
    MergedEvent,
    Place,
    Span,
    TollReport,
    is_generic_actor,
)

_MODALITY_QUALITY = {"asserted": 2, "reported": 2, "alleged": 1, "denied": 0}


def _antecedents(events: Sequence[Event], actors: dict[str, Actor], lexicon: LinkLexicon) -> dict[int, int]:
    """Inside one report, a bare mention refers back to the nearest earlier one of its type."""
    links: dict[int, int] = {}
    for i, event in enumerate(events):
        if event.modality in UNMERGEABLE or not is_bare(event, actors, lexicon):
            continue
        for j in range(i - 1, -1, -1):
            earlier = events[j]
            if earlier.doc_id != event.doc_id or earlier.type != event.type or earlier.modality in UNMERGEABLE:
                continue
            if is_bare(earlier, actors, lexicon):
                continue
            probe = Comparison()
            compare_modes(earlier, event, lexicon, probe)
            compare_dates(earlier, event, lexicon, probe)
            if not probe.veto and not probe.conflicts:
                links[i] = j
                break
    return links


@dataclass
class _Groups:
    parent: list[int]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i


_CANDIDATES_AT_ONCE = 4_096  # pairs turned into Python numbers at a time
_PAIRS_AT_ONCE = 16_384  # pairs of the table read at a time where all of them are gone through


class _Apart:
    """Which groups of head mentions may not merge: some pair across them is neither allowed to merge nor
    neutral (a veto, a conflict). A group only ever joins groups of its own type (two types are a veto), so
    for each type a matrix over its heads, kept for the groups' roots: a byte a pair of heads of one type,
    where counting the neutral pairs between groups in dicts took about 200 bytes a neutral pair (hundreds
    of MB for a story of thousands of mentions)."""

    def __init__(self, events: Sequence[Event], heads: Sequence[int], left: np.ndarray, right: np.ndarray,
                 neutral: np.ndarray) -> None:
        of_type: dict[str, list[int]] = {}
        for i in heads:
            of_type.setdefault(events[i].type, []).append(i)
        self.type = np.full(len(events), -1, dtype=np.int32)
        self.at = np.full(len(events), -1, dtype=np.int32)  # a head's place among its type's heads
        self.blocked_of: list[np.ndarray] = []
        for number, same in enumerate(of_type.values()):
            self.type[same], self.at[same] = number, np.arange(len(same))
            self.blocked_of.append(np.ones((len(same), len(same)), dtype=np.bool_))
        # each head is its group's root yet (a bare mention joins a head); the table's pairs are of one type.
        # The neutral pairs (`neutral`, a mask over the table's) are read a block at a time: copies of them
        # all, with the copies for the head mentions, were 43 MB for the 800,000 pairs of 3,900 mentions
        for start in range(0, len(left), _PAIRS_AT_ONCE):
            mine = neutral[start:start + _PAIRS_AT_ONCE]
            first, second = left[start:start + _PAIRS_AT_ONCE][mine], right[start:start + _PAIRS_AT_ONCE][mine]
            kind = self.type[first]
            for number, matrix in enumerate(self.blocked_of):
                same = kind == number
                a, b = self.at[first[same]], self.at[second[same]]
                matrix[a, b] = matrix[b, a] = False

    def blocked(self, root_i: int, root_j: int) -> bool:
        number = int(self.type[root_i])
        if number != self.type[root_j]:
            return True
        return bool(self.blocked_of[number][self.at[root_i], self.at[root_j]])

    def join(self, root_i: int, root_j: int) -> None:
        """`root_j`'s group joined `root_i`'s: what kept it apart from others keeps the joined group apart."""
        matrix, a, b = self.blocked_of[int(self.type[root_i])], self.at[root_i], self.at[root_j]
        matrix[a] |= matrix[b]
        matrix[:, a] |= matrix[:, b]


def cluster_events(
    events: Sequence[Event], actors: dict[str, Actor], lexicon: LinkLexicon | None = None,
    compared: Compared | None = None,
) -> list[list[int]]:
    """Group mentions (indexes into `events`, in document order) that tell one event. `compared` is the
    table of their comparisons (`compared.Compared`), when made already."""
    lexicon = lexicon or load_lexicon()
    compared = compared or compare_all(events, actors, lexicon)
    n = len(events)
    groups = _Groups(list(range(n)))
    anaphors = _antecedents(events, actors, lexicon)
    for i, j in anaphors.items():
        groups.parent[groups.find(i)] = groups.find(j)
    heads = [i for i in range(n) if i not in anaphors]
    is_head = np.zeros(n, dtype=bool)
    is_head[heads] = True
    # pairs not in the table (two types, or a mention that does not say the event happened) are vetoes
    rows = is_head[compared.left] & is_head[compared.right]
    allowed, neutral = compared.merge_masks()
    allowed &= rows
    neutral &= rows
    del rows
    members: dict[int, list[int]] = {}
    for i in heads:
        members.setdefault(groups.find(i), []).append(i)
    # complete link: every pair across two groups must be allowed to merge or be neutral
    apart = _Apart(events, heads, compared.left, compared.right, neutral)
    del neutral
    # the pairs allowed to merge, most similar first (each column's copies dropped as soon as they are used)
    first, second, best = compared.left[allowed], compared.right[allowed], -compared.score[allowed]
    del allowed
    order = np.lexsort((second, first, best))
    del best
    first = first[order]
    second = second[order]
    del order
    for start in range(0, len(first), _CANDIDATES_AT_ONCE):
        end = start + _CANDIDATES_AT_ONCE
        for i, j in zip(first[start:end].tolist(), second[start:end].tolist(), strict=True):
            root_i, root_j = groups.find(i), groups.find(j)
            if root_i == root_j or apart.blocked(root_i, root_j):
                continue
            groups.parent[root_j] = root_i
            members[root_i] += members.pop(root_j)
            apart.join(root_i, root_j)
    clusters: dict[int, list[int]] = {}
    for i in range(n):
        clusters.setdefault(groups.find(i), []).append(i)
    return sorted(clusters.values(), key=lambda c: c[0])


def compare_all(events: Sequence[Event], actors: dict[str, Actor], lexicon: LinkLexicon) -> Compared:
    """The table of a story's comparisons, made from scratch."""
    return Compared(events, Comparer(actors, lexicon))


def _quality(event: Event, claims: dict[str, Claim]) -> int:
    """How well sourced a mention is: its modality, and a named speaker carrying it."""
    named = any(
        bool(claims[c].speaker) and not is_generic_actor(claims[c].speaker)
        for c in event.claim_ids
        if c in claims
    )
    return _MODALITY_QUALITY.get(event.modality, 0) + (1 if named else 0)


def _date_width(event: Event) -> int:
    days = event_days(event)
    return (days[1] - days[0]).days if days else 10**6


def _telling(event: Event, dated: Sequence[Event], documents: dict[str, Document]) -> bool:
    """A day that is its own report's day of publication while another report dates the event otherwise:
    the day the news was told ("Germany said on Wednesday he had been poisoned"), not the event's."""
    days = event_days(event)
    if days is None or days[0] != days[1] or days[0] != _published(event, documents):
        return False
    return any(other.doc_id != event.doc_id and event_days(other) not in (None, days) for other in dated)


class _DateVotes:
    """How many of a merged event's mentions have a date containing a mention's date: their days read once,
    each distinct date counted once (the votes of every dated mention are asked)."""

    def __init__(self, mentions: Sequence[Event]) -> None:
        self.spans = [d for d in map(event_days, mentions) if d]
        self.found: dict[tuple[date, date], int] = {}

    def __call__(self, event: Event) -> int:
        days = event_days(event)
        if days is None:
            return 0
        votes = self.found.get(days)
        if votes is None:
            votes = self.found[days] = sum(1 for d in self.spans if d[0] <= days[0] and days[1] <= d[1])
        return votes


_PRECISION_RANK = {"S": 0, "relation": 1, "P": 2, "A": 3}


def _place_votes(mentions: Sequence[Event], actors: dict[str, Actor]) -> Counter[str]:
    """How many mentions agree with each country, by their own place or their target's country."""
    votes: Counter[str] = Counter()
    for event in mentions:
        countries = {event.place.country} if event.place and event.place.country else set()
        target = actors.get(event.target_actor or "")
        if target and target.country:
            countries.add(target.country)
        votes.update(countries)
    return votes


def _province(place: Place | None) -> tuple[str, str] | None:
    """The country and first-level division a place lies in (None for a country, or no place)."""
    return (place.country, place.admin1) if place is not None and place.country and place.admin1 else None


def _most_common(values: list[str | None]) -> str | None:
    if len(values) == 1:  # a mention of its own
        return values[0] or None
    known = [v for v in values if v]
    specific = [v for v in known if not is_generic_actor(v)] or known
    return Counter(specific).most_common(1)[0][0] if specific else None


MAIN_TYPES = frozenset({"ASSAULT", "COERCE"})
UNARMED = UNARMED_SECTORS  # sectors of targets that carry no arms


@dataclass
class _Story:
    """What the join of a story's mentions into its main event reads besides the mentions."""

    actors: dict[str, Actor]
    lexicon: LinkLexicon
    claims: dict[str, Claim]
    documents: dict[str, Document]
    # what `_fits` found of two mentions, by their ids: the main event is joined once or twice a merge
    pairs: PairBook | dict[tuple[str, str], Pair] = field(default_factory=dict)


def _join_bare(clusters: list[list[int]], events: Sequence[Event], story: _Story) -> list[list[int]]:
    """Mentions of the story's kind of violence in other reports ("the blast", "the attack on the
    hospital") are the story's main event - the violent event told by the most reports - when
    nothing in them says otherwise: another mode, date or place."""
    main = main_cluster(clusters, events, MAIN_TYPES)
    if main is None:
        return clusters
    joined = list(main)
    told = _Told.of([events[j] for j in main], story)
    kept = []
    for cluster in clusters:
        if cluster is main:
            continue
        # a denial that it was done ("we did not attack") is part of the main event's dispute; what may yet
        # happen is no telling of it
        same_kind = all(events[i].type == events[main[0]].type and events[i].modality != "hypothetical"
                        for i in cluster)
        # a group told with the main event's usual means: a stray mode in either is no other event
        shared = _families([events[i] for i in cluster], story.lexicon) & told.usual
        fitting = [i for i in cluster if same_kind and _fits(events[i], told, story, bool(shared))]
        if len(fitting) == len(cluster):
            joined += cluster
            continue
        # a group that holds another event too ("the attacks" told undated next to the later raid, joined
        # through them): its mentions that fit the main event are the main event's, the rest stays
        # ... and so is a bare "the attack" the parse hung on another event of its report
        # (a mention dated only by the day its speaker said it is as good as undated)
        loose = [i for i in fitting if (event_days(events[i]) is None or said_on(events[i], story.claims))
                 and (_tells_the_same(events[i], told.events) or is_bare(events[i], story.actors, story.lexicon))]
        joined += loose
        kept.append([i for i in cluster if i not in loose])
    return sorted([sorted(joined), *kept], key=lambda c: c[0])


def _tells_the_same(mention: Event, told: Sequence[Event]) -> bool:
    """Something concrete the mention shares with the main event: its toll, or its town or site."""
    for other in told:
        if mention.fatalities and other.fatalities and _close_counts(mention, other, "fatalities"):
            return True
        here, there = mention.place, other.place
        if here is not None and there is not None and here.geonames_id == there.geonames_id \
                and place_precision(here) in ("P", "S"):
            return True
    return False


def _families(mentions: Sequence[Event], lexicon: LinkLexicon) -> set[str]:
    return {lexicon.mode_family.get(e.mode, e.mode) for e in mentions if e.mode}


def _usual_means(mentions: Sequence[Event], lexicon: LinkLexicon) -> set[str]:
    """The family of means most mentions tell (all tied ones)."""
    counts = Counter(lexicon.mode_family.get(e.mode, e.mode) for e in mentions if e.mode)
    top = max(counts.values(), default=0)
    return {family for family, n in counts.items() if n == top}


@dataclass
class _Told:
    """The main event's mentions, with what `_fits` reads of them all, read once."""

    events: list[Event]
    usual: set[str]  # `_usual_means`
    counts: set[tuple[str, int | None]]  # the tolls told
    bare: list[bool]

    @classmethod
    def of(cls, told: list[Event], story: _Story) -> _Told:
        counts = {(kind, value) for e in told for kind, value in (("fatalities", e.fatalities), ("injured", e.injured))}
        return cls(told, _usual_means(told, story.lexicon), counts,
                   [is_bare(e, story.actors, story.lexicon) for e in told])


def _fits(mention: Event, told: _Told, story: _Story, shared_means: bool = False) -> bool:
    """Nothing real says the mention is another event than the main one. A different doer is a
    dispute inside the event; a mode the event is already told with, a date of the telling, a
    place that is only the speaker's country, another count of the victims (an update) or a target
    coded from another country at the very same place do not set it apart either."""
    shared_means = shared_means or bool(_families([mention], story.lexicon) & told.usual)
    bare = is_bare(mention, story.actors, story.lexicon)
    for other, other_bare in zip(told.events, told.bare, strict=True):
        pair = story.pairs.get((mention.id, other.id))
        if pair is None:
            pair = story.pairs[(mention.id, other.id)] = _pair(mention, other, bare, other_bare, story)
        if not pair.fits or (pair.modes_apart and not shared_means) or any(c not in told.counts for c in pair.counts):
            return False
    return True


def _pair(mention: Event, other: Event, bare: bool, other_bare: bool, story: _Story) -> Pair:
    lexicon = story.lexicon
    if mention.type != other.type or answers_attack(mention, lexicon) != answers_attack(other, lexicon):
        return Pair(False)
    probe = Comparison()
    compare_modes(mention, other, lexicon, probe)
    modes_apart = probe.veto and not _unstated_fits(mention, other, lexicon)
    if not (bare or other_bare):
        probe = Comparison()
        compare_dates(mention, other, lexicon, probe)  # a bare mention's date is its context's
        if (probe.veto or probe.conflicts) and not speakers_date(mention, other, story.claims) and (
                probe.veto or not telling_day(mention, other, story.documents)):
            return Pair(False)
    where = Comparison()
    compare_places(mention, other, lexicon, where)
    if where.veto or (where.conflicts and not speakers_place(mention, other, story.claims)):
        return Pair(False)
    probe = Comparison()
    compare_actors(mention, other, story.actors, lexicon, probe)
    if probe.veto and where.score < 2.0 and not _unarmed_victims(mention, other, story.actors):
        return Pair(False)
    probe = Comparison()
    compare_casualties(mention, other, probe)
    same_dead = mention.fatalities is not None and other.fatalities is not None and (
        mention.fatalities == other.fatalities or _close_counts(mention, other, "fatalities"))
    counts = []
    for kind in probe.conflicts:
        if kind == "injured" and same_dead:
            continue  # counts of the wounded swing widely while the dead agree: one event
        if not _update(mention, other, kind, story.documents) and not _close_counts(mention, other, kind):
            counts.append((kind, _count(mention, kind)))
    return Pair(True, modes_apart, tuple(counts))


def _unarmed_victims(a: Event, b: Event, actors: dict[str, Actor]) -> bool:
    """Both targets are unarmed people (civilians, the press): their nationality is read from nearby
    words ("Russian terrorists carried out a detonation" gives Russian civilians) and is no reason to
    tell the story's main event apart."""
    targets = [actors.get(t) for t in (a.target_actor, b.target_actor) if t]
    return len(targets) == 2 and all(t is not None and set(t.sectors) & UNARMED for t in targets)


def _unstated_fits(a: Event, b: Event, lexicon: LinkLexicon) -> bool:
    """ "Sabotage" (what was done, not how) of a dam told as blown up: one mode fits the other's means."""
    for x, y in ((a, b), (b, a)):
        fits = lexicon.unstated_means.get(x.mode or "")
        if fits and lexicon.mode_family.get(y.mode or "", y.mode) == fits:
            return True
    return False


def _published(event: Event, documents: dict[str, Document]) -> date | None:
    document = documents.get(event.doc_id)
    return document.published if document else None


def telling_day(a: Event, b: Event, documents: dict[str, Document]) -> bool:
    """One of two dates a few days apart is the day of its own report: it dates the telling
    ("Hunt says an attack ..."), the other's earlier day the event."""
    for late, early in ((a, b), (b, a)):
        days_late, days_early = event_days(late), event_days(early)
        if days_late and days_early and days_late[0] == _published(late, documents) and days_early[1] < days_late[0]:
            return True
    return False


def _inner_contents(event: Event, claims: dict[str, Claim]) -> list[Span]:
    """The contents of the event's claims that hold its trigger: what a speaker says of it."""
    contents = [c.content for c in (claims.get(k) for k in event.claim_ids) if c is not None]
    return [s for s in contents if event.trigger and s.start <= event.trigger.start < s.end]


def said_on(event: Event, claims: dict[str, Claim]) -> bool:
    """The event's date stands outside what its speaker says of it ("On Friday the minister said the bomber
    had an accomplice", a statement released "over the weekend" claiming the blast): the saying's day."""
    when = event.date
    if when is None or when.start is None:
        return False
    inner = _inner_contents(event, claims)
    return bool(inner) and not any(s.start <= when.start < s.end for s in inner)


def speakers_date(a: Event, b: Event, claims: dict[str, Claim]) -> bool:
    """A date of either mention that is the day its speaker said it, not the event's."""
    return said_on(a, claims) or said_on(b, claims)


def speakers_place(a: Event, b: Event, claims: dict[str, Claim]) -> bool:
    """A country place of either mention that stands outside what its speaker says ("the
    assessment of the United States government that ..."): the speaker's, not the event's."""
    return speakers_country(a, claims) or speakers_country(b, claims)


def speakers_country(event: Event, claims: dict[str, Claim]) -> bool:
    """The mention's place is a country outside what its speaker says of the event: the speaker's."""
    place = event.place
    if place is None or place_precision(place) != "A" or not is_country(place):
        return False
    inner = _inner_contents(event, claims)
    return bool(inner) and not any(s.start <= place.start < s.end for s in inner)


def _count(event: Event, kind: str) -> int | None:
    return event.fatalities if kind == "fatalities" else event.injured


def _close_counts(a: Event, b: Event, kind: str) -> bool:
    """Two counts near each other ("127" and "129 dead"): a contradiction inside one event, not another event."""
    x, y = _count(a, kind), _count(b, kind)
    return x is not None and y is not None and min(x, y) > 0 and max(x, y) <= CLOSE_COUNTS * min(x, y)


def _update(a: Event, b: Event, kind: str, documents: dict[str, Document]) -> bool:
    """Two counts of the victims, the higher one told in a later report: it updates the first."""
    x, y = _count(a, kind), _count(b, kind)
    if x is None or y is None:
        return False
    high, low = (a, b) if x > y else (b, a)
    when_high, when_low = _published(high, documents), _published(low, documents)
    return when_high is not None and when_low is not None and when_high > when_low


_DAY_PART = re.compile(r"(\d{4}-\d{2}-\d{2})T(?:MO|AF|EV|NI|DT)")


def _to_the_day(when: EventDate | None) -> EventDate | None:
    """A merged event is dated to its day: "2019-06-13TAF" (TimeML's afternoon) is 2019-06-13."""
    match = _DAY_PART.fullmatch(when.value) if when else None
    if when is None:
        return None
    # a merged event's date stands for several reports: no one report's characters are its evidence
    update: dict[str, object] = {"start": None, "end": None}
    if match:
        update["value"] = match.group(1)
    return when.model_copy(update=update)


def merge_events(
    story_id: str,
    events: Sequence[Event],
    claims: dict[str, Claim],
    documents: dict[str, Document],
    actors: dict[str, Actor],
    lexicon: LinkLexicon | None = None,
    compared: Compared | None = None,
    origins: StoryOrigins | None = None,
    pairs: PairBook | None = None,
) -> list[MergedEvent]:
    """The merged events of one story: every event in exactly one, in order of first mention. `origins`: the
    story's claims' origins (`sources.StoryOrigins`), when made already with these records. `pairs`: what sets
    two mentions apart from the main event, as the story's last linking found it (`memo.LinkMemo.pair_book`);
    the verdicts made now are added to it."""
    lexicon = lexicon or load_lexicon()
    story = _Story(actors, lexicon, claims, documents, {} if pairs is None else pairs)
    clusters = _join_bare(cluster_events(events, actors, lexicon, compared), events, story)
    gathered = gather_thing(gather_victim(clusters, events), events, lexicon)
    if gathered != clusters:  # the main event told by its victim: what fits it joins it too
        clusters = _join_bare(gathered, events, story)
    clusters = join_main(clusters, events, MAIN_TYPES, actors, lexicon, claims, documents, said_on,
                         speakers_country)
    if origins is None:
        origins = StoryOrigins(documents, actors, lexicon, speaker_names(claims.values(), documents, lexicon))
    merged: list[MergedEvent] = []
    for cluster in clusters:
        mentions = [events[i] for i in cluster]
        first = mentions[0]
        if len(mentions) == 1:  # a mention of its own (most of a big story's): its own date, place and tolls
            best_date = first if first.date is not None else None
            best_place = first if place_precision(first.place) is not None else None
            merged.append(_merged(story_id, mentions, best_date, best_place, mentions, claims, documents, actors,
                                  lexicon, origins))
            continue
        order = {e.id: k for k, e in enumerate(mentions)}
        # a bare mention's date is often its context's, so the others decide
        informative = [e for e in mentions if not is_bare(e, actors, lexicon)] or mentions
        sayings = {e.id for e in mentions if said_on(e, claims)}
        dated = [e for e in informative if e.date is not None]
        if dated and all(e.id in sayings for e in dated):  # only days of sayings: a bare mention's own is better
            dated = [e for e in mentions if e.date is not None and e.id not in sayings] or dated
        date_votes = _DateVotes(informative)
        best_date = min(
            dated,
            key=lambda e: (_telling(e, dated, documents) or e.id in sayings, _date_width(e), -date_votes(e),
                           -_quality(e, claims), order[e.id]),
            default=None,
        )
        placed = [e for e in mentions if place_precision(e.place) is not None]
        place_votes = _place_votes(mentions, actors) if placed else Counter()
        # the province most mentions place it in, then the most precise place there: one report's city in
        # another province does not move an attack thirty mentions place in Donetsk
        provinces: Counter[tuple[str, str] | None] = Counter(p for e in placed if (p := _province(e.place)))
        best_place = min(
            placed,
            key=lambda e: (
                -provinces[_province(e.place)],  # (no province: 0)
                _PRECISION_RANK[place_precision(e.place) or "A"],
                -(place_votes[e.place.country] if e.place.country else 0) if e.place else 0,
                -_quality(e, claims),
                order[e.id],
            ),
            default=None,
        )
        latest = sorted(mentions, key=lambda e: (documents[e.doc_id].published or date.min, order[e.id]))
        merged.append(_merged(story_id, mentions, best_date, best_place, latest, claims, documents, actors, lexicon,
                              origins))
    return merged


def _merged(
    story_id: str, mentions: list[Event], best_date: Event | None, best_place: Event | None, latest: list[Event],
    claims: dict[str, Claim], documents: dict[str, Document], actors: dict[str, Actor], lexicon: LinkLexicon,
    origins: StoryOrigins,
) -> MergedEvent:
    """A merged event of these mentions, dated and placed by the best of them, its tolls in the order told.
    Deeds done to the attackers ("two of the gunmen were shot dead") that answer an attack among them give it
    no doer, target, means or toll."""
    own = [e for e in mentions if not answers_attack(e, lexicon)] or mentions
    if len(own) < len(mentions):
        kept = {e.id for e in own}
        latest = [e for e in latest if e.id in kept]
    fatalities = [e.fatalities for e in latest if e.fatalities is not None]
    injured = [e.injured for e in latest if e.injured is not None]
    tolls = [
        TollReport(kind=kind, value=value, bound=bound, event_id=e.id, doc_id=e.doc_id,
                   published=documents[e.doc_id].published, outlet=documents[e.doc_id].outlet)
        for e in latest
        for kind, value, bound in (("fatalities", e.fatalities, e.fatalities_bound),
                                   ("injured", e.injured, e.injured_bound))
        if value is not None
    ]
    first = mentions[0]
    return MergedEvent(
        id=f"m{first.id}",
        story_id=story_id,
        event_ids=[e.id for e in mentions],
        type=first.type,
        mode=_most_common([e.mode for e in own]),
        source_actor=_most_common([e.source_actor for e in own]),
        target_actor=_most_common([e.target_actor for e in own]),
        date=_to_the_day(best_date.date) if best_date else None,
        place=best_place.place if best_place else None,
        fatalities=fatalities[-1] if fatalities else None,
        injured=injured[-1] if injured else None,
        tolls=tolls,
        origins=event_origins(mentions, claims, documents, actors, lexicon, known=origins),
        doc_ids=list(dict.fromkeys(e.doc_id for e in mentions)),
    )
