"""A database that cannot be written, a disk that fills: a clear error naming what, no traceback, nothing
half-written, and a run after the fault completes.

The full disk is made three ways: SQLite's `max_page_count` caps the database a run writes (SQLITE_FULL,
exactly as a full disk gives it, at chosen points of the run); `os.fsync` answers ENOSPC for the run's
files; and, where the tests may mount (root), a real tmpfs of a few hundred kilobytes holds both.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import triangulate.base.atomic
import triangulate.pipeline
from tests.faults.runs import as_unprivileged, finished_problems, run_cli, store_problems, write_reports
from tests.serve.api_server import copy_store
from triangulate.cli import main
from triangulate.store import open_store

FILES = ("dossier.json", "dossier.md", "events.csv")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(folder: Path, db: Path, out: Path) -> tuple[int, str]:
    """`triangulate run reports.jsonl` in `folder` (every run names its reports alike, as their sources)."""
    here = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, ["run", "reports.jsonl", "--db", str(db), "--out", str(out), "--quiet"])
    finally:
        os.chdir(here)
    return result.exit_code, result.output


# --- read-only ----------------------------------------------------------------------------------------


@pytest.fixture
def stored(seeds_run: dict[str, object], tmp_path: Path) -> Path:
    """A copy of the seed run's database, and a new report beside it."""
    folder = tmp_path / "archive"
    folder.mkdir()
    db = copy_store(Path(str(seeds_run["out"])) / "triangulate.db", folder / "triangulate.db")
    (tmp_path / "new.jsonl").write_text(json.dumps({
        "id": "harbour", "text": "Protesters blocked the harbour road in Basra on Tuesday, a police officer said.",
    }) + "\n", encoding="utf-8")
    return db


def _unprivileged() -> list[str]:
    prefix = as_unprivileged()
    if prefix is None:
        pytest.skip("running as root without setpriv: a read-only file is writable to root")
    return prefix


@pytest.mark.parametrize("locked", ["file", "folder"])
def test_a_read_only_database_is_refused_at_once_naming_it(stored: Path, pycache: Path, locked: str) -> None:
    before = _digest(stored)
    target = stored if locked == "file" else stored.parent
    mode = target.stat().st_mode
    target.chmod(0o444 if locked == "file" else 0o555)
    try:
        done = run_cli(stored.parent.parent, pycache, "run", "new.jsonl", "--db", "archive/triangulate.db",
                       "--out", "out", "--quiet", prefix=_unprivileged())
    finally:
        target.chmod(mode)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "E304: database archive/triangulate.db cannot be written" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert _digest(stored) == before  # not a byte changed
    assert not (stored.parent.parent / "out").exists()  # refused before any work: no files either


# --- a full database ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def batch(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """30 ACLED notes, and the database and files of an uninterrupted run over them."""
    folder = tmp_path_factory.mktemp("full")
    reports = folder / "reports.jsonl"
    ids = set(write_reports(shared_data / "acled", reports, 0, 30))
    code, output = _run(folder, folder / "reference.db", folder / "reference")
    assert code == 0, output
    empty = open_store(folder / "empty.db")
    pages = int(empty.conn.execute("PRAGMA page_count").fetchone()[0])
    empty.close()
    with sqlite3.connect(folder / "reference.db") as conn:
        used = int(conn.execute("PRAGMA page_count").fetchone()[0])
    return {"reports": reports, "ids": ids, "reference": folder / "reference", "empty_pages": pages,
            "pages": used}


