"""stories: reports about the same story grouped together, one new report at a time.

Each report gets a link profile when it is linked: its distinctive words, the actors
and places it names, the years, days and numbers it gives, the kinds of events, and a
MinHash signature of its word pairs. Candidate reports come from the stored index
(`index.py`); a new report joins the story whose members it resembles most on average
(average link, so one look-alike member cannot chain two stories together), or starts
a story of its own. When it resembles two stories that also resemble each other, they
merge under the older story's id. Then a repair pass re-checks the story it joined: it
merges with a candidate story it resembles as a whole (fragments of one event that no
single report bridged), unless the two mostly name different years, and it splits in two
when average-link clustering of its members finds halves that resemble each other little
(two events of one kind; at a higher bar when most of one half date things in a year the
other half never names). Stories keep their ids as they grow; a split-off half is named
after its first report.

The similarity of two reports is `similarity.py`'s.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from weakref import WeakKeyDictionary

import numpy as np

from triangulate.link.analyses import forget
from triangulate.link.index import CandidateIndex, candidate_keys
from triangulate.link.profile import LinkProfile, Vectorizer, Vectors, build_profile, number_key, vectors
from triangulate.link.similarity import WEIGHTS, Weights, similarities, similarity
from triangulate.link.store import StoryStore
from triangulate.link.victims import same_person
from triangulate.records import AnalyzedDocument, Story


def df_keys(profile: LinkProfile) -> list[str]:
    """The keys whose document counts weigh a profile: its words, names and numbers."""
    return [*profile.terms, *profile.names, *(number_key(n) for n in profile.numbers)]


SCENE_DAYS = 3  # reports published this many days apart telling attacks in one town tell one attack
MEMBERS_COMPARED = 50  # a big story is compared through its most recent members
PROBED = 3  # a candidate story's reports sharing most keys with a new one, tried before the whole story


class _Linker:
    """One linking run: assigns new reports to stories, caching the stored profiles it reads."""

    def __init__(self, store: StoryStore, vectorizer: Vectorizer, weights: Weights) -> None:
        self.store = store
        self.index = CandidateIndex(store)
        self.vectorizer = vectorizer
        self.weights = weights
        self.profiles: dict[str, LinkProfile] = {}
        self.vectors: dict[str, Vectors] = {}  # valid until the counts change
        self.removed: set[str] = set()
        self.touched: set[str] = set()
        self.candidate_stories: list[str] = []  # of the report assigned last

    def count(self, profile: LinkProfile, step: int) -> None:
        """Add (or with step -1 take back) a report's keys to the document counts."""
        keys = df_keys(profile)
        self.vectorizer.prefetch(keys, exact=True)  # held by no document yet, perhaps
        self.store.link_add_df(keys, step)
        self.vectorizer.add(keys, step)
        self.vectors.clear()

    def stored(self, doc_id: str) -> Vectors:
        if doc_id not in self.vectors:
            self._load([doc_id])
            self.vectors[doc_id] = vectors(self.profiles[doc_id], self.vectorizer)
        return self.vectors[doc_id]

    def _load(self, doc_ids: Iterable[str]) -> None:
        """Read stored reports' profiles, and the document counts of all their keys in one go."""
        wanted = [d for d in doc_ids if d not in self.vectors]
        self._read(wanted)
        if len(wanted) > 1:
            self.vectorizer.prefetch({k for d in wanted for k in df_keys(self.profiles[d])})

    def _read(self, doc_ids: list[str]) -> None:
        """Read stored reports' profiles not read yet, in one go."""
        unread = [d for d in doc_ids if d not in self.profiles]
        if unread:
            bodies = self.store.link_profiles(unread)
            for doc_id in unread:
                self.profiles[doc_id] = LinkProfile.from_json(json.loads(bodies[doc_id]))

    def profiles_of(self, doc_ids: list[str]) -> list[LinkProfile]:
        """Stored reports' profiles, without their vectors: what tells whether those are needed at all (a story's
        years, dates, victims, scenes) reads the profiles alone, and a vector costs more than a profile read."""
        self._read(doc_ids)
        return [self.profiles[d] for d in doc_ids]

    def vectors_of(self, doc_ids: list[str]) -> list[Vectors]:
        self._load(doc_ids)
        return [self.stored(d) for d in doc_ids]

    def _average(self, left: list[Vectors], right: list[Vectors]) -> float:
        return float(similarities(left, right, self.weights).mean())

    def member_ids(self, story_id: str) -> list[str]:
        """The story's members compared: its most recent ones."""
        return self.store.link_members(story_id, MEMBERS_COMPARED)

    def members(self, story_id: str) -> list[Vectors]:
        return self.vectors_of(self.member_ids(story_id))

    def assign(self, profile: LinkProfile, keys: list[str]) -> str:
        """The story a new report joins (merging stories it bridges), or a new story's id."""
        new = vectors(profile, self.vectorizer)
        found = self.index.candidates(profile, keys)
        self._load(d for reports in found.values() for d in reports[:PROBED])
        nearest = {story_id: self._nearest(new, reports) for story_id, reports in found.items()}
        story_ids = sorted(found)
        # the repair pass merges fragments at a lower bar than joining
        self.candidate_stories = [s for s in story_ids if nearest[s] >= self.weights.repair_merge]
        scored = []
        for story_id in story_ids:
            if nearest[story_id] < self.weights.threshold:
                continue
            score = self._average([new], self.members(story_id))
            if score >= self.weights.threshold:
                scored.append((score, story_id))
        if not scored:
            return self._same_thing(profile, new, story_ids) or self._same_scene(profile, new, story_ids) \
                or self._late(profile, keys, new, set(story_ids)) or f"s{profile.doc_id}"
        scored.sort(key=lambda item: (-item[0], item[1]))
        best = scored[0][1]
        for _, other in scored[1:]:
            if self._mergeable(self.member_ids(best), self.member_ids(other), self.weights.merge, new):
                best = self._merge(best, other)
        return best

    def _nearest(self, new: Vectors, reports: list[str]) -> float:
        """How much the new report resembles the closest of a story's reports that share keys with it.
        A story's average cannot reach a bar that none of its members reaches, and members sharing no
        key with the new report hardly resemble it: below the bar, the story is not compared whole."""
        return max(similarity(new, self.stored(d), self.weights) for d in reports[:PROBED])

    def _late(self, profile: LinkProfile, keys: list[str], new: Vectors, seen: set[str]) -> str | None:
        """A report published long after a story (a finding, a trial, an anniversary) joins it when it
        names what the story names and dates something in the year the story's reports date their event,
        or, naming none of its years (or dating nothing at all), when it all but repeats one of its reports."""
        # a late report names the event's year bare more often than with a day: "the 2016 Brussels attacks"
        told_years = set(profile.years) | {int(n) for n in profile.numbers if YEAR.fullmatch(n)}
        if not profile.published:
            return None
        dated = bool(told_years or profile.past_victims)
        named = [k for k in keys if not k.startswith("lsh:")]
        found = self.index.candidates(profile, named, window=False)
        best: tuple[float, str] | None = None
        bar = min(self.weights.late_join, self.weights.victim_join, self.weights.victim_named_join) if dated \
            else self.weights.undated_join
        for story_id in sorted(set(found) - seen):
            nearest = self._nearest(new, found[story_id])
            if nearest < bar:
                continue
            # the story's members are read only when the report may join it: most candidates fall below the
            # late join's bar, and at 10^6 reports their members' profiles are pages scattered over the file;
            # their vectors are made only for a story that is scored
            victim_bar = None
            if dated and profile.past_victims:  # (`_victim_bar` is None without them)
                ids = self.member_ids(story_id)
                victim_bar = self._victim_bar(profile, self.profiles_of(ids))
            if victim_bar is not None:
                # it retells the attack on the person the story is about ("the murder of journalist X"),
                # its own most told victim, often without its year: its best member counts, at a lower bar
                score = max(similarity(new, m, self.weights) for m in self.vectors_of(ids))
                if score >= victim_bar and (best is None or score > best[0]):
                    best = (score, story_id)
                continue
            if nearest < self.weights.late_join:
                continue
            ids = self.member_ids(story_id)
            profiles = self.profiles_of(ids)
            if _published_after(profiles, profile) is False:
                continue
            members = self.vectors_of(ids)
            years = _main_years(profiles)
            if told_years & _past_years(profiles) and not years & told_years:
                # it dates the past year the story's reports retell (an investigation's finding on an attack
                # years before, then a report of the same attack years later still): its best member counts,
                # where the two are more likely than not one event
                score, needed = max(similarity(new, m, self.weights) for m in members), self.weights.past_join
            elif not years or not years & told_years:
                # no year in common: only a near copy of one of its reports (the same finding told years on)
                score, needed = max(similarity(new, m, self.weights) for m in members), self.weights.undated_join
            elif int(profile.published[:4]) in years:
                # a report of a later year dating the story's year (a trial, a finding) retells what one of
                # the story's reports told, seldom all of them: its best member counts. Within one year
                # (a campaign, a war's coverage) the average guards against a chain of look-alikes.
                score, needed = self._average([new], members), self.weights.late_join
            else:
                score, needed = max(similarity(new, m, self.weights) for m in members), self.weights.late_join
            if score >= needed and (best is None or score > best[0]):
                best = (score, story_id)
        return best[1] if best else None

    def _same_thing(self, profile: LinkProfile, new: Vectors, story_ids: list[str]) -> str | None:
        """A report telling of an attack on a named thing that a story's reports tell attacked ("the Crocus
        City Hall attack") joins it at the low bar of a named victim, by its best such report, though it
        tells of it in other words (an interview, a security chief's statement)."""
        if not profile.things:
            return None
        # (not a report dating other days or years: the same hall, bridge or church is often attacked again)
        return self._best_telling(new, story_ids, self.weights.victim_join, lambda m: not _dated_otherwise(
            m, profile) and any(same_thing(profile.things[0], t) for t in m.things))

    def _same_scene(self, profile: LinkProfile, new: Vectors, story_ids: list[str]) -> str | None:
        """A report telling an attack in the town where a story's reports of the same days tell one ("Deccan
        Mujahideen claims Mumbai attacks", a day before the reports of the siege) joins it at the low bar of a
        named victim, by its best such report, though it tells of it in few words."""
        if not profile.scenes or not profile.published:
            return None
        scenes, day = set(profile.scenes), date.fromisoformat(profile.published)
        return self._best_telling(new, story_ids, self.weights.scene_join, lambda m: bool(
            scenes & set(m.scenes)) and m.published is not None
            and abs((date.fromisoformat(m.published) - day).days) <= SCENE_DAYS)

    def _best_telling(self, new: Vectors, story_ids: list[str], bar: float,
                      telling: Callable[[LinkProfile], bool]) -> str | None:
        """The story whose best member among those `telling` it resembles most (by their profiles), if at least
        `bar`."""
        best: tuple[float, str] | None = None
        for story_id in story_ids:
            ids = self.member_ids(story_id)
            told = [d for d, p in zip(ids, self.profiles_of(ids), strict=True) if telling(p)]
            if not told:
                continue
            score = max(similarity(new, m, self.weights) for m in self.vectors_of(told))
            if score >= bar and (best is None or score > best[0]):
                best = (score, story_id)
        return best[1] if best else None

    def _victim_bar(self, profile: LinkProfile, members: list[LinkProfile]) -> float | None:
        """The bar a late report joins a story at when the person it tells attacked most is the one the
        story's reports tell attacked: low for one full name ("Tomas Lindqvist"), higher for a surname."""
        if not profile.past_victims or _published_after(members, profile) is False:
            return None  # (`_late` reads the story's members only when the report tells past victims)
        name = profile.past_victims[0]
        told = [v for v in _main_victims(members) if same_person(name, v)]
        if not told:
            return None
        full = " " in name and name in told
        return self.weights.victim_named_join if full else self.weights.victim_join

    def repair(self, story_id: str, candidates: Iterable[str]) -> str:
        """Re-check the story a report just joined: merge it with candidate stories it now resembles
        as a whole (fragments of one event), then split it in two if its halves tell different events.
        Runs after every report, so one run over many reports still equals many runs over one."""
        for other in sorted(set(candidates) - {story_id}):
            alive = self.store.link_members(other, 1)
            if alive and self._mergeable(self.member_ids(story_id), self.member_ids(other), self.weights.repair_merge):
                story_id = self._merge(story_id, other)
        self._split(story_id)
        return story_id

    def _mergeable(self, left: list[str], right: list[str], threshold: float, new: Vectors | None = None) -> bool:
        """Whether two stories (their members compared, and on the left the `new` report too) merge."""
        first = [new] if new is not None else []
        # stories whose members mostly name different years tell different events, however alike (their vectors
        # are not made then)
        years_left = _main_years([*(v.profile for v in first), *self.profiles_of(left)])
        years_right = _main_years(self.profiles_of(right))
        if years_left and years_right and not years_left & years_right:
            return False
        return self._average([*first, *self.vectors_of(left)], self.vectors_of(right)) >= threshold

    def _merge(self, first: str, second: str) -> str:
        keep, drop = sorted((first, second), key=self.store.link_first_seq)
        self.store.link_move(drop, keep)
        self.removed.add(drop)
        return keep

    def _split(self, story_id: str) -> None:
        members = self.store.link_members(story_id)
        if not MIN_SPLIT_PART * 2 <= len(members) <= MEMBERS_COMPARED:
            return
        halves = bisect([self.stored(d) for d in members], self.weights)
        if halves is None:
            return
        # the half holding the story's first report keeps the id; the other is named after its own first
        moved = halves[1] if members[0] in halves[0] else halves[0]
        new_id = f"s{min(moved, key=members.index)}"
        self.store.link_set_story(moved, new_id)
        self.touched.add(new_id)


