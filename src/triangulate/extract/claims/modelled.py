"""Claims the rules miss, from the attribution model's cues: its source and content arguments made
into drafts with the same speaker resolution and factuality as the rule-found claims."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from triangulate.extract.claims.commitment import unable
from triangulate.extract.claims.content import ContentFinder
from triangulate.extract.claims.learned import Argument, AttributionModel
from triangulate.extract.claims.spans import _clip_to_paragraph
from triangulate.extract.claims.speakers import (
    NON_SPEAKER_SUBJECTS,
    RELATIVE_PRONOUNS,
    SpeakerFinder,
    _negative,
)
from triangulate.extract.claims.state import _DocState, _Draft, _Speaker
from triangulate.extract.events.triggers import TriggerTable
from triangulate.read.tokens import span_at

QUOTES = '"“”'
# PLOVER types done with force or goods, not words: their verbs are deeds, never cues, although
# political news uses some of them for speech ("Trump attacked Clinton")
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "AID", "SANCTION"})


class ModelledClaims(SpeakerFinder, ContentFinder):
    """The model pass of the claim extractor (after the rules, for cues they did not take)."""

    deeds: frozenset[str]

    def _model_drafts(self, model: AttributionModel, st: _DocState, headline_end: int) -> list[_Draft]:
        """Drafts for the model's cues the rules left, except the verbs of material events."""
        taken = [(d.cue_start, d.cue_end) for d in st.drafts]
        drafts = []
        for cue, _ in model.cues(st.doc, headline_end, skip=st.by_cue.keys() | st.consumed):
            if cue.i in st.by_cue or cue.i in st.consumed or st.marked.covers(cue.idx) or self._deed(cue):
                continue
            if any(start <= cue.idx < end for start, end in taken):
                continue
            draft = self._model_draft(cue, model.arguments(cue), st, headline_end)
            if draft is not None:
                drafts.append(draft)
        return drafts

    def _deed(self, cue: Token) -> bool:
        """A material event's verb without a clause to report ("found that ..." still reports)."""
        return cue.lemma_.lower() in self.deeds and not any(c.dep_ == "ccomp" for c in cue.children)

    def _model_draft(self, cue: Token, args: list[Argument], st: _DocState, headline_end: int) -> _Draft | None:
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children) or _bare_participle(cue, headline_end):
            return None  # "X was accused of Y", "have not been claimed": the speaker is not in view
        contents = [a for a in args if a.role == "content"]
        if not contents:
            return None
        cue_end = cue.idx + len(cue)
        particle = _particle(cue, contents)
        if particle is not None:  # "called for | footage to be released", "brags about | his prowess"
            prep, rest = particle
            cue_end = prep.idx + len(prep)
            contents = [a if a.start != prep.idx else Argument(a.role, a.token, rest, a.end) for a in contents]
        pieces = _pieces(contents, st)
        if not pieces:
            return None
        content_tokens = {t.i for a in contents for t in _tokens(a)}
        sources = [a for a in args if a.role == "source" and a.token.i not in content_tokens]
        speaker: _Speaker | None
        if sources:
            source = min(sources, key=lambda a: abs(a.token.i - cue.i))
            if _relative(source.token, cue):
                speaker = self._relative_speaker(source.token, cue, st)
            elif source.token.lower_ in NON_SPEAKER_SUBJECTS or _negative(source.token):
                return None
            else:
                speaker = self._phrase_speaker(source.token, st, content_tokens | {cue.i})
            own = True
        else:
            speaker, own = self._speaker_of(cue, st)
            if speaker is None:
                return None
        if speaker.start < cue.idx + len(cue) and speaker.end > cue.idx:
            return None  # the cue inside its own speaker phrase: a parse slip
        if any(speaker.start < e and s < speaker.end for s, e in pieces):
            return None  # the speaker inside what they are said to say: a parse slip
        head = min((a.token for a in contents), key=lambda t: len(list(t.ancestors)))
        cue_entry = self.table.verbs.get(cue.lemma_.lower())
        base = cue_entry.factuality if cue_entry is not None else "Uu"
        negated = unable(cue) or any(c.dep_ == "neg" for c in cue.children)
        factuality = self._cue_factuality(base, cue, head, negated_cue=negated)
        start, end = pieces[0][0], pieces[-1][1]
        quoted = all(_quoted(st.text, s, e) for s, e in pieces)
        return _Draft(
            cue_token=cue, cue_text=st.text[cue.idx:cue_end], cue_start=cue.idx, cue_end=cue_end, speaker=speaker,
            content_start=start, content_end=end, kind="direct" if quoted else "indirect",
            factuality=factuality, own_subject=own, content_root=head if head.pos_ in ("VERB", "AUX") else None,
            pieces=pieces if len(pieces) > 1 else [], modelled=True,
        )


def _relative(source: Token, cue: Token) -> bool:
    return source.lower_ in RELATIVE_PRONOUNS and cue.dep_ == "relcl" and cue.head.pos_ in ("NOUN", "PROPN")


def _particle(cue: Token, contents: list[Argument]) -> tuple[Token, int] | None:
    """A preposition right after the cue that opens its content belongs to the cue: the prepositional
    verb's particle. Returns it and where the content starts after it."""
    if cue.i + 2 >= len(cue.doc):
        return None
    prep, after = cue.doc[cue.i + 1], cue.doc[cue.i + 2]
    for arg in contents:
        if arg.start != prep.idx:
            continue
        if prep.dep_ == "prep" and prep.head.i == cue.i and any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
            return prep, after.idx
        if prep.dep_ == "mark" and prep.lower_ == "for":  # "called for the footage to be released"
            return prep, after.idx
    return None


def _bare_participle(cue: Token, headline_end: int) -> bool:
    """A past participle without "have": a passive of headlines and asides ("Israel Accused of ...",
    "promoted by ..."). In running text a participle with its subject is the tagger's slip for a
    past tense ("Trump tweeted that ...")."""
    if cue.tag_ != "VBN":
        return False
    if cue.idx >= headline_end and any(c.dep_ == "nsubj" for c in cue.children):
        return False
    verbs = (cue, cue.head) if cue.dep_ == "conj" else (cue,)
    return not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for v in verbs for c in v.children)


@cache
def deed_lemmas() -> frozenset[str]:
    """The one-word triggers of material events (triggers.yaml), read by the event coder too."""
    table = TriggerTable.default()
    return frozenset(
        rule.lemmas[0] for rule in table.rules
        if len(rule.lemmas) == 1 and rule.type in MATERIAL_TYPES and rule.pos in ("verb", "any")
    )


def _tokens(arg: Argument) -> list[Token]:
    span = span_at(arg.token.doc, arg.start, arg.end)
    return list(span) if span is not None else [arg.token]


def _quoted(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 2):start + 1]
    after = text[max(start, end - 1):end + 2]
    return any(q in before for q in QUOTES) and any(q in after for q in QUOTES)


def _pieces(contents: list[Argument], st: _DocState) -> list[tuple[int, int]]:
    """The content's stretches in text order, adjacent ones joined, each kept within its paragraph;
    pieces on both sides of the cue stay apart ("X," he said, "Y.")."""
    spans = sorted((a.start, a.end, a.token.idx) for a in contents)
    merged: list[list[int]] = []
    for start, end, anchor in spans:
        start, end = _clip_to_paragraph(st.text, start, end, anchor)
        if end <= start or not any(c.isalnum() for c in st.text[start:end]):
            continue  # nothing but a stray quotation mark
        if merged and not st.text[merged[-1][1]:start].strip(" ,;:\"“”'’"):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]
