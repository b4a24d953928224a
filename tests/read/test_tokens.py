"""Tests for triangulate.read.tokens: the token table says what spaCy's tokens say."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from triangulate.read.tokens import token_table


def test_table_matches_the_tokens(nlp: Language, seeds_dir: Path) -> None:
    text = next(iter(sorted(seeds_dir.glob("*.txt")))).read_text(encoding="utf-8")
    doc = nlp(text)
    table = token_table(doc)
    assert len(table) == len(doc) > 100
    starts = {t.i: (s.start, s.end) for s in doc.sents for t in s}
    for tok in doc:
        i = tok.i
        assert (table.text[i], table.lower[i], table.lemma[i], table.pos[i], table.tag[i], table.dep[i]) == (
            tok.text, tok.lower_, tok.lemma_.lower(), tok.pos_, tok.tag_, tok.dep_)
        assert (table.ent[i], table.head[i], table.idx[i]) == (tok.ent_type_, tok.head.i, tok.idx)
        assert (table.sent[i], table.sent_end[i]) == starts[i]
        assert table.children[i] == [c.i for c in tok.children]
    assert token_table(doc) is table  # built once


def test_empty_document(nlp: Language) -> None:
    assert len(token_table(nlp(""))) == 0