def _dated_otherwise(a: LinkProfile, b: LinkProfile) -> bool:
    """Both reports date things, in no year or on no day in common."""
    return any(x and y and not set(x) & set(y) for x, y in ((a.years, b.years), (a.days, b.days)))


def same_thing(a: str, b: str) -> bool:
    """Two named things' telling words, one's within the other's ("crocus hall", "crocus hall moscow")."""
    x, y = set(a.split()), set(b.split())
    return bool(x) and bool(y) and (x <= y or y <= x)


def _published_after(members: list[LinkProfile], profile: LinkProfile) -> bool | None:
    """Whether the report came out after the story's reports (None when dates are missing)."""
    days = [m.published for m in members if m.published]
    if not days or not profile.published:
        return None
    return profile.published >= min(days)


YEAR = re.compile(r"(19|20)\d\d")  # a number that is a year
MIN_SPLIT_PART = 3  # a story splits only into parts of at least this many reports


def _main_years(members: list[LinkProfile]) -> set[int]:
    """The years named by the most members of a story (all of them when tied)."""
    counts = Counter(year for member in members for year in member.years)
    top = max(counts.values(), default=0)
    return {year for year, count in counts.items() if count == top}


def _past_years(members: list[LinkProfile]) -> set[int]:
    """The years a story's reports date things in before the year each came out: the past they retell."""
    return {year for member in members if member.published
            for year in member.years if year < int(member.published[:4])}


