"""times: time expressions found in a report and resolved against its publication date.

Finding: our own patterns for news language (compiled once from data/times.yaml) run over
the text; the longest match wins where they overlap; spaCy DATE/TIME entities that no
pattern covers are added after, resolved by dateparser when it can. Spans follow TimeML
(TIMEX3) extents: "the last two weeks" keeps "the", "on Monday" is only "Monday", and
signals such as "since", "for", "between ... and" stay outside.

Conventions for values (see also the README section in the lead's notes):
- ISO 8601 dates and periods: "2019-08-20", "2019-W34", "2019-08", "2019-Q3", "2019-SU",
  "2019", decades "199" (the 1990s), centuries "19"; times "2019-08-20T19:15",
  parts of day "2019-08-20TMO".
- Durations keep an ISO duration ("P3D", "PXW" when the count is vague) and have no dates,
  except "the past/last/next N units", whose dates are the range ending (starting) on the
  publication date. Sets ("daily") keep their period ("P1D"), granularity "fuzzy".
- Fuzzy references are PAST_REF / PRESENT_REF / FUTURE_REF; "recently"-like ones carry an
  approximate past range when the publication date is known.
- No publication date: calendar expressions keep a partial value ("XXXX-07-19",
  year_known False, no dates) unless a full date earlier in the text gives the year
  (anchor "text"); relative ones get a masked value ("XXXX-XX-XX", "XXXX-WXX", weekday
  "XXXX-WXX-5") with anchor "none". Absolute expressions ("8 May 2020") have anchor "none"
  and year_known True: they needed nothing to resolve.
- "since 2014" keeps the span and value of "2014" but its dates run to the publication date;
  "between May 1 and May 3" / "from 2012 to 2014" become one range "2012/2014".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

from triangulate.read.timerules import (
    UPCOMING_DAYS,
    Anchor,
    Resolved,
    Vocab,
    add_months,
    century_ref,
    day_ref,
    decade_ref,
    half_ref,
    holiday_date,
    load_vocab,
    month_end,
    month_ref,
    nearest_year,
    quarter_ref,
    safe_date,
    season_ref,
    shift_unit,
    unknown,
    weekday_date,
    weekend_ref,
    year_ref,
)
from triangulate.records import TimeRef

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


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]
    order: int


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
    number_words = _alternation([w for w in v.numbers if w not in ("a", "an")])
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
    if key in v.numbers:
        return v.numbers[key], False
    try:
        return max(1, round(float(key))), False
    except ValueError:
        pass
    total = 0
    for part in key.split():
        total += v.numbers.get(part, 0)
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


# ---- handlers ----------------------------------------------------------------------------


def _calendar_day(m: re.Match[str], ctx: Context, month: int, day: int) -> Resolved | None:
    v = load_vocab()
    year_text = m.group("year")
    if year_text:
        found = safe_date(int(year_text), month, day)
        return _absolute(day_ref(found)) if found else None
    if safe_date(2000, month, day) is None:  # 2000 is a leap year: any valid month-day
        return None
    ref, anchor = ctx.calendar_ref()
    if ref is None:
        return Resolved(f"XXXX-{month:02d}-{day:02d}", None, None, "day", "none", False)
    year = nearest_year(month, day, ref, ctx.is_future(m.start(), m.end()), anchor == "text",
                        ctx.is_past(m.start(), m.end()))
    found = safe_date(year, month, day) if year else None
    del v
    return day_ref(found, anchor) if found else None


def _h_month_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    if not _capitalized(m, "mon") or not _capitalized(m, "wd"):
        return None
    day_text = m.group("day")
    day = int(day_text) if day_text else v.ordinals.get(_key(m.group("dayw") or ""), 0)
    return _calendar_day(m, ctx, _month(v, m.group("mon")), day)


def _h_numeric(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = int(m.group("year"))
    if year < 100:
        year += 1900 if year >= 50 else 2000
    found = safe_date(year, int(m.group("month")), int(m.group("day")))
    return _absolute(day_ref(found)) if found else None


# "March futures", "for December delivery", "the March contract": a contract month is ahead
_CONTRACT_AFTER = re.compile(r"\s+(?:delivery|futures|contracts?|options|puts|calls)\b", re.I)


def _h_month_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    if not _capitalized(m, "mon"):
        return None
    month = _month(v, m.group("mon"))
    year_text = m.groupdict().get("year")
    if year_text:
        return _narrow(_absolute(month_ref(int(year_text), month)), m.group("mod"), None)
    rel = _key(m.group("rel") or "")
    ref, anchor = ctx.calendar_ref()
    if ref is None:
        return Resolved(f"XXXX-{month:02d}", None, None, "month", "none", False)
    future = ctx.is_future(m.start(), m.end()) or bool(_CONTRACT_AFTER.match(ctx.text, m.end()))
    if rel in ("last", "past", "this past"):
        year = ref.year if month < ref.month else ref.year - 1
    elif rel in ("next", "coming", "this coming"):
        year = ref.year if month > ref.month else ref.year + 1
    elif rel == "this":
        year = ref.year
    elif anchor == "text":
        year = min((ref.year - 1, ref.year, ref.year + 1), key=lambda y: abs(y * 12 + month - ref.year * 12 - ref.month))
    elif future or (0 < (month - ref.month) % 12 <= UPCOMING_DAYS // 30 and not ctx.is_past(m.start(), m.end())):
        year = ref.year if month >= ref.month else ref.year + 1
    else:
        year = ref.year if month <= ref.month else ref.year - 1
    return _narrow(month_ref(year, month, anchor), m.groupdict().get("mod"), None)


def _h_month_rel_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    if not _capitalized(m, "mon") or ctx.published is None:
        return unknown("month") if _capitalized(m, "mon") else None
    offset = {"this": 0, "last": -1, "next": 1}[_key(m.group("rel"))]
    return month_ref(ctx.published.year + offset, _month(v, m.group("mon")))


def _h_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = int(m.group("year"))
    mod = _key(m.group("mod") or "")
    if not mod:
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        temporal_signal = re.search(
            r"(?:\bin|\bsince|\bof|\bby|\buntil|\btill|\bfrom|\bto|\bbefore|\bafter|\bduring|\bthrough|"
            r"\bbetween|\band|\bor|\bearly|\blate|\bmid|\bthe|\bsummer|\bwinter|\bspring|\bautumn)\s+$|[-–(]\s*$",
            before,
        )
        label = ctx.entity_at(m.start()) if ctx.entity_at is not None else "DATE"
        if label in ("MONEY", "QUANTITY", "CARDINAL", "PERCENT", "ORDINAL") and not temporal_signal:
            return None
        if label not in ("DATE", "TIME", "EVENT") and not temporal_signal:
            return None
    if mod in ("the first half of",):
        return half_ref(year, 1)
    if mod in ("the second half of", "the last half of"):
        return half_ref(year, 2)
    res = _absolute(year_ref(year))
    return _narrow(res, mod, None)


def _h_decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    mod = m.group("mod")
    if m.group("dec4"):
        first = int(m.group("dec4"))
    else:
        digit = int(m.group("dec2")[0]) if m.group("dec2") else v.decade_words[_key(m.group("decw"))]
        if m.group("decw") and not (mod or m.group(0).lower().startswith("the")):
            return None  # "in his forties" is an age
        ref, _anchor = ctx.calendar_ref()
        century = (ref.year // 100) * 100 if ref else 1900
        first = century + digit * 10
        if ref and first > ref.year:
            first -= 100
        if ref is None:
            return Resolved(f"XX{digit}", None, None, "decade", "none", False)
    return _narrow(_absolute(decade_ref(first)), mod, None)


def _h_century(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    number = int(m.group("cn")) if m.group("cn") else v.ordinals.get(_key(m.group("cw") or ""), 0)
    if not 1 <= number <= 30:
        return None
    return _narrow(_absolute(century_ref(number)), m.group("mod"), None)


# a capitalized word (not a sentence's first) right before a capitalized "Today": a name
_NAME_BEFORE = re.compile(r"(?<![.!?:\"'`] )(?<!^)\b(?!(?:On|Until|By|From|And|But|So|Even|Only|Just|Since|For)\s)[A-Z][A-Za-z]*\s$")


def _h_relday(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    word = _key(m.group("rd"))
    if word in ("today", "tomorrow") and not m.group("mod") and not m.group("pod"):
        owned = _OWNED_NOUN.match(ctx.text, m.end())
        if owned and owned.group("w").lower() in v.generic_after_today:
            return None  # "today's youth", "the people of tomorrow": the present age, not a day
        if word == "tomorrow" and re.search(r"\bof\s+$", ctx.text[max(0, m.start() - 4):m.start()]):
            return None
        if m.group(0)[:1] == "T" and _NAME_BEFORE.search(ctx.text[max(0, m.start() - 20):m.start()]):
            return None  # a title: "USA Today", "This is VOA Today"
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1,
              "this morning": 0, "this afternoon": 0, "this evening": 0}.get(word, 0)
    mod = _key(m.groupdict().get("mod") or "")
    pod_word = _key(m.groupdict().get("pod") or "")
    if word == "tonight" or word == "last night":
        pod_word = "night"
    if word.startswith("this "):
        pod_word = word.split()[1]
    if mod.startswith("mid") and mod != "mid":
        pod_word = mod.replace("mid-", "").replace("mid", "")
    if ctx.published is None:
        return unknown("day")
    day = ctx.published + timedelta(days=offset)
    res = day_ref(day)
    if pod_word in v.parts_of_day:
        res = replace(res, value=f"{day.isoformat()}T{v.parts_of_day[pod_word]}", granularity="time")
    return res


def _h_day_before(m: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.published is None:
        return unknown("day")
    offset = -2 if "before" in m.group(0).lower() else 2
    return day_ref(ctx.published + timedelta(days=offset))


_NAMED_DAY = re.compile(r"\b(?:Black|Bloody|Super)\s+$")


# "the Mail on Sunday", "the Independent on Sunday" ("the Post on Sunday reported" is a day)
_ON_SUNDAY_PAPER = re.compile(r"\b(?:Mail|Independent|Scotland)\s+on\s+$")


def _newspaper_name(text: str, start: int, end: int) -> bool:
    """A capitalized weekday or "Daily" in a newspaper's name: "the Sunday Times", "the Daily
    Telegraph" (the paper words are listed in times.yaml), "the Mail on Sunday"."""
    papers = load_vocab().paper_words
    after = re.match(r"\s+([A-Z][a-z]+)", text[end:end + 20])
    if after and after.group(1).lower() in papers:
        return True
    return bool(_ON_SUNDAY_PAPER.search(text[max(0, start - 20):start])) and text[start:end] == "Sunday"


