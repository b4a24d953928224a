"""Definite descriptions ("the group", "the Shiite militia", "the regime", "the North"): the named actor each refers to."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Token

from triangulate.base.datafiles import load_yaml
from triangulate.read.actors.found import _Found, _ReportPass
from triangulate.read.actors.syntax import _is_place_role
from triangulate.read.actors.vocabulary import (
    ACCUSING_LEMMAS,
    APOSTROPHES,
    STATE_ROLES,
    UNKNOWN_COUNTRY,
    slugify,
)
from triangulate.read.tokens import token_table
from triangulate.records import Actor

HOW = "described"
MAX_MODIFIERS = 3  # "the outlawed armed Kurdish group": more words than this are no description
# modifier tags a description may hold between its determiner and its type noun
MODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN", "VERB", "ADV", "PUNCT"})
# "the Iran-backed militia": a country word before these is a modifier, not the one meant
BACKING_WORDS = frozenset({"backed", "allied", "linked", "aligned", "supported", "sponsored", "affiliated"})
# the organs of a state whose mention names the state ("Turkish police ... the government")
STATE_ORGANS = STATE_ROLES | {"POL"}
# the dependencies that open a clause of its own: a subject outside it does not bind a description inside
CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "acl", "relcl", "csubj", "pcomp"})


@dataclass(frozen=True)
class NounFit:
    """What a type noun fits: non-state actors of these sectors, a state's GOV or MIL, actors named by it."""

    sectors: frozenset[str]
    state: str | None
    named: bool


@dataclass(frozen=True)
class DescriptionVocabulary:
    """data/descriptions.yaml: determiners, type nouns, modifier traits, the halves of divided states."""

    version: int
    determiners: frozenset[str]
    nouns: dict[str, NounFit]
    trait_of: dict[str, str]  # modifier word -> trait
    set_of: dict[str, str]  # trait -> its exclusive set
    actor_traits: dict[str, frozenset[str]]
    halves: dict[str, dict[str, str]]  # "north"/"south" -> cue state (ISO3) -> the half (ISO3)

    @classmethod
    def from_yaml(cls, data: dict[str, Any]) -> DescriptionVocabulary:
        nouns = {
            str(k): NounFit(frozenset(v.get("sectors", ())), v.get("state"), bool(v.get("named", False)))
            for k, v in data["nouns"].items()
        }
        trait_of: dict[str, str] = {}
        set_of: dict[str, str] = {}
        for set_name, traits in data["traits"].items():
            for trait, words in traits.items():
                set_of[trait] = set_name
                trait_of.update({str(w).lower(): trait for w in words})
        halves: dict[str, dict[str, str]] = {"north": {}, "south": {}}
        for pair in data["halves"]:
            for side in ("north", "south"):
                halves[side].update({pair["north"]: pair[side], pair["south"]: pair[side]})
        return cls(
            version=int(data["version"]), determiners=frozenset(data["determiners"]), nouns=nouns,
            trait_of=trait_of, set_of=set_of,
            actor_traits={k: frozenset(v) for k, v in (data.get("actors") or {}).items()}, halves=halves,
        )

    @staticmethod
    @cache
    def default() -> DescriptionVocabulary:
        return DescriptionVocabulary.from_yaml(load_yaml("descriptions.yaml", versioned=True))

    def traits(self, words: list[str]) -> frozenset[str]:
        return frozenset(t for w in words if (t := self.trait_of.get(w.translate(APOSTROPHES).lower())))


@dataclass
class _Description:
    start: int
    end: int
    fit: NounFit | None  # None: "the North", "the South"
    noun: str
    traits: frozenset[str]
    country: str | None  # ISO2 of a country word among the modifiers


@dataclass
class _Candidate:
    found: _Found
    actor_id: str  # what the description resolves to through it (a state's GOV or MIL, or the actor)
    score: int  # modifiers it agrees with
    sentence: int
    subject: bool


def _spelled(texts: list[str], end: int, short: str) -> int | None:
    """Where the name before token `end` starts whose capitalized words' initials spell `short` ("Commission of
    Inquiry" for COI, "Islamic Revolutionary Guard Corps" for IRGC): the shortest such name; None if none does."""
    for start in range(end - 1, max(-1, end - 2 * len(short) - 2), -1):
        name = texts[start:end]
        if not name[0][:1].isupper():
            continue
        initials = "".join(w[0] for w in name if w[:1].isalpha()).upper()
        capitals = "".join(w[0] for w in name if w[:1].isupper())
        if short in (initials, capitals):
            return start
    return None


def _words(text: str) -> list[str]:
    return text.translate(APOSTROPHES).replace("-", " ").lower().split()


