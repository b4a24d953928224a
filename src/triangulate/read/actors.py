"""actors: the curated dictionary, normalization, and within-report resolution.

`ActorDictionary.default()` loads `data/actors.yaml` (states expanded to <ISO3>.GOV and
<ISO3>.MIL, other actors as listed), `data/demonyms.yaml` and `data/agents.yaml` once.
`find_mentions` finds, in one parsed report:

- dictionary names and aliases ("PMF", "the Popular Mobilization Units"), matched through an
  index of lowercased token tuples built at load time;
- country names used as agents ("Israel was behind ...") but not as places ("in Iraq"), and
  capitals as metonyms of the government only as agents ("Washington said", "Moscow's");
- demonyms and country words on a noun ("Russian forces" -> RUS.MIL, "Iraqi police" -> IRQ.POL,
  "Israeli drones" -> ISR.MIL);
- generic group nouns ("protesters", "unidentified gunmen"), as actors created on demand with
  ids <ISO3>.<ROLE>; XXX stands for "country not stated";
- people with their titles ("Israeli Prime Minister Benjamin Netanyahu"), as person actors
  with id <organization id>.<name slug>, and later short forms and he/she pronouns (coref);
- every other named entity (ORG, NORP, PERSON, agentive GPE) as a provisional actor `prov:<slug>`.

`ActorMention.how` is one of: dictionary, metonym (a capital), demonym, generic (a group noun),
title, coref, provisional.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from triangulate.records import Actor, ActorMention, Document, Place

UNKNOWN_COUNTRY = "XXX"
# state organs that often act abroad: given a country from the places only in a one-country report
STATE_ROLES = frozenset({"MIL", "GOV", "INT", "LEG", "JUD", "MED", "SEC"})
PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
# prepositions whose object is a location, not an agent ("in Iraq", "near Baghdad")
PLACE_PREPS = frozenset({
    "in", "inside", "near", "at", "into", "across", "throughout", "within", "outside", "around",
    "toward", "towards", "to", "via", "through", "along", "beyond", "onto", "over", "of",
    "off", "on", "nearby",
})
# prepositions whose object is still an agent for capitals ("a green light from Washington")
AGENT_PREPS = frozenset({"by", "between", "from", "with", "against", "and"})
MOTION_LEMMAS = frozenset({
    "fly", "travel", "return", "arrive", "flee", "withdraw", "come", "go", "move", "leave", "depart",
    "launch", "fire", "send", "transfer", "deport", "evacuate", "drive", "smuggle", "km", "kilometer",
    "mile", "north", "south", "east", "west", "remove", "expel", "oust", "pull",
})
# "forces of Armenia", "soldiers from Gondor", "lawmakers in Fornost": the group's own state
GROUP_COUNTRY_PREPS = frozenset({"of", "from", "in"})
# sectors of armed actors: a group noun of one ("forces of X") may be X itself
ARMED_SECTORS = frozenset({"military", "paramilitary", "rebel", "militia", "unidentified"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "poss"})
PERSON_WINDOW_SENTENCES = 1  # a pronoun looks back this many sentences for its person
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(APOSTROPHES)).strip().lower()


def _strip_the(text: str) -> str:
    return re.sub(r"^(the)\s+", "", text.strip(), flags=re.IGNORECASE)


def _load_yaml(name: str) -> dict[str, Any]:
    text = resources.files("triangulate.data").joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or "version" not in data:
        raise ValueError(f"{name}: a mapping with a `version` key is expected")
    return data


@dataclass(frozen=True)
class IndexEntry:
    """What a matched phrase names: an actor, and how the phrase names it."""

    actor_id: str
    how: str  # dictionary, country, capital, demonym
    exact: tuple[str, ...] | None = None  # acronyms match with their case ("US", not "us")


@dataclass
class AgentVocabulary:
    """data/agents.yaml: sectors, roles of on-demand actors, group nouns and titles."""

    sectors: frozenset[str]
    roles: dict[str, dict[str, Any]]
    nouns: dict[str, str]
    alone: frozenset[str]
    compounds: dict[tuple[str, str], str]
    unidentified_modifiers: frozenset[str]
    unidentified_heads: frozenset[str]
    military_heads: frozenset[str]
    titles: dict[tuple[str, ...], str]
    title_modifiers: frozenset[str]
    max_title_len: int = 1

    @classmethod
    def from_yaml(cls, data: dict[str, Any]) -> AgentVocabulary:
        nouns = {str(k): str(v["role"]) for k, v in data["nouns"].items()}
        titles = {tuple(str(k).lower().split()): str(v) for k, v in data["titles"].items()}
        return cls(
            sectors=frozenset(data["sectors"]),
            roles=dict(data["roles"]),
            nouns=nouns,
            alone=frozenset(k for k, v in data["nouns"].items() if v.get("alone")),
            compounds={tuple(str(k).split()): str(v) for k, v in data["compounds"].items()},  # type: ignore[misc]
            unidentified_modifiers=frozenset(data["unidentified_modifiers"]),
            unidentified_heads=frozenset(data["unidentified_heads"]),
            military_heads=frozenset(data["military_heads"]),
            titles=titles,
            title_modifiers=frozenset(data["title_modifiers"]),
            max_title_len=max(len(t) for t in titles),
        )


@dataclass
class _Found:
    """A mention under construction (token offsets, so syntax stays at hand)."""

    start: int
    end: int
    actor_id: str
    how: str
    person: str | None = None
    antecedent: tuple[int, int] | None = None
    place_only: bool = False  # a country named as a location: no mention, but a country hint


@dataclass
class _States:
    iso2_of: dict[str, str] = field(default_factory=dict)  # ISO3 -> ISO2
    name_of: dict[str, str] = field(default_factory=dict)  # ISO3 -> name


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
        self.vocabulary = vocabulary or AgentVocabulary.from_yaml(_load_yaml("agents.yaml"))
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
        self._iso3_by_iso2: dict[str, str] | None = None

    # ---- loading -------------------------------------------------------------------------
    @classmethod
    @cache
    def default(cls) -> ActorDictionary:
        return cls.from_data(_load_yaml("actors.yaml"), _load_yaml("demonyms.yaml"), _load_yaml("agents.yaml"))

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
        if all(e.actor_id != entry.actor_id or e.how != entry.how for e in bucket):
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
        return self._token_index

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
            affiliation=f"{iso3}.GOV" if iso3 != UNKNOWN_COUNTRY and role != "GOV" else None,
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
                start=span.start_char, end=span.end_char, text=span.text, actor_id=f.actor_id,
                person=f.person, antecedent=f.antecedent, how=f.how,
            ))
            actor = finder.actor(f.actor_id)
            while actor is not None and actor.id not in actors:
                actors[actor.id] = actor
                actor = finder.actor(actor.affiliation) if actor.affiliation else None
        return mentions, actors

    def _place_countries(self, doc: Doc, places: list[Place]) -> PlaceCountries:
        out = PlaceCountries()
        if not places:
            return out
        sent_starts = [s.start_char for s in doc.sents]
        counts: dict[str, int] = {}
        for place in sorted(places, key=lambda p: p.start):
            iso3 = self.iso3_of_iso2(place.country)
            if iso3 is None:
                continue
            counts[iso3] = counts.get(iso3, 0) + 1
            out.by_sentence.setdefault(bisect.bisect_right(sent_starts, place.start) - 1, iso3)
        if counts:
            out.dominant = max(counts, key=lambda k: counts[k])  # ties: the first named (dicts keep order)
            out.single = len(counts) == 1
        return out


@dataclass
class PlaceCountries:
    """Where a report locates things: the first resolved place's country per sentence, the
    report's most named country, and whether every place lies in that one country."""

    by_sentence: dict[int, str] = field(default_factory=dict)  # sentence index -> ISO3
    dominant: str | None = None
    single: bool = False


