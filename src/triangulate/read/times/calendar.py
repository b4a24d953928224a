"""The vocabulary of time expressions (data/times.yaml) and the calendar arithmetic that resolves them."""

# The handlers find expressions; this module knows what the words mean (loaded once from
# data/times.yaml) and how to turn "last week" or "July 19" into ISO values and date ranges.

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Literal

from triangulate.base.datafiles import load_yaml
from triangulate.records import Granularity

Anchor = Literal["published", "text", "none"]


@dataclass(frozen=True)
class Unit:
    iso: str
    days: int
    multiplier: int = 1
    time: bool = False
    half: str = ""  # what half a unit adds to the ISO value


@dataclass(frozen=True)
class Fuzzy:
    value: str
    back_days: int | None = None
    capital_only: bool = False


@dataclass(frozen=True)
class Vocab:
    months: dict[str, int]  # full names and abbreviations
    month_full: frozenset[str]
    weekdays: dict[str, int]
    vague_counts: dict[str, int]
    ordinals: dict[str, int]
    decade_words: dict[str, int]
    units: dict[str, Unit]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    fuzzy: dict[str, Fuzzy]
    sets: dict[str, str]
    holidays: dict[str, str]
    future_governors: frozenset[str] = frozenset()
    schedule_verbs: frozenset[str] = frozenset()
    paper_words: frozenset[str] = frozenset()
    generic_after_today: frozenset[str] = frozenset()
    holiday_things: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_vocab() -> Vocab:
    raw: dict[str, Any] = load_yaml("times.yaml")
    months = {str(k): int(v) for k, v in raw["months"].items()}
    full = frozenset(months)
    months.update({str(k): int(v) for k, v in raw["month_abbreviations"].items()})
    weekdays = {str(k): int(v) for k, v in raw["weekdays"].items()}
    weekdays.update({str(k): int(v) for k, v in raw["weekday_abbreviations"].items()})
    return Vocab(
        months=months,
        month_full=full,
        weekdays=weekdays,
        vague_counts={str(k): int(v) for k, v in raw["vague_counts"].items()},
        ordinals={str(k): int(v) for k, v in raw["ordinals"].items()},
        decade_words={str(k): int(v) for k, v in raw["decade_words"].items()},
        units={str(k): Unit(**v) for k, v in raw["units"].items()},
        seasons={str(k): str(v) for k, v in raw["seasons"].items()},
        parts_of_day={str(k): str(v) for k, v in raw["parts_of_day"].items()},
        fuzzy={str(k): Fuzzy(**v) for k, v in raw["fuzzy"].items()},
        sets={str(k): str(v) for k, v in raw["sets"].items()},
        holidays={str(k): str(v) for k, v in raw["holidays"].items()},
        future_governors=frozenset(str(w) for w in raw["future_governors"]),
        schedule_verbs=frozenset(str(w) for w in raw["schedule_verbs"]),
        paper_words=frozenset(str(w) for w in raw["paper_words"]),
        generic_after_today=frozenset(str(w) for w in raw["generic_after_today"]),
        holiday_things=frozenset(str(w) for w in raw.get("holiday_things", [])),
    )


@dataclass(frozen=True)
class Resolved:
    """What an expression means: the TimeRef fields other than its span."""

    value: str
    start_date: date | None = None
    end_date: date | None = None
    granularity: Granularity = "day"
    anchor: Anchor = "published"
    year_known: bool = True
    extra: dict[str, str] = field(default_factory=dict, compare=False)


# ---- calendar arithmetic -------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def safe_date(year: int, month: int, day: int) -> date | None:
    if not 1 <= year <= 9999 or not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def day_ref(day: date, anchor: Anchor = "published") -> Resolved:
    return Resolved(day.isoformat(), day, day, "day", anchor)


def week_ref(day: date, anchor: Anchor = "published") -> Resolved:
    monday = day - timedelta(days=day.weekday())
    iso_year, iso_week, _ = monday.isocalendar()
    return Resolved(f"{iso_year}-W{iso_week:02d}", monday, monday + timedelta(days=6), "week", anchor)


def weekend_ref(day: date, anchor: Anchor = "published") -> Resolved:
    week = week_ref(day, anchor)
    assert week.start_date is not None
    saturday = week.start_date + timedelta(days=5)
    return Resolved(week.value + "-WE", saturday, saturday + timedelta(days=1), "range", anchor)


def month_ref(year: int, month: int, anchor: Anchor = "published") -> Resolved:
    return Resolved(f"{year:04d}-{month:02d}", date(year, month, 1), month_end(year, month), "month", anchor)


def quarter_ref(year: int, quarter: int, anchor: Anchor = "published") -> Resolved:
    first = 3 * (quarter - 1) + 1
    return Resolved(f"{year:04d}-Q{quarter}", date(year, first, 1), month_end(year, first + 2), "range", anchor)


def half_ref(year: int, half: int, anchor: Anchor = "published") -> Resolved:
    first = 6 * (half - 1) + 1
    return Resolved(f"{year:04d}-H{half}", date(year, first, 1), month_end(year, first + 5), "range", anchor)


def year_ref(year: int, anchor: Anchor = "published") -> Resolved:
    return Resolved(f"{year:04d}", date(year, 1, 1), date(year, 12, 31), "year", anchor)


