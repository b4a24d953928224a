"""Per-story links: merged events, claim groups and contradictions of one story, in one call.

Pure: records in, records out. A story's links depend only on its own reports, so a story
whose reports did not change keeps the links stored for it (`links_signature`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from functools import partial

from triangulate.link.claims import Propositions, claim_features, claim_terms, group_claims
from triangulate.link.contradictions import event_contradictions, factuality_contradictions
from triangulate.link.disputes import dispute_contradictions, rank
from triangulate.link.events import merge_events
from triangulate.link.lexicon import load_lexicon
from triangulate.link.memo import LinkMemo
from triangulate.link.responsibility import responsibility_links
from triangulate.link.sources import StoryOrigins, speaker_names
from triangulate.records import AnalyzedDocument, Story, StoryLinks

LINKS_VERSION = 11  # bump when the linking rules change, so that stored links are recomputed


def links_rules() -> str:
    """The rules stored links were made by: when they change, every story's links are checked again."""
    return f"links:{LINKS_VERSION} lexicon:{load_lexicon().version}"


def links_signature(story: Story, analyzer_versions: Mapping[str, str | None]) -> str:
    """A fingerprint of what a story's links are computed from: its reports, what was found
    in them (ids, and the analyzer version that found it) and the linking rules."""
    parts = [*links_rules().split(" "), story.id]
    parts += [f"{d}@{analyzer_versions.get(d)}" for d in story.doc_ids]
    parts += story.event_ids + story.claim_ids
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:24]


def link_story(story: Story, docs: Sequence[AnalyzedDocument], memo: LinkMemo | None = None) -> StoryLinks:
    """Merged events, claim groups and contradictions of one story (its analyzed reports). With a `memo`
    (fitted to the story's reports, `LinkMemo.fit`), comparisons and claim terms it holds are taken from
    it and the ones made now are added to it: the links are the same, made faster."""
    lexicon = load_lexicon()
    members = [a for a in docs if a.document.id in set(story.doc_ids)]
    order = {doc_id: k for k, doc_id in enumerate(story.doc_ids)}
    members.sort(key=lambda a: order[a.document.id])
    documents = {a.document.id: a.document for a in members}
    actors = {actor.id: actor for a in members for actor in a.actors}
    events = [e for a in members for e in a.events]
    claims = {c.id: c for a in members for c in a.claims}
    memo = memo or LinkMemo()
    memo.check(members, actors)
    compared = memo.comparisons(events, actors, lexicon)
    names = speaker_names(claims.values(), documents, lexicon)
    origins = StoryOrigins(documents, actors, lexicon, names)  # asked by the merged events and the claim groups
    pairs = memo.pair_book(events, documents)
    merged = merge_events(story.id, events, claims, documents, actors, lexicon, compared, origins, pairs)
    memo.keep_pairs(pairs, events)
    merged, statements = responsibility_links(
        story.id, [r for a in members for r in a.responsibility], merged, {e.id: e for e in events}, documents, actors)
    merged_of = {event_id: m.id for m in merged for event_id in m.event_ids}
    features = [claim_features(c, a, actors, merged_of, lexicon, names,
                               memo.claim_terms(c, partial(claim_terms, c, a, actors, lexicon)),
                               origins.claim(c) if c.doc_id == a.document.id else None)
                for a in members for c in a.claims]
    doer_claims = frozenset(s.claim_id for s in statements if s.claim_id)
    propositions = Propositions(features, lexicon)
    groups = group_claims(story.id, features, propositions)
    group_of = {claim_id: g.id for g in groups for claim_id in g.claim_ids}
    contradictions = factuality_contradictions(story.id, features, documents, doer_claims, group_of, actors,
                                               propositions)
    contradictions += event_contradictions(merged, {e.id: e for e in events}, claims, documents, actors, lexicon,
                                           compared)
    contradictions = rank([*dispute_contradictions(merged, statements, documents, actors), *contradictions], statements,
                          actors)
    return StoryLinks(
        story_id=story.id,
        merged_events=merged,
        claim_groups=groups,
        contradictions=contradictions,
        responsibility=statements,
    )
