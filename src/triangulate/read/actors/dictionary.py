"""The curated actor dictionary: loading the data files, phrase index, look-ups and a report's mentions."""

from __future__ import annotations

import bisect
from functools import cache
from typing import Any

from spacy.tokens import Doc

from triangulate.base.datafiles import load_yaml
from triangulate.read.actors.found import PlaceCountries
from triangulate.read.actors.mentions import _MentionFinder
from triangulate.read.actors.syntax import speaks
from triangulate.read.actors.vocabulary import (
    APOSTROPHES,
    UNKNOWN_COUNTRY,
    AgentVocabulary,
    IndexEntry,
    _norm,
    _States,
    _strip_the,
)
from triangulate.read.tokens import sentences, span_at, span_text
from triangulate.records import STATE_SECTORS, Actor, ActorMention, Document, Place

STATE_ORGAN_SECTORS = STATE_SECTORS | {"legislature"}  # roles that are organs of their state


class ActorDictionary:
    def __init__(
        self,
        actors: list[Actor],
        *,
        phrases: dict[str, list[IndexEntry]] | None = None,
        vocabulary: AgentVocabulary | None = None,
        states: _States | None = None,
        shared_aliases: dict[str, list[str]] | None = None,
    ) -> None:
        self.by_id = {a.id: a for a in actors}
        self.vocabulary = vocabulary or AgentVocabulary.from_yaml(load_yaml("agents.yaml", versioned=True))
        self.states = states or _States()
        self.shared_aliases = shared_aliases or {}
        # normalized phrase -> entries; without a phrase list, names and aliases of the actors
        self.phrases: dict[str, list[IndexEntry]] = phrases if phrases is not None else {}
        self._surface: dict[str, set[str]] = {}  # normalized phrase -> its spellings, for tokenizing
        if phrases is None:
            for actor in actors:
                for alias in [actor.name, *actor.aliases]:
                    self._add_phrase(alias, IndexEntry(actor.id, "dictionary"))
        self._token_index: dict[tuple[str, ...], list[IndexEntry]] | None = None
        self._max_phrase_len = 1
        self._lengths: dict[str, tuple[int, ...]] = {}  # a phrase's first token -> its phrases' lengths, longest first
        self._iso3_by_iso2: dict[str, str] | None = None

    # ---- loading -------------------------------------------------------------------------
    @classmethod
    @cache
    def default(cls) -> ActorDictionary:
        return cls.from_data(
            load_yaml("actors.yaml", versioned=True),
            load_yaml("demonyms.yaml", versioned=True),
            load_yaml("agents.yaml", versioned=True),
        )

    @classmethod
    def from_data(
        cls, actors_data: dict[str, Any], demonyms_data: dict[str, Any], agents_data: dict[str, Any]
    ) -> ActorDictionary:
        vocabulary = AgentVocabulary.from_yaml(agents_data)
        states = _States()
        actors: list[Actor] = []
        entries: list[tuple[str, IndexEntry]] = []
        for st in actors_data["states"]:
            iso3, iso2, name = st["iso3"], st["iso2"], st["name"]
            states.iso2_of[iso3], states.name_of[iso3] = iso2, name
            gov, mil = f"{iso3}.GOV", f"{iso3}.MIL"
            country_names = [name, *st.get("aliases", [])]
            actors.append(Actor(
                id=gov, name=f"Government of {name}", aliases=[*country_names, *st.get("gov_aliases", [])],
                country=iso2, sectors=["government"], kind="government",
            ))
            actors.append(Actor(
                id=mil, name=f"Military Forces of {name}", aliases=list(st.get("mil_aliases", [])),
                country=iso2, sectors=["military"], kind="military", affiliation=gov,
            ))
            entries += [(n, IndexEntry(gov, "country")) for n in country_names]
            entries += [(n, IndexEntry(gov, "dictionary")) for n in st.get("gov_aliases", [])]
            entries += [(n, IndexEntry(mil, "dictionary")) for n in st.get("mil_aliases", [])]
            entries += [(n, IndexEntry(gov, "capital")) for n in st.get("capitals", [])]
        for iso3, forms in demonyms_data["demonyms"].items():
            entries += [(f, IndexEntry(f"{iso3}.GOV", "demonym")) for f in forms]
        for raw in actors_data["actors"]:
            actor = Actor(**{k: v for k, v in raw.items() if v is not None or k == "country"})
            actors.append(actor)
            entries += [(n, IndexEntry(actor.id, "dictionary")) for n in [actor.name, *actor.aliases]]
        shared = {_norm(k): list(v) for k, v in (actors_data.get("shared_aliases") or {}).items()}
        phrases: dict[str, list[IndexEntry]] = {}
        self = cls(actors, phrases=phrases, vocabulary=vocabulary, states=states, shared_aliases=shared)
        for text, entry in entries:
            self._add_phrase(text, entry)
        for key, ids in shared.items():  # the first id of a shared alias is the default reading
            if key in phrases:
                phrases[key].sort(key=lambda e: ids.index(e.actor_id) if e.actor_id in ids else len(ids))
        return self

    def _add_phrase(self, text: str, entry: IndexEntry) -> None:
        key = _norm(text)
        if not key:
            return
        letters = [c for c in text if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            entry = IndexEntry(entry.actor_id, entry.how, exact=tuple(text.translate(APOSTROPHES).split()))
        self._surface.setdefault(key, set()).add(text.translate(APOSTROPHES).strip())
        bucket = self.phrases.setdefault(key, [])
        if entry not in bucket:  # "ISIS" (that case only) and "Isis" (any case) are two entries
            bucket.append(entry)
        self._token_index = None

    def _tokens_index(self) -> dict[tuple[str, ...], list[IndexEntry]]:
        """Phrases as tuples of lowercased spaCy tokens: built once, on first use."""
        if self._token_index is None:
            from triangulate.read.nlp import load_nlp

            tokenizer = load_nlp().tokenizer
            index: dict[tuple[str, ...], list[IndexEntry]] = {}
            for key, bucket in self.phrases.items():
                # tokenizer exceptions are case-sensitive ("U.S." is one token, "u.s." is not)
                for surface in self._surface.get(key, {key}):
                    toks = tuple(t.lower_ for t in tokenizer(surface))
                    for entry in bucket:
                        if entry.exact is not None:
                            exact = tuple(t.text for t in tokenizer(" ".join(entry.exact)))
                            entry = IndexEntry(entry.actor_id, entry.how, exact)
                        known = index.setdefault(toks, [])
                        if entry not in known:
                            known.append(entry)
            self._token_index = index
            self._max_phrase_len = max((len(k) for k in index), default=1)
            lengths: dict[str, set[int]] = {}
            for toks in index:
                lengths.setdefault(toks[0], set()).add(len(toks))
            self._lengths = {first: tuple(sorted(ns, reverse=True)) for first, ns in lengths.items()}
        return self._token_index

    def phrase_lengths(self, first: str) -> tuple[int, ...]:
        """The lengths (in tokens, longest first) of the phrases that begin with this lowercased token."""
        return self.first_words().get(first, ())

    def first_words(self) -> dict[str, tuple[int, ...]]:
        """`phrase_lengths` of every lowercased token that begins a phrase."""
        self._tokens_index()
        return self._lengths

    # ---- look-ups ------------------------------------------------------------------------
    def get(self, actor_id: str) -> Actor | None:
        actor = self.by_id.get(actor_id)
        if actor is None:
            actor = self._role_actor(actor_id)
        return actor

    def _role_actor(self, actor_id: str) -> Actor | None:
        """Actors made on demand: <ISO3>.<ROLE> ("IRQ.POL", "XXX.PRO")."""
        iso3, _, role = actor_id.partition(".")
        spec = self.vocabulary.roles.get(role)
        if spec is None or (iso3 != UNKNOWN_COUNTRY and iso3 not in self.states.iso2_of):
            return None
        country = self.states.name_of.get(iso3, "country not stated")
        actor = Actor(
            id=actor_id, name=str(spec["name"]).format(country=country), country=self.states.iso2_of.get(iso3),
            sectors=list(spec["sectors"]), kind=str(spec["kind"]),
            # a state's organs are its government's; its rebels, armed groups, protesters and civilians are not
            affiliation=f"{iso3}.GOV" if iso3 != UNKNOWN_COUNTRY and role != "GOV"
            and set(spec["sectors"]) & STATE_ORGAN_SECTORS else None, role=role,
        )
        self.by_id[actor_id] = actor
        return actor

    def lookup(self, text: str) -> Actor | None:
        for key in (_norm(text), _norm(_strip_the(text))):
            bucket = self.phrases.get(key)
            if bucket:
                return self.get(bucket[0].actor_id)
        return None

    def _iso3_of(self, actor_id: str) -> str | None:
        iso3 = actor_id.split(".", 1)[0]
        return iso3 if iso3 in self.states.iso2_of or iso3 == UNKNOWN_COUNTRY else None

    # ---- mentions in a report ------------------------------------------------------------
    def iso3_of_iso2(self, iso2: str | None) -> str | None:
        if not iso2:
            return None
        if self._iso3_by_iso2 is None:
            self._iso3_by_iso2 = {v: k for k, v in self.states.iso2_of.items()}
        return self._iso3_by_iso2.get(iso2.upper())

    def find_mentions(
        self, doc: Doc, document: Document, *, places: list[Place] | None = None
    ) -> tuple[list[ActorMention], dict[str, Actor]]:
        """The report's actor mentions and actors. `places` (the geoparse of the same report)
        give a group noun without a country word ("protesters", "gunmen") the country where
        the report locates it."""
        finder = _MentionFinder(self, doc, self._place_countries(doc, places or []))
        found = finder.run()
        mentions: list[ActorMention] = []
        actors: dict[str, Actor] = {}
        for f in found:
            span = doc[f.start:f.end]
            mentions.append(ActorMention(
                start=span.start_char, end=span.end_char, text=span_text(span), actor_id=f.actor_id,
                person=f.person, antecedent=f.antecedent, how=f.how,
            ))
            actor = finder.actor(f.actor_id)
            while actor is not None and actor.id not in actors:
                actors[actor.id] = actor
                actor = finder.actor(actor.affiliation) if actor.affiliation else None
        return mentions, actors

    def _place_countries(self, doc: Doc, places: list[Place]) -> PlaceCountries:
        out = PlaceCountries(spans={(p.start, p.end) for p in places})
        if not places:
            return out
        sent_starts = [s.start_char for s in sentences(doc)]
        counts: dict[str, int] = {}
        speaking: dict[int, str] = {}  # a country that is its sentence's subject: it speaks or acts there
        for place in sorted(places, key=lambda p: p.start):
            iso3 = self.iso3_of_iso2(place.country)
            if iso3 is None:
                continue
            counts[iso3] = counts.get(iso3, 0) + 1
            out.at[place.start] = iso3
            words = span_at(doc, place.start, place.end)
            subject = words is not None and len(words) > 0 and speaks(words.root)
            (speaking if subject else out.by_sentence).setdefault(bisect.bisect_right(sent_starts, place.start) - 1, iso3)
        for sentence, iso3 in speaking.items():
            # "Russia suggests the Syria attack was a provocation by rebels": the rebels are Syria's
            out.by_sentence.setdefault(sentence, iso3)
        if counts:
            out.dominant = max(counts, key=lambda k: counts[k])  # ties: the first named (dicts keep order)
            out.single = len(counts) == 1
        return out