# the disk fills while the reports are stored (0.1), while they are linked into stories (0.6: one
# transaction), while the stories' links are made (0.97)
@pytest.mark.parametrize("share", [0.1, 0.6, 0.97])
def test_a_full_database_stops_the_run_with_E305_and_a_run_with_space_completes_it(
    batch: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, share: float
) -> None:
    empty, used = int(str(batch["empty_pages"])), int(str(batch["pages"]))
    limit = empty + int(share * (used - empty))  # the disk is full once the run has written this share
    opened = triangulate.pipeline.open_store

    def capped(location: str | Path) -> object:
        store = opened(location)
        store.conn.execute(f"PRAGMA max_page_count={limit}")
        return store

    monkeypatch.setattr(triangulate.pipeline, "open_store", capped)
    db, out = tmp_path / "full.db", tmp_path / "out"
    (tmp_path / "reports.jsonl").write_bytes(Path(str(batch["reports"])).read_bytes())
    code, output = _run(tmp_path, db, out)
    assert code == 1, output
    assert f"E305: the disk holding database {db} is full" in output
    assert "Traceback" not in output
    assert not store_problems(db, set(batch["ids"])), store_problems(db, set(batch["ids"]))  # type: ignore[arg-type]
    assert not list(out.glob("*")) if out.exists() else True  # no file of the run, not even in part
    monkeypatch.setattr(triangulate.pipeline, "open_store", opened)
    code, output = _run(tmp_path, db, out)
    assert code == 0, output
    assert not finished_problems(db)
    reference = Path(str(batch["reference"]))
    for name in FILES:
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name


# --- files that cannot be written ---------------------------------------------------------------------


def test_files_that_cannot_be_written_stop_the_run_with_E202_and_leave_the_old_ones_whole(
    batch: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, out = tmp_path / "run.db", tmp_path / "out"
    reports = Path(str(batch["reports"])).read_text(encoding="utf-8")
    (tmp_path / "reports.jsonl").write_text("".join(reports.splitlines(keepends=True)[:5]), encoding="utf-8")
    code, output = _run(tmp_path, db, out)
    assert code == 0, output
    before = {name: (out / name).read_bytes() for name in FILES}

    def full(_fd: int) -> None:
        raise OSError(28, os.strerror(28))

    monkeypatch.setattr(triangulate.base.atomic.os, "fsync", full)
    (tmp_path / "reports.jsonl").write_text(reports, encoding="utf-8")  # the rest of the batch comes
    code, output = _run(tmp_path, db, out)
    assert code == 1, output
    assert re.search(rf"E202: cannot write {re.escape(str(out))}/(dossier\.json|dossier\.md|events\.csv): "
                     "No space left on device", output), output
    assert "Traceback" not in output
    assert {name: (out / name).read_bytes() for name in FILES} == before  # the files of the run before, whole
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)  # and no partial file left
    monkeypatch.undo()
    code, output = _run(tmp_path, db, out)
    assert code == 0 and "0 analyzed" in output, output  # the reports were stored: only the files are written
    for name in FILES:
        assert (out / name).read_bytes() == (Path(str(batch["reference"])) / name).read_bytes(), name


# --- a real full disk ------------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of 640 kB (the empty database takes 210 kB); skipped where the tests may not mount."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=640k", "tmpfs", str(disk)], capture_output=True,
                             text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (root only): {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "--lazy", str(disk)], check=False)  # even if a process still holds it


def test_a_real_full_disk_stops_the_run_clearly_and_a_run_with_space_completes(
    batch: dict[str, object], small_disk: Path, pycache: Path
) -> None:
    (small_disk / "reports.jsonl").write_bytes(Path(str(batch["reports"])).read_bytes())
    done = run_cli(small_disk, pycache, "run", "reports.jsonl", "--db", "run.db", "--out", "out", "--quiet")
    assert done.returncode == 1, done.stdout + done.stderr
    said = done.stderr.strip().splitlines()[-1]
    assert said.startswith(("Error: E305: the disk holding database run.db is full",
                            "Error: E202: cannot write out/", "Error: cannot write")), said
    assert "No space left" in said or "database or disk is full" in said, said
    assert "Traceback" not in done.stderr
    assert not store_problems(small_disk / "run.db", set(batch["ids"]))  # type: ignore[arg-type]
    assert not list(small_disk.glob("out/.*.partial"))
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    done = run_cli(small_disk, pycache, "run", "reports.jsonl", "--db", "run.db", "--out", "out", "--quiet")
    assert done.returncode == 0, done.stderr
    assert not store_problems(small_disk / "run.db", set(batch["ids"]))  # type: ignore[arg-type]
    assert not finished_problems(small_disk / "run.db")
    for name in FILES:
        assert (small_disk / "out" / name).read_bytes() == (Path(str(batch["reference"])) / name).read_bytes(), name
