"""Memory stays bounded for a 200 MB input: `triangulate run -` in its own process, standard input a 200 MB
JSON Lines line read from a sparse file, the growth of its peak resident memory during the run.

The catalogue measures what Python allocates in this process (tracemalloc); this measures the real
process, whatever allocates. There is no report to analyze, so no model is loaded.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

MB = 2**20
# The child imports what the command will (so that their memory is in the baseline), notes its peak
# resident memory, runs the real command on its real standard input, and says both peaks.
CHILD = """
import resource, sys
import triangulate.cli, triangulate.watch, triangulate.ingest.jsonl
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    triangulate.cli.main(["run", "-", "--out", sys.argv[1], "--quiet"])
finally:
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stderr.write(f"\\npeak-kb {before} {after}\\n")
"""


def test_a_200_mb_line_on_standard_input_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    with big.open("wb") as handle:  # a hole after the head: 200 MB on reading, nothing on disk
        handle.write(b'{"id": "big", "text": "' + b"x" * 16_384)
        handle.truncate(200 * MB - 3)
        handle.seek(200 * MB - 3)
        handle.write(b'"}\n')
    started = time.perf_counter()
    with big.open("rb") as stdin:
        done = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "out")], stdin=stdin,
                              capture_output=True, text=True, timeout=180, check=False)
    seconds = time.perf_counter() - started
    assert done.returncode == 1 and "no report could be read" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "warning: <stdin>:1: E126: line 1 is over the 5 MB cap" in done.stderr
    before, after = (int(kb) // 1024 for kb in done.stderr.rsplit("peak-kb ", 1)[1].split())
    # read 5 MB at a time: the peak grows by a few of those reads, not by the 200 MB line (it grew by
    # 400 MB when a line was read whole)
    assert after - before < 48, (before, after)
    assert seconds < 120
