"""Tests for triangulate.read.tokens: the token table says what spaCy's tokens say."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from triangulate.read.tokens import span_at, token_table


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


def _char_span(doc: Doc, start: int, end: int) -> tuple[int, int] | type[Exception] | None:
    try:
        span = doc.char_span(start, end, alignment_mode="expand")
    except Exception as exc:  # spaCy refuses a span ending before it starts: span_at must too
        return type(exc)
    return None if span is None else (span.start, span.end)


def _span_at(doc: Doc, start: int, end: int) -> tuple[int, int] | type[Exception] | None:
    try:
        span = span_at(doc, start, end)
    except Exception as exc:
        return type(exc)
    return None if span is None else (span.start, span.end)


def test_span_at_is_char_span_expanded(nlp: Language) -> None:
    # leading and doubled spaces, a line break, quotes, a hyphen and punctuation: each offset pair, and outside the text
    doc = nlp(" Officials said  the strike on \u201cAl-Shifa\u201d hospital,\nnear Gaza City, killed 12 people.")
    n = len(doc.text)
    for start in range(-2, n + 3):
        for end in range(start - 2, min(n + 3, start + 30)):
            assert _span_at(doc, start, end) == _char_span(doc, start, end), (start, end)


def test_span_at_makes_each_span_once(nlp: Language) -> None:
    doc = nlp("Russia denied striking the hospital.")
    span = span_at(doc, 0, 6)
    assert span is not None and span.text == "Russia"
    assert span_at(doc, 0, 6) is span
    assert span_at(doc, 0, 100) is None and span_at(nlp(""), 0, 1) is None


def test_table_strings_are_the_same_with_the_names_kept_or_cleared(nlp: Language, seeds_dir: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import triangulate.read.tokens as tokens

    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))[:2]]
    monkeypatch.setattr(tokens, "_NAMES", {})
    fresh = [tokens._build(nlp(text)) for text in texts]  # the second met the first's names kept
    assert len(tokens._NAMES) > 100
    monkeypatch.setattr(tokens, "MOST_NAMES", 10)  # past the bound, the names kept are dropped
    again = [tokens._build(nlp(text)) for text in reversed(texts)][::-1]
    assert len(tokens._NAMES) < len(fresh[0].text) + 200
    assert again == fresh
    doc = nlp(texts[0])
    assert again[0].text == [t.text for t in doc] and again[0].ent == [t.ent_type_ for t in doc]
