"""Linking one new report into a store of 10^4, 10^5 and 10^6 reports: p50/p95 and growth
(target: p95 under 50 ms at 10^6, growth from the smallest to the largest under 3x).

    .venv/bin/python bench/link_scale.py [--sizes 10000 100000 1000000] [--probes 40] [--work DIR]
                                         [--keep] [--build-only] [--probe-store PATH] [--probe-from K]
                                         [--read-back] [--read-counts] [--sqlite-log]

`--keep` keeps the stores built in the work folder until they are probed, and `--build-only` stops
after building: a store of 10^6 takes about an hour to build, and can be built while the machine is
busy and probed (once; probing adds the probes to it) when it is quiet. `--probe-store PATH` probes a store
built before in place and keeps it (no copy: a store of 10^6 is 19 GB); a store probed before holds its
first probes already, so `--probe-from K` takes the probes from the K-th held-out report on.

How the stores are made. The reports are real: ECB+ dev (../shared/data/clustering), analyzed once
(cached in the work folder). Every fifth report is held out as a probe; the others are the base.
Each report gets a publication date: the reports of one gold event a few days apart, events three
days apart. A store of N reports holds the base, saved and linked by triangulate itself, and copies
of it written straight into the tables until it holds N reports. Copy k of a report keeps its text,
analysis and story (copies of one story form one story, with that story's links), and is perturbed
so that it is another report of another story:
- its date: each copy of a story is put on a random day of an archive that grows with N at
  2,700 reports a day (a year of a large wire feed at 10^6);
- its words, names and numbers: every key held by one base report (a rare word, a name of one
  story) becomes a key of that copy only; the others are swapped within keys of the same frequency
  (a random permutation per copy), so the archive keeps the base's frequency spectrum without
  copies of one story matching each other;
- its years move by k mod 8 and its MinHash by a per-copy mask (its wording differs).
The copies bypass the full-text index (linking never reads it); the tables' indexes are dropped
during the bulk load and rebuilt after it, the copies' postings are loaded into a plain table and put
into `link_keys` (a table without rowids, in key order) in one sorted insert, and the load runs without
a rollback journal. With `--lean` the copies get their documents, link profiles, postings, stories and
story links, but no analyses, events, claims or responsibility rows: about half the disk and the time
(10^6: 19 GB, 43 minutes on the loaded machine, against about 45 GB and an hour or more). Linking reads those rows only
for the stories a probe changes; the script prints how many probes changed a story of copies (0 means
the lean store served the probes exactly as a full one would, but for the page cache: it is smaller). Then each probe is saved and the time of linking it is
measured: `link_stories` (the story it joins, through the candidate index) and the recomputation of
the links (merged events, claim groups, contradictions) of the stories that changed, each taking the probe's
analysis as saved, as `run`, `watch` and the server do (`--read-back` reads it back from the store). A store built
under other linking rules (`links_rules`) is first brought to the current ones, untimed, as `relink` does once
after a change of rules: otherwise no story's memo holds and each probe's first story compares all its mentions. While probing the
process holds only the probes, and what it holds then is frozen out of the cyclic collector's full passes
(`gc.freeze`), as a long-lived linker would do with what it loaded: otherwise each full pass walks it all
(with the bench's own 400 analyses alive, 60-190 ms in a few probes of 40, which set the CPU p95); and the
youngest generation is collected as seldom as in triangulate's own processes (`pipeline.settle`: every
20,000 objects, not 700).
The store's write-ahead log is copied into the file every 64 MB (`for_batch`), as `run`, `watch` and the server
store and link reports, not every 1,000 pages, SQLite's default, which the benches before the fourteenth session
used (`--sqlite-log`); what the log holds at the end is copied when the store is closed, and that time is printed
(the log fills in about 49 probes at 10^6: a run of fewer probes has its p95 without the copy, see
docs/performance.md, fourteenth session).
A long-lived linker also holds the counts of the keys shared by two reports or more (`hold_counts`, as a
run of 100 reports or more does): they are read in one pass before the clock, and the probes read no
count of a stored report's key (`--read-counts` reads them as needed instead, as a small run does).
Printed with the times: a hash of the records and links of the stories the probes changed (a change that keeps the
outputs keeps it; the memos' hash holds only under one PYTHONHASHSEED), and the cyclic collector's passes that fell
inside a probe's clock (each probe's rank by CPU time, the generations collected, their CPU ms).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import math
import os
import random
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

from triangulate.evaluate.clustering import load as load_ecb
from triangulate.evaluate.common import default_data_dir
from triangulate.link.index import lsh_keys
from triangulate.link.profile import LinkProfile, number_key
from triangulate.link.relink import RULES, relink, update_story_links
from triangulate.link.stories import df_keys, hold_counts, link_stories
from triangulate.link.story_links import links_rules, links_signature
from triangulate.pipeline import ANALYZER_VERSION, Pipeline, settle
from triangulate.records import AnalyzedDocument, Story
from triangulate.store.sqlite import SQLiteStore

TARGET_MS = 50.0
TARGET_GROWTH = 3.0
ORIGIN = date(2015, 1, 1)
PER_DAY = 2700
COPIED_TABLES = ("documents", "analyses", "events", "claims", "responsibility")
LEAN_TABLES = ("documents",)  # --lean: the copies' analyses, events, claims and responsibility rows are left out


def analyses(work: Path) -> list[AnalyzedDocument]:
    """ECB+ dev reports analyzed by the pipeline, dated, cached in `work`."""
    cache = work / "ecb-dev-analyses.jsonl"
    if not cache.exists():
        documents, gold = load_ecb(default_data_dir() / "clustering", "dev")
        events = sorted(set(gold.values()))
        rank = Counter[str]()
        dated = []
        for document in documents:
            event = gold[document.external_id]
            day = ORIGIN + timedelta(days=3 * events.index(event) + rank[event] % 3)
            rank[event] += 1
            dated.append(document.model_copy(update={"published": day}))
        with cache.open("w", encoding="utf-8") as handle:
            for item in Pipeline().analyze_documents(dated):
                handle.write(item.model_dump_json() + "\n")
    with cache.open(encoding="utf-8") as handle:
        return [AnalyzedDocument.model_validate_json(line) for line in handle]


class Perturbation:
    """Copy k of the base: keys held by one base report become the copy's own, the others are
    swapped within keys of the same document frequency."""

    def __init__(self, profiles: list[LinkProfile]) -> None:
        self.df: Counter[str] = Counter()
        for profile in profiles:
            self.df.update({*profile.terms, *profile.names, *(number_key(n) for n in profile.numbers)})
        bins: dict[tuple[str, int], list[str]] = defaultdict(list)
        for key, count in self.df.items():
            if count > 1:
                bins[(_kind(key), int(math.log2(count)))].append(key)
        self.bins = [sorted(keys) for keys in bins.values()]

    def mapping(self, k: int) -> dict[str, str]:
        rng = random.Random(k)
        swapped: dict[str, str] = {}
        for keys in self.bins:
            shuffled = keys[:]
            rng.shuffle(shuffled)
            swapped.update(zip(keys, shuffled, strict=True))
        return swapped

    def profile(self, base: LinkProfile, k: int, doc_id: str, swapped: dict[str, str], day: date) -> LinkProfile:
        def key(name: str) -> str:
            return swapped.get(name, f"{name}~{k}")

        numbers = [key(number_key(n)).removeprefix("num:") for n in base.numbers]
        mask = random.Random(-k).getrandbits(32)
        return LinkProfile(
            doc_id=doc_id,
            terms={key(w): c for w, c in base.terms.items()},
            names={key(n): c for n, c in base.names.items()},
            years=[y + k % 8 for y in base.years],
            days=base.days,
            numbers=numbers,
            events=base.events,
            minhash=[v ^ mask for v in base.minhash],
            published=day.isoformat(),
        )

    def keys(self, base_keys: list[str], profile: LinkProfile, k: int, swapped: dict[str, str]) -> list[str]:
        named = [swapped.get(key, f"{key}~{k}") if not key.startswith("word:")
                 else "word:" + swapped.get(key[5:], f"{key[5:]}~{k}") for key in base_keys if not key.startswith("lsh:")]
        return [*named, *lsh_keys(profile.minhash)]


def _kind(key: str) -> str:
    return key.split(":", 1)[0] if ":" in key else "word"


def build(path: Path, base: list[AnalyzedDocument], size: int, seed: int = 7, lean: bool = False) -> float:
    """A store of `size` reports at `path`: the base linked by triangulate, then perturbed copies
    written straight into the tables (with `lean`, only their documents and what linking keeps of
    them). Returns the seconds it took."""
    start = time.perf_counter()
    store = SQLiteStore(path)
    for item in base:
        store.save(item, ANALYZER_VERSION)
    relink(store)
    conn = store.conn
    profiles = {r[0]: (r[1], LinkProfile.from_json(json.loads(r[2])))
                for r in conn.execute("SELECT doc_id, story_id, body FROM link_profiles")}
    base_keys: dict[str, list[str]] = defaultdict(list)
    for key, doc_id in conn.execute("SELECT key, doc_id FROM link_keys ORDER BY key"):
        base_keys[doc_id].append(key)
    rows = {table: _rows(conn, table) for table in (LEAN_TABLES if lean else COPIED_TABLES)}
    stories = {r[0]: r[1] for r in conn.execute("SELECT id, body FROM stories")}
    links = {r[0]: r[1] for r in conn.execute("SELECT story_id, body FROM story_links")}
    versions = {d: ANALYZER_VERSION for d in profiles}
    perturb = Perturbation([p for _, p in profiles.values()])
    order = [item.document.id for item in base]
    span = max(1, size // PER_DAY)
    rng = random.Random(seed)
    df: Counter[str] = Counter()
    seq = store.link_next_seq()
    indexes = _drop_indexes(conn)
    # a bulk load: a crash would mean building the store again, so no journal and no syncing
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1000000")  # 1 GB
    # the postings are kept in key order (a table without rowids): loaded apart, then put in in that order
    conn.execute("CREATE TABLE bulk_keys(key TEXT, seq INTEGER, doc_id TEXT, published TEXT)")
    total, k = len(base), 0
    while total < size:
        k += 1
        conn.execute("BEGIN")
        swapped = perturb.mapping(k)
        days = {story: ORIGIN + timedelta(days=rng.randrange(span)) for story in stories}
        copied = order[: size - total]
        names = {doc_id: f"{doc_id}k{k}" for doc_id in copied}
        for table, by_doc in rows.items():
            conn.executemany(
                f"INSERT INTO {table} VALUES ({','.join('?' * len(next(iter(by_doc.values()))[0]))})",  # nosec B608
                [_renamed(row, doc_id, names[doc_id], days[profiles[doc_id][0]] if table == "documents" else None)
                 for doc_id in copied for row in by_doc.get(doc_id, [])],
            )
        for doc_id in copied:
            story_id, profile = profiles[doc_id]
            new = perturb.profile(profile, k, names[doc_id], swapped, days[story_id])
            df.update(df_keys(new))
            conn.execute(
                "INSERT INTO link_profiles(doc_id, seq, story_id, analyzer_version, published, body) VALUES (?,?,?,?,?,?)",
                (new.doc_id, seq, f"{story_id}k{k}", ANALYZER_VERSION, new.published, json.dumps(new.to_json())),
            )
            conn.executemany("INSERT INTO bulk_keys(key, seq, doc_id, published) VALUES (?,?,?,?)",
                             [(key, seq, new.doc_id, new.published)
                              for key in perturb.keys(base_keys[doc_id], new, k, swapped)])
            seq += 1
        wanted = set(copied)
        for story_id, body in stories.items():
            story = Story.model_validate_json(body)
            members = [d for d in story.doc_ids if d in wanted]
            if not members:
                continue
            copy = Story.model_validate_json(_replace(body, {d: names[d] for d in story.doc_ids if d in wanted}))
            copy = copy.model_copy(update={"id": f"{story_id}k{k}", "doc_ids": [names[d] for d in members]})
            conn.execute("INSERT INTO stories(id, body) VALUES (?,?)", (copy.id, copy.model_dump_json()))
            conn.executemany("INSERT INTO story_documents(story_id, doc_id) VALUES (?,?)",
                             [(copy.id, d) for d in copy.doc_ids])
            if story_id in links:
                body_links = _replace(links[story_id], {**{d: names[d] for d in members}, story_id: copy.id})
                signature = links_signature(copy, {names[d]: versions[d] for d in members})
                conn.execute("INSERT INTO story_links(story_id, signature, body) VALUES (?,?,?)",
                             (copy.id, signature, body_links))
        total += len(copied)
        conn.execute("COMMIT")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO link_terms(term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        df.items(),
    )
    # the store counts its linked reports as it links them; a bulk load sets the count itself
    conn.execute("UPDATE link_state SET value=? WHERE name='linked'", (str(seq),))
    conn.execute("INSERT OR IGNORE INTO link_keys(key, seq, doc_id, published)"
                 " SELECT key, seq, doc_id, published FROM bulk_keys ORDER BY key, seq")
    conn.execute("DROP TABLE bulk_keys")
    conn.execute("COMMIT")
    for sql in indexes:
        conn.execute(sql)
    conn.execute("PRAGMA journal_mode=WAL")
    store.close()
    os.sync()  # the bulk load's writes reach the disk now, not during the first probes' commits
    return time.perf_counter() - start


def _rows(conn: object, table: str) -> dict[str, list[tuple[object, ...]]]:
    column = "id" if table == "documents" else "doc_id"
    found: dict[str, list[tuple[object, ...]]] = defaultdict(list)
    for row in conn.execute(f"SELECT * FROM {table}"):  # type: ignore[attr-defined]  # nosec B608
        found[row[column]].append(tuple(row))
    return found


def _renamed(row: tuple[object, ...], old: str, new: str, day: date | None) -> tuple[object, ...]:
    """A row of a copy: the base report's id replaced; a document gets the copy's publication date."""
    out = [_replace(v, {old: new}) if isinstance(v, str) and old in v else v for v in row]
    if day is not None:
        out[5] = day.isoformat()  # documents.published
    return tuple(out)


def _replace(text: str, names: dict[str, str]) -> str:
    for old, new in names.items():
        text = text.replace(old, new)
    return text


def _drop_indexes(conn: object) -> list[str]:
    """Drop the indexes and triggers a bulk load does without; return the statements that restore them."""
    found = conn.execute(  # type: ignore[attr-defined]
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('index', 'trigger')"
    ).fetchall()
    for kind, name, _ in found:
        conn.execute(f"DROP {kind} {name}")  # type: ignore[attr-defined]  # nosec B608
    # the triggers keep the full-text index: the copies stay out of it
    return [sql for kind, _, sql in found if kind == "index"] + [sql for kind, _, sql in found if kind == "trigger"]


def probe(
    path: Path, probes: list[AnalyzedDocument], hold: bool = True, read_back: bool = False, sqlite_log: bool = False
) -> tuple[dict[str, list[float]], int]:
    """Save each probe into the store and time its linking: (assign, story links, whole) in ms of wall
    time, and the whole in ms of this process's CPU time (what other jobs on the machine do not inflate);
    and how many probes changed a story of copies (whose rows a lean store leaves out). Linking takes each
    probe's analysis as saved, as `run`, `watch` and the server do (`read_back`: read back from the store), with the
    store's log copied into the file as they have it (`for_batch`; `sqlite_log`: every 1,000 pages, SQLite's own)."""
    times: dict[str, list[float]] = {"assign": [], "links": [], "whole": [], "whole (CPU)": []}
    touched = 0
    changed_ids: set[str] = set()
    # the cyclic collector's passes that fall inside the timed part of a probe: (generation, CPU ms) of each
    passes: list[list[tuple[int, float]]] = []
    started: list[float] = []

    def timed(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[:] = [time.process_time()]
        elif started and timing:
            passes[-1].append((info["generation"], (time.process_time() - started[0]) * 1000))

    timing = False
    # what building left behind is collected before the clock runs, and what the process holds by now (modules,
    # the probes) is kept out of the collector's full passes, as a long-lived linker (the server, a run over a
    # feed) keeps what it loaded: each full pass would otherwise walk it all, ~60-180 ms on this machine, in a
    # few probes of 40; and the youngest generation is collected as seldom as in triangulate's own processes
    # (`pipeline.settle`, which every `Pipeline` calls)
    threshold = gc.get_threshold()
    settle()
    store = SQLiteStore(path)
    current(store)
    if not sqlite_log:
        # as `run`, `watch` and the server store and link (`run_documents`): the write-ahead log is copied into the
        # file every 64 MB, not every 1,000 pages (4 MB): at 10^6 reports a probe writes about 336 pages, and every
        # 3-4 probes one paid the copy, 8-23 ms CPU and 30-70 ms wall. Now one probe in about 49 pays a larger one
        # (60-80 ms CPU); fewer probes than that stop before it, and it is paid when the store closes (printed).
        # The log starts empty, as in a process opening the store (what bringing it to the current rules wrote is
        # copied first)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.for_batch()
    if hold:  # as a long-lived linker does (`hold_counts`): one pass over the shared keys' counts, before the clock
        start, cpu = time.perf_counter(), time.process_time()
        held = hold_counts(store)
        print(f"counts held: {held}, in {time.perf_counter() - start:.1f} s ({time.process_time() - cpu:.1f} s CPU)",
              flush=True)
    gc.callbacks.append(timed)
    try:
        for item in probes:
            store.save(item, ANALYZER_VERSION)
            saved = None if read_back else {item.document.id: item}
            passes.append([])
            timing = True
            start, cpu = time.perf_counter(), time.process_time()
            changed = link_stories(store, saved=saved)
            middle = time.perf_counter()
            update_story_links(store, changed, saved)
            end = time.perf_counter()
            timing = False
            changed_ids.update(changed)
            times["assign"].append((middle - start) * 1000)
            times["links"].append((end - middle) * 1000)
            times["whole"].append((end - start) * 1000)
            times["whole (CPU)"].append((time.process_time() - cpu) * 1000)
            # a copy's story is named after the base story and its copy number ("s03c8...k12"); ids are hex
            touched += any("k" in story_id for story_id in changed)
        print(f"the {len(changed_ids)} stories the probes changed, hashed: records and links"
              f" {links_hash(store, changed_ids)}, memos {links_hash(store, changed_ids, ('story_link_memos',))}",
              flush=True)
        met = sorted(((sum(ms for _, ms in p), i, p) for i, p in enumerate(passes) if p), reverse=True)
        ranks = sorted(range(len(times["whole (CPU)"])), key=lambda i: -times["whole (CPU)"][i])
        print(f"collector passes inside {len(met)} of {len(passes)} probes, {sum(m[0] for m in met):.1f} ms CPU in all"
              + "".join(f"; CPU rank {ranks.index(i) + 1}: gen {'/'.join(str(g) for g, _ in p)} {ms:.1f} ms"
                        for ms, i, p in met[:6]), flush=True)
    finally:
        gc.callbacks.remove(timed)
        # the log left is copied into the file when the store is closed (as at the end of a run): said, not hidden
        start, cpu = time.perf_counter(), time.process_time()
        store.close()
        print(f"closing the store (the log copied into the file): {(time.perf_counter() - start) * 1000:.0f} ms,"
              f" {(time.process_time() - cpu) * 1000:.0f} ms CPU", flush=True)
        gc.unfreeze()
        gc.set_threshold(*threshold)
    return times, touched


def links_hash(store: SQLiteStore, story_ids: set[str], tables: tuple[str, ...] = ("stories", "story_links")) -> str:
    """A hash of these stories' rows as stored in `tables` (a story merged away counts as absent): the same
    before and after a change that must keep the links. The memos (`story_link_memos`) hold sets in the order
    of the process's string hashing: theirs is the same only under one PYTHONHASHSEED."""
    digest = hashlib.sha256()
    for story_id in sorted(story_ids):
        for table in tables:
            column = "id" if table == "stories" else "story_id"
            row = store.conn.execute(f"SELECT body FROM {table} WHERE {column}=?", (story_id,)).fetchone()  # nosec B608
            digest.update(f"{story_id}\t{table}\t{None if row is None else row[0]}\n".encode())
    return digest.hexdigest()[:16]


