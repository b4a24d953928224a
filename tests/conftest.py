"""Shared fixtures: the spaCy pipeline and the seed run (once per session), the shared data CI must have,
and a throwaway PostgreSQL server (once per session) with a fresh database per test."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from spacy.language import Language

from tests import pg_cluster
from triangulate.cli import main
from triangulate.evaluate import HARNESSES, harness
from triangulate.read.nlp import load_nlp

REPO = Path(__file__).resolve().parents[1]

# The shared folders the suite reads (the seeds and every harness's); under CI each must be there.
NEEDED = ("seeds", *sorted({harness(name).DATA_SUBDIR for name in HARNESSES}))


def data_dir() -> Path:
    return Path(os.environ.get("TRIANGULATE_DATA", REPO.parent / "shared" / "data"))


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing_data(root: Path) -> list[str]:
    """The needed shared folders that are not there, as paths."""
    if not root.is_dir():
        return [str(root)]
    return [str(root / name) for name in NEEDED if not (root / name).is_dir()]


def need_data(path: Path, what: str) -> Path:
    """`path` if it is a folder; else skip the test, or fail it under CI, where data is required."""
    if path.is_dir():
        return path
    message = f"{what} not found at {path}; set TRIANGULATE_DATA or put ../shared/data beside the repo"
    if under_ci():
        pytest.fail(f"CI requires the shared data: {message}", pytrace=False)
    pytest.skip(message)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under CI a missing data folder ends the run at once, saying which folders are missing."""
    if not under_ci():
        return
    missing = missing_data(data_dir())
    if missing:
        pytest.exit("CI requires the shared data, and these folders are missing: " + ", ".join(missing)
                    + " (set TRIANGULATE_DATA or put ../shared/data beside the repo)", returncode=3)


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return need_data(data_dir(), "shared data")


@pytest.fixture(scope="session")
def seeds_dir(shared_data: Path) -> Path:
    return need_data(shared_data / "seeds", "seed reports")


@pytest.fixture(scope="session")
def seeds_run(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`triangulate run` on the seed reports, once per test session: its folder, dossier, Markdown and output."""
    out = tmp_path_factory.mktemp("seeds")
    result = CliRunner().invoke(main, ["run", str(seeds_dir), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    return {"out": out, "dossier": dossier, "output": result.output,
            "markdown": (out / "dossier.md").read_text(encoding="utf-8")}


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[pg_cluster.Cluster | str]:
    """A PostgreSQL server for the session (started once, ~1 s), stopped at the end; else why there is none."""
    try:
        cluster = pg_cluster.start()
    except pg_cluster.Unavailable as exc:
        yield str(exc)
        return
    try:
        yield cluster
    finally:
        cluster.stop()


def fresh_postgres(cluster: pg_cluster.Cluster | str) -> str:
    """The URL of a new, empty database on `cluster`; skips the test when no server could be started here,
    and fails it under CI, where PostgreSQL is required."""
    if isinstance(cluster, str):
        message = f"no PostgreSQL server could be started: {cluster}"
        if under_ci():
            pytest.fail(f"CI requires PostgreSQL for the store tests: {message}", pytrace=False)
        pytest.skip(message)
    return cluster.database()


@pytest.fixture
def postgres_url(postgres_cluster: pg_cluster.Cluster | str) -> str:
    return fresh_postgres(postgres_cluster)