def _main_victims(members: list[LinkProfile]) -> set[str]:
    """The persons told attacked by the most members of a story, two at least (all of them when tied)."""
    counts = Counter(name.split()[-1] for member in members for name in member.victims)
    top = max(counts.values(), default=0)
    return {name for member in members for name in member.victims
            if counts[name.split()[-1]] == top} if top >= 2 else set()


def _dated_apart(left: list[Vectors], right: list[Vectors]) -> bool:
    """Whether at least half the members of one half name a year that no member of the other half names."""
    for one, other in ((left, right), (right, left)):
        named = {year for member in other for year in member.profile.years}
        main = _main_years([m.profile for m in one]) - named
        if main and 2 * sum(1 for m in one if main & set(m.profile.years)) >= len(one):
            return True
    return False


def bisect(members: list[Vectors], weights: Weights = WEIGHTS) -> tuple[list[str], list[str]] | None:
    """Two halves of a story (doc ids) found by average-link clustering of its members down to two
    groups, when the halves resemble each other less than `weights.split` on average; else None.

    Groups merge by average link while some pair reaches `weights.split`; below it, a group of fewer
    than `MIN_SPLIT_PART` reports (an outlier) joins the group it resembles most before any two
    bigger groups merge, so one odd report cannot hide a story's two halves.

    The clustering runs on arrays: `totals[a, b]` sums the similarities between groups a and b (each
    group known by its first member), and a merge adds one row into another, the same float additions
    in the same order as pair by pair; ties go to the lowest pair (first group, then second)."""
    n = len(members)
    matrix = np.triu(similarities(members, weights=weights), 1)
    totals = matrix + matrix.T  # each pair's similarity as the pair (earlier, later) has it, both ways round
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    while len(groups) > 2:
        pairs = upper & np.logical_and.outer(alive, alive)
        averages = np.where(pairs, totals / np.outer(sizes, sizes), -np.inf)
        a, b = divmod(int(np.argmax(averages)), n)  # the first of the highest
        if averages[a, b] < weights.split:
            small = pairs & (np.minimum.outer(sizes, sizes) < MIN_SPLIT_PART)
            if small.any():
                a, b = divmod(int(np.argmax(np.where(small, averages, -np.inf))), n)
        groups[a].extend(groups.pop(b))
        totals[a] += totals[b]
        totals[:, a] = totals[a]
        sizes[a] += sizes[b]
        alive[b] = False
    first, second = sorted(groups)
    if min(len(groups[first]), len(groups[second])) < MIN_SPLIT_PART:
        return None
    halves = [[members[i] for i in groups[first]], [members[i] for i in groups[second]]]
    bar = weights.split_dated if _dated_apart(*halves) else weights.split
    if totals[first, second] / (sizes[first] * sizes[second]) >= bar:
        return None
    return ([members[i].profile.doc_id for i in sorted(groups[first])],
            [members[i].profile.doc_id for i in sorted(groups[second])])


