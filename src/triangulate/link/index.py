"""The candidate index: which stored reports a new report should be compared with.

A new report is compared only with stored reports that share a key with it: a name
(actor, person or place), one of its most distinctive words, or a MinHash LSH band of
its word pairs (reports that share much of their wording). Keys live in the database
(`link_keys`, schema migration 3), each posting with the report's arrival number, so a
later run finds candidates without reading stored analyses, and a key held by very many
reports yields only its most recent ones. Reports whose publication dates are known and
far apart are dropped (the time window).
"""

from __future__ import annotations

import heapq
import json
import struct
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from triangulate.link.profile import NUM_PERM, LinkProfile, Vectorizer
from triangulate.link.store import StoryStore

BANDS = 32  # 32 bands of 2 rows: pairs whose word pairs overlap by about 0.2 (Jaccard) or more meet
ROWS = NUM_PERM // BANDS
TOP_WORDS = 10  # most distinctive words of a report that are keys
TOP_NAMES = 15
PER_KEY = 200  # postings read per key: the most recent
MAX_DAYS_APART = 60
MAX_STORIES = 10  # candidate stories a new report is compared with
MAX_REPORTS = 200  # candidate reports whose stories are looked up, those sharing most keys first


def lsh_keys(signature: list[int]) -> list[str]:
    if not signature or all(v == signature[0] for v in signature):  # empty text: nothing to band
        return []
    keys = []
    for band in range(BANDS):
        rows = signature[band * ROWS:(band + 1) * ROWS]
        keys.append(f"lsh:{band}:{struct.pack(f'<{ROWS}Q', *rows).hex()}")
    return keys


def candidate_keys(profile: LinkProfile, vectorizer: Vectorizer) -> list[str]:
    names = sorted(profile.names, key=lambda k: (-profile.names[k], k))[:TOP_NAMES]
    weighted = sorted(profile.terms, key=lambda w: (-vectorizer.idf(w) * profile.terms[w], w))[:TOP_WORDS]
    return [*names, *(f"word:{w}" for w in weighted), *lsh_keys(profile.minhash)]


class CandidateIndex:
    """Candidate reports for a new one, from the store's key postings."""

    def __init__(self, store: StoryStore) -> None:
        self.store = store

    def add(self, profile: LinkProfile, keys: Iterable[str], seq: int, story_id: str, analyzer_version: str) -> None:
        published = date.fromisoformat(profile.published) if profile.published else None
        self.store.link_save(
            profile.doc_id, seq, story_id, analyzer_version, published, json.dumps(profile.to_json()), keys
        )

    def candidates(self, profile: LinkProfile, keys: Iterable[str], window: bool = True) -> dict[str, list[str]]:
        """Stories of the stored reports sharing a key with `profile` (within the time window unless
        `window` is False): story id -> those reports, the ones sharing most keys first. Only the
        `MAX_STORIES` stories whose reports share most keys with it are kept, so that the work of
        linking a report does not grow with the archive (a common name is shared by thousands)."""
        around = date.fromisoformat(profile.published) if profile.published and window else None
        hits = self.store.link_postings(keys, PER_KEY, around, MAX_DAYS_APART)
        hits.pop(profile.doc_id, None)
        # the stories of the reports sharing most keys: the best stories are among them
        ordered = most_shared(hits, MAX_REPORTS)
        story_of = self.store.link_story_ids(ordered)
        reports: dict[str, list[str]] = defaultdict(list)
        for doc_id in ordered:
            reports[story_of[doc_id]].append(doc_id)
        ranked = sorted(reports, key=lambda story: (-hits[reports[story][0]], story))[:MAX_STORIES]
        return {story: reports[story] for story in ranked}


def most_shared(hits: Mapping[str, int], limit: int) -> list[str]:
    """The `limit` reports sharing most keys, ties in id order: the first `limit` of all sorted by (-count, id),
    without sorting them all (at 10^6 reports a new one meets about 2,600, most of them through one key): the count
    the last one kept shares is found from the counts' tally; the reports sharing more are sorted, and of those
    sharing as many the first in id order are taken."""
    tally = Counter(hits.values())
    bar, kept = 0, 0
    for count in sorted(tally, reverse=True):
        kept += tally[count]
        if kept >= limit:
            bar = count
            break
    above = sorted(doc_id for doc_id, count in hits.items() if count > bar)
    above.sort(key=hits.__getitem__, reverse=True)  # stable: ties stay in id order
    return above + heapq.nsmallest(limit - len(above), (doc_id for doc_id, count in hits.items() if count == bar))