class _DescribedSteps(_ReportPass):
    """Step 6 of a report's pass: definite descriptions resolved to the named actors before them."""

    def _described(self, found: list[_Found]) -> list[_Found]:
        voc = DescriptionVocabulary.default()
        words = token_table(self.doc)
        out = sorted(self._acronyms(found), key=lambda f: (f.start, f.end))
        for i, lower in enumerate(words.lower):
            if lower not in voc.determiners or words.dep[i] != "det":
                continue
            description = self._description_at(self.doc[i], voc, out)
            if description is None:
                continue
            inside = [f for f in out if f.start < description.end and description.start < f.end]
            earlier = [f for f in out if f.end <= description.start]
            resolved = self._antecedent(description, earlier, voc)
            if resolved is None:
                continue
            source, actor_id = resolved
            ante = (self.doc[source.start].idx, self._char_end(source.end))
            new = _Found(description.start, description.end, actor_id, HOW, antecedent=ante)
            out = sorted([f for f in out if all(f is not g for g in inside)] + [new], key=lambda f: (f.start, f.end))
            self._take(description.start, description.end)
        return out

    # ---- short names defined in the text ----------------------------------------------------
    def _acronyms(self, found: list[_Found]) -> list[_Found]:
        """ "the Commission of Inquiry (COI) ... The COI said": a short name the report defines in brackets
        after a name stands for that name's actor wherever it comes again."""
        doc, words = self.doc, token_table(self.doc)
        defined: dict[str, tuple[int, int, str]] = {}  # acronym -> the name's tokens and its actor
        out = list(found)
        for i in range(2, len(doc) - 2):
            short = words.text[i]
            if words.text[i - 1] != "(" or words.text[i + 1] != ")" or short in defined \
                    or not (short.isalpha() and short.isupper() and 2 <= len(short) <= 6):
                continue
            start = _spelled(words.text, i - 1, short)
            if start is None:
                continue
            actor_id = next((f.actor_id for f in out if f.start <= i - 2 < f.end), None)
            if actor_id is None:
                name = doc[start:i - 1].text
                actor_id = f"prov:{slugify(name)}"
                self.extra.setdefault(actor_id, Actor(id=actor_id, name=name, aliases=[short], provisional=True))
                out = [f for f in out if not (f.start < i - 1 and start < f.end)]
                out.append(_Found(start, i - 1, actor_id, "provisional"))
                self._take(start, i - 1)
            defined[short] = (start, i - 1, actor_id)
        if not defined:
            return out
        for i, text in enumerate(words.text):
            named = defined.get(text)
            if named is None or named[1] >= i or (i > 0 and words.text[i - 1] == "("):
                continue
            there = [f for f in out if f.start <= i < f.end]
            if any(f.how != "provisional" for f in there):
                continue  # "PKK" after "Kurdistan Workers' Party (PKK)": the dictionary knows it already
            ante = (doc[named[0]].idx, self._char_end(named[1]))
            out = [f for f in out if all(f is not g for g in there)]
            out.append(_Found(i, i + 1, named[2], HOW, antecedent=ante))
            self._take(i, i + 1)
        return out

    def _char_end(self, end: int) -> int:
        last = self.doc[end - 1]
        return last.idx + len(last.text)

    # ---- the description ------------------------------------------------------------------
    def _description_at(self, det: Token, voc: DescriptionVocabulary, found: list[_Found]) -> _Description | None:
        """The description a determiner opens: modifiers, then a type noun that heads them all."""
        head = det.head
        if head.i <= det.i or head.i - det.i > MAX_MODIFIERS + 1 or head.pos_ not in ("NOUN", "PROPN"):
            return None
        between = list(self.doc[det.i + 1:head.i])
        if any(t.pos_ not in MODIFIER_POS or (t.pos_ == "PUNCT" and t.text != "-") for t in between):
            return None
        if any(t.head.i < det.i or t.head.i > head.i for t in between):
            return None  # the words are not the noun's own modifiers
        if not self._stands_alone(head):
            return None
        overlapping = [f for f in found if f.start <= head.i and det.i < f.end]
        if head.lower_ in ("north", "south") and head.text[0].isupper():
            if between or any(f.how != "provisional" for f in overlapping) or _is_place_role(head):
                return None
            return _Description(det.i, head.i + 1, None, head.lower_, frozenset(), None)
        fit = voc.nouns.get(head.lemma_.lower()) or voc.nouns.get(head.lower_)
        if fit is None:
            # "the regime armed forces", "the government troops": a state's forces, its government named by kind
            role = self.v.nouns.get(head.lemma_.lower())
            if role != "MIL" or not any((m := voc.nouns.get(t.lower_)) and m.state == "GOV" for t in between):
                return None
            fit = NounFit(frozenset(), "MIL", False)
        elif head.tag_ in ("NNS", "NNPS"):
            return None  # "the groups": several, not one
        if head.pos_ == "PROPN" and not head.is_title and not head.is_lower:
            return None
        if head.pos_ == "PROPN" and head.ent_type_ in ("ORG", "GPE", "FAC", "LOC", "WORK_OF_ART", "LAW", "EVENT"):
            return None  # "The Army of Islam": a name
        country = self._named_country(between, voc)
        if country == "":
            return None  # "the Wagner group", "the United States government": a name
        for f in overlapping:
            if not self._modifier_mention(f, head.i, voc):
                return None  # "the Islamic State group", "the Syrian regime": the words name the actor
            actor = self.actor(f.actor_id)
            if f.how == "demonym" and actor is not None and actor.country:
                country = actor.country
        modifiers = [t.text for t in between]
        return _Description(det.i, head.i + 1, fit, head.lower_, voc.traits(modifiers), country)

    def _named_country(self, between: list[Token], voc: DescriptionVocabulary) -> str | None:
        """The country (ISO2) a state's name, capital or demonym among the modifiers names ("the Damascus regime");
        "" when a modifier is some other name ("the Wagner group")."""
        index = self.d._tokens_index()
        country: str | None = None
        i = 0
        while i < len(between):
            for n in range(min(4, len(between) - i), 0, -1):
                entries = index.get(tuple(t.lower_.translate(APOSTROPHES) for t in between[i:i + n]), [])
                entry = next((e for e in entries if e.how in ("country", "capital", "demonym")), None)
                if entry is not None:
                    country = self.d.states.iso2_of.get(entry.actor_id.split(".", 1)[0]) or country
                    i += n
                    break
            else:
                t = between[i]
                if t.pos_ == "PROPN" and not voc.traits([t.text]) and not t.is_lower:
                    return ""
                i += 1
        return country

    def _stands_alone(self, head: Token) -> bool:
        """No name of its own follows: not "the group Hamas", "the militia, Kataib Hezbollah,", "the group (X)",
        "the government of Iraq"."""
        doc = self.doc
        if head.dep_ == "compound":
            return False  # "the group's leader" is fine, "the group leader" is the leader
        # "accused the group of the bombing": that "of" tells the deed, not which group
        accused = head.dep_ == "dobj" and head.head.lemma_.lower() in ACCUSING_LEMMAS | {"suspect"}
        if any(c.dep_ in ("appos", "relcl", "acl") or (c.dep_ == "prep" and c.lower_ == "of" and not accused)
               for c in head.rights):
            return False
        nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
        return nxt is None or not (nxt.pos_ == "PROPN" or nxt.text == "(")

    def _modifier_mention(self, f: _Found, head: int, voc: DescriptionVocabulary) -> bool:
        """A mention inside a description that only modifies it: a group noun, a country word, a trait
        ("the Shiite militia"), a backer ("the Iran-backed group")."""
        if f.end > head:
            return f.how == "generic"  # "the militia", "the armed group" read as a group noun of a country
        if f.how in ("generic", "demonym"):
            return True
        words = [t.lower_ for t in self.doc[f.start:f.end]]
        if f.end + 1 < len(self.doc) and self.doc[f.end].text == "-" and self.doc[f.end + 1].lower_ in BACKING_WORDS:
            return True
        return bool(voc.traits(words)) and len(voc.traits(words)) == len(words)

    # ---- its antecedent -------------------------------------------------------------------
    def _antecedent(self, d: _Description, earlier: list[_Found], voc: DescriptionVocabulary
                    ) -> tuple[_Found, str] | None:
        """The most recent earlier actor that fits, the one agreeing with more modifiers first; within an earlier
        sentence two different actors fit equally unless one is its subject; None when none fits or it is a tie."""
        candidates = [c for f in earlier if (c := self._candidate(f, d, voc)) is not None and not self._binds(c, d)]
        if d.fit is not None and d.fit.state == "GOV" and d.country is None \
                and len({c.actor_id for c in candidates}) > 1:
            # "the government" with several states named: the one whose government was called so before ("The
            # Ukrainian government ... The government in Kiev"), never the state nearest by chance
            governments = {n for n, fit in voc.nouns.items() if fit.state == "GOV"}
            candidates = [c for c in candidates if governments & set(_words(self.doc[c.found.start:c.found.end].text))]
        if not candidates:
            return None
        best = max(c.score for c in candidates)
        candidates = [c for c in candidates if c.score == best]
        last = candidates[-1]
        if last.sentence == self.sent_index[d.start]:
            return last.found, last.actor_id  # the nearest in its own sentence
        same = [c for c in candidates if c.sentence == last.sentence]
        ids = {c.actor_id for c in same}
        if len(ids) > 1:
            ids = {c.actor_id for c in same if c.subject}
            if len(ids) != 1:
                return None
        chosen = next(c for c in reversed(same) if c.actor_id in ids)
        return chosen.found, chosen.actor_id

    def _binds(self, c: _Candidate, d: _Description) -> bool:
        """The candidate is the subject of a clause holding the description, which then cannot be it: "The YPG is
        [the group]'s Syrian offshoot" is no YPG's."""
        if c.sentence != self.sent_index[d.start] or not c.subject:
            return False
        root = self.doc[c.found.start:c.found.end].root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        verb = root.head if root.dep_ in ("nsubj", "nsubjpass") else root.head.head
        tok = self.doc[d.end - 1]
        while tok.i != verb.i:
            if tok.dep_ in CLAUSES or tok.head.i == tok.i:
                return False  # in a clause of its own ("X said the army had not ..."): it may well be X
            tok = tok.head
        return True

    def _candidate(self, f: _Found, d: _Description, voc: DescriptionVocabulary) -> _Candidate | None:
        actor = self.actor(f.actor_id)
        if actor is None or f.actor_id.startswith(UNKNOWN_COUNTRY + ".") or (f.how == HOW and d.fit is None):
            return None
        if actor.kind == "group" and actor.role is not None:
            return None  # "Palestinian gunmen", "militants" of a country: no one body, no state's organ
        state = self._state_of(actor)
        resolved: str | None = None
        if d.fit is None:  # "the North": the half of a divided state the report named before
            half = voc.halves[d.noun].get(state or "")
            resolved = f"{half}.GOV" if half else None
        elif d.fit.state is not None and state is not None:
            if d.country is not None and self.d.states.iso2_of.get(state) != d.country:
                return None  # "the Damascus regime" is Syria's
            resolved = f"{state}.{d.fit.state}"
        elif actor.kind == "person":
            return None  # a person is no body
        elif d.fit.sectors & set(actor.sectors):
            resolved = actor.id
        if resolved is None and d.fit is not None and d.fit.named and d.noun in self._name_words(f, actor):
            resolved = actor.id
        if resolved is None:
            return None
        score = 0
        if d.traits:
            has = voc.actor_traits.get(actor.id, frozenset()) | voc.traits(
                [w for n in (actor.name, *actor.aliases) for w in _words(n)])
            for trait in d.traits:
                if trait in has:
                    score += 1
                elif any(voc.set_of.get(t) == voc.set_of[trait] for t in has):
                    return None  # "the Shiite militia" is no Sunni one
        if d.country is not None and actor.country and d.fit is not None and d.fit.state is None:
            if actor.country != d.country:
                return None
            score += 1
        words = self.doc[f.start:f.end]
        if words.root.dep_ == "npadvmod" and words.root.head.pos_ in ("VERB", "ADJ"):
            return None  # "the Al-Qaeda-linked Shebab": a tie of the body named, not the body
        if d.noun in _words(words.text):
            score += 1  # "the regime armed forces ... the regime's army": the one called so before
        root = words.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head  # "Hamas and Islamic Jihad said": both speak
        subject = root.dep_ in ("nsubj", "nsubjpass") or (
            root.dep_ in ("poss", "compound") and root.head.dep_ in ("nsubj", "nsubjpass"))
        return _Candidate(f, resolved, score, self.sent_index[f.start], subject)

    def _state_of(self, actor: Actor) -> str | None:
        """The state (ISO3) a mention of a state or one of its organs or officials names."""
        seen = 0
        current: Actor | None = actor
        while current is not None and seen < 3:
            iso3, _, role = current.id.partition(".")
            if iso3 in self.d.states.iso2_of and role in STATE_ORGANS:
                return iso3
            current = self.actor(current.affiliation) if current.affiliation else None
            seen += 1
        return None

    def _name_words(self, f: _Found, actor: Actor) -> set[str]:
        """The words of the actor's name, as the report writes it (the whole name the mention stands in) and as
        the dictionary does."""
        doc = self.doc
        start, end = f.start, f.end
        if doc[start].ent_iob_ in ("B", "I"):
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
        names = [doc[start:end].text, actor.name, *actor.aliases] if not actor.provisional else [doc[start:end].text]
        return {w for n in names for w in _words(n)}
