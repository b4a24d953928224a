"""What every harness needs: where the data is, and distances on the globe."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def default_data_dir() -> Path:
    """`$TRIANGULATE_DATA`, else `../shared/data` beside the checkout, else beside the working folder."""
    if os.environ.get("TRIANGULATE_DATA"):
        return Path(os.environ["TRIANGULATE_DATA"])
    beside_repo = Path(__file__).resolve().parents[3].parent / "shared" / "data"
    if beside_repo.is_dir():
        return beside_repo
    return Path("..") / "shared" / "data"


def print_result(result: dict[str, Any]) -> None:
    """One table per data set: metrics grouped by their sub-set prefix."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{result['data']} ({result.get('split', 'dev')}, {result.get('n', '?')} items)")
    table.add_column("set")
    table.add_column("metric")
    table.add_column("score", justify="right")
    for name, value in result["metrics"].items():
        subset, _, metric = name.rpartition(".")
        if isinstance(value, int) and not isinstance(value, bool):
            shown = str(value)  # a count: stories, items
        elif name in result.get("mean_counts", ()):
            shown = f"{value:.2f}"  # a count averaged over items (the harness lists them)
        elif metric.endswith("_km") or "_km_" in metric:
            shown = f"{value:.1f}"
        else:
            shown = f"{100 * value:.1f}%"
        table.add_row(subset or result["data"], metric, shown)
    Console().print(table)
