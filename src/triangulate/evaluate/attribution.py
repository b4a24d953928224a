"""Attribution harness: extracted claims against PolNeAR's source, cue and content annotation.

Each article goes through ingest (as a JSON Lines report, the way `triangulate run` reads one),
read and extract; its claims are matched one to one to the gold attributions by content:
a pair overlaps when the characters they share are at least half of the smaller content (PARC
3.0's convention, as citron scores it); pairs are taken largest overlap first. Of a matched
pair, the cue is right when the two cue spans share a character, the source when the two source
spans do (a gold relation without a source is right only for a claim without a speaker span).
A content is exact when both cover the same word characters (letters and digits): spaces,
punctuation and quotation marks at or inside the edges do not count. Gold cues fall into
classes (according-to, headline, noun, belief/intention, verb) read from the parse.

Splits: `dev` (84 articles) is where rules are decided; `train` is the part of the training
articles that may be read and learned from; `heldout` is one training article in ten (by a hash
of its id) that is never read and measured once, when the extractor is final.
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import json
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from triangulate.records import Claim

DATA_SUBDIR = "attribution"
SPLITS = ("dev", "train", "heldout")
CLASSES = ("verb", "according_to", "noun", "belief", "headline")
HELDOUT_SHARE = 10  # one training article in ten is held out
# Cue heads that report a state of mind or an intention rather than a statement.
BELIEF_LEMMAS = frozenset({
    "believe", "think", "want", "hope", "expect", "fear", "feel", "know", "consider", "intend", "plan",
    "worry", "wish", "doubt", "suspect", "convince", "assume", "understand", "see", "view", "seek", "try",
    "prefer", "need", "aim", "decide", "trust", "imagine", "realize", "recognize", "predict", "anticipate",
})

Spans = tuple[tuple[int, int], ...]


@dataclass
class Gold:
    source: Spans
    cue: Spans
    content: Spans
    kind: str
    cue_class: str = "verb"


@dataclass
class Article:
    doc_id: str
    text: str
    relations: list[Gold]


def heldout(doc_id: str) -> bool:
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % HELDOUT_SHARE == 0


def load_articles(data_dir: Path, split: str = "dev", limit: int | None = None) -> list[dict[str, Any]]:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r} for attribution; choose one of {', '.join(SPLITS)}")
    path = data_dir / f"polnear_{'dev' if split == 'dev' else 'train'}.jsonl.gz"
    if not path.exists():
        raise FileNotFoundError(f"no PolNeAR file at {path}")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    if split == "train":
        rows = [r for r in rows if not heldout(r["doc_id"])]
    elif split == "heldout":
        rows = [r for r in rows if heldout(r["doc_id"])]
    return rows[:limit] if limit is not None else rows


# --- offsets ---------------------------------------------------------------------------------------


def offset_map(original: str, stored: str) -> list[int]:
    """For each offset of `original` (and its end), the offset in `stored`, the text ingest kept
    (normalized: trailing spaces and outer blank lines dropped)."""
    if original == stored:
        return list(range(len(original) + 1))
    mapping = [0] * (len(original) + 1)
    matcher = difflib.SequenceMatcher(None, original, stored, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(i1, i2):
            mapping[k] = j1 + (k - i1 if tag == "equal" else min(k - i1, j2 - j1))
    mapping[len(original)] = len(stored)
    return mapping


def _mapped(spans: Iterable[Sequence[int]], mapping: list[int]) -> Spans:
    out = []
    for start, end in spans:
        lo, hi = mapping[start], mapping[end]
        if hi > lo:
            out.append((lo, hi))
    return tuple(out)


# --- scoring -------------------------------------------------------------------------------------


def _chars(spans: Spans) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


def _words(spans: Spans, text: str) -> frozenset[int]:
    return frozenset(i for i in _chars(spans) if i < len(text) and text[i].isalnum())


def _claim_spans(claim: Claim) -> tuple[Spans, Spans, Spans]:
    pieces = claim.content_pieces or [claim.content]
    content = tuple((p.start, p.end) for p in pieces)
    cue = ((claim.cue_span.start, claim.cue_span.end),) if claim.cue_span else ()
    source = ((claim.speaker_span.start, claim.speaker_span.end),) if claim.speaker_span else ()
    return source, cue, content


def match(predicted: Sequence[Spans], gold: Sequence[Spans]) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index) whose contents overlap by at least half of
    the smaller one, largest overlap first."""
    pred_chars = [_chars(p) for p in predicted]
    gold_chars = [_chars(g) for g in gold]
    candidates = []
    for i, p in enumerate(pred_chars):
        for j, g in enumerate(gold_chars):
            shared = len(p & g)
            if shared and 2 * shared >= min(len(p), len(g)):
                candidates.append((shared, -i, -j))
    pairs, used_p, used_g = [], set(), set()
    for _, ni, nj in sorted(candidates, reverse=True):
        i, j = -ni, -nj
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def cue_class(cue: Spans, doc: Doc, headline_end: int) -> str:
    """The class of a cue, from its words and the parse."""
    if not cue:
        return "verb"
    start = cue[0][0]
    text = doc.text[start:cue[-1][1]].lower()
    if text.startswith("according"):
        return "according_to"
    if start < headline_end:
        return "headline"
    tokens = [t for t in doc if any(s <= t.idx < e for s, e in cue) and not t.is_punct]
    if not tokens:
        return "verb"
    heads = [t for t in tokens if t.head not in tokens or t.head == t] or tokens
    head = heads[0]
    if head.lemma_.lower() in BELIEF_LEMMAS or any(t.lemma_.lower() in BELIEF_LEMMAS for t in tokens if t.pos_ == "VERB"):
        return "belief"
    if head.pos_ in ("NOUN", "PROPN"):
        return "noun"
    return "verb"


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    exact: int = 0
    cue_right: int = 0
    source_right: int = 0
    whole: int = 0
    predicted_matched: int = 0  # by the predicted claim's class

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _share(a: int, b: int) -> float:
    return a / b if b else 0.0


