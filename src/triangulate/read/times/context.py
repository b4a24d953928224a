"""What every time handler shares: the resolving context, rule records, regex pieces and small helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from triangulate.base.numbers import NUMBER_PHRASES
from triangulate.read.times.calendar import Anchor, Resolved, Vocab, add_months, load_vocab

# ---- context -----------------------------------------------------------------------------


@dataclass
class Context:
    """What a handler may use: the dates to resolve against and a look at the parse."""

    published: date | None
    text: str
    text_ref: date | None = None  # the last full date seen in the text (used without `published`)
    future_at: Callable[[int, int], bool] | None = None
    past_at: Callable[[int, int], bool] | None = None
    entity_at: Callable[[int], str] | None = None

    def calendar_ref(self) -> tuple[date | None, Anchor]:
        if self.published is not None:
            return self.published, "published"
        if self.text_ref is not None:
            return self.text_ref, "text"
        return None, "none"

    def is_future(self, start: int, end: int) -> bool:
        return self.future_at(start, end) if self.future_at is not None else False

    def is_past(self, start: int, end: int) -> bool:
        return self.past_at(start, end) if self.past_at is not None else False


Handler = Callable[[re.Match[str], Context], Resolved | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    # the same pattern for lower-cased text, without IGNORECASE (twice as fast: see `folded`)
    lowered: re.Pattern[str] | None = None
    # groups of words, each group with one word in every match's text (lower case): a text that lacks a
    # group cannot match, and the rule is not run over it
    needs: tuple[tuple[str, ...], ...] = ()

    def may_match(self, folded_text: str, seen: dict[tuple[str, ...], bool] | None = None) -> bool:
        """Whether the text holds a word of each group; with `seen`, each group looked for once per text
        (the rules share groups: the months' in eight rules)."""
        if seen is None:
            return all(any(word in folded_text for word in group) for group in self.needs)
        for group in self.needs:
            held = seen.get(group)
            if held is None:
                held = seen[group] = any(word in folded_text for word in group)
            if not held:
                return False
        return True


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]
    order: int


# ---- case folding ------------------------------------------------------------------------


