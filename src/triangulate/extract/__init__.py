"""extract: events and attributed claims from a read document. Pure and per document."""

from __future__ import annotations

from dataclasses import dataclass, field

from triangulate.extract.claims import ClaimExtractor, CueTable, default_table
from triangulate.extract.events import EventCoder, EventPoints
from triangulate.extract.responsibility import Lookup, ResponsibilityFinder
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
        link_claims_to_events(claims, events, self.claims.table)
        statements = self.responsibility.find(read, claims, events)
        return Extraction(events=events, claims=claims, responsibility=statements)


def link_claims_to_events(claims: list[Claim], events: list[Event], table: CueTable | None = None) -> None:
    """An event told inside a claim's content is carried by that claim.

    Its modality follows the claim: denied when the speaker says it did not happen,
    alleged when the speaker only claims or suggests it, reported otherwise. The
    innermost (shortest) claim decides; an event's own negation or hypothesis stays.
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
        if event.modality in ("negated", "hypothetical"):
            continue
        inner = carriers[0]
        if inner.factuality.endswith("-"):
            event.modality = "denied"
        elif inner.factuality in ("PR+", "PS+", "Uu") or inner.cue.lower().startswith(alleging_stems):
            event.modality = "alleged"
        else:
            event.modality = "reported"