def score_article(claims: Sequence[Claim], gold: Sequence[Gold], text: str, doc: Doc | None = None,
                  headline_end: int = 0) -> tuple[Tally, dict[str, Tally], list[dict[str, Any]]]:
    """The tallies of one article, overall and by gold cue class, and its errors for reading."""
    predicted = [_claim_spans(c) for c in claims]
    if doc is not None:
        for g in gold:
            g.cue_class = cue_class(g.cue, doc, headline_end)
    pairs = match([p[2] for p in predicted], [g.content for g in gold])
    total = Tally(gold=len(gold), predicted=len(claims), matched=len(pairs))
    by_class: dict[str, Tally] = {c: Tally() for c in CLASSES}
    for g in gold:
        by_class[g.cue_class].gold += 1
    classes = [cue_class(p[1], doc, headline_end) if doc is not None else "verb" for p in predicted]
    for name in classes:
        by_class[name].predicted += 1
    matched_gold = set()
    errors: list[dict[str, Any]] = []
    for i, j in pairs:
        source, cue, content = predicted[i]
        g = gold[j]
        matched_gold.add(j)
        exact = _words(content, text) == _words(g.content, text)
        cue_ok = bool(_chars(cue) & _chars(g.cue))
        source_ok = bool(_chars(source) & _chars(g.source)) if g.source else not source
        row = by_class[g.cue_class]
        for tally in (total, row):
            tally.exact += exact
            tally.cue_right += cue_ok
            tally.source_right += source_ok
            tally.whole += cue_ok and source_ok
        row.matched += 1
        by_class[classes[i]].predicted_matched += 1
        if not (cue_ok and source_ok and exact):
            kind = "cue" if not cue_ok else "source" if not source_ok else "inexact"
            errors.append({"error": kind, "claim": claims[i].id, "exact": exact,
                           "gold": _shown(g, text), "predicted": _shown_claim(claims[i])})
    for j, g in enumerate(gold):
        if j not in matched_gold:
            errors.append({"error": "missed", "class": g.cue_class, "gold": _shown(g, text)})
    matched_pred = {i for i, _ in pairs}
    for i, claim in enumerate(claims):
        if i not in matched_pred:
            errors.append({"error": "spurious", "predicted": _shown_claim(claim)})
    return total, by_class, errors


