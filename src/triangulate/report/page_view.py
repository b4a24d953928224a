"""page_view: a story's dossier shaped for the dossier page: who did it, timeline rows, map points, the
who-says-what matrix, contradictions side by side, and the evidence sentences each of them points to.

The page's templates only print what is here; everything is plain text (escaping is the template's),
and the one URL a report gives is kept as a link only when it is http(s).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from triangulate.records import VERBAL_TYPES
from triangulate.report.browse import StoryPage
from triangulate.report.markdown import TOLD_AS_HAPPENED
from triangulate.report.markdown_text import capped, counted, date_text, place_parts
from triangulate.report.who_did_it import ROLES, STATUS_WORDS

MAX_TEXT = 200_000  # characters of a report's text sent to the page; marks past it are dropped
MAX_QUOTE = 300
MAX_LABEL = 120
MAX_URL = 2048
MAX_TIMELINE = 500
MAX_ROWS = 80  # claim groups in the matrix
MAX_COLUMNS = 40  # speakers in the matrix

FACTUALITY_WORDS = {
    "CT+": "certain it is so", "PR+": "probably so", "PS+": "possibly so",
    "CT-": "certain it is not so", "PR-": "probably not so", "PS-": "possibly not so", "Uu": "uncommitted",
}
# CSS class of a factuality value: only these names reach the page
FACTUALITY_CLASS = {"CT+": "f-ctp", "PR+": "f-prp", "PS+": "f-psp", "CT-": "f-ctm", "PR-": "f-prm",
                    "PS-": "f-psm", "Uu": "f-uu"}
STANCE_WORDS = {"claims": "claims", "admits": "admits", "accuses": "accuses", "denies": "denies",
                "uncertain": "says it is not known"}

Mark = tuple[str, int, int]  # report id, start, end: characters (code points) of the report's text


def safe_url(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) URL a browser may follow, else None ("javascript:" is not)."""
    if not url or len(url) > MAX_URL or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


@dataclass
class ReportView:
    id: str
    label: str  # its title, else its file or id
    outlet: str
    published: str
    url: str | None  # a followable link
    url_text: str  # the URL as given, shown as text when it is no link
    key: str


@dataclass
class Statement:
    """One "who says who did it" statement."""

    speaker: str
    via: str
    outlet: str
    day: str
    cue: str
    stance: str
    factuality: str
    fclass: str
    quote: str
    key: str


@dataclass
class Candidate:
    name: str
    roles: list[tuple[str, list[Statement]]]


@dataclass
class WhoItem:
    what: str
    when: str
    where: str
    status: str
    status_words: str
    candidates: list[Candidate]
    key: str


@dataclass
class TimelineRow:
    when: str
    what: str
    who: str
    whom: str
    where: str
    told: str  # "3 mentions in 2 reports, 2 independent origins" or the one mention's modality and outlet
    sentence: str
    minor: bool  # told once as a statement, or as a hypothetical or denied deed
    key: str


@dataclass
class MatrixCell:
    factuality: str
    fclass: str
    words: str
    cue: str
    key: str


@dataclass
class MatrixRow:
    proposition: str
    origins: int
    cells: list[list[MatrixCell]]  # one list per column
    key: str


@dataclass
class MatrixColumn:
    speaker: str
    outlet: str


@dataclass
class Side:
    who: str
    outlet: str
    value: str
    text: str
    key: str


@dataclass
class ContradictionView:
    kind: str
    reason: str
    sides: list[Side]


@dataclass
class StoryView:
    id: str
    headline: str
    reports: list[ReportView]
    who: list[WhoItem]
    timeline: list[TimelineRow]
    timeline_hidden: int
    points: list[dict[str, Any]]
    columns: list[MatrixColumn]
    rows: list[MatrixRow]
    matrix_hidden: int  # claims not shown for the caps
    contradictions: list[ContradictionView]
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    evidence: dict[str, list[Mark]] = field(default_factory=dict)

    def page_data(self) -> dict[str, Any]:
        """What the page's scripts read: the reports' texts, each clickable thing's marks, the map's points."""
        return {"documents": self.documents, "evidence": {k: [list(m) for m in v] for k, v in self.evidence.items()},
                "points": self.points}


