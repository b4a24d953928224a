"""Quotations found on the characters of a text: where each opens, closes and holds its words."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUOTE_CHARS = 3000

OPENERS = {"“": "”", "«": "»", "„": "“"}
_OPENING = re.compile('[“«„"‘]')


@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph end when never closed)
    inner_start: int
    inner_end: int


def find_quotes(text: str) -> list[Quote]:
    """Quotations: curly, straight and guillemet double quotes, curly single quotes.

    A closing curly single quote must not be followed by a letter ("Yesterday’s"), and a
    quotation never runs over a blank line.
    """
    quotes: list[Quote] = []
    i, n = 0, len(text)
    while True:
        opening = _OPENING.search(text, i)  # the next character that may open a quotation
        if opening is None:
            break
        i = opening.start()
        ch = text[i]
        if ch == "‘" and i > 0 and text[i - 1].isalnum():
            i += 1
            continue
        closer = OPENERS.get(ch) or ("’" if ch == "‘" else '"')
        limit = min(n, i + MAX_QUOTE_CHARS)
        para = text.find("\n\n", i, limit)
        stop = para if para != -1 else limit
        found = text.find(closer, i + 1, stop)
        while closer == "’" and found != -1 and found + 1 < n and text[found + 1].isalpha():
            found = text.find(closer, found + 1, stop)  # "Yesterday’s" closes nothing
        if found != -1:
            quotes.append(Quote(i, found + 1, i + 1, found))
            i = found + 1
        elif para != -1 and closer != "’":  # wire style: an unclosed quote ends with its paragraph
            quotes.append(Quote(i, para, i + 1, para))
            i = para
        else:
            i += 1
    return quotes