# The document counts and the profiles a linking run read, kept for the next run on the same store while
# no other connection has written to it (`link_counts_version`): a server or a run linking report after
# report reads the counts and profiles of the same recent stories again and again. A profile changes only
# when its report is linked again, and the run that does it keeps the new one. Bounded: past the bounds,
# the counts are read again, and the profiles read first are let go (a profile holds ~14 KB).
_COUNTS: WeakKeyDictionary[StoryStore, tuple[int, dict[str, int], bool]] = WeakKeyDictionary()  # (.., shared)
_PROFILES: WeakKeyDictionary[StoryStore, tuple[int, dict[str, LinkProfile]]] = WeakKeyDictionary()
COUNTS_KEPT = 200_000
PROFILES_KEPT = 2_000
# Stores whose linkers hold the counts of all keys shared by two reports or more (`hold_counts`), and how many
# such keys are held at most (a dict of a million keys is about 100 MB)
_HELD: WeakKeyDictionary[StoryStore, bool] = WeakKeyDictionary()
SHARED_KEPT = 1_000_000


def hold_counts(store: StoryStore) -> bool:
    """Hold the document counts of all the keys shared by two linked reports or more, for this store's
    linking runs in this process (a long-lived linker: the server, a run over a feed). A key of a stored
    report that is not among them is held by that report alone: comparing reports then reads no count
    from the store, where each new report's candidates have about a thousand keys whose counts are
    scattered over the whole table (at 10^6 reports, a read from the disk each). The counts are read in
    one pass now, and again in the first run after another writer has committed. Returns whether they
    are held (not on a store that does not keep counts between runs, nor past `SHARED_KEPT` keys)."""
    if store.link_counts_version() is None:
        return False
    _HELD[store] = True
    with store.transaction():
        loaded = _held_counts(store)
    return loaded is not None


