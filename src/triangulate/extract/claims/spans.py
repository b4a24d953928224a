"""Token and character range helpers: trimming, quotation balance, line and paragraph limits."""

from __future__ import annotations

from typing import Any, cast

from spacy.tokens import Doc, Token

from triangulate.read.nlp import doc_text
from triangulate.read.tokens import token_table


def _within_line(doc: Doc, i0: int, i1: int, keep: int) -> tuple[int, int]:
    """Cut a phrase at a line break or colon around `keep`: captions and credits run into names."""
    t, text = token_table(doc), doc_text(doc)
    words, idx, n = t.text, t.idx, len(t)

    def after(k: int) -> str:  # the token's trailing space (`whitespace_`): the tokens tile the text
        return text[idx[k] + len(words[k]):idx[k + 1] if k + 1 < n else len(text)]

    for k in range(keep - 1, i0 - 1, -1):
        if "\n" in words[k] or "\n" in after(k) or words[k] == ":":  # `text_with_ws`: the text and its space
            i0 = k + 1
            break
    for k in range(keep, i1 + 1):
        if "\n" in after(k) + (words[k + 1] if k + 1 < n and t.space[k + 1] else ""):
            i1 = k
            break
        if words[k] == ":" and k > keep:
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
    t = token_table(doc)
    punct, space = t.punct, t.space
    while i0 <= i1 and (punct[i0] or space[i0]):
        i0 += 1
    while i1 >= i0 and (punct[i1] or space[i1]):
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
