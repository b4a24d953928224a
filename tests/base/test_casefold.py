"""Tests for triangulate.base.casefold: when lower-cased text stands for IGNORECASE."""

from __future__ import annotations

import re

from triangulate.base.casefold import folded


def test_plain_and_accented_text_folds() -> None:
    assert folded("Protests in Bogotá on “Monday” – 5 KM away") == "protests in bogotá on “monday” – 5 km away"


def test_characters_ignorecase_takes_for_ascii_letters_do_not_fold() -> None:
    # each is matched by an ASCII letter under IGNORECASE, or grows when lower-cased
    for char in ("\u212a", "\u017f", "\u0131", "\u0130"):
        assert folded(f"ten {char}m away") is None


def test_folded_text_matches_where_ignorecase_does() -> None:
    pattern = re.compile(r"\b(?:jan|feb)\.?\s+\d+", re.IGNORECASE)
    text = "Held on FEB. 3 and Jan 9, 2020."
    lowered = folded(text)
    assert lowered is not None
    assert [m.span() for m in re.finditer(pattern.pattern, lowered)] == [m.span() for m in pattern.finditer(text)]
