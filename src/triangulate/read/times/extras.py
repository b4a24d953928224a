"""spaCy DATE/TIME entities our rules missed, trimmed to TimeML extents and resolved by dateparser."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from triangulate.read.nlp import doc_text

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

from triangulate.read.times.calendar import Anchor, Resolved, day_ref, month_ref, shift_unit, year_ref
from triangulate.read.times.context import Context
from triangulate.read.times.relative import _QUOTE_BEFORE

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
        text = doc_text(doc)[start:end]
        lead = _LEADING_SIGNAL.match(text)
        if lead:
            start += lead.end()
        trail = _TRAILING.search(doc_text(doc)[start:end])
        if trail:
            end -= len(trail.group(0))
        if end <= start or not _TIME_WORD.search(doc_text(doc)[start:end]):
            continue
        if doc_text(doc)[start:end].istitle() and _QUOTE_BEFORE.search(doc_text(doc)[max(0, start - 3):start]):
            continue  # a quoted title: ABC's "This Week"
        if re.fullmatch(r"[0-2]\d[0-5]\d", doc_text(doc)[start:end]) and _GMT_AFTER.match(doc_text(doc), end):
            continue  # "10:35 a.m. (0735 GMT)": the local time already says when
        resolved = _dateparser_resolve(doc_text(doc)[start:end], ctx.published)
        if resolved is None:
            continue
        extras.append((start, end, resolved))
    return extras
