"""Server time to render the dossier page over a store of 200 real reports: the stories list and story pages.

    .venv/bin/python bench/serve.py [--reports 200] [--requests 20] [--store out/bench-serve/triangulate.db]

The reports are the disputes set's (conflict news, several outlets per event) and then ECB+ dev
documents, from $TRIANGULATE_DATA; they are analyzed once with the pipeline into the store, which is kept
(a later run reuses it). Each page is requested through the app in process (no network), once to warm
up and then `--requests` times; printed: median and p95 in milliseconds, against the 300 ms target.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
import warnings
from pathlib import Path
from typing import Any

from triangulate.evaluate.common import default_data_dir
from triangulate.pipeline import run
from triangulate.report.browse import list_stories
from triangulate.serve.app import create_app
from triangulate.store import open_store

with warnings.catch_warnings():  # starlette's TestClient warns about its httpx
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TARGET_MS = 300.0


def real_reports(data: Path, count: int) -> list[dict[str, Any]]:
    """`count` reports: every disputes report (with its metadata), then ECB+ dev documents."""
    reports: list[dict[str, Any]] = []
    for folder in sorted(p for p in (data / "disputes").iterdir() if p.is_dir()):
        for line in (folder / "metadata.jsonl").read_text(encoding="utf-8").splitlines():
            meta = json.loads(line)
            text = (folder / meta["file"]).read_text(encoding="utf-8")
            reports.append({"id": f"{folder.name}/{meta['file']}", "text": text, "title": meta.get("title"),
                            "outlet": meta.get("outlet"), "url": meta.get("url"), "published": meta.get("published")})
    path = data / "clustering" / "ecbplus_dev" / "documents.jsonl"
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if len(reports) >= count:
                break
            doc = json.loads(line)
            reports.append({"id": f"ecbplus/{doc['id']}", "text": doc["text"], "url": doc.get("url")})
    return reports[:count]


def build_store(db: Path, count: int) -> None:
    """Analyze the reports into `db` unless it already holds them."""
    if db.is_file():
        store = open_store(db)
        try:
            if store.counts()["documents"] >= count:
                return
        finally:
            store.close()
    data = default_data_dir()
    if not (data / "disputes").is_dir() or not (data / "clustering").is_dir():
        raise SystemExit(f"no disputes or clustering data under {data}: set TRIANGULATE_DATA")
    db.parent.mkdir(parents=True, exist_ok=True)
    source = db.parent / "reports.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in real_reports(data, count)),
                      encoding="utf-8")
    start = time.perf_counter()
    result = run([source], None, db)
    print(f"analyzed {result.analyzed} reports into {db} in {time.perf_counter() - start:.0f} s")


def timed(client: TestClient, path: str, requests: int) -> list[float]:
    response = client.get(path)  # warm up
    assert response.status_code == 200, (path, response.status_code)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--store", type=Path, default=Path("out") / "bench-serve" / "triangulate.db")
    args = parser.parse_args()
    build_store(args.store, args.reports)
    store = open_store(args.store)
    try:
        counts = store.counts()
        stories = list_stories(store, limit=10_000).stories
    finally:
        store.close()
    most_reports = max(stories, key=lambda s: (s.reports, s.merged_events))
    most_events = max(stories, key=lambda s: (s.merged_events, s.reports))
    median = sorted(stories, key=lambda s: (s.reports, s.merged_events))[len(stories) // 2]
    print(f"store: {counts['documents']} reports, {counts['stories']} stories, {counts['events']} events, "
          f"{counts['claims']} claims")
    pages = [("stories list", "/"), ("stories list, search", "/?q=attack"),
             *((f"story page, {what} ({s.reports} reports, {s.merged_events} events)", f"/stories/{s.id}")
               for what, s in (("most reports", most_reports), ("most events", most_events))),
             (f"story page, median ({median.reports} reports, {median.merged_events} events)", f"/stories/{median.id}")]
    with TestClient(create_app(args.store), base_url="http://127.0.0.1") as client:
        for label, path in pages:
            times = timed(client, path, args.requests)
            p50 = statistics.median(times)
            p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
            verdict = "ok" if p95 < TARGET_MS else f"over the {TARGET_MS:.0f} ms target"
            print(f"{label}: median {p50:.1f} ms, p95 {p95:.1f} ms ({len(times)} requests) {verdict}")


if __name__ == "__main__":
    main()
