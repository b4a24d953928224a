"""A pattern's `finditer` tried only where a match can start: at the characters its first one may be.

The rules' patterns open with `\\b` or a look-behind, which turns off the regular expression engine's
prefix search: it tries each pattern at every position of the text, about 20 ms for 580,000 characters
even for a pattern that never matches. The characters a match can open with are read off the parsed
pattern; when the pattern also opens with a word boundary (or a look-behind refusing word characters)
and only word characters can open it, a match starts where a word does. The text's word starts are found
once (`Starts`), grouped by their character, and each pattern is tried at those of its characters: the
same matches `finditer` finds, in the same order, since a position skipped is one where no match starts.
A pattern this cannot read (one that may match the empty string, or open with any character) is left to
`finditer`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module
from itertools import chain
from typing import Any

# CPython's own regular expression parser and its opcodes, as `re` uses them (no stubs: typed as Any)
sre: Any = import_module("re._constants")
sre_parse: Any = import_module("re._parser")
_WORD_START = re.compile(r"\b\w")
PREFIX = 3  # characters of a word start read to choose the patterns tried there
_ONE_SPACE = {c: " " for c in range(128) if re.match(r"\s", chr(c))}  # ASCII spaces read as one: fewer prefixes
MAX_PREFIXES = 4000  # prefixes kept for a pattern; more (classes after classes) and it is narrowed by its first character only
# a pattern tried from Python at one position costs about as much as the engine's own scan over this
# many characters: with more places to try than the text's length over this, `finditer` is faster
TRIES_PER_CHAR = 8
_CATEGORY_CLASS = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}


class _Unreadable(Exception):
    """A pattern whose first characters this module does not work out."""


@dataclass(frozen=True)
class Opening:
    """Where a pattern's matches may open: at a word start whose character is one of `words`, or at any
    character of `others` (classes as compiled one-character patterns, None for none). `prefixes`, when
    known, narrows the word starts: a match opening at one begins with one of these strings, by length
    (`prefixes[n - 1]` holds those of n characters: PREFIX, or fewer where anything may follow), as far as
    its first PREFIX characters are ASCII (ASCII spaces read as one, `_ONE_SPACE`)."""

    words: re.Pattern[str] | None
    others: re.Pattern[str] | None
    prefixes: tuple[frozenset[str], ...] | None = None


@dataclass
class Starts:
    """A text's word starts, by their first PREFIX characters (those whose first PREFIX characters are all
    ASCII; the others, and those nearer the end, in `odd`), or by their first character; and, for
    patterns that may start anywhere, the positions of a character class, found once per class."""

    text: str
    by_prefix: dict[str, list[int]]
    odd: list[int]
    _by_char: dict[str, list[int]] | None = None
    _found: dict[Opening, list[int] | None] = field(default_factory=dict)
    _shorter: dict[int, dict[str, list[str]]] = field(default_factory=dict)  # by_prefix's keys by their start

    @classmethod
    def of(cls, text: str) -> Starts:
        starts = [found.start() for found in _WORD_START.finditer(text)]
        spaced = text.translate(_ONE_SPACE) if not text.isalnum() else text
        by_prefix: defaultdict[str, list[int]] = defaultdict(list)
        for start in starts:
            by_prefix[spaced[start:start + PREFIX]].append(start)
        odd: list[int] = []
        for key in [key for key in by_prefix if len(key) < PREFIX or not key.isascii()]:
            odd += by_prefix.pop(key)
        odd.sort()
        return cls(text, dict(by_prefix), odd)

    @property
    def by_char(self) -> dict[str, list[int]]:
        """The word starts by their first character."""
        if self._by_char is None:
            runs: defaultdict[str, list[int]] = defaultdict(list)
            for key, found in self.by_prefix.items():
                runs[key[0]] += found
            for start in self.odd:
                runs[self.text[start]].append(start)
            self._by_char = {c: sorted(found) for c, found in runs.items()}
        return self._by_char

    def positions(self, opening: Opening) -> list[int] | None:
        """Where a match of a pattern opening so may start, in order; None when there are so many that
        the engine's own scan is faster."""
        if opening in self._found:
            return self._found[opening]
        runs: list[list[int]] = []
        if opening.words is not None and opening.prefixes is not None:
            runs = [self.by_prefix[p] for p in self._opened(opening.prefixes)]
            runs.append([p for p in self.odd if opening.words.match(self.text[p])])
        elif opening.words is not None:
            runs = [ps for c, ps in self.by_char.items() if opening.words.match(c)]
        if opening.others is not None:
            runs.append([m.start() for m in opening.others.finditer(self.text)])
        runs = [run for run in runs if run]
        found: list[int] | None = None
        if sum(map(len, runs)) * TRIES_PER_CHAR <= len(self.text):
            found = runs[0] if len(runs) == 1 else sorted(chain.from_iterable(runs))
        self._found[opening] = found
        return found

    def _opened(self, prefixes: tuple[frozenset[str], ...]) -> list[str]:
        """The text's word-start prefixes that begin with one of `prefixes` (no one of which begins another)."""
        found = list(_common(self.by_prefix, prefixes[-1]))
        for length, shorter_prefixes in enumerate(prefixes[:-1], start=1):
            if not shorter_prefixes:
                continue
            shorter = self._shorter.get(length)
            if shorter is None:
                shorter = self._shorter[length] = defaultdict(list)
                for whole in self.by_prefix:
                    shorter[whole[:length]].append(whole)
            for start in _common(shorter, shorter_prefixes):
                found += shorter[start]
        return found


