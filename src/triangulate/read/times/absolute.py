"""Handlers for expressions naming the calendar: dates, months, years, decades, seasons, holidays, quarters, clocks."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from triangulate.base.numbers import NUMBER_PHRASES
from triangulate.read.times.calendar import (
    UPCOMING_DAYS,
    Anchor,
    Resolved,
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
    year_ref,
)
from triangulate.read.times.context import (
    Context,
    _absolute,
    _capitalized,
    _key,
    _month,
    _narrow,
    _number,
    _pieces,
    _weekday,
)


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
    month, day = int(m.group("month")), int(m.group("day"))
    found = safe_date(year, month, day)
    if "/" in m.group(0) and found is not None:
        # "12/04/2022" is 4 December to an American and 12 April to most others: when the month-first
        # reading falls after the report's date and the day-first one does not, the writer meant day first
        ref, _ = ctx.calendar_ref()
        swapped = safe_date(year, day, month)
        if ref is not None and swapped is not None and found > ref >= swapped:
            found = swapped
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
    if not rel and not m.groupdict().get("mod") and _names_someone(m, ctx):
        return None  # "Theresa May said", "Mrs May's statement": a person, not the month
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


_TITLE_BEFORE = re.compile(r"\b(?:Mrs|Ms|Mr|Miss|Dr|Prime\s+Minister|Minister|President|Premier|Chancellor)\.?\s+$")
_SAYS_AFTER = re.compile(r"\s+(?:said|says|told|added|insisted|warned|argued|announced|wrote)\b")


def _names_someone(m: re.Match[str], ctx: Context) -> bool:
    """A bare month name that is a person's name: tagged a person, after a title, or saying something
    ("Theresa May said", "Mrs May's government", "May told MPs"); "May's sales" stays the month."""
    if ctx.entity_at is not None and ctx.entity_at(m.start()) in ("PERSON", "ORG"):
        return True
    before = ctx.text[max(0, m.start() - 20):m.start()]
    return _TITLE_BEFORE.search(before) is not None or bool(_SAYS_AFTER.match(ctx.text, m.end()))


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


_SEASON_UNITS = ("spring", "summer", "fall", "autumn", "winter")


def _season(ref: date, code: str, offset: int, anchor: Anchor) -> Resolved:
    """The season `code` relative to ref: offset 0 the latest one begun, -1 the one before."""
    year = ref.year
    start = season_ref(year, code, anchor).start_date
    assert start is not None
    if start > ref:
        year -= 1
    return season_ref(year + offset, code, anchor)


def _h_spelled_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    if m.group("thousand"):
        year = 2000 + (_number(v, m.group("rest"))[0] if m.group("rest") else 0)
    else:
        century = NUMBER_PHRASES.get(_key(m.group("cent")), 0)
        rest = _key(m.group("tens")).replace("-", " ")
        year = century * 100 + sum(NUMBER_PHRASES.get(part, 0) for part in rest.split())
    if not 1600 <= year <= 2099:
        return None
    if m.group("mon"):  # "January nineteen ninety-seven"
        if not _capitalized(m, "mon"):
            return None
        return _absolute(month_ref(year, _month(v, m.group("mon"))))
    return _absolute(year_ref(year))


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


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")


def _h_holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    v = load_vocab()
    if not _capitalized(m, "hol"):
        return None
    after = _NEXT_WORD.match(m.string, m.end())
    if after is not None and after.group(1).lower() in v.holiday_things:
        return None  # "a Christmas market": a thing of the holiday, not its day
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
