"""claims: claims that assert the same proposition, across the reports of a story.

There is no embedding model here, on purpose: a proposition is recognized by what it is
about and what it says of it.

- **anchors**: the actors named inside the claim's content, as their country when they
  have one ("Jerusalem", "Israeli" and "Israel" all say IL), and the places named there that
  are not already an actor (a country as its code, a town or site by name);
- **predicates**: content words mapped to the classes of `data/links.yaml`
  ("green light", "coordination" -> approve; "behind", "any role" -> responsible);
- **words**: the other content words (no stop words, actor or place names);
- **events**: the merged events of the events the claim carries.

Two claims assert the same proposition when they carry the same merged event and share a
predicate or words; or when they share at least two anchors (most of the smaller claim's)
and a predicate or enough words; or when they share many words. Groups are the connected
claims; a claim that matches nothing is a group of its own.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from triangulate.link.lexicon import LinkLexicon, load_lexicon
from triangulate.link.sources import (
    SpeakerNames,
    claim_origin,
    distinct,
    resolve_speaker,
    speaker_aliases,
)
from triangulate.records import Actor, AnalyzedDocument, Claim, ClaimGroup, Origin, is_generic_actor

_WORD = re.compile(r"[a-z0-9][a-z0-9'’.]*")
MIN_SHARED_ANCHORS = 2
ANCHOR_COVER = 0.6  # share of the smaller claim's anchors that the other names too
WORD_COVER = 0.34
MANY_WORDS = 3
_CERTAINTY = {"CT": 3, "PR": 2, "PS": 1, "Uu": 0}


@dataclass(frozen=True)
class ClaimFeatures:
    claim: Claim
    origin: Origin
    speakers: frozenset[str]  # names and actor id of the speaker, see `sources.speaker_aliases`
    anchors: frozenset[str]
    predicates: frozenset[str]  # strong predicate classes
    weak_predicates: frozenset[str]
    words: frozenset[str]
    events: frozenset[str]  # merged event ids

    @property
    def polarity(self) -> int:
        """+1 the speaker holds it true, -1 false, 0 uncommitted."""
        value = self.claim.factuality
        return 0 if value == "Uu" else (1 if value.endswith("+") else -1)


@lru_cache(maxsize=1 << 16)  # words repeat: each claim's content is read at every relinking of its story
def _stem(word: str) -> str:
    word = word.replace("’", "'").removesuffix("'s").strip(".'")
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


@lru_cache(maxsize=1 << 16)
def _forms(token: str) -> frozenset[str]:
    """A word and the bases its inflection may come from: "approved" -> approve, approv."""
    forms = {token}
    for suffix, base in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
                         ("ing", "e"), ("es", ""), ("s", "")):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            forms.add(token[: len(token) - len(suffix)] + base)
    return frozenset(forms)


def content_terms(text: str, lexicon: LinkLexicon) -> tuple[set[str], set[str], set[str]]:
    """(strong predicate classes, weak predicate classes, other content words) of a text."""
    tokens = _WORD.findall(text.lower().replace("-", " "))
    strong: set[str] = set()
    weak: set[str] = set()
    words: set[str] = set()
    i = 0
    while i < len(tokens):
        forms = _forms(tokens[i])
        for at in sorted({j for form in forms for j in lexicon.phrases_by_first.get(form, ())}):
            phrase, name = lexicon.predicate_phrases[at]
            if (len(phrase) == 1) or tuple(tokens[i:i + len(phrase)]) == phrase:
                (weak if name in lexicon.weak_predicates else strong).add(name)
                i += len(phrase)
                break
        else:
            word = _stem(tokens[i])
            if word and word not in STOP_WORDS and word not in lexicon.filler_words and not word.isdigit():
                words.add(word)
            i += 1
    return strong, weak, words


@dataclass(frozen=True)
class ClaimTerms:
    """What a claim is about and what it says of it, read from its own report alone."""

    speakers: frozenset[str]
    anchors: frozenset[str]
    predicates: frozenset[str]
    weak_predicates: frozenset[str]
    words: frozenset[str]


def claim_terms(
    claim: Claim, analyzed: AnalyzedDocument, actors: dict[str, Actor], lexicon: LinkLexicon | None = None
) -> ClaimTerms:
    """The anchors, predicates and words of a claim; see the module docstring."""
    lexicon = lexicon or load_lexicon()
    start, end = claim.content.start, claim.content.end
    anchors: set[str] = set()
    named: list[tuple[int, int]] = []
    for mention in analyzed.mentions:
        if start <= mention.start and mention.end <= end:
            named.append((mention.start, mention.end))
            actor = actors.get(mention.actor_id)
            if actor is not None and actor.country:
                anchors.add(f"c:{actor.country}")
            elif not is_generic_actor(mention.actor_id):
                anchors.add(mention.actor_id)
    for place in analyzed.places:
        if start <= place.start and place.end <= end:
            named.append((place.start, place.end))
            if any(s <= place.start and place.end <= e for s, e in named[:-1]):
                continue  # "Moscow" said as the government, counted as an actor already
            if place.feature_class == "A" and place.admin1 is None and place.country:
                anchors.add(f"c:{place.country}")
            else:
                anchors.add(f"p:{place.name.lower()}")
    blanked = claim.content.text
    if named:  # names are anchors, not words
        chars = list(analyzed.document.text[start:end])
        for s, e in named:
            chars[s - start:e - start] = " " * (e - s)
        blanked = "".join(chars)
    strong, weak, words = content_terms(blanked, lexicon)
    return ClaimTerms(speaker_aliases(claim, lexicon), frozenset(anchors), frozenset(strong), frozenset(weak),
                      frozenset(words))


def claim_features(
    claim: Claim,
    analyzed: AnalyzedDocument,
    actors: dict[str, Actor],
    merged_of: dict[str, str],
    lexicon: LinkLexicon | None = None,
    names: SpeakerNames | None = None,
    terms: ClaimTerms | None = None,
    origin: Origin | None = None,
) -> ClaimFeatures:
    """What a claim is about and what it says of it (`terms`, when read already), who it comes from (`origin`,
    when made already) and the merged events it carries; see the module docstring."""
    lexicon = lexicon or load_lexicon()
    terms = terms or claim_terms(claim, analyzed, actors, lexicon)
    return ClaimFeatures(
        claim=claim,
        origin=origin if origin is not None else resolve_speaker(claim_origin(claim, analyzed.document, actors, lexicon),
                                                                 names or {}),
        speakers=terms.speakers,
        anchors=terms.anchors,
        predicates=terms.predicates,
        weak_predicates=terms.weak_predicates,
        words=terms.words,
        events=frozenset(merged_of[e] for e in claim.event_ids if e in merged_of),
    )


def _cover(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def same_proposition(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """Do two claims assert the same proposition (whatever their factuality)?"""
    says_alike = bool(a.predicates & b.predicates) or _cover(a.words, b.words) >= WORD_COVER
    if a.events & b.events and says_alike:
        return True
    shared_anchors = len(a.anchors & b.anchors)
    if shared_anchors >= MIN_SHARED_ANCHORS and _cover(a.anchors, b.anchors) >= ANCHOR_COVER and says_alike:
        return True
    many = len(a.words & b.words) >= MANY_WORDS and _cover(a.words, b.words) >= 0.5
    return many and (not a.anchors or not b.anchors or _cover(a.anchors, b.anchors) >= 0.5)


def contradicts(yes: ClaimFeatures, no: ClaimFeatures, lexicon: LinkLexicon | None = None) -> bool:
    """Does a claim held false deny the proposition of one held true: the same proposition, or
    one the true claim entails ("gave the green light" against "there was no coordination")?"""
    if yes.polarity != 1 or no.polarity != -1:
        return False
    if same_proposition(yes, no):
        return True
    entailments = (lexicon or load_lexicon()).entailments
    implied = {c for p in yes.predicates for c in entailments.get(p, ())}
    return bool(implied - yes.predicates) and same_proposition(replace(yes, predicates=yes.predicates | implied), no)


def _rank(features: ClaimFeatures) -> tuple[int, int]:
    """Best-sourced first: a named speaker, then the speaker's certainty."""
    claim = features.claim
    named = 1 if claim.speaker and not is_generic_actor(claim.speaker) else 0
    return (-named, -_CERTAINTY[claim.factuality[:2]])


