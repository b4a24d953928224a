"""Report text made safe for Markdown: escaping, quoting, counting words, dates as days.

Article text is hostile: every piece of it is escaped so that it can neither break the layout nor
smuggle in links, images or HTML.
"""

from __future__ import annotations

import re
from typing import Any

from triangulate.base.controls import one_line

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~>])")
MAX_QUOTE = 300


def counted(n: int, noun: str) -> str:
    """"1 story", "2 stories", "0 reports"."""
    if n == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"
    return f"{n} {plural}"


def md_escape(text: str | None) -> str:
    """Text from a report, made inert in Markdown: one line, special characters escaped."""
    if not text:
        return ""
    flat = one_line(text)  # no terminal escapes or direction overrides reach whoever opens the file
    return _MD_SPECIAL.sub(r"\\\1", flat)


def capped(text: str | None, cap: int = MAX_QUOTE) -> str:
    """Text on one line, without control characters, capped at `cap` characters with an ellipsis."""
    flat = one_line(text)
    if len(flat) > cap:
        flat = flat[: cap - 1].rsplit(" ", 1)[0] + "…"
    return flat


def quote(text: str | None) -> str:
    return f"“{md_escape(capped(text))}”"


def date_text(date: dict[str, Any] | None) -> str:
    """A day, a range of days, or the value itself (partial or fuzzy)."""
    if not date:
        return "date unknown"
    start, end = date.get("start_date"), date.get("end_date")
    if start and end:
        return start if start == end else f"{start} to {end}"
    return str(date.get("value") or "date unknown")


def place_parts(place: dict[str, Any]) -> list[str]:
    """A place as its name, then its province and country when they add something ("Balad, Salah ad
    Din, IQ"): raw words, for the caller to escape."""
    parts = [place.get("name")]
    if place.get("admin1") and place.get("admin1") != place.get("name"):
        parts.append(place["admin1"])
    if place.get("country"):
        parts.append(place["country"])
    return [str(p) for p in parts if p]
