"""The import contract in pyproject.toml: stages flow one way, and a backward import breaks it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(src: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_the_stages_keep_their_layers() -> None:
    run = _lint(REPO / "src")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 kept, 0 broken" in run.stdout


def test_a_backward_import_breaks_the_contract(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(REPO / "src" / "triangulate", src / "triangulate",
                    ignore=shutil.ignore_patterns("__pycache__", "data"))
    with (src / "triangulate" / "read" / "nlp.py").open("a", encoding="utf-8") as handle:
        handle.write("\nimport triangulate.report.markdown  # read must not know the report\n")
    run = _lint(src)
    assert run.returncode != 0
    assert "triangulate.read is not allowed to import triangulate.report" in run.stdout


def test_no_two_modules_import_each_other() -> None:
    import grimp

    graph = grimp.build_graph("triangulate", exclude_type_checking_imports=True)
    loops = sorted({tuple(sorted((module, imported)))
                    for module in graph.modules for imported in graph.find_modules_directly_imported_by(module)
                    if graph.chain_exists(importer=imported, imported=module)})
    assert loops == [], f"import loops: {loops}"
