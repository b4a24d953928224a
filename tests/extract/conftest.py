"""Fixtures of the extraction tests: a reader without geoparsing, the shipped claim extractor and event coder."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from triangulate.extract.claims import ClaimExtractor
from triangulate.extract.events import EventCoder
from triangulate.read import Reader
from triangulate.read.actors import ActorDictionary
from triangulate.records import Document, Place


class _NoGazetteer:
    def lookup(self, name: str) -> list[object]:
        return []  # no place behind a colon: "Jeremy Hunt:" or "UPDATE:" is then no dateline


class _NoPlaces:
    """Geoparsing is not what these tests are about, and its gazetteer is slow to load."""

    gaz = _NoGazetteer()

    def geoparse(self, doc: Doc, document: Document) -> list[Place]:
        return []


@pytest.fixture(scope="module")
def reader() -> Reader:
    # The real actor dictionary: claims pick up actor ids as soon as that stage finds them.
    return Reader(actors=ActorDictionary.default(), geoparser=_NoPlaces())  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def extractor() -> ClaimExtractor:
    return ClaimExtractor.default()


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.default()
