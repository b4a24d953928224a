"""Lower-cased text that a lower-case regular expression reads exactly as its IGNORECASE original."""

from __future__ import annotations

import re

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _folds_to_ascii(char: str) -> bool:
    """Whether IGNORECASE may match this character to an ASCII letter ("K" Kelvin sign, "ſ", "ı",
    "İ"), or lower-casing changes the text's length: where lower-cased text and IGNORECASE differ."""
    lower = char.lower()
    return len(lower) != 1 or any(ord(c) < 128 for c in lower + char.upper() + char.casefold())


def folded(text: str) -> str | None:
    """The text in lower case, when a lower-case pattern without IGNORECASE matches it exactly where
    the pattern with IGNORECASE matches the text (the patterns' own letters are ASCII); None when a
    character of the text could tell them apart."""
    if not text.isascii() and any(_folds_to_ascii(c) for c in set(_NON_ASCII.findall(text))):
        return None
    return text.lower()
