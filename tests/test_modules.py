"""Rooms of one purpose: every module of src/ says what it is for and stays a readable size."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "triangulate"
MODULES = sorted(SRC.rglob("*.py"))
MAX_LINES = 650  # "about 600": a module past this holds more than one room


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_a_module_opens_with_a_docstring_and_stays_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(text))
    assert docstring and docstring.strip(), f"{path.name} has no docstring saying what it is for"
    assert len(text.splitlines()) <= MAX_LINES, f"{path.name}: {len(text.splitlines())} lines"
