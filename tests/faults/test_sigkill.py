"""`triangulate run` killed (SIGKILL) at random points of a batch and started again on the same database: the
database stays sound after every kill, and the run that completes leaves the very dossier an uninterrupted
run leaves, with no report lost or stored twice.

The batch goes into a database that already holds an archive (a run before it), as a newsroom's would:
a run killed after linking its reports into stories but before making those stories' links must leave
them due for the next run, which has nothing new to link.

Where the kills land: drawn with a seeded random generator (the seed is in every failure message; set
TRIANGULATE_FAULT_SEED to replay one), from the timings of the uninterrupted run. One in six lands while the
process starts (imports, opening the database, reading the input, loading the models); the others land
uniformly over the work it has left from its first stored report (or, with nothing left to analyze, from
its usual start-up time): analyzing, linking, making the stories' links, writing the files.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.faults.runs import (
    ANALYSES,
    Runner,
    count,
    finished_problems,
    store_problems,
    table_counts,
    write_reports,
)
from tests.serve.api_server import copy_store

STARTING = 1 / 6  # the share of kills drawn within the start-up


@dataclass(frozen=True)
class Timing:
    """The uninterrupted run's timeline: start-up, seconds per report analyzed, the rest (linking, the
    stories' links, the files), and the whole of a run again over the same batch (nothing to analyze)."""

    startup: float
    per_report: float
    tail: float
    again: float


def _seed() -> int:
    given = os.environ.get("TRIANGULATE_FAULT_SEED")
    return int(given) if given else random.SystemRandom().randrange(2**32)


def _kill_point(
    rng: random.Random, timing: Timing, stored: int, expected: int, kills_left: int
) -> Callable[[float, int], bool]:
    """When to kill a run that starts with `stored` of `expected` reports analyzed, `kills_left` kills to go:
    the kills spread over the work left (each draws from twice its share of it, so that they land on
    average at even steps through the batch, the last ones among the links and the files)."""
    if stored >= expected:  # nothing left to analyze: anywhere in such a run, start-up included
        at = rng.uniform(0, timing.again)
        return lambda seconds, _now: seconds >= at
    if rng.random() < STARTING:
        at = rng.uniform(0, timing.startup)
        return lambda seconds, _now: seconds >= at
    span = rng.uniform(0, 2 * (timing.per_report * (expected - stored) + timing.tail) / kills_left)
    began: list[float] = []

    def due(seconds: float, now: int) -> bool:
        if not began and now > stored:  # the first report of this run stored: the work has begun
            began.append(seconds)
        return bool(began) and seconds >= began[0] + span

    return due


def _files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("dossier.json", "dossier.md", "events.csv")}


def kill_and_restart(work: Path, cache: Path, acled: Path, archive: int, batch: int, kills: int) -> dict[str, object]:
    """The whole scenario; returns its figures. Asserts as it goes, every message naming the seed."""
    seed = _seed()
    rng = random.Random(seed)
    work.mkdir(parents=True, exist_ok=True)
    ids = set(write_reports(acled, work / "archive.jsonl", 0, archive))
    ids |= set(write_reports(acled, work / "batch.jsonl", archive, batch))
    runner = Runner(work, cache)
    first = runner.run("archive.jsonl", "reference.db", "reference")
    assert first.returncode == 0, first.stderr
    copy_store(work / "reference.db", work / "killed.db")  # the archive
    reference = runner.run("batch.jsonl", "reference.db", "reference")
    assert reference.returncode == 0, reference.stderr
    expected = count(work / "reference.db", ANALYSES)
    runner.expected = expected
    added = expected - reference.analyses_at_start
    assert reference.first_analysis is not None and reference.all_analyzed is not None
    again = runner.run("batch.jsonl", "reference.db", "reference")  # a run over a batch already stored
    assert again.returncode == 0 and "(0 analyzed," in again.stdout, again.stdout + again.stderr
    timing = Timing(
        startup=reference.first_analysis,
        per_report=max(reference.all_analyzed - reference.first_analysis, 0.05) / max(added - 1, 1),
        tail=max(reference.seconds - reference.all_analyzed, 0.5),
        again=again.seconds,
    )
    where = f"seed {seed} (TRIANGULATE_FAULT_SEED={seed} replays it)"
    history: list[str] = []
    injected = attempts = 0
    while injected < kills:
        attempts += 1
        assert attempts <= kills * 3, f"{where}: the runs kept ending before their kill point: {history}"
        stored = count(work / "killed.db", ANALYSES)
        run = runner.run("batch.jsonl", "killed.db", "killed",
                         _kill_point(rng, timing, stored, expected, kills - injected))
        history.append(f"{run.seconds:.1f}s {run.phase or 'completed'} at {count(work / 'killed.db', ANALYSES)}")
        if not run.killed:
            assert run.returncode == 0, f"{where}: a run failed after {history}: {run.stderr[-2000:]}"
            continue
        injected += 1
        problems = store_problems(work / "killed.db", ids)
        assert not problems, f"{where}: after kill {injected} ({history}): {problems}"
        for name in ("dossier.json", "dossier.md", "events.csv"):  # the files of the run before, or none
            path = work / "killed" / name
            if path.exists() and name == "dossier.json":
                json.loads(path.read_text(encoding="utf-8"))
    final = runner.run("batch.jsonl", "killed.db", "killed")
    assert final.returncode == 0, f"{where}: the last run failed after {history}: {final.stderr[-2000:]}"
    assert not store_problems(work / "killed.db", ids), where
    assert not finished_problems(work / "killed.db"), f"{where}: {finished_problems(work / 'killed.db')}"
    assert not finished_problems(work / "reference.db")
    counts = table_counts(work / "killed.db")
    assert counts == table_counts(work / "reference.db"), f"{where}: {history}"
    assert counts["documents"] == counts["analyses"] == counts["story_documents"] == expected
    # the dossier whole, byte for byte: nothing in it depends on the run (no time, no path of the output)
    assert _files(work / "killed") == _files(work / "reference"), f"{where}: the dossiers differ after {history}"
    assert not list((work / "killed").glob(".*.partial")), "a partial file was left after the completed run"
    return {"seed": seed, "kills": injected, "attempts": attempts, "history": history, "counts": counts,
            "reference_seconds": round(reference.seconds, 1), "timing": timing}


def test_runs_killed_at_random_points_lose_nothing_and_end_with_the_same_dossier(
    shared_data: Path, tmp_path: Path, pycache: Path
) -> None:
    figures = kill_and_restart(tmp_path, pycache, shared_data / "acled", archive=10, batch=60, kills=3)
    print(figures)


@pytest.mark.faults
def test_a_batch_of_2000_reports_killed_20_times_loses_nothing(shared_data: Path, tmp_path: Path, pycache: Path) -> None:
    figures = kill_and_restart(tmp_path, pycache, shared_data / "acled", archive=200, batch=2000, kills=20)
    print(figures)
