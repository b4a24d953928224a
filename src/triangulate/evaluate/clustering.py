"""Story clustering harness: ECB+ reports linked into stories, scored against the gold events.

Every ECB+ topic holds reports of two different real events of one kind (two earthquakes),
so topic words alone cannot separate them. The reports go through the real pipeline (read
and extract), are stored, and are linked one at a time in file order, as reports arriving
over days would be (`batch=True` links them all in one run instead). Scores: pairwise
precision/recall/F1 over report pairs (as Miranda et al. 2018) and BCubed precision/recall/F1.
`limit` keeps whole topics: the lowest-numbered topics whose reports fit in it.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

from triangulate.link.similarity import WEIGHTS, Weights
from triangulate.link.stories import link_stories
from triangulate.records import AnalyzedDocument, Document, document_id
from triangulate.store.sqlite import SQLiteStore

DATA_SUBDIR = "clustering"
SPLITS = {"dev": "ecbplus_dev", "test": "ecbplus_test"}


def load(folder: Path, split: str, limit: int | None = None) -> tuple[list[Document], dict[str, str]]:
    """Documents in file order (whole topics when limited) and their gold event by external id."""
    base = folder / SPLITS.get(split, split) if (folder / SPLITS.get(split, split)).is_dir() else folder
    gold: dict[str, str] = {}
    topics: dict[str, int] = {}
    with (base / "gold.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            gold[row["id"]] = row["event_cluster"]
            topics[row["id"]] = int(row["topic"])
    kept_topics = set(topics.values())
    if limit is not None:
        sizes: dict[int, int] = defaultdict(int)
        for topic in topics.values():
            sizes[topic] += 1
        kept_topics, total = set(), 0
        for topic in sorted(sizes):
            if kept_topics and total + sizes[topic] > limit:
                break
            kept_topics.add(topic)
            total += sizes[topic]
    documents = []
    with (base / "documents.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if topics[row["id"]] in kept_topics:
                documents.append(Document(id=document_id(row["text"]), external_id=row["id"], url=row["url"],
                                          text=row["text"]))
    return documents, {d.external_id: gold[d.external_id] for d in documents}


def link(analyzed: Sequence[AnalyzedDocument], batch: bool = False, weights: Weights = WEIGHTS) -> dict[str, str]:
    """Story id of each report (by external id), linking one report at a time unless `batch`."""
    store = SQLiteStore(":memory:")
    try:
        for item in analyzed:
            store.save(item, "evaluate")
            if not batch:
                link_stories(store, weights)
        if batch:
            link_stories(store, weights)
        story_of = {doc_id: story.id for story in store.stories() for doc_id in story.doc_ids}
    finally:
        store.close()
    return {a.document.external_id: story_of[a.document.id] for a in analyzed}


def pairwise(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairs of items put together."""
    def together(labels: Sequence[Hashable]) -> set[tuple[int, int]]:
        groups: dict[Hashable, list[int]] = defaultdict(list)
        for i, label in enumerate(labels):
            groups[label].append(i)
        return {(a, b) for members in groups.values() for x, a in enumerate(members) for b in members[x + 1:]}

    found, wanted = together(predicted), together(gold)
    hits = len(found & wanted)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(wanted) if wanted else 0.0
    return precision, recall, _f1(precision, recall)


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items."""
    clusters: dict[Hashable, set[int]] = defaultdict(set)
    classes: dict[Hashable, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        clusters[p].add(i)
        classes[g].add(i)
    n = len(predicted) or 1
    precision = recall = 0.0
    for p, g in zip(predicted, gold, strict=True):
        shared = len(clusters[p] & classes[g])
        precision += shared / len(clusters[p])
        recall += shared / len(classes[g])
    return precision / n, recall / n, _f1(precision / n, recall / n)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(story_of: dict[str, str], gold: dict[str, str]) -> dict[str, float | int]:
    ids = sorted(gold)
    predicted = [story_of[i] for i in ids]
    wanted = [gold[i] for i in ids]
    pp, pr, pf = pairwise(predicted, wanted)
    bp, br, bf = bcubed(predicted, wanted)
    return {
        "pairwise_f1": pf, "pairwise_precision": pp, "pairwise_recall": pr,
        "bcubed_f1": bf, "bcubed_precision": bp, "bcubed_recall": br,
        "n_clusters": len(set(predicted)),
    }


def run(data_dir: Path, split: str = "dev", limit: int | None = None, batch: bool = False) -> dict[str, Any]:
    from triangulate.pipeline import Pipeline

    documents, gold = load(data_dir, split, limit)
    analyzed = list(Pipeline().analyze_documents(documents))
    story_of = link(analyzed, batch=batch)
    return {
        "data": "clustering", "split": split, "n": len(documents),
        "metrics": score(story_of, gold),
        "gold_clusters": len(set(gold.values())),
        "mode": "batch" if batch else "one report at a time",
    }


def pair_agreement(first: dict[str, str], second: dict[str, str]) -> float:
    """Share of report pairs that two clusterings treat alike (together in both, or apart in both)."""
    ids = sorted(first)
    pairs = agree = 0
    for x, a in enumerate(ids):
        for b in ids[x + 1:]:
            pairs += 1
            agree += (first[a] == first[b]) == (second[a] == second[b])
    return agree / pairs if pairs else 1.0
