"""`triangulate --help` starts fast: the command line imports no heavy library until a command needs it."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("spacy", "pydantic", "fastapi", "uvicorn", "numpy", "dask", "psycopg", "requests", "trafilatura", "rich")


def test_the_command_group_loads_no_heavy_library() -> None:
    probe = ("import sys, triangulate.cli; "
             f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "", f"imported at start-up: {loaded}"


def test_help_lists_every_command() -> None:
    out = subprocess.run([sys.executable, "-c", "from triangulate.cli import main; main()", "--help"],
                         capture_output=True, text=True, check=True)
    for command in ("run", "check", "evaluate", "stories", "show", "search", "export", "serve", "watch"):
        assert f"  {command}" in out.stdout
