"""The vocabulary that flows between stages.

Every stage takes these records in and gives these records out. All of them are
JSON-ready pydantic models except `ReadDoc`, which also carries the spaCy parse
so that `extract` can use it without parsing again.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:  # spaCy is heavy; records stay importable without it
    from spacy.tokens import Doc

Factuality = Literal["CT+", "PR+", "PS+", "CT-", "PR-", "PS-", "Uu"]
Modality = Literal["asserted", "reported", "alleged", "denied", "hypothetical", "negated"]
CountBound = Literal["at_least", "about", "at_most"]
Granularity = Literal["day", "week", "month", "season", "year", "decade", "range", "fuzzy", "time"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE",
    "COERCE", "ASSAULT",
)
# PLOVER's verbal types (CAMEO's quad classes 1 and 3: verbal cooperation and conflict): things said,
# not done; the others are material
VERBAL_TYPES: frozenset[str] = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """Text with lone surrogates (from JSON escapes such as \\ud800 or undecodable file names), which no
    encoder can write, as U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def has_lone_surrogates(text: str) -> bool:
    return _LONE_SURROGATE.search(text) is not None


def normalize_text(text: str) -> str:
    """Text normalized for identity: valid Unicode, NFC, unified newlines, trimmed trailing space."""
    text = unicodedata.normalize("NFC", valid_unicode(text)).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def document_id(text: str) -> str:
    """Stable id of a document: a hash of its normalized text, whitespace collapsed."""
    key = re.sub(r"\s+", " ", normalize_text(text)).lower()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


RegionKind = Literal["byline", "dateline", "caption", "credit", "related", "post", "timestamp"]


class Region(Record):
    """A stretch of a document that is page furniture, not report text: a byline, a dateline, a
    photo caption or credit, a "Read more" link, an embedded post's signature, a timestamp. The
    text keeps it; `extract` reads no actor, event or claim out of it."""

    start: int
    end: int
    kind: RegionKind
    text: str


class Span(Record):
    """Evidence: a character range of a document's stored text."""

    doc_id: str
    start: int
    end: int
    text: str


class Document(Record):
    id: str
    external_id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    language: str = "en"
    text: str
    source: str = ""  # file path (and line) it was read from


class IngestError(Record):
    """An input that gave no document, or a problem met while reading one."""

    source: str
    code: str
    message: str


class Actor(Record):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None  # ISO 3166-1 alpha-2, as GeoNames
    sectors: list[str] = Field(default_factory=list)
    kind: str = "organization"  # state, government, military, organization, group, person, ...
    affiliation: str | None = None  # actor id a person or unit belongs to
    provisional: bool = False
    # the role a country's actor was made from ("REB": "Rebels (Kenya)"); for a group, no one group
    # in particular: "militants" of a country may be any of its armed groups
    role: str | None = None


# Actor ids <ISO3>.<ROLE>; "XXX" stands for "country not stated": a generic group ("XXX.CIV":
# civilians, "XXX.PRO": protesters) rather than a specific actor.
GENERIC_ACTOR_PREFIX = "XXX."


# sectors of a state's own organs: its government, forces, services and courts
STATE_SECTORS = frozenset({"government", "military", "intelligence", "police", "security", "judiciary"})


def is_generic_actor(actor_id: str | None) -> bool:
    """Whether an actor id names a generic group ("XXX.CIV") rather than a specific actor; None is not generic."""
    return bool(actor_id) and str(actor_id).startswith(GENERIC_ACTOR_PREFIX)


class ActorMention(Record):
    """A stretch of text that names or refers to an actor."""

    start: int
    end: int
    text: str
    actor_id: str
    person: str | None = None  # "Benjamin Netanyahu" when the mention names a person
    antecedent: tuple[int, int] | None = None  # span of the full mention a short form resolves to
    how: str = "dictionary"  # dictionary, demonym, metonym, generic, title, coref, speaker, provisional, described


class PlaceRelation(Record):
    """ "some 80 kilometers north of Baghdad": distance and bearing to an anchor place."""

    distance_km: float | None = None
    direction: str | None = None  # N, NE, E, ... or "near"
    anchor: str  # the anchor place's mention text
    anchor_geonames_id: int | None = None
    text: str  # the relation's own words


class Place(Record):
    start: int
    end: int
    text: str
    name: str
    geonames_id: int | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature_class: str | None = None  # GeoNames: P populated place, A admin, S site, ...
    feature_code: str | None = None
    population: int | None = None
    relation: PlaceRelation | None = None
    score: float | None = None


