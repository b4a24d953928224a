"""The run's files (dossier.json, dossier.md, events.csv) written from the store a report and a story at a time.

They hold the bytes `write_outputs(build_dossier(store), out)` writes, without the dossier in memory: the
reports are read one at a time in the dossier's order, then the stories one at a time. What dossier.json
lists later than it is read (the events and claims, read with their report; the stories' links, read with
their story) waits in temporary files until its place comes. What stays in memory for the whole write is
the ids: of the reports and stories (to walk them) and of the actors named (dossier.json lists them before
the events, and dossier.md names only those).

A run into an archive writes the part of it the run touched (`Scope`): the stories holding its reports, with
all their reports, and the run's errors; what the files hold then does not grow with the archive.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from triangulate.base.atomic import replacing
from triangulate.records import Actor, AnalyzedDocument, Claim, Event, IngestError, StoryLinks
from triangulate.report import indented
from triangulate.report.dossier import (
    DOSSIER_FORMAT,
    DossierSource,
    document_entry,
    document_head,
    dump,
    referenced_actor_ids,
    story_entry,
)
from triangulate.report.exports import ACLED_COLUMNS, event_row
from triangulate.report.markdown import errors_section, markdown_head, story_section
from triangulate.version import __version__

ACTOR_CHUNK = 500  # actors read from the store at a time


@dataclass
class Scope:
    """The part of a store the files hold: these stories and reports (in the dossier's order) and errors."""

    story_ids: list[str]
    doc_ids: list[str]
    errors: list[IngestError]


@dataclass
class Written:
    """The files written, and what the dossier holds (the counts dossier.md opens with)."""

    paths: dict[str, Path]
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class ReportsPart:
    """dossier.json's documents, actors, events and claims, and events.csv's header and rows, written ahead
    (`write_reports_part`) into temporary files in the output folder; the counts and the actors named."""

    json_path: Path
    csv_path: Path
    counts: dict[str, int]
    named: frozenset[str]

    def discard(self) -> None:
        self.json_path.unlink(missing_ok=True)
        self.csv_path.unlink(missing_ok=True)


def write_reports_part(
    store: DossierSource, out: Path, scope: Scope | None = None, saved: Mapping[str, AnalyzedDocument] | None = None
) -> ReportsPart:
    """The reports' part of the files (what `write_dossier_files` writes first), into temporary files in
    `out`: it reads only the reports, so it can be written while the stories' links are still being made."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for suffix in (".json", ".csv"):
        handle, name = tempfile.mkstemp(prefix=".reports.", suffix=suffix, dir=out)
        os.close(handle)
        paths.append(Path(name))
    part = ReportsPart(paths[0], paths[1], {}, frozenset())
    try:
        with (
            part.json_path.open("w", encoding="utf-8") as json_file,
            part.csv_path.open("w", encoding="utf-8", newline="") as csv_file,
        ):
            dossier = _JsonObject(json_file)
            dossier.keys = len(_HEAD_KEYS)  # written after the head's keys
            doc_ids = store.dossier_doc_ids() if scope is None else scope.doc_ids
            part.counts, part.named = _write_reports(store, doc_ids, out, dossier, csv_file, saved)
    except BaseException:
        part.discard()
        raise
    return part


_HEAD_KEYS = ("format", "generator")
_REPORTS_KEYS = ("documents", "actors", "events", "claims")


def write_dossier_files(
    store: DossierSource, out: Path, scope: Scope | None = None, reports: ReportsPart | None = None,
    saved: Mapping[str, AnalyzedDocument] | None = None,
) -> Written:
    """Write dossier.json, dossier.md and events.csv into `out` from the store (or the part of it in `scope`);
    return their paths and counts. `reports`, the reports' part written ahead from the same store and scope,
    is copied into its place (and its files removed) rather than written again. `saved`: analyses as this
    process saved them, by id, taken rather than read back (`analyzed_many`)."""
    try:
        return _write_files(store, out, scope, reports, saved)
    finally:
        if reports is not None:
            reports.discard()


def _write_files(
    store: DossierSource, out: Path, scope: Scope | None, reports: ReportsPart | None,
    saved: Mapping[str, AnalyzedDocument] | None,
) -> Written:
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "dossier.json", "markdown": out / "dossier.md", "csv": out / "events.csv"}
    # each file is written under a temporary name and renamed once whole: a run stopped (killed, out of
    # disk) leaves the files of the run before, never a part of one
    with (
        replacing(paths["json"]) as json_file,
        replacing(paths["markdown"]) as md_file,
        replacing(paths["csv"], newline="") as csv_file,
    ):
        dossier = _JsonObject(json_file)
        dossier.value("format", DOSSIER_FORMAT)
        generator = f"triangulate {__version__}"
        dossier.value("generator", generator)
        if reports is None:
            doc_ids = store.dossier_doc_ids() if scope is None else scope.doc_ids
            counts, named = _write_reports(store, doc_ids, out, dossier, csv_file, saved)
        else:
            counts, named = dict(reports.counts), reports.named
            for path, handle in ((reports.json_path, json_file), (reports.csv_path, csv_file)):
                with path.open(encoding="utf-8", newline="") as part:  # the characters as written
                    shutil.copyfileobj(part, handle)
            dossier.keys += len(_REPORTS_KEYS)
        story_ids = store.story_ids() if scope is None else scope.story_ids
        counts["stories"] = len(story_ids)
        markdown = _Lines(md_file)
        markdown.add(markdown_head(counts["documents"], counts["stories"], counts["events"], counts["claims"],
                                   generator))
        _write_stories(store, out, story_ids, named, dossier, markdown, saved)
        errors = [dump(e) for e in (store.errors() if scope is None else scope.errors)]
        dossier.array("errors", errors)
        markdown.add(errors_section(errors))
        dossier.close()
        json_file.write("\n")
    return Written(paths, counts)


def _write_reports(
    store: DossierSource, doc_ids: list[str], out: Path, dossier: _JsonObject, csv_file: IO[str],
    saved: Mapping[str, AnalyzedDocument] | None = None,
) -> tuple[dict[str, int], frozenset[str]]:
    """The documents, actors, events and claims of dossier.json, and the rows of events.csv, a report at a
    time; the counts of reports, events and claims, and the ids of the actors named."""
    rows = csv.DictWriter(csv_file, fieldnames=ACLED_COLUMNS)
    rows.writeheader()
    named: set[str] = set()
    documents = _Array()
    with _Array.spooled(out) as events, _Array.spooled(out) as claims:
        dossier.begin("documents", documents)
        for analyzed in _analyzed(store, doc_ids, saved):
            # the records themselves, not their dumps: the encoder writes them as dumped (`indented`)
            head = document_head(analyzed.document)
            documents.add(document_entry(analyzed, head, dump=_as_is))
            for event in analyzed.events:
                events.add(event)
            for claim in analyzed.claims:
                claims.add(claim)
            named.update(referenced_actor_ids([analyzed]))
            _write_rows(store, analyzed, head, rows)
        documents.close()
        dossier.array("actors", _actors(store, sorted(named)))
        dossier.spooled("events", events)
        dossier.spooled("claims", claims)
        return {"documents": documents.count, "events": events.count, "claims": claims.count}, frozenset(named)


def _analyzed(
    store: DossierSource, doc_ids: list[str], saved: Mapping[str, AnalyzedDocument] | None
) -> Iterator[AnalyzedDocument]:
    for doc_id in doc_ids:
        if saved and doc_id in saved:  # its document and actors read, what was found in it as saved
            analyzed = store.analyzed_many([doc_id], saved).get(doc_id)
        else:
            analyzed = store.analyzed(doc_id)
        if analyzed is not None:
            yield analyzed


def _write_rows(store: DossierSource, analyzed: AnalyzedDocument, head: dict[str, Any], rows: csv.DictWriter[str]) -> None:
    """One report's events as rows of events.csv; each event's sides are named among the dossier's actors,
    and every actor an event names is one of them."""
    if not analyzed.events:
        return
    sides = {a for e in analyzed.events for a in (e.source_actor, e.target_actor, e.default_source, e.default_target)
             if a}
    actors = {a.id: a for a in store.actors(sorted(sides))}
    rows.writerows(event_row(event, actors, analyzed.events, head) for event in analyzed.events)


def _actors(store: DossierSource, ids: list[str]) -> Iterator[Actor]:
    """The stored actors of these (sorted) ids, in order, read a chunk at a time."""
    for start in range(0, len(ids), ACTOR_CHUNK):
        chunk = ids[start:start + ACTOR_CHUNK]
        found: dict[str, Actor] = {a.id: a for a in store.actors(chunk)}
        yield from (found[i] for i in chunk if i in found)  # written as dumped (`indented`)


def _write_stories(
    store: DossierSource, out: Path, story_ids: list[str], named: frozenset[str], dossier: _JsonObject,
    markdown: _Lines, saved: Mapping[str, AnalyzedDocument] | None = None,
) -> None:
    """The stories and their links in dossier.json, and their sections of dossier.md, a story at a time."""
    held = _Held(saved)
    stories = _Array()
    sections = ("merged_events", "claim_groups", "contradictions", "responsibility")
    with (
        _Array.spooled(out) as merged, _Array.spooled(out) as groups, _Array.spooled(out) as conflicts,
        _Array.spooled(out) as statements,
    ):
        dossier.begin("stories", stories)
        for story_id in story_ids:
            story = store.story(story_id)
            if story is None:
                continue
            links = store.story_link(story_id) or StoryLinks(story_id=story_id)
            entry = story_entry(story, links)
            stories.add(entry)
            # the story's links, as the dossier lists them: a story's links hold only its own
            part = {
                "merged_events": [dump(m) for m in links.merged_events],
                "claim_groups": [dump(g) for g in links.claim_groups],
                "contradictions": [dump(c) for c in links.contradictions],
                "responsibility": [dump(r) for r in links.responsibility],
            }
            for spool, key in zip((merged, groups, conflicts, statements), sections, strict=True):
                for item in part[key]:
                    spool.add(item)
            markdown.add(_story_markdown(store, entry, part, named, held))
        stories.close()
        for spool, key in zip((merged, groups, conflicts, statements), sections, strict=True):
            dossier.spooled(key, spool)


class _Held:
    """The events and claims of the analyses saved by this process, by id (none without them)."""

    def __init__(self, saved: Mapping[str, AnalyzedDocument] | None) -> None:
        documents = saved.values() if saved else []
        self.events: dict[str, Event] = {e.id: e for a in documents for e in a.events}
        self.claims: dict[str, Claim] = {c.id: c for a in documents for c in a.claims}


def _by_id(read: Callable[[list[str]], Mapping[str, Any]], ids: Iterable[str], held: Mapping[str, Any]) -> dict[str, Any]:
    """The records of these ids: those held, and the others `read` (from the store)."""
    found = {i: held[i] for i in ids if i in held}
    rest = [i for i in ids if i not in found]
    if rest:
        found.update(read(rest))
    return found


def _story_markdown(
    store: DossierSource, story: dict[str, Any], part: dict[str, Any], named: frozenset[str], held: _Held
) -> list[str]:
    """A story's section of dossier.md, its reports, events, claims and actors read from the store (the events
    and claims of the analyses this process saved taken as saved)."""
    event_ids = [i for m in part["merged_events"] for i in m["event_ids"]]
    events = {k: dump(v) for k, v in _by_id(store.analyzed_events_by_id, event_ids, held.events).items()}
    claims = {k: dump(v) for k, v in _by_id(store.analyzed_claims_by_id, story["claim_ids"], held.claims).items()}
    docs = _Lookup(lambda ids: {k: document_head(v) for k, v in store.analyzed_documents_by_id(ids).items()})
    docs.prefetch(story["doc_ids"])
    actors = _Lookup(lambda ids: {a.id: dump(a) for a in store.actors([i for i in ids if i in named])})
    return story_section(story, part, docs, actors, events, claims)


class _Lookup(Mapping[str, dict[str, Any]]):
    """Records by id, read from the store as they are asked for (each once); an id not found is not there."""

    def __init__(self, fetch: Callable[[list[str]], dict[str, dict[str, Any]]]) -> None:
        self._fetch = fetch
        self._known: dict[str, dict[str, Any] | None] = {}

    def prefetch(self, ids: Iterable[str]) -> None:
        wanted = [i for i in dict.fromkeys(ids) if i not in self._known]
        if wanted:
            found = self._fetch(wanted)
            self._known.update((i, found.get(i)) for i in wanted)

    def __getitem__(self, key: str) -> dict[str, Any]:
        if not isinstance(key, str):
            raise KeyError(key)
        self.prefetch([key])
        value = self._known[key]
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return (k for k, v in self._known.items() if v is not None)

    def __len__(self) -> int:
        return sum(1 for v in self._known.values() if v is not None)


def _dumps(value: Any) -> str:
    return indented.dumps(value)  # json.dumps(value, ensure_ascii=False, indent=1), compiled


def _as_is(record: Any) -> Any:
    return record


class _Array:
    """A JSON array of dossier.json's top level, its items written as they come (to a temporary file when
    spooled), each as `json.dumps(..., indent=1)` writes an item two levels deep."""

    def __init__(self, sink: IO[str] | None = None) -> None:
        self.sink = sink
        self.count = 0

    @classmethod
    def spooled(cls, folder: Path) -> _Array:
        return cls(tempfile.TemporaryFile("w+", encoding="utf-8", dir=folder))

    def __enter__(self) -> _Array:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.sink is not None:
            self.sink.close()

    def add(self, item: Any) -> None:
        assert self.sink is not None
        # a string's newlines are escaped in JSON: every newline of the text is between tokens
        self.sink.write(("," if self.count else "[") + "\n  " + _dumps(item).replace("\n", "\n  "))
        self.count += 1

    def close(self) -> None:
        assert self.sink is not None
        self.sink.write("\n ]" if self.count else "[]")


class _JsonObject:
    """dossier.json's top-level object, written a key at a time as `json.dumps(..., indent=1)` writes it."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.keys = 0

    def _key(self, key: str) -> None:
        self.handle.write(("{" if not self.keys else ",") + "\n " + json.dumps(key, ensure_ascii=False) + ": ")
        self.keys += 1

    def value(self, key: str, value: Any) -> None:
        self._key(key)
        self.handle.write(_dumps(value).replace("\n", "\n "))

    def array(self, key: str, items: Iterable[Any]) -> None:
        array = _Array()
        self.begin(key, array)
        for item in items:
            array.add(item)
        array.close()

    def begin(self, key: str, array: _Array) -> None:
        """Start an array written straight into the file; `array.close()` ends it."""
        self._key(key)
        array.sink = self.handle

    def spooled(self, key: str, array: _Array) -> None:
        """Copy a spooled array into its place."""
        assert array.sink is not None
        self._key(key)
        if not array.count:
            self.handle.write("[]")
            return
        array.sink.write("\n ]")
        array.sink.seek(0)
        shutil.copyfileobj(array.sink, self.handle)

    def close(self) -> None:
        self.handle.write("\n}" if self.keys else "{}")


class _Lines:
    """dossier.md written a part at a time, as "\\n".join of all its lines."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.started = False

    def add(self, lines: list[str]) -> None:
        for line in lines:
            if self.started:
                self.handle.write("\n")
            self.handle.write(line)
            self.started = True
