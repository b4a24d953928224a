"""Disputed-responsibility harness: stories, responsibility statements, disputes and claim checks per event.

The data (`disputes/`, see its README) holds ten conflict events, five reports each, and a gold
annotation of who says who did it. All reports of the split go through the real pipeline into ONE
store, as `triangulate run` on them would; the dossier is scored per gold event. The claim checks
are answered against one store per event holding only that event's reports. Every matching rule
is spelt out in docs/accuracy/disputes.md. The dossier keys the pipeline may not fill yet
(`responsibility`, `merged_events[].perpetrator`) are read with defaults, so they score 0.
"""

from __future__ import annotations

import importlib
import json
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from triangulate.base.geo import haversine_km

DATA_SUBDIR = "disputes"
SPLITS = ("dev", "heldout", "all")
# Held out, chosen before anyone read the texts: sha256("triangulate-disputes-split:" + folder)
# over the folder names, the lowest hash in each group: 1 of the undisputed events, 3 of the
# disputed ones. Never tune on these; `--split heldout` only measures.
HELD_OUT: tuple[str, ...] = (
    "sri-lanka-easter-2019", "nord-stream-2022", "kramatorsk-station-2022", "przewodow-missile-2022",
)
SPLIT_SALT = "triangulate-disputes-split:"
# A mention (dossier event) can be of the gold main event only with this PLOVER type: every gold
# main event is an attack (a bombing, a shooting down, a killing, sabotage: PLOVER ASSAULT). COERCE
# (arrests, seizures, sanctions) was counted until 2026-12-05; an arrest is never the attack.
VIOLENT_TYPES = frozenset({"ASSAULT"})
# metrics that are counts averaged over events or stories, not fractions
MEAN_COUNTS = ("main_event_fragments", "contradictions_per_story")

Record = dict[str, Any]
Dossier = Mapping[str, Any]


@dataclass
class GoldEvent:
    key: str
    folder: str
    event: str
    date: date
    lat: float
    lon: float
    km: float
    disputed: bool
    responsibility: list[Record] = field(default_factory=list)
    contradiction: Record | None = None
    checks: list[Record] = field(default_factory=list)


def split_of(folder: str) -> str:
    return "heldout" if folder in HELD_OUT else "dev"


def parse_gold(gold: Mapping[str, Any]) -> list[GoldEvent]:
    """Gold events in file order; the checks, two per event in story order, go to their event."""
    stories = list(gold.get("stories", []))
    checks = list(gold.get("checks", []))
    per_event = len(checks) // len(stories) if stories else 0
    events = []
    for i, story in enumerate(stories):
        place = story["place"]
        events.append(GoldEvent(
            key=story["key"], folder=story["folder"], event=story["event"],
            date=date.fromisoformat(story["date"]), lat=float(place["lat"]), lon=float(place["lon"]),
            km=float(place["km"]), disputed=bool(story["disputed"]),
            responsibility=list(story.get("responsibility", [])), contradiction=story.get("contradiction"),
            checks=checks[i * per_event:(i + 1) * per_event],
        ))
    return events


def select(events: Sequence[GoldEvent], split: str, limit: int | None = None) -> list[GoldEvent]:
    """The split's events in gold order, at most `limit` of them."""
    if split not in SPLITS:
        raise ValueError(f"no split {split!r} in the disputes data; choose one of {', '.join(SPLITS)}")
    chosen = [e for e in events if split == "all" or split_of(e.folder) == split]
    return chosen if limit is None else chosen[:limit]


def load_gold(data_dir: Path, split: str, limit: int | None = None) -> list[GoldEvent]:
    gold = json.loads((data_dir / "gold.json").read_text(encoding="utf-8"))
    return select(parse_gold(gold), split, limit)


# --- reading the dossier -------------------------------------------------------------------------


def folder_of(document: Mapping[str, Any]) -> str:
    """The event folder a dossier document was read from (its source path's parent folder)."""
    source = re.sub(r":\d+$", "", str(document.get("source") or ""))  # "file.jsonl:3" -> "file.jsonl"
    return Path(source).parent.name