def lowered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` (IGNORECASE, ASCII letters only) for text in lower case: its letters lowered, escapes
    and group syntax kept, without IGNORECASE."""
    source = re.sub(r"\\.|\(\?P[<=]|[A-Z]", lambda m: m.group().lower() if len(m.group()) == 1 else m.group(),
                    pattern.pattern)
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


# ---- regex pieces ------------------------------------------------------------------------


def _alternation(words: list[str]) -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@dataclass(frozen=True)
class Pieces:
    mon: str
    mon_full: str
    wd: str
    ordw: str
    num: str
    units: str
    approx: str
    year4: str = r"(?:1[6-9]\d\d|20\d\d)"


def _pieces(v: Vocab) -> Pieces:
    abbreviations = [m for m in v.months if m not in v.month_full]
    mon = rf"(?:(?:{_alternation(list(v.month_full))})(?![a-z])|(?:{_alternation(abbreviations)})(?:\.|(?![a-z])))"
    weekday_full = [w for w in v.weekdays if w.endswith("day")]
    weekday_abbr = [w for w in v.weekdays if not w.endswith("day")]
    wd = rf"(?:(?:{_alternation(weekday_full)})(?![a-z])|(?:{_alternation(weekday_abbr)})\.)"
    number_words = _alternation([w for w in NUMBER_PHRASES if w not in ("a", "an")])
    num = (
        rf"(?:\d{{1,3}}(?:\.\d+)?(?!\d)|(?:{number_words})(?:[\s-](?:{number_words}))?"
        rf"|{_alternation(list(v.vague_counts))}|an?)"
    )
    unit_words = [u + "s" for u in v.units if u != "century"] + list(v.units) + ["centuries"]
    approx = (
        r"about|nearly|almost|some|roughly|around|approximately|more\s+than|less\s+than|over|just|only"
        r"|at\s+least|up\s+to|barely|fewer\s+than|under|another|an\s+additional|close\s+to|well\s+over"
    )
    return Pieces(mon, _alternation(list(v.month_full)), wd, _alternation(list(v.ordinals)), num,
                  _alternation(unit_words), approx)


# ---- small helpers -----------------------------------------------------------------------


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().strip().rstrip("."))


def _capitalized(m: re.Match[str], group: str) -> bool:
    word = m.group(group)
    return word is None or word[:1].isupper()


def _month(v: Vocab, word: str) -> int:
    return v.months[_key(word)]


def _weekday(v: Vocab, word: str) -> int:
    return v.weekdays[_key(word)]


def _number(v: Vocab, text: str) -> tuple[int, bool]:
    """A count and whether it is vague ("several")."""
    key = _key(text).replace("-", " ")
    if key in v.vague_counts:
        return v.vague_counts[key], True
    if key in NUMBER_PHRASES:
        return NUMBER_PHRASES[key], False
    try:
        return max(1, round(float(key))), False
    except ValueError:
        pass
    total = 0
    for part in key.split():
        total += NUMBER_PHRASES.get(part, 0)
    return max(total, 1), False


def _unit(word: str) -> str:
    key = _key(word)
    if key == "centuries":
        return "century"
    return key[:-1] if key.endswith("s") else key


def _duration_value(v: Vocab, unit: str, count: float, vague: bool) -> str:
    info = v.units[unit]
    prefix = "PT" if info.time else "P"
    whole, rest = divmod(count * info.multiplier, 1)
    if rest == 0.5 and info.half and not vague:  # "5 1/2 hours" = PT5H30M
        return prefix + (f"{whole:g}{info.iso}" if whole else "") + info.half
    amount = "X" if vague else f"{count * info.multiplier:g}"
    return f"{prefix}{amount}{info.iso}"


def _unit_span(unit: str, count: int) -> timedelta | int:
    """How far back "the past N units" reaches: months by calendar, the rest in days."""
    if unit in ("month", "quarter", "year", "decade", "century"):
        return {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit] * count
    v = load_vocab()
    if v.units[unit].time:
        hours = {"second": 1 / 3600, "minute": 1 / 60, "hour": 1.0}[unit] * count
        return timedelta(hours=hours)
    return timedelta(days=v.units[unit].days * count)


def _back(ref: date, unit: str, count: int, sign: int = -1) -> date:
    span = _unit_span(unit, count)
    if isinstance(span, int):
        return add_months(ref, sign * span)
    return ref + sign * span if span >= timedelta(days=1) else ref


def _narrow(res: Resolved, mod: str | None, ref: date | None) -> Resolved:
    """early/mid/late and earlier/later narrow the range; the value stays (TimeML puts this in mod)."""
    if not mod or res.start_date is None or res.end_date is None:
        return res
    mod = _key(mod).replace("-", "")
    start, end = res.start_date, res.end_date
    length = (end - start).days + 1
    third = max(length // 3, 1)
    if mod in ("early", "the beginning of", "the start of", "the first half of"):
        end = start + timedelta(days=third - 1)
    elif mod in ("mid", "middle", "the middle of"):
        start, end = start + timedelta(days=third), end - timedelta(days=third)
    elif mod in ("late", "the end of", "end of", "the second half of", "the last half of"):
        start = end - timedelta(days=third - 1)
    elif mod == "earlier" and ref is not None:
        end = max(start, min(end, ref - timedelta(days=1)))
    elif mod in ("later", "the rest of", "the remainder of") and ref is not None:
        start = min(end, max(start, ref + timedelta(days=1)))
    if end < start:
        end = start
    return replace(res, start_date=start, end_date=end)


def _absolute(res: Resolved) -> Resolved:
    return replace(res, anchor="none", year_known=True)
