"""extract: events and attributed claims from a read document. Pure and per document."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from triangulate.extract.claims import ClaimExtractor, CueTable, default_table
from triangulate.extract.events import EventCoder, EventPoints
from triangulate.extract.events.syntax import is_definite, time_clause
from triangulate.extract.responsibility import Lookup, ResponsibilityFinder
from triangulate.read.tokens import span_at
from triangulate.records import Claim, Event, Extraction, ReadDoc


@dataclass
class Extractor:
    coder: EventCoder
    claims: ClaimExtractor
    responsibility: ResponsibilityFinder = field(default_factory=ResponsibilityFinder)

    @classmethod
    def default(cls, geoparser: EventPoints | None = None, lookup: Lookup | None = None) -> Extractor:
        """The shipped coder and claim extractor; `geoparser` files events at places and `lookup` names
        actors (the read stage's)."""
        return cls(coder=EventCoder.default(geoparser), claims=ClaimExtractor.default(),
                   responsibility=ResponsibilityFinder(lookup=lookup))

    def extract(self, read: ReadDoc) -> Extraction:
        events = self.coder.code(read)
        claims = self.claims.extract(read)
        link_claims_to_events(claims, events, self.claims.table, read.doc, self.coder.table.casualty_preps,
                              self.coder.table.cause_preps)
        statements = self.responsibility.find(read, claims, events)
        return Extraction(events=events, claims=claims, responsibility=statements)


def link_claims_to_events(
    claims: list[Claim], events: list[Event], table: CueTable | None = None, doc: Doc | None = None,
    adjunct_preps: frozenset[str] = frozenset(), cause_preps: frozenset[str] = frozenset(),
) -> None:
    """An event told inside a claim's content is carried by that claim.

    Its modality follows the claim: denied when the speaker says it did not happen,
    hypothetical when the speaker does not commit either way (Uu: "could not confirm that"),
    alleged when the speaker only claims or suggests it, reported otherwise. The
    innermost (shortest) claim decides; an event's own negation, denial or hypothesis stays.
    With the parse (`doc`), an event in a verb's adjunct of circumstance (`adjunct_preps`) or in a
    relative clause is not what a negative or uncommitted claim denies or doubts: "said no one was
    injured in the attack" and "impossible to determine the source of the shot that killed her"
    report the attack and the killing.
    The alleging cues are the table's `alleging_stems` (the default cue table without one).
    """
    alleging_stems = (table if table is not None else default_table()).alleging_stems
    for event in events:
        if event.trigger is None:
            continue
        carriers = [
            c for c in claims
            if c.content.start <= event.trigger.start and event.trigger.end <= c.content.end
        ]
        if not carriers:
            continue
        carriers.sort(key=lambda c: c.content.end - c.content.start)
        for claim in carriers:
            if claim.id not in event.claim_ids:
                event.claim_ids.append(claim.id)
            if event.id not in claim.event_ids:
                claim.event_ids.append(event.id)
        # the model's cues are not in the cue table: their commitment is unknown (Uu) without meaning the
        # event is in doubt ("the UN condemned the attack"), so only rule-found claims set modality
        committed = [c for c in carriers if c.found_by == "rules"]
        if event.modality in ("negated", "hypothetical", "denied") or not committed:
            continue
        inner = committed[0]
        presupposed = doc is not None and _presupposed(doc, event, inner, adjunct_preps)
        if inner.factuality.endswith("-") and not presupposed:
            event.modality = "denied"
        elif inner.factuality == "Uu" and not presupposed and not (doc is not None and _blamed_for(doc, event, cause_preps)):
            event.modality = "hypothetical"
        elif inner.factuality in ("PR+", "PS+") or inner.cue.lower().startswith(alleging_stems):
            event.modality = "alleged"
        else:
            event.modality = "reported"


def _blamed_for(doc: Doc, event: Event, preps: frozenset[str]) -> bool:
    """A definite event noun after a preposition of cause ("has not blamed X for the two explosions"):
    what the speaker leaves open is who did it, not whether it happened."""
    assert event.trigger is not None
    span = span_at(doc, event.trigger.start, event.trigger.end)
    if span is None:
        return False
    tok = span.root
    return is_definite(tok) and tok.dep_ == "pobj" and tok.head.lower_ in preps


def _presupposed(doc: Doc, event: Event, claim: Claim, preps: frozenset[str]) -> bool:
    """The event is named in an adjunct of a verb inside the claim ("killed in the strike",
    "injured during the shelling") or in a relative clause ("the shot that killed her"): the
    claim's negation or doubt is about the rest, not the event."""
    assert event.trigger is not None
    span = span_at(doc, event.trigger.start, event.trigger.end)
    if span is None:
        return False
    tok = span.root
    for head in tok.ancestors:
        if not claim.content.start <= head.idx < claim.content.end:
            return False
        if tok.dep_ == "prep" and tok.lemma_.lower() in preps and head.pos_ in ("VERB", "AUX"):
            return True
        if tok.dep_ in ("relcl", "appos") or time_clause(tok):
            return True  # "... when the plane was shot down": its time, taken as known
        tok = head
    return False
