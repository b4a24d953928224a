"""What is claimed: the content span a cue governs, its kind, and the negation and modals in it."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Token

from triangulate.extract.claims.commitment import false_content, uncommitted
from triangulate.extract.claims.cues import LEVELS, CueReader, adjust_factuality
from triangulate.extract.claims.quotes import Quote
from triangulate.extract.claims.spans import _balance_quotes, _clause_head, _trim_tokens
from triangulate.extract.claims.state import ClaimKind, _Content, _DocState, _Speaker
from triangulate.read.tokens import span_at
from triangulate.records import Factuality

SEPARATORS = ",:;–—-"
QUOTE_GAP = re.compile(r"[\s,:;–—-]*")
ATTRIBUTION_GAP = re.compile(r"[\s,;–—-]*")
CONTINUATION_GAP = re.compile(r"[\s,:;.–—-]*")  # '"X," he said. "Y."': the quotation goes on
QUOTE_CHAIN_GAP = re.compile(r"[ \t]*")  # '"Y." "Z."': consecutive quotations of one speaker
# Dependents that carry a noun-phrase content ("refuted any coordination ... regarding Iraq").
CONTENT_DEPS = frozenset({"dobj", "oprd", "acomp", "attr", "prep", "xcomp", "ccomp", "dative"})
TEMPORAL_ENTS = frozenset({"DATE", "TIME"})


class ContentFinder(CueReader):
    """The content rules of the claim extractor: clauses, objects, quotations and colons."""

    def _content(
        self, verb: Token, content_verbs: list[Token], cue_end: int, speaker: _Speaker,
        predicate_word: Token | None, st: _DocState,
    ) -> _Content | None:
        doc = st.doc
        sent = verb.sent
        # 1. a complement clause
        for cv in content_verbs:
            comps = [c for c in cv.children if c.dep_ == "ccomp" and c != predicate_word]
            if comps:
                comp = max(comps, key=lambda c: c.i > verb.i)  # prefer the one after the verb ...
                before = [c for c in comps if c.i < verb.i]
                if comp.i > verb.i and before and _set_off(verb, comp):
                    # ... unless a comma sets it off and no "that" opens it: "X poisoned him, Bellingcat
                    # claimed, citing data that links ...": the fronted clause is what was claimed
                    comp = before[0]
                i0, i1 = comp.left_edge.i, self._cut_participles(comp, st)
                has_that = any(t.dep_ == "mark" and t.lower_ == "that" for t in comp.children) or (
                    doc[i0].lower_ == "that"
                )
                return self._finish(i0, i1, comp, verb.idx, st, quoted_kind=not has_that)
        # 1b. the clause the parser hung on where it was said: "said in a statement that ISIS bears ...",
        # "said on Twitter that ..."
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "on", "during", "at")):
            for place in (g for g in prep.children if g.dep_ == "pobj"):
                clause = next((c for c in place.children if c.dep_ in ("acl", "relcl", "ccomp")
                               and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
                if clause is not None:
                    return self._finish(clause.left_edge.i, self._cut_participles(clause, st), clause, verb.idx, st,
                                        quoted_kind=False)
        # 2. "held X responsible for Y", "accused X of Y", "refuted any coordination ..."
        cue = self.table.verbs.get(verb.lemma_.lower())
        if predicate_word is not None or (cue is not None and cue.takes_object):
            span = self._object_span(verb, predicate_word)
            if span is not None:
                return self._finish(span[0], span[1], None, verb.idx, st, quoted_kind=False, nominal=True)
        # 3. "that" left without a clause by the parser: "told the state television that several ..."
        after = self._after_cue_token(verb, st)
        if after is not None and after.lower_ == "that" and after.i + 1 < sent.end:
            return self._finish(after.i, self._sentence_last(sent, st), None, verb.idx, st,
                                quoted_kind=False)
        # 4. a quotation right after the attribution: 'X said: "..."'
        attribution_end = max(cue_end, speaker.end if speaker.start > verb.idx else cue_end)
        quote = self._quote_after(attribution_end, st)
        if quote is not None:
            return self._quote_content(quote, "direct", st)
        # 5. an unquoted colon: "X told TV7: the attack was ..."
        if after is not None and after.text == ":" and after.i + 1 < sent.end:
            return self._finish(after.i + 1, self._sentence_last(sent, st), None, verb.idx, st,
                                quoted_kind=True)
        # 6. a quotation or clause before the attribution: '"...," X said' / '... – a source said'
        attribution_start = min(verb.idx, speaker.start)
        quote = self._quote_before(attribution_start, st)
        if quote is not None and self._ends_sentence(verb, st):
            return self._quote_content(quote, "direct", st)
        if self._ends_sentence(verb, st):
            first = sent.start
            sep = self._last_before(attribution_start, st)
            if sep is not None and sep.text in SEPARATORS and sep.i > first:
                return self._finish(first, sep.i - 1, None, verb.idx, st, quoted_kind=True)
        return None

    def _quote_pieces(self, content: _Content, verb: Token, speaker: _Speaker, cue_end: int, st: _DocState) -> None:
        """A quotation split by its attribution is one content in pieces: '"X," he said, "Y." "Z."'.
        Quotations that follow the last piece in the same paragraph with nothing between them join it."""
        quote = next((q for q in st.quotes if q.inner_start <= content.start and content.end <= q.inner_end), None)
        if quote is None:
            return
        pieces = [(content.start, content.end)]
        attribution_start = min(verb.idx, speaker.start)
        attribution_end = max(cue_end, speaker.end)
        if quote.end <= attribution_start:
            after = self._quote_after(attribution_end, st, CONTINUATION_GAP)
            if after is not None:
                pieces.append(self._quote_piece(after, st))
                quote = after
        elif quote.start >= attribution_end:
            before = self._quote_before(attribution_start, st)
            if before is not None and st.sentence_of(before.start) == st.sentence_of(verb.idx):
                pieces.insert(0, self._quote_piece(before, st))
        while (nxt := self._quote_after(quote.end, st, QUOTE_CHAIN_GAP)) is not None:
            pieces.append(self._quote_piece(nxt, st))
            quote = nxt
        if len(pieces) > 1:
            content.pieces = [p for p in pieces if p[1] > p[0]]
            content.start, content.end = pieces[0][0], pieces[-1][1]

    def _quote_piece(self, q: Quote, st: _DocState) -> tuple[int, int]:
        inner = self._quote_content(q, "direct", st)
        return inner.start, inner.end

    def _after_cue_token(self, verb: Token, st: _DocState) -> Token | None:
        """The first token after the cue, its adverbs, its "to" addressee and a told addressee."""
        last = verb.i
        for child in verb.children:
            if child.i <= verb.i:
                continue
            told = child.dep_ in ("dobj", "dative") and verb.lemma_.lower() in self.table.addressee_object
            attached = child.dep_ == "advmod" or told or (child.dep_ == "prep" and child.lower_ == "to")
            if attached and child.left_edge.i == last + 1:
                last = child.right_edge.i
        nxt = last + 1
        return st.doc[nxt] if nxt < verb.sent.end else None

    def _object_span(self, verb: Token, predicate_word: Token | None) -> tuple[int, int] | None:
        if not any(c.dep_ == "dobj" for c in verb.children):
            return self._gerund(verb) or self._owned_to(verb)
        start: int | None = None
        end: int | None = None
        for child in verb.rights:
            dep = child.dep_
            if dep == "prep" and child.lower_ == "to" and verb.lemma_.lower() in self.table.addressee_to:
                if start is None:
                    continue  # the addressee: "confirmed to TV7 the ..."
                break  # "confirmed the story to the Gateway Pundit"
            if dep == "prep" and any(c.ent_type_ in TEMPORAL_ENTS for c in child.children):
                break  # "on Monday"
            if child == predicate_word and dep == "prt":
                continue  # "ruled out"
            if dep in CONTENT_DEPS or child == predicate_word:
                start = child.left_edge.i if start is None else start
                end = child.right_edge.i
                continue
            if start is not None:
                break
        if start is None or end is None:
            return None
        return start, end

    @staticmethod
    def _gerund(verb: Token) -> tuple[int, int] | None:
        """What "denied attacking the hospital, branding the footage fake" denies: the gerund's phrase, without a
        second participle joined to it."""
        gerund = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > verb.i), None)
        if gerund is None:
            return None
        joined = [c for c in gerund.children if c.dep_ == "conj" and c.tag_ == "VBG"]
        end = min([gerund.right_edge.i, *(c.left_edge.i - 1 for c in joined)])
        while end > gerund.i and gerund.doc[end].is_punct:
            end -= 1
        return gerund.left_edge.i, end

    def _owned_to(self, verb: Token) -> tuple[int, int] | None:
        """What "confessed to" / "admitted to" owns up to: "to the attack" (not "to reporters")."""
        if verb.lemma_.lower() not in self.table.owning_to:
            return None
        to = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "to"), None)
        if to is None or any(c.dep_ in ("ccomp", "xcomp", "dative") for c in verb.children):
            return None
        thing = next((g for g in to.children if g.dep_ == "pobj"), None)
        if thing is None or thing.pos_ != "NOUN" or thing.lemma_.lower() in self.table.audience_nouns:
            return None
        return to.i, to.right_edge.i

    def _cut_participles(self, comp: Token, st: _DocState) -> int:
        """The clause's last token, before a trailing participle cue that speaks for itself or a second cue of
        the same speaker ("said A and refuted that B")."""
        end = comp.right_edge.i
        for tok in comp.subtree:
            participle = tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp") and tok.i > comp.i
            if participle and self._is_cue(tok) and not any(c.dep_ == "nsubj" for c in tok.children):
                end = min(end, tok.left_edge.i - 1)
            elif tok.head == comp and tok.i > comp.i and self._speaker_goes_on(tok):
                joint = [c.i for c in comp.children if c.dep_ == "cc" and c.i < tok.i]
                end = min(end, (max(joint) if joint else tok.i) - 1)
        return end

    def _finish(
        self, i0: int, i1: int, head: Token | None, anchor: int, st: _DocState, *,
        quoted_kind: bool, nominal: bool = False,
    ) -> _Content | None:
        """Content from a token range: trimmed, and fitted to a quotation it lies in or holds.

        `anchor` is the cue's position: a cue inside a quotation ("... no one reported a streak
        of light") has its content inside it too, not the whole quotation.
        """
        doc = st.doc
        kind: ClaimKind
        i0, i1 = _trim_tokens(doc, i0, i1)
        # the complementizer belongs to the content ("said that ..."), as PolNeAR and PARC mark it
        that = i0 < i1 and doc[i0].lower_ == "that" and doc[i0].dep_ in ("mark", "nsubj")
        if that and _trim_tokens(doc, i0 + 1, i1)[1] < i0 + 1:
            return None
        if i1 < i0:
            return None
        i0, i1 = _balance_quotes(doc, i0, i1)
        start, end = doc[i0].idx, doc[i1].idx + len(doc[i1])
        root = head
        if head is None and not nominal:
            head = _clause_head(doc[i0 + that : i1 + 1])
        inside = [q for q in st.quotes if q.start < end and q.end > start and not q.start <= anchor < q.end]
        if len(inside) == 1:
            q = inside[0]
            outside = st.text[start:q.start] + st.text[q.end:end] if start < q.start else st.text[q.end:end]
            if (start >= q.start and end <= q.end) or not outside.strip(" \n,.;:“”\"‘’"):
                return self._quote_content(q, "direct" if quoted_kind else "mixed", st, root=root)
            if end < q.end and start < q.start:
                end = q.end  # a partial quotation runs past the clause: keep its closing mark
            kind = "mixed"
        elif len(inside) > 1:
            kind = "mixed"
        else:
            kind = "indirect"
        return _Content(start, end, None if nominal else head, kind, root)

    def _quote_content(self, q: Quote, kind: ClaimKind, st: _DocState, root: Token | None = None) -> _Content:
        start, end = q.inner_start, q.inner_end
        while end > start and st.text[end - 1] in " \n,;:":
            end -= 1
        while start < end and st.text[start].isspace():
            start += 1
        span = span_at(st.doc, start, end)
        head = _clause_head(span) if span is not None else None
        return _Content(start, end, head, kind, root)

    @staticmethod
    def _quote_after(pos: int, st: _DocState, gap_pattern: re.Pattern[str] = QUOTE_GAP) -> Quote | None:
        for q in st.quotes:
            if q.start >= pos:
                gap = st.text[pos:q.start]
                return q if gap_pattern.fullmatch(gap) and "\n\n" not in gap else None
        return None

    @staticmethod
    def _quote_before(pos: int, st: _DocState) -> Quote | None:
        best: Quote | None = None
        for q in st.quotes:
            if q.end <= pos:
                best = q
            else:
                break
        if best is None:
            return None
        return best if ATTRIBUTION_GAP.fullmatch(st.text[best.end:pos]) else None

    @staticmethod
    def _ends_sentence(verb: Token, st: _DocState) -> bool:
        """Nothing but the cue's own dependents (speaker, time, place) follows it in the sentence."""
        sent = verb.sent
        tail = [t for t in st.doc[verb.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
        return all(t.head == verb or verb in t.ancestors for t in tail) and not any(
            t.dep_ in ("ccomp", "dobj") for t in verb.rights
        )

    @staticmethod
    def _last_before(pos: int, st: _DocState) -> Token | None:
        span = span_at(st.doc, max(0, pos - 1), pos)
        if span is None or len(span) == 0:
            return None
        tok = span[0]
        while tok.i > 0 and (tok.is_space or tok.idx >= pos):
            tok = st.doc[tok.i - 1]
        return tok

    @staticmethod
    def _sentence_last(sent: Any, st: _DocState) -> int:
        return int(sent.end) - 1

    def _cue_factuality(self, base: str, cue: Token, head: Token | None, negated_cue: bool) -> Factuality:
        """A verb cue's value moved by its degree adverbs and by its content's negation, modality,
        uncertainty and falsity (cues.yaml describes each step)."""
        adverbs = {c.lower_ for c in cue.children if c.dep_ == "advmod"}
        return adjust_factuality(
            base,
            negated_cue=negated_cue,
            raise_level=bool(adverbs & self.table.raise_adverbs),
            lower_level=bool(adverbs & self.table.lower_adverbs),
            negated_content=self._negated(head),
            content_level=self._content_level(head),
            uncommitted_content=uncommitted(head, self.table),
            false_content=false_content(head, self.table),
        )

    def _negated(self, head: Token | None) -> bool:
        if head is None:
            return False
        spliced = next((c for c in head.children if c.dep_ == "ccomp" and c.i < head.i), None)
        if spliced is not None and any(c.dep_ == "expl" for c in head.children):
            # "It is a Russian rocket, there's not even any point talking about it": the parse hangs the claim on
            # the comment spliced after it; the claim's own clause says whether it is negated
            head = spliced
        for child in head.children:
            if child.dep_ == "neg" or child.lower_ == "never":
                return True
            if child.dep_ in ("nsubj", "nsubjpass") and any(
                d.dep_ == "det" and d.lower_ == "no" for d in child.children
            ):
                return True
        return False

    def _content_level(self, head: Token | None) -> str | None:
        if head is None:
            return None
        levels = []
        negated = any(c.dep_ == "neg" for c in head.children)
        for child in head.children:
            low = child.lower_
            if negated and low in self.table.impossibility_modals:
                continue  # "cannot be correct", "could not have fired": certain, not possible
            if child.dep_ == "aux" and low in self.table.content_modals:
                levels.append(self.table.content_modals[low])
            elif child.dep_ == "advmod" and low in self.table.content_hedges:
                levels.append(self.table.content_hedges[low])
        return min(levels, key=LEVELS.index) if levels else None


def _set_off(verb: Token, clause: Token) -> bool:
    """A clause after the verb, past a comma, that no "that" opens: a parse of the words after the
    attribution, not its content."""
    between = verb.doc[verb.i + 1:clause.left_edge.i]
    opened = any(t.dep_ == "mark" and t.lower_ == "that" for t in clause.children) or clause.left_edge.lower_ == "that"
    return any(t.text == "," for t in between) and not opened