def decade_ref(first_year: int, anchor: Anchor = "published") -> Resolved:
    return Resolved(
        f"{first_year // 10:03d}", date(first_year, 1, 1), date(first_year + 9, 12, 31), "decade", anchor
    )


def century_ref(number: int, anchor: Anchor = "published") -> Resolved:
    """The 20th century is 1900-1999 in news usage; its TimeML value is "19"."""
    first = (number - 1) * 100
    return Resolved(f"{number - 1:02d}", date(max(first, 1), 1, 1), date(first + 99, 12, 31), "decade", anchor)


SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # northern, meteorological


def season_ref(year: int, code: str, anchor: Anchor = "published") -> Resolved:
    first, last = SEASON_MONTHS[code]
    end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
    return Resolved(f"{year:04d}-{code}", date(year, first, 1), month_end(end_year, end_month), "season", anchor)


def season_of(day: date) -> tuple[int, str]:
    """The season a day falls in, with the year the season started."""
    if day.month in (1, 2):
        return day.year - 1, "WI"
    for code, (first, last) in SEASON_MONTHS.items():
        if first <= day.month <= last:
            return day.year, code
    return day.year, "WI"


def shift_unit(unit: str, ref: date, offset: int, anchor: Anchor = "published") -> Resolved:
    """The calendar unit (day, week, month, ...) `offset` units away from the one holding ref."""
    if unit in ("day", "night"):
        return day_ref(ref + timedelta(days=offset), anchor)
    if unit == "week":
        return week_ref(ref + timedelta(weeks=offset), anchor)
    if unit == "weekend":
        return weekend_ref(ref + timedelta(weeks=offset), anchor)
    if unit == "month":
        moved = add_months(ref, offset)
        return month_ref(moved.year, moved.month, anchor)
    if unit == "quarter":
        moved = add_months(ref, 3 * offset)
        return quarter_ref(moved.year, (moved.month - 1) // 3 + 1, anchor)
    if unit == "decade":
        return decade_ref((ref.year // 10 + offset) * 10, anchor)
    if unit == "century":
        return century_ref(ref.year // 100 + 1 + offset, anchor)
    return year_ref(ref.year + offset, anchor)


UNKNOWN_VALUES = {
    "day": "XXXX-XX-XX",
    "night": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}

UNIT_GRANULARITY: dict[str, Granularity] = {
    "day": "day",
    "night": "day",
    "week": "week",
    "weekend": "range",
    "month": "month",
    "quarter": "range",
    "year": "year",
    "decade": "decade",
    "century": "decade",
}


def unknown(unit: str) -> Resolved:
    """A relative expression without anything to resolve it against: a masked value."""
    return Resolved(UNKNOWN_VALUES.get(unit, "XXXX-XX-XX"), None, None, UNIT_GRANULARITY.get(unit, "day"),
                    "none", False)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_date(rule: str, year: int) -> date | None:
    if rule == "easter":
        return easter(year)
    if rule == "thanksgiving_us":
        return nth_weekday(year, 11, 3, 4)
    if rule == "labor_us":
        return nth_weekday(year, 9, 0, 1)
    if rule == "election_us":
        return nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    if rule.startswith("nth:"):  # "nth:MONTH:WEEKDAY:N", N = -1 for the last one of the month
        month, weekday, nth = (int(part) for part in rule[4:].split(":"))
        if nth > 0:
            return nth_weekday(year, month, weekday, nth)
        last = month_end(year, month)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    month, day = (int(part) for part in rule.split("-"))
    return safe_date(year, month, day)


# A month-day (or month) this close after publication is read as coming rather than almost a year
# ago: reports announce dates ahead ("payable Dec. 15", "talks in January"). Measured on
# TempEval-3 dev: 14 days -> value F1 75.0, 90 days -> higher; see scripts/time_check.py.
UPCOMING_DAYS = 90


def nearest_year(month: int, day: int, ref: date, future: bool, text_anchor: bool,
                 past: bool = False) -> int | None:
    """The year for a month-day without one.

    Against a publication date: the most recent occurrence on or before it, unless the
    date falls within about three months after it (news announces the coming days) or the verb is in
    the future tense; a past-tense verb or "since" (`past`) keeps it before. Against a date in the
    text: the occurrence closest to it.
    """
    candidates = [(y, safe_date(y, month, day)) for y in (ref.year - 1, ref.year, ref.year + 1)]
    dated = [(y, d) for y, d in candidates if d is not None]
    if not dated:
        return None
    if text_anchor:
        return min(dated, key=lambda pair: abs((pair[1] - ref).days))[0]
    if future:
        upcoming = [(y, d) for y, d in dated if d >= ref]
        return upcoming[0][0] if upcoming else dated[-1][0]
    for y, d in dated:
        if not past and timedelta(0) < d - ref <= timedelta(days=UPCOMING_DAYS):
            return y
    before = [(y, d) for y, d in dated if d <= ref]
    return before[-1][0] if before else dated[0][0]


def weekday_date(weekday: int, ref: date, relation: str, future: bool) -> date:
    """The date of a weekday name near ref: "last" before, "next" after, else by tense."""
    back = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if relation in ("last", "past", "this past", "the previous", "previous"):
        return ref - timedelta(days=back or 7)
    if relation in ("next", "coming", "this coming", "the following", "the next", "following"):
        return ref + timedelta(days=ahead or 7)
    if future:
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back)