class _Shaper:
    """Reads one story's dossier once and hands out its parts, collecting the evidence marks."""

    def __init__(self, dossier: dict[str, Any]) -> None:
        self.dossier = dossier
        self.story = dossier["stories"][0]
        self.docs = {d["id"]: d for d in dossier["documents"]}
        self.actors = {a["id"]: a for a in dossier["actors"]}
        self.events = {e["id"]: e for e in dossier["events"]}
        self.claims = {c["id"]: c for c in dossier["claims"]}
        self.evidence: dict[str, list[Mark]] = {}
        self._seen: dict[str, set[Mark]] = {}
        self.documents: dict[str, dict[str, Any]] = {}  # what the scripts show of each report

    def mark(self, key: str, spans: list[dict[str, Any]]) -> str:
        """Record the marks of a clickable thing under `key`; return the key."""
        marks, seen = self.evidence.setdefault(key, []), self._seen.setdefault(key, set())
        for span in spans:
            doc_id, start, end = span.get("doc_id"), int(span.get("start", 0)), int(span.get("end", 0))
            if doc_id in self.docs and 0 <= start <= end and start < MAX_TEXT:
                text = str(self.docs[doc_id].get("text") or "")
                end = min(end, MAX_TEXT, len(text))
                while end > start and text[end - 1].isspace():  # a span's trailing blank lines: no mark
                    end -= 1
                mark = (str(doc_id), start, end)
                if mark not in seen:
                    seen.add(mark)
                    marks.append(mark)
        return key

    def outlet(self, doc_id: str) -> str:
        doc = self.docs.get(doc_id, {})
        return capped(doc.get("outlet") or doc.get("external_id") or "outlet unknown", MAX_LABEL)

    def actor(self, actor_id: str | None, text: str | None = None) -> str:
        if actor_id and actor_id in self.actors:
            name = str(self.actors[actor_id]["name"])
            if text and text.lower() not in name.lower() and len(text) < 80:
                return capped(f"{name} ({text})", MAX_LABEL)
            return capped(name, MAX_LABEL)
        return capped(text, MAX_LABEL) if text else "—"

    def reports(self) -> list[ReportView]:
        views = []
        for doc_id in self.story["doc_ids"]:
            doc = self.docs.get(doc_id)
            if doc is None:
                continue
            text = str(doc.get("text") or "")
            self.documents[doc_id] = {
                "label": capped(doc.get("title") or doc.get("external_id") or doc_id, MAX_LABEL),
                "outlet": capped(doc.get("outlet") or "outlet unknown", MAX_LABEL),
                "published": doc.get("published") or "date unknown",
                "url": safe_url(doc.get("url")),
                "text": text[:MAX_TEXT],
                "truncated": len(text) > MAX_TEXT,
            }
            key = f"doc:{doc_id}"
            self.evidence[key] = [(doc_id, 0, 0)]
            views.append(ReportView(
                id=doc_id, label=self.documents[doc_id]["label"], outlet=self.documents[doc_id]["outlet"],
                published=self.documents[doc_id]["published"], url=self.documents[doc_id]["url"],
                url_text=capped(doc.get("url"), MAX_LABEL), key=key,
            ))
        return views

    def who(self) -> list[WhoItem]:
        wanted = set(self.story.get("merged_event_ids", []))
        merged = [m for m in self.dossier.get("merged_events", []) if m["id"] in wanted
                  and (m.get("perpetrator") or {}).get("candidates")]
        merged.sort(key=lambda m: (-len(set(m["doc_ids"])), m["id"]))
        statements = {r["id"]: r for r in self.dossier.get("responsibility", [])
                      if r.get("story_id") == self.story["id"]}
        items = []
        for item in merged:
            perpetrator = item["perpetrator"]
            candidates = []
            for candidate in perpetrator["candidates"]:
                roles = []
                for key, role in ROLES:
                    said = [self.statement(statements[i]) for i in candidate.get(key, []) if i in statements]
                    if said:
                        roles.append((role, said))
                candidates.append(Candidate(name=capped(candidate["name"], MAX_LABEL), roles=roles))
            spans = [s for c in perpetrator["candidates"] for k, _ in ROLES for i in c.get(k, [])
                     if i in statements for s in statements[i].get("evidence", [])]
            items.append(WhoItem(
                what=_kind(item), when=date_text(item.get("date")), where=_place(item.get("place")),
                status=perpetrator["status"], status_words=STATUS_WORDS.get(perpetrator["status"], "unknown"),
                candidates=candidates, key=self.mark(f"who:{item['id']}", spans),
            ))
        return items

    def statement(self, said: dict[str, Any]) -> Statement:
        evidence = said.get("evidence") or []
        factuality = str(said.get("factuality") or "Uu")
        return Statement(
            speaker=self.actor(said.get("speaker"), said.get("speaker_text")),
            via=", ".join(capped(v["text"], MAX_LABEL) for v in said.get("via", [])),
            outlet=self.outlet(said["doc_id"]), day=said.get("published") or "date unknown",
            cue=capped(said.get("cue"), MAX_LABEL), stance=STANCE_WORDS.get(said.get("stance", ""), "says"),
            factuality=factuality, fclass=FACTUALITY_CLASS.get(factuality, "f-uu"),
            quote=capped(evidence[0]["text"]) if evidence else "",
            key=self.mark(f"resp:{said['id']}", evidence),
        )

    def timeline(self) -> tuple[list[TimelineRow], int]:
        wanted = set(self.story.get("merged_event_ids", []))
        merged = sorted((m for m in self.dossier.get("merged_events", []) if m["id"] in wanted),
                        key=lambda m: (_date_key(m), -len(m["doc_ids"]), m["id"]))
        rows = []
        told_events = [m for m in merged if any(i in self.events for i in m["event_ids"])]
        for item in told_events[:MAX_TIMELINE]:
            mentions = [self.events[i] for i in item["event_ids"] if i in self.events]
            first = mentions[0]
            minor = len(mentions) == 1 and (item["type"] in VERBAL_TYPES
                                            or first.get("modality") not in TOLD_AS_HAPPENED)
            if len(mentions) > 1:
                told = (f"{len(mentions)} mentions in {counted(len(set(item['doc_ids'])), 'report')}, "
                        f"{counted(len(item['origins']), 'independent origin')}")
            else:
                told = f"{first.get('modality', 'asserted')}, {self.outlet(first['doc_id'])}"
            spans = [s for e in mentions for s in e.get("evidence", [])]
            one = len(mentions) == 1
            rows.append(TimelineRow(
                when=date_text(item.get("date")), what=_kind(item),
                who=self.actor(item.get("source_actor"), first.get("source_text") if one else None),
                whom=self.actor(item.get("target_actor"), first.get("target_text") if one else None),
                where=_place(item.get("place")), told=told, sentence=capped(spans[0]["text"]) if spans else "",
                minor=minor, key=self.mark(f"event:{item['id']}", spans),
            ))
        return rows, len(told_events) - len(rows)

    def points(self) -> list[dict[str, Any]]:
        """One point per place (events at the same coordinates share it), most events first."""
        wanted = set(self.story.get("merged_event_ids", []))
        by_place: dict[tuple[float, float], dict[str, Any]] = {}
        for item in self.dossier.get("merged_events", []):
            place = item.get("place") or {}
            lat, lon = place.get("lat"), place.get("lon")
            if item["id"] not in wanted or lat is None or lon is None:
                continue
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                continue
            spot = (round(float(lat), 4), round(float(lon), 4))
            point = by_place.setdefault(spot, {"lat": spot[0], "lon": spot[1], "name": capped(place.get("name"),
                                               MAX_LABEL) or "place", "events": 0, "key": f"place:{spot[0]},{spot[1]}"})
            point["events"] += 1
            spans = [s for i in item["event_ids"] if i in self.events for s in self.events[i].get("evidence", [])]
            self.mark(point["key"], spans)
        points = sorted(by_place.values(), key=lambda p: (-p["events"], p["name"]))
        for point in points:
            point["label"] = f"{point['name']}: {counted(point['events'], 'event')}"
        return points

    def matrix(self) -> tuple[list[MatrixColumn], list[MatrixRow], int]:
        """Rows: the story's claim groups, most claims first; columns: who said it through which outlet,
        most claims first; a cell holds that speaker's claims of that group."""
        wanted = set(self.story.get("claim_group_ids", []))
        groups = sorted((g for g in self.dossier.get("claim_groups", []) if g["id"] in wanted),
                        key=lambda g: (-len(g["claim_ids"]), g["id"]))
        columns: dict[tuple[str, str], MatrixColumn] = {}
        counts: dict[tuple[str, str], int] = {}
        for group in groups:
            for claim_id in group["claim_ids"]:
                claim = self.claims.get(claim_id)
                if claim is not None:
                    column = self._column(claim)
                    columns.setdefault(column, MatrixColumn(
                        speaker=self.actor(claim.get("speaker"), claim.get("speaker_text")),
                        outlet=column[1]))
                    counts[column] = counts.get(column, 0) + 1
        order = sorted(columns, key=lambda c: (-counts[c], columns[c].speaker, c[1]))[:MAX_COLUMNS]
        index = {c: i for i, c in enumerate(order)}
        rows, shown = [], 0
        for group in groups[:MAX_ROWS]:
            cells: list[list[MatrixCell]] = [[] for _ in order]
            spans = []
            for claim_id in group["claim_ids"]:
                claim = self.claims.get(claim_id)
                if claim is None or self._column(claim) not in index:
                    continue
                factuality = str(claim.get("factuality") or "Uu")
                cells[index[self._column(claim)]].append(MatrixCell(
                    factuality=factuality, fclass=FACTUALITY_CLASS.get(factuality, "f-uu"),
                    words=FACTUALITY_WORDS.get(factuality, "uncommitted"), cue=capped(claim.get("cue"), MAX_LABEL),
                    key=self.mark(f"claim:{claim_id}", claim.get("evidence", [])),
                ))
                spans += claim.get("evidence", [])
                shown += 1
            rows.append(MatrixRow(proposition=capped(group["proposition"]), origins=len(group["origins"]),
                                  cells=cells, key=self.mark(f"group:{group['id']}", spans)))
        total = sum(1 for g in groups for c in g["claim_ids"] if c in self.claims)
        return [columns[c] for c in order], rows, total - shown

    def _column(self, claim: dict[str, Any]) -> tuple[str, str]:
        speaker = claim.get("speaker") or " ".join(str(claim.get("speaker_text") or "").lower().split())
        via = claim.get("via") or []
        outlet = capped(via[0]["text"], MAX_LABEL) if via else self.outlet(claim["doc_id"])
        return str(speaker), outlet

    def contradictions(self) -> list[ContradictionView]:
        wanted = set(self.story.get("contradiction_ids", []))
        views = []
        for conflict in self.dossier.get("contradictions", []):
            if conflict["id"] not in wanted:
                continue
            sides = []
            for number, side in enumerate(conflict.get("evidence", [])):
                value = str(side.get("value") or "")
                if conflict["kind"] == "factuality" and value in FACTUALITY_WORDS:
                    value = f"{value}: {FACTUALITY_WORDS[value]}"
                sides.append(Side(
                    who=self.actor(side.get("speaker"), side.get("speaker_text") or "the report itself"),
                    outlet=capped(side.get("outlet"), MAX_LABEL) or self.outlet(side["doc_id"]),
                    value=capped(value, MAX_LABEL), text=capped(side.get("text")),
                    key=self.mark(f"side:{conflict['id']}:{number}", [side]),
                ))
            views.append(ContradictionView(kind=conflict["kind"], reason=capped(conflict.get("reason")), sides=sides))
        return views


