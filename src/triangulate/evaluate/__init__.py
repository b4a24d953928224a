"""evaluate: accuracy harnesses over the shared human-annotated data.

Every harness is a module here with

    DATA_SUBDIR: str                      # its folder under the data dir (e.g. "acled")
    def run(data_dir: Path, split: str = "dev", limit: int | None = None) -> dict

`run` returns {"data": name, "split": split, "n": items scored, "metrics": {name: float}}
plus anything else worth keeping (error counts, confusions). Metric names may carry a
sub-set prefix ("lgl.acc161_gold"); tables group on it. Scores are fractions in [0, 1]
unless the name says otherwise (…_km distances, n_… or …_count counts), or the result lists the
name under "mean_counts" (a count averaged over items, printed as a number).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

HARNESSES: dict[str, str] = {
    "acled": "triangulate.evaluate.acled",
    "clustering": "triangulate.evaluate.clustering",
    "petrarch": "triangulate.evaluate.petrarch",
    "geo": "triangulate.evaluate.geo",
    "time": "triangulate.evaluate.time",
    "stance": "triangulate.evaluate.stance",
    "disputes": "triangulate.evaluate.disputes",
    "attribution": "triangulate.evaluate.attribution",
}
# The splits a harness takes, where they are not dev and test (kept here: the CLI lists them
# without importing the harnesses).
SPLITS: dict[str, tuple[str, ...]] = {"disputes": ("dev", "heldout", "all"), "attribution": ("dev", "heldout", "train")}


def harness(name: str) -> ModuleType:
    if name not in HARNESSES:
        known = ", ".join(sorted(HARNESSES))
        raise KeyError(f"no harness named {name!r}; choose one of {known}")
    return importlib.import_module(HARNESSES[name])


def splits(name: str) -> tuple[str, ...]:
    """The split names harness `name` accepts; the first is its default."""
    return SPLITS.get(name, ("dev", "test"))


def run_harness(name: str, data_dir: Path | None = None, split: str = "dev", limit: int | None = None) -> dict[str, Any]:
    from triangulate.evaluate.common import default_data_dir

    module = harness(name)
    folder = data_dir or default_data_dir() / module.DATA_SUBDIR
    if not folder.exists():
        raise FileNotFoundError(
            f"no data for {name} at {folder}; pass --data or set TRIANGULATE_DATA to the shared data folder"
        )
    result: dict[str, Any] = module.run(folder, split=split, limit=limit)
    return result
