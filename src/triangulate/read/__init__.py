"""read: a document's parse, actors, places and times. Pure and per document."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from triangulate.read.actors import ActorDictionary
from triangulate.read.nlp import doc_text
from triangulate.read.places import Geoparser
from triangulate.read.structure import RegionIndex, StructureRules, default_rules, find_regions, populous
from triangulate.read.times import find_times
from triangulate.records import Actor, ActorMention, Document, Place, ReadDoc, Region


@dataclass
class Reader:
    actors: ActorDictionary
    geoparser: Geoparser

    @classmethod
    def default(cls) -> Reader:
        return cls(actors=ActorDictionary.default(), geoparser=Geoparser.default())

    def read(self, document: Document, doc: Doc) -> ReadDoc:
        # bylines, datelines, captions: marked first, so that no actor is read out of them
        rules = default_rules()
        # the gazetteer asked only when a colon dateline needs it (a reader without places has none)
        regions = find_regions(doc_text(doc), rules, is_place=lambda name: bool(self.geoparser.gaz.lookup(name)),
                               is_city=lambda name: populous(self.geoparser.gaz.lookup(name), rules.city_population))
        # places next: a group noun without a country word takes the report's place's country
        places = _outside_regions(self.geoparser.geoparse(doc, document), regions, rules)
        mentions, actors = self.actors.find_mentions(doc, document, places=places)
        mentions, actors = _mentions_outside(mentions, actors, regions)
        times = find_times(doc, document.published)
        return ReadDoc(
            document=document, doc=doc, actor_mentions=mentions, actors=actors,
            places=places, times=times, regions=regions,
        )


def _outside_regions(places: list[Place], regions: list[Region], rules: StructureRules) -> list[Place]:
    """Places, less those named inside a region that says nothing of where the report is: a dateline's
    place stays the report's place; a related story's headline or a post's place does not."""
    dropped = RegionIndex.of([r for r in regions if r.kind not in rules.keep_places])
    return [p for p in places if not dropped.covers(p.start)] if dropped else places


def _mentions_outside(
    mentions: list[ActorMention], actors: dict[str, Actor], regions: list[Region]
) -> tuple[list[ActorMention], dict[str, Actor]]:
    """Actor mentions that start outside every region, and the actors they (and their affiliations) name."""
    marked = RegionIndex.of(regions)
    if not marked:
        return mentions, actors
    kept = [m for m in mentions if not marked.covers(m.start)]
    if len(kept) == len(mentions):
        return mentions, actors
    named: dict[str, Actor] = {}
    for mention in kept:
        actor = actors.get(mention.actor_id)
        while actor is not None and actor.id not in named:
            named[actor.id] = actor
            actor = actors.get(actor.affiliation) if actor.affiliation else None
    return kept, named
