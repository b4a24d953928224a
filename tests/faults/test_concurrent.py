"""Two writers on one SQLite file: `triangulate serve` taking POST /api/reports from 20 clients at once while
`triangulate run` stores and links a batch into the same database. Every report either takes is stored,
no client ever sees "database is locked" (or any 5xx), and the store ends whole, every story's links current.

Both are real processes on loopback; the reports are ACLED notes, the run's and the posted ones disjoint.
Bounded in count (the requests) and in time (a deadline for the whole, and for each request).
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.faults.runs import BIN, child_env, finished_problems, store_problems, write_reports
from triangulate.evaluate.acled import load_gold
from triangulate.link.relink import update_story_links
from triangulate.serve.auth import TOKEN_ENV
from triangulate.store import open_store

TOKEN = "concurrent-writers-test-token"
CLIENTS = 20
FIRST_POSTED = 3000  # the posted reports are ACLED notes from here on; the run's are the first ones


@contextmanager
def serving(folder: Path, cache: Path, db: str) -> Iterator[tuple[str, Path]]:
    """`triangulate serve` on a free loopback port; its URL and its log."""
    log_path = folder / "server.log"
    env = {**child_env(cache), TOKEN_ENV: TOKEN}
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen([str(BIN), "serve", "--db", db, "--port", "0"], cwd=folder, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            url = None
            while url is None:
                assert process.poll() is None, log_path.read_text(encoding="utf-8")
                assert time.monotonic() < deadline, "the server did not start in time"
                time.sleep(0.1)
                found = re.search(r"running on (http://127\.0\.0\.1:\d+)", log_path.read_text(encoding="utf-8"))
                url = found.group(1) if found else None
            yield url, log_path
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:  # pragma: no cover
                process.kill()


def _post_all(
    url: str, bodies: list[dict[str, str]], deadline: float, waits: list[float]
) -> list[tuple[int, str]]:
    """Each body POSTed once, by CLIENTS threads with a client each; (status, text) per body, in order. Each
    request's seconds are added to `waits`."""
    answers: list[tuple[int, str]] = [(0, "")] * len(bodies)
    headers = {"Authorization": f"Bearer {TOKEN}"}

    def client(start: int) -> None:
        with httpx.Client(base_url=url, headers=headers, timeout=300) as http:
            for index in range(start, len(bodies), CLIENTS):
                if time.monotonic() > deadline:
                    answers[index] = (0, "not sent: past the deadline")
                    continue
                sent = time.monotonic()
                response = http.post("/api/reports", json=bodies[index])
                answers[index] = (response.status_code, response.text)
                waits.append(time.monotonic() - sent)

    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(client, range(CLIENTS)))
    return answers


def writers_side_by_side(folder: Path, cache: Path, acled: Path, batch: int, requests: int, seconds: float) -> dict[str, object]:
    """The whole scenario; returns its figures."""
    folder.mkdir(parents=True, exist_ok=True)
    write_reports(acled, folder / "batch.jsonl", 0, batch)
    notes = load_gold(acled, limit=FIRST_POSTED + requests)[FIRST_POSTED:]
    assert len(notes) == requests
    bodies = [{"id": f"post-{n.row}", "text": n.notes, "published": n.event_date.isoformat()} for n in notes]
    started = time.monotonic()
    with serving(folder, cache, "shared.db") as (url, log):
        run = subprocess.Popen([str(BIN), "run", "batch.jsonl", "--db", "shared.db", "--out", "out", "--quiet"],
                               cwd=folder, env=child_env(cache), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
        waits: list[float] = []
        answers = _post_all(url, bodies, started + seconds, waits)
        posting = time.monotonic() - started
        run_out, run_err = run.communicate(timeout=max(60.0, started + seconds - time.monotonic()))
        server_log = log.read_text(encoding="utf-8")
    elapsed = time.monotonic() - started
    # none with a server error or a lock
    failed = [(status, text[:300]) for status, text in answers if status not in (0, 200)]
    assert not failed, f"{len(failed)} requests failed, e.g. {failed[:3]}"
    assert not [t for _, t in answers if "locked" in t.lower()]
    assert "locked" not in server_log.lower() and "Traceback" not in server_log, server_log[-3000:]
    assert run.returncode == 0, run_err[-3000:]
    assert "locked" not in (run_out + run_err).lower()
    # every report either writer took is stored, analyzed and linked
    posted = {}
    for body, (status, text) in zip(bodies, answers, strict=True):
        if status == 0:  # not sent: past the deadline
            continue
        (report,) = json.loads(text)["reports"]
        assert report["status"] in ("analyzed", "unchanged") and report["doc_id"], report
        posted[report["doc_id"]] = body["id"]
    db = folder / "shared.db"
    with sqlite3.connect(db) as conn:
        stored = {r[0] for r in conn.execute("SELECT d.id FROM documents d JOIN analyses a ON a.doc_id = d.id")}
        from_run = conn.execute("SELECT COUNT(*) FROM documents WHERE external_id LIKE 'acled-%'").fetchone()[0]
    conn.close()
    lost = set(posted) - stored
    assert not lost, f"{len(lost)} accepted reports are not stored: {sorted(posted[i] for i in lost)[:5]}"
    read = re.search(r"\((\d+) analyzed, (\d+) unchanged", run_out)
    assert read, run_out
    assert from_run == int(read.group(1)) + int(read.group(2)), run_out
    assert not store_problems(db, {b["id"] for b in bodies} | {f"acled-{g.row}" for g in load_gold(acled, limit=batch)})
    assert not finished_problems(db), finished_problems(db)
    store = open_store(db)
    try:
        assert update_story_links(store) == 0  # no story's links went stale between the two writers
    finally:
        store.close()
    # and all within the time: checked last, so that what was sent is checked whatever the speed
    unanswered = sum(1 for status, _ in answers if status == 0)
    assert not unanswered, f"{unanswered} of {len(bodies)} requests not sent within {seconds:.0f}s"
    return {"requests": len(bodies), "clients": CLIENTS, "accepted": len(posted), "run_reports": from_run,
            "stored": len(stored), "posting_seconds": round(posting, 1), "seconds": round(elapsed, 1),
            "longest_request": round(max(waits), 1), "median_request": round(sorted(waits)[len(waits) // 2], 1)}


def test_the_server_and_a_run_write_one_database_and_lose_nothing(
    shared_data: Path, tmp_path: Path, pycache: Path
) -> None:
    figures = writers_side_by_side(tmp_path, pycache, shared_data / "acled", batch=80, requests=80, seconds=150)
    print(figures)


@pytest.mark.faults
def test_1000_requests_from_20_clients_beside_a_run_lose_nothing(
    shared_data: Path, tmp_path: Path, pycache: Path
) -> None:
    figures = writers_side_by_side(tmp_path, pycache, shared_data / "acled", batch=1000, requests=1000, seconds=3600)
    print(figures)
