"""Geoparsing harness: toponym resolution and recognition on the four news corpora in geo/.

Per set (TR-News dev, LGL, GeoWebNews, GeoVirus) two measures, as in Gritta et al. 2018:
- gold spans (`_gold`): the resolver alone (`Geoparser.resolve_spans`) on the annotated toponyms
  that have coordinates: acc@161 km, mean error in km and the AUC of the log error curve. A
  toponym left unresolved counts as an error of 20,039 km (half the Earth's circumference).
- own spans (`_own`): the recognizer's own toponyms (`Geoparser.toponyms`, which adds names inside
  other names and demonyms): exact-span precision, recall and F1 against the annotated toponyms
  with coordinates, and acc@161 over the matched ones. `_pipeline` is the same for
  `Geoparser.geoparse`, the places the pipeline stores (no embedded names, no demonyms).

LGL, GeoWebNews and GeoVirus are whole corpora used for development; `half="first"|"second"`
scores only the first or second half of each file (the second half is the held-out check).
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from triangulate.base.geo import haversine_km

DATA_SUBDIR = "geo"
MISS_KM = 20_039.0  # half the Earth's circumference: the error of an unresolved toponym
ACC_KM = 161.0
SETS: dict[str, str] = {
    "trnews": "trnews_dev.jsonl.gz",
    "lgl": "lgl.jsonl.gz",
    "gwn": "geowebnews.jsonl.gz",
    "geovirus": "geovirus.jsonl.gz",
}


@dataclass
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float
    lon: float


@dataclass
class GoldDoc:
    doc_id: str
    text: str
    toponyms: list[GoldToponym]
    url: str | None = None  # the report's address (or its site), as a user's document carries it


@dataclass
class SetScore:
    """Running totals for one corpus."""

    gold_errors: list[float] = field(default_factory=list)
    own_errors: list[float] = field(default_factory=list)
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    pipeline_predicted: int = 0
    pipeline_matched: int = 0
    parse_s: float = 0.0
    resolve_s: float = 0.0
    geoparse_s: float = 0.0
    docs: int = 0


def accuracy_at(errors: Sequence[float], km: float = ACC_KM) -> float:
    return sum(e <= km for e in errors) / len(errors) if errors else 0.0


def auc_of_errors(errors: Sequence[float]) -> float:
    """Area under the sorted log-error curve, scaled to [0, 1] by log(20,039 km) (Gritta et al. 2018).

    0 is every toponym exact, 1 every toponym at the far side of the Earth; lower is better.
    """
    if not errors:
        return 0.0
    ys = [math.log(min(e, MISS_KM) + 1) for e in sorted(errors)]
    if len(ys) == 1:
        return ys[0] / math.log(MISS_KM + 1)
    area = sum((a + b) / 2 for a, b in itertools.pairwise(ys))
    return area / (math.log(MISS_KM + 1) * (len(ys) - 1))


def prf(predicted: int, gold: int, matched: int) -> tuple[float, float, float]:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def load_docs(path: Path, limit: int | None = None, half: str | None = None) -> list[GoldDoc]:
    """Documents of one corpus file, with the toponyms that have coordinates and a true span."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    if half is not None:
        middle = (len(rows) + 1) // 2
        rows = rows[:middle] if half == "first" else rows[middle:]
    if limit is not None:
        rows = rows[:limit]
    docs = []
    for row in rows:
        toponyms = [
            GoldToponym(int(t["start"]), int(t["end"]), t["phrase"], float(t["lat"]), float(t["lon"]))
            for t in row["toponyms"]
            if t.get("lat") is not None and t.get("lon") is not None and not t.get("span_mismatch")
        ]
        docs.append(GoldDoc(str(row["doc_id"]), row["text"], toponyms, row.get("url") or row.get("domain")))
    return docs


def _error_km(gold: GoldToponym, lat: float | None, lon: float | None) -> float:
    if lat is None or lon is None:
        return MISS_KM
    return haversine_km(gold.lat, gold.lon, lat, lon)


