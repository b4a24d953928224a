"""What every harness needs: where the data is, and distances on the globe."""

from __future__ import annotations

import math
import os
from pathlib import Path


def default_data_dir() -> Path:
    """`$TRIANGULATE_DATA`, else `../shared/data` beside the checkout, else beside the working folder."""
    if os.environ.get("TRIANGULATE_DATA"):
        return Path(os.environ["TRIANGULATE_DATA"])
    beside_repo = Path(__file__).resolve().parents[3].parent / "shared" / "data"
    if beside_repo.is_dir():
        return beside_repo
    return Path("..") / "shared" / "data"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))
