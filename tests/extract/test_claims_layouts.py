"""Claims a page's layout makes: quotations signed on their line, a transcript's speaker turns."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from tests.extract.test_claims import _claims
from triangulate.extract.claims import ClaimExtractor
from triangulate.read import Reader
from triangulate.read.actors import ActorDictionary
from triangulate.records import Document, Place


class _NoGazetteer:
    def lookup(self, name: str) -> list[object]:
        return []


class _NoPlaces:
    """No geoparsing, and no place behind a colon ("UPDATE:" is then no dateline)."""

    gaz = _NoGazetteer()

    def geoparse(self, doc: Doc, document: Document) -> list[Place]:
        return []


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader(actors=ActorDictionary.default(), geoparser=_NoPlaces())  # type: ignore[arg-type]


SIGNED = (
    "Latinos react to the first presidential debate.\n\n"
    "“Mr. Trump embodies the lasting legacy of racism in the United States. He represents our greatest "
    "shame.” ― Sonya Herridge\n"
    "“Trump must stop portraying Latinos as dangerous gangsters when most of us are hard-working.” ― Carla Sanchez\n"
)

TRANSCRIPT = (
    "Pence said the tweet was only meant to mock Clinton.\n\n"
    "Partial transcript as follows:\n\n"
    "\"WALLACE: Let’s start with breaking news on the debate story. After the Clinton camp announced that it was "
    "inviting Mark Cuban, Trump invited Gennifer Flowers.\n\n"
    "\"PENCE: Well, look, Hillary Clinton apparently thinks this is a reality show.\n"
)


def test_a_quotation_signed_on_its_line_is_its_signers(nlp: Language, reader: Reader,
                                                       extractor: ClaimExtractor) -> None:
    claims = _claims(SIGNED, nlp, reader, extractor)
    signed = {c.speaker_text: c for c in claims if c.cue == "―"}
    assert set(signed) == {"Sonya Herridge", "Carla Sanchez"}
    assert signed["Carla Sanchez"].content.text.startswith("“Trump must stop portraying Latinos")
    assert signed["Sonya Herridge"].content.text.endswith("our greatest shame.”")
    assert signed["Sonya Herridge"].kind == "direct"


def test_a_transcript_turn_is_its_speakers_and_its_inner_cues_are_not_the_pages(
    nlp: Language, reader: Reader, extractor: ClaimExtractor
) -> None:
    claims = _claims(TRANSCRIPT, nlp, reader, extractor)
    turns = {c.speaker_text: c for c in claims if c.cue == ":"}
    assert set(turns) == {"WALLACE", "PENCE"}
    assert turns["WALLACE"].content.text.startswith("Let’s start with breaking news")
    assert turns["PENCE"].content.text.endswith("a reality show.")
    assert not any(c.cue in ("announced", "thinks") for c in claims)  # told inside a turn


def test_one_capitalised_heading_with_a_colon_is_no_transcript(nlp: Language, reader: Reader,
                                                               extractor: ClaimExtractor) -> None:
    text = ("The State Department said on Friday that the talks would resume.\n\n"
            "UPDATE: The talks resumed on Saturday.\n\nOBAMA: A LEGACY IN DOUBT\n\nThe president spoke for an hour.\n")
    claims = _claims(text, nlp, reader, extractor)
    assert not any(c.cue == ":" for c in claims)


def test_a_quotation_goes_on_in_the_bare_quotation_after_its_attribution(
    nlp: Language, reader: Reader, extractor: ClaimExtractor
) -> None:
    text = ("Mr. Clarke spent years on the plan.\n\n"
            "\"Wall Street's a pretty cynical place,\" said Tim Hess, a real estate developer in Virginia, who "
            "introduced Mr. Clarke to his banking contacts. \"But when you see somebody with that kind of passion, "
            "I think people lean forward.\"\n\n"
            "\"It was hard,\" Mr. Clarke said. Then his wife said: \"We lost everything.\"\n")
    claims = _claims(text, nlp, reader, extractor)
    hess = next(c for c in claims if c.speaker_text.startswith("Tim Hess"))
    assert [p.text for p in hess.content_pieces] == [
        "Wall Street's a pretty cynical place",
        "But when you see somebody with that kind of passion, I think people lean forward.",
    ]
    clarke = next(c for c in claims if c.cue == "said" and c.speaker_text.startswith("Mr. Clarke"))
    assert [p.text for p in clarke.content_pieces or [clarke.content]] == ["It was hard"]  # the next has its own cue
