"""Document structure: bylines, datelines, captions, credits, related links, posts and timestamps as marked regions."""

# A news page carries lines that are not report text: "By Jane Smith, Reuters Staff", the
# dateline "KYIV, Ukraine (AP) —" opening the lead, "(Photo: Reuters)", "Read more: ...", an
# embedded post's "— Name (@handle) June 6, 2023", "PUBLISHED : Tuesday, 23 May, 2017".
# `find_regions` marks them as character spans of the text, which stays whole: nothing is
# deleted and every offset holds. The read stage keeps actor mentions out of them and the
# extract stage keeps triggers, cues and speakers out (`RegionIndex.covers`). The patterns
# live in data/structure.yaml.

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from triangulate.base.datafiles import load_yaml
from triangulate.records import Region, RegionKind

if TYPE_CHECKING:
    from triangulate.read.gazetteer import Entry

STRUCTURE_FILE = "structure.yaml"
KINDS: tuple[RegionKind, ...] = ("byline", "dateline", "caption", "credit", "related", "post", "timestamp")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class StructureRules:
    """The compiled patterns of data/structure.yaml."""

    version: int
    lines: tuple[tuple[RegionKind, re.Pattern[str]], ...]
    datelines: tuple[re.Pattern[str], ...]
    inline: tuple[tuple[RegionKind, re.Pattern[str]], ...]
    max_line_chars: int = 400
    dateline_paragraphs: int = 3
    city_population: int = 100_000
    keep_places: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def load(cls, name: str = STRUCTURE_FILE) -> StructureRules:
        raw: dict[str, Any] = load_yaml(name, versioned=True)
        parts = _parts(raw.get("words") or {}, raw.get("parts") or {})

        def compile_(pattern: str) -> re.Pattern[str]:
            return re.compile(_fill(pattern, parts))

        return cls(
            version=int(raw["version"]),
            lines=tuple((_kind(r["kind"]), compile_(r["pattern"])) for r in raw.get("lines") or []),
            datelines=tuple(compile_(r["pattern"]) for r in raw.get("datelines") or []),
            inline=tuple((_kind(r["kind"]), compile_(r["pattern"])) for r in raw.get("inline") or []),
            max_line_chars=int(raw.get("max_line_chars", 400)),
            dateline_paragraphs=int(raw.get("dateline_paragraphs", 3)),
            city_population=int(raw.get("city_population", 100_000)),
            keep_places=frozenset(_kind(k) for k in raw.get("keep_places") or []),
        )


def _kind(value: object) -> RegionKind:
    if value not in KINDS:
        raise ValueError(f"{STRUCTURE_FILE}: unknown region kind {value!r}")
    return value


def _parts(words: dict[str, list[str]], parts: dict[str, str]) -> dict[str, str]:
    """Each word list as an escaped alternation (longest first), then each part filled in order."""
    out: dict[str, str] = {}
    for name, ws in words.items():
        if not all(isinstance(w, str) for w in ws):  # a bare On or No in YAML is a boolean
            raise ValueError(f"{STRUCTURE_FILE}: words.{name} holds a value that is not a string; quote it")
        out[name] = "|".join(re.escape(w) for w in sorted(set(ws), key=lambda w: (-len(w), w)))
    for name, pattern in parts.items():
        out[name] = _fill(str(pattern), out)
    return out


def _fill(pattern: str, parts: dict[str, str]) -> str:
    def part(m: re.Match[str]) -> str:
        if m.group(1) not in parts:
            return m.group(0)  # a regex count like {1,2} has a comma and never matches \w+ alone
        return parts[m.group(1)]

    return _PLACEHOLDER.sub(part, pattern)


@lru_cache(maxsize=1)
def default_rules() -> StructureRules:
    return StructureRules.load()


def find_regions(
    text: str, rules: StructureRules | None = None, is_place: Callable[[str], bool] | None = None,
    is_city: Callable[[str], bool] | None = None,
) -> list[Region]:
    """The marked regions of a text, sorted and not overlapping. `is_place` says whether a colon
    dateline's place is a place ("BEIRUT:", not "MUST SEE:"), `is_city` whether a title-case one alone is a
    city or country ("Kuala Lumpur:", not "Jones:"); by default, the gazetteer's word."""
    rules = rules or default_rules()
    is_place = is_place or _known_place
    is_city = is_city or (lambda name: _known_place(name, rules.city_population))
    found: list[tuple[int, int, RegionKind]] = []
    paragraph = 0
    for start, end in _lines(text):
        line = text[start:end]
        if len(line) <= rules.max_line_chars:
            kind = next((k for k, p in rules.lines if p.fullmatch(line)), None)
            if kind is not None:
                found.append((start, end, kind))
                continue
        if paragraph < rules.dateline_paragraphs:
            dateline = _dateline(line, rules, is_place, is_city, first=start == 0)
            if dateline:
                found.append((start, start + dateline, "dateline"))
        paragraph += 1
    for kind, pattern in rules.inline:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), kind))
    return [Region(start=s, end=e, kind=k, text=text[s:e]) for s, e, k in _disjoint(found)]


def _lines(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each non-blank line, its surrounding white space trimmed."""
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        stripped = line.strip()
        if stripped:
            start = m.start() + (len(line) - len(line.lstrip()))
            yield start, start + len(stripped)


def _dateline(line: str, rules: StructureRules, is_place: Callable[[str], bool], is_city: Callable[[str], bool],
              first: bool = False) -> int:
    """The length of the dateline opening a paragraph, 0 when none does. A title-case place alone before a
    colon is none on the first line: a headline's speaker ("Moscow: Kyiv staged the blast")."""
    for pattern in rules.datelines:
        m = pattern.match(line)
        if m is None:
            continue
        groups = pattern.groupindex
        if "colon" in groups and m.group("colon") and "place" in groups and not is_place(m.group("place")):
            continue
        if "city" in groups and m.group("city") and (first or not is_city(m.group("city"))):
            continue
        if m.end() < len(line.rstrip()):  # a dateline opens the report's sentence, it is no line of its own
            return len(m.group(0).rstrip())
    return 0


def _known_place(name: str, population: int = 0) -> bool:
    from triangulate.read.gazetteer import load_gazetteer  # loaded only when a colon dateline needs it

    entries = load_gazetteer().lookup(name)
    return populous(entries, population) if population else bool(entries)


def populous(entries: Iterable[Entry], population: int) -> bool:
    """Some place of the name holds at least `population` people (a country alone is a speaker: "Russia: ...")."""
    return any(e.population >= population and not e.fcode.startswith("PCL") for e in entries)


def _disjoint(found: list[tuple[int, int, RegionKind]]) -> list[tuple[int, int, RegionKind]]:
    """Sorted, overlaps dropped: of two that overlap, the one that starts first (the longer at a tie)."""
    out: list[tuple[int, int, RegionKind]] = []
    for start, end, kind in sorted(found, key=lambda r: (r[0], -r[1])):
        if out and start < out[-1][1]:
            continue
        out.append((start, end, kind))
    return out


@dataclass(frozen=True)
class RegionIndex:
    """Answers whether a character offset lies inside a marked region."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, regions: Sequence[Region]) -> RegionIndex:
        ordered = sorted(regions, key=lambda r: r.start)
        return cls(tuple(r.start for r in ordered), tuple(r.end for r in ordered))

    def covers(self, offset: int) -> bool:
        return self.end_of(offset) is not None

    def end_of(self, offset: int) -> int | None:
        """The end of the region the offset lies in, None when it lies in none."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.ends[i] if i >= 0 and offset < self.ends[i] else None

    def __bool__(self) -> bool:
        return bool(self.starts)
