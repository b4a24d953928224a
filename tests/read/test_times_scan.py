"""The time rules' scan: a pattern tried only where a match can start finds what `finditer` finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangulate.read.times import scan
from triangulate.read.times.patterns import rules
from triangulate.read.times.scan import Starts, finditer, opening_of

SENTENCES = [
    "The ceasefire, agreed on Monday, March 4, 2019, held for three days; by the 1990s the town had "
    "grown, and '05 was its best year. Talks resume on 12.04.2022 at 5 p.m. overnight.",
    "Officials said late last night that the attack, the deadliest in a decade, killed 40 people "
    "over the weekend; the day before yesterday two more died.",
    "In the past\ttwo   weeks, 3\u00a0days ago and \u0663 days later, the  second quarter of 2018 ended; "
    "on 5\tMay 2019 at 10\x0bp.m., a year-end review\u2009found the 1980\u2019s figures 2 1/2 years old.",
]


def _spans(found: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in found]  # type: ignore[attr-defined]


def _every_rule_matches_as_finditer() -> None:
    for sentence in SENTENCES:
        text = sentence.lower()
        starts = Starts.of(text)
        for rule in rules():
            assert rule.lowered is not None
            assert _spans(finditer(rule.lowered, starts)) == _spans(rule.lowered.finditer(text)), rule.name


def test_every_rule_finds_what_finditer_finds_on_real_sentences() -> None:
    _every_rule_matches_as_finditer()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab1 '-.\n", max_size=60))
def test_a_pattern_opening_at_a_boundary_finds_what_finditer_finds(text: str) -> None:
    for source in (r"\b(?:ab|b)a?1", r"(?<![\w-])(?:'|a)b", r"(?<![\d.])1\.1", r"a(?:b|1)"):
        pattern = re.compile(source)
        assert _spans(finditer(pattern, Starts.of(text))) == _spans(pattern.finditer(text)), source


def test_opening_read_off_the_pattern() -> None:
    opening = opening_of(re.compile(r"\b(?:(?P<rel>last|next)\s+)?(?P<wd>monday|tuesday)"))
    assert opening is not None and opening.others is None and opening.words is not None
    assert {c for c in "lnmtx" if opening.words.match(c)} == set("lnmt")
    # a quote opens a match anywhere, a letter only at a word's start
    opening = opening_of(re.compile(r"(?<![\w$])(?:the\s+)?'\d0s"))
    assert opening is not None and opening.words is not None and opening.others is not None
    assert opening.others.match("'") and not opening.others.match("t")
    # without a boundary, any position holding an opening character
    opening = opening_of(re.compile(r"(?<![\d.])[0-3]?\d\."))
    assert opening is not None and opening.words is None and opening.others is not None


def test_patterns_it_cannot_read_are_left_to_finditer() -> None:
    assert opening_of(re.compile(r"a?")) is None  # may match the empty string
    assert opening_of(re.compile(r"\b.a")) is None  # opens with any character
    assert opening_of(re.compile(r"\bmarch", re.IGNORECASE)) is None
    text = "March march"
    pattern = re.compile(r"\b.a")
    assert _spans(finditer(pattern, Starts.of(text))) == _spans(pattern.finditer(text))


def test_every_rule_tried_only_at_its_prefixes_finds_what_finditer_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan, "TRIES_PER_CHAR", 0)  # always the positions, never the engine's own scan
    _every_rule_matches_as_finditer()


def test_prefixes_read_off_the_pattern() -> None:
    opening = opening_of(re.compile(r"\b(?:(?P<rel>last|next)\s+)?(?P<wd>monday|tuesday)"))
    assert opening is not None and opening.prefixes == (frozenset(), frozenset(), frozenset({"las", "nex", "mon", "tue"}))
    # spaces are one, digits spelled out; a class it does not spell (\w) leaves a shorter prefix open
    opening = opening_of(re.compile(r"\b(?:\d\s+days|a\w+|an\s)"))
    assert opening is not None and opening.prefixes is not None
    assert opening.prefixes[0] == {"a"} and "7 d" in opening.prefixes[2] and "7\td" not in opening.prefixes[2]
    assert opening_of(re.compile(r"\b\w+ago")) is not None
    assert opening_of(re.compile(r"\b\w+ago")).prefixes is None  # type: ignore[union-attr]  # anything opens it


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1\u0663 \t\u00a0'-.\n", max_size=40))
def test_a_pattern_tried_at_its_prefixes_finds_what_finditer_finds(text: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scan, "TRIES_PER_CHAR", 0)
        for source in (r"\b(?:\d\s+ab|a\s+1|b)a?", r"\b(?:a|b\w)\s?1", r"(?<![\w-])(?:ab|1)[\s-]+b", r"\b1{2,5}a"):
            pattern = re.compile(source)
            assert _spans(finditer(pattern, Starts.of(text))) == _spans(pattern.finditer(text)), source
