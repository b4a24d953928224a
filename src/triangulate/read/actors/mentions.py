"""The mention finder: one report's pass from dictionary matches through group nouns to provisional actors."""

from __future__ import annotations

from spacy.tokens import Span, Token

from triangulate.read.actors.described import _DescribedSteps
from triangulate.read.actors.found import _Found
from triangulate.read.actors.people import _PeopleSteps
from triangulate.read.actors.syntax import (
    _after_place_prep,
    _entity_around,
    _inside_larger_entity,
    _is_agent_role,
    _is_place_role,
    _lowercase_alias,
    _place_suffixed,
    _prefixed,
    _prep_country,
    _prep_org,
    speaks,
)
from triangulate.read.actors.vocabulary import (
    APOSTROPHES,
    ARMED_SECTORS,
    STATE_ROLES,
    UNKNOWN_COUNTRY,
    IndexEntry,
    _strip_the,
    slugify,
)
from triangulate.read.nlp import doc_text
from triangulate.read.tokens import TokenTable, entities, token_table
from triangulate.records import STATE_SECTORS, Actor

NOT_IN_NAMES = frozenset({"VBD", "VBZ", "VBP", "PRP"})  # finite verbs, personal pronouns
PLACING_PREPS = frozenset({"in", "at", "near", "outside"})