class _MentionFinder:
    """One report's pass: dictionary matches, syntax checks, groups, people, coref, the rest."""

    def __init__(self, dictionary: ActorDictionary, doc: Doc, countries: PlaceCountries | None = None) -> None:
        self.d = dictionary
        self.countries = countries or PlaceCountries()
        self.v = dictionary.vocabulary
        self.doc = doc
        self.extra: dict[str, Actor] = {}  # people and provisional actors of this report
        self.taken = [False] * len(doc)
        self.sent_index = [0] * len(doc)
        for i, sent in enumerate(doc.sents):
            for t in sent:
                self.sent_index[t.i] = i

    def actor(self, actor_id: str) -> Actor | None:
        return self.extra.get(actor_id) or self.d.get(actor_id)

    def run(self) -> list[_Found]:
        found = self._dictionary_matches()
        hints = [f for f in found if f.place_only]
        found = [f for f in found if not f.place_only]
        for f in found:
            self._take(f.start, f.end)
        found += self._group_nouns(hints, found)
        found = self._people(found)
        found += self._provisional(hints)
        found.sort(key=lambda f: (f.start, f.end))
        return self._coref(found)

    def _take(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.taken[i] = True

    def _free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    # ---- 1. dictionary, countries, capitals, demonyms --------------------------------------
    def _dictionary_matches(self) -> list[_Found]:
        index = self.d._tokens_index()
        doc, max_len = self.doc, self.d._max_phrase_len
        lowers = [t.lower_.translate(APOSTROPHES) for t in doc]
        candidates: list[tuple[int, int, IndexEntry]] = []
        for i in range(len(doc)):
            for n in range(min(max_len, len(doc) - i), 0, -1):
                bucket = index.get(tuple(lowers[i:i + n]))
                if not bucket:
                    continue
                texts = tuple(t.text.translate(APOSTROPHES) for t in doc[i:i + n])
                span_text = doc[i:i + n].text
                for entry in bucket:
                    if entry.exact is not None and entry.exact != texts:
                        continue
                    if entry.exact is None and span_text.islower() and not _lowercase_alias(entry, self.d):
                        continue  # "turkey" the bird, "jordan" the river of a sentence in lower case
                    candidates.append((i, i + n, entry))
                    break
                else:
                    continue
                break  # the longest phrase starting here wins
        kept: list[tuple[int, int, IndexEntry]] = []
        used = [False] * len(doc)
        for start, end, entry in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
            if not any(used[start:end]):
                kept.append((start, end, entry))
                for i in range(start, end):
                    used[i] = True
        found: list[_Found] = []
        for start, end, entry in sorted(kept):
            f = self._classify(start, end, entry)
            if f is not None:
                found.append(f)
        return found

    def _classify(self, start: int, end: int, entry: IndexEntry) -> _Found | None:
        span = self.doc[start:end]
        root = span.root
        if entry.how == "dictionary":
            return _Found(start, end, entry.actor_id, "dictionary")
        inside_ne = _inside_larger_entity(span)
        if entry.how == "demonym":
            if inside_ne:  # "Iraqi Civil Defense": the organization's own name
                return _Found(start, end, entry.actor_id, "demonym", place_only=True)
            return self._modifier_actor(span, entry.actor_id, "demonym")
        if entry.how == "country":
            if inside_ne or _is_place_role(root):
                return _Found(start, end, entry.actor_id, "dictionary", place_only=True)
            if root.dep_ in {"compound", "amod", "nmod"} and root.head.pos_ in {"NOUN", "PROPN"}:
                return self._modifier_actor(span, entry.actor_id, "dictionary")
            return _Found(start, end, entry.actor_id, "dictionary")
        # a capital: the government only when it acts or speaks
        if not inside_ne and _is_agent_role(root):
            return _Found(start, end, entry.actor_id, "metonym")
        return None

    def _modifier_actor(self, span: Span, gov_id: str, how: str) -> _Found:
        """A country word on a noun: the noun says which of the state's actors is meant."""
        head = span.root.head if span.root.dep_ in {"amod", "compound", "nmod"} else span.root
        iso3 = gov_id.split(".", 1)[0]
        if head is span.root:  # "the Israelis", "two Iraqis"
            if span.root.tag_ in {"NNS", "NNPS"} and any(c.dep_ == "nummod" for c in span.root.children):
                return _Found(span.start, span.end, self._role_id(iso3, "CIV"), how)
            return _Found(span.start, span.end, gov_id, how)
        role = self._noun_role(head)
        if role is not None:  # "Russian forces": the group noun is part of the mention
            start = min(span.start, *(t.i for t in head.lefts if t.i >= span.start - 3 and t.pos_ != "DET"))
            return _Found(start, head.i + 1, self._role_id(iso3, role), how)
        modifiers = {c.lower_ for c in head.children} | {head.lemma_.lower(), head.lower_}
        if modifiers & self.v.military_heads:
            return _Found(span.start, span.end, self._role_id(iso3, "MIL"), how)
        return _Found(span.start, span.end, gov_id, how)

    def _role_id(self, iso3: str, role: str) -> str:
        return f"{iso3}.{role}"

    def _noun_role(self, head: Token) -> str | None:
        if head.pos_ not in {"NOUN", "PROPN"} and head.lower_ not in self.v.nouns:
            return None
        lemma = head.lemma_.lower()
        for child in head.lefts:
            role = self.v.compounds.get((child.lemma_.lower(), lemma)) or self.v.compounds.get(
                (child.lower_, head.lower_)
            )
            if role:
                return role
        return self.v.nouns.get(lemma) or self.v.nouns.get(head.lower_)

    # ---- 2. generic group nouns ------------------------------------------------------------
    def _group_nouns(self, hints: list[_Found], named: list[_Found]) -> list[_Found]:
        found: list[_Found] = []
        hint_by_sent: dict[int, str] = {}
        for h in hints:
            hint_by_sent.setdefault(self.sent_index[h.start], h.actor_id.split(".", 1)[0])
        # tokens that name a state ("of Armenia", "from Gondor"): a group noun's own country
        state_at = {
            i: f.actor_id.split(".", 1)[0]
            for f in [*hints, *named] if f.how == "dictionary" and f.actor_id.endswith(".GOV")
            for i in range(f.start, f.end)
        }
        # tokens that name an armed organization ("military forces of Artsakh"): the group
        # noun of a same-sector "of" phrase is that organization, not a state's organ
        org_at = {
            i: f.actor_id
            for f in named if f.how == "dictionary" and not f.actor_id.endswith(".GOV")
            and (a := self.actor(f.actor_id)) is not None and set(a.sectors) & ARMED_SECTORS
            for i in range(f.start, f.end)
        }
        for tok in self.doc:
            if self.taken[tok.i] or tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            lemma = tok.lemma_.lower()
            if tok.dep_ == "compound" and tok.head.i > tok.i and (
                (lemma, tok.head.lemma_.lower()) in self.v.compounds or (tok.lower_, tok.head.lower_) in self.v.compounds
            ):
                continue  # "military police forces": the head's phrase ("police force") names the group
            unidentified = [c for c in tok.lefts if c.lower_ in self.v.unidentified_modifiers]
            role = self._noun_role(tok)
            own_org = _prep_org(tok, org_at) if role is not None else None
            if own_org is not None and role is not None and self._role_is_armed(role):
                lefts = [t for t in tok.lefts if t.dep_ in {"amod", "compound"}]
                start = min([tok.i, *(t.i for t in lefts)])
                if self._free(start, tok.i + 1):
                    found.append(_Found(start, tok.i + 1, own_org, "generic"))
                    self._take(start, tok.i + 1)
                continue
            own_state = _prep_country(tok, state_at) if role is not None else None
            if unidentified and lemma in self.v.unidentified_heads:
                role = "UNK"
            elif role is None or not (lemma in self.v.alone or tok.lower_ in self.v.alone or role == "UNK"
                                      or own_state is not None
                                      or any((c.lower_, lemma) in self.v.compounds for c in tok.lefts)):
                continue
            if any(self.taken[t.i] for t in tok.lefts if t.dep_ in {"amod", "compound", "poss"}):
                continue  # "Al Shabaab militants": the named group already stands for them
            lefts = [t for t in tok.lefts if t.dep_ in {"amod", "compound"}]
            start = min([tok.i, *(t.i for t in lefts)])
            if not self._free(start, tok.i + 1):
                continue
            iso3 = own_state or self._group_country(tok.i, role, hint_by_sent)
            found.append(_Found(start, tok.i + 1, self._role_id(iso3, role), "generic"))
            self._take(start, tok.i + 1)
        return found

    def _role_is_armed(self, role: str) -> bool:
        return bool(set(self.v.roles.get(role, {}).get("sectors", [])) & ARMED_SECTORS)

    def _group_country(self, i: int, role: str, hint_by_sent: dict[int, str]) -> str:
        """A group noun's country: a country named in its sentence, else where the report
        places it (that sentence's place, else the report's main country). State organs
        ("troops", "the government") take the place's country only when the report names a
        single country: foreign troops are common."""
        sentence = self.sent_index[i]
        hint = hint_by_sent.get(sentence)
        place = self.countries.by_sentence.get(sentence) or self.countries.dominant
        if role in STATE_ROLES:
            return place if place and self.countries.single else UNKNOWN_COUNTRY
        return hint or place or UNKNOWN_COUNTRY

    # ---- 3. people and their titles --------------------------------------------------------
    def _people(self, found: list[_Found]) -> list[_Found]:
        by_token: dict[int, _Found] = {}
        for f in found:
            for i in range(f.start, f.end):
                by_token[i] = f
        persons = [e for e in self.doc.ents if e.label_ == "PERSON"]
        dictionary_people = [f for f in found if (a := self.actor(f.actor_id)) is not None and a.kind == "person"]
        spans: list[tuple[int, int, _Found | None]] = [(e.start, e.end, None) for e in persons
                                                        if not any(by_token.get(i) for i in range(e.start, e.end))]
        spans += [(f.start, f.end, f) for f in dictionary_people]
        removed: set[int] = set()
        new: list[_Found] = []
        for start, end, known in spans:
            start, title_role = self._strip_title(start, end)
            if start >= end:
                continue
            name = self.doc[start:end].text
            left, affiliation, title_role2 = self._title_left(start, by_token)
            title_role = title_role or title_role2
            if affiliation is None:
                affiliation, title_role3 = self._title_apposition(start, end, by_token)
                title_role = title_role or title_role3
                left = start
            if affiliation is None and known is None:
                continue  # left to coref / provisional
            org_id = known.actor_id.rsplit(".", 1)[0] if affiliation is None and known else None
            if affiliation is not None:
                org_id = self._affiliation_id(affiliation.actor_id, title_role)
            assert org_id is not None
            person_id = known.actor_id if known and affiliation is None else f"{org_id}.{slugify(name)}"
            known_actor = self.actor(known.actor_id) if known else None
            if known_actor is not None and known_actor.affiliation == org_id:
                person_id = known_actor.id
            if person_id not in self.d.by_id:
                org = self.actor(org_id)
                self.extra[person_id] = Actor(
                    id=person_id, name=name, country=org.country if org else None,
                    sectors=list(org.sectors) if org else [], kind="person", affiliation=org_id,
                )
            how = "title" if title_role or (affiliation is not None) else "dictionary"
            span_start = min(left, start)
            for i in range(span_start, end):
                inner = by_token.get(i)
                if inner is not None:
                    removed.add(id(inner))
            new.append(_Found(span_start, end, person_id, how, person=name))
            self._take(span_start, end)
        return [f for f in found if id(f) not in removed] + new

    def _strip_title(self, start: int, end: int) -> tuple[int, str | None]:
        """A PERSON entity that begins with its title ("General Qassem Suleimani")."""
        role = None
        i = start
        while i < end - 1:
            match = self._title_at(i, end - 1)
            if match is None:
                break
            i, role = match[0], match[1]
        return i, role

    def _title_at(self, i: int, limit: int) -> tuple[int, str] | None:
        for n in range(min(self.v.max_title_len, limit - i), 0, -1):
            key = tuple(t.lower_ for t in self.doc[i:i + n])
            if key in self.v.titles:
                return i + n, self.v.titles[key]
        return None

    def _title_ending_at(self, end: int) -> tuple[int, str] | None:
        for n in range(min(self.v.max_title_len, end), 0, -1):
            key = tuple(t.lower_ for t in self.doc[end - n:end])
            if key in self.v.titles:
                return end - n, self.v.titles[key]
        return None

    def _title_left(self, start: int, by_token: dict[int, _Found]) -> tuple[int, _Found | None, str | None]:
        """'Israeli Prime Minister X', "Iraq's Defense Minister X", 'Hezbollah leader X'."""
        i, role = start, None
        sent_start = self.doc[start].sent.start
        while i > sent_start:
            match = self._title_ending_at(i)
            if match is not None and match[0] >= sent_start:
                i, role = match[0], role or match[1]
                continue
            if self.doc[i - 1].lower_ in self.v.title_modifiers:
                i -= 1
                continue
            break
        if role is None:
            return start, None, None
        j = i
        if j > sent_start and self.doc[j - 1].lower_.translate(APOSTROPHES) in {"'s", "'"}:
            j -= 1
        f = by_token.get(j - 1) if j > sent_start else None
        if f is not None:
            return f.start, f, role
        return i, None, role

    def _title_apposition(self, start: int, end: int, by_token: dict[int, _Found]) -> tuple[_Found | None, str | None]:
        """'X, commander of the Quds Force' and 'the commander of the Quds Force ..., X'."""
        doc = self.doc
        sent = doc[start].sent
        if end < sent.end and doc[end].text == ",":
            for k in range(end + 1, min(end + 4, sent.end)):
                match = self._title_at(k, sent.end)
                if match is not None:
                    f = self._org_after(match[0], sent.end, by_token)
                    if f is not None:
                        return f, match[1]
        if start > sent.start and doc[start - 1].text == ",":
            for k in range(start - 2, max(sent.start, start - 16) - 1, -1):
                match = self._title_at(k, start - 1)
                if match is not None:
                    f = self._org_after(match[0], start - 1, by_token)
                    if f is not None:
                        return f, match[1]
        return None, None

    def _org_after(self, i: int, limit: int, by_token: dict[int, _Found]) -> _Found | None:
        if i >= limit or self.doc[i].lower_ != "of":
            return None
        for k in range(i + 1, min(i + 5, limit)):
            if k in by_token:
                return by_token[k]
            if self.doc[k].pos_ not in {"DET", "ADJ", "PROPN", "NOUN"}:
                return None
        return None

    def _affiliation_id(self, actor_id: str, title_role: str | None) -> str:
        """A state's GOV named with a military title gives the state's MIL, and so on."""
        if actor_id.endswith(".GOV") and title_role:
            return self._role_id(actor_id[:-4], title_role)
        return actor_id

    # ---- 4. provisional actors -------------------------------------------------------------
    def _provisional(self, hints: list[_Found]) -> list[_Found]:
        hint_tokens = {i for h in hints for i in range(h.start, h.end)}
        found: list[_Found] = []
        for ent in self.doc.ents:
            if ent.label_ not in {"ORG", "NORP", "PERSON", "GPE"} or not self._free(ent.start, ent.end):
                continue
            if ent.label_ == "GPE" and (hint_tokens & set(range(ent.start, ent.end)) or not _is_agent_role(ent.root)):
                continue  # a place, not an actor
            if _after_place_prep(ent[0]) and ent.end + 1 < len(self.doc) and ent.end + 1 in hint_tokens:
                continue  # "in Culiacan, Mexico" tagged as a person or organization: still a place
            start = ent.start + (1 if ent[0].lower_ == "the" and len(ent) > 1 else 0)
            name = _strip_the(self.doc[start:ent.end].text).strip(" ,.'’")
            if not name:
                continue
            actor_id = f"prov:{slugify(name)}"
            if actor_id not in self.extra:
                inner = [h for h in hints if ent.start <= h.start < ent.end]
                iso3 = inner[0].actor_id.split(".", 1)[0] if inner else None
                kind = {"PERSON": "person", "NORP": "group", "GPE": "state"}.get(ent.label_, "organization")
                self.extra[actor_id] = Actor(
                    id=actor_id, name=name, country=self.d.states.iso2_of.get(iso3 or ""), kind=kind,
                    provisional=True,
                )
            found.append(_Found(start, ent.end, actor_id, "provisional",
                                person=name if ent.label_ == "PERSON" else None))
            self._take(start, ent.end)
        return found

    # ---- 5. short forms and pronouns -------------------------------------------------------
    def _coref(self, found: list[_Found]) -> list[_Found]:
        people: list[_Found] = []  # full person mentions, most recent last
        last_person: _Found | None = None
        last_sentence = -10
        out: list[_Found] = []
        pronouns = [t for t in self.doc if t.lower_ in PRONOUNS and t.pos_ == "PRON" and not self.taken[t.i]]
        events: list[tuple[int, int, _Found | Token]] = [(f.start, 0, f) for f in found]
        events += [(t.i, 1, t) for t in pronouns]
        for _, _, item in sorted(events, key=lambda e: (e[0], e[1])):
            if isinstance(item, Token):
                sentence = self.sent_index[item.i]
                if last_person is None or sentence - last_sentence > PERSON_WINDOW_SENTENCES:
                    continue
                full = self._full(last_person)
                out.append(_Found(item.i, item.i + 1, last_person.actor_id, "coref", person=last_person.person,
                                  antecedent=(self.doc[full.start].idx, self._end_char(full))))
                last_sentence = sentence
                continue
            f = item
            if f.person is not None:
                earlier = self._earlier_person(f, people)
                if earlier is not None:
                    f = _Found(f.start, f.end, earlier.actor_id, "coref", person=earlier.person,
                               antecedent=(self.doc[earlier.start].idx, self._end_char(earlier)))
                    if item.actor_id.startswith("prov:"):  # the short form is no actor of its own
                        self.extra.pop(item.actor_id, None)
                else:
                    people.append(f)
                last_person, last_sentence = f, self.sent_index[f.start]
            out.append(f)
        return out

    def _earlier_person(self, f: _Found, people: list[_Found]) -> _Found | None:
        """'Netanyahu' after 'Benjamin Netanyahu': same actor, or a name ending the same way."""
        name = (f.person or "").translate(APOSTROPHES).lower().split()
        for p in reversed(people):
            full = (p.person or "").translate(APOSTROPHES).lower().split()
            if p.actor_id == f.actor_id and len(full) > len(name):
                return p
            if name and len(name) < len(full) and full[-len(name):] == name:
                return p
        return None

    def _full(self, f: _Found) -> _Found:
        if f.antecedent is None:
            return f
        return _Found(self._token_at(f.antecedent[0]), self._token_at(f.antecedent[1] - 1) + 1, f.actor_id, f.how)

    def _token_at(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else 0

    def _end_char(self, f: _Found) -> int:
        return self.doc[f.end - 1].idx + len(self.doc[f.end - 1].text)


# ---- syntax helpers -----------------------------------------------------------------------
def _lowercase_alias(entry: IndexEntry, dictionary: ActorDictionary) -> bool:
    actor = dictionary.by_id.get(entry.actor_id)
    return actor is not None and any(a.islower() for a in actor.aliases)


def _inside_larger_entity(span: Span) -> bool:
    """A word inside a longer named entity ("Jersey" in "New Jersey", "Iraqi" in "Iraqi Civil Defense")."""
    for ent in span.doc.ents:
        if ent.start <= span.start and span.end <= ent.end and (ent.start, ent.end) != (span.start, span.end):
            extra = [t for t in ent if t.i < span.start or t.i >= span.end]
            # PROPN only: a title-case headline ("Israel Accused of ...") is not one long name
            if ent.label_ in {"ORG", "FAC", "LOC", "GPE", "PERSON", "WORK_OF_ART", "EVENT", "LAW"} and any(
                t.is_alpha and t.pos_ == "PROPN" for t in extra
            ):
                return True
    return False


def _prep_country(noun: Token, state_at: dict[int, str]) -> str | None:
    """ "military forces of Armenia", "soldiers from Gondor", "lawmakers in Fornost": the state
    a group noun's own "of/from/in" phrase names (the first of a coordination)."""
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in GROUP_COUNTRY_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.i in state_at:
                    return state_at[obj.i]
    return None


def _prep_org(noun: Token, org_at: dict[int, str]) -> str | None:
    """ "forces of Artsakh", "fighters of Hezbollah": the organization a group noun's own
    "of" phrase names; not across a conjunct ("military forces and members of the ELN")."""
    for child in noun.rights:
        if child.dep_ in {"cc", "conj"}:
            return None
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.i in org_at:
                    return org_at[obj.i]
    return None


def _climb_conj(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def _after_place_prep(tok: Token) -> bool:
    """'in Culiacan, Mexico': a place preposition a few names back, whatever the parse made of it."""
    for k in range(tok.i - 1, max(tok.sent.start, tok.i - 6) - 1, -1):
        prev = tok.doc[k]
        if prev.lower_ in PLACE_PREPS and prev.pos_ == "ADP":
            return True
        if not (prev.pos_ in {"PROPN", "DET", "PUNCT"} and prev.text not in {".", ";", ":"}):
            return False
    return False


def _is_place_role(tok: Token) -> bool:
    """'in Iraq', 'near Baghdad', 'Balad, Iraq': the word names where, not who."""
    if _after_place_prep(tok):
        return True
    while tok.dep_ == "appos" and tok.head is not tok:
        tok = tok.head
    tok = _climb_conj(tok)
    if tok.dep_ == "pobj":
        prep = tok.head.lower_
        if prep == "from":
            return tok.head.head.lemma_.lower() in MOTION_LEMMAS
        return prep in PLACE_PREPS
    return tok.dep_ == "appos" and tok.head.ent_type_ in {"GPE", "LOC", "FAC"}


def _is_agent_role(tok: Token) -> bool:
    """'Washington said', "Moscow's position", 'coordination between Moscow and Jerusalem'."""
    if _after_place_prep(tok):
        return False
    tok = _climb_conj(tok)
    if tok.dep_ in SUBJECT_DEPS:
        return True
    if tok.dep_ == "pobj":
        prep = tok.head.lower_
        if prep == "from":
            return tok.head.head.lemma_.lower() not in MOTION_LEMMAS
        return prep in AGENT_PREPS
    return False