def _h_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    if not _capitalized(m, "wd"):
        return None
    if not m.group("rel") and not m.group("pre") and _NAMED_DAY.search(ctx.text[max(0, m.start() - 8):m.start()]):
        return None  # a name: "Black Monday" (1987), "Super Tuesday", "Bloody Sunday"
    if _newspaper_name(ctx.text, m.start(), m.end()):
        return None  # "The Sunday Times", "The Mail on Sunday"
    weekday = _weekday(v, m.group("wd"))
    rel = _key(m.group("rel") or "")
    if ctx.published is None:
        return Resolved(f"XXXX-WXX-{weekday + 1}", None, None, "day", "none", False)
    day = weekday_date(weekday, ctx.published, rel, ctx.is_future(m.start(), m.end()))
    res = day_ref(day)
    pod_word = _key(m.group("pod") or "")
    pre = _key(m.group("pre") or "")
    if pre == "noon":
        return replace(res, value=f"{day.isoformat()}T12:00", granularity="time")
    if pre == "midnight":
        return replace(res, value=f"{day.isoformat()}T24:00", granularity="time")
    if pod_word in v.parts_of_day:
        res = replace(res, value=f"{day.isoformat()}T{v.parts_of_day[pod_word]}", granularity="time")
    return res


_SEASON_UNITS = ("spring", "summer", "fall", "autumn", "winter")


def _season(ref: date, code: str, offset: int, anchor: Anchor) -> Resolved:
    """The season `code` relative to ref: offset 0 the latest one begun, -1 the one before."""
    year = ref.year
    start = season_ref(year, code, anchor).start_date
    assert start is not None
    if start > ref:
        year -= 1
    return season_ref(year + offset, code, anchor)


# "that year", "the following day": TimeML resolves them against the latest date in the text.
_ANAPHOR_UNITS = ("day", "week", "month", "year")
_ANAPHOR_SHIFT = {"following": 1, "previous": -1, "preceding": -1, "prior": -1, "same": 0}


def _anaphor(unit: str, shift: int, ctx: Context) -> Resolved:
    """A placeholder resolved by `_resolve_anaphora`; against publication when nothing precedes."""
    res = unknown(unit) if ctx.published is None else shift_unit(unit, ctx.published, shift)
    return replace(res, extra={"anaphor": unit, "shift": str(shift)})


