"""The event coder run over a text as the pipeline runs it (reader, then coder), for the event tests."""

from __future__ import annotations

from spacy.language import Language

from triangulate.extract.events import EventCoder
from triangulate.read import Reader
from triangulate.records import Document, Event, document_id


def coded(nlp: Language, coder: EventCoder, text: str) -> list[Event]:
    document = Document(id=document_id(text), external_id="test", text=text)
    return coder.code(Reader.default().read(document, nlp(text)))
