"""The set-up contract: locks pinned by hash with no machine's lines, a pinned installer, CI needing its data."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LOCKS = sorted(REPO.glob("requirements*.lock"))
# A lock may not say where it was made: no index, mirror or local folder.
MACHINE_LINE = re.compile(r"^\s*(--?(index-url|extra-index-url|find-links|trusted-host)\b|-[if]\s)|file:/")


def requirements(lock: Path) -> dict[str, str]:
    """Each requirement of a lock (continuation lines joined), by its name."""
    joined = re.sub(r"\\\n", " ", lock.read_text(encoding="utf-8"))
    found = {}
    for line in joined.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            found[re.split(r"[=<>!~ ;\[]", line.strip(), maxsplit=1)[0].lower()] = line
    return found


def test_the_three_locks_are_there() -> None:
    assert [p.name for p in LOCKS] == ["requirements-bootstrap.lock", "requirements-dev.lock", "requirements.lock"]


@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.name)
def test_a_lock_holds_no_line_of_the_machine_it_was_made_on(lock: Path) -> None:
    bad = [line for line in lock.read_text(encoding="utf-8").splitlines() if MACHINE_LINE.search(line)]
    assert not bad, f"{lock.name} names a local index or folder: {bad}"


@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.name)
def test_every_locked_requirement_is_one_version_with_hashes(lock: Path) -> None:
    for name, line in requirements(lock).items():
        assert re.match(rf"{re.escape(name)}==[\w.+!-]+[ ;]", line, flags=re.I), line
        assert "--hash=sha256:" in line, f"{name} has no hash in {lock.name}"


def test_the_machine_line_check_catches_what_pip_compile_used_to_write() -> None:
    for line in ("--extra-index-url file:///opt/pypi/simple", "--find-links /opt/wheels",
                 "--index-url https://mirror.example/simple", "-f ./wheels"):
        assert MACHINE_LINE.search(line), line
    assert not MACHINE_LINE.search("rich==14.0.0 \\")


def test_the_installer_is_pinned_and_installed_first_with_hashes() -> None:
    assert list(requirements(REPO / "requirements-bootstrap.lock")) == ["uv"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("$(STAMP):"):makefile.index("touch $(STAMP)")]
    bootstrap = recipe.index("-r requirements-bootstrap.lock")
    assert "--require-hashes" in recipe[:bootstrap]
    assert bootstrap < recipe.index("$(UV) pip sync") < recipe.index("-e .")
    assert "--require-hashes requirements.lock requirements-dev.lock" in recipe
    assert "--no-emit-index-url" in makefile and "--no-emit-find-links" in makefile


def test_the_dev_lock_agrees_with_the_runtime_lock() -> None:
    runtime, dev = requirements(REPO / "requirements.lock"), requirements(REPO / "requirements-dev.lock")
    for name in set(runtime) & set(dev):
        assert runtime[name].split()[0] == dev[name].split()[0], name


def test_the_license_is_an_spdx_string() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert all((REPO / name).is_file() for name in project["license-files"])


def _pytest(args: list[str], ci: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CI": ci, "TRIANGULATE_DATA": str(data)}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs", *args],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_under_ci_missing_data_fails_the_run_and_says_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()  # one folder there, the others missing
    run = _pytest(["--collect-only", "-q", "tests/test_setup.py"], ci="true", data=tmp_path)
    assert run.returncode == 3, run.stdout + run.stderr
    out = run.stdout + run.stderr
    assert "CI requires the shared data" in out
    assert str(tmp_path / "acled") in out and str(tmp_path / "seeds") not in out


def test_without_ci_missing_data_skips_the_data_tests(tmp_path: Path) -> None:
    run = _pytest(["tests/test_accuracy_gate.py"], ci="", data=tmp_path / "none")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "skipped" in run.stdout and "shared data not found" in run.stdout