class TimeRef(Record):
    start: int
    end: int
    text: str
    value: str  # ISO 8601 or partial ("XXXX-07-19"), "PAST_REF", "2019-W33"
    start_date: date | None = None
    end_date: date | None = None
    granularity: Granularity = "day"
    anchor: Literal["published", "text", "none"] = "published"
    year_known: bool = True


class EventDate(Record):
    value: str
    start_date: date | None = None
    end_date: date | None = None
    # the time expression's characters in the report (its evidence); None for dates made, not read
    start: int | None = None
    end: int | None = None


class Event(Record):
    id: str
    doc_id: str
    type: str  # PLOVER type
    mode: str | None = None
    source_actor: str | None = None  # actor id
    target_actor: str | None = None
    source_text: str | None = None
    target_text: str | None = None
    # the person the target names ("Kremlin critic Alexei Navalny", or "he" resolved to him): one
    # named victim told in many reports from many places is one event
    target_person: str | None = None
    # the proper name of the thing the event hit ("Malaysia Airlines Flight 17", or "the plane" in a
    # report naming that one aircraft): one named thing attacked, told in many reports, is one event
    target_name: str | None = None
    place: Place | None = None
    date: EventDate | None = None
    modality: Modality = "asserted"
    trigger: Span | None = None
    claim_ids: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    fatalities: int | None = None
    injured: int | None = None
    # how the text bounds a count ("more than 1,400": at_least; "about 200": about; "up to 50": at_most):
    # a bound met by another report's count is no disagreement with it
    fatalities_bound: CountBound | None = None
    injured_bound: CountBound | None = None
    # The sides ACLED's coding conventions give an event whose text names none ("an attack by no
    # one named is an unidentified armed group's"): for the ACLED export, never a stated doer.
    default_source: str | None = None
    default_target: str | None = None


class ChainLink(Record):
    """One step of the way a claim came: "the New York Times quoted ..."."""

    text: str
    actor: str | None = None
    cue: str | None = None


class Claim(Record):
    id: str
    doc_id: str
    speaker: str | None = None  # actor id
    speaker_text: str
    speaker_span: Span | None = None
    cue: str
    cue_span: Span | None = None
    factuality: Factuality = "Uu"
    content: Span
    content_pieces: list[Span] = Field(default_factory=list)  # a content split around its cue, piece by piece
    via: list[ChainLink] = Field(default_factory=list)
    event_ids: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    kind: Literal["direct", "indirect", "according_to", "mixed", "headline"] = "indirect"
    found_by: Literal["rules", "model"] = "rules"  # the cue rules, or the attribution model's cue
    speaker_kind: Literal["agent", "document"] = "agent"  # "the video shows ...": evidence cited, no speaker

    @property
    def proposition(self) -> str:
        """What is claimed, to read or compare: the content's pieces joined, without the complementizer
        the span keeps as evidence ("that Israel was behind ..." reads "Israel was behind ...")."""
        return proposition(self.content.text, [p.text for p in self.content_pieces])


COMPLEMENTIZER = re.compile(r"^that\s+")  # lower case: a quotation opening "That ..." is its own words


def proposition(content: str, pieces: list[str] | None = None) -> str:
    """A claim's content as a statement (see `Claim.proposition`); also for stored claims' dicts."""
    return COMPLEMENTIZER.sub("", " … ".join(pieces) if pieces else content)


ResponsibilityStance = Literal["claims", "admits", "accuses", "denies", "uncertain"]
PerpetratorStatus = Literal["stated", "claimed", "alleged", "disputed", "unknown"]


class Responsibility(Record):
    """A statement of who did an event, and who says so: the speaker claims it, admits it, accuses
    another, denies it, or says it is unknown. Found per report; `link` fills the story and event."""

    id: str
    doc_id: str
    story_id: str | None = None
    merged_event_id: str | None = None
    event_id: str | None = None  # the report's own mention of the event, when the statement names it
    speaker: str | None = None  # actor id
    speaker_text: str
    stance: ResponsibilityStance
    accused: str | None = None  # actor id
    accused_text: str | None = None
    cue: str
    factuality: Factuality = "Uu"
    claim_id: str | None = None
    via: list[ChainLink] = Field(default_factory=list)
    published: date | None = None
    evidence: list[Span] = Field(default_factory=list)


class Story(Record):
    id: str
    headline: str
    doc_ids: list[str] = Field(default_factory=list)
    event_ids: list[str] = Field(default_factory=list)
    claim_ids: list[str] = Field(default_factory=list)