def story_view(dossier: dict[str, Any]) -> StoryView:
    """The page's view of one story's dossier (`build_story_dossier`'s)."""
    shaper = _Shaper(dossier)
    reports = shaper.reports()
    who = shaper.who()
    timeline, hidden = shaper.timeline()
    points = shaper.points()
    columns, rows, matrix_hidden = shaper.matrix()
    contradictions = shaper.contradictions()
    return StoryView(
        id=shaper.story["id"], headline=capped(shaper.story["headline"]), reports=reports, who=who,
        timeline=timeline, timeline_hidden=hidden, points=points, columns=columns, rows=rows,
        matrix_hidden=matrix_hidden, contradictions=contradictions, documents=shaper.documents,
        evidence=shaper.evidence,
    )


@dataclass
class ListRow:
    id: str
    headline: str
    dates: str
    reports: int
    outlets: str
    independent_origins: int
    contradictions: int
    matches: int


@dataclass
class ListView:
    rows: list[ListRow]
    total: int
    first: int  # 1-based number of the first row shown
    last: int
    previous_offset: int | None
    next_offset: int | None


def list_view(page: StoryPage, shown_outlets: int = 4) -> ListView:
    """The stories list as the page shows it, with the offsets of the previous and next pages."""
    rows = []
    for story in page.stories:
        first, last = story.first_published, story.last_published
        dates = "date unknown" if not first else first if first == last else f"{first} to {last}"
        outlets = ", ".join(capped(o, MAX_LABEL) for o in story.outlets[:shown_outlets])
        if len(story.outlets) > shown_outlets:
            outlets += f" and {len(story.outlets) - shown_outlets} more"
        rows.append(ListRow(id=story.id, headline=capped(story.headline), dates=dates, reports=story.reports,
                            outlets=outlets or "—", independent_origins=story.independent_origins,
                            contradictions=story.contradictions, matches=len(story.matches)))
    step = max(1, page.limit)
    return ListView(
        rows=rows, total=page.total, first=page.offset + 1 if rows else 0, last=page.offset + len(rows),
        previous_offset=max(0, page.offset - step) if page.offset > 0 else None,
        next_offset=page.offset + step if page.offset + step < page.total else None,
    )


def _kind(item: dict[str, Any]) -> str:
    return str(item["type"]) + (f"/{item['mode']}" if item.get("mode") else "")


def _place(place: dict[str, Any] | None) -> str:
    if not place:
        return "place unknown"
    return capped(", ".join(place_parts(place)), MAX_LABEL)


def _date_key(item: dict[str, Any]) -> str:
    date = item.get("date") or {}
    return str(date.get("start_date") or "9999")
