"""Finding a text's time expressions: candidates, selection, anaphora and ranges; the public entry points."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from triangulate.base.casefold import folded
from triangulate.read.nlp import doc_text
from triangulate.read.times import scan
from triangulate.read.times.calendar import Resolved, quarter_ref, safe_date, shift_unit, year_ref
from triangulate.read.times.context import Candidate, Context, Rule
from triangulate.read.times.extras import _dateparser_resolve, _spacy_extras
from triangulate.read.times.patterns import rules
from triangulate.read.times.relative import _with_part_of_day
from triangulate.read.times.scan import Starts
from triangulate.read.times.tense import _future_checker, _past_checker
from triangulate.read.tokens import entities as doc_entities
from triangulate.read.tokens import token_table
from triangulate.records import TimeRef

# Publication dates the calendar arithmetic can shift by a millennium either way without leaving
# Python's years 1-9999; outside them a report's date says nothing usable and is taken as unknown.
ANCHOR_RANGE = (date(1000, 1, 1), date(8999, 12, 31))


def usable_anchor(published: date | None) -> date | None:
    """The publication date to resolve against, or None when it lies outside ANCHOR_RANGE."""
    if published is None or not ANCHOR_RANGE[0] <= published <= ANCHOR_RANGE[1]:
        return None
    return published


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


def _matches(rule: Rule, text: str, starts: Starts | None,
             seen: dict[tuple[str, ...], bool] | None = None) -> Iterator[re.Match[str]]:
    """`rule.pattern.finditer(text)`. Over text that folds safely (`starts` holds it, lower-cased, and
    its word starts), the lower-case pattern finds where the matches are (half the time of IGNORECASE),
    tried only where one can start, and the rule's own pattern, matched there, gives the match itself
    (the handlers read the text's own case): the same matches, found faster."""
    if starts is None or rule.lowered is None:
        yield from rule.pattern.finditer(text)
        return
    if not rule.may_match(starts.text, seen):
        return
    for found in scan.finditer(rule.lowered, starts):
        m = rule.pattern.match(text, found.start())
        assert m is not None and m.end() == found.end()  # the two patterns are one
        yield m


def _candidates(ctx: Context) -> list[tuple[Candidate, Resolved]]:
    found: list[tuple[Candidate, Resolved]] = []
    folded_text = folded(ctx.text)
    starts = scan.Starts.of(folded_text) if folded_text is not None else None
    seen: dict[tuple[str, ...], bool] = {}  # the rules' word groups found in the text or not
    for order, rule in enumerate(rules()):
        for m in _matches(rule, ctx.text, starts, seen):
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


# A month or month-day without a year that, read against the publication date, falls in an earlier year and
# more than this many days back is told in the year the text named last, when it named that year at least twice
# and this close before it: a report retelling an earlier year's story ("the explosions ... in 2014", "the charges
# ... in 2014") dates its days bare in that year ("The first explosion occurred on October 15"). One year named
# once is no such frame: "arrested since 1990 ... found abandoned in December" (TempEval-3 dev) is last December.
NARRATIVE_GAP_DAYS = 60
NARRATIVE_REACH = 1000  # characters back to the year named last
_NARRATIVE_RULES = frozenset({"month_day", "day_month", "month"})


def _narrative_year(cand: Candidate, res: Resolved, named: tuple[int, int] | None, times: int,
                    ctx: Context) -> Resolved:
    """`res` moved to the year last named in the text (`named`: the year, where its expression ended; `times`:
    how often the text named it before), when the text's story is in that year rather than the year before
    publication."""
    published = ctx.published
    if (published is None or named is None or times < 2 or res.anchor != "published" or res.start_date is None
            or res.end_date is None or cand.rule.name not in _NARRATIVE_RULES or cand.match.groupdict().get("rel")
            or res.granularity not in ("day", "month") or cand.start - named[1] > NARRATIVE_REACH):
        return res
    year = named[0]
    if not year < res.start_date.year < published.year or (published - res.start_date).days <= NARRATIVE_GAP_DAYS:
        return res
    start, end = safe_date(year, res.start_date.month, res.start_date.day), \
        safe_date(year, res.end_date.month, res.end_date.day)
    if start is None or end is None:
        return res
    return replace(res, value=f"{year:04d}{res.value[4:]}", start_date=start, end_date=end, anchor="text")


def _resolve_in_order(chosen: list[tuple[Candidate, Resolved]], ctx: Context) -> list[tuple[int, int, Resolved]]:
    """Without a publication date, a full date in the text gives later partial dates their year; with one,
    a bare date long before it takes the year the text last named (`_narrative_year`)."""
    out: list[tuple[int, int, Resolved]] = []
    named: tuple[int, int] | None = None  # the year the text named last, and where
    years: Counter[int] = Counter()  # how often the text named each year
    for cand, resolved in chosen:
        res = resolved
        if ctx.published is None and ctx.text_ref is not None and cand.rule.name in _CALENDAR_RULES:
            again = cand.rule.handler(cand.match, ctx)
            res = again if again is not None else resolved
        res = _narrative_year(cand, res, named, years[named[0]] if named else 0, ctx)
        if res.anchor == "none" and res.year_known and res.start_date is not None \
                and res.granularity in ("day", "month", "year", "season"):
            named = (res.start_date.year, cand.end)
            years[res.start_date.year] += 1
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

def _entity_lookup(doc: Doc) -> Callable[[int], str]:
    """Each entity token's label by its character offset."""
    by_start = {}
    idx = token_table(doc).idx
    for ent in doc_entities(doc):  # its tokens: what `doc.char_span(ent.start_char, ent.end_char)` gives
        label = ent.label_
        for i in range(ent.start, ent.end):
            by_start[idx[i]] = label

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
    entities = [(ent.start_char, ent.end_char, ent.label_) for ent in doc_entities(doc)]
    published = usable_anchor(published)
    ctx = Context(published, doc_text(doc), future_at=_future_checker(doc), past_at=_past_checker(doc),
                  entity_at=_entity_lookup(doc))
    kept = _combine(_resolve_anaphora(_resolve_in_order(_select(_candidates(ctx)), ctx)), ctx)
    kept.extend(_spacy_extras(doc, entities, kept, ctx))
    return _to_refs(doc_text(doc), kept)


def resolve_expression(text: str, published: date | None) -> TimeRef | None:
    """The meaning of one time expression given on its own (e.g. a gold span).

    Offsets in the result index `text`. Our rules first (the match covering most of the
    text), dateparser when they read nothing.
    """
    published = usable_anchor(published)
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