def _piece(spans: Spans, text: str) -> str:
    return " … ".join(text[s:e] for s, e in spans)


def _shown(g: Gold, text: str) -> dict[str, str]:
    return {"source": _piece(g.source, text), "cue": _piece(g.cue, text), "content": _piece(g.content, text)[:300],
            "class": g.cue_class}


def _shown_claim(c: Claim) -> dict[str, str]:
    return {"source": c.speaker_span.text if c.speaker_span else "", "cue": c.cue_span.text if c.cue_span else c.cue,
            "content": " … ".join(p.text for p in c.content_pieces or [c.content])[:300], "found_by": c.found_by}


def metrics_of(total: Tally, by_class: dict[str, Tally]) -> dict[str, float]:
    precision, recall = _share(total.matched, total.predicted), _share(total.matched, total.gold)
    ep, er = _share(total.exact, total.predicted), _share(total.exact, total.gold)
    wp, wr = _share(total.whole, total.predicted), _share(total.whole, total.gold)
    metrics: dict[str, float] = {
        "content_precision": precision, "content_recall": recall, "content_f1": _f1(precision, recall),
        "exact_content_f1": _f1(ep, er),
        "cue_right": _share(total.cue_right, total.matched), "source_right": _share(total.source_right, total.matched),
        "relation_f1": _f1(wp, wr),
    }
    for name, row in by_class.items():
        metrics[f"{name}.recall"] = _share(row.matched, row.gold)
        metrics[f"{name}.precision"] = _share(row.predicted_matched, row.predicted)
        metrics[f"{name}.n_gold"] = row.gold
    return metrics


# --- run -----------------------------------------------------------------------------------------


def _documents(rows: Sequence[dict[str, Any]], tmp: Path) -> Iterator[tuple[dict[str, Any], Any]]:
    """The articles as `triangulate run` ingests them: one JSON Lines report each."""
    from triangulate.ingest import load_paths

    path = tmp / "articles.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for r in rows:
            handle.write(json.dumps({"id": r["doc_id"], "text": r["text"], "title": r.get("title"),
                                     "outlet": r.get("publisher"), "published": r.get("published")}) + "\n")
    ingested = load_paths([path])
    by_id = {d.external_id: d for d in ingested.documents}
    for r in rows:
        if r["doc_id"] in by_id:
            yield r, by_id[r["doc_id"]]


def run(data_dir: Path, split: str = "dev", limit: int | None = None) -> dict[str, Any]:
    from triangulate.extract.clauses import headline_end
    from triangulate.pipeline import Pipeline
    from triangulate.read.nlp import parse_many

    rows = load_articles(data_dir, split, limit)
    pipeline = Pipeline()
    total, by_class = Tally(), {c: Tally() for c in CLASSES}
    errors: list[dict[str, Any]] = []
    skipped = 0
    with tempfile.TemporaryDirectory(prefix="triangulate-attribution-") as tmp:
        pairs = list(_documents(rows, Path(tmp)))
    skipped = len(rows) - len(pairs)
    docs = parse_many(d.text for _, d in pairs)
    for (row, document), doc in zip(pairs, docs, strict=True):
        read = pipeline.reader.read(document, doc)
        claims = pipeline.extractor.extract(read).claims
        mapping = offset_map(row["text"], document.text)
        gold = [Gold(source=_mapped(a.get("source", ()), mapping), cue=_mapped(a.get("cue", ()), mapping),
                     content=_mapped(a["content"], mapping), kind=a["kind"]) for a in row["attributions"]]
        gold = [g for g in gold if g.content]
        t, c, errs = score_article(claims, gold, document.text, doc, headline_end(doc, full_stop=True))
        total.add(t)
        for name, tally in c.items():
            by_class[name].add(tally)
        errors.extend({"doc": row["doc_id"], **e} for e in errs)
    counts = Counter(e["error"] for e in errors)
    return {
        "data": "attribution", "split": split, "n": len(pairs), "metrics": metrics_of(total, by_class),
        "n_gold": total.gold, "n_predicted": total.predicted, "skipped_articles": skipped,
        "error_counts": dict(counts), "errors": errors,
    }
