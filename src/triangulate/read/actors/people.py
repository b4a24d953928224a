"""People in a report: names with their titles and organizations, then short forms and pronouns (coref)."""

from __future__ import annotations

from spacy.tokens import Token

from triangulate.read.actors.found import _Found, _ReportPass
from triangulate.read.actors.vocabulary import (
    APOSTROPHES,
    PERSON_WINDOW_SENTENCES,
    PRONOUNS,
    TITLE_WINDOW_SENTENCES,
    slugify,
)
from triangulate.read.tokens import entities, span_at, token_table
from triangulate.records import Actor


class _PeopleSteps(_ReportPass):
    """Steps 3 and 5 of a report's pass: people and their titles; short forms and pronouns."""

    # ---- 3. people and their titles --------------------------------------------------------
    def _people(self, found: list[_Found]) -> list[_Found]:
        by_token: dict[int, _Found] = {}
        for f in found:
            for i in range(f.start, f.end):
                by_token[i] = f
        persons = [e for e in entities(self.doc) if e.label_ == "PERSON"]
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
        lower = token_table(self.doc).lower
        for n in range(min(self.v.max_title_len, limit - i), 0, -1):
            key = tuple(lower[i:i + n])
            if key in self.v.titles:
                return i + n, self.v.titles[key]
        return None

    def _title_ending_at(self, end: int) -> tuple[int, str] | None:
        lower = token_table(self.doc).lower
        for n in range(min(self.v.max_title_len, end), 0, -1):
            key = tuple(lower[end - n:end])
            if key in self.v.titles:
                return end - n, self.v.titles[key]
        return None

    def _title_left(self, start: int, by_token: dict[int, _Found]) -> tuple[int, _Found | None, str | None]:
        """'Israeli Prime Minister X', "Iraq's Defense Minister X", 'Hezbollah leader X'."""
        i, role = start, None
        words = token_table(self.doc)
        sent_start = words.sent[start]  # not `Token.sent`: it walks the sentence
        while i > sent_start:
            match = self._title_ending_at(i)
            if match is not None and match[0] >= sent_start:
                i, role = match[0], role or match[1]
                continue
            if words.lower[i - 1] in self.v.title_modifiers:
                i -= 1
                continue
            break
        if role is None:
            return start, None, None
        # "Bulgaria's foreign ministry spokesperson X", "Canada's Foreign Affairs Minister X": the state owning
        # the body the title is held in
        k = i
        while i - k < 3 and k > sent_start + 2 and words.pos[k - 1] in ("NOUN", "PROPN", "ADJ") \
                and words.dep[k - 1] in ("compound", "amod", "nmod"):
            k -= 1
        state = by_token.get(k - 2) if k < i and words.lower[k - 1].translate(APOSTROPHES) in {"'s", "'"} else None
        if state is not None and state.actor_id.endswith(".GOV"):
            return state.start, state, role
        j = i
        if j > sent_start and words.lower[j - 1].translate(APOSTROPHES) in {"'s", "'"}:
            j -= 1
        elif j > sent_start + 1 and words.text[j - 1] == ")":
            # "Syrian Democratic Forces (SDF) Commander-in-Chief X": the body its short name closes
            f = by_token.get(j - 2)
            return (i, f, role) if f is not None else (i, None, role)
        f = by_token.get(j - 1) if j > sent_start else None
        if f is not None:
            return f.start, f, role
        # "the Colombian government of President X": the government the title is held in
        f = by_token.get(j - 2) if j - 1 > sent_start and words.lower[j - 1] == "of" else None
        if f is not None and f.actor_id.endswith(".GOV"):
            return i, f, role
        return i, None, role

    def _title_apposition(self, start: int, end: int, by_token: dict[int, _Found]) -> tuple[_Found | None, str | None]:
        """'X, commander of the Quds Force', 'X, a spokesman for Hamas' and 'the commander of the Quds Force ..., X'."""
        words = token_table(self.doc)
        sent_start, sent_end = words.sent[start], words.sent_end[start]  # not `Token.sent`: it walks the sentence
        if end < sent_end and words.text[end] == ",":
            for k in range(end + 1, min(end + 4, sent_end)):
                match = self._title_at(k, sent_end)
                if match is not None:
                    f = self._org_after(match[0], sent_end, by_token)
                    if f is not None:
                        return f, match[1]
        if start > sent_start and words.text[start - 1] == ",":
            for k in range(start - 2, max(sent_start, start - 16) - 1, -1):
                match = self._title_at(k, start - 1)
                if match is not None:
                    f = self._org_after(match[0], start - 1, by_token)
                    if f is not None:
                        return f, match[1]
        return None, None

    def _org_after(self, i: int, limit: int, by_token: dict[int, _Found]) -> _Found | None:
        words = token_table(self.doc)
        if i >= limit or words.lower[i] not in ("of", "for"):  # "commander of", "a spokesman for"
            return None
        for k in range(i + 1, min(i + 5, limit)):
            if k in by_token:
                return by_token[k]
            if words.pos[k] not in {"DET", "ADJ", "PROPN", "NOUN"}:
                return None
        return None

    def _affiliation_id(self, actor_id: str, title_role: str | None) -> str:
        """A state's GOV named with a military title gives the state's MIL, and so on."""
        if actor_id.endswith(".GOV") and title_role:
            return self._role_id(actor_id[:-4], title_role)
        return actor_id
    # ---- 5. short forms and pronouns -------------------------------------------------------
    def _coref(self, found: list[_Found]) -> list[_Found]:
        people: list[_Found] = []  # full person mentions, most recent last
        last_person: _Found | None = None
        last_sentence = -10
        out: list[_Found] = []
        events: list[tuple[int, int, _Found | Token]] = [(f.start, 0, f) for f in found]
        words = token_table(self.doc)
        for i, lower in enumerate(words.lower):  # one walk over the tokens: pronouns, and titles standing alone
            # "the president himself": an intensifier is the noun it follows, no one named before
            if lower in PRONOUNS and words.pos[i] == "PRON" and not self.taken[i] and words.dep[i] != "appos":
                events.append((i, 1, self.doc[i]))
            elif lower == "the" and self._description(self.doc[i]):
                events.append((i, 2, self.doc[i]))
        titled: list[tuple[_Found, set[str]]] = []  # people named with a title, and its words
        seen: dict[str, int] = {}  # the sentence each person was last named or referred to in
        for _, kind, item in sorted(events, key=lambda e: (e[0], e[1])):
            if isinstance(item, Token) and kind == 2:
                # "the spokesman" after "Kremlin spokesman Dmitry Peskov": the last one named with that title
                sentence = self.sent_index[item.i]
                noun = self.doc[item.i + 1].lower_
                earlier = next((p for p, words in reversed(titled) if noun in words
                                and sentence - seen.get(p.actor_id, -99) <= TITLE_WINDOW_SENTENCES), None)
                if earlier is not None:
                    full = self._full(earlier)
                    out.append(_Found(item.i, item.i + 2, earlier.actor_id, "coref", person=earlier.person,
                                      antecedent=(self.doc[full.start].idx, self._end_char(full))))
                    seen[earlier.actor_id] = sentence
                continue
            if isinstance(item, Token):
                sentence = self.sent_index[item.i]
                if last_person is None or sentence - last_sentence > PERSON_WINDOW_SENTENCES:
                    continue
                full = self._full(last_person)
                out.append(_Found(item.i, item.i + 1, last_person.actor_id, "coref", person=last_person.person,
                                  antecedent=(self.doc[full.start].idx, self._end_char(full))))
                last_sentence = seen[last_person.actor_id] = sentence
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
                seen[f.actor_id] = self.sent_index[f.start]
                if item.how == "title":
                    name = set((item.person or "").lower().split())
                    titled.append((f, {t.lower_ for t in self.doc[item.start:item.end]} - name))
                last = self.doc[f.end - 1]
                if not (last.dep_ == "compound" and last.head.pos_ == "NOUN"):
                    # a name used as a modifier ("the Manchester Arena bomber") is no one a pronoun goes back to
                    last_person, last_sentence = f, self.sent_index[f.start]
            out.append(f)
        return out

    def _description(self, t: Token) -> bool:
        """ "the" before a one-word title standing alone ("the spokesman said", not "the spokesman Dmitry
        Peskov"), free of other mentions."""
        doc = self.doc
        return t.lower_ == "the" and t.i + 1 < len(doc) and (doc[t.i + 1].lower_,) in self.v.titles \
            and not self.taken[t.i + 1] and doc[t.i + 1].pos_ == "NOUN" \
            and (t.i + 2 >= len(doc) or doc[t.i + 2].pos_ != "PROPN")

    def _earlier_person(self, f: _Found, people: list[_Found]) -> _Found | None:
        """'Netanyahu' after 'Benjamin Netanyahu': same actor, a name ending the same way, or the same name."""
        name = (f.person or "").translate(APOSTROPHES).lower().split()
        for p in reversed(people):
            full = (p.person or "").translate(APOSTROPHES).lower().split()
            if p.actor_id == f.actor_id and len(full) > len(name):
                return p
            if name and len(name) < len(full) and full[-len(name):] == name:
                return p
            if name == full and f.actor_id.startswith("prov:") and p.actor_id != f.actor_id:
                return p  # the full name again, without the title that placed it the first time
        return None

    def _full(self, f: _Found) -> _Found:
        if f.antecedent is None:
            return f
        return _Found(self._token_at(f.antecedent[0]), self._token_at(f.antecedent[1] - 1) + 1, f.actor_id, f.how)

    def _token_at(self, char: int) -> int:
        span = span_at(self.doc, char, char + 1)
        return span.start if span is not None else 0

    def _end_char(self, f: _Found) -> int:
        return self.doc[f.end - 1].idx + len(self.doc[f.end - 1].text)

    # ---- 5b. "it" / "they" standing for who says it -----------------------------------------
    def _speaker_pronouns(self, found: list[_Found]) -> list[_Found]:
        """ "Hamas said it fired the rockets", "the rebels claimed the attack, saying they hit the base": the
        subject "it" / "they" of what a group or state says is the one who says it (persons are coref's)."""
        words = token_table(self.doc)
        on_token = {i: f for f in found for i in range(f.start, f.end)}
        out: list[_Found] = []
        for i, lower in enumerate(words.lower):
            if lower not in SPEAKER_PRONOUNS or words.pos[i] != "PRON" or i in on_token \
                    or words.dep[i] not in ("nsubj", "nsubjpass"):
                continue
            verb = self.doc[i].head
            if verb.lemma_.lower() == "be" or verb.pos_ not in ("VERB", "AUX"):
                continue  # "said it was a car bomb": "it" is the deed, not the speaker
            speaker = _saying_subject(verb, self.v.reporting_verbs)
            mention = on_token.get(speaker.i) if speaker is not None else None
            if speaker is None or mention is None or mention.person is not None or speaker.i >= i:
                continue
            if (lower == "it" and speaker.tag_ in ("NNS", "NNPS")) or (
                    lower == "they" and speaker.tag_ not in ("NNS", "NNPS") and mention.actor_id.endswith(".GOV")):
                continue  # "the rebels said it ...": the deed; "Russia said they ...": others
            out.append(_Found(i, i + 1, mention.actor_id, "speaker",
                              antecedent=(self.doc[mention.start].idx, self._end_char(mention))))
        return out


SPEAKER_PRONOUNS = frozenset({"it", "they"})


def _saying_subject(verb: Token, reporting: frozenset[str]) -> Token | None:
    """The subject of the verb of saying whose clause `verb` heads ("X said [it fired]"), through a
    conjoined clause ("said it fired and [hit]") and a participle of saying ("claimed it, saying ...")."""
    if verb.dep_ == "conj" and verb.head.dep_ == "ccomp":
        verb = verb.head
    if verb.dep_ != "ccomp":
        return None
    saying = verb.head
    if saying.lemma_.lower() not in reporting:
        return None
    for _ in range(2):
        subject = next((c for c in saying.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if saying.dep_ not in ("advcl", "xcomp", "conj"):
            return None
        if saying.dep_ == "conj" and any(t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN")
                                         for t in verb.doc[saying.head.i + 1:saying.i]):
            return None  # "X denied attacking Y but the leader of Z said it ...": a subject misread as an object
        saying = saying.head  # "claimed responsibility, saying ...": the one who claimed
    return None
