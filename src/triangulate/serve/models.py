"""The API's response shapes that `records.py` does not give as one model: a story's dossier (the
`dossier.json` contract, same field names) and a check's verdict (as `triangulate check --json`)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from triangulate.records import (
    Actor,
    ActorMention,
    Claim,
    ClaimGroup,
    Contradiction,
    Document,
    Event,
    IngestError,
    MergedEvent,
    Place,
    Region,
    Responsibility,
    Span,
    Story,
    TimeRef,
)


class DossierDocument(Document):
    """A report as the dossier gives it: its text and what was read in it."""

    places: list[Place] = Field(default_factory=list)
    times: list[TimeRef] = Field(default_factory=list)
    mentions: list[ActorMention] = Field(default_factory=list)
    regions: list[Region] = Field(default_factory=list)
    errors: list[IngestError] = Field(default_factory=list)


class DossierStory(Story):
    """A story with the ids of its merged events, claim groups and contradictions."""

    merged_event_ids: list[str] = Field(default_factory=list)
    claim_group_ids: list[str] = Field(default_factory=list)
    contradiction_ids: list[str] = Field(default_factory=list)


class StoryDossier(BaseModel):
    """One story's part of `dossier.json`, in the same contract."""

    format: int
    generator: str
    documents: list[DossierDocument]
    actors: list[Actor]
    events: list[Event]
    claims: list[Claim]
    stories: list[DossierStory]
    merged_events: list[MergedEvent]
    claim_groups: list[ClaimGroup]
    contradictions: list[Contradiction]
    responsibility: list[Responsibility]
    errors: list[IngestError]


class CheckItem(BaseModel):
    """One stored statement for or against the claim."""

    kind: str
    doc_id: str
    speaker: str | None = None
    speaker_text: str | None = None
    stance: str | None = None
    factuality: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    via: list[str] = Field(default_factory=list)
    evidence: list[dict[str, Any]] = Field(default_factory=list)


class CheckReport(BaseModel):
    """One report as the stance model reads it against the claim."""

    doc_id: str
    external_id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    relation: str
    stance: str
    score: float
    probabilities: dict[str, float] = Field(default_factory=dict)
    evidence: list[Span] = Field(default_factory=list)


class CheckVerdict(BaseModel):
    """The verdict on a claim: supported, refuted, disputed or unsupported, and what it rests on."""

    claim: str
    verdict: str
    reading: str
    supports: list[CheckItem] = Field(default_factory=list)
    refutes: list[CheckItem] = Field(default_factory=list)
    discusses: list[CheckItem] = Field(default_factory=list)
    reports: list[CheckReport] = Field(default_factory=list)
