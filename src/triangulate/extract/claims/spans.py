"""Token and character range helpers: trimming, quotation balance, line and paragraph limits."""

from __future__ import annotations

from typing import Any, cast

from spacy.tokens import Doc, Token

from triangulate.read.nlp import doc_text
from triangulate.read.tokens import token_table


def _within_line(doc: Doc, i0: int, i1: int, keep: int) -> tuple[int, int]:
    """Cut a phrase at a line break or colon around `keep`: captions and credits run into names."""
    for k in range(keep - 1, i0 - 1, -1):
        if "\n" in doc[k].text_with_ws or doc[k].text == ":":
            i0 = k + 1
            break
    for k in range(keep, i1 + 1):
        if "\n" in doc[k].whitespace_ + (doc[k + 1].text if k + 1 < len(doc) and doc[k + 1].is_space else ""):
            i1 = k
            break
        if doc[k].text == ":" and k > keep:
            i1 = k - 1
            break
    return _trim_tokens(doc, i0, i1)


def _balance_quotes(doc: Doc, i0: int, i1: int) -> tuple[int, int]:
    """Take back a quotation mark or bracket the trimming cut off ('“credible intelligence” reports')."""
    if i1 < i0:
        return i0, i1
    words = token_table(doc)
    text = doc_text(doc)[words.idx[i0]:words.idx[i1] + len(words.text[i1])]  # `doc[i0 : i1 + 1].text`
    for opener, closer in (("“", "”"), ("‘", "’"), ("(", ")")):
        if text.count(closer) > text.count(opener) and i0 > 0 and doc[i0 - 1].text == opener:
            i0 -= 1
        elif text.count(opener) > text.count(closer) and i1 + 1 < len(doc) and doc[i1 + 1].text == closer:
            i1 += 1
    return i0, i1


def _clip_to_paragraph(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """Content never runs over a blank line: keep the paragraph on the cue's side."""
    para = text.find("\n\n", start, end)
    if para == -1:
        return start, end
    if anchor >= para:
        start = text.rfind("\n\n", start, end) + 2
    else:
        end = para
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _trim_tokens(doc: Doc, i0: int, i1: int) -> tuple[int, int]:
    while i0 <= i1 and (doc[i0].is_punct or doc[i0].is_space):
        i0 += 1
    while i1 >= i0 and (doc[i1].is_punct or doc[i1].is_space):
        i1 -= 1
    return i0, i1


def _clause_head(tokens: Any) -> Token | None:
    """The first predicate of a stretch whose head lies outside it (or is a sentence root)."""
    if tokens is None or len(tokens) == 0:
        return None
    lo, hi = tokens[0].i, tokens[-1].i
    for tok in tokens:
        if tok.pos_ in ("VERB", "AUX") and (tok.head == tok or not lo <= tok.head.i <= hi):
            return cast(Token, tok)
    return None