def shared_counts(left: Sequence[frozenset[str]], right: Sequence[frozenset[str]] | None = None) -> np.ndarray:
    """How many members each set on the left shares with each on the right (default: the left ones), as a
    matrix. Counted from the members two sets have in common, without multiplying whole matrices: a
    story's sets are small and mostly disjoint. The members are numbered by C-level passes (`map` over one
    flat list, not a Python loop a member: this runs several times a linking, over every claim of the story)."""
    flat_left = list(itertools.chain.from_iterable(left))
    codes = dict(zip(dict.fromkeys(flat_left), itertools.count()))  # a member -> its number, in order of first meeting
    left_codes = np.fromiter(map(codes.__getitem__, flat_left), dtype=np.int64, count=len(flat_left))
    left_rows = np.repeat(np.arange(len(left), dtype=np.int64), [len(s) for s in left])
    if right is None:
        right, right_codes, right_rows = left, left_codes, left_rows
    else:
        flat_right = list(itertools.chain.from_iterable(right))
        right_codes = np.fromiter(map(codes.get, flat_right, itertools.repeat(-1)), dtype=np.int64, count=len(flat_right))
        right_rows = np.repeat(np.arange(len(right), dtype=np.int64), [len(s) for s in right])
        held = right_codes >= 0  # members of no set on the left share nothing
        right_codes, right_rows = right_codes[held], right_rows[held]
    if not len(right_codes):
        return np.zeros((len(left), len(right)), dtype=np.int64)
    # each side's entries grouped by member (stable: by row within a member)
    order = np.argsort(left_codes, kind="stable")
    left_codes, left_rows = left_codes[order], left_rows[order]
    order = np.argsort(right_codes, kind="stable")
    right_codes, right_rows = right_codes[order], right_rows[order]
    right_sizes = np.bincount(right_codes, minlength=len(codes))
    right_first = np.cumsum(right_sizes) - right_sizes
    # every row holding a member is paired with every column holding it
    fan = right_sizes[left_codes]  # for each left entry, the columns of its member
    within = np.arange(int(fan.sum())) - np.repeat(np.cumsum(fan) - fan, fan)
    pairs = np.repeat(left_rows, fan) * len(right) + right_rows[np.repeat(right_first[left_codes], fan) + within]
    return np.bincount(pairs, minlength=len(left) * len(right)).reshape(len(left), len(right))


