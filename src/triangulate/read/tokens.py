"""A parsed document's token attributes as plain lists, read out of spaCy once per document.

Each `Token` attribute read (`tok.lemma_`, `tok.head`, `tok.children`, `doc[i]`) makes Python objects;
the stages that look at every token of a report ask for the same ones again and again. `token_table`
reads them in one pass (`Doc.to_array`) and keeps them with the document.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.tokens import Doc

TABLE_KEY = "triangulate.tokens"
_ATTRS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, IDX, SENT_START]


@dataclass(frozen=True)
class TokenTable:
    """Per token (by index): `text`, `lower`, `lemma` (lower-cased, as `tok.lemma_.lower()`), `pos`,
    `tag`, `dep`, `ent` (`ent_type_`), `head` (its index), `idx` (its character offset), `sent`
    (the index of its sentence's first token), `sent_end` (one past its sentence's last token) and
    `children` (in order, as `tok.children`)."""

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

    def __len__(self) -> int:
        return len(self.text)


def token_table(doc: Doc) -> TokenTable:
    """The document's table, built on first use and kept in `doc.user_data`."""
    table = doc.user_data.get(TABLE_KEY)
    if table is None:
        table = doc.user_data[TABLE_KEY] = _build(doc)
    assert isinstance(table, TokenTable)
    return table


def _build(doc: Doc) -> TokenTable:
    n = len(doc)
    rows = doc.to_array(_ATTRS).tolist() if n else []
    # the head's offset, signed (to_array gives unsigned integers)
    offsets = doc.to_array([HEAD]).astype("int64").tolist() if n else []
    strings = doc.vocab.strings
    names: dict[int, str] = {}

    def column(k: int) -> list[str]:
        out = []
        for row in rows:
            key = row[k]
            name = names.get(key)
            if name is None:
                name = names[key] = strings[key]
            out.append(name)
        return out

    lemma_lower: dict[str, str] = {}
    lemmas = [lemma_lower.get(w) or lemma_lower.setdefault(w, w.lower()) for w in column(2)]
    head = [i + offset for i, offset in enumerate(offsets)]
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(head):
        if h != i:
            children[h].append(i)
    sent = [0] * n
    sent_end = [n] * n
    start = 0
    for i, row in enumerate(rows):
        if i > 0 and row[8] == 1:
            sent_end[start:i] = [i] * (i - start)
            start = i
        sent[i] = start
    return TokenTable(
        text=column(0), lower=column(1), lemma=lemmas, pos=column(3), tag=column(4), dep=column(5),
        ent=column(6), head=head, idx=[row[7] for row in rows], sent=sent, sent_end=sent_end, children=children,
    )
