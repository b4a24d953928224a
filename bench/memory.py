"""Peak memory of one `triangulate run` over N reports, for two sizes, and their ratio (target <= 1.3).

    .venv/bin/python bench/memory.py [--sizes 2000 20000]

The reports are real ACLED notes from $TRIANGULATE_DATA/acled. A size beyond the notes at hand is made
from them with a perturbation that keeps every report distinct (near-duplicates would be dropped and
never analyzed, as 13,400 of 20,000 were when copy k of note i was note i followed by note i+k: that
copy holds note i whole): copy k of note i is the second half of note i's words followed by the first
half of note i+k's, about as long as a note (18,887 of 20,000 are kept,
as 1,879 of the first 2,000). Each run is a fresh process writing
a fresh database, and its peak resident set is read from the operating system when it ends.

Both runs read the gazetteer from a cache of the bench's own, built before them: the shared cache
(`~/.cache/triangulate`) holds one checkout's gazetteer at a time, and a run that finds another checkout's
there builds its own anew, which raised a 2,000-report run's peak from 625 to 977 MB (thirteenth session).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from triangulate.evaluate.acled import load_gold
from triangulate.evaluate.common import default_data_dir

TARGET = 1.3


def reports(n: int) -> list[dict[str, str]]:
    notes = [g.notes for g in load_gold(default_data_dir() / "acled")]
    out = []
    for i in range(n):
        copy, at = divmod(i, len(notes))
        if copy == 0:
            text = notes[at]
        else:
            first, second = notes[at].split(), notes[(at + copy) % len(notes)].split()
            text = " ".join(first[len(first) // 2:] + second[: len(second) // 2])
        out.append({"id": f"r{i}", "text": text})
    return out


def own_cache(folder: Path) -> dict[str, str]:
    """The environment of the runs: a gazetteer cache in `folder`, built now (not measured)."""
    env = {**os.environ, "TRIANGULATE_CACHE": str(folder / "cache")}
    subprocess.run([sys.executable, "-c", "from triangulate.read.gazetteer import load_gazetteer; load_gazetteer()"],
                   env=env, check=True)
    return env


def peak_rss_mb(n: int, folder: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Peak resident memory (MB) and wall time (s) of `triangulate run` over n reports."""
    source = folder / f"reports-{n}.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for report in reports(n):
            handle.write(json.dumps(report) + "\n")
    script = Path(sys.executable).with_name("triangulate")
    start = time.perf_counter()
    process = subprocess.Popen([str(script), "run", str(source), "--out", str(folder / f"out-{n}"), "--quiet"],
                               stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"triangulate run over {n} reports failed (status {status})")
    return usage.ru_maxrss / 1024, time.perf_counter() - start  # ru_maxrss is in KB on Linux


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs=2, default=[2000, 20000])
    args = parser.parse_args()
    small, large = args.sizes
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = own_cache(folder)
        small_mb, small_s = peak_rss_mb(small, folder, env)
        print(f"{small} reports: peak {small_mb:.0f} MB ({small_s:.0f} s)")
        large_mb, large_s = peak_rss_mb(large, folder, env)
        print(f"{large} reports: peak {large_mb:.0f} MB ({large_s:.0f} s)")
    print(f"peak memory {large} / {small} reports = {large_mb / small_mb:.2f} (target <= {TARGET})")


if __name__ == "__main__":
    main()
