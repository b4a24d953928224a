"""`triangulate run` as a real process for the fault tests: real reports, runs timed and killed, the store checked.

The reports are ACLED notes (real, short, hand-written event descriptions), each a JSON Lines report with
its event's date as its publication date.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from triangulate.evaluate.acled import load_gold

BIN = Path(sys.executable).parent / "triangulate"


def child_env(cache: Path) -> dict[str, str]:
    """The environment for a child `triangulate`: compiled modules kept in `cache` (a shell that sets
    PYTHONDONTWRITEBYTECODE would have every child compile its imports again, seconds each)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def write_reports(acled: Path, target: Path, start: int, count: int) -> list[str]:
    """ACLED notes `start` to `start + count` as JSON Lines in `target`; their ids."""
    gold = load_gold(acled, limit=start + count)[start:]
    assert len(gold) == count, f"the ACLED file has {len(gold)} notes from {start}, not {count}"
    with target.open("w", encoding="utf-8") as handle:
        for item in gold:
            handle.write(json.dumps({"id": f"acled-{item.row}", "text": item.notes,
                                     "published": item.event_date.isoformat()}) + "\n")
    return [f"acled-{item.row}" for item in gold]


def count(db: Path, sql: str) -> int:
    """One number read from a database another process may be writing (read-only, WAL)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # not made yet (the run is still creating it)
        return -1
    finally:
        conn.close()


ANALYSES = "SELECT COUNT(*) FROM analyses"


@dataclass
class Run:
    """One `triangulate run` process: how it ended, how long it took, what it printed."""

    returncode: int
    seconds: float
    stdout: str
    stderr: str
    killed: bool = False
    analyses_at_start: int = 0
    timeline: list[tuple[float, int]] = field(default_factory=list)  # (seconds from the start, analyses stored)
    phase: str = ""  # where a killed run was, as seen from outside

    @property
    def first_analysis(self) -> float | None:
        """Seconds from the start to the first new analysis stored."""
        return next((t for t, n in self.timeline if n > self.analyses_at_start), None)

    @property
    def all_analyzed(self) -> float | None:
        """Seconds from the start to the last analysis stored."""
        final = self.timeline[-1][1] if self.timeline else self.analyses_at_start
        return next((t for t, n in self.timeline if n == final), None) if final > self.analyses_at_start else None


@dataclass
class Runner:
    """Runs `triangulate run INPUT --db DB --out OUT` in `folder` (so that every run names its input alike)."""

    folder: Path
    cache: Path
    expected: int = 0  # analyses the database holds once the batch is done
    log: list[str] = field(default_factory=list)

    def run(self, source: str, db: str, out: str, kill: Callable[[float, int], bool] | None = None,
            poll: float = 0.05) -> Run:
        """Run to the end, or until `kill(seconds since start, analyses stored)` says so (then SIGKILL)."""
        db_path = self.folder / db
        before = count(db_path, ANALYSES) if db_path.exists() else 0
        started = time.monotonic()
        timeline: list[tuple[float, int]] = []
        process = subprocess.Popen(
            [str(BIN), "run", source, "--db", db, "--out", out, "--quiet"], cwd=self.folder,
            env=child_env(self.cache), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True,
        )
        killed = False
        stored = before
        while process.poll() is None:
            time.sleep(poll)
            elapsed = time.monotonic() - started
            if db_path.exists():
                stored = count(db_path, ANALYSES)
                if not timeline or timeline[-1][1] != stored:
                    timeline.append((elapsed, stored))
            if kill is not None and kill(elapsed, stored):
                os.killpg(process.pid, signal.SIGKILL)
                killed = True
                break
        stdout, stderr = process.communicate(timeout=600)
        seconds = time.monotonic() - started
        if killed and process.returncode != -signal.SIGKILL:  # it ended on its own just before the signal
            killed = False
        phase = ""
        if killed:
            phase = ("rerun: starting, linking or writing" if before >= self.expected else
                     "starting" if stored <= before else
                     "analyzing" if stored < self.expected else "linking or writing")
        return Run(process.returncode, seconds, stdout, stderr, killed, before, timeline, phase)


def store_problems(db: Path, known_ids: set[str]) -> list[str]:
    """What is wrong with a database a run was killed over: SQLite's own checks, reports half-stored,
    reports lost to linking, reports in two stories. An empty list when all is well."""
    conn = sqlite3.connect(db)
    try:
        problems = []
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity[:5]}")
        foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
        if foreign:
            problems.append(f"foreign_key_check: {foreign[:5]}")
        ids = {r[0] for r in conn.execute("SELECT external_id FROM documents")}
        if ids - known_ids:
            problems.append(f"documents not in the input: {sorted(ids - known_ids)[:5]}")
        for what, sql in (
            ("documents without their analysis",
             "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM analyses a WHERE a.doc_id = d.id)"),
            ("analyzed documents neither linked nor waiting to be",
             "SELECT COUNT(*) FROM analyses a WHERE NOT EXISTS (SELECT 1 FROM link_profiles p WHERE p.doc_id = a.doc_id)"
             " AND NOT EXISTS (SELECT 1 FROM link_queue q WHERE q.doc_id = a.doc_id)"),
            ("documents in more than one story",
             "SELECT COUNT(*) FROM (SELECT doc_id FROM story_documents GROUP BY doc_id HAVING COUNT(*) > 1)"),
            ("linked documents missing from their story",
             "SELECT COUNT(*) FROM link_profiles p WHERE NOT EXISTS"
             " (SELECT 1 FROM story_documents s WHERE s.doc_id = p.doc_id AND s.story_id = p.story_id)"),
            ("stories without documents",
             "SELECT COUNT(*) FROM stories s WHERE NOT EXISTS (SELECT 1 FROM story_documents d WHERE d.story_id = s.id)"),
            ("the linked count differing from the linked documents",
             "SELECT (SELECT COUNT(*) FROM link_profiles) - (SELECT CAST(value AS INTEGER) FROM link_state"
             " WHERE name = 'linked')"),
        ):
            problems += _nonzero(conn, what, sql)
        return problems
    finally:
        conn.close()


def finished_problems(db: Path) -> list[str]:
    """What a database should not hold once a run over it has completed: reports waiting to be linked,
    stories whose links are due, stories without links."""
    conn = sqlite3.connect(db)
    try:
        problems = []
        for what, sql in (
            ("reports waiting to be linked", "SELECT COUNT(*) FROM link_queue"),
            ("stories whose links are due", "SELECT COUNT(*) FROM story_links_due"),
            ("stories without links",
             "SELECT COUNT(*) FROM stories s WHERE NOT EXISTS (SELECT 1 FROM story_links l WHERE l.story_id = s.id)"),
        ):
            problems += _nonzero(conn, what, sql)
        return problems
    finally:
        conn.close()


def _nonzero(conn: sqlite3.Connection, what: str, sql: str) -> list[str]:
    """`what` with the count `sql` gives, when it is not zero."""
    found = int(conn.execute(sql).fetchone()[0])
    return [f"{what}: {found}"] if found else []


def table_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        tables = ("documents", "analyses", "events", "claims", "responsibility", "actors", "stories",
                  "story_documents", "link_profiles", "story_links", "errors")
        return {t: int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in tables}
    finally:
        conn.close()


def as_unprivileged() -> list[str] | None:
    """The command prefix that makes a child obey file permissions: nothing for a user, and for root (who
    writes read-only files) `setpriv` dropping the capabilities that override them; None when root has no
    setpriv."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def run_cli(folder: Path, cache: Path, *args: str, prefix: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
    """`triangulate ARGS` run to the end in `folder`."""
    return subprocess.run([*prefix, str(BIN), *args], cwd=folder, env=child_env(cache), capture_output=True,
                          text=True, timeout=600, check=False)
