"""stories: reports about the same story grouped together (first version).

Two reports belong together when they share enough of what they are about: the
distinctive words (TF-IDF over the stored reports), the named actors and places,
and the kinds of events, and when they are not far apart in time. Candidate pairs
come from an inverted index of those keys, so unrelated reports are never compared.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS

from triangulate.records import AnalyzedDocument, Story

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
TOP_TERMS = 40
LINK_THRESHOLD = 0.22
MAX_DAYS_APART = 45
# generic group actors say little about which story a report belongs to
GENERIC_ACTOR_PREFIXES = ("XXX.", "prov:")


@dataclass
class _Profile:
    doc_id: str
    terms: dict[str, float]  # unit-length TF-IDF weights of the top terms
    keys: set[str]  # actor, place and event-type keys
    day: date | None


def _words(text: str) -> list[str]:
    return [w for w in (m.group(0).lower().strip("'’-") for m in WORD.finditer(text)) if w not in STOP_WORDS]


def _keys(analyzed: AnalyzedDocument) -> set[str]:
    keys = {f"actor:{m.actor_id}" for m in analyzed.mentions if not m.actor_id.startswith(GENERIC_ACTOR_PREFIXES)}
    keys |= {f"place:{p.geonames_id or p.name.lower()}" for p in analyzed.places}
    keys |= {f"event:{e.type}" for e in analyzed.events}
    return keys


def _day(analyzed: AnalyzedDocument) -> date | None:
    if analyzed.document.published:
        return analyzed.document.published
    days = [t.end_date for t in analyzed.times if t.end_date]
    return max(days) if days else None


def _profiles(docs: list[AnalyzedDocument]) -> list[_Profile]:
    counts = [Counter(_words(f"{a.document.title or ''}\n{a.document.text}")) for a in docs]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(docs)
    profiles = []
    for analyzed, c in zip(docs, counts, strict=True):
        weights = {w: (1 + math.log(tf)) * (math.log((1 + n) / (1 + df[w])) + 1) for w, tf in c.items()}
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
        norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
        profiles.append(
            _Profile(analyzed.document.id, {w: v / norm for w, v in top}, _keys(analyzed), _day(analyzed))
        )
    return profiles


def similarity(a: _Profile, b: _Profile) -> float:
    cosine = sum(v * b.terms.get(w, 0.0) for w, v in a.terms.items())
    shared = a.keys & b.keys
    key_overlap = len(shared) / min(len(a.keys), len(b.keys)) if a.keys and b.keys else 0.0
    score = 0.5 * cosine + 0.5 * key_overlap
    if a.day and b.day and abs((a.day - b.day).days) > MAX_DAYS_APART:
        score *= 0.3
    return score


def cluster_stories(docs: list[AnalyzedDocument]) -> list[Story]:
    """Group analyzed reports into stories; deterministic for the same input."""
    docs = sorted(docs, key=lambda a: (a.document.published or date.max, a.document.id))
    profiles = _profiles(docs)
    index: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for key in list(p.terms)[:15] + sorted(p.keys):
            index[key].append(i)
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    compared: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) > 200:  # a key shared by everything links nothing
            continue
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if (i, j) in compared:
                    continue
                compared.add((i, j))
                if similarity(profiles[i], profiles[j]) >= LINK_THRESHOLD:
                    parent[find(j)] = find(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        groups[find(i)].append(i)
    stories = []
    for members in sorted(groups.values(), key=lambda m: m[0]):
        first = docs[members[0]]
        stories.append(
            Story(
                id=f"s{first.document.id}",
                headline=_headline([docs[i] for i in members]),
                doc_ids=[docs[i].document.id for i in members],
                event_ids=[e.id for i in members for e in docs[i].events],
                claim_ids=[c.id for i in members for c in docs[i].claims],
            )
        )
    return stories


def _headline(members: list[AnalyzedDocument]) -> str:
    for analyzed in members:
        if analyzed.document.title:
            return analyzed.document.title
    text = members[0].document.text.strip()
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return first if len(first) <= 140 else first[:137].rsplit(" ", 1)[0] + "..."
