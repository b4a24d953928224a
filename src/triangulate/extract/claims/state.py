"""The working records of one pass over a document: speakers, drafts, contents and their state."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Token

from triangulate.extract.claims.quotes import Quote
from triangulate.read.structure import RegionIndex
from triangulate.records import ActorMention, ChainLink, Factuality, ReadDoc

ClaimKind = Literal["direct", "indirect", "according_to", "mixed", "headline"]


@dataclass
class _Speaker:
    start: int
    end: int
    text: str  # the words used
    label: str  # speaker_text: the words, with the antecedent in parentheses when they refer back
    head: Token
    noun: Token  # "sources" in "One of the sources"
    actor: str | None
    plural: bool
    personal: bool
    anonymous: bool
    sentence: int
    antecedent: _Speaker | None = None


@dataclass
class _Draft:
    cue_token: Token
    cue_text: str
    cue_start: int
    cue_end: int
    speaker: _Speaker
    content_start: int
    content_end: int
    kind: ClaimKind
    factuality: Factuality
    own_subject: bool
    content_root: Token | None  # the clause the cue governs, for chains ("X reported that Y said")
    via: list[ChainLink] = field(default_factory=list)
    pieces: list[tuple[int, int]] = field(default_factory=list)  # a content split around its cue
    modelled: bool = False  # found by the attribution model
    layout: bool = False  # made by the page's layout (a signed quotation, a transcript turn)
    folded: bool = False


@dataclass
class _Content:
    start: int
    end: int
    head: Token | None  # the predicate whose negation and modals count
    kind: ClaimKind
    root: Token | None  # the governed clause head
    pieces: list[tuple[int, int]] = field(default_factory=list)  # a quotation split by its attribution


@dataclass
class _DocState:
    read: ReadDoc
    doc: Doc
    text: str
    quotes: list[Quote]
    sent_starts: list[int]
    sent_bounds: list[tuple[int, int]]
    mentions: list[ActorMention]
    mention_starts: list[int]
    marked: RegionIndex = field(default_factory=lambda: RegionIndex((), ()))  # bylines, datelines, captions
    drafts: list[_Draft] = field(default_factory=list)
    by_cue: dict[int, _Draft] = field(default_factory=dict)
    speakers: list[_Speaker] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)  # tokens already used by a chain cue

    def sentence_of(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

