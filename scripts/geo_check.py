"""Quick accuracy check of the place resolver on gold toponym spans (DEV data only).

Runs Geoparser.resolve_spans on the gold spans of lgl.jsonl.gz and trnews_dev.jsonl.gz (first N
documents each) and prints acc@161km, mean and median error over toponyms with gold coordinates
(an unresolved toponym counts as a miss at 20,000 km in the mean).
    python scripts/geo_check.py [--docs 200]
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import statistics
import time
from pathlib import Path

from triangulate.read.nlp import load_nlp
from triangulate.read.places import Geoparser
from triangulate.records import Document, document_id

DATA = Path(os.environ.get("TRIANGULATE_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
MISS_KM = 20_000.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def check(path: Path, max_docs: int) -> None:
    nlp, geoparser = load_nlp(), Geoparser.default()
    errors: list[float] = []
    exact = resolved = 0
    parse_s = geo_s = 0.0
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if n >= max_docs:
                break
            row = json.loads(line)
            gold = [t for t in row["toponyms"] if t.get("lat") is not None and not t.get("span_mismatch")]
            text = row["text"]
            document = Document(id=document_id(text), external_id=str(row["doc_id"]), text=text)
            t0 = time.perf_counter()
            doc = nlp(text)
            t1 = time.perf_counter()
            places = geoparser.resolve_spans(doc, [(t["start"], t["end"]) for t in gold], document)
            geo_s += time.perf_counter() - t1
            parse_s += t1 - t0
            for toponym, place in zip(gold, places, strict=True):
                if place is None or place.lat is None or place.lon is None:
                    errors.append(MISS_KM)
                    continue
                resolved += 1
                exact += int(place.geonames_id is not None and str(place.geonames_id) == str(toponym.get("geonameid")))
                errors.append(haversine_km(float(toponym["lat"]), float(toponym["lon"]), place.lat, place.lon))
    total = len(errors)
    acc = sum(e <= 161 for e in errors) / total
    resolved_errors = [e for e in errors if e < MISS_KM]
    print(
        f"{path.name}: docs={min(n + 1, max_docs)} toponyms={total} resolved={resolved / total:.3f} "
        f"acc@161={acc:.3f} exact_id={exact / total:.3f} "
        f"mean_err_km(all, miss={MISS_KM:.0f})={statistics.fmean(errors):.0f} "
        f"mean_err_km(resolved)={statistics.fmean(resolved_errors):.0f} median={statistics.median(errors):.0f} "
        f"| spaCy {parse_s:.1f}s, places {geo_s:.2f}s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=200)
    args = parser.parse_args()
    t0 = time.perf_counter()
    Geoparser.default()
    print(f"gazetteer load {time.perf_counter() - t0:.2f}s")
    for name in ("lgl.jsonl.gz", "trnews_dev.jsonl.gz"):
        check(DATA / "geo" / name, args.docs)


if __name__ == "__main__":
    main()
