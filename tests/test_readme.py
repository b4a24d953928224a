"""Every example in the README runs: `$ triangulate ...` console lines and the Python blocks."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from triangulate.cli import main

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = re.findall(r"^\$ (triangulate .+)$", README, flags=re.M)
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)


def test_readme_shows_the_two_commands() -> None:
    assert "make run" in README and "make test" in README
    assert COMMANDS and PYTHON_BLOCKS


def test_console_examples_run_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    for command in COMMANDS:  # later examples use what earlier ones wrote
        args = shlex.split(command)[1:]
        args = [str(tmp_path / a) if a.startswith("out/") else a for a in args]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, f"{command}\n{result.output}"


@pytest.mark.parametrize("block", PYTHON_BLOCKS)
def test_python_examples_run(block: str, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(block, "README.md", "exec"), {})
    assert capsys.readouterr().out.strip()


def test_the_accuracy_summary_is_the_one_in_the_accuracy_doc() -> None:
    def summary(text: str) -> str:
        found = re.search(r"<!-- summary:start -->\n(.*?)<!-- summary:end -->", text, flags=re.S)
        assert found, "no summary block"
        return found.group(1)

    doc = (REPO / "docs" / "accuracy.md").read_text(encoding="utf-8")
    assert summary(README) == summary(doc)
    assert not re.search(r"\b[A-Z]+(_[A-Z0-9]+)+\b", summary(doc)), "a figure is still a placeholder"
