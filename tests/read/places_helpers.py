"""Helpers of the geoparsing tests: parse a sentence, find a place, measure a distance."""

from __future__ import annotations

from spacy.language import Language

from triangulate.base.geo import haversine_km as km
from triangulate.read.places import Geoparser
from triangulate.records import Document, Place, document_id

__all__ = ["find", "km", "parse", "resolve"]


def parse(nlp: Language, geo: Geoparser, text: str) -> list[Place]:
    document = Document(id=document_id(text), external_id="test", text=text)
    places = geo.geoparse(nlp(text), document)
    for place in places:
        assert text[place.start : place.end] == place.text
    return places


def find(places: list[Place], text: str) -> Place:
    hits = [p for p in places if p.text == text]
    assert hits, f"{text!r} not among {[p.text for p in places]}"
    return hits[0]


def resolve(nlp: Language, geo: Geoparser, text: str, phrase: str, url: str | None = None) -> Place | None:
    """The resolver alone on one given span (as the gold-span harness calls it)."""
    start = text.index(phrase)
    document = Document(id=document_id(text), external_id="test", text=text, url=url)
    (place,) = geo.resolve_spans(nlp(text), [(start, start + len(phrase))], document)
    return place
