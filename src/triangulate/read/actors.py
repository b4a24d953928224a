"""actors: the curated dictionary, normalization, and within-report resolution.

STUB: the interface below is fixed; the body is being written.
"""

from __future__ import annotations

from spacy.tokens import Doc

from triangulate.records import Actor, ActorMention, Document


class ActorDictionary:
    def __init__(self, actors: list[Actor]) -> None:
        self.by_id = {a.id: a for a in actors}

    @classmethod
    def default(cls) -> ActorDictionary:
        return cls([])

    def get(self, actor_id: str) -> Actor | None:
        return self.by_id.get(actor_id)

    def lookup(self, text: str) -> Actor | None:
        return None

    def find_mentions(self, doc: Doc, document: Document) -> tuple[list[ActorMention], dict[str, Actor]]:
        return [], {}