@dataclass
class ReadDoc:
    """A document after `read`: its parse and everything found in it."""

    document: Document
    doc: Doc
    actor_mentions: list[ActorMention] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)  # every actor the mentions name
    places: list[Place] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)  # bylines, datelines, captions: not report text


@dataclass
class Extraction:
    """What `extract` finds in one document."""

    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    responsibility: list[Responsibility] = field(default_factory=list)


class AnalyzedDocument(Record):
    """Everything `read` and `extract` found in one document: the unit a store saves."""

    document: Document
    places: list[Place] = Field(default_factory=list)
    times: list[TimeRef] = Field(default_factory=list)
    mentions: list[ActorMention] = Field(default_factory=list)
    regions: list[Region] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    responsibility: list[Responsibility] = Field(default_factory=list)
    warnings: list[IngestError] = Field(default_factory=list)


# -- links across reports: merged events, claim groups, contradictions ----------------


class Origin(Record):
    """One independent origin of a point: who said it first, through which outlet.

    `speaker` is the innermost identifiable source (an actor id, else the speaker's
    normalized words; None for a report's own unattributed words); `outlet` is the root of
    the chain (the first `via` step, else the reporting document's outlet).
    """

    speaker: str | None = None
    outlet: str


class PerpetratorCandidate(Record):
    """One actor said to have done an event, with the responsibility records for and against."""

    actor: str | None = None  # actor id
    name: str
    accused_by: list[str] = Field(default_factory=list)  # responsibility ids
    claimed_by: list[str] = Field(default_factory=list)  # claims and admissions
    denied_by: list[str] = Field(default_factory=list)


class Perpetrator(Record):
    """Who did an event, as the sources tell it: stated as fact, claimed, alleged, disputed or unknown."""

    status: PerpetratorStatus = "unknown"
    candidates: list[PerpetratorCandidate] = Field(default_factory=list)


class TollReport(Record):
    """One count of the dead or hurt of a merged event, as one report gave it on its day."""

    kind: Literal["fatalities", "injured"]
    value: int
    bound: CountBound | None = None  # "more than 1,400": at_least
    event_id: str
    doc_id: str
    published: date | None = None
    outlet: str | None = None


class MergedEvent(Record):
    """One real event and every mention of it, across the reports of a story."""

    id: str
    story_id: str
    event_ids: list[str] = Field(default_factory=list)
    type: str
    mode: str | None = None
    source_actor: str | None = None
    target_actor: str | None = None
    date: EventDate | None = None
    place: Place | None = None
    fatalities: int | None = None
    injured: int | None = None
    origins: list[Origin] = Field(default_factory=list)
    doc_ids: list[str] = Field(default_factory=list)
    perpetrator: Perpetrator | None = None
    # every count the reports gave, oldest report first: a later, higher count is the toll rising
    tolls: list[TollReport] = Field(default_factory=list)


class ClaimGroup(Record):
    """Claims that assert the same proposition, with the independent origins behind them."""

    id: str
    story_id: str
    claim_ids: list[str] = Field(default_factory=list)
    proposition: str  # the words of the group's best-sourced claim
    merged_event_ids: list[str] = Field(default_factory=list)
    origins: list[Origin] = Field(default_factory=list)


ContradictionKind = Literal["factuality", "date", "place", "perpetrator", "reversal", "fatalities", "injured"]


class ContradictionSide(Record):
    """One side of a contradiction: what was said, by whom, where, and the words."""

    claim_id: str | None = None
    event_id: str | None = None
    doc_id: str
    speaker: str | None = None  # actor id
    speaker_text: str | None = None
    outlet: str | None = None
    value: str  # the side's value: "CT-", "2019-07-19", "Balad Air Base", "ISR.GOV", "3"
    start: int
    end: int
    text: str


class Contradiction(Record):
    id: str
    story_id: str
    kind: ContradictionKind
    reason: str
    claim_ids: list[str] = Field(default_factory=list)
    event_ids: list[str] = Field(default_factory=list)
    merged_event_id: str | None = None
    evidence: list[ContradictionSide] = Field(default_factory=list)


class StoryLinks(Record):
    """What `link` finds inside one story beyond its membership."""

    story_id: str
    merged_events: list[MergedEvent] = Field(default_factory=list)
    claim_groups: list[ClaimGroup] = Field(default_factory=list)
    contradictions: list[Contradiction] = Field(default_factory=list)
    responsibility: list[Responsibility] = Field(default_factory=list)
