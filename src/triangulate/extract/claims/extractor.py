"""ClaimExtractor: one pass over a parsed document's sentences, from cues to Claim records."""

from __future__ import annotations

from dataclasses import replace
from itertools import takewhile

from spacy.tokens import Token

from triangulate.extract.claims.commitment import false_content, unable, uncommitted
from triangulate.extract.claims.cues import VerbCue, adjust_factuality, default_table
from triangulate.extract.claims.layouts import LayoutClaims, continued_quotes, inside_layout
from triangulate.extract.claims.learned import AttributionModel, default_model
from triangulate.extract.claims.modelled import ModelledClaims, deed_lemmas
from triangulate.extract.claims.quotes import find_quotes
from triangulate.extract.claims.spans import _clip_to_paragraph, _trim_tokens
from triangulate.extract.claims.state import _DocState, _Draft, _Speaker
from triangulate.extract.clauses import headline_end
from triangulate.read.nlp import doc_text
from triangulate.read.structure import RegionIndex
from triangulate.read.tokens import sentences, token_table
from triangulate.records import ChainLink, Claim, ReadDoc, Span

MAX_HEADLINE_SPEAKER = 6  # tokens before a headline's colon that can name a speaker
HEADLINE_SAYING = frozenset({"say", "claim", "tell", "deny", "admit", "confirm"})  # a headline's own verb of saying
FIRST_PERSON = frozenset({"i", "we"})  # inside a quotation: its speaker