def reports_by_folder(dossier: Dossier, folders: Iterable[str]) -> dict[str, list[str]]:
    """Doc ids of each folder's reports that are in the dossier, in dossier order."""
    wanted = set(folders)
    found: dict[str, list[str]] = {f: [] for f in wanted}
    for document in dossier.get("documents", []):
        folder = folder_of(document)
        if folder in wanted:
            found[folder].append(document["id"])
    return found


def actor_names(dossier: Dossier) -> dict[str, list[str]]:
    """Name and aliases of each actor id."""
    return {a["id"]: [a.get("name") or "", *a.get("aliases", [])] for a in dossier.get("actors", [])}


def surface(text: str | None, actor: str | None, names: Mapping[str, list[str]]) -> list[str]:
    """What a speaker or accused can be matched on: its text as written and its actor's names."""
    found = [text] if text else []
    if actor:
        found.extend(n for n in names.get(actor, []) if n)
    return found


def matches(pattern: str, texts: Iterable[str]) -> bool:
    """The gold regex is searched (case-insensitive) in any of the texts."""
    return any(re.search(pattern, t, flags=re.IGNORECASE) for t in texts)


def story_of_docs(dossier: Dossier) -> dict[str, str]:
    return {doc_id: s["id"] for s in dossier.get("stories", []) for doc_id in s.get("doc_ids", [])}


def event_story(dossier: Dossier, doc_ids: Sequence[str]) -> str | None:
    """The story holding most of the event's reports (the first such story in dossier order on a tie)."""
    story_of = story_of_docs(dossier)
    counts = Counter(story for d in doc_ids if (story := story_of.get(d)))
    if not counts:
        return None
    best = max(counts.values())
    return next(s["id"] for s in dossier.get("stories", []) if counts.get(s["id"]) == best)


def story_right(dossier: Dossier, doc_ids: Sequence[str], other_doc_ids: Iterable[str]) -> bool:
    """All the event's reports in one story, and no report of another event in it."""
    story_of = story_of_docs(dossier)
    stories = {story_of.get(d) for d in doc_ids}
    if not doc_ids or len(stories) != 1 or None in stories:
        return False
    return all(story_of.get(d) not in stories for d in other_doc_ids)


# --- responsibility ------------------------------------------------------------------------------


def item_matches(item: Mapping[str, Any], record: Mapping[str, Any], names: Mapping[str, list[str]],
                 stance: bool = True) -> bool:
    """A record matches a gold item on speaker and accused (and, when `stance`, on stance).

    "Who did it is unknown" names no side: an `uncertain` record with no accused matches an
    `uncertain` item on its speaker alone (the item's accused lists the sides in play)."""
    speakers = surface(record.get("speaker_text"), record.get("speaker"), names)
    accused = surface(record.get("accused_text"), record.get("accused"), names)
    if stance and record.get("stance") not in item.get("stance", []):
        return False
    if record.get("stance") == "uncertain" and "uncertain" in item.get("stance", []) \
            and not record.get("accused") and not record.get("accused_text"):
        return matches(item["speaker"], speakers)
    return matches(item["speaker"], speakers) and matches(item["accused"], accused)


def event_records(dossier: Dossier, doc_ids: Iterable[str]) -> list[Record]:
    """The responsibility records found in the event's reports."""
    docs = set(doc_ids)
    return [r for r in dossier.get("responsibility", []) if r.get("doc_id") in docs]


def score_items(items: Sequence[Mapping[str, Any]], records: Sequence[Record],
                names: Mapping[str, list[str]]) -> list[Record]:
    """Each gold item, found or not, with the first record that matches it."""
    scored = []
    for item in items:
        hit = next((r for r in records if item_matches(item, r, names)), None)
        scored.append({"speaker": item["speaker"], "accused": item["accused"], "stance": list(item["stance"]),
                       "found": hit is not None, "record": hit.get("id") if hit else None})
    return scored


