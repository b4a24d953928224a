"""Tests for triangulate.report.indented: the same text as json.dumps(..., ensure_ascii=False, indent=1)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from triangulate.report.indented import dumps


def _same(value: Any) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_the_seed_dossier_reads_the_same(seeds_run: dict[str, Any]) -> None:
    dossier = seeds_run["dossier"]
    _same(dossier)
    for value in dossier.values():
        for item in value if isinstance(value, list) else [value]:
            _same(item)


@pytest.mark.parametrize("value", [
    {}, [], "", 0, None, True, -0.0, 1e300, float("nan"), float("-inf"), (1, "two"),
    {"quote \" and \\ and \u2028 and \x00 and é": [[], {}, [[1.5]], {"deep": {"er": [False, None]}}]},
    {3: "int key", 2.5: "float key", True: "bool key", False: "other", None: "null key"},
])
def test_edge_values(value: Any) -> None:
    _same(value)


def test_what_json_refuses_it_refuses() -> None:
    with pytest.raises(TypeError):
        dumps({"when": object()})
    with pytest.raises(TypeError):
        dumps({(1, 2): "a tuple key"})