def _common(found: dict[str, list[Any]], wanted: frozenset[str]) -> AbstractSet[str]:
    """The keys of `found` in `wanted`, walking the smaller of the two."""
    return wanted.intersection(found) if len(wanted) > len(found) else found.keys() & wanted


def finditer(pattern: re.Pattern[str], starts: Starts) -> Iterator[re.Match[str]]:
    """`pattern.finditer(starts.text)`, trying the pattern only where a match can start."""
    opening = opening_of(pattern)
    text = starts.text
    positions = starts.positions(opening) if opening is not None else None
    if positions is None:
        yield from pattern.finditer(text)
        return
    match = pattern.match
    end = 0
    for position in positions:
        if position >= end:
            found = match(text, position)
            if found is not None:
                yield found
                end = found.end()  # never empty: `opening_of` reads no pattern that may match nothing


@lru_cache(maxsize=256)
def opening_of(pattern: re.Pattern[str]) -> Opening | None:
    """The characters `pattern`'s matches open with, or None when any may (or a match may be empty)."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        items, nullable = _first(list(parsed))
    except _Unreadable:
        return None
    if nullable or not items:
        return None
    if not _opens_at_boundary(list(parsed)):
        return Opening(None, _class(items, pattern.flags))
    # a match opening with a word character starts a word; one opening with another character, anywhere
    words = [item for item in items if _wordy(item)]
    others = [item for item in items if not _wordy(item)]
    return Opening(_class(words, pattern.flags), _class(others, pattern.flags), _prefixes(list(parsed)))


def _class(items: list[str], flags: int) -> re.Pattern[str] | None:
    return re.compile("[" + "".join(items) + "]", flags) if items else None


def _first(sequence: list[tuple[Any, Any]]) -> tuple[list[str], bool]:
    """The class items of the characters a sequence's match may open with, and whether it may be empty."""
    items: list[str] = []
    for op, av in sequence:
        found, nullable = _first_of(op, av)
        items.extend(found)
        if not nullable:
            return items, False
    return items, True


def _first_of(op: Any, av: Any) -> tuple[list[str], bool]:
    if op is sre.LITERAL:
        return [_escape(av)], False
    if op is sre.IN:
        return _class_items(av), False
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return [], True  # zero width: the next item opens the match
    if op is sre.SUBPATTERN:
        return _first(list(av[-1]))
    if op is sre.ATOMIC_GROUP:
        return _first(list(av))
    if op is sre.BRANCH:
        items: list[str] = []
        nullable = False
        for branch in av[1]:
            found, empty = _first(list(branch))
            items.extend(found)
            nullable = nullable or empty
        return items, nullable
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, item = av
        found, empty = _first(list(item))
        return found, low == 0 or empty
    raise _Unreadable(op)


def _class_items(av: list[tuple[Any, Any]]) -> list[str]:
    items = []
    for op, value in av:
        if op is sre.LITERAL:
            items.append(_escape(value))
        elif op is sre.RANGE:
            items.append(_escape(value[0]) + "-" + _escape(value[1]))
        elif op is sre.CATEGORY and value in _CATEGORY_CLASS:
            items.append(_CATEGORY_CLASS[value])
        else:  # a negated class, a character set the parser made: any character, as far as this reads
            raise _Unreadable(op)
    return items


def _escape(code: int) -> str:
    return re.escape(chr(code))


def _opens_at_boundary(sequence: list[tuple[Any, Any]]) -> bool:
    """Whether the pattern opens (before its first character) with `\\b` or a look-behind that refuses
    every word character: then, its first character being a word character, a match starts a word."""
    for op, av in sequence:
        if op is sre.AT and av is sre.AT_BOUNDARY:
            return True
        if op is sre.ASSERT_NOT and av[0] == -1 and _refuses_words(list(av[1])):
            return True
        if op not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            return False
    return False