def unmatched(items: Sequence[Mapping[str, Any]], records: Sequence[Record],
              names: Mapping[str, list[str]]) -> list[Record]:
    """Records matching no gold item of their event on speaker and accused (any stance)."""
    return [{"id": r.get("id"), "doc_id": r.get("doc_id"), "speaker": r.get("speaker_text"),
             "accused": r.get("accused_text"), "stance": r.get("stance")}
            for r in records if not any(item_matches(i, r, names, stance=False) for i in items)]


# --- the main event ------------------------------------------------------------------------------


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def is_main_mention(mention: Mapping[str, Any], gold: GoldEvent) -> bool:
    """An attack mention placed within the gold radius, or, with no placed location, dated to include the gold day."""
    if mention.get("type") not in VIOLENT_TYPES:
        return False
    place = mention.get("place") or {}
    if place.get("lat") is not None and place.get("lon") is not None:
        return haversine_km(float(place["lat"]), float(place["lon"]), gold.lat, gold.lon) <= gold.km
    when = mention.get("date") or {}
    start = _day(when.get("start_date"))
    end = _day(when.get("end_date")) or start
    return start is not None and end is not None and start <= gold.date <= end


def main_event_fragments(dossier: Dossier, story_id: str | None, gold: GoldEvent,
                         doc_ids: Iterable[str]) -> list[tuple[str, int]]:
    """Merged events of the story holding a mention (from the event's own reports) of the main
    event, with how many such mentions each holds, most first (ties: more reports, then dossier order)."""
    docs = set(doc_ids)
    mentions = {e["id"]: e for e in dossier.get("events", []) if e.get("doc_id") in docs}
    found = []
    for order, merged in enumerate(dossier.get("merged_events", [])):
        if merged.get("story_id") != story_id:
            continue
        hits = sum(1 for i in merged.get("event_ids", []) if i in mentions and is_main_mention(mentions[i], gold))
        if hits:
            found.append((hits, len(merged.get("doc_ids", [])), -order, merged["id"]))
    return [(m, hits) for hits, _, _, m in sorted(found, reverse=True)]


def merged_event(dossier: Dossier, merged_id: str | None) -> Record:
    return next((m for m in dossier.get("merged_events", []) if m.get("id") == merged_id), {}) if merged_id else {}


def perpetrator_status(merged: Mapping[str, Any]) -> str | None:
    perpetrator = merged.get("perpetrator") or {}
    status = perpetrator.get("status")
    return str(status) if status else None


# --- contradictions and disputes -----------------------------------------------------------------


def story_contradictions(dossier: Dossier, story_id: str | None) -> list[Record]:
    """The story's contradictions in the order the story lists them."""
    by_id = {c["id"]: c for c in dossier.get("contradictions", [])}
    story = next((s for s in dossier.get("stories", []) if s["id"] == story_id), None)
    if story is not None and story.get("contradiction_ids"):
        return [by_id[i] for i in story["contradiction_ids"] if i in by_id]
    return [c for c in dossier.get("contradictions", []) if c.get("story_id") == story_id]


def sides_match(contradiction: Mapping[str, Any], a: str, b: str, names: Mapping[str, list[str]]) -> bool:
    """Two of its evidence sides are spoken by side a and side b (either order)."""
    sides = [surface(s.get("speaker_text"), s.get("speaker"), names) for s in contradiction.get("evidence", [])]
    return any((matches(a, x) and matches(b, y)) or (matches(b, x) and matches(a, y))
               for i, x in enumerate(sides) for y in sides[i + 1:])


def perpetrator_records(dossier: Dossier, merged: Mapping[str, Any]) -> list[Record]:
    """Responsibility records behind a merged event's perpetrator: those its candidates cite, and
    those linked to the merged event."""
    if not merged:
        return []
    cited = {rid for c in (merged.get("perpetrator") or {}).get("candidates", [])
             for key in ("accused_by", "claimed_by", "denied_by") for rid in c.get(key, [])}
    return [r for r in dossier.get("responsibility", [])
            if r.get("id") in cited or (r.get("merged_event_id") and r.get("merged_event_id") == merged.get("id"))]


