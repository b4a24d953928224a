"""read: a document's parse, actors, places and times. Pure and per document."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from triangulate.read.actors import ActorDictionary
from triangulate.read.places import Geoparser
from triangulate.read.times import find_times
from triangulate.records import Document, ReadDoc


@dataclass
class Reader:
    actors: ActorDictionary
    geoparser: Geoparser

    @classmethod
    def default(cls) -> Reader:
        return cls(actors=ActorDictionary.default(), geoparser=Geoparser.default())

    def read(self, document: Document, doc: Doc) -> ReadDoc:
        # places first: a group noun without a country word takes the report's place's country
        places = self.geoparser.geoparse(doc, document)
        mentions, actors = self.actors.find_mentions(doc, document, places=places)
        times = find_times(doc, document.published)
        return ReadDoc(
            document=document, doc=doc, actor_mentions=mentions, actors=actors,
            places=places, times=times,
        )
