"""Running one hostile case the way a user would, and checking its declared outcome.

A case's input goes in beside one good report, through `triangulate run` (the CLI, in this process),
`run_reports` (what `run` does, with a fetcher that may reach the local test server) or the Python API
`triangulate.analyze`. What every case must show: no traceback, the declared errors each naming its item
and its reason (on stderr, in the summary's count and in the dossier's `errors`), the declared warnings on
the accepted documents, the good report analyzed, the case's time limit kept and, for the big inputs,
the memory it was allowed.
"""

from __future__ import annotations

import faulthandler
import json
import logging
import re
import signal
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, BinaryIO, Literal

import pytest
from click.testing import CliRunner

from tests.webserver import FixtureServer
from triangulate.records import Document

GOOD_NAME = "good.txt"
GOOD = ("Police arrested 14 protesters outside the governor's office in Basra on Sunday, a local official said, "
        "after demonstrators blocked the main road.")
SUMMARY = re.compile(r"(\d+) reports? read \((\d+) analyzed, (\d+) unchanged, (\d+) near-duplicates? dropped, "
                     r"(\d+) errors?\)")
NEAR_DUPLICATE = "E150"  # recorded in the dossier's errors, counted apart from them in the summary
BUGS = ("E199", "E201")  # ingest or analysis failing on its own: never the declared outcome of bad input


@dataclass(frozen=True)
class Problem:
    """A problem a case must report: its code, the end of its source (`a.jsonl:3`, `feed.xml#item2`, a
    file name) and words of its message that say why."""

    code: str
    where: str
    reason: str


@dataclass(frozen=True)
class Outcome:
    read: int = 0  # reports read from the hostile input (the good report comes on top)
    dropped: int = 0  # of which near-duplicates dropped
    errors: tuple[Problem, ...] = ()  # the run's errors: stderr, the summary's count, the dossier's `errors`
    warnings: tuple[Problem, ...] = ()  # on the accepted reports: each one's `errors` in the dossier


@dataclass
class Inputs:
    """What a case hands to the entry point: arguments (paths, URLs, Documents) and maybe standard input."""

    args: list[str | Document]
    stdin: bytes | BinaryIO | None = None
    options: list[str] = field(default_factory=list)  # more options for `triangulate run`


@dataclass
class Env:
    folder: Path  # where the case writes its input
    server: FixtureServer


Entry = Literal["cli", "run_reports", "analyze"]


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # the class of hostile input
    make: Callable[[Env], Inputs]
    expect: Outcome
    seconds: float = 20.0  # the time limit: a case past it has hung
    entry: Entry = "cli"
    memory_mb: float | None = None  # the most Python may allocate at once during the run (tracemalloc)
    check: Callable[[Ran], None] | None = None  # what else this case is about
    slow: bool = False  # whole-cap analyses: run by `make eval` (`pytest -m slow`), not `make test`


@dataclass
class Ran:
    """What a run showed the user."""

    stdout: str
    stderr: str
    dossier: dict[str, Any]
    markdown: str
    seconds: float
    peak_mb: float | None
    env: Env
    summary: tuple[int, ...] | None = None  # read, analyzed, unchanged, dropped, errors (the CLI's line)

    @property
    def hostile(self) -> list[dict[str, Any]]:
        """The documents accepted from the hostile input."""
        return [d for d in self.dossier["documents"] if d["external_id"] != GOOD_NAME]

    @property
    def shown(self) -> str:
        """Everything the user sees: the terminal and the Markdown dossier."""
        return self.stdout + self.stderr + self.markdown


class CaseTimeout(BaseException):
    """A case ran past its limit (a BaseException: no `except Exception` in the code under test swallows it)."""


