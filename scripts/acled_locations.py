"""Development loop for the ACLED event location (within 25 km of the gold point).

Parses every dev note once and caches the spaCy docs (DocBin) under /tmp, so reruns time only
the reader and the coder. Prints location_25km for the development rows (0 to --dev-rows - 1),
the held-out rows (--dev-rows on: only their aggregate is printed, never a row) and the first 300
(the accuracy gate); writes the development rows' events, places and gold to --out (JSON), for
error analysis.

    python scripts/acled_locations.py [--dev-rows 2400] [--out /tmp/acled_locations.json]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
from pathlib import Path

from spacy.tokens import DocBin

from triangulate.evaluate.acled import load_gold, score_one
from triangulate.evaluate.common import haversine_km
from triangulate.extract import Extractor
from triangulate.read import Reader
from triangulate.read.nlp import load_nlp
from triangulate.records import AnalyzedDocument, Document, document_id

CACHE = Path("/tmp/triangulate-acled-notes.spacy")
GATE_ROWS = 300


def _off(lat: float | None, lon: float | None, gold_lat: float, gold_lon: float) -> float | None:
    return round(haversine_km(lat, lon, gold_lat, gold_lon)) if lat is not None and lon is not None else None


def main(argv: list[str] | None = None) -> int:
    repo = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-rows", type=int, default=2400)
    parser.add_argument("--out", default="/tmp/acled_locations.json")
    parser.add_argument("--data", default=os.environ.get("TRIANGULATE_DATA", str(repo.parent / "shared" / "data")))
    args = parser.parse_args(argv)
    folder = Path(args.data) / "acled"
    gold = load_gold(folder)
    with gzip.open(sorted(folder.glob("*.csv.gz"))[0], "rt", encoding="utf-8") as handle:
        rows = dict(enumerate(csv.DictReader(handle)))
    nlp = load_nlp()
    if CACHE.is_file():
        docs = list(DocBin().from_disk(CACHE).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((g.notes for g in gold), batch_size=64))
        bin_ = DocBin()
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(CACHE)
    reader, extractor = Reader.default(), Extractor.default()
    hits = {"dev": 0, "held_out": 0, "gate": 0}
    counts = {"dev": 0, "held_out": 0, "gate": 0}
    dump = []
    for k, (g, doc) in enumerate(zip(gold, docs, strict=True)):
        document = Document(id=document_id(g.notes) + f"-{g.row}", external_id=f"acled:{g.row}", text=g.notes)
        read = reader.read(document, doc)
        found = extractor.extract(read)
        analyzed = AnalyzedDocument(document=document, places=read.places, times=read.times,
                                    mentions=read.actor_mentions, actors=sorted(read.actors.values(), key=lambda a: a.id),
                                    events=found.events, claims=found.claims)
        ok = score_one(g, analyzed)["location_25km"]
        split = "dev" if k < args.dev_rows else "held_out"
        hits[split] += ok
        counts[split] += 1
        if k < GATE_ROWS:
            hits["gate"] += ok
            counts["gate"] += 1
        if split != "dev":
            continue  # held out: counted, never looked at
        row = rows[g.row]
        place = found.events[0].place if found.events else None

        dump.append({
            "k": k, "ok": ok, "notes": g.notes, "country": g.country, "gold": [row["location"], row["admin1"],
            row["admin2"], row["geo_precision"], g.lat, g.lon], "event": bool(found.events),
            "place": None if place is None else [place.text, place.name, place.feature_code, place.country,
                                                 _off(place.lat, place.lon, g.lat, g.lon)],
            "places": [[p.text, p.name, p.feature_code, p.country, _off(p.lat, p.lon, g.lat, g.lon)]
                       for p in read.places],
        })
    Path(args.out).write_text(json.dumps(dump), encoding="utf-8")
    for split in ("dev", "held_out", "gate"):
        n = counts[split]
        print(f"{split:9s} location_25km {hits[split] / n if n else 0.0:.4f} ({hits[split]}/{n})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
