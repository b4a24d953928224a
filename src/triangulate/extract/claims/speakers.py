"""Who speaks: the speaker phrase of a cue, the antecedent it refers back to, and its actor."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Token

from triangulate.extract.claims.commitment import unable
from triangulate.extract.claims.cues import CueReader
from triangulate.extract.claims.spans import _balance_quotes, _trim_tokens, _within_line
from triangulate.extract.claims.state import _DocState, _Speaker
from triangulate.extract.clauses import floated
from triangulate.read.actors import stray_subject
from triangulate.read.tokens import entities, span_at
from triangulate.records import Actor, ActorMention

# Closed grammatical sets: subjects that never speak, pronouns that refer back.
NON_SPEAKER_SUBJECTS = frozenset({"that", "this", "these", "those", "there", "what", "which", "who"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
THING_PRONOUNS = frozenset({"it"})
PARTITIVE_HEADS = frozenset({"one", "some", "many", "several", "two", "three", "most", "none", "each", "all"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
GOVERNMENT_KINDS = frozenset({"state", "government", "military", "country"})
GOVERNMENT_SECTORS = frozenset({"government", "military", "state"})
ANAPHORA_WINDOW = 3  # sentences a pronoun or "the source" may look back


class SpeakerFinder(CueReader):
    """The speaker rules of the claim extractor: subjects, inherited speakers, anaphora, actors."""

    def _speaker_of(self, verb: Token, st: _DocState) -> tuple[_Speaker | None, bool]:
        """The verb's speaker, and whether it is the verb's own subject (not inherited)."""
        # a dateline parsed as a subject ("Tehran, June 14: Iran rejects ...") is no speaker
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and not st.marked.covers(c.idx)]
        # "Saudi Arabia has 'completely' rejected": a quoted word can leave the subject on the auxiliary
        subjects = subjects or [g for c in verb.children if c.dep_ == "aux" and c.i < verb.i
                                for g in c.children if g.dep_ == "nsubj" and not st.marked.covers(g.idx)]
        # two subjects is a parse slip; a stray determiner ("The | Israel Defense Forces admitted") is not the one,
        # and the one next to the verb is ("'A terrorist attack' Russia says ...": Russia)
        subject = min(subjects, key=lambda c: (c.tag_ == "DT", abs(c.i - verb.i)), default=None)
        subject = floated(subject) if subject is not None else None
        if subject is not None:
            low = subject.lower_
            if low in RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
                return self._relative_speaker(subject, verb, st), True
            if low in NON_SPEAKER_SUBJECTS or subject.pos_ == "DET" or _negative(subject):
                return None, False  # "That said, ...", "no one reported"
            return self._phrase_speaker(subject, st, set()), True
        if self._speaker_goes_on(verb):
            outer = st.by_cue.get(verb.head.head.i)
            if outer is not None:
                return outer.speaker, False
        if verb.dep_ == "conj" and (stray := stray_subject(verb)) is not None:
            return self._phrase_speaker(stray, st, set()), True
        if verb.dep_ == "conj":
            head_draft = st.by_cue.get(verb.head.i)
            if head_draft is not None:
                return head_draft.speaker, False
            speaker, _ = self._speaker_of(verb.head, st)
            return speaker, False
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and verb.tag_ == "VBG":
            if verb.head.dep_ == "dobj" and self._is_chain(verb.head.head):
                return None, False  # "quoted X saying": read with the chain verb
            return self._phrase_speaker(verb.head, st, {t.i for t in verb.subtree}), True
        if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG":
            return self._inherited(verb, st), False
        if verb.dep_ == "advcl" and verb.tag_ == "VB" and verb.head.lemma_.lower() in self.table.purpose_heads \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            # "a representative contacted a journalist to claim responsibility": what it did that for
            doer = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            if doer is not None and doer.lower_ not in NON_SPEAKER_SUBJECTS and not _negative(doer):
                return self._phrase_speaker(doer, st, set()), False
        if verb.dep_ == "xcomp" and verb.tag_ == "VB" and verb.head.lemma_.lower() in self.table.realized_control:
            # "officials were quick to blame Russia": the subject above, which did it
            head = verb.head
            while head.dep_ in ("xcomp", "acomp", "attr") and head.head.i != head.i and not any(
                    c.dep_ == "nsubj" for c in head.children):
                head = head.head
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in NON_SPEAKER_SUBJECTS and not _negative(subject):
                return self._phrase_speaker(subject, st, set()), True
        if verb.dep_ == "xcomp" and verb.tag_ == "VB" and unable(verb):
            # "the agency has yet to confirm", "officials were unable to verify": the subject above
            head = verb.head
            while head.dep_ in ("xcomp", "acomp") and head.head.i != head.i:
                head = head.head
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in NON_SPEAKER_SUBJECTS and not _negative(subject):
                return self._phrase_speaker(subject, st, set()), True
        return None, False

    def _is_chain(self, tok: Token) -> bool:
        cue = self.table.verbs.get(tok.lemma_.lower())
        return cue is not None and cue.chain

    def _inherited(self, verb: Token, st: _DocState) -> _Speaker | None:
        """A participle ("claiming that", "emphasizing that") speaks for the clause above it."""
        ancestors = list(verb.ancestors)
        for anc in ancestors:
            draft = st.by_cue.get(anc.i)
            if draft is not None:
                return draft.speaker
        for anc in ancestors:
            subject = next((c for c in anc.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in NON_SPEAKER_SUBJECTS:
                return self._phrase_speaker(subject, st, set())
        return None

    def _relative_speaker(self, pronoun: Token, cue: Token, st: _DocState) -> _Speaker:
        """ "the senator, who said ...": the pronoun speaks, named by the phrase it hangs on."""
        named = self._phrase_speaker(cue.head, st, {t.i for t in cue.subtree})
        end = pronoun.idx + len(pronoun)
        return replace(named, start=pronoun.idx, end=end, text=pronoun.text, label=f"{pronoun.text} ({named.text})",
                       head=pronoun, antecedent=named)

    def _phrase_speaker(self, head: Token, st: _DocState, exclude: set[int]) -> _Speaker:
        # a dateline or byline before the name is not part of it: "Tehran, June 14: Iran"
        tokens = [t for t in head.subtree if t.i not in exclude and (t.i == head.i or not st.marked.covers(t.idx))]
        # a participle cue inside the phrase ("Reuters, citing SANA,") is not part of the name
        for t in list(tokens):
            citing = t.tag_ == "VBG" and t.dep_ in ("acl", "advcl") and self._is_cue(t)
            # a relative clause set off by a comma describes the speaker, it does not name them
            aside = t.dep_ == "relcl" and t.left_edge.i > 0 and st.doc[t.left_edge.i - 1].text == ","
            if (t.head == head and citing) or aside:
                cut = {s.i for s in t.subtree}
                tokens = [x for x in tokens if x.i not in cut]
        kept = {t.i for t in tokens if t.i <= head.i or t.i - head.i < 40}
        # the unbroken stretch around the head: a cut clause leaves no gap inside the name
        lo = hi = head.i
        while lo - 1 in kept:
            lo -= 1
        while hi + 1 in kept:
            hi += 1
        i0, i1 = _trim_tokens(st.doc, lo, hi)
        i0, i1 = _within_line(st.doc, i0, i1, head.i)
        i0, i1 = _balance_quotes(st.doc, i0, i1)
        start, end = st.doc[i0].idx, st.doc[i1].idx + len(st.doc[i1])
        noun = head
        plural = head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)
        partitive = head.lower_ in PARTITIVE_HEADS
        if partitive:
            of = next((c for c in head.children if c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if pobj is not None:
                noun = pobj
                plural = head.lower_ != "one" and head.lower_ != "each"
        lemma = noun.lemma_.lower()
        words = st.text[start:end]
        personal = (
            noun.ent_type_ == "PERSON" or lemma in self.table.source_nouns
            or lemma in self.table.person_nouns or head.lower_ in PERSON_PRONOUNS
        )
        speaker = _Speaker(
            start=start, end=end, text=words, label=words, head=head, noun=noun,
            actor=self._actor_for(head, noun, start, end, st),
            plural=plural or head.lower_ in PLURAL_PRONOUNS,
            personal=personal, anonymous=lemma in self.table.source_nouns,
            sentence=st.sentence_of(start),
        )
        antecedent = self._antecedent(speaker, partitive, st)
        if antecedent is not None and antecedent.head.pos_ == "PRON" and antecedent.antecedent is None:
            antecedent = None  # a pronoun that was itself left unresolved
        if antecedent is not None:
            # name the nearest phrase that is neither a pronoun nor our own words again:
            # "he (One of the sources)", and "The source" after "The source" names the first one
            while antecedent.antecedent is not None and (
                antecedent.head.pos_ == "PRON" or antecedent.text.lower() == words.lower()
            ):
                antecedent = antecedent.antecedent
            speaker.antecedent = antecedent
            speaker.label = f"{words} ({antecedent.text})"
            if speaker.actor is None or (head.pos_ == "PRON" and antecedent.actor is not None):
                # a pronoun is who the claims read it as ("he" after Zelenskyy's denial), not the nearest
                # person the actor reading found
                speaker.actor = antecedent.actor
            speaker.personal = speaker.personal or antecedent.personal
        return speaker

    def _antecedent(self, speaker: _Speaker, partitive: bool, st: _DocState) -> _Speaker | None:
        head, noun = speaker.head, speaker.noun
        low = head.lower_
        if head.pos_ == "PRON" and low in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS:
            return self._resolve_pronoun(head, speaker, st)
        # "the military said", "the group denied": the last actor of that kind the text named
        body = self._body(speaker, st)
        if body is not None:
            return body
        # "the source", "the officials", "one of the sources": a bare definite source noun
        if noun.lemma_.lower() not in self.table.source_nouns:
            return None
        modifiers = [c for c in noun.children if c.dep_ not in ("punct",)]
        if len(modifiers) != 1 or modifiers[0].lower_ != "the":
            return None
        want_plural = True if partitive else noun.tag_ in ("NNS", "NNPS")
        lemma = noun.lemma_.lower()
        generic = lemma in self.table.generic_source_nouns
        for prior in reversed(st.speakers):
            if speaker.sentence - prior.sentence > ANAPHORA_WINDOW:
                break
            if prior.start >= speaker.start or not prior.anonymous or prior.plural != want_plural:
                continue
            if generic or prior.noun.lemma_.lower() == lemma:
                return prior
        return None

    def _body(self, speaker: _Speaker, st: _DocState) -> _Speaker | None:
        noun = speaker.noun
        sectors = self.table.bodies.get(noun.lower_) or self.table.bodies.get(noun.lemma_.lower())
        if not sectors or speaker.actor is not None:
            return None
        if [c.lower_ for c in noun.children if c.dep_ not in ("punct",)] != ["the"]:
            return None  # "the Israeli military" names its own; "a group" refers to none
        window_start = st.sent_bounds[max(0, speaker.sentence - ANAPHORA_WINDOW)][0]
        found = []
        for mention in st.mentions:
            if mention.end > speaker.start or mention.start < window_start:
                continue
            actor: Actor | None = st.read.actors.get(mention.actor_id)
            words = span_at(st.doc, mention.start, mention.end)
            if actor is None or not sectors & set(actor.sectors) or words is None or not len(words):
                continue
            # the latest sentence first, and in it its subject ("Islamic Jihad is a group that fights
            # alongside Hamas. The group denied ...": Islamic Jihad), then the nearest
            subject = any(t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT" for t in words) \
                or (words.root.dep_ in ("nsubj", "nsubjpass") and words.root.head.dep_ == "ROOT")
            # "Russia's defence ministry accused Britain ... The ministry denied": a body named by the
            # same noun before is the one meant, ahead of any later actor of that sector
            same_noun = _phrase_noun(words.root).lemma_.lower() == noun.lemma_.lower()
            found.append(((same_noun, st.sentence_of(mention.start), subject, mention.start), words, mention))
        if not found:
            return None
        key, words, mention = max(found, key=lambda f: f[0])
        named = _phrase_noun(words.root) if key[0] else words.root
        return replace(self._phrase_speaker(named, st, set()), actor=mention.actor_id)

    def _resolve_pronoun(self, pron: Token, speaker: _Speaker, st: _DocState) -> _Speaker | None:
        low = pron.lower_
        wants_person = low in PERSON_PRONOUNS
        wants_plural = low in PLURAL_PRONOUNS

        # '"He denied it," Rose said': a quotation's own speaker would say "I", so is not its "he"
        quoting = self._quoting_names(pron, st)

        def fits(cand: _Speaker) -> bool:
            if quoting and quoting & _proper_words(cand, st):
                return False
            if wants_plural:
                return cand.plural
            return not cand.plural and cand.personal == wants_person

        # 1. a subject earlier in the same sentence: "al-Shammari visited the site, during which he told"
        sent = pron.sent
        # not a word of a quotation the pronoun's speaker is saying ('"The Zionist enemy is ...," it said')
        quoted = [(q.start, q.end) for q in st.quotes if q.end <= pron.idx and q.end > sent.start_char]
        for tok in reversed(sent[: pron.i - sent.start]):
            if any(lo <= tok.idx < hi for lo, hi in quoted):
                continue
            if tok.dep_ == "nsubj" and tok.pos_ != "PRON" and tok.lower_ not in NON_SPEAKER_SUBJECTS:
                cand = self._phrase_speaker(tok, st, set())
                if fits(cand):
                    return cand
        # 2. the last speaker that fits, a few sentences back, never one the text gives the other gender; for
        # "she", one the text has called so (or "Ms", a spokeswoman) before one it never has, since most
        # speakers the text never marks are men, and a quotation of several sentences may stand between
        wanted = self.table.gendered.get(low)
        unknown: _Speaker | None = None
        for prior in reversed(st.speakers):
            back = speaker.sentence - prior.sentence
            if back > (2 * ANAPHORA_WINDOW if wanted == "female" else ANAPHORA_WINDOW):
                break
            if prior.start < speaker.start and fits(prior):
                gender = self._gender(prior) if wanted else None
                if gender == wanted and (wanted == "female" or unknown is None):
                    return prior
                if gender is None and unknown is None and back <= ANAPHORA_WINDOW:
                    if wanted != "female":
                        return prior
                    unknown = prior
        if unknown is not None:
            return unknown
        # 3. the last named person (or organization for "it")
        labels = ("PERSON",) if wants_person else ("ORG", "GPE", "NORP") if not wants_plural else ()
        window_start = st.sent_bounds[max(0, speaker.sentence - ANAPHORA_WINDOW)][0]
        for ent in reversed(entities(st.doc)):
            if ent.start_char < window_start:
                break
            # "the Obama administration" names an administration, not a person "he" can be
            if any(q.inner_start <= ent.start_char < q.inner_end for q in st.quotes):
                continue  # '"... the assassination of President Rabbani are baseless," she said': not her
            if ent.end_char <= speaker.start and ent.label_ in labels and ent.root.dep_ != "compound":
                cand = self._phrase_speaker(ent.root, st, set())
                if not (quoting and quoting & _proper_words(cand, st)):
                    return cand
        return None

    def _gender(self, speaker: _Speaker) -> str | None:
        """The gender the text gives a speaker or the chain it refers back to: a pronoun, a title, a noun."""
        link: _Speaker | None = speaker
        while link is not None:
            for word in link.text.lower().replace(".", " ").split():
                if (gender := self.table.gendered.get(word)) is not None:
                    return gender
            link = link.antecedent
        return None

    def _quoting_names(self, pron: Token, st: _DocState) -> set[str]:
        """The proper names of who says the quotation a pronoun stands in ('"He ...," Rose said': rose)."""
        quote = next((q for q in st.quotes if q.inner_start <= pron.idx < q.inner_end), None)
        if quote is None:
            return set()
        names: set[str] = set()
        # the attribution sits in a sentence the quotation runs through, outside every quotation
        lo, hi = pron.sent.start, span_at(st.doc, quote.start, quote.end)
        last = hi[-1].sent.end if hi is not None and len(hi) else pron.sent.end
        for tok in st.doc[lo:last]:
            if tok.dep_ != "nsubj" or not self._is_cue(tok.head) or any(q.start <= tok.idx < q.end for q in st.quotes):
                continue
            names.update(t.lower_ for t in tok.subtree if t.pos_ == "PROPN")
        return names

    def _actor_for(self, head: Token, noun: Token, start: int, end: int, st: _DocState) -> str | None:
        """The actor of the mention on the head, else on a modifier, else a government mention inside."""
        inside = self._mentions_within(start, end, st)
        if not inside:
            return None

        def on(tok: Token) -> ActorMention | None:
            hits = [m for m in inside if m.start <= tok.idx < m.end]
            return min(hits, key=lambda m: m.end - m.start) if hits else None

        for tok in (head, noun):
            m = on(tok)
            if m is not None:
                return m.actor_id
        for tok in (head, noun):
            modifiers = [m for child in tok.children if child.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod", "appos")
                         and (m := on(child)) is not None]
            if modifiers:
                # "Somalia's al Shabaab Islamist group", "Somali militant group Al-Shabaab": the named group, not
                # the country it is placed in
                return next((m.actor_id for m in modifiers if not self._state_actor(m.actor_id, st)),
                            modifiers[0].actor_id)
        # "the head of Ukraine's SBU", "a spokesman for Islamic Jihad", "the Director of the FSB, Alexander
        # Bortnikov", "an affiliate of the Islamic State": a role or a part speaks for the body it belongs to
        roles = self.table.person_nouns | self.table.source_nouns | self.table.part_nouns
        for tok in st.doc[head.left_edge.i:head.right_edge.i + 1]:
            if tok.lemma_.lower() not in roles or not start <= tok.idx < end:
                continue
            bodies = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
                      for g in c.children if g.dep_ == "pobj"]
            bodies += [c for c in tok.children if c.dep_ in ("poss", "compound")]
            for body in bodies:
                m = on(body) or next((on(c) for c in body.children if c.dep_ in ("poss", "compound", "amod")
                                      and on(c) is not None), None)
                if m is not None:
                    return m.actor_id
        return next((m.actor_id for m in inside if self._state_actor(m.actor_id, st)), None)

    @staticmethod
    def _state_actor(actor_id: str, st: _DocState) -> bool:
        actor: Actor | None = st.read.actors.get(actor_id)
        return actor is not None and (actor.kind in GOVERNMENT_KINDS or bool(GOVERNMENT_SECTORS & set(actor.sectors)))

    @staticmethod
    def _mentions_within(start: int, end: int, st: _DocState) -> list[ActorMention]:
        lo = bisect_right(st.mention_starts, start - 1)
        # a mention may start before the phrase and still cover its head: look a little back
        back = max(0, lo - 4)
        found = []
        for m in st.mentions[back:]:
            if m.start >= end:
                break
            if m.end > start:
                found.append(m)
        return found


def _proper_words(speaker: _Speaker, st: _DocState) -> set[str]:
    words = span_at(st.doc, speaker.start, speaker.end)
    return {t.lower_ for t in words if t.pos_ == "PROPN"} if words is not None else set()


def _negative(subject: Token) -> bool:
    """"no one", "nobody", "none of them": a subject that says nobody spoke."""
    low = subject.lower_
    return low in ("nobody", "none", "noone") or (
        low == "one" and any(c.lower_ == "no" for c in subject.children)
    ) or any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _phrase_noun(tok: Token) -> Token:
    """The noun a mention stands in: itself, or the noun it modifies ("Russia's ministry", "the army's chief")."""
    while tok.dep_ in ("poss", "compound", "amod") and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head
    return tok