def _cover_matrix(shared: np.ndarray, sets: Sequence[frozenset[str]]) -> np.ndarray:
    """`_cover` of every two sets from how many members they share."""
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    smaller = np.minimum.outer(sizes, sizes)
    return np.where(smaller > 0, shared / np.maximum(smaller, 1), 0.0)


class Propositions:
    """`same_proposition` and `contradicts` of every two claims of a story, as matrices: exactly what
    the pairwise functions answer, from what each two claims share, counted once."""

    def __init__(self, features: Sequence[ClaimFeatures], lexicon: LinkLexicon | None = None) -> None:
        self.features = features
        self.lexicon = lexicon or load_lexicon()
        self.words = shared_counts([f.words for f in features])
        self.word_cover = _cover_matrix(self.words, [f.words for f in features])
        anchors = shared_counts([f.anchors for f in features])
        anchor_cover = _cover_matrix(anchors, [f.anchors for f in features])
        unanchored = np.array([not f.anchors for f in features], dtype=bool)
        self.about_alike = (shared_counts([f.events for f in features]) > 0) | (
            (anchors >= MIN_SHARED_ANCHORS) & (anchor_cover >= ANCHOR_COVER))
        many = (self.words >= MANY_WORDS) & (self.word_cover >= 0.5)
        self.many = many & (np.logical_or.outer(unanchored, unanchored) | (anchor_cover >= 0.5))
        self.alike = self._alike([f.predicates for f in features])  # symmetric, False on the diagonal

    def _alike(self, predicates: Sequence[frozenset[str]]) -> np.ndarray:
        """`same_proposition` of every claim, with the predicates given, and every claim with its own."""
        own = [f.predicates for f in self.features]
        says_alike = (shared_counts(predicates, own) > 0) | (self.word_cover >= WORD_COVER)
        alike = (self.about_alike & says_alike) | self.many
        np.fill_diagonal(alike, False)
        return alike

    def contradicts(self) -> np.ndarray:
        """`contradicts(features[i], features[j])` at [i, j]."""
        entailments = self.lexicon.entailments
        polarity = np.array([f.polarity for f in self.features], dtype=np.int64)
        entailed = [f.predicates | {c for p in f.predicates for c in entailments.get(p, ())} for f in self.features]
        implied = np.array([bool(e - f.predicates) for e, f in zip(entailed, self.features, strict=True)], dtype=bool)
        alike = self.alike.copy()
        if implied.any():
            alike |= implied[:, None] & self._alike(entailed)
        return np.logical_and.outer(polarity == 1, polarity == -1) & alike