def _h_unit_before(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "down from 10.1% the week before.": the unit before (after) the one the text last named."""
    shift = -1 if _key(m.group("dir")) in ("before", "earlier") else 1
    res = _anaphor(_key(m.group("unit")), shift, ctx)
    if _key(m.group("unit")) == "year" and shift < 0 and _comparison_figure(ctx.text, m.start(), m.end()):
        res = replace(res, extra={**res.extra, **_YEAR_AGO})  # "from $3 million the year before"
    return res


def _h_anaphoric_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    rel = _key(m.group("rel") or "that")
    res = _anaphor("day", _ANAPHOR_SHIFT.get(rel, 0) if rel != "next" else 1, ctx)
    if not m.group("pod"):
        return res
    # "that night", "the next morning": the part of the day the story is at
    code = load_vocab().parts_of_day[_key(m.group("pod"))]
    return _with_part_of_day(replace(res, extra={**res.extra, "pod": code}))


def _with_part_of_day(res: Resolved) -> Resolved:
    code = res.extra.get("pod")
    if not code or res.start_date is None:
        return res
    return replace(res, value=res.value[:10] + "T" + code, granularity="time")


def _h_spelled_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    if m.group("thousand"):
        year = 2000 + (_number(v, m.group("rest"))[0] if m.group("rest") else 0)
    else:
        century = v.numbers.get(_key(m.group("cent")), 0)
        rest = _key(m.group("tens")).replace("-", " ")
        year = century * 100 + sum(v.numbers.get(part, 0) for part in rest.split())
    if not 1600 <= year <= 2099:
        return None
    if m.group("mon"):  # "January nineteen ninety-seven"
        if not _capitalized(m, "mon"):
            return None
        return _absolute(month_ref(year, _month(v, m.group("mon"))))
    return _absolute(year_ref(year))


def _h_relunit(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    unit = _key(m.group("unit"))
    rel = _key(m.groupdict().get("rel") or "this")
    the = bool(m.groupdict().get("the"))
    mod = m.groupdict().get("mod")
    if m.group("unit")[:1].isupper() and _QUOTE_BEFORE.search(ctx.text[max(0, m.start() - 3):m.start()]):
        return None  # a quoted title: ABC's "This Week"
    if rel in ("that", "same"):
        return _anaphor(unit, 0, ctx) if unit in _ANAPHOR_UNITS else None
    if the and rel in _ANAPHOR_SHIFT and unit in _ANAPHOR_UNITS:
        res = _anaphor(unit, _ANAPHOR_SHIFT[rel], ctx)
        if unit == "year" and _ANAPHOR_SHIFT[rel] < 0 and _comparison_figure(ctx.text, m.start(), m.end()):
            res = replace(res, extra={**res.extra, **_YEAR_AGO})  # "up 10% from the prior year"
        return res
    if unit == "fortnight":  # "the past fortnight": two weeks back; no calendar fortnight
        if not (the and rel in _PAST_RELS) or ctx.published is None:
            return None
        return Resolved("P2W", _back(ctx.published, "week", 2), ctx.published, "range")
    if ctx.published is None:
        if unit in _SEASON_UNITS:
            return Resolved(f"XXXX-{v.seasons[unit]}", None, None, "season", "none", False)
        return unknown(unit)
    ref = ctx.published
    if the and rel in ("past", "last", "previous", "preceding", "prior") and unit not in _SEASON_UNITS:
        if unit == "weekend":
            return weekend_ref(ref - timedelta(days=ref.weekday() + 1))
        if unit == "quarter":  # the quarter before the one the report is about
            return replace(shift_unit("quarter", ref, -1), extra={"quarter_anaphor": "previous"})
        value = _duration_value(v, unit, 1, False) if unit in v.units else "P1W"
        return Resolved(value, _back(ref, unit, 1), ref, "range")
    offset = {"last": -1, "past": -1, "previous": -1, "preceding": -1, "prior": -1, "this past": -1,
              "next": 1, "coming": 1, "following": 1, "this coming": 1}.get(rel, 0)
    if unit in _SEASON_UNITS:
        res = _relative_season(ref, v.seasons[unit], rel, ctx.is_future(m.start(), m.end()))
        return _narrow(res, mod, ref)
    if unit == "semester" or unit == "season":
        return None
    if rel == "latest" and unit == "quarter":
        offset = -1
    if unit == "quarter" and rel == "this" and not ctx.is_future(m.start(), m.end()) and the:
        offset = 0
    res = shift_unit(unit, ref, offset)
    if unit == "year" and rel == "last" and not mod and _comparison_figure(ctx.text, m.start(), m.end()):
        res = replace(res, extra=_YEAR_AGO)  # "down from $21.4 million last year": like "a year ago"
    if unit == "weekend" and rel == "this" and ref.weekday() < 4 and not ctx.is_future(m.start(), m.end()):
        res = shift_unit(unit, ref, -1)
    if mod and offset == 0 and _key(mod) in ("earlier", "later"):
        res = replace(res, granularity="range")
    return _narrow(res, mod, ref)


_QUOTE_BEFORE = re.compile(r"(?:\"|``|“|')$")
# An earnings comparison: "compared with a loss of $3 million last year", "from last year's $1.55 billion".
_COMPARED_BEFORE = re.compile(r"\b(?:compared\s+with|from|versus|vs\.|against)\s+[^.;:]{0,40}\d[^.;:]{0,20}$", re.I)
_FIGURE_AFTER = re.compile(r"(?:'s|’s)\s+(?:[$#£€]|US\$|C\$)?\s*\d")


def _comparison_figure(text: str, start: int, end: int) -> bool:
    """Whether "last year" gives the figure a result is compared with, as "a year ago" does."""
    return bool(_COMPARED_BEFORE.search(text[max(0, start - 60):start]) or _FIGURE_AFTER.match(text, end)
                or re.search(r"\b(?:compared\s+with|from|versus|vs\.|against)\s+$", text[max(0, start - 16):start], re.I))


def _h_in_the(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = _key(m.group("unit"))
    if ctx.published is None:
        return unknown(unit)
    res = shift_unit(unit, ctx.published, 0)
    mod = _key(m.group("mod"))
    res = _narrow(res, mod if mod in ("earlier", "later") else ("the " + mod + " of"), ctx.published)
    return replace(res, granularity="range") if mod in ("earlier", "later") else res


def _h_weekend(m: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.published is None:
        return unknown("weekend")
    ref = ctx.published
    if ref.weekday() >= 5 or ctx.is_future(m.start(), m.end()):
        return weekend_ref(ref)
    return weekend_ref(ref - timedelta(days=7))


def _h_year_end(m: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.published is None:
        return unknown("year")
    return _narrow(year_ref(ctx.published.year), "late", None)


_NARRATIVE_DIRECTIONS = ("later", "earlier", "before", "after")


def _h_ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    direction = _key(m.group("dir"))
    if direction in ("before", "after"):
        following = ctx.text[m.end():m.end() + 3]
        if following.strip() and following.strip()[0].isalnum():
            return None  # "two days after the attack": a duration and a signal
    unit = _unit(m.group("unit"))
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    num_text = m.group("num")
    if num_text is None:
        if not m.group("unit").lower().endswith(("s",)):
            return None
        return Resolved("FUTURE_REF" if sign > 0 else "PAST_REF", None, None, "fuzzy")
    count, vague = _number(v, num_text)
    if ctx.published is None:
        return unknown(unit) if not v.units[unit].time else unknown("day")
    ref = ctx.published
    if vague:
        target = _back(ref, unit, count, sign)
        return Resolved("FUTURE_REF" if sign > 0 else "PAST_REF", min(target, ref), max(target, ref), "fuzzy")
    if v.units[unit].time:
        moment = datetime.combine(ref, datetime.min.time()) + sign * _unit_span(unit, count)  # type: ignore[operator]
        return Resolved(moment.date().isoformat(), moment.date(), moment.date(), "time")
    if unit in ("decade", "century"):
        years = sign * count * (10 if unit == "decade" else 100)
        if _key(num_text).startswith("half"):  # "half a century ago"
            years //= 2
        # "two decades later" counts from the last date named, like "two years later"
        return _anaphor("year", years, ctx) if direction in _NARRATIVE_DIRECTIONS else year_ref(ref.year + years)
    multiplier = v.units[unit].multiplier
    if unit == "fortnight":
        return shift_unit("week", ref, sign * 2 * count)
    if unit == "quarter":
        return shift_unit("quarter", ref, sign * count)
    del multiplier
    if unit == "year" and count == 1 and sign < 0:
        return replace(shift_unit("year", ref, -1), extra=_YEAR_AGO)
    unit = "day" if unit == "night" else unit
    if direction in _NARRATIVE_DIRECTIONS and unit in ("day", "week", "month", "year"):
        # "two days later" counts from the last date the story named, "two days ago" from today
        return _anaphor(unit, sign * count, ctx)
    return shift_unit(unit, ref, sign * count)


_PAST_RELS = ("past", "last", "previous", "preceding", "prior")
_NEXT_RELS = ("next", "coming", "following", "subsequent", "ensuing")


def _fraction(num_text: str, half: str | None, count: int, vague: bool) -> float:
    """The count with its half: "5 1/2", "two and a half", "an hour and a half", "half an hour", "1.5"."""
    key = _key(num_text)
    if key.startswith("half"):
        return 0.5
    if half:
        return count + 0.5
    if not vague and re.fullmatch(r"\d+\.\d+", key):
        return float(key)
    return count


_IN_BEFORE = re.compile(r"\bin\s+$", re.I)
_ONE_DAY_MODAL = re.compile(r"\b(?:will|would|could|might|may|can|shall)\s+$", re.I)


def _h_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    unit = _unit(m.group("unit"))
    if unit not in v.units:
        return None
    num_text = m.group("num")
    count, vague = _number(v, num_text)
    if _key(num_text) in ("a", "an") and m.group("unit").lower().endswith("s"):
        return None
    if _key(num_text) == "some" and not m.group("unit").lower().endswith("s"):
        return None
    if unit == "quarter" and "-" in m.group(0) and _key(m.group("unit")).endswith("s"):
        return None  # "three-quarters of its food" is a share
    if _key(m.group(0)) == "one day" and _ONE_DAY_MODAL.search(ctx.text[max(0, m.start() - 10):m.start()]):
        return Resolved("FUTURE_REF", None, ctx.published, "fuzzy")  # "Islam will one day be ..."
    amount = _fraction(num_text, m.group("half") or m.group("half2"), count, vague)
    value = _duration_value(v, unit, amount, vague)
    rel = _key(m.group("rel") or "")
    ref = ctx.published
    if (ref is not None and not rel and not m.group("the") and not vague and amount == count
            and unit in ("day", "week", "month", "year") and _IN_BEFORE.search(ctx.text[max(0, m.start() - 4):m.start()])
            and ctx.is_future(m.start(), m.end())):
        return shift_unit(unit, ref, count)  # "the stock would be redeemed in five years": a date ahead
    if rel and ref is not None and (rel in _PAST_RELS or rel in _NEXT_RELS):
        sign = -1 if rel in _PAST_RELS else 1
        other = _back(ref, unit, count, sign)
        return Resolved(value, min(ref, other), max(ref, other), "range")
    return Resolved(value, None, None, "range", "none" if ref is None else "published", ref is not None)


# "the early hours of Thursday", "the first hours of the day": a part of the day named after it
_OF_A_DAY_AFTER = re.compile(r"\s+of\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|today\b|yesterday\b|tomorrow\b|"
                             r"the\s+(?:morning|night|day|evening)\b)", re.IGNORECASE)


_SHORT_YEAR_BEFORE = re.compile(r"\b(?:in|of|since|until|by|from|to|and|or|the|til)\s$", re.IGNORECASE)


def _h_short_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the '96 election", "in '98": the year of that number nearest the reference, at most a
    decade ahead."""
    ref = ctx.published
    if ref is None or not _SHORT_YEAR_BEFORE.search(ctx.text[max(0, m.start() - 8):m.start()]):
        return None
    yy = int(m.group("yy"))
    year = ref.year // 100 * 100 + yy
    if year > ref.year + 10:
        year -= 100
    return _absolute(year_ref(year))


def _h_quarter_century(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "a quarter of a century" P25Y (not "a quarter" and "a century"); "... ago" the year."""
    ref = ctx.published
    if m.group("ago"):
        return year_ref(ref.year - 25) if ref is not None else unknown("year")
    if m.group("rel") and ref is not None:
        other = _back(ref, "year", 25, -1 if _key(m.group("rel")) in _PAST_RELS else 1)
        return Resolved("P25Y", min(ref, other), max(ref, other), "range")
    return Resolved("P25Y", None, None, "range", "none" if ref is None else "published", ref is not None)


def _h_bare_plural(m: re.Match[str], ctx: Context) -> Resolved | None:
    if _OF_A_DAY_AFTER.match(ctx.text, m.end()):
        return None
    before = ctx.text[max(0, m.start() - 12):m.start()].lower()
    if not m.group("rel") and not re.search(r"\b(?:for|over|within|took|take|takes|lasted|spent|after)\s+$", before):
        return None
    v = load_vocab()
    unit = _unit(m.group("unit"))
    return Resolved(_duration_value(v, unit, 1, True), None, None, "range")


def _fiscal_quarter_year(ref: date, quarter: int) -> int:
    """The year of "the third quarter" near ref: this year's unless it has not begun yet."""
    current = (ref.month - 1) // 3 + 1
    return ref.year if quarter <= current else ref.year - 1


def _h_quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    ordinal_word = _key(m.group("ord")).replace("1st", "first").replace("2nd", "second")
    ordinal_word = ordinal_word.replace("3rd", "third").replace("4th", "fourth")
    kind = _key(m.group("qh"))
    if kind == "period":
        return None
    if ordinal_word == "last":
        if kind != "half":
            return None
        number = 2
    else:
        number = v.ordinals.get(ordinal_word, 0)
    limit = 4 if kind == "quarter" else 2
    if not 1 <= number <= limit:
        return None
    pre = _key(m.group("pre") or "")
    year_match = re.search(r"(?:1[6-9]|20)\d\d", pre) or (
        re.match(r"\d+", m.group("year2")) if m.group("year2") else None
    )
    ref = ctx.published
    if year_match:
        year = int(year_match.group(0))
    elif ref is None:
        return Resolved(f"XXXX-{'Q' if kind == 'quarter' else 'H'}{number}", None, None, "range", "none", False)
    else:
        rel = _key(m.group("rel2") or "") or next(
            (r for r in ("last year's", "next year's", "this year's") if r in pre), "")
        shift = -1 if ("year-earlier" in pre or "year-ago" in pre or rel.startswith("last")) else 0
        shift = 1 if rel.startswith("next") else shift
        year = (_fiscal_quarter_year(ref, number if kind == "quarter" else number * 2 - 1) if not rel else ref.year)
        year += shift
        ends = month_end(ref.year, number * 3 if kind == "quarter" else number * 6)
        if not rel and not shift and (ref - ends).days > 92 and ctx.is_future(m.start(), m.end()):
            # "will close in the first quarter" said in October: next year's (the quarter just
            # ended is still reported on: "will report third-quarter results")
            year = ref.year + 1
    res = quarter_ref(year, number) if kind == "quarter" else half_ref(year, number)
    if "year-earlier" in pre or "year-ago" in pre:
        return replace(res, extra={"year_back": "1"})
    return replace(res, extra={"named_quarter": "1"}) if kind == "quarter" else res


def _h_month_quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the September quarter": the (fiscal) quarter ending that month, the latest such."""
    if not _capitalized(m, "mon") or ctx.published is None:
        return None
    month = _month(load_vocab(), m.group("mon"))
    if month % 3:
        return None
    year = ctx.published.year if month <= ctx.published.month else ctx.published.year - 1
    return replace(quarter_ref(year, month // 3), extra={"named_quarter": "1"})


def _h_quarter_anaphor(m: re.Match[str], ctx: Context) -> Resolved | None:
    pre = _key(m.group("pre") or "")
    kind = _key(m.group("qh"))
    if kind == "period" and not pre:
        return None
    if len(re.findall(r"(?:1[6-9]|20)\d\d", pre)) > 1:
        return None  # "the 1996-2000 period": a span of years, not a quarter
    ref = ctx.published
    year_match = re.search(r"(?:1[6-9]|20)\d\d", pre)
    if ref is None:
        return unknown("quarter") if not year_match else None
    last_done = add_months(ref, -3)
    quarter = (last_done.month - 1) // 3 + 1
    year = last_done.year
    if "current" in pre or _key(m.group("the") or "") == "this":
        quarter, year = (ref.month - 1) // 3 + 1, ref.year
    back = bool(m.group("back")) or any(w in pre for w in ("year-earlier", "year-ago", "last year's", "previous year's",
                                                            "prior year's"))
    if year_match:
        # "the 1988 period": the quarter (or the months) just named, in that year
        return replace(quarter_ref(int(year_match.group(0)), quarter),
                       extra={"quarter_anaphor": "year", "year": year_match.group(0)})
    if back:
        return replace(quarter_ref(year - 1, quarter),
                       extra={"year_back": "1", "quarter_anaphor": "back", "year": str(ref.year - 1)})
    if "current" in pre:
        return quarter_ref(year, quarter)
    return replace(quarter_ref(year, quarter), extra={"quarter_anaphor": "same"})


def _h_season(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    code = v.seasons[_key(m.group("season"))]
    rel = _key(m.group("rel") or "")
    mod = m.group("mod") or m.group("mod2")
    year_text = m.group("year")
    if year_text:
        return _narrow(_absolute(season_ref(int(year_text), code)), mod, None)
    if m.group("season")[:1].isupper() and re.match(r"\s+[A-Z][a-z]", ctx.text[m.end():m.end() + 3]):
        return None  # a name: "the Spring Festival", "the Summer Olympics", "the Winter Palace"
    after = ctx.text[m.end():m.end() + 4].lower()
    before = ctx.text[max(0, m.start() - 8):m.start()].lower()
    if not rel and not mod and not re.search(r"\b(?:in|this|last|over|during|until|by|since)\s+$", before):
        return None
    if rel in ("the", "that", "") and after.startswith(" of"):
        return None
    if rel in ("", "the") and _key(m.group("season")) == "fall" and not mod:
        return None  # "the fall" is too often the verb's noun ("the fall of Kabul", "a fall in prices")
    ref = ctx.published
    if ref is None:
        return Resolved(f"XXXX-{code}", None, None, "season", "none", False)
    return _narrow(_relative_season(ref, code, rel, ctx.is_future(m.start(), m.end())), mod, ref)


def _relative_season(ref: date, code: str, rel: str, future: bool) -> Resolved:
    """ "last fall": the latest one over; "this summer": this year's; "next spring": the next to begin."""
    latest = _season(ref, code, 0, "published")
    assert latest.start_date is not None and latest.end_date is not None
    if rel in ("last", "this past", "past"):
        return latest if latest.end_date < ref else _season(ref, code, -1, "published")
    if rel in ("next", "this coming", "coming") or (future and latest.end_date < ref):
        return _season(ref, code, 1, "published")
    if rel == "this":
        return season_ref(ref.year, code)
    return latest


def _h_holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    if not _capitalized(m, "hol"):
        return None
    rule = v.holidays[_key(m.group("hol"))]
    ref, anchor = ctx.calendar_ref()
    if ref is None:
        if re.fullmatch(r"\d\d-\d\d", rule):
            return Resolved(f"XXXX-{rule}", None, None, "day", "none", False)
        return Resolved("XXXX-XX-XX", None, None, "day", "none", False)
    rel = _key(m.group("rel") or "")
    future = rel in ("next", "this coming") or ctx.is_future(m.start(), m.end())
    coming = holiday_date(rule, ref.year)
    if coming is not None and coming < ref:
        coming = holiday_date(rule, ref.year + 1)
    if (rel != "last" and coming is not None and (coming - ref).days <= UPCOMING_DAYS
            and not ctx.is_past(m.start(), m.end())):
        future = True  # like months: a holiday weeks ahead is the coming one ("by Thanksgiving")
    for year in ((ref.year, ref.year + 1) if future else (ref.year, ref.year - 1)):
        found = holiday_date(rule, year)
        if found is None:
            continue
        if (future and found >= ref) or (not future and found <= ref):
            return day_ref(found, anchor)
    return None


_DATE_AFTER = re.compile(r",?\s+(?:(?:in|on|at|during)\s+)?(?:last|this|(?:1[6-9]|20)\d\d\b|"
                         r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|"
                         r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|yesterday\b)")
_DISCOURSE_NOW = re.compile(r"\s*,")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s*|\n\s*|[\"“`']\s*)$")


def _h_fuzzy(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    entry = v.fuzzy.get(_key(m.group(0)))
    if entry is None:
        return None
    if _key(m.group(0)) == "the past" and _COUNT_AFTER.match(ctx.text, m.end()):
        return None  # "the past five sessions", "the past three summers": a count of something
    if _key(m.group(0)) in ("the future", "the past") and _OF_AFTER.match(ctx.text, m.end()):
        return None  # "the future of the peace process": a fate, not a time
    if _key(m.group(0)).endswith("recently") and _DATE_AFTER.match(ctx.text, m.end()):
        return None  # "killed ..., most recently last October": the date says when
    if m.group(0) == "Now" and _DISCOURSE_NOW.match(ctx.text, m.end()) and _SENTENCE_START.search(
            ctx.text[max(0, m.start() - 4):m.start()]):
        return None  # "Now, he says, ...": a discourse marker
    if entry.capital_only and not m.group(0)[:1].isupper():
        return None
    ref = ctx.published
    if entry.back_days and ref is not None:
        return Resolved(entry.value, ref - timedelta(days=entry.back_days), ref, "fuzzy")
    if entry.value == "PRESENT_REF" and ref is not None:
        return Resolved(entry.value, ref, ref, "fuzzy")
    return Resolved(entry.value, None, None, "fuzzy", "none" if ref is None else "published", ref is not None)


_OWNED_NOUN = re.compile(r"(?:'s|’s)\s+(?P<w>[A-Za-z]+)")
_OF_AFTER = re.compile(r"\s+of\b", re.I)
_COUNT_AFTER = re.compile(r"\s+(?:\d|few\b|several\b|many\b|couple\b|(?:two|three|four|five|six|seven|eight|nine|ten|"
                          r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)\b)", re.I)
_SET_CONTEXT = re.compile(r"(?:\d|million|billion|thousand|percent|%|times|twice|once|thrice|dollars|cents)\s*$", re.I)


def _h_set(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    phrase = _key(m.group(0))
    if m.group(0)[:1].isupper() and _newspaper_name(ctx.text, m.start(), m.end()):
        return None  # "the Daily Mail"
    if phrase.startswith("a ") and not _SET_CONTEXT.search(ctx.text[max(0, m.start() - 20):m.start()]):
        return None
    return Resolved(v.sets[phrase], None, None, "fuzzy")


@lru_cache(maxsize=1)
def _aside_then_weekday() -> re.Pattern[str]:
    wd = _pieces(load_vocab()).wd
    return re.compile(rf"\s*\([^()\n]{{1,25}}\)\s*,?\s*(?:on\s+)?(?P<wd>{wd})", re.IGNORECASE)


def _day_after_aside(text: str, end: int) -> str:
    """The weekday after a bracketed aside: "10:35 a.m. (0735 GMT) Friday" happened on Friday."""
    found = _aside_then_weekday().match(text, end)
    return found.group("wd") if found else ""


def _h_calendar_set(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "each July" = XXXX-07, "every Monday" = XXXX-WXX-1."""
    v = load_vocab()
    if m.group("mon"):
        if not _capitalized(m, "mon"):
            return None
        return Resolved(f"XXXX-{_month(v, m.group('mon')):02d}", None, None, "fuzzy")
    if not _capitalized(m, "wd"):
        return None
    return Resolved(f"XXXX-WXX-{_weekday(v, m.group('wd')) + 1}", None, None, "fuzzy")


def _h_clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    hour = int(m.group("h"))
    minute = int(m.group("min") or 0)
    ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if hour > 12 or minute > 59:
        return None
    if ampm == "pm" and hour != 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    clock = f"T{hour:02d}:{minute:02d}"
    ref = ctx.published
    day: date | None = ref
    if m.group("rd") and ref is not None:
        day = ref + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(_key(m.group("rd")), 0))
    elif (weekday_word := m.group("wd") or _day_after_aside(ctx.text, m.end())) and ref is not None:
        day = weekday_date(_weekday(v, weekday_word), ref, "", ctx.is_future(m.start(), m.end()))
    elif m.group("mon") and m.group("day"):
        month, dom = _month(v, m.group("mon")), int(m.group("day"))
        year = nearest_year(month, dom, ref, False, False) if ref else None
        day = safe_date(year, month, dom) if year else None
        if day is None:
            return Resolved(f"XXXX-{month:02d}-{dom:02d}{clock}", None, None, "time", "none", False)
    if day is None:
        return Resolved(f"XXXX-XX-XX{clock}", None, None, "time", "none", False)
    return Resolved(day.isoformat() + clock, day, day, "time")


def _h_noon(m: re.Match[str], ctx: Context) -> Resolved | None:
    clock = {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}[_key(m.group("w"))]
    if m.group("mon"):  # "midnight Nov. 15": the deadline's day
        day = _calendar_day(m, ctx, _month(load_vocab(), m.group("mon")), int(m.group("day")))
        if day is None or day.start_date is None:
            return None
        return replace(day, value=day.value + clock, granularity="time")
    if ctx.published is None:
        return Resolved("XXXX-XX-XX" + clock, None, None, "time", "none", False)
    return Resolved(ctx.published.isoformat() + clock, ctx.published, ctx.published, "time")


def _h_overnight(m: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.published is None:
        return Resolved("XXXX-XX-XXTNI", None, None, "time", "none", False)
    day = ctx.published - timedelta(days=1)
    return Resolved(day.isoformat() + "TNI", day, ctx.published, "time")


def _h_weekday_nth(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "Friday the 13th": the latest day with that weekday and day of the month (the coming one
    when the verb looks ahead)."""
    if not _capitalized(m, "wd") or ctx.published is None:
        return None
    weekday, dom = _weekday(load_vocab(), m.group("wd")), int(m.group("day"))
    step = 1 if ctx.is_future(m.start(), m.end()) else -1
    first = ctx.published.replace(day=1)
    for k in range(0, 15):
        found = safe_date(add_months(first, step * k).year, add_months(first, step * k).month, dom)
        if found is None or found.weekday() != weekday:
            continue
        if (step < 0 and found <= ctx.published) or (step > 0 and found >= ctx.published):
            return day_ref(found)
    return None


def _h_week_of(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the week of Oct. 16": the week holding that day."""
    day = _calendar_day(m, ctx, _month(load_vocab(), m.group("mon")), int(m.group("day")))
    if day is None or day.start_date is None:
        return None
    return shift_unit("week", day.start_date, 0, day.anchor)


def _h_unit_ended(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the week ended Oct. 20" is that week, "the month ended Sept. 30" that month; "the year
    ended March 31" (a fiscal year) is the year-long period before that date: P1Y, as TimeML has it."""
    unit = _key(m.group("unit"))
    if unit == "year":
        return Resolved("P1Y", None, None, "range") if m.group("mon") else None
    if m.group("wd"):  # "the week ended Friday": the week of the latest Friday
        if unit != "week" or not _capitalized(m, "wd") or ctx.published is None:
            return None
        ended = weekday_date(_weekday(load_vocab(), m.group("wd")), ctx.published, "", False)
        return shift_unit("week", ended, 0)
    end = _calendar_day(m, ctx, _month(load_vocab(), m.group("mon")), int(m.group("day")))
    if end is None or end.start_date is None:
        return None
    return shift_unit(unit, end.start_date, 0, end.anchor)


_DAY_THEN_DATE = re.compile(r"\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:before|after)\s+(?!yesterday|tomorrow)\w)")


def _h_the_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the year", "the week": only where the parser also reads a date (they are often generic)."""
    if ctx.entity_at is None or ctx.entity_at(m.start()) not in ("DATE", "TIME"):
        return None
    if m.group("unit")[:1].isupper() and _QUOTE_BEFORE.search(ctx.text[max(0, m.start() - 3):m.start()]):
        return None
    unit = _key(m.group("unit"))
    if unit == "day" and _DAY_THEN_DATE.match(ctx.text, m.end()):
        return None  # "during the day Friday", "the day before police issued a warrant": the date is elsewhere
    if m.group(0).lower().startswith("that"):
        return _anaphor(unit, 0, ctx)
    if ctx.published is None:
        return unknown(unit)
    return shift_unit(unit, ctx.published, 0)


def _h_year_ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.published is None:
        return unknown("year")
    return replace(year_ref(ctx.published.year - 1), extra=_YEAR_AGO)


# "a year ago" / "year-earlier" right after a quarter means that quarter a year before
# (earnings reports compare like periods); `_resolve_anaphora` checks what precedes.
_YEAR_AGO = {"year_ago": "1"}


# ---- rule table --------------------------------------------------------------------------


# "the talks will last three days": "last" is the verb (the duration is "three days")
_NOT_AFTER_VERB_LAST = "".join(rf"(?<!\b{w}\s)" for w in ("will", "would", "could", "can", "may", "might", "should",
                                                           "must", "to", "not", "n't", "did", "does", "shall"))


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    v = load_vocab()
    p = _pieces(v)
    y4 = p.year4
    flags = re.IGNORECASE
    parts_of_day = r"morning|afternoon|evening|night"
    rel_words = (
        r"this\s+past|this\s+coming|last|next|this|past|previous|coming|current|following|same|latest|prior"
        r"|preceding|that"
    )
    units_singular = (r"week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter|season|semester"
                      r"|fortnight")
    table: list[tuple[str, str, Handler]] = [
        ("month_day", rf"\b(?:(?P<wd>{p.wd}),?\s+)?(?P<mon>{p.mon})\s*(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:,.]\d)|"
                      rf"(?P<dayw>{p.ordw})\b)(?!\s*%)(?:,?\s+(?P<year>{y4})(?!\d))?", _h_month_day),
        ("day_month", rf"\b(?:(?P<wd>{p.wd}),?\s+)?(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
                      rf"(?P<mon>{p.mon})(?:,?\s+(?P<year>{y4})(?!\d))?(?P<dayw>)", _h_month_day),
        ("iso_date", rf"\b(?P<year>{y4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b", _h_numeric),
        ("slash_date", r"\b(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)\b", _h_numeric),
        ("month_year", rf"\b(?:(?P<mod>early|late|mid|middle)[\s-]+)?(?P<mon>{p.mon})\s*,?\s+(?:of\s+)?(?P<year>{y4})\b"
                       rf"(?P<rel>)", _h_month_year),
        ("month_rel_year", rf"\b(?P<mon>{p.mon_full})\s+(?P<rel>this|last|next)\s+year\b", _h_month_rel_year),
        ("month", rf"\b(?:(?P<mod>early|late|mid|middle)[\s-]+|(?P<rel>last|next|this\s+past|this\s+coming|this|past"
                  rf"|coming)\s+)?(?P<mon>{p.mon_full})(?![a-z])", _h_month_year),
        ("year", rf"(?<![\w$£€.,/-])(?:the\s+year\s+(?=(?:1[6-9]|20)\d\d))?(?:(?P<mod>early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
                 rf"the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of|the\s+last\s+half\s+of|"
                 rf"end\s+of|fiscal|calendar)[\s-]+)?(?P<year>{y4})(?![\w%/]|[.,]\d|-\d)", _h_year),
        ("decade", r"(?<![\w$])(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?:(?P<dec4>(?:1[0-9]|20)\d0)'?s|'(?P<dec2>\d0)s"
                   rf"|(?P<decw>{_alternation(list(v.decade_words))}))(?![\w])", _h_decade),
        ("short_year", r"(?<![\w'’])['’](?P<yy>\d\d)(?![\w'’%]|[,.]\d)", _h_short_year),
        ("century", rf"\b(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?:(?P<cn>\d{{1,2}})(?:st|nd|rd|th)|(?P<cw>{p.ordw}))"
                    r"[\s-]+century\b", _h_century),
        ("relday", rf"\b(?:(?P<mod>late|early|earlier|later|mid-?morning|mid-?afternoon|mid-?day)\s+)?(?P<rd>today|tonight"
                   rf"|yesterday|tomorrow|last\s+night|this\s+(?:{parts_of_day}))(?:\s+(?P<pod>{parts_of_day}))?\b", _h_relday),
        ("day_before", r"\bthe\s+day\s+(?:before\s+yesterday|after\s+tomorrow)\b", _h_day_before),
        ("weekday", rf"\b(?:(?P<pre>noon|midnight|late|early|earlier|later)\s+(?:(?:(?<=noon\s)|(?<=midnight\s))on\s+)?)?(?:(?P<rel>last|next|this\s+coming|"
                    rf"this\s+past|this|coming|past|the\s+previous|the\s+following|previous|following)\s+)?"
                    rf"(?P<wd>{p.wd})(?![a-z])(?:\s+(?P<pod>{parts_of_day}))?", _h_weekday),
        ("relunit", rf"\b(?:(?P<mod>earlier|later|early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
                    rf"the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of|end\s+of)[\s-]+)?(?:(?P<the>the)\s+)?"
                    rf"(?P<rel>{rel_words})\s+(?:fiscal\s+|calendar\s+)?(?P<unit>{units_singular})(?![\w-])", _h_relunit),
        ("in_the", r"\b(?P<mod>earlier|later)\s+in\s+the\s+(?P<unit>week|month|year|day)\b", _h_in_the),
        ("end_of_the", r"\b(?:the\s+)?(?P<mod>end|beginning|start|middle|rest|remainder)\s+of\s+(?:the|this)\s+"
                       r"(?P<unit>week|month|year|quarter|decade|century)\b", _h_in_the),
        ("weekend", r"\b(?:the|over\s+the)\s+weekend\b", _h_weekend),
        ("year_end", r"\b(?:around\s+)?year[\s-]end\b", _h_year_end),
        ("ago", rf"\b(?:(?:{p.approx})\s+)?(?:(?P<num>{p.num}|half\s+a(?=\s+(?:century|decade)))[\s-]+)?(?P<unit>{p.units})(?:\s+or\s+so)?\s+"
                r"(?P<dir>ago|earlier|later|before|after|from\s+now|hence|back)(?![\w])", _h_ago),
        ("quarter_century", r"(?<![\w-])(?:(?P<the>the)\s+(?P<rel>past|last|next)\s+|an?\s+|(?P<more>more\s+than|nearly|almost)\s+a\s+)"
                            r"quarter(?:-|\s+of\s+a\s+|\s+)century(?P<ago>\s+ago)?\b", _h_quarter_century),
        ("duration", rf"(?<![\w-])(?:(?P<the>the|its|each\s+of\s+the)\s+)?(?:{_NOT_AFTER_VERB_LAST}(?P<rel>past|last|next|first|coming|"
                     rf"previous|final|following|remaining|latest|initial|preceding|prior|subsequent|ensuing)\s+)?"
                     rf"(?:(?:{p.approx})\s+)?(?P<num>{p.num}|half\s+an?|half(?=[\s-]+(?:century|decade)))(?P<half>\s+1/2|\s+and\s+a\s+half)?[\s-]+"
                     r"(?:(?:more|additional|full|straight|consecutive|long|trading|business|working|calendar)[\s-]+)?"
                     rf"(?P<unit>{p.units})(?![\w])(?!-old|\s+old\b)(?P<half2>\s+and\s+a\s+half(?![\w]))?", _h_duration),
        ("bare_plural", r"(?<![\w-])(?:the\s+)?(?:(?P<rel>past|last|next|coming|first|early|final)\s+)?"
                        r"(?P<unit>minutes|hours|days|weeks|months|years|decades|centuries)(?![\w-])", _h_bare_plural),
        ("quarter", rf"(?<![\w-])(?:(?:the|its|a|this|that)\s+)?(?P<pre>(?:(?:fiscal|year-earlier|year-ago|latest|current|"
                    rf"same|comparable|corresponding|flat|calendar|{y4}(?:'s)?|(?:this|last|next)\s+year's)[\s-]+)*)"
                    r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last)[\s-]+(?:fiscal[\s-]+)?"
                    rf"(?P<qh>quarter|half|period)(?![\w-])(?:\s+of\s+(?:(?P<year2>{y4})|(?P<rel2>this|last|next)\s+year))?",
         _h_quarter),
        ("month_quarter", rf"(?<![\w-])(?:the|its|a)\s+(?P<mon>{p.mon_full})\s+quarter(?![\w-])", _h_month_quarter),
        ("quarter_anaphor", rf"(?<![\w-])(?:(?P<the>the|this|its)\s+|(?=last\s+year's))(?P<pre>(?:(?:fiscal|year-earlier|"
                            rf"year-ago|latest|current|comparable|corresponding|same|most\s+recent|(?:last|previous|prior)\s+year's|{y4})[\s-]+)*)"
                            r"(?P<qh>quarter|period)(?![\w-])(?P<back>\s+(?:of\s+)?last\s+year(?!'))?",
         _h_quarter_anaphor),
        ("season", rf"(?<![\w-])(?:(?P<mod>early|late|mid)[\s-]+)?(?:(?P<rel>last|this\s+past|this\s+coming|this|next|"
                   rf"the|that|past|coming)\s+)?(?:(?P<mod2>early|late|mid)[\s-]+)?(?P<season>spring|summer|fall|autumn|"
                   rf"winter)(?:\s+(?:of\s+)?(?P<year>{y4})(?!\d))?(?![\w-])", _h_season),
        ("holiday", rf"\b(?:(?P<rel>last|this\s+coming|this|next)\s+)?(?P<hol>{_alternation(list(v.holidays))})(?![\w])",
         _h_holiday),
        ("fuzzy", rf"(?<![\w-])(?:{_alternation(list(v.fuzzy))})(?![\w-])", _h_fuzzy),
        ("set", rf"(?<![\w-])(?:{_alternation(list(v.sets))})(?![\w-])", _h_set),
        ("calendar_set", rf"\b(?:each|every)\s+(?:(?P<mon>{p.mon_full})|(?P<wd>{p.wd}))(?![a-z])", _h_calendar_set),
        ("clock", rf"(?<![\w:.])(?:(?:about|around|approximately|some|nearly)\s+)?(?P<h>[0-2]?\d)(?:[:.](?P<min>[0-5]\d))?"
                  r"\s*(?P<ampm>a\.\s?m\.?|p\.\s?m\.?|am|pm)(?![\w])(?:\s+(?:[ECMP][SD]T|GMT|UTC|local\s+time)\b)?"
                  rf"(?:,?\s+(?:(?P<rd>today|tonight|yesterday|tomorrow)|(?P<wd>{p.wd})|(?P<mon>{p.mon})\s*"
                  r"(?P<day>[0-3]?\d)(?!\d)))?", _h_clock),
        ("noon", rf"\b(?P<w>noon|midnight|midday)\b(?:,?\s+(?:on\s+)?(?P<mon>{p.mon})\s*(?P<day>[0-3]?\d)(?!\d)"
                 rf"(?:,\s+(?P<year>{y4}))?)?", _h_noon),
        ("overnight", r"\bovernight\b", _h_overnight),
        ("weekday_nth", rf"\b(?P<wd>{p.wd}),?\s+the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b", _h_weekday_nth),
        ("week_of", rf"\b(?:the\s+)?week\s+of\s+(?P<mon>{p.mon_full}|{p.mon})\.?\s*(?P<day>[0-3]?\d)(?!\d)"
                    rf"(?:,?\s+(?P<year>{y4}))?", _h_week_of),
        ("unit_ended", rf"\b(?:the|its)\s+(?:(?:fiscal|latest|calendar)\s+)?(?P<unit>week|month|year)(?=\s+(?:ended|ending)\s+"
                       rf"(?:(?P<mon>{p.mon_full}|{p.mon})\.?\s*(?P<day>[0-3]?\d)(?!\d)(?:,?\s+(?P<year>{y4}))?|"
                       rf"(?P<wd>{p.wd})(?![\w-])))", _h_unit_ended),
        ("the_unit", r"\b(?:the|this|that)\s+(?:(?P<mod>full|fiscal|calendar|whole|entire|same|current)\s+)?"
                     r"(?P<unit>year|month|week|day)(?![\w-])", _h_the_unit),
        ("year_ago", r"(?<![\w-])year-(?:earlier|ago)(?![\w-])", _h_year_ago),
        ("unit_before", r"\bthe\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|earlier|after|later)\b"
                        r"(?=\s*[,.;:)!?]|\s+(?:and|but)\b)", _h_unit_before),
        ("anaphoric_day", r"\b(?:the\s+(?P<rel>following|next|previous|preceding|prior|same)|that(?:\s+same)?)\s+"
                          r"(?:day|(?P<pod>morning|afternoon|evening|night))\b(?![\w-])",
         _h_anaphoric_day),
        ("spelled_year", rf"\b(?:the\s+year\s+|(?P<mon>{p.mon_full})(?:\s+of)?\s+)?(?:(?P<cent>nineteen|eighteen|seventeen)[\s-]+(?P<tens>(?:twenty|thirty|forty|"
                         r"fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|"
                         r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
                         r"|(?P<thousand>two\s+thousand)(?:(?:\s+and)?\s+(?P<rest>one|two|three|four|five|six|seven|eight|"
                         r"nine|ten))?)\b(?![\s-]+(?:percent|dollars|people|years|million|billion|thousand|hundred))",
         _h_spelled_year),
    ]
    return tuple(Rule(name, re.compile(pattern, flags), handler) for name, pattern, handler in table)


# ---- finding -----------------------------------------------------------------------------


# "March" also names a walk: "the annual March for Life". (A newspaper "daily" is left alone:
# AQUAINT marks "the Communist Party daily Granma" as a set in some reports and not in others.)
_NOUN_BEFORE = re.compile(r"\b(?:the|a|annual)\s+(?:``|\"|“)?$", re.IGNORECASE)
_MARCH_NOUN_AFTER = re.compile(r"\s+(?:for|of|on|against|to|from)\s+\D")


def _noun_homograph(text: str, start: int, end: int) -> bool:
    word = text[start:end]
    if word == "March":
        return bool(_NOUN_BEFORE.search(text[max(0, start - 12):start]) and _MARCH_NOUN_AFTER.match(text, end))
    return False


def _candidates(ctx: Context) -> list[tuple[Candidate, Resolved]]:
    found: list[tuple[Candidate, Resolved]] = []
    for order, rule in enumerate(rules()):
        for m in rule.pattern.finditer(ctx.text):
            if m.end() <= m.start():
                continue
            if _noun_homograph(ctx.text, m.start(), m.end()):
                continue
            resolved = rule.handler(m, ctx)
            if resolved is not None:
                found.append((Candidate(m.start(), m.end(), rule, m, order), resolved))
    return found


def _select(found: list[tuple[Candidate, Resolved]]) -> list[tuple[Candidate, Resolved]]:
    """Longest first, then rule order; keep those that overlap nothing kept."""
    chosen: list[tuple[Candidate, Resolved]] = []
    taken: list[tuple[int, int]] = []
    for item in sorted(found, key=lambda it: (-(it[0].end - it[0].start), it[0].order, it[0].start)):
        cand = item[0]
        if any(cand.start < end and start < cand.end for start, end in taken):
            continue
        chosen.append(item)
        taken.append((cand.start, cand.end))
    return sorted(chosen, key=lambda it: it[0].start)


_CALENDAR_RULES = frozenset({"month_day", "day_month", "month_year", "month", "holiday", "clock"})


# TimeML extents (TempEval-3 gold, developed halves): "about", "only", "just", "over" stay outside
# ("about five hours", "only six months", "over three years"; "nearly", "almost", "more than" stay in), "over" of
# "over the weekend" too, and the article of an adjective ("a third-quarter loss", "the two-week
# strike") belongs to the noun.
_LEADING_OUT: dict[str, re.Pattern[str]] = {
    "duration": re.compile(r"(?:(?:the|a|an|its|their)\s+(?=\S+-\S)|(?:about|only|just|over)\s+)", re.I),
    "clock": re.compile(r"about\s+", re.I),
    "ago": re.compile(r"(?:only|just)\s+", re.I),
    "quarter": re.compile(r"(?:the|a|an|its|their)\s+(?=\w+-(?:quarter|half)\b)", re.I),
    "weekend": re.compile(r"over\s+", re.I),
}


def _extent_start(cand: Candidate, text: str) -> int:
    pattern = _LEADING_OUT.get(cand.rule.name)
    found = pattern.match(text, cand.start, cand.end) if pattern is not None else None
    return found.end() if found is not None and found.end() < cand.end else cand.start


def _resolve_in_order(chosen: list[tuple[Candidate, Resolved]], ctx: Context) -> list[tuple[int, int, Resolved]]:
    """Without a publication date, a full date in the text gives later partial dates their year."""
    out: list[tuple[int, int, Resolved]] = []
    for cand, resolved in chosen:
        res = resolved
        if ctx.published is None and ctx.text_ref is not None and cand.rule.name in _CALENDAR_RULES:
            again = cand.rule.handler(cand.match, ctx)
            res = again if again is not None else resolved
        if ctx.published is None and res.year_known and res.granularity == "day" and res.start_date is not None:
            ctx.text_ref = res.start_date
        out.append((_extent_start(cand, ctx.text), cand.end, res))
    return out


_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
_FINE_ENOUGH: dict[str, tuple[str, ...]] = {
    "day": ("day", "time"),
    "week": ("day", "time", "week"),
    "month": ("day", "time", "week", "month"),
    "year": ("day", "time", "week", "month", "season", "year", "range"),
}


def _datable(res: Resolved) -> bool:
    return res.start_date is not None and res.granularity != "fuzzy" and not res.value.startswith("P")


_MONTHS_VALUE = re.compile(r"^P\d+M$")


def _quarter_antecedent(res: Resolved, previous: list[Resolved]) -> Resolved:
    """ "the quarter", "the latest period", "the corresponding period last year", "the 1988 period":
    the quarter the report is about (the first it names, so its fiscal quarter rather than the
    calendar's), a year back where the phrase says so; "the 1988 period" after "the first nine
    months" is the year 1988."""
    kind = res.extra["quarter_anaphor"]
    months = next((r for r in reversed(previous[-2:]) if _MONTHS_VALUE.match(r.value)), None)
    if months is not None and kind != "same":  # "the first nine months ... the 1988 period / ... last year"
        return year_ref(int(res.extra["year"]), months.anchor)
    named = next((r for r in previous if r.extra.get("named_quarter")), None)
    quarter = _QUARTER_VALUE.match(named.value) if named is not None else None
    if named is None or quarter is None:
        return res
    year, number = int(quarter.group(1)), int(quarter.group(2))
    if kind == "year":
        assert res.start_date is not None
        year = res.start_date.year
        return replace(quarter_ref(year, number, named.anchor), extra={"year_back": "1"} if year < int(quarter.group(1)) else {})
    if kind == "back":
        return replace(quarter_ref(year - 1, number, named.anchor), extra={"year_back": "1"})
    if kind == "previous":
        return shift_unit("quarter", date(year, 3 * number - 2, 1), -1, named.anchor)
    return quarter_ref(year, number, named.anchor)


def _resolve_anaphora(items: list[tuple[int, int, Resolved]]) -> list[tuple[int, int, Resolved]]:
    """ "that year", "the following day" take the latest date before them; "a year ago"
    right after a quarter is that quarter a year before."""
    out: list[tuple[int, int, Resolved]] = []
    for start, end, res in items:
        previous = [r for _, _, r in out if r.granularity != "fuzzy"]
        if res.extra.get("year_ago") and previous:
            # the quarter just named, past the day it ended ("the quarter ended Sept. 30 ... a year earlier")
            last = previous[-2] if len(previous) > 1 and previous[-1].granularity == "day" else previous[-1]
            quarter = _QUARTER_VALUE.match(last.value) or _QUARTER_VALUE.match(previous[-1].value)
            if quarter:
                # a quarter already a year back ("the year-earlier period") is the one meant
                back = 0 if last.extra.get("year_back") else 1
                res = replace(quarter_ref(int(quarter.group(1)) - back, int(quarter.group(2)), last.anchor),
                              extra={"year_back": "1"})
        if res.extra.get("quarter_anaphor"):
            res = _quarter_antecedent(res, previous)
        unit = res.extra.get("anaphor")
        if unit:
            antecedents = [r for r in previous if _datable(r) and r.granularity in _FINE_ENOUGH[unit]]
            if antecedents and antecedents[-1].start_date is not None:
                before = antecedents[-1]
                assert before.start_date is not None
                res = _with_part_of_day(replace(shift_unit(unit, before.start_date, int(res.extra["shift"]),
                                                           before.anchor),
                                                year_known=before.year_known, extra=res.extra))
        out.append((start, end, res))
    return out


_RANGE_JOIN = re.compile(r"^\s*(?:and|to|until|till|through|-|–|—)\s*$", re.I)
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+$", re.I)
_SINCE = re.compile(r"\bsince\s+$", re.I)


def _combine(items: list[tuple[int, int, Resolved]], ctx: Context) -> list[tuple[int, int, Resolved]]:
    """"between May 1 and May 3" and "from 2012 to 2014" make one range; "since 2014" runs to today."""
    out: list[tuple[int, int, Resolved]] = []
    i = 0
    text = ctx.text
    while i < len(items):
        start, end, res = items[i]
        if i + 1 < len(items):
            n_start, n_end, n_res = items[i + 1]
            if (_RANGE_JOIN.match(text[end:n_start]) and _RANGE_OPEN.search(text[max(0, start - 10):start])
                    and res.start_date and n_res.end_date and res.start_date <= n_res.end_date
                    and "fuzzy" not in (res.granularity, n_res.granularity)):
                merged = Resolved(f"{res.value}/{n_res.value}", res.start_date, n_res.end_date, "range",
                                  res.anchor, res.year_known and n_res.year_known)
                out.extend([(start, n_end, merged), (start, end, res), (n_start, n_end, n_res)])
                i += 2
                continue
        if (_SINCE.search(text[max(0, start - 8):start]) and ctx.published and res.start_date
                and res.start_date <= ctx.published and res.granularity != "fuzzy"):
            res = replace(res, end_date=ctx.published, granularity="range",
                          anchor="published" if res.anchor == "none" else res.anchor)
        out.append((start, end, res))
        i += 1
    return out


_LEADING_SIGNAL = re.compile(
    r"^(?:(?:on|in|at|since|for|during|by|until|till|from|through|over|within|of|between|after|before|about)\s+)+",
    re.I,
)
_TRAILING = re.compile(r"(?:'s|’s|[\s.,;:!?)\"'”’])+$")


def _dateparser_resolve(text: str, published: date | None) -> Resolved | None:
    """Fallback for what our rules do not read; never invents a year without an anchor."""
    if not re.search(r"\d", text) and published is None:
        return None
    if published is None and not re.search(r"\b(?:1[6-9]|20)\d\d\b", text):
        return None
    data = _date_data_parser(published).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    anchor: Anchor = "published" if published is not None else "none"
    if period == "year":
        return replace(year_ref(day.year), anchor=anchor)
    if period == "month":
        return replace(month_ref(day.year, day.month), anchor=anchor)
    if period == "week":
        return replace(shift_unit("week", day, 0), anchor=anchor)
    if period == "time":
        return Resolved(data.date_obj.strftime("%Y-%m-%dT%H:%M"), day, day, "time", anchor)
    return replace(day_ref(day), anchor=anchor)


@lru_cache(maxsize=64)
def _date_data_parser(published: date | None) -> DateDataParser:
    """dateparser is slow to set up: one parser per publication date, imported only when needed."""
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime.combine(published, datetime.min.time())
    return DateDataParser(languages=["en"], settings=settings)


_GMT_AFTER = re.compile(r"\s*(?:GMT|UTC|Z)\b")
_TIME_WORD = re.compile(
    r"\b(?:day|days|week|weeks|month|months|year|years|decade|decades|century|hour|hours|minute|minutes|"
    r"morning|afternoon|evening|night|season|quarter|period|era|\d{4})\b",
    re.I,
)


def _spacy_extras(doc: Doc, entities: list[tuple[int, int, str]], kept: list[tuple[int, int, Resolved]],
                  ctx: Context) -> list[tuple[int, int, Resolved]]:
    """spaCy DATE/TIME entities none of our rules covered, trimmed to TimeML extents."""
    extras: list[tuple[int, int, Resolved]] = []
    for start, end, label in entities:
        if label not in ("DATE", "TIME"):
            continue
        if any(start < k_end and k_start < end for k_start, k_end, _ in kept):
            continue
        text = doc.text[start:end]
        lead = _LEADING_SIGNAL.match(text)
        if lead:
            start += lead.end()
        trail = _TRAILING.search(doc.text[start:end])
        if trail:
            end -= len(trail.group(0))
        if end <= start or not _TIME_WORD.search(doc.text[start:end]):
            continue
        if doc.text[start:end].istitle() and _QUOTE_BEFORE.search(doc.text[max(0, start - 3):start]):
            continue  # a quoted title: ABC's "This Week"
        if re.fullmatch(r"[0-2]\d[0-5]\d", doc.text[start:end]) and _GMT_AFTER.match(doc.text, end):
            continue  # "10:35 a.m. (0735 GMT)": the local time already says when
        resolved = _dateparser_resolve(doc.text[start:end], ctx.published)
        if resolved is None:
            continue
        extras.append((start, end, resolved))
    return extras


# "would" is here for reported speech ("said the talks would resume on Tuesday").
_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo", "would"})
# "as soon as Tuesday", "as soon as trading opens Monday": a date waited for.
_AS_SOON_AS = re.compile(r"\bas\s+soon\s+as\b[^.;:]{0,60}$", re.IGNORECASE)


_DEADLINE_BEFORE = re.compile(r"\b(?:until|till|by)\s+$", re.IGNORECASE)


# dates a report announces: dividends, expiries, maturities
_AHEAD_CUE = re.compile(r"(?<!\bwas\s)(?<!\bwere\s)(?<!\bhad\s)\b(?:payable|(?:holders|stock|shareholders)\s+of\s+record|"
                        r"expir(?:es?|ing)|matur(?:es?|ing)|due|effective|ending)\s+(?:on\s+|as\s+of\s+|in\s+)?$", re.IGNORECASE)


_SCHEDULED_EVENTS = frozenset({"meet", "begin", "start", "open", "resume", "arrive", "leave", "visit", "vote",
                               "convene", "reconvene", "travel", "fly", "depart"})


def _future_checker(doc: Doc) -> Callable[[int, int], bool]:
    governors = load_vocab().future_governors

    def future_at(start: int, end: int) -> bool:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return False
        sentence_start = span.sent.start_char if doc.has_annotation("SENT_START") else 0
        if _AS_SOON_AS.search(doc.text[max(sentence_start, start - 80):start]):
            return True
        if _AHEAD_CUE.search(doc.text[max(sentence_start, start - 24):start]):
            return True  # "payable Feb. 1 to holders of record Jan. 5", "expiring March 15"
        tok = span.root
        for _ in range(4):
            if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
                break
            tok = tok.head
        children = list(tok.children)
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in children):
            return True
        # the present progressive ("is meeting Tuesday"), not the perfect ("have been searching since")
        if tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_ == "be"
                                     for c in children):
            return True
        if tok.tag_ == "VB" and any(c.lower_ == "to" for c in children):
            # "is to meet Monday" (not "was to meet")
            return tok.head.lemma_ in governors or (tok.head.lemma_ == "be" and tok.head.tag_ in ("VBZ", "VBP"))
        # the present of a scheduled event: "they meet Monday", "the talks resume Tuesday"
        if (tok.tag_ in ("VBZ", "VBP") and tok.lemma_ in _SCHEDULED_EVENTS
                and not any(c.dep_ in ("aux", "auxpass") for c in children)):
            return True
        # scheduled in the present: "the vote is scheduled for Tuesday", "the budget is due Friday"
        present_be = any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in children)
        if tok.tag_ == "VBN" and tok.lemma_ in governors and present_be:
            return True
        if tok.lemma_ == "be" and tok.tag_ in ("VBZ", "VBP") and any(c.dep_ == "acomp" and c.lower_ == "due"
                                                                       for c in children):
            return True
        # a deadline in the present ("has given them until 9 a.m. Tuesday", "must decide by Friday")
        if _DEADLINE_BEFORE.search(doc.text[max(sentence_start, start - 8):start]):
            return tok.tag_ in ("VBZ", "VBP", "VB") or (
                tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in children))
        return False

    return future_at


# A date after these is not before the verb's time ("extended to Nov. 20", "delayed until January").
_AHEAD_PREPOSITIONS = frozenset({"to", "until", "till", "til", "through", "by", "for", "before", "ahead"})
_ENDED_BEFORE = re.compile(r"\bended\s+(?:on\s+)?$", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:early\s+|late\s+|mid-?)?$", re.IGNORECASE)


def _past_checker(doc: Doc) -> Callable[[int, int], bool]:
    """Whether a date without a year hangs on a verb in the past tense or the perfect.

    "Sales rose in January", "the company was founded in December", "prices have fallen since
    Dec. 1": before publication however close ahead the month lies. Not after "to", "until", "by"
    ("extended to Nov. 20"), nor on verbs that fix or move dates ("set Nov. 10 as the deadline"),
    nor on "be" (reported speech shifts it back: "said the payment was due Dec. 1").
    """
    schedule = load_vocab().schedule_verbs

    def past_at(start: int, end: int) -> bool:
        if _SINCE_BEFORE.search(doc.text[max(0, start - 16):start]):
            return True
        if _ENDED_BEFORE.search(doc.text[max(0, start - 10):start]):
            return True  # "the quarter ended Dec. 31" ("ending" looks ahead)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return False
        tok = span.root
        if tok.dep_ == "pobj":
            if tok.head.lower_ in _AHEAD_PREPOSITIONS:
                return False
            tok = tok.head
        verb = tok.head
        if verb.pos_ != "VERB" or verb.lemma_ in schedule or tok.dep_ not in ("prep", "npadvmod", "nmod", "dobj"):
            return False
        children = list(verb.children)
        if any(c.dep_ == "aux" and (c.lower_ in _FUTURE_AUX or c.tag_ == "MD") for c in children):
            return False
        if verb.tag_ == "VBD":
            return True
        return verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lemma_ in ("have", "be")
                                          and c.tag_ in ("VBD", "VBZ", "VBP") for c in children)

    return past_at


def _entity_lookup(doc: Doc, entities: list[tuple[int, int, str]]) -> Callable[[int], str]:
    by_start = {}
    for start, end, label in entities:
        for token in doc.char_span(start, end) or ():
            by_start[token.idx] = label

    def entity_at(offset: int) -> str:
        return by_start.get(offset, "")

    return entity_at


def _to_refs(text: str, items: list[tuple[int, int, Resolved]]) -> list[TimeRef]:
    return [
        TimeRef(start=s, end=e, text=text[s:e], value=r.value, start_date=r.start_date, end_date=r.end_date,
                granularity=r.granularity, anchor=r.anchor, year_known=r.year_known)
        for s, e, r in sorted(items, key=lambda item: (item[0], -item[1]))
    ]


def find_times(doc: Doc, published: date | None) -> list[TimeRef]:
    """Every time expression in the document, resolved against the publication date."""
    entities = [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]  # doc.ents is costly: once
    ctx = Context(published, doc.text, future_at=_future_checker(doc), past_at=_past_checker(doc),
                  entity_at=_entity_lookup(doc, entities))
    kept = _combine(_resolve_anaphora(_resolve_in_order(_select(_candidates(ctx)), ctx)), ctx)
    kept.extend(_spacy_extras(doc, entities, kept, ctx))
    return _to_refs(doc.text, kept)


def resolve_expression(text: str, published: date | None) -> TimeRef | None:
    """The meaning of one time expression given on its own (e.g. a gold span).

    Offsets in the result index `text`. Our rules first (the match covering most of the
    text), dateparser when they read nothing.
    """
    ctx = Context(published, text)
    items = _combine(_resolve_anaphora(_resolve_in_order(_select(_candidates(ctx)), ctx)), ctx)
    if items:
        start, end, res = max(items, key=lambda item: item[1] - item[0])
        return _to_refs(text, [(start, end, res)])[0]
    stripped = text.strip()
    if not stripped:
        return None
    resolved = _dateparser_resolve(stripped, published)
    if resolved is None:
        return None
    offset = text.index(stripped)
    return _to_refs(text, [(offset, offset + len(stripped), resolved)])[0]


__all__ = ["find_times", "resolve_expression"]
