"""Start-up: the wall time of `triangulate --help` in a fresh process (median of 7), against its target.

    .venv/bin/python bench/startup.py
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 0.5  # seconds


def main() -> None:
    script = shutil.which("triangulate") or str(Path(sys.executable).with_name("triangulate"))
    times = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run([script, "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    print(f"triangulate --help: median {statistics.median(times):.2f} s, slowest {max(times):.2f} s "
          f"(target < {TARGET} s)")


if __name__ == "__main__":
    main()
