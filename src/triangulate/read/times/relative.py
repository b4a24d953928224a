"""Handlers for expressions counted from a reference: today, weekdays, last/next units, ago, durations, anaphors."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from triangulate.read.times.absolute import _SEASON_UNITS, _relative_season
from triangulate.read.times.calendar import (
    Resolved,
    day_ref,
    load_vocab,
    shift_unit,
    unknown,
    weekday_date,
    weekend_ref,
    year_ref,
)
from triangulate.read.times.context import (
    Context,
    _back,
    _capitalized,
    _duration_value,
    _key,
    _narrow,
    _number,
    _unit,
    _unit_span,
    _weekday,
)

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
    if unit == "semester" or unit == "season":  # a school term, a sports season: no calendar span
        return None
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


def _h_overnight(m: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.published is None:
        return Resolved("XXXX-XX-XXTNI", None, None, "time", "none", False)
    day = ctx.published - timedelta(days=1)
    return Resolved(day.isoformat() + "TNI", day, ctx.published, "time")


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