def _refuses_words(sequence: list[tuple[Any, Any]]) -> bool:
    """Whether a look-behind's content is one character class holding `\\w`."""
    return (len(sequence) == 1 and sequence[0][0] is sre.IN
            and any(op is sre.CATEGORY and value is sre.CATEGORY_WORD for op, value in sequence[0][1]))


def _wordy(item: str) -> bool:
    """Whether every character of a class item is a word character (`\\w`)."""
    if item in (r"\d", r"\w"):
        return True
    if item.startswith("\\") and len(item) == 2 and item[1] not in "dswDSW":
        item = item[1]  # an escaped literal
    if len(item) == 1:
        return bool(re.fullmatch(r"\w", item))
    return bool(re.fullmatch(r"[0-9]-[0-9]|[a-z]-[a-z]|[A-Z]-[A-Z]", item))


# ---- the first PREFIX characters -----------------------------------------------------------
# A prefix is (text, open): `open` when any character may follow it (a class this does not spell out, or the
# pattern's end), so that it is not extended by what follows it in the pattern.
_Prefixes = set[tuple[str, bool]]
_SPELLED = {sre.CATEGORY_DIGIT: "0123456789", sre.CATEGORY_SPACE: " "}  # their ASCII members (spaces as one)


def _prefixes(sequence: list[tuple[Any, Any]]) -> tuple[frozenset[str], ...] | None:
    """The strings a match's first PREFIX characters may be, where they are ASCII (a word start whose
    first characters are not is always tried): shorter ones where anything may follow. None when this
    does not read the pattern, or there are too many."""
    try:
        found = _seq_prefixes(sequence)
    except _Unreadable:
        return None
    texts = {text for text, _ in found}
    if not texts or "" in texts:
        return None
    # a prefix that begins with a shorter one adds nothing: the shorter one takes every word start it would
    kept = [t for t in texts if not any(t[:n] in texts for n in range(1, len(t)))]
    return tuple(frozenset(t for t in kept if len(t) == n) for n in range(1, PREFIX + 1))


def _join(left: _Prefixes, right: _Prefixes) -> _Prefixes:
    out: _Prefixes = set()
    for text, open_ in left:
        if open_ or len(text) >= PREFIX:
            out.add((text, open_))
            continue
        for more, more_open in right:
            joined = text + more
            out.add((joined[:PREFIX], more_open or len(joined) >= PREFIX))
    if len(out) > MAX_PREFIXES:
        raise _Unreadable("too many prefixes")
    return out


def _seq_prefixes(sequence: list[tuple[Any, Any]]) -> _Prefixes:
    found: _Prefixes = {("", False)}
    for op, av in sequence:
        if all(open_ or len(text) >= PREFIX for text, open_ in found):
            break
        found = _join(found, _op_prefixes(op, av))
    return {(text, open_ or len(text) >= PREFIX) for text, open_ in found} if sequence else found


def _op_prefixes(op: Any, av: Any) -> _Prefixes:
    if op is sre.LITERAL:
        return {(chr(av).translate(_ONE_SPACE), False)}
    if op is sre.IN:
        chars = _spelled(av)
        return {(c, False) for c in chars} if chars is not None else {("", True)}
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return {("", False)}  # zero width: what follows opens the match (a look-ahead only narrows it)
    if op is sre.SUBPATTERN:
        return _seq_prefixes(list(av[-1]))
    if op is sre.ATOMIC_GROUP:
        return _seq_prefixes(list(av))
    if op is sre.BRANCH:
        return set().union(*(_seq_prefixes(list(branch)) for branch in av[1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, item = av
        once = _seq_prefixes(list(item))
        if low > PREFIX and any(not text for text, _ in once):
            return {("", True)}
        out: _Prefixes = set()
        for times in range(min(low, PREFIX), min(high, PREFIX) + 1):
            found: _Prefixes = {("", False)}
            for _ in range(times):
                found = _join(found, once)
            out |= found
        return out
    return {("", True)}  # any character, a negated class, a back-reference: anything may come


def _spelled(av: list[tuple[Any, Any]]) -> str | None:
    """A class's ASCII members (its others open a prefix that is always tried), or None for a class this
    does not spell out (a negated one, a word category)."""
    chars = []
    for op, value in av:
        if op is sre.LITERAL:
            chars.append(chr(value))
        elif op is sre.RANGE and value[1] - value[0] < 128:
            chars.extend(chr(c) for c in range(value[0], value[1] + 1))
        elif op is sre.CATEGORY and value in _SPELLED:
            chars.append(_SPELLED[value])
        else:
            return None
    return "".join(dict.fromkeys("".join(chars).translate(_ONE_SPACE)))
