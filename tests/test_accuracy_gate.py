"""The accuracy gate: every harness on its fixed dev sample, against the committed floors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import need_data
from triangulate.evaluate import HARNESSES, harness, run_harness

FLOOR_DIR = Path(__file__).resolve().parents[1] / "accuracy_floors"
FLOORS: dict[str, Any] = {p.stem: json.loads(p.read_text()) for p in sorted(FLOOR_DIR.glob("*.json"))}
GATED = sorted(FLOORS)


def test_every_floor_names_a_harness() -> None:
    assert set(GATED) <= set(HARNESSES)


@pytest.mark.parametrize("name", GATED)
def test_scores_stay_above_their_floors(name: str, shared_data: Path) -> None:
    spec = FLOORS[name]
    folder = need_data(shared_data / harness(name).DATA_SUBDIR, f"{name} data")
    result = run_harness(name, folder, split="dev", limit=spec.get("limit"))
    failures = []
    for metric, floor in spec["metrics"].items():
        value = result["metrics"][metric]
        if isinstance(floor, dict):
            if value > floor["max"]:
                failures.append(f"{metric} = {value:.4f} above its max {floor['max']}")
        elif value < floor:
            failures.append(f"{metric} = {value:.4f} below its floor {floor}")
    assert not failures, f"{name}: " + "; ".join(failures)