def _held_counts(store: StoryStore) -> tuple[int, dict[str, int]] | None:
    """Read the shared keys' counts (in a transaction) and keep them for the next run."""
    version = store.link_counts_version()
    shared = store.link_shared_df(SHARED_KEPT) if version is not None else None
    if version is None or shared is None:
        _HELD.pop(store, None)  # too many to hold: read as needed, and not scanned again
        return None
    _COUNTS[store] = (version, shared, True)
    return version, shared


def link_stories(
    store: StoryStore, weights: Weights = WEIGHTS, saved: Mapping[str, AnalyzedDocument] | None = None
) -> set[str]:
    """Link the store's newly analyzed reports into its stories; return the ids of stories changed.

    Reads only the new reports' analyses (those in `saved`, as this process just saved them, are not read
    back: `analyzed_many`); stored reports are met through the index.
    Reports analyzed again keep their story and seat, with their profile renewed.
    """
    if not store.link_pending():
        return set()
    if store.link_count() == 0:
        store.replace_stories([])  # stories of a database from before the index are linked anew
    with store.transaction():
        # read in the transaction: another writer (a server taking reports) may have linked some meanwhile
        pending = store.link_pending()
        forget(store, pending)  # saved again: the analyses kept from a story's last linking no longer hold
        found = store.analyzed_many(pending, saved)  # a few queries for all, not several per report
        analyzed = [found[doc_id] for doc_id in pending if doc_id in found]
        vectorizer = Vectorizer(store.link_count(), {}, store.link_df)
        counts_version = store.link_counts_version()
        kept = _COUNTS.pop(store, None)  # taken out: if this run fails, what it counted is not kept
        if counts_version is not None and (kept is None or kept[0] != counts_version) and _HELD.get(store):
            held = _held_counts(store)  # another writer committed: the shared keys' counts read again
            kept = None if held is None else (*held, True)
            _COUNTS.pop(store, None)
        if counts_version is not None and kept is not None and kept[0] == counts_version:
            if kept[2]:
                vectorizer.hold_shared(kept[1])
            else:
                vectorizer.df = kept[1]
        linker = _Linker(store, vectorizer, weights)
        kept_profiles = _PROFILES.pop(store, None)
        if counts_version is not None and kept_profiles is not None and kept_profiles[0] == counts_version:
            linker.profiles = kept_profiles[1]
        seq = store.link_next_seq()
        # counts grow report by report, so one run over many reports links them exactly as
        # many runs over one report each would
        for item in analyzed:
            profile = build_profile(item)
            version = store.analyzed_version(item.document.id) or ""
            earlier = store.link_profile(profile.doc_id)
            if earlier is not None:
                linker.count(LinkProfile.from_json(json.loads(earlier[2])), -1)
            linker.count(profile, 1)
            keys = candidate_keys(profile, vectorizer)
            if earlier is not None:
                story_id, old_seq, _ = earlier
                linker.index.add(profile, keys, old_seq, story_id, version)
            else:
                story_id = linker.assign(profile, keys)
                linker.index.add(profile, keys, seq, story_id, version)
                linker.profiles[profile.doc_id] = profile
                seq += 1
                story_id = linker.repair(story_id, linker.candidate_stories)
            linker.profiles[profile.doc_id] = profile  # the stored one is stale for a report analysed again
            linker.touched.add(story_id)
        changed = linker.touched | linker.removed
        for story_id in sorted(changed):
            # a story merged away may have come back as a split-off half
            if store.link_members(story_id, 1):
                store.put_story(_story(store, story_id))
                store.mark_links_due(story_id)  # in this transaction: a run stopped before relinking leaves it due
            else:
                store.delete_story(story_id)
    if counts_version is not None and vectorizer.shared:
        counts = vectorizer.df
        if len(counts) > SHARED_KEPT:  # the counts of 0 and 1 read for new reports: implied while shared
            counts = {key: n for key, n in counts.items() if n >= 2}
        if len(counts) <= SHARED_KEPT:
            _COUNTS[store] = (counts_version, counts, True)
    elif counts_version is not None and len(vectorizer.df) <= COUNTS_KEPT:  # kept once committed
        _COUNTS[store] = (counts_version, vectorizer.df, False)
    if counts_version is not None:
        profiles = linker.profiles
        if len(profiles) > PROFILES_KEPT:
            profiles = dict(itertools.islice(profiles.items(), len(profiles) - PROFILES_KEPT, None))
        _PROFILES[store] = (counts_version, profiles)
    return changed


def _story(store: StoryStore, story_id: str) -> Story:
    members = store.link_members(story_id)
    event_ids, claim_ids = store.found_ids(members)
    return Story(id=story_id, headline=_headline(store, members), doc_ids=members, event_ids=event_ids,
                 claim_ids=claim_ids)


def _headline(store: StoryStore, members: list[str]) -> str:
    """The first title among the reports (their titles read without their texts: a story may hold thousands,
    and a feed without titles would read them all), else the first report's first sentence."""
    titles = store.document_titles(members)
    title = next((titles[m] for m in members if m in titles), None)
    if title is not None:
        return title
    opening = next((d for d in map(store.document, members) if d is not None), None)
    text = opening.text.strip() if opening else ""
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    first = first.split("\n", 1)[0]
    return first if len(first) <= 140 else first[:137].rsplit(" ", 1)[0] + "..."
