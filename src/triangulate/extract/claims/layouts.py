"""Claims a page's layout makes, with no verb: a quotation signed on its line ('"…" ― Sonya
Herridge') and a transcript's speaker turns ('WALLACE: Let's start with …')."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from triangulate.extract.claims.speakers import SpeakerFinder
from triangulate.extract.claims.state import _DocState, _Draft
from triangulate.read.tokens import span_at

# a quotation closed, a dash, then a name to the end of the line: "…” ― Sonya Herridge"
SIGNED = re.compile(r"[”\"'’]\s*(―|—|--)\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,5})[ \t\u00a0]*(?=\n|$)")
# a paragraph opening with a name in capitals and a colon: "WALLACE: …", "SEN. JOHN DOE: …"
TURN = re.compile(r"(?:^|\n)[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):[ \t\u00a0]+(?=\S)")
NOT_SPEAKERS = frozenset({
    "UPDATE", "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "CORRECTION", "WATCH", "READ", "VIDEO", "PHOTO", "PHOTOS",
    "RELATED", "BREAKING", "ADVERTISEMENT", "SOURCE", "SOURCES", "CLARIFICATION", "EXCLUSIVE", "LISTEN", "MORE",
    "WARNING", "ALERT", "FACT CHECK", "CNN", "AP", "UPI", "AFP",
})
QUOTE_MARKS = frozenset('"“”«»')
MIN_TURNS = 2  # a transcript has turns: one "NAME:" paragraph alone is a heading


class LayoutClaims(SpeakerFinder):
    """Signed quotations and transcript turns (run after the rules' cues, before the model)."""

    def _layout_drafts(self, st: _DocState) -> list[_Draft]:
        return [*self._signed_quotes(st), *self._turns(st)]

    def _signed_quotes(self, st: _DocState) -> list[_Draft]:
        drafts = []
        text = st.text
        for m in SIGNED.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            start, end = line_start, m.start() + 1
            while start < end and text[start].isspace():
                start += 1
            if end - start < 10 or text[start] not in "“”\"‘'":
                continue
            draft = self._layout_draft(st, m.start(1), m.end(1), m.start(2), m.end(2), start, end)
            if draft is not None:
                drafts.append(draft)
        return drafts

    def _turns(self, st: _DocState) -> list[_Draft]:
        text = st.text
        found = [m for m in TURN.finditer(text) if m.group(1) not in NOT_SPEAKERS and len(m.group(1)) > 2]
        if len({m.group(1) for m in found}) < MIN_TURNS:
            return []
        drafts = []
        for m in found:
            colon = m.end(1)
            end = text.find("\n", m.end())
            end = len(text) if end == -1 else end
            while end > m.end() and (text[end - 1].isspace() or text[end - 1] in "\"“”"):
                end -= 1
            draft = self._layout_draft(st, colon, colon + 1, m.start(1), m.end(1), m.end(), end)
            if draft is not None:
                drafts.append(draft)
        return drafts

    def _layout_draft(
        self, st: _DocState, cue_start: int, cue_end: int, name_start: int, name_end: int, start: int, end: int
    ) -> _Draft | None:
        doc = st.doc
        cue = span_at(doc, cue_start, cue_end)
        name = span_at(doc, name_start, name_end)
        if cue is None or name is None or not len(cue) or not len(name) or end <= start:
            return None
        if cue[0].i in st.by_cue or any(_same_content(d, start, end) for d in st.drafts):
            return None
        head: Token = name.root
        speaker = self._phrase_speaker(head, st, set())
        if speaker.start < name_start or speaker.end > name_end:  # the parse ran the name into the text
            words = st.text[name_start:name_end]
            speaker = replace(speaker, start=name_start, end=name_end, text=words, label=words)
        return _Draft(
            cue_token=cue[0], cue_text=st.text[cue_start:cue_end], cue_start=cue_start, cue_end=cue_end,
            speaker=speaker, content_start=start, content_end=end, kind="direct", factuality="CT+",
            own_subject=True, content_root=None, layout=True,
        )


def _same_content(draft: _Draft, start: int, end: int) -> bool:
    """A claim already made of these words by a cue outside them."""
    if start <= draft.cue_start < end:
        return False
    shared = min(end, draft.content_end) - max(start, draft.content_start)
    return shared > 0 and 2 * shared >= min(end - start, draft.content_end - draft.content_start)


def inside_layout(st: _DocState) -> None:
    """A cue inside a signed quotation or a transcript turn is the speaker's own telling, not the
    page's attribution: its claim is dropped."""
    turns = [(d.content_start, d.content_end) for d in st.drafts if d.layout]
    if not turns:
        return
    kept = [d for d in st.drafts if d.layout or not any(s <= d.cue_start < e for s, e in turns)]
    st.drafts[:] = kept
    st.by_cue = {d.cue_token.i: d for d in kept}


def continued_quotes(st: _DocState) -> None:
    """A quotation attributed in its sentence goes on in the sentences after it that are nothing but
    a quotation ('"X," she added. "Y."'): they are pieces of the same claim."""
    text = st.text
    taken = [(d.content_start, d.content_end) for d in st.drafts]
    for draft in st.drafts:
        if draft.kind != "direct" or draft.layout:
            continue
        if not any(c in "”\"'’" for c in text[draft.content_end - 1:draft.content_end + 2]):
            continue
        pieces = list(draft.pieces) or [(draft.content_start, draft.content_end)]
        last = max(draft.content_end, draft.cue_end, draft.speaker.end)
        for quote in st.quotes:
            if quote.start < last:
                continue
            gap = text[last:quote.start]
            if "\n\n" in gap or len(gap) > 300 or any(c in QUOTE_MARKS for c in gap):
                break
            if not re.search(r"[.!?:]\s+$", gap) and last != draft.content_end:
                break  # the quotation in the attribution's own sentence
            after = text[quote.end:quote.end + 200].lstrip(" \t\u00a0")
            bare = not after or after[0] == "\n" or after[0] in QUOTE_MARKS
            if not bare or any(s < quote.inner_end and quote.inner_start < e for s, e in taken):
                break  # the quotation has its own attribution, or a claim already holds it
            pieces.append((quote.inner_start, quote.inner_end))
            last = quote.end
        if len(pieces) > 1:
            draft.pieces = pieces
            draft.content_start, draft.content_end = pieces[0][0], pieces[-1][1]
