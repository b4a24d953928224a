"""The rule table: each rule's regular expression (built from the vocabulary) and the handler for its match."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from triangulate.read.times.absolute import (
    _h_calendar_set,
    _h_century,
    _h_clock,
    _h_decade,
    _h_holiday,
    _h_month_day,
    _h_month_quarter,
    _h_month_rel_year,
    _h_month_year,
    _h_noon,
    _h_numeric,
    _h_quarter,
    _h_quarter_anaphor,
    _h_season,
    _h_short_year,
    _h_spelled_year,
    _h_unit_ended,
    _h_week_of,
    _h_weekday_nth,
    _h_year,
)
from triangulate.read.times.calendar import load_vocab
from triangulate.read.times.context import Handler, Rule, _alternation, _pieces, lowered
from triangulate.read.times.relative import (
    _h_ago,
    _h_anaphoric_day,
    _h_bare_plural,
    _h_day_before,
    _h_duration,
    _h_fuzzy,
    _h_in_the,
    _h_overnight,
    _h_quarter_century,
    _h_relday,
    _h_relunit,
    _h_set,
    _h_the_unit,
    _h_unit_before,
    _h_weekday,
    _h_weekend,
    _h_year_ago,
    _h_year_end,
)

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
        # "12.04.2022": dotted numeric dates are written day first
        ("dot_date", r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d]|\.\d)", _h_numeric),
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
    needs = _needs(v.months, v.weekdays, v.units, v.decade_words, v.holidays, v.fuzzy, v.sets)
    compiled = [(name, re.compile(pattern, flags), handler) for name, pattern, handler in table]
    return tuple(Rule(name, pattern, handler, lowered(pattern), needs.get(name, ())) for name, pattern, handler in compiled)


def _firsts(words: Iterable[str]) -> tuple[str, ...]:
    """Each phrase's first word (the patterns allow any spacing between the words)."""
    return tuple(sorted({w.lower().split()[0] for w in words}))


def _needs(
    months: Iterable[str], weekdays: Iterable[str], units: Iterable[str], decade_words: Iterable[str],
    holidays: Iterable[str], fuzzy: Iterable[str], sets: Iterable[str],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """For each rule, groups of words one of each of which every match holds (read off its pattern above;
    `test_patterns` checks them against the patterns over real reports). A report lacking a group is not
    searched with the rule."""
    mon, wd = _firsts(months), _firsts(weekdays)
    unit = _firsts([*units, "centuries"])
    parts_of_day = ("morning", "afternoon", "evening", "night")
    return {
        "month_day": (mon,), "day_month": (mon,), "month_year": (mon,), "month": (mon,),
        "month_rel_year": (mon, ("year",)), "iso_date": (("-",),), "slash_date": (("/",),),
        "decade": (("0", *_firsts(decade_words)),), "short_year": (("'", "’"),), "century": (("century",),),
        "relday": (("today", "tonight", "yesterday", "tomorrow", *parts_of_day),),
        "day_before": (("yesterday", "tomorrow"),), "weekday": (wd,),
        "relunit": (("week", "month", "year", "quarter", "decade", "century", "spring", "summer", "fall", "autumn",
                     "winter", "season", "semester", "fortnight"),),
        "in_the": (("earlier", "later"), ("week", "month", "year", "day")),
        "end_of_the": (("week", "month", "year", "quarter", "decade", "century"),),
        "weekend": (("weekend",),), "year_end": (("year",), ("end",)),
        "ago": (unit, ("ago", "earlier", "later", "before", "after", "from", "hence", "back")),
        "quarter_century": (("century",),), "duration": (unit,),
        "bare_plural": (("minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries"),),
        "quarter": (("quarter", "half", "period"),), "month_quarter": (mon, ("quarter",)),
        "quarter_anaphor": (("quarter", "period"),), "season": (("spring", "summer", "fall", "autumn", "winter"),),
        "holiday": (_firsts(holidays),), "fuzzy": (_firsts(fuzzy),), "set": (_firsts(sets),),
        "calendar_set": (("each", "every"),), "clock": (("a.", "p.", "am", "pm"),),
        "noon": (("noon", "midnight", "midday"),), "overnight": (("overnight",),), "weekday_nth": (wd,),
        "week_of": (("week",), mon), "unit_ended": (("ended", "ending"),), "the_unit": (("year", "month", "week", "day"),),
        "year_ago": (("year-",),), "unit_before": (("before", "earlier", "after", "later"),),
        "anaphoric_day": (("day", *parts_of_day),),
        "spelled_year": (("nineteen", "eighteen", "seventeen", "thousand"),),
    }