def score_set(
    docs: list[GoldDoc], parsed: Sequence[Any] | None = None, details: list[dict[str, Any]] | None = None
) -> SetScore:
    """Parse each document once (unless `parsed` gives the spaCy docs), then resolve its gold spans
    and geoparse it on its own; `details` collects one record per gold toponym."""
    from triangulate.read.nlp import load_nlp
    from triangulate.read.places import Geoparser
    from triangulate.records import Document, document_id

    nlp, geoparser = load_nlp(), Geoparser.default()
    score = SetScore()
    for gold_doc, doc in zip(docs, parsed if parsed is not None else _parsed(nlp, docs, score), strict=True):
        document = Document(
            id=document_id(gold_doc.text), external_id=gold_doc.doc_id, text=gold_doc.text, url=gold_doc.url)
        t0 = time.perf_counter()
        resolved = geoparser.resolve_spans(doc, [(t.start, t.end) for t in gold_doc.toponyms], document)
        t1 = time.perf_counter()
        pipeline = geoparser.geoparse(doc, document)
        score.geoparse_s += time.perf_counter() - t1
        own = geoparser.toponyms(doc, document)
        score.resolve_s += t1 - t0
        score.docs += 1
        for toponym, place in zip(gold_doc.toponyms, resolved, strict=True):
            error = _error_km(toponym, place.lat if place else None, place.lon if place else None)
            score.gold_errors.append(error)
            if details is not None:
                details.append({
                    "doc": gold_doc.doc_id, "phrase": toponym.phrase, "error_km": round(error),
                    "gold": (toponym.lat, toponym.lon),
                    "ours": None if place is None else
                    {"name": place.name, "country": place.country, "code": place.feature_code, "lat": place.lat,
                     "lon": place.lon},
                    "context": gold_doc.text[max(0, toponym.start - 60) : toponym.end + 60].replace("\n", " "),
                })
        by_span = {(t.start, t.end): t for t in gold_doc.toponyms}
        score.gold += len(by_span)
        pipeline_spans = {(p.start, p.end) for p in pipeline}
        score.pipeline_predicted += len(pipeline_spans)
        score.pipeline_matched += len(pipeline_spans & set(by_span))
        seen: set[tuple[int, int]] = set()
        for place in own:
            span = (place.start, place.end)
            if span in seen:
                continue
            seen.add(span)
            score.predicted += 1
            if span in by_span:
                score.matched += 1
                score.own_errors.append(_error_km(by_span[span], place.lat, place.lon))
    return score


def _parsed(nlp: Any, docs: list[GoldDoc], score: SetScore) -> Iterator[Any]:
    for gold_doc in docs:
        t0 = time.perf_counter()
        doc = nlp(gold_doc.text)
        score.parse_s += time.perf_counter() - t0
        yield doc


def metrics_of(name: str, score: SetScore) -> dict[str, float]:
    precision, recall, f1 = prf(score.predicted, score.gold, score.matched)
    errors = score.gold_errors
    return {
        f"{name}.acc161_gold": round(accuracy_at(errors), 4),
        f"{name}.mean_error_km_gold": round(sum(errors) / len(errors), 1) if errors else 0.0,
        f"{name}.auc_gold": round(auc_of_errors(errors), 4),
        f"{name}.f1_own": round(f1, 4),
        f"{name}.precision_own": round(precision, 4),
        f"{name}.recall_own": round(recall, 4),
        f"{name}.acc161_own": round(accuracy_at(score.own_errors), 4),
        f"{name}.f1_pipeline": round(prf(score.pipeline_predicted, score.gold, score.pipeline_matched)[2], 4),
    }


def run(
    data_dir: Path, split: str = "dev", limit: int | None = None, half: str | None = None,
    sets: Sequence[str] | None = None,
) -> dict[str, Any]:
    """`limit` is documents per set; `half` picks the first or second half of each file."""
    if split != "dev":
        raise ValueError("the TR-News test split is kept by the maintainers; only --split dev is here")
    metrics: dict[str, float] = {}
    timing: dict[str, float] = {}
    total = 0
    for name in sets or SETS:
        path = data_dir / SETS[name]
        if not path.is_file():
            continue
        score = score_set(load_docs(path, limit, half))
        total += len(score.gold_errors)
        metrics.update(metrics_of(name, score))
        timing[f"{name}.geoparse_over_parse"] = round(score.geoparse_s / score.parse_s, 4) if score.parse_s else 0.0
    return {"data": "geo", "split": split, "n": total, "metrics": metrics, "timing": timing}