class ClaimExtractor(ModelledClaims, LayoutClaims):
    """Attributed claims of a read document: rules first (cues, speakers, contents from the bases),
    then the attribution model's cues the rules did not take."""

    model: AttributionModel | None = None
    deeds: frozenset[str] = frozenset()  # verbs the model may not take as cues

    @classmethod
    def default(cls) -> ClaimExtractor:
        extractor = cls(default_table())
        extractor.model = default_model()
        extractor.deeds = deed_lemmas()
        return extractor

    def extract(self, read: ReadDoc) -> list[Claim]:
        doc = read.doc
        text = doc_text(doc)
        sents = list(sentences(doc))
        mentions = sorted(read.actor_mentions, key=lambda m: (m.start, m.end))
        st = _DocState(
            read=read, doc=doc, text=text, quotes=find_quotes(text),
            sent_starts=[s.start_char for s in sents],
            sent_bounds=[(s.start_char, s.end_char) for s in sents],
            mentions=mentions, mention_starts=[m.start for m in mentions], marked=RegionIndex.of(read.regions),
        )
        self._add(st, self._headline_colon(st))
        words = token_table(doc)
        for sent in sents:
            later: list[Token] = []
            for i in range(sent.start, sent.end):
                if words.lower[i] != "according" and not self._is_cue_word(words.pos[i], words.lemma[i]):
                    continue  # neither branch below
                tok = doc[i]
                if st.marked.covers(tok.idx):
                    continue  # no cue inside a byline, dateline, caption or post signature
                if tok.lower_ == "according":
                    self._add(st, self._according(tok, st))
                elif self._is_cue(tok):
                    if self._subject(tok) is None and tok.dep_ != "relcl":
                        later.append(tok)  # inherits its speaker: wait for the clause it hangs on
                    else:
                        self._add(st, self._verb_claim(tok, st))
            for tok in later:
                self._add(st, self._verb_claim(tok, st))
        for draft in self._layout_drafts(st):
            self._add(st, draft)
        if self.model is not None:
            for draft in self._model_drafts(self.model, st, headline_end(doc, full_stop=True)):
                self._add(st, draft)
        inside_layout(st)
        continued_quotes(st)
        self._fold_chains(st)
        self._quoted_first_person(st)
        return self._records(st)

    # -- cue detection -------------------------------------------------------------------------

    @staticmethod
    def _subject(tok: Token) -> Token | None:
        own = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if own is None:
            own = next((g for c in tok.children if c.dep_ == "aux" and c.i < tok.i
                        for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
        return own

    @staticmethod
    def _add(st: _DocState, draft: _Draft | None) -> None:
        if draft is None or not _outside_regions(st, draft):
            return
        st.drafts.append(draft)
        st.by_cue[draft.cue_token.i] = draft
        if draft.own_subject:
            st.speakers.append(draft.speaker)

    # -- verb cues -----------------------------------------------------------------------------

    def _verb_claim(self, verb: Token, st: _DocState) -> _Draft | None:
        if verb.i in st.consumed or verb.dep_ == "amod":
            return None
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            return None  # "have not been claimed by any side": no speaker to hold to it
        lemma = verb.lemma_.lower()
        cue = self.table.verbs.get(lemma)
        predicate_word = self._predicate_word(verb)
        if cue is None and predicate_word is None:
            return None
        speaker, own = self._speaker_of(verb, st)
        if speaker is None:
            return None
        via: list[ChainLink] = []
        cue_tokens = [verb]
        content_verbs = [verb]
        extra_cue = ""
        if cue is not None and cue.chain:
            if verb.tag_ == "VBG":
                return None  # "citing X" is read with the verb it hangs on
            quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if quoted is None:
                return None
            saying = self._saying_of(verb, quoted)
            exclude = set()
            if saying is not None:
                st.consumed.add(saying.i)
                content_verbs.insert(0, saying)
                exclude = {t.i for t in saying.subtree}
                as_word = saying.head if saying.head.lower_ == "as" else None
                extra_cue = f" ... {as_word.text + ' ' if as_word is not None else ''}{saying.text}"
            via.append(self._link(speaker, verb.text))
            speaker = self._phrase_speaker(quoted, st, exclude)
            own = True
        else:
            cited = self._cited(verb, speaker)
            if cited is not None:
                citing, source = cited
                st.consumed.add(citing.i)
                via.append(self._link(speaker, citing.text))
                speaker = self._phrase_speaker(source, st, set())
        cue_tokens.extend(
            a for a in verb.children
            if a.dep_ == "advmod" and a.lower_ in self._degree_words and abs(a.i - verb.i) == 1
        )
        inherits_from_bare_cue = (
            not own and verb.dep_ == "advcl" and self._is_cue(verb.head) and verb.head.i not in st.by_cue
        )
        if inherits_from_bare_cue and 0 < verb.i - verb.head.i <= 2:
            cue_tokens.append(verb.head)  # "reported, saying": one cue
        addressee = self._addressee_to(verb)
        if addressee is not None:
            cue_tokens.extend(addressee.subtree)
        first = min(t.i for t in cue_tokens)
        last = max(t.i for t in cue_tokens)
        cue_start, cue_end = st.doc[first].idx, st.doc[last].idx + len(st.doc[last])
        cue_text = st.text[cue_start:cue_end]
        if predicate_word is not None:
            cue_text += f" {predicate_word.text}"
        cue_text += extra_cue

        content = self._content(verb, content_verbs, cue_end, speaker, predicate_word, st)
        if content is None:
            return None
        content.start, content.end = _clip_to_paragraph(st.text, content.start, content.end, verb.idx)
        if content.end <= content.start:
            return None
        self._quote_pieces(content, verb, speaker, cue_end, st)
        base = cue.factuality if cue is not None else self.table.predicates[lemma].factuality
        factuality = self._cue_factuality(base, verb, content.head, negated_cue=unable(verb))
        return _Draft(
            cue_token=verb, cue_text=cue_text, cue_start=cue_start, cue_end=cue_end, speaker=speaker,
            content_start=content.start, content_end=content.end, kind=content.kind,
            factuality=factuality, own_subject=own, content_root=content.root, via=via, pieces=content.pieces,
        )

    @property
    def _degree_words(self) -> frozenset[str]:
        return self.table.raise_adverbs | self.table.lower_adverbs

    def _predicate_word(self, verb: Token) -> Token | None:
        predicate = self.table.predicates.get(verb.lemma_.lower())
        if predicate is None:
            return None
        return next((c for c in verb.children if c.lower_ in predicate.words), None)

    @staticmethod
    def _saying_of(verb: Token, quoted: Token) -> Token | None:
        """ "quoted X as saying" / "quoted X saying": the participle that opens the quote."""
        for child in quoted.children:
            if child.dep_ == "acl" and child.tag_ == "VBG":
                return child
        for prep in verb.children:
            if prep.lower_ == "as":
                for child in prep.children:
                    if child.tag_ == "VBG":
                        return child
        return None

    def _cited(self, verb: Token, speaker: _Speaker) -> tuple[Token, Token] | None:
        """ "Reuters, citing the state news agency SANA, reported": the cited phrase."""
        candidates = [*verb.children, *speaker.head.children]
        for citing in candidates:
            if citing.tag_ == "VBG" and self.table.verbs.get(citing.lemma_.lower(), VerbCue("Uu")).chain:
                source = next((c for c in citing.children if c.dep_ in ("dobj", "ccomp", "pobj")), None)
                # "claimed, citing travel data": data, footage, a report are evidence cited, not a speaker
                if source is not None and not {source.lemma_.lower(), source.lower_} & self.table.document_nouns:
                    return citing, source
        return None

    def _addressee_to(self, verb: Token) -> Token | None:
        if verb.lemma_.lower() not in self.table.addressee_to:
            return None
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "to" and child.i > verb.i:
                between = verb.doc[verb.i + 1 : child.i]
                if all(t.dep_ == "advmod" for t in between) and any(c.dep_ == "pobj" for c in child.children):
                    return child
        return None

    @staticmethod
    def _link(speaker: _Speaker, cue: str) -> ChainLink:
        return ChainLink(text=speaker.label, actor=speaker.actor, cue=cue)

    # -- according to ----------------------------------------------------------------------------

    def _according(self, tok: Token, st: _DocState) -> _Draft | None:
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None:
            return None
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            return None
        speaker = self._phrase_speaker(source, st, set())
        clause = tok.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
            clause = clause.head
        sent = tok.sent
        lo = max(clause.left_edge.i, sent.start)
        hi = min(clause.right_edge.i, sent.end - 1)
        phrase_lo, phrase_hi = tok.left_edge.i, tok.right_edge.i
        before = _trim_tokens(st.doc, lo, phrase_lo - 1)
        after = _trim_tokens(st.doc, phrase_hi + 1, hi)
        if before[1] < before[0]:
            i0, i1 = after
        elif after[1] < after[0]:
            i0, i1 = before
        else:
            i0, i1 = lo, hi  # "The strike, according to X, killed five": the whole clause
        content = self._finish(i0, i1, clause, tok.idx, st, quoted_kind=True)
        if content is None:
            return None
        content.start, content.end = _clip_to_paragraph(st.text, content.start, content.end, tok.idx)
        if content.end <= content.start:
            return None
        cue_start, cue_end = tok.idx, to.idx + len(to)
        factuality = adjust_factuality(
            self.table.according_to,
            negated_content=self._negated(content.head),
            content_level=self._content_level(content.head),
            uncommitted_content=uncommitted(content.head, self.table),
            false_content=false_content(content.head, self.table),
        )
        return _Draft(
            cue_token=tok, cue_text=st.text[cue_start:cue_end], cue_start=cue_start, cue_end=cue_end,
            speaker=speaker, content_start=content.start, content_end=content.end, kind="according_to",
            factuality=factuality, own_subject=True, content_root=clause,
        )

    # -- "Speaker: what they say" headlines ---------------------------------------------------------

    def _headline_colon(self, st: _DocState) -> _Draft | None:
        """A headline that attributes with a colon: "Jeremy Hunt: attack on tankers carried out by Iran",
        "New York Times: evidence suggests Russia destroyed the dam". The name before the colon is the
        speaker only when it names someone (a person, an organisation, an actor), not a topic ("Gulf of
        Oman tanker attacks: Iran rejects US claims"); a lead sentence rarely opens "Name:", so a headline
        ending with a full stop counts too."""
        end = headline_end(st.doc, full_stop=True)
        headline = list(takewhile(lambda t: t.idx < end, st.doc))  # the tokens before `end`, in order
        colon = next((t for t in headline if t.text == ":"), None)
        if colon is None or not 0 < colon.i <= MAX_HEADLINE_SPEAKER:
            return None
        head = st.doc[:colon.i].root
        named = head.pos_ == "PROPN" and (
            head.ent_type_ in ("PERSON", "ORG", "NORP") or any(m.start <= head.idx < m.end for m in st.mentions)
        )
        said = headline[colon.i + 1:]
        # what follows says something: a finite verb, a modal or an imperative ("A tortured relationship" does not)
        clause = [t for t in said if t.tag_ in ("VBZ", "VBD", "VBP", "MD", "VB")]
        if not named or not clause:
            return None
        if any(t.lemma_.lower() in HEADLINE_SAYING and any(c.dep_ == "nsubj" for c in t.children) for t in clause):
            return None  # "Dhaka Cafe Attack: ISIS Not Involved, Home Minister Says": the topic, then who says it
        i0, i1 = _trim_tokens(st.doc, said[0].i, said[-1].i)
        if i1 < i0:
            return None
        speaker = self._phrase_speaker(head, st, set())
        root = min(clause, key=lambda t: len(list(t.ancestors)))
        factuality = adjust_factuality(
            self.table.according_to, negated_content=self._negated(root), content_level=self._content_level(root),
            uncommitted_content=uncommitted(root, self.table), false_content=false_content(root, self.table),
        )
        start, stop = st.doc[i0].idx, st.doc[i1].idx + len(st.doc[i1])
        return _Draft(
            cue_token=colon, cue_text=":", cue_start=colon.idx, cue_end=colon.idx + 1, speaker=speaker,
            content_start=start, content_end=stop, kind="headline", factuality=factuality, own_subject=True,
            content_root=root,
        )

    # -- chains and records ----------------------------------------------------------------------

    @staticmethod
    def _fold_chains(st: _DocState) -> None:
        """ "Y confirmed that ..., X reported": one claim of Y's, passed on by X."""
        for outer in st.drafts:
            root = outer.content_root
            if root is None or outer.folded:
                continue
            inner = st.by_cue.get(root.i)
            if inner is None or inner is outer or not inner.own_subject or inner.folded:
                continue
            link = ChainLink(text=outer.speaker.label, actor=outer.speaker.actor, cue=outer.cue_text)
            inner.via = [*outer.via, link, *inner.via]
            outer.folded = True

    @staticmethod
    def _quoted_first_person(st: _DocState) -> None:
        """ "We believe that ...," the head of the FSB stated: a first person inside a quotation is its speaker."""
        for inner in st.drafts:
            speaker = inner.speaker
            if speaker.head.lower_ not in FIRST_PERSON or speaker.actor is not None or speaker.antecedent is not None:
                continue
            outer = next((o for o in st.drafts if o is not inner and o.content_start <= speaker.start < o.content_end
                          and o.speaker.head.lower_ not in FIRST_PERSON), None)
            if outer is not None:
                inner.speaker = replace(speaker, actor=outer.speaker.actor, antecedent=outer.speaker,
                                        label=f"{speaker.text} ({outer.speaker.label})",
                                        personal=speaker.personal or outer.speaker.personal)

    def _records(self, st: _DocState) -> list[Claim]:
        doc_id = st.read.document.id
        drafts = [d for d in st.drafts if not d.folded]
        drafts.sort(key=lambda d: (min(d.content_start, d.cue_start, d.speaker.start), d.cue_start))
        claims = []
        for n, d in enumerate(drafts, start=1):
            lo = min(d.content_start, d.cue_start, d.speaker.start)
            hi = max(d.content_end, d.cue_end, d.speaker.end)
            claims.append(Claim(
                id=f"{doc_id}:c{n}",
                doc_id=doc_id,
                speaker=d.speaker.actor,
                speaker_text=d.speaker.label,
                speaker_span=_span(st, d.speaker.start, d.speaker.end),
                cue=d.cue_text,
                cue_span=_span(st, d.cue_start, d.cue_end),
                factuality=d.factuality,
                content=_span(st, d.content_start, d.content_end),
                content_pieces=[_span(st, start, end) for start, end in d.pieces],
                via=list(d.via),
                evidence=self._evidence(st, lo, hi),
                kind=d.kind,
                found_by="model" if d.modelled else "rules",
                speaker_kind="document" if self._document(d.speaker) else "agent",
            ))
        return claims

    def _document(self, speaker: _Speaker) -> bool:
        noun = speaker.antecedent.noun if speaker.antecedent is not None else speaker.noun
        return noun.pos_ == "NOUN" and noun.lemma_.lower() in self.table.document_nouns

    @staticmethod
    def _evidence(st: _DocState, lo: int, hi: int) -> list[Span]:
        first = st.sentence_of(lo)
        spans = []
        for s_start, s_end in st.sent_bounds[first:]:
            if s_start >= hi:
                break
            text = st.text[s_start:s_end]
            stripped = text.rstrip()
            if stripped:
                spans.append(_span(st, s_start, s_start + len(stripped)))
        return spans


def _outside_regions(st: _DocState, draft: _Draft) -> bool:
    """Whether a claim stands outside the marked regions: its speaker is no byline or dateline
    ("Tehran, June 14" says nothing); content that opens inside one starts after it."""
    marked = st.marked
    if not marked:
        return True
    if marked.covers(draft.speaker.head.idx) or marked.covers(draft.speaker.start):
        return False
    while draft.content_start < draft.content_end and (end := marked.end_of(draft.content_start)) is not None:
        draft.content_start = end
        while draft.content_start < draft.content_end and st.text[draft.content_start].isspace():
            draft.content_start += 1
    return draft.content_start < draft.content_end


def _span(st: _DocState, start: int, end: int) -> Span:
    return Span(doc_id=st.read.document.id, start=start, end=end, text=st.text[start:end])
