"""Quotations found on the characters of a text: where each opens, closes and holds its words."""

from __future__ import annotations

from dataclasses import dataclass

MAX_QUOTE_CHARS = 3000

OPENERS = {"“": "”", "«": "»", "„": "“"}


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
    while i < n:
        ch = text[i]
        closer: str | None = None
        if ch in OPENERS:
            closer = OPENERS[ch]
        elif ch == '"':
            closer = '"'
        elif ch == "‘" and (i == 0 or not text[i - 1].isalnum()):
            closer = "’"
        if closer is None:
            i += 1
            continue
        limit = min(n, i + MAX_QUOTE_CHARS)
        para = text.find("\n\n", i, limit)
        stop = para if para != -1 else limit
        j = i + 1
        found = -1
        while j < stop:
            c = text[j]
            if c == closer and not (closer == "’" and j + 1 < n and text[j + 1].isalpha()):
                found = j
                break
            j += 1
        if found != -1:
            quotes.append(Quote(i, found + 1, i + 1, found))
            i = found + 1
        elif para != -1 and closer != "’":  # wire style: an unclosed quote ends with its paragraph
            quotes.append(Quote(i, para, i + 1, para))
            i = para
        else:
            i += 1
    return quotes
