"""ACLED dev split by rows: the developed rows (0-2,399) and the held-out rest, scored apart.

Parses every note once and keeps the parses in a DocBin (--cache), so that later runs cost only
the reading and coding. Per-row details (--rows-out, JSON lines: the note, gold and our types,
actors, the event's place and every place found, each with its distance from the gold point)
are written for the developed rows only: the held-out rows are printed as aggregate scores and
nothing else. The accuracy gate's sample is `triangulate evaluate acled --limit 300`.

    .venv/bin/python scripts/acled_split.py [--part dev|held|both] [--cache FILE] [--rows-out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin

from triangulate.evaluate import acled
from triangulate.evaluate.common import haversine_km
from triangulate.pipeline import Pipeline
from triangulate.read.nlp import load_nlp
from triangulate.records import AnalyzedDocument, Document, Place, document_id
from triangulate.report.acled import acled_types

DEVELOPED_ROWS = 2400
METRICS = ("event_type", "sub_event_type", "actor1", "actor2", "event_date", "location_25km")


def _off(place: Place, gold: acled.GoldEvent) -> int | None:
    """Kilometres from the gold point, for error analysis."""
    if place.lat is None or place.lon is None:
        return None
    return round(haversine_km(place.lat, place.lon, gold.lat, gold.lon))


def main(argv: list[str] | None = None) -> int:
    repo = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("dev", "held", "both"), default="dev")
    parser.add_argument("--cache", default="/tmp/acled-parses.spacy", help="DocBin of the notes' parses")
    parser.add_argument("--rows-out", default=None, help="JSON lines of the developed rows' results")
    parser.add_argument("--data", default=os.environ.get("TRIANGULATE_DATA", str(repo.parent / "shared" / "data")))
    args = parser.parse_args(argv)
    gold = acled.load_gold(Path(args.data) / acled.DATA_SUBDIR)
    nlp = load_nlp()
    cache = Path(args.cache)
    if cache.is_file():
        docs = list(DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((g.notes for g in gold), batch_size=64))
        bin_ = DocBin(store_user_data=True)
        for doc in docs:
            bin_.add(doc)
        cache.write_bytes(bin_.to_bytes())
    if len(docs) != len(gold):
        print(f"{cache} holds {len(docs)} parses for {len(gold)} notes; delete it", file=sys.stderr)
        return 2
    pipeline = Pipeline()
    hits = {"dev": Counter[str](), "held": Counter[str]()}
    counts: Counter[str] = Counter()
    empty: Counter[str] = Counter()
    out = open(args.rows_out, "w", encoding="utf-8") if args.rows_out else None  # noqa: SIM115
    for g, doc in zip(gold, docs, strict=True):
        part = "dev" if g.row < DEVELOPED_ROWS else "held"
        if args.part != "both" and part != args.part:
            continue
        document = Document(id=document_id(g.notes) + f"-{g.row}", external_id=f"acled:{g.row}", text=g.notes)
        read = pipeline.reader.read(document, doc)
        found = pipeline.extractor.extract(read)
        analyzed = AnalyzedDocument(document=document, places=read.places, times=read.times,
                                    mentions=read.actor_mentions, actors=list(read.actors.values()),
                                    events=found.events, claims=found.claims)
        scores = acled.score_one(g, analyzed)
        hits[part].update(k for k, ok in scores.items() if ok)
        counts[part] += 1
        empty[part] += not found.events
        if out is not None and part == "dev":
            actors = {a.id: a for a in analyzed.actors}
            first = found.events[0] if found.events else None
            row = {"row": g.row, "notes": g.notes, "country": g.country, "gold": [
                g.event_type, g.sub_event_type, g.actor1, g.actor2, g.lat, g.lon], "scores": scores,
                "places": [[p.text, p.name, p.feature_code, p.country, _off(p, g)] for p in read.places]}
            if first is not None:
                row["ours"] = [*acled_types(first, actors, found.events), first.source_actor, first.target_actor]
                place = first.place
                row["place"] = None if place is None else [place.text, place.name, place.feature_code,
                                                           place.country, _off(place, g)]
            out.write(json.dumps(row) + "\n")
    if out is not None:
        out.close()
    for part, label in (("dev", f"rows 0-{DEVELOPED_ROWS - 1}"), ("held", f"rows {DEVELOPED_ROWS}+ (held out)")):
        n = counts[part]
        if n:
            figures = ", ".join(f"{m} {hits[part][m] / n:.1%}" for m in METRICS)
            print(f"{label}: n={n}, {figures}, no_event {empty[part] / n:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
