"""The attribution model: which words attribute (cue heads) and which of their dependents are the
source and the content, two logistic regressions over hashed parse features, trained on PolNeAR
by scripts/train_attribution.py (card: docs/models/attribution.md)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "models" / "attribution.npz"
DIM = 1 << 18
ROLES = ("none", "source", "content")
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
QUOTE_CHARS = frozenset('"“”«»')
SIZE_BINS = (1, 2, 4, 8, 16, 32)
FEATURES = 1  # the feature set's version: change it with any change to the features below, and retrain


def _index(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (DIM - 1)


def _size(n: int) -> str:
    return str(next((b for b in SIZE_BINS if n <= b), 64))


def is_candidate(tok: Token) -> bool:
    """A token that may head a cue: a verb, noun or adjective, or a colon (the headline "X: Y")."""
    return tok.pos_ in CANDIDATE_POS or tok.text == ":"


def _quoted(sent: Span) -> bool:
    return any(c in QUOTE_CHARS for c in sent.text)


def cue_features(tok: Token, headline_end: int) -> list[str]:
    lemma = tok.lemma_.lower()
    doc = tok.doc
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else "<s>"
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "</s>"
    feats = [
        "b", f"l={lemma}", f"p={tok.pos_}", f"t={tok.tag_}", f"d={tok.dep_}", f"l,d={lemma},{tok.dep_}",
        f"l,t={lemma},{tok.tag_}", f"hl={tok.head.lemma_.lower()}", f"hp={tok.head.pos_}", f"hd={tok.head.dep_}",
        f"d,hp={tok.dep_},{tok.head.pos_}", f"prev={prev}", f"next={nxt}", f"l,next={lemma},{nxt}",
        f"l,prev={lemma},{prev}", f"q={_quoted(tok.sent)}", f"hdl={tok.idx < headline_end}",
    ]
    deps = set()
    for child in tok.children:
        deps.add(child.dep_)
        feats.append(f"cd={child.dep_}")
        feats.append(f"cd,cp={child.dep_},{child.pos_}")
        feats.append(f"l,cd={lemma},{child.dep_}")
        if child.dep_ in ("nsubj", "nsubjpass"):
            feats.append(f"subj={child.ent_type_ or child.pos_}")
            feats.append(f"l,subj={lemma},{child.ent_type_ or child.pos_}")
        if child.dep_ == "prep":
            feats.append(f"l,prep={lemma},{child.lower_}")
    feats.append("deps=" + ",".join(sorted(deps)))
    if tok.text == ":":
        feats.append(f"colon_at={_size(tok.i - tok.sent.start)}")
    return feats


def argument_spans(cue: Token) -> Iterator[tuple[str, Token, int, int]]:
    """The dependents a cue's source and content are made of: each child's subtree, and the clause
    above ("…, officials said": the head without the cue's own subtree). Yields (kind, token,
    start char, end char)."""
    for child in cue.children:
        if child.is_punct and child.text not in QUOTE_CHARS:
            continue
        left, right = child.left_edge, child.right_edge
        yield "child", child, left.idx, right.idx + len(right)
    head = cue.head
    if head.i != cue.i:
        own_lo, own_hi = cue.left_edge.i, cue.right_edge.i
        lo, hi = head.left_edge.i, head.right_edge.i
        if head.i < own_lo:
            lo, hi = lo, own_lo - 1
        else:
            lo, hi = own_hi + 1, hi
        doc = cue.doc
        while lo <= hi and doc[lo].is_punct and doc[lo].text not in QUOTE_CHARS:
            lo += 1
        while hi >= lo and doc[hi].is_punct and doc[hi].text not in QUOTE_CHARS:
            hi -= 1
        if lo <= hi:
            yield "head", head, doc[lo].idx, doc[hi].idx + len(doc[hi])


def role_features(cue: Token, kind: str, arg: Token, start: int, end: int) -> list[str]:
    lemma = cue.lemma_.lower()
    side = "L" if start < cue.idx else "R"
    first = arg.doc.char_span(start, end, alignment_mode="expand")
    first_word = first[0].lower_ if first is not None and len(first) else ""
    return [
        "b", f"k={kind}", f"d={arg.dep_}", f"p={arg.pos_}", f"t={arg.tag_}", f"side={side}",
        f"k,d,side={kind},{arg.dep_},{side}", f"cl={lemma}", f"cl,d={lemma},{arg.dep_}", f"cd={cue.dep_}",
        f"cd,k,d={cue.dep_},{kind},{arg.dep_}", f"ent={arg.ent_type_}", f"first={first_word}",
        f"len={_size(len(first) if first is not None else 0)}", f"cp={cue.pos_}", f"cp,d={cue.pos_},{arg.dep_}",
        f"pron={arg.lower_ if arg.pos_ == 'PRON' else '-'}",
        f"lemma={arg.lemma_.lower() if arg.pos_ in ('PRON', 'ADP', 'SCONJ') else '-'}",
    ]


def vector(features: list[str]) -> np.ndarray:
    return np.fromiter((_index(f) for f in features), dtype=np.int64, count=len(features))


@dataclass
class Argument:
    role: str
    token: Token
    start: int
    end: int


def context(doc: Doc, width: int) -> np.ndarray:
    """The parser's own token vectors (spaCy's tok2vec output, `doc.tensor`): what each word means in
    its context. Zeros when the document carries none (a Doc rebuilt without its tensor)."""
    tensor = doc.tensor
    if width == 0 or tensor is None or tensor.ndim != 2 or tensor.shape != (len(doc), width):
        return np.zeros((len(doc), width), dtype=np.float32)
    return np.asarray(tensor, dtype=np.float32)


class AttributionModel:
    """Scores cue candidates and their arguments; `threshold` is the cue probability kept. Weights
    past DIM read the context vectors: the cue's, then (for roles) the argument's."""

    def __init__(self, cue_weights: np.ndarray, role_weights: np.ndarray, threshold: float) -> None:
        self.cue_weights = cue_weights.astype(np.float32)
        self.role_weights = role_weights.astype(np.float32)  # (len(ROLES), DIM + 2 * width)
        self.threshold = threshold
        self.width = len(self.cue_weights) - DIM

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> AttributionModel:
        with np.load(path) as data:
            version = int(data["features"]) if "features" in data else 1
            if version != FEATURES:
                raise ValueError(f"{path}: trained on feature set {version}, this code computes set {FEATURES}; "
                                 "retrain with scripts/train_attribution.py")
            return cls(data["cue"], data["role"], float(data["threshold"]))

    def save(self, path: Path) -> None:
        np.savez_compressed(path, cue=self.cue_weights.astype(np.float16), role=self.role_weights.astype(np.float16),
                            threshold=np.array(self.threshold), features=np.array(FEATURES))

    def cue_probability(self, tok: Token, headline_end: int, dense: np.ndarray | None = None) -> float:
        score = float(self.cue_weights[vector(cue_features(tok, headline_end))].sum())
        if self.width:
            if dense is None:
                dense = context(tok.doc, self.width) @ self.cue_weights[DIM:]
            score += float(dense[tok.i])
        return float(1.0 / (1.0 + np.exp(-score)))

    def cues(self, doc: Doc, headline_end: int) -> list[tuple[Token, float]]:
        dense = context(doc, self.width) @ self.cue_weights[DIM:] if self.width else None
        out = []
        for tok in doc:
            if is_candidate(tok):
                p = self.cue_probability(tok, headline_end, dense)
                if p >= self.threshold:
                    out.append((tok, p))
        return out

    def arguments(self, cue: Token) -> list[Argument]:
        """The cue's arguments with their most likely role (none dropped)."""
        found = []
        width = self.width
        vectors = context(cue.doc, width) if width else None
        for kind, arg, start, end in argument_spans(cue):
            idx = vector(role_features(cue, kind, arg, start, end))
            scores = self.role_weights[:, idx].sum(axis=1)
            if vectors is not None:
                scores = scores + self.role_weights[:, DIM:DIM + width] @ vectors[cue.i]
                scores = scores + self.role_weights[:, DIM + width:] @ vectors[arg.i]
            role = ROLES[int(np.argmax(scores))]
            if role != "none":
                found.append(Argument(role, arg, start, end))
        return found


@cache
def default_model() -> AttributionModel | None:
    """The shipped model, or None when it has not been built (`make model`)."""
    return AttributionModel.load() if MODEL_PATH.exists() else None