@contextmanager
def time_limit(seconds: float, name: str) -> Iterator[None]:
    """Raise CaseTimeout after `seconds`; a process stuck in C code, where no signal handler runs, is
    ended with every thread's stack written out, so that a hang never stalls the suite."""

    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise CaseTimeout(f"{name} ran past its limit of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    faulthandler.dump_traceback_later(3 * seconds + 60, exit=True)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        faulthandler.cancel_dump_traceback_later()


def good_report(root: Path) -> Path:
    folder = root / "good"
    folder.mkdir()
    path = folder / GOOD_NAME
    path.write_text(GOOD, encoding="utf-8")
    return path


def run_case(case: Case, tmp_path: Path, server: FixtureServer) -> Ran:
    env = Env(tmp_path / "in", server)
    env.folder.mkdir()
    inputs = case.make(env)
    good = good_report(tmp_path)
    out = tmp_path / "out"
    if case.memory_mb is not None:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        with time_limit(case.seconds, case.name):
            ran = _ENTRIES[case.entry](inputs, good, out, env)
    finally:
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20 if case.memory_mb is not None else None
        tracemalloc.stop()
    ran.seconds, ran.peak_mb = seconds, peak
    return ran


def _cli(inputs: Inputs, good: Path, out: Path, env: Env) -> Ran:
    from triangulate.cli import main

    args = [str(a) for a in inputs.args]
    result = CliRunner().invoke(main, ["run", *args, str(good), "--out", str(out), "--quiet", *inputs.options],
                                input=inputs.stdin)
    assert result.exception is None, f"the run raised {result.exception!r}; stderr: {result.stderr}"
    assert result.exit_code == 0, result.output
    match = SUMMARY.search(result.stdout)
    assert match, f"no summary line in {result.stdout!r}"
    return Ran(result.stdout, result.stderr, _dossier(out), _markdown(out), 0.0, None, env,
               tuple(int(n) for n in match.groups()))


def _run_reports(inputs: Inputs, good: Path, out: Path, env: Env) -> Ran:
    from triangulate.ingest.fetch import Fetcher
    from triangulate.watch import run_reports

    # loopback allowed, as for the local server; every other private range still refused
    with Fetcher(allow_loopback=True) as fetcher:
        result = run_reports([*(str(a) for a in inputs.args), str(good)], out, fetcher=fetcher)
    summary = (result.documents, result.analyzed, result.unchanged, len(result.duplicates), len(result.errors))
    return Ran("", "", _dossier(out), _markdown(out), 0.0, None, env, summary)


def _analyze(inputs: Inputs, good: Path, out: Path, env: Env) -> Ran:
    import triangulate

    dossier = triangulate.analyze([*inputs.args, good], out_dir=out)
    return Ran("", "", dossier, _markdown(out), 0.0, None, env)


_ENTRIES: dict[Entry, Callable[[Inputs, Path, Path, Env], Ran]] = {
    "cli": _cli, "run_reports": _run_reports, "analyze": _analyze,
}


def _dossier(out: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    return loaded


def _markdown(out: Path) -> str:
    path = out / "dossier.md"
    return path.read_text(encoding="utf-8") if path.exists() else ""


# -- the checks every case gets ------------------------------------------------------------------------


def check_outcome(case: Case, ran: Ran, caplog: pytest.LogCaptureFixture) -> None:
    expect = case.expect
    assert "Traceback" not in ran.shown
    # a traceback logged would be printed to the user's terminal (pytest's handler takes it here)
    logged = [r for r in caplog.records if r.exc_info and r.levelno >= logging.WARNING]
    assert not logged, f"a traceback was logged: {logged[0].getMessage()}"

    errors = ran.dossier["errors"]
    assert not [e for e in errors if e["code"] in BUGS], errors
    assert Counter(e["code"] for e in errors) == Counter(p.code for p in expect.errors), errors
    for wanted in expect.errors:
        assert any(_matches(wanted, e) for e in errors), f"{wanted} not among {errors}"
        if case.entry == "cli" and wanted.code != NEAR_DUPLICATE:
            assert _said(wanted, ran.stderr), f"{wanted} not on stderr: {ran.stderr!r}"

    hostile = ran.hostile
    assert len(hostile) == expect.read - expect.dropped, [d["source"] for d in hostile]
    warnings = [w for d in hostile for w in d["errors"]]
    assert Counter(w["code"] for w in warnings) == Counter(p.code for p in expect.warnings), warnings
    for wanted in expect.warnings:
        assert any(_matches(wanted, w) for w in warnings), f"{wanted} not among {warnings}"

    if ran.summary is not None:
        read, analyzed, unchanged, dropped, counted = ran.summary
        assert (read, dropped) == (expect.read + 1, expect.dropped)
        assert analyzed + unchanged == read - dropped
        assert counted == sum(p.code != NEAR_DUPLICATE for p in expect.errors)

    (good,) = [d for d in ran.dossier["documents"] if d["external_id"] == GOOD_NAME]
    assert good["errors"] == []
    assert any(e["doc_id"] == good["id"] for e in ran.dossier["events"]), "the good report was not analyzed"

    assert ran.seconds < case.seconds
    if case.memory_mb is not None:
        assert ran.peak_mb is not None and ran.peak_mb < case.memory_mb, f"peak {ran.peak_mb:.1f} MB"
    if case.check is not None:
        case.check(ran)


def _matches(wanted: Problem, found: dict[str, Any]) -> bool:
    return (found["code"] == wanted.code and found["source"].endswith(wanted.where)
            and wanted.reason in found["message"])


def _said(wanted: Problem, stderr: str) -> bool:
    """The CLI's line for the problem: `warning: SOURCE: CODE: MESSAGE`, on one line."""
    return any(f": {wanted.code}: " in line and wanted.where in line.split(f": {wanted.code}: ")[0]
               and wanted.reason in line for line in stderr.splitlines())