def group_claims(
    story_id: str, features: Sequence[ClaimFeatures], propositions: Propositions | None = None
) -> list[ClaimGroup]:
    """Claim groups of one story: every claim in exactly one, in order of first claim.

    Two groups join when at least half of the pairs across them assert the same
    proposition, so that a chain of loosely alike claims does not become one blob.
    """
    n = len(features)
    matrix = (propositions or Propositions(features)).alike
    # the matrix read once as Python numbers (not a numpy scalar a pair: this runs at every linking of a story)
    rows, columns = np.nonzero(matrix)
    ends = np.cumsum(np.bincount(rows, minlength=n)).tolist()
    held = columns.tolist()
    neighbours = [set(held[start:end]) for start, end in zip([0, *ends], ends, strict=False)]
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    # pairs asserting the same proposition across two groups, summed as groups join
    across: dict[int, dict[int, int]] = {i: dict.fromkeys(neighbours[i], 1) for i in range(n)}
    upper = rows < columns  # each pair once, in the order of `np.triu`'s
    for i, j in zip(rows[upper].tolist(), columns[upper].tolist(), strict=True):
        gi, gj = owner[i], owner[j]
        if gi == gj or across[gi].get(gj, 0) * 2 < len(groups[gi]) * len(groups[gj]):
            continue
        for k in groups[gj]:
            owner[k] = gi
        groups[gi] += groups.pop(gj)
        for other, count in across.pop(gj).items():
            del across[other][gj]
            if other != gi:
                across[gi][other] = across[gi].get(other, 0) + count
                across[other][gi] = across[other].get(gi, 0) + count
    found = []
    for indexes in sorted((sorted(g) for g in groups.values()), key=lambda g: g[0]):
        items = [features[i] for i in indexes]

        def centrality(i: int, members: set[int] = set(indexes)) -> int:  # noqa: B006  (read only)
            return len(neighbours[i] & members)

        best = indexes[0] if len(indexes) == 1 else min(indexes, key=lambda i: (-centrality(i), _rank(features[i]), i))
        found.append(
            ClaimGroup(
                id=f"g{items[0].claim.id}",
                story_id=story_id,
                claim_ids=[f.claim.id for f in items],
                proposition=features[best].claim.proposition,
                merged_event_ids=sorted({m for f in items for m in f.events}),
                origins=distinct(f.origin for f in items),
            )
        )
    return found