def dispute_found(dossier: Dossier, story_id: str | None, merged: Mapping[str, Any], gold: GoldEvent,
                  names: Mapping[str, list[str]]) -> Record:
    """Whether the central dispute (sides a and b) shows: as a contradiction of the story, or as a
    disputed perpetrator of the main merged event with records by a speaker of each side."""
    sides = gold.contradiction or {}
    a, b = sides.get("a"), sides.get("b")
    if not a or not b:
        return {"found": False, "first": False, "how": None, "contradiction": None}
    listed = story_contradictions(dossier, story_id)
    hit = next((c for c in listed if sides_match(c, a, b, names)), None)
    first = bool(listed) and hit is not None and listed[0]["id"] == hit["id"]
    if hit is not None:
        return {"found": True, "first": first, "how": "contradiction", "contradiction": hit["id"]}
    if perpetrator_status(merged) == "disputed":
        speakers = [surface(r.get("speaker_text"), r.get("speaker"), names) for r in perpetrator_records(dossier, merged)]
        if any(matches(a, s) for s in speakers) and any(matches(b, s) for s in speakers):
            return {"found": True, "first": False, "how": "perpetrator", "contradiction": None}
    return {"found": False, "first": False, "how": None, "contradiction": None}


def same_speaker(contradiction: Mapping[str, Any]) -> bool:
    """Two sides from the same document and the same speaker (actor id, or speaker text)."""
    sides = contradiction.get("evidence", [])
    for i, x in enumerate(sides):
        for y in sides[i + 1:]:
            if x.get("doc_id") != y.get("doc_id"):
                continue
            if x.get("speaker") and x.get("speaker") == y.get("speaker"):
                return True
            tx, ty = (x.get("speaker_text") or "").strip().lower(), (y.get("speaker_text") or "").strip().lower()
            if tx and tx == ty:
                return True
    return False


# --- scoring a dossier ---------------------------------------------------------------------------


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def score_dossier(dossier: Dossier, events: Sequence[GoldEvent]) -> tuple[dict[str, float | int], list[Record]]:
    """The metrics of one dossier holding all the events' reports, and the per-event details."""
    names = actor_names(dossier)
    reports = reports_by_folder(dossier, [e.folder for e in events])
    details: list[Record] = []
    items = found_items = n_records = n_unmatched = 0
    main_stories: list[str] = []
    for gold in events:
        docs = reports[gold.folder]
        others = [d for e in events if e.folder != gold.folder for d in reports[e.folder]]
        story = event_story(dossier, docs)
        records = event_records(dossier, docs)
        scored = score_items(gold.responsibility, records, names)
        missed = unmatched(gold.responsibility, records, names)
        fragments = main_event_fragments(dossier, story, gold, docs)
        main = merged_event(dossier, fragments[0][0] if fragments else None)
        contradictions = story_contradictions(dossier, story)
        items += len(scored)
        found_items += sum(s["found"] for s in scored)
        n_records += len(records)
        n_unmatched += len(missed)
        if story and story not in main_stories:
            main_stories.append(story)
        details.append({
            "event": gold.folder, "disputed": gold.disputed, "reports": len(docs), "story": story,
            "story_ok": story_right(dossier, docs, others),
            "responsibility": scored, "unmatched": missed,
            "dispute": dispute_found(dossier, story, main, gold, names) if gold.disputed else None,
            "fragments": [m for m, _ in fragments], "main_event": main.get("id"),
            "perpetrator": perpetrator_status(main),
            "perpetrator_contradictions": [c["id"] for c in contradictions if c.get("kind") == "perpetrator"],
        })
    disputed = [d for d in details if d["disputed"]]
    undisputed = [d for d in details if not d["disputed"]]
    metrics: dict[str, float | int] = {
        "stories_right": _share(sum(d["story_ok"] for d in details), len(details)),
        "responsibility_recall": _share(found_items, items),
        "responsibility_unmatched": _share(n_unmatched, n_records),
        "n_responsibility": n_records,
        "central_disputes_found": _share(sum(d["dispute"]["found"] for d in disputed), len(disputed)),
        "central_disputes_first": _share(sum(d["dispute"]["first"] for d in disputed), len(disputed)),
        "main_event_fragments": _share(sum(len(d["fragments"]) for d in details), len(details)),
        "main_event_found": _share(sum(bool(d["fragments"]) for d in details), len(details)),
        "contradictions_per_story": _share(sum(len(story_contradictions(dossier, s)) for s in main_stories),
                                           len(main_stories)),
        "same_speaker_contradictions": sum(same_speaker(c) for c in dossier.get("contradictions", [])),
        "false_perpetrator_disputes": sum(d["perpetrator"] == "disputed" or bool(d["perpetrator_contradictions"])
                                          for d in undisputed),
    }
    return metrics, details


