"""contradictions: what the reports of a story disagree on, with both evidences.

Two kinds:

- **factuality**: one claim holds a proposition true (CT+, PR+, PS+) and another holds false
  (CT-, PR-, PS-) the same proposition or one the first entails (`claims.contradicts`), from
  different origins (a speaker restating a point in other words in one report is not a
  contradiction);
- **values of one merged event**: two mentions in different reports give incompatible
  dates, places, perpetrators (source actors), or casualty counts (`mentions.compare_events`).
  One contradiction per pair of distinct values; when the higher count comes from the later
  report the reason says it may be a rising toll.

Mentions inside one report that disagree are not flagged: there the difference is more
often an update in the same text or a reading error than a conflict between sources.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np

from triangulate.link.claims import ClaimFeatures, Propositions
from triangulate.link.compared import Compared
from triangulate.link.events import speakers_date, speakers_place, telling_day
from triangulate.link.lexicon import LinkLexicon, load_lexicon
from triangulate.link.mentions import Comparer, event_days, place_precision
from triangulate.link.responsibility import side_of
from triangulate.records import (
    Actor,
    Claim,
    Contradiction,
    ContradictionSide,
    Document,
    Event,
    MergedEvent,
)


def _outlet_text(claim: Claim | None, document: Document) -> str | None:
    if claim is not None and claim.via:
        return claim.via[0].text
    return document.outlet


def _claim_side(claim: Claim, document: Document) -> ContradictionSide:
    return ContradictionSide(
        claim_id=claim.id,
        doc_id=claim.doc_id,
        speaker=claim.speaker,
        speaker_text=claim.speaker_text,
        outlet=_outlet_text(claim, document),
        value=claim.factuality,
        start=claim.content.start,
        end=claim.content.end,
        text=claim.content.text,
    )


def _who(side: ContradictionSide, document: Document) -> str:
    outlet = side.outlet or document.outlet or document.external_id
    return f"{side.speaker_text or 'the report'} ({outlet})"


DOER_PREDICATE = "responsible"  # links.yaml's class of "behind", "carried out", "involvement"


def factuality_contradictions(
    story_id: str, features: Sequence[ClaimFeatures], documents: dict[str, Document],
    doer_claims: frozenset[str] = frozenset(), group_of: Mapping[str, str] | None = None,
    actors: Mapping[str, Actor] | None = None, propositions: Propositions | None = None,
) -> list[Contradiction]:
    """Claims held true and false. Who did it is left to the perpetrator disputes between responsibility
    statements (`doer_claims`: the claims they come from): claims saying who was behind it, or both telling
    responsibility, would double each dispute and pair "has no theory on who was behind it" with every
    accusation. Two sides disagreeing on one proposition (`group_of`: a claim's group) is one contradiction,
    however many of their reports repeat it."""
    found = []
    allegations = load_lexicon().allegation_nouns
    # One contradiction per two reports, two origins and two wordings: a report that repeats the same
    # words from the same speakers (a hostile one, thousands of times) adds no dispute, and pairing every
    # repeat with every other made the story's record grow with the square of their number.
    seen: set[tuple[str, str, str, str, str, str, str, str]] = set()
    disputed: set[tuple[str, str, str]] = set()
    # read once per claim, not once per pair
    apart = [DOER_PREDICATE in f.predicates or _no_proposition(f.claim, allegations) for f in features]
    # the pairs where one claim contradicts the other, all at once; in order, first claim then second
    matrix = (propositions or Propositions(features)).contradicts()
    for i, j in zip(*np.nonzero(np.triu(matrix | matrix.T, 1)), strict=True):
        a, b = features[i], features[j]
        if apart[i] or a.origin == b.origin or apart[j] or {a.claim.id, b.claim.id} <= doer_claims:
            continue
        if a.claim.doc_id == b.claim.doc_id and (a.origin.speaker == b.origin.speaker or a.speakers & b.speakers
                                                 or _overlap(a.claim, b.claim)):
            continue  # one speaker, one report, or one sentence: a nuance or a claim it reports, no conflict
        yes, no = (a, b) if a.polarity > 0 else (b, a)
        key = (yes.claim.doc_id, no.claim.doc_id, *_said(yes), *_said(no))
        if key in seen:
            continue
        seen.add(key)
        if group_of is not None:
            pair = (_side(yes.claim, actors or {}), _side(no.claim, actors or {}),
                    group_of.get(yes.claim.id, yes.claim.id))
            if pair in disputed:
                continue
            disputed.add(pair)
        sides = [_claim_side(yes.claim, documents[yes.claim.doc_id]), _claim_side(no.claim, documents[no.claim.doc_id])]
        reason = (
            f"{_who(sides[0], documents[yes.claim.doc_id])} holds it true [{yes.claim.factuality}], "
            f"{_who(sides[1], documents[no.claim.doc_id])} holds it false [{no.claim.factuality}]"
        )
        found.append(
            Contradiction(
                id=f"x{yes.claim.id}~{no.claim.id}",
                story_id=story_id,
                kind="factuality",
                reason=reason,
                claim_ids=[yes.claim.id, no.claim.id],
                evidence=sides,
            )
        )
    return found


def _no_proposition(claim: Claim, allegations: frozenset[str]) -> bool:
    """A content that is only an allegation named ("denies all false allegations in this regard") holds
    no proposition to be true or false; "claims that he was killed" does."""
    words = claim.content.text.lower().split()
    return any(w.strip(".,;") in allegations for w in words[:4]) and " that " not in f" {claim.content.text} "


def _overlap(a: Claim, b: Claim) -> bool:
    return a.content.start < b.content.end and b.content.start < a.content.end


def _side(claim: Claim, actors: Mapping[str, Actor]) -> str:
    """Which side a claim's speaker speaks for: its state or group, a person's body's; else its words."""
    actor = actors.get(claim.speaker or "")
    if actor is not None and actor.kind == "person" and actor.affiliation:
        actor = actors.get(actor.affiliation, actor)
    return side_of(actor) or claim.speaker or " ".join((claim.speaker_text or "").lower().split())


def _said(features: ClaimFeatures) -> tuple[str, str, str]:
    """Who said it, through which outlet, in which words (case and spacing aside)."""
    return (features.origin.speaker or "", features.origin.outlet,
            " ".join(features.claim.content.text.lower().split()))


def _value(kind: str, event: Event, actors: dict[str, Actor]) -> str:
    if kind == "date":
        days = event_days(event)
        if days and days[0] != days[1]:
            return f"{days[0].isoformat()} to {days[1].isoformat()}"
        return days[0].isoformat() if days else (event.date.value if event.date else "")
    if kind == "place":
        return event.place.name if event.place else ""
    if kind == "perpetrator":
        actor = actors.get(event.source_actor or "")
        return actor.name if actor else (event.source_text or event.source_actor or "")
    return str(event.fatalities if kind == "fatalities" else event.injured)


def _event_side(
    kind: str, event: Event, claims: dict[str, Claim], document: Document, actors: dict[str, Actor]
) -> ContradictionSide:
    claim = next((claims[c] for c in event.claim_ids if c in claims), None)
    span = event.evidence[0] if event.evidence else event.trigger
    return ContradictionSide(
        event_id=event.id,
        claim_id=claim.id if claim else None,
        doc_id=event.doc_id,
        speaker=claim.speaker if claim else None,
        speaker_text=claim.speaker_text if claim else None,
        outlet=_outlet_text(claim, document),
        value=_value(kind, event, actors),
        start=span.start if span else 0,
        end=span.end if span else 0,
        text=span.text if span else "",
    )


_WHAT = {"date": "dates", "place": "places", "perpetrator": "perpetrators", "fatalities": "death tolls",
         "injured": "counts of injured"}


def event_contradictions(
    merged: Sequence[MergedEvent],
    events: dict[str, Event],
    claims: dict[str, Claim],
    documents: dict[str, Document],
    actors: dict[str, Actor],
    lexicon: LinkLexicon | None = None,
    compared: Compared | None = None,
) -> list[Contradiction]:
    """Mentions of one merged event, from two reports, that give different values; `compared` is the table
    of the story's comparisons (`compared.Compared`, made from `events` when not given). Only pairs with
    conflicts can give any: a veto means they were only linked through a bare mention."""
    lexicon = lexicon or load_lexicon()
    if compared is None:
        compared = Compared(list(events.values()), Comparer(actors, lexicon))
    found: list[Contradiction] = []
    told = compared.conflicting([[i for i in item.event_ids if i in events] for item in merged])
    for item, pairs in zip(merged, told, strict=True):
        seen: set[tuple[str, str, str]] = set()
        for a, b, conflicts in pairs:
            for kind in conflicts:
                if kind == "perpetrator" and not (_named_doer(a, actors) and _named_doer(b, actors)):
                    continue  # a doer filled in from a place, a pronoun, a byline or an unknown name is no side
                if (kind == "place" and (speakers_place(a, b, claims) or _loose_place(a, b))) or (
                        kind == "date" and (telling_day(a, b, documents) or speakers_date(a, b, claims))):
                    continue  # the speaker's country, the day of the telling: not the event's
                if kind in ("fatalities", "injured") and _rising(kind, a, b, documents):
                    continue  # a later, higher count is the toll rising, not a disagreement
                side_a = _event_side(kind, a, claims, documents[a.doc_id], actors)
                side_b = _event_side(kind, b, claims, documents[b.doc_id], actors)
                low, high = sorted((side_a.value, side_b.value))
                key = (kind, low, high)
                if key in seen or side_a.value == side_b.value:
                    continue
                seen.add(key)
                reason = (
                    f"{_WHAT[kind]} differ for one event: {side_a.value} per "
                    f"{_who(side_a, documents[a.doc_id])} vs {side_b.value} per {_who(side_b, documents[b.doc_id])}"
                )
                reason += _rising(kind, a, b, documents)
                found.append(
                    Contradiction(
                        id=f"x{a.id}~{b.id}~{kind}",
                        story_id=item.story_id,
                        kind=kind,
                        reason=reason,
                        claim_ids=[s.claim_id for s in (side_a, side_b) if s.claim_id],
                        event_ids=[a.id, b.id],
                        merged_event_id=item.id,
                        evidence=[side_a, side_b],
                    )
                )
    return _widest_counts(found)


def _widest_counts(found: list[Contradiction]) -> list[Contradiction]:
    """Of the differing counts of one merged event, the lowest against the highest, with how many more differ:
    a day's coverage gives many counts, and every pair of them is no separate disagreement."""
    counted: dict[tuple[str | None, str], list[Contradiction]] = {}
    for c in found:
        if c.kind in ("fatalities", "injured"):
            counted.setdefault((c.merged_event_id, c.kind), []).append(c)
    more = {max(group, key=_spread).id: len(group) - 1 for group in counted.values()}  # the widest: how many others
    return [c.model_copy(update={"reason": f"{c.reason}; {more[c.id]} more pairs of counts differ"}) if more.get(c.id)
            else c for c in found if c.kind not in ("fatalities", "injured") or c.id in more]


def _spread(c: Contradiction) -> tuple[int, str]:
    values = [int(s.value) for s in c.evidence if s.value.isdigit()]
    return (max(values) - min(values) if len(values) == 2 else 0), c.id


def _loose_place(a: Event, b: Event) -> bool:
    """A region or country told for one report is often a loose attachment, no side of a dispute."""
    return "A" in (place_precision(a.place), place_precision(b.place))


_PRONOUNS = frozenset({"it", "he", "she", "they", "them", "who", "which", "that", "this", "we", "i"})


def _named_doer(event: Event, actors: dict[str, Actor]) -> bool:
    """The report names the doer in the event's own words, a known actor standing for a side (not a
    name met for the first time, often a place or venue misread), and says the event happened."""
    text = (event.source_text or "").strip().lower()
    actor = actors.get(event.source_actor or "")
    return bool(text) and text not in _PRONOUNS and event.modality in ("asserted", "reported", "alleged") \
        and actor is not None and not actor.provisional and side_of(actor) is not None


def _rising(kind: str, a: Event, b: Event, documents: dict[str, Document]) -> str:
    """A higher count in a later report is often a toll that rose, not a disagreement."""
    if kind not in ("fatalities", "injured"):
        return ""
    count_a = a.fatalities if kind == "fatalities" else a.injured
    count_b = b.fatalities if kind == "fatalities" else b.injured
    day_a = documents[a.doc_id].published or date.min
    day_b = documents[b.doc_id].published or date.min
    if count_a is None or count_b is None or day_a == day_b:
        return ""
    later_higher = (count_a > count_b) == (day_a > day_b)
    return "; the higher count comes from the later report: the toll may have risen" if later_higher else ""

