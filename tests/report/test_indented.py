"""Tests for triangulate.report.indented: json.dumps(..., ensure_ascii=False, indent=1), read back equal, compiled."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from triangulate.records import Event, Place
from triangulate.report.dossier import dump
from triangulate.report.indented import dumps


def _same(value: Any) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_the_seed_dossier_reads_the_same(seeds_run: dict[str, Any]) -> None:
    dossier = seeds_run["dossier"]
    assert json.loads(dumps(dossier)) == json.loads(json.dumps(dossier, ensure_ascii=False, indent=1))
    for value in dossier.values():
        for item in value if isinstance(value, list) else [value]:
            assert json.loads(dumps(item)) == item


def test_the_seed_dossier_has_the_same_characters_but_for_small_floats(seeds_run: dict[str, Any]) -> None:
    # the seeds' dossier holds no float Python writes with an exponent: every character is the same
    _same(seeds_run["dossier"])


@pytest.mark.parametrize("value", [
    {}, [], "", 0, None, True, -0.0, 1e300, float("-inf"), (1, "two"), 2**70, 0.1, 51.5074,
    {"quote \" and \\ and \u2028 and \x00 \x1f \x7f and é \U0001F600": [[], {}, [[1.5]], {"deep": {"er": [False, None]}}]},
    {3: "int key", 2.5: "float key", True: "bool key", False: "other"},
])
def test_edge_values(value: Any) -> None:
    _same(value)


def test_nan_is_written_as_python_writes_it() -> None:
    _same([float("nan"), float("inf")])
    assert math.isnan(json.loads(dumps({"x": float("nan")}))["x"])


def test_a_small_float_is_written_without_its_exponent_and_reads_back_the_same() -> None:
    # the one difference from the standard library (documented in docs/performance.md)
    assert json.dumps([1e-05, 2.5e-07]) == "[1e-05, 2.5e-07]"
    assert dumps([1e-05, 2.5e-07]) == "[\n 0.00001,\n 2.5e-7\n]"
    assert json.loads(dumps([1e-05, 2.5e-07])) == [1e-05, 2.5e-07]


def test_records_are_written_as_their_dumps() -> None:
    place = Place(start=0, end=6, text="Beirut", name="Beirut", country="LB", lat=33.8886, lon=35.4955, score=1e-05)
    event = Event(id="e1", doc_id="d1", type="PROTEST", place=place, source_text="Protesters\n\"é\"")
    for record in (place, event):
        assert dumps(record) == dumps(dump(record))
    assert dumps({"events": [event], "n": 1}) == dumps({"events": [dump(event)], "n": 1})


def test_what_json_refuses_it_refuses() -> None:
    with pytest.raises(TypeError):
        dumps({"when": object()})
