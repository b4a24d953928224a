"""A parsed document's token attributes as plain lists, read out of spaCy once per document.

Each `Token` attribute read (`tok.lemma_`, `tok.head`, `tok.children`, `doc[i]`) makes Python objects;
the stages that look at every token of a report ask for the same ones again and again. `token_table`
reads them in one pass (`Doc.to_array`) and keeps them with the document.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import numpy
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_PUNCT,
    IS_SPACE,
    IS_TITLE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    TAG,
)
from spacy.tokens import Doc, Span

from triangulate.read.nlp import doc_text

TABLE_KEY = "triangulate.tokens"
SENTS_KEY = "triangulate.sents"
SPANS_KEY = "triangulate.spans"
ENTS_KEY = "triangulate.ents"
_ATTRS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, IDX, SENT_START, IS_TITLE, IS_PUNCT, IS_SPACE, ENT_IOB]
_IOB = ("", "I", "O", "B")  # `ent_iob_` by its number


@dataclass(frozen=True)
class TokenTable:
    """Per token (by index): `text`, `lower`, `lemma` (lower-cased, as `tok.lemma_.lower()`), `pos`,
    `tag`, `dep`, `ent` (`ent_type_`), `head` (its index), `idx` (its character offset), `sent`
    (the index of its sentence's first token), `sent_end` (one past its sentence's last token) and
    `children` (in order, as `tok.children`), `title` (`tok.is_title`), `punct` (`tok.is_punct`), `space`
    (`tok.is_space`) and `iob` (`tok.ent_iob_`)."""

    text: list[str]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent: list[str]
    head: list[int]
    idx: list[int]
    sent: list[int]
    sent_end: list[int]
    children: list[list[int]]
    title: list[bool]
    punct: list[bool]
    space: list[bool]
    iob: list[str]

    def __len__(self) -> int:
        return len(self.text)


def token_table(doc: Doc) -> TokenTable:
    """The document's table, built on first use and kept in `doc.user_data`."""
    table = doc.user_data.get(TABLE_KEY)
    if table is None:
        table = doc.user_data[TABLE_KEY] = _build(doc)
    assert isinstance(table, TokenTable)
    return table


def sentences(doc: Doc) -> list[Span]:
    """`list(doc.sents)`, made once per document (each `doc.sents` walks the tokens again)."""
    sents = doc.user_data.get(SENTS_KEY)
    if sents is None:
        sents = doc.user_data[SENTS_KEY] = list(doc.sents)
    assert isinstance(sents, list)
    return sents


def entities(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, made once per document (each `doc.ents` makes every entity's Span again)."""
    ents = doc.user_data.get(ENTS_KEY)
    if ents is None:
        ents = doc.user_data[ENTS_KEY] = doc.ents
    assert isinstance(ents, tuple)
    return ents


def span_at(doc: Doc, start: int, end: int) -> Span | None:
    """`doc.char_span(start, end, alignment_mode="expand")`: the tokens found in the token table's offsets
    rather than through two `Token` objects each, and each span made once per document (the stages ask
    for the same claim's content, cue and mentions again and again)."""
    spans: dict[tuple[int, int], Span | None] | None = doc.user_data.get(SPANS_KEY)
    if spans is None:
        spans = doc.user_data[SPANS_KEY] = {}
    key = (start, end)
    if key not in spans:
        spans[key] = _expanded(doc, start, end)
    return spans[key]


def span_text(span: Span) -> str:
    """`span.text` sliced from the document's text: the tokens and their trailing spaces tile it, so it is the same
    string, where `Span.text` makes a `Token` of each of the span's tokens to join their texts again."""
    if not len(span):
        return str(span.text)
    return doc_text(span.doc)[span.start_char:span.end_char]


def _expanded(doc: Doc, start: int, end: int) -> Span | None:
    """spaCy's `char_span` in "expand" mode: the token holding the first character (its trailing space
    counting as its own) to the one holding the last; None when either lies outside the text."""
    t = token_table(doc)
    length = len(doc_text(doc))  # tokens and their trailing spaces tile the text
    if not (0 <= start < length and 0 <= end - 1 < length):
        return None
    first = bisect_right(t.idx, start) - 1
    final = bisect_right(t.idx, end - 1) - 1
    if start == t.idx[first] + len(t.text[first]):
        first += 1  # the trailing space of the token before is not part of the span
    return Span(doc, first, final + 1)


# the strings of hashes met in earlier documents: the StringStore decodes a new `str` on every look-up, and most
# of a report's words, tags and labels were seen before (a dictionary look-up is several times cheaper)
_NAMES: dict[int, str] = {}
MOST_NAMES = 200_000  # about 20 MB at most


def _build(doc: Doc) -> TokenTable:
    n = len(doc)
    if not n:
        return TokenTable([], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [])
    array = doc.to_array(_ATTRS)
    columns = array.T.tolist()
    strings = doc.vocab.strings
    global _NAMES
    if len(_NAMES) > MOST_NAMES:  # bounded: a long run meets new words in every report
        _NAMES = {}
    names = _NAMES  # this document's, whatever another thread's document does meanwhile

    def named(values: list[int]) -> list[str]:
        for key in set(values).difference(names):
            names[key] = strings[key]
        return list(map(names.__getitem__, values))

    def flags(column: int) -> list[bool]:
        return (array[:, column] == 1).tolist()

    lemmas = named(columns[2])
    lowered = {lemma: lemma.lower() for lemma in set(lemmas)}
    # the head's offset, signed (to_array gives unsigned integers)
    head = (numpy.arange(n) + doc.to_array([HEAD]).astype("int64")).tolist()
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(head):
        if h != i:
            children[h].append(i)
    starts = [i for i, flag in enumerate(columns[8]) if flag == 1 and i > 0]
    sent: list[int] = []
    sent_end: list[int] = []
    for first, end in zip([0, *starts], [*starts, n], strict=True):
        sent += [first] * (end - first)
        sent_end += [end] * (end - first)
    return TokenTable(
        text=named(columns[0]), lower=named(columns[1]), lemma=list(map(lowered.__getitem__, lemmas)),
        pos=named(columns[3]), tag=named(columns[4]), dep=named(columns[5]), ent=named(columns[6]), head=head,
        idx=columns[7], sent=sent, sent_end=sent_end, children=children,
        title=flags(9), punct=flags(10), space=flags(11), iob=list(map(_IOB.__getitem__, columns[12])),
    )