# --- the claim checks ----------------------------------------------------------------------------

Verdict = Callable[[Any, str], Mapping[str, Any]]


def verdict_function() -> Verdict | None:
    """`link.verdict.check_verdict`, or None while it is not there."""
    try:  # imported by name: the module is being written, and the harness runs without it
        module = importlib.import_module("triangulate.link.verdict")
    except ImportError:
        return None
    found: Verdict | None = getattr(module, "check_verdict", None)
    return found


def answer_checks(checks: Sequence[Mapping[str, Any]], store: Any, verdict: Verdict) -> list[Record]:
    """Each check's verdict against one store; a check is right when the verdict is one it expects."""
    answered = []
    for check in checks:
        expect = check["expect"] if isinstance(check["expect"], list) else [check["expect"]]
        try:
            got: str | None = str(verdict(store, check["claim"]).get("verdict"))
            error = None
        except Exception as exc:  # a failing check is a wrong answer, kept with its error
            got, error = None, f"{type(exc).__name__}: {exc}"
        answered.append({"claim": check["claim"], "expect": expect, "verdict": got, "right": got in expect,
                         **({"error": error} if error else {})})
    return answered


# --- run -----------------------------------------------------------------------------------------


def run(data_dir: Path, split: str = "dev", limit: int | None = None) -> dict[str, Any]:
    from triangulate.ingest import IngestResult, load_paths
    from triangulate.pipeline import Pipeline, run_documents
    from triangulate.store import open_store

    events = load_gold(data_dir, split, limit)
    ingested = {e.folder: load_paths([data_dir / e.folder]) for e in events}
    together = IngestResult(
        documents=[d for i in ingested.values() for d in i.documents],
        errors=[x for i in ingested.values() for x in i.errors],
        warnings=[x for i in ingested.values() for x in i.warnings],
    )
    pipeline = Pipeline()
    verdict = verdict_function()
    checks: dict[str, list[Record]] = {}
    with tempfile.TemporaryDirectory(prefix="triangulate-disputes-") as tmp:
        dossier = run_documents(together, None, Path(tmp) / "all.db", pipeline=pipeline).dossier
        for gold in events:
            if verdict is None:
                checks[gold.folder] = [{"claim": c["claim"], "expect": c["expect"], "verdict": None, "right": False}
                                       for c in gold.checks]
                continue
            db = Path(tmp) / f"{gold.folder}.db"
            run_documents(ingested[gold.folder], None, db, pipeline=pipeline, dossier=False)
            store = open_store(db)
            try:
                checks[gold.folder] = answer_checks(gold.checks, store, verdict)
            finally:
                store.close()
    metrics, details = score_dossier(dossier, events)
    answered = [c for gold in events for c in checks[gold.folder]]
    metrics["checks_right"] = _share(sum(c["right"] for c in answered), len(answered))
    metrics["checks_available"] = int(verdict is not None)
    for detail in details:
        detail["checks"] = checks[detail["event"]]
    return {
        "data": "disputes", "split": split, "n": len(events), "metrics": metrics, "mean_counts": list(MEAN_COUNTS),
        "n_reports": len(dossier.get("documents", [])), "n_checks": len(answered),
        "responsibility_in_dossier": "responsibility" in dossier,
        "events": details,
    }