class _MentionFinder(_PeopleSteps, _DescribedSteps):
    """One report's pass: dictionary matches, syntax checks, groups, people, coref, the rest, descriptions."""

    def run(self) -> list[_Found]:
        found = self._dictionary_matches()
        hints = [f for f in found if f.place_only]
        found = [f for f in found if not f.place_only]
        found = [self._national(self._owned(f, found), hints) for f in found]
        for f in found:
            self._take(f.start, f.end)
        found += self._group_nouns(hints, found)
        found = self._people(found)
        found += self._provisional(hints, found)
        found.sort(key=lambda f: (f.start, f.end))
        found = self._coref(found)
        found = sorted(found + self._speaker_pronouns(found), key=lambda f: (f.start, f.end))
        return self._described(found)

    # ---- 1. dictionary, countries, capitals, demonyms --------------------------------------
    def _dictionary_matches(self) -> list[_Found]:
        index = self.d._tokens_index()
        doc = self.doc
        words = token_table(doc)
        lowers = [w.translate(APOSTROPHES) for w in words.lower]
        first_words = self.d.first_words()
        candidates: list[tuple[int, int, IndexEntry]] = []
        for i in range(len(doc)):
            for n in first_words.get(lowers[i], ()):
                if n > len(doc) - i:
                    continue
                bucket = index.get(tuple(lowers[i:i + n]))
                if not bucket:
                    continue
                texts = tuple(w.translate(APOSTROPHES) for w in words.text[i:i + n])
                span_text = doc_text(doc)[words.idx[i]:words.idx[i + n - 1] + len(words.text[i + n - 1])]
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
        if _prefixed(self.doc, start):
            return None
        span = self.doc[start:end]
        root = span.root
        if entry.how == "dictionary":
            if self._named_before(span):
                return None  # "[Ahvaz] National Resistance": another body than the "National Resistance" listed
            return _Found(start, end, entry.actor_id, "dictionary")
        inside_ne = _inside_larger_entity(span)
        if entry.how == "demonym":
            if inside_ne:  # "Iraqi Civil Defense": the organization's own name
                return _Found(start, end, entry.actor_id, "demonym", place_only=True)
            return self._modifier_actor(span, entry.actor_id, "demonym")
        if entry.how == "country":
            if inside_ne or _is_place_role(root) or _place_suffixed(self.doc, end):
                return _Found(start, end, entry.actor_id, "dictionary", place_only=True)
            if root.dep_ in {"compound", "amod", "nmod"} and root.head.pos_ in {"NOUN", "PROPN"}:
                return self._modifier_actor(span, entry.actor_id, "dictionary")
            return _Found(start, end, entry.actor_id, "dictionary")
        # a capital: the government only when it acts or speaks
        if not inside_ne and _is_agent_role(root) and not _place_suffixed(self.doc, end):
            return _Found(start, end, entry.actor_id, "metonym")
        return None

    def _named_before(self, span: Span) -> bool:
        """A listed name inside a longer organization's name that begins with a name of its own (not a country's
        or a people's word: "Iraqi Civil Defense" is still Iraq's)."""
        ent = _entity_around(span)
        if ent is None or ent.label_ != "ORG" or ent.start >= span.start:
            return False
        before = self.doc[span.start - 1]
        places = self.d._tokens_index().get((before.lower_.translate(APOSTROPHES),), ())
        return before.pos_ == "PROPN" and before.is_title and not places

    def _possessor(self, start: int, found: list[_Found]) -> str | None:
        """The country (ISO3) whose possessive stands right before a token: "Pakistan's [Foreign Office]"."""
        if start < 2 or self.doc[start - 1].tag_ != "POS":
            return None
        owner = next((f for f in found if f.end == start - 1 and f.actor_id.endswith(".GOV")), None)
        return owner.actor_id.split(".", 1)[0] if owner is not None else None

    def _owned(self, f: _Found, found: list[_Found]) -> _Found:
        """A state's organ named after another country's possessive is that country's: "Pakistan's Foreign
        Office" is no British office."""
        actor = self.actor(f.actor_id)
        iso3 = self._possessor(f.start, found)
        # only an organ of a state ("Iran's Hezbollah allies" are still Hezbollah)
        if f.how != "dictionary" or actor is None or iso3 is None or not actor.country \
                or actor.kind == "person" or not (actor.affiliation or "").endswith(".GOV") \
                or self.d.states.iso2_of.get(iso3) in (None, actor.country):
            return f
        role = self._noun_role(self.doc[f.start:f.end].root) or "GOV"
        return _Found(f.start, f.end, self._role_id(iso3, role), f.how)

    def _national(self, f: _Found, hints: list[_Found]) -> _Found:
        """An international body's name after a country word is that country's own body: the "Russian
        Security Council" is not the United Nations'."""
        actor = self.actor(f.actor_id)
        if f.how != "dictionary" or actor is None or "igo" not in actor.sectors:
            return f
        before = next((h for h in hints if h.end == f.start and h.actor_id.endswith(".GOV")), None)
        if before is None:
            return f
        role = self._noun_role(self.doc[f.start:f.end].root) or "GOV"
        return _Found(before.start, f.end, self._role_id(before.actor_id.split(".", 1)[0], role), f.how)

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
    def _noun_role(self, head: Token) -> str | None:
        return self._noun_role_at(token_table(head.doc), head.i)

    def _noun_role_at(self, words: TokenTable, i: int) -> str | None:
        """`_noun_role` of the i-th token, read from the token table."""
        lower = words.lower[i]
        if words.pos[i] not in {"NOUN", "PROPN"} and lower not in self.v.nouns:
            return None
        lemma = words.lemma[i]
        for child in words.children[i]:
            if child > i:
                break  # the left children only
            role = self.v.compounds.get((words.lemma[child], lemma)) or self.v.compounds.get((words.lower[child], lower))
            if role:
                return role
        return self.v.nouns.get(lemma) or self.v.nouns.get(lower)

    # ---- 2. generic group nouns ------------------------------------------------------------
    def _group_nouns(self, hints: list[_Found], named: list[_Found]) -> list[_Found]:
        found: list[_Found] = []
        hint_by_sent: dict[int, str] = {}
        speaking: dict[int, str] = {}  # a country that is its sentence's subject: the one speaking or acting
        # "officials blamed Russia", "troops attacked Ukraine": a state a verb is done to is the other party
        done_to = [h for h in [*hints, *named] if h.actor_id.endswith(".GOV")
                   and (root := self.doc[h.start:h.end].root).dep_ == "dobj" and root.head.pos_ == "VERB"]
        for h in done_to:
            self.done_to.setdefault(self.sent_index[h.start], set()).add(h.actor_id.split(".", 1)[0])
        for h in hints:
            if h in done_to:
                continue
            subject = speaks(self.doc[h.start:h.end].root)
            (speaking if subject else hint_by_sent).setdefault(self.sent_index[h.start], h.actor_id.split(".", 1)[0])

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
        # a country word inside an organization's name ("the Ukrainian Security Service", "the Russian Ministry
        # of Defense"): read as a place only, it still says whose the named body is
        gov_at = {i: f.actor_id.split(".", 1)[0] for f in [*hints, *named] if f.actor_id.endswith(".GOV")
                  for i in range(f.start, f.end)}  # "Damascus", "Russia": whose "its army"
        named_state_at = {i: h.actor_id.split(".", 1)[0] for h in hints for i in range(h.start, h.end)
                          if h.actor_id.endswith(".GOV") and _inside_larger_entity(self.doc[h.start:h.end])}
        words = token_table(self.doc)
        for i, pos in enumerate(words.pos):
            if self.taken[i] or (pos not in {"NOUN", "PROPN"} and not self._agent_modifier(words, i)):
                continue
            if self._noun_role_at(words, i) is None and not (
                words.lemma[i] in self.v.unidentified_heads
                and any(words.lower[c] in self.v.unidentified_modifiers for c in words.children[i] if c < i)
            ):
                continue  # neither a group noun nor an unidentified one: nothing below takes it
            tok = self.doc[i]
            lemma = tok.lemma_.lower()
            if pos == "PROPN" and tok.is_title and tok.ent_type_ == "ORG" and tok.ent_iob_ == "I" \
                    and self._noun_role_at(words, i) == "CIV":
                continue  # "Ahvaz [National] Resistance": a word of an organization's name, not a group of people
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
            own_state = (_prep_country(tok, state_at) or next(
                (named_state_at[t.i] for t in self.doc[tok.left_edge.i:tok.i]
                 if t.dep_ in {"amod", "compound"} and t.i in named_state_at),
                None) or self._owner_state(tok, role, gov_at)) if role is not None else None
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
            iso3 = own_state or self._placed_country(tok, role) or self._group_country(tok.i, role, hint_by_sent, speaking)
            found.append(_Found(start, tok.i + 1, self._role_id(iso3, role), "generic"))
            self._take(start, tok.i + 1)
        return found

    def _agent_modifier(self, words: TokenTable, i: int) -> bool:
        """ "Separatist leaders", "militant commanders": a group noun read as an adjective before a noun of
        people or a title names the group they lead or belong to."""
        head = words.head[i]
        return words.pos[i] == "ADJ" and words.dep[i] == "amod" and words.lower[i] in self.v.alone and head > i \
            and (words.lemma[head] in self.v.nouns or (words.lemma[head],) in self.v.titles)

    def _owner_state(self, tok: Token, role: str, state_at: dict[int, str]) -> str | None:
        """ "Damascus denied that its army attacked": a state organ owned by "its" / "their" is the organ of the
        state named last before it in its sentence."""
        if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children):
            return None
        if not set(self.v.roles.get(role, {}).get("sectors", [])) & STATE_SECTORS:
            return None
        before = [i for i in state_at if tok.sent.start <= i < tok.i]
        return state_at[max(before)] if before else None

    def _role_is_armed(self, role: str) -> bool:
        return bool(set(self.v.roles.get(role, {}).get("sectors", [])) & ARMED_SECTORS)

    def _placed_country(self, tok: Token, role: str) -> str | None:
        """ "civilians in Aleppo", "a police academy in Bogota": the country of the place that the group noun's own
        phrase, or the phrase of the place it names ("police academy"), puts it in, before a country named elsewhere
        in the sentence ("... that derailed peace talks being held in Cuba"). State organs only by a place of
        theirs: foreign troops in a country are common."""
        owned = tok.dep_ == "compound" and tok.head.i > tok.i
        if role in STATE_ROLES and not owned:
            return None
        noun = tok.head if owned else tok
        for prep in noun.rights:
            if prep.dep_ == "prep" and prep.lower_ in PLACING_PREPS:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (iso3 := self.countries.at.get(obj.left_edge.idx)
                                               or self.countries.at.get(obj.idx)) is not None:
                        return iso3
        return None

    def _group_country(self, i: int, role: str, hint_by_sent: dict[int, str], speaking: dict[int, str]) -> str:
        """A group noun's country: a country named in its sentence, else where the report
        places it (that sentence's place, else the report's main country). A country that is its
        sentence's subject comes after the sentence's place ("Russia suggests the Syria attack was a
        provocation by rebels": Syria's rebels). State organs ("troops", "the government") take the
        place's country only when the report names a single country: foreign troops are common."""
        sentence = self.sent_index[i]
        other = self.done_to.get(sentence, set())
        hint = hint_by_sent.get(sentence) if hint_by_sent.get(sentence) not in other else None
        place = next((c for c in (self.countries.by_sentence.get(sentence), speaking.get(sentence),
                                  self.countries.dominant) if c and c not in other), None)
        if role in STATE_ROLES:
            return place if place and self.countries.single else UNKNOWN_COUNTRY
        return hint or place or UNKNOWN_COUNTRY
    # ---- 4. provisional actors -------------------------------------------------------------
    def _provisional(self, hints: list[_Found], named: list[_Found]) -> list[_Found]:
        hint_tokens = {i for h in hints for i in range(h.start, h.end)}
        found: list[_Found] = []
        t = token_table(self.doc)
        tag, pos = t.tag, t.pos
        for ent in entities(self.doc):
            if ent.label_ not in {"ORG", "NORP", "PERSON", "GPE"} or not self._free(ent.start, ent.end):
                continue
            if ent.label_ == "GPE" and (hint_tokens & set(range(ent.start, ent.end)) or not _is_agent_role(ent.root)):
                continue  # a place, not an actor
            if ent.label_ == "NORP" and (ent.start_char, ent.end_char) in self.countries.spans:
                continue  # "the Lahore blast": a town the recognizer called a people
            if _after_place_prep(ent[0]) and ent.end + 1 < len(self.doc) and ent.end + 1 in hint_tokens:
                continue  # "in Culiacan, Mexico" tagged as a person or organization: still a place
            start = ent.start + (1 if t.lower[ent.start] == "the" and len(ent) > 1 else 0)
            while start < ent.end - 1 and tag[start] == "POS":
                start += 1  # "the group['s Lahore] head": the recognizer began at the possessive
            # a name holds no finite verb or personal pronoun: a Title Case headline runs them into the
            # entity ("Putin Says Lukashenko Handed Him Documents"); the name ends before them
            end = next((i for i in range(start, ent.end) if tag[i] in NOT_IN_NAMES), ent.end)
            while end > start and pos[end - 1] in ("ADP", "DET", "CCONJ"):
                end -= 1  # "The Office of the President of [Ukraine]": the recognizer cut before the country
            if end == ent.end and end - 1 > start and tag[end - 1] == "POS":
                end -= 1  # "[Mazloum Abdi]'s forces": the recognizer took the possessive in
            if end <= start:
                continue
            # the words' text, as `self.doc[start:end].text`
            name = _strip_the(doc_text(self.doc)[t.idx[start]:t.idx[end - 1] + len(t.text[end - 1])]).strip(" ,.'’")
            if not name or (name.islower() and not any(pos[i] in ("NOUN", "PROPN") for i in range(start, end))):
                continue  # "trained, [armed &] paid by": the recognizer's words with no noun are no name
            owner = self._possessor(start, named) if ent.label_ == "ORG" else None
            role = self._noun_role(self.doc[start:end].root) if owner else None
            if owner and role:  # "Russia's Defence Ministry": the state's, as "Russia's defence ministry" is
                found.append(_Found(start, end, self._role_id(owner, role), "demonym"))
                self._take(start, end)
                continue
            # one country's organ is not another's: "Pakistan's Interior Office", "India's Interior Office"
            actor_id = f"prov:{owner.lower() + '-' if owner else ''}{slugify(name)}"
            if actor_id not in self.extra:
                inner = [h for h in hints if ent.start <= h.start < ent.end]
                iso3 = inner[0].actor_id.split(".", 1)[0] if inner else owner
                kind = {"PERSON": "person", "NORP": "group", "GPE": "state"}.get(ent.label_, "organization")
                self.extra[actor_id] = Actor(
                    id=actor_id, name=name, country=self.d.states.iso2_of.get(iso3 or ""), kind=kind,
                    provisional=True,
                )
            found.append(_Found(start, end, actor_id, "provisional",
                                person=name if ent.label_ == "PERSON" and not self._medium(ent.root) else None))
            self._take(start, end)
        return found

    def _medium(self, tok: Token) -> bool:
        """ "said on Twitter", "wrote via Telegram": where a verb of saying was said is no person."""
        prep = tok.head
        return tok.dep_ == "pobj" and prep.lower_ in ("on", "via") and prep.head.lemma_.lower() in self.v.reporting_verbs
