"""sources: independent origins, so that a point told by five outlets quoting one article counts once.

Definition. The *origin* of a claim is the pair (speaker, outlet):

- `outlet` is the root of the chain the claim came through: the first (outermost) `via` step
  when there is one ("the New York Times quoted ..."), else the outlet of the document that
  carries the claim, else the document itself (`report:<id>`, an unnamed outlet is its own
  origin). Names are normalized: lower case, leading articles and premodifiers such as
  "London-based" dropped, so "the London-based Asharq al-Awsat" and "Asharq al-Awsat" agree.
- `speaker` is the innermost identifiable source: the speaker's actor id when the claim
  names a specific actor (generic group actors such as `XXX.INT` are not specific), else the
  speaker's normalized words (a short form is replaced by the full mention it resolves to,
  "The source (A senior ... official)" -> "senior ... official"). When the speaker is the
  outlet itself ("the Times reported"), the speaker part is empty.

The origins of a merged event are the distinct origins of the claims that carry any of its
mentions, plus, for each mention no claim carries, the reporting document's outlet with an
empty speaker (the report's own words). The origins of a claim group are the distinct origins
of its claims. Syndicated copies never reach this point twice: ingest keeps one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from triangulate.link.lexicon import LinkLexicon, load_lexicon
from triangulate.records import Actor, Claim, Document, Event, Origin, is_generic_actor

_PARENTHESIS = re.compile(r"\(([^()]*)\)\s*$")


def normalize_name(text: str, lexicon: LinkLexicon | None = None) -> str:
    """A name as an origin key: lower case, no leading article/premodifier, no possessive."""
    return _name((lexicon or load_lexicon()).name_premodifiers, text)


@lru_cache(maxsize=1 << 14)  # speakers and outlets recur: each story's are normalized again at every relinking
def _name(premodifiers: frozenset[str], text: str) -> str:
    inner = _PARENTHESIS.search(text)
    if inner and inner.group(1).strip():
        text = inner.group(1)  # the full mention a pronoun or short form resolves to
    return _normalized_with(text, premodifiers)


def _normalized(text: str, lexicon: LinkLexicon) -> str:
    return _normalized_with(text, lexicon.name_premodifiers)


@lru_cache(maxsize=1 << 14)
def _normalized_with(text: str, premodifiers: frozenset[str]) -> str:
    words = re.sub(r"[’']s\b", "", text.lower()).replace("’", "'").split()
    while len(words) > 1 and words[0].strip(",") in premodifiers:
        words = words[1:]
    return " ".join(w.strip(",.;:\"“”") for w in words).strip()


_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their"})


def speaker_aliases(claim: Claim, lexicon: LinkLexicon | None = None) -> frozenset[str]:
    """The names a claim's speaker goes by in its report: the words used and the fuller
    mention they resolve to ("he (One of the sources)"), pronouns left out; and the actor id."""
    lexicon = lexicon or load_lexicon()
    text = claim.speaker_text
    inner = _PARENTHESIS.search(text)
    names = {text[: inner.start()] if inner else text}
    if inner:
        names.add(inner.group(1))
    found = {_normalized(n, lexicon) for n in names if n.strip()}
    found = {n for n in found if n and n not in _PRONOUNS}
    if claim.speaker and not is_generic_actor(claim.speaker):
        found.add(claim.speaker)
    return frozenset(found)


def document_outlet(document: Document, lexicon: LinkLexicon | None = None) -> str:
    return normalize_name(document.outlet, lexicon) if document.outlet else f"report:{document.id}"


def claim_origin(
    claim: Claim, document: Document, actors: dict[str, Actor] | None = None, lexicon: LinkLexicon | None = None
) -> Origin:
    """The (speaker, outlet) a claim first comes from; see the module docstring."""
    lexicon = lexicon or load_lexicon()
    actors = actors or {}
    if claim.via:
        root = claim.via[0]
        name = actors[root.actor].name if root.actor and root.actor in actors else root.text
        outlet = normalize_name(name, lexicon)
    else:
        outlet = document_outlet(document, lexicon)
    speaker: str | None
    if claim.speaker and not is_generic_actor(claim.speaker):
        speaker = claim.speaker
        named = actors.get(claim.speaker)
        if named is not None and normalize_name(named.name, lexicon) == outlet:
            speaker = None
    else:
        speaker = normalize_name(claim.speaker_text, lexicon) or None
        if speaker == outlet:
            speaker = None
    return Origin(speaker=speaker, outlet=outlet)


SpeakerNames = dict[tuple[str, str], str]  # (outlet, short name) -> fuller name


def speaker_names(claims: Iterable[Claim], documents: dict[str, Document], lexicon: LinkLexicon | None = None) -> SpeakerNames:
    """Short speaker names resolved to the fuller mention their report gives elsewhere:
    "he (One of the sources)" and "One of the sources (informed sources in X)" are one speaker."""
    lexicon = lexicon or load_lexicon()
    names: SpeakerNames = {}
    for claim in claims:
        inner = _PARENTHESIS.search(claim.speaker_text)
        if not inner or not inner.group(1).strip():
            continue
        outer = _normalized(claim.speaker_text[: inner.start()], lexicon)
        full = _normalized(inner.group(1), lexicon)
        if outer and outer != full and outer not in _PRONOUNS:
            names[(document_outlet(documents[claim.doc_id], lexicon), outer)] = full
    return names


def resolve_speaker(origin: Origin, names: SpeakerNames) -> Origin:
    speaker = origin.speaker
    for _ in range(3):  # short form -> fuller -> fullest
        if speaker is None or (origin.outlet, speaker) not in names:
            break
        speaker = names[(origin.outlet, speaker)]
    return origin if speaker == origin.speaker else Origin(speaker=speaker, outlet=origin.outlet)


def distinct(origins: Iterable[Origin]) -> list[Origin]:
    """Each origin once, in a stable order."""
    unique = {(o.speaker or "", o.outlet): o for o in origins}
    return [unique[key] for key in sorted(unique)]


class StoryOrigins:
    """The origin of each claim of one story (resolved through its speaker names) and of each report's own
    words, made once per linking: the merged events ask for them mention by mention, and the claim groups
    claim by claim (a story of 241 mentions and 159 claims asked for 256 claim origins)."""

    def __init__(self, documents: dict[str, Document], actors: dict[str, Actor] | None, lexicon: LinkLexicon | None,
                 names: SpeakerNames | None) -> None:
        self.documents, self.actors, self.lexicon, self.names = documents, actors, lexicon, names or {}
        self.claims: dict[str, Origin] = {}
        self.reports: dict[str, Origin] = {}

    def claim(self, claim: Claim) -> Origin:
        found = self.claims.get(claim.id)
        if found is None:
            found = self.claims[claim.id] = resolve_speaker(
                claim_origin(claim, self.documents[claim.doc_id], self.actors, self.lexicon), self.names)
        return found

    def report(self, doc_id: str) -> Origin:
        found = self.reports.get(doc_id)
        if found is None:
            found = self.reports[doc_id] = Origin(speaker=None, outlet=document_outlet(self.documents[doc_id], self.lexicon))
        return found


def event_origins(
    events: Iterable[Event],
    claims: dict[str, Claim],
    documents: dict[str, Document],
    actors: dict[str, Actor] | None = None,
    lexicon: LinkLexicon | None = None,
    names: SpeakerNames | None = None,
    known: StoryOrigins | None = None,
) -> list[Origin]:
    """The independent origins behind a set of event mentions (one merged event); `known`: the story's, made
    with these documents, actors, lexicon and names."""
    origins = known if known is not None else StoryOrigins(documents, actors, lexicon, names)
    found: list[Origin] = []
    for event in events:
        carrying = [claims[i] for i in event.claim_ids if i in claims]
        if not carrying:
            found.append(origins.report(event.doc_id))
        found.extend(map(origins.claim, carrying))
    return distinct(found)