def current(store: SQLiteStore) -> None:
    """Bring the links of a store built under other linking rules (`links_rules`) to these, before the clock,
    as `relink` does once when the rules change: otherwise no story's memo holds, and the probes' first
    linking of each story compares all its mentions again. The stories of a lean store's copies hold no
    analyses and are left as they are."""
    rules = links_rules()
    if store.link_state(RULES) in (None, rules):
        return
    analysed = [r[0] for r in store.conn.execute(
        "SELECT DISTINCT story_id FROM link_profiles WHERE doc_id IN (SELECT doc_id FROM analyses)")]
    start = time.perf_counter()
    update_story_links(store, analysed)
    store.set_link_state(RULES, rules)
    print(f"links made by other rules: {len(analysed)} stories linked again in {time.perf_counter() - start:.1f} s",
          flush=True)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--probes", type=int, default=40)
    parser.add_argument("--work", type=Path, help="folder for the cached analyses and the stores (default: temporary)")
    parser.add_argument("--keep", action="store_true", help="keep built stores in --work until they are probed")
    parser.add_argument("--build-only", action="store_true", help="build the stores (kept) and stop")
    parser.add_argument("--lean", action="store_true",
                        help="copies without their analyses, events, claims and responsibility rows (about half"
                             " the disk and the time; linking reads those only for the stories a probe changes)")
    parser.add_argument("--probe-store", type=Path, help="probe this store (built before) in place, and keep it")
    parser.add_argument("--probe-from", type=int, default=0, help="the probes from the K-th held-out report on")
    parser.add_argument("--read-back", action="store_true",
                        help="read each probe's analysis back from the store (the benches before the thirteenth"
                             " session) instead of taking it as saved, as `run`, `watch` and the server do")
    parser.add_argument("--sqlite-log", action="store_true",
                        help="copy the store's log into the file every 1,000 pages (SQLite's default, the benches"
                             " before the fourteenth session) rather than every 64 MB as `run`, `watch` and the server")
    parser.add_argument("--read-counts", action="store_true",
                        help="read the stored reports' key counts as needed instead of holding the shared ones")
    args = parser.parse_args()
    if (args.keep or args.build_only) and args.work is None:
        parser.error("--keep and --build-only need --work")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        # only the probes stay in memory while probing: the bench's other analyses (a quarter of a million
        # objects) would make each of the collector's full passes, a few in 40 probes, cost ~150 ms
        probes = [a for i, a in enumerate(analyses(work)) if i % 5 == 4][args.probe_from:args.probe_from + args.probes]
        if args.probe_store is not None:
            SQLiteStore(args.probe_store).close()  # migrated, untimed
            times, touched = probe(args.probe_store, probes, hold=not args.read_counts, read_back=args.read_back,
                                   sqlite_log=args.sqlite_log)
            print(f"{args.probe_store.name} ({args.probe_store.stat().st_size / 1e6:,.0f} MB): "
                  + "; ".join(f"{part} p50 {statistics.median(v):.1f} ms, p95 {p95(v):.1f} ms, mean"
                              f" {statistics.mean(v):.1f} ms" for part, v in times.items())
                  + f"; probes that changed a story of copies: {touched}", flush=True)
            return
        results = {}
        for size in args.sizes:
            name = f"link-{size}{'-lean' if args.lean else ''}"
            path, marker = work / f"{name}.db", work / f"{name}.built"
            if (args.keep or args.build_only) and marker.exists():
                built = float(marker.read_text())
            else:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
                base = [a for i, a in enumerate(analyses(work)) if i % 5 != 4]
                built = build(path, base, size, lean=args.lean)
                del base
                marker.write_text(f"{built:.0f}")
            if args.build_only:
                print(f"{size:>9,} reports: built in {built:.0f} s, {path.stat().st_size / 1e6:,.0f} MB, kept at {path}")
                continue
            times, touched = probe(path, probes, hold=not args.read_counts, read_back=args.read_back, sqlite_log=args.sqlite_log)
            marker.unlink()  # probed: the store now holds the probes
            results[size] = times
            print(f"{size:>9,} reports (built in {built:.0f} s, {path.stat().st_size / 1e6:,.0f} MB): "
                  + "; ".join(f"{part} p50 {statistics.median(v):.1f} ms, p95 {p95(v):.1f} ms"
                              for part, v in times.items())
                  + f"; probes that changed a story of copies: {touched}", flush=True)
            path.unlink()
        if args.build_only:
            return
        small, large = min(results), max(results)
        growth = p95(results[large]["whole"]) / p95(results[small]["whole"])
        print(f"linking one report, p95 at {large:,}: {p95(results[large]['whole']):.1f} ms (target < {TARGET_MS:.0f});"
              f" growth {small:,} -> {large:,}: {growth:.2f}x (target < {TARGET_GROWTH:.0f}x)")


if __name__ == "__main__":
    main()
