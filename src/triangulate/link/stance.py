"""Stance of a text towards a claim: agree, disagree, discuss or unrelated (FNC-1 classes).

Two gradient-boosted tree ensembles over hand-built pair features, trained by
scripts/train_stance.py on FNC-1 train (docs/models/stance.md): the first tells related from
unrelated, the second, on related pairs, agree / disagree / discuss. Features compare the claim
with the whole text and with its sentences: TF-IDF cosines (whole text, best sentences, lead),
word, bigram and character 5-gram coverage, SVD topic cosine, and refuting / hedging /
supporting / negation words (data/models/stance_lexicons.yaml) counted in the sentences that
match the claim best. Everything computed from a text alone is cached per distinct text, so a
batch of many claims over few texts reads each text once.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from triangulate.base.datafiles import data_path, load_yaml
from triangulate.link.store import DocumentSource
from triangulate.records import Span

CLASSES = ("agree", "disagree", "discuss", "unrelated")
RELATED_CLASSES = ("agree", "disagree", "discuss")
MODEL_PATH = data_path("models/stance.npz")
LEXICON_PATH = data_path("models/stance_lexicons.yaml")
LEXICON_KINDS = ("refute", "hedge", "support", "negation")
TOP_SENTENCES = 3
CHAR_GRAM = 5

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# a sentence ends at . ! ? (and closing quotes / brackets) before whitespace, or at a line break
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n+")
_SPACES = re.compile(r"\s+")
_SUFFIXES = ("ingly", "edly", "ing", "ies", "ied", "ed", "es", "ly", "s")


@dataclass(frozen=True)
class Lexicons:
    refute: frozenset[str]
    hedge: frozenset[str]
    support: frozenset[str]
    negation: frozenset[str]
    stopwords: frozenset[str]

    def counts(self, words: Iterable[str]) -> np.ndarray:
        """How many words of each LEXICON_KINDS list occur (with repeats)."""
        found = np.zeros(len(LEXICON_KINDS))
        for word in words:
            if word in self.refute:
                found[0] += 1
            if word in self.hedge:
                found[1] += 1
            if word in self.support:
                found[2] += 1
            if word in self.negation or word.endswith("n't"):
                found[3] += 1
        return found


@lru_cache(maxsize=1)
def load_lexicons(path: Path = LEXICON_PATH) -> Lexicons:
    raw = load_yaml(path)
    lists: dict[str, frozenset[str]] = {}
    for kind in (*LEXICON_KINDS, "stopwords"):
        odd = [w for w in raw[kind] if not isinstance(w, str)]
        if odd:  # YAML reads bare no / true / false as booleans
            raise ValueError(f"{path}: {kind} has non-string entries {odd}; quote them")
        lists[kind] = frozenset(raw[kind])
    return Lexicons(**lists)


def words(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("’", "'"))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to match "denied" with "denies" and "attacks" with "attack"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_stems(tokens: Iterable[str], stopwords: frozenset[str]) -> list[str]:
    return [stem(w) for w in tokens if w not in stopwords and "'" not in w]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences, trimmed of surrounding white space."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end() if match.group().strip() else match.start()
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        chunk = text[begin:end]
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right > left:
            trimmed.append((begin + left, begin + right))
    return trimmed


def char_grams(text: str) -> set[str]:
    flat = _SPACES.sub(" ", text.lower())
    return {flat[i:i + CHAR_GRAM] for i in range(max(0, len(flat) - CHAR_GRAM + 1))}


class Vectorizer:
    """Sublinear TF-IDF over stems, and its projection on SVD topics."""

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray, topics: np.ndarray) -> None:
        self.vocabulary = list(vocabulary)
        self.index = {term: i for i, term in enumerate(self.vocabulary)}
        self.idf = idf.astype(np.float64)
        self.topics = topics.astype(np.float32)
        # words never seen in training are rare: weigh them like the rarest known ones
        self.unknown_idf = float(idf.max()) if len(idf) else 1.0

    def weights(self, stems: Iterable[str]) -> dict[str, float]:
        counts: dict[str, int] = {}
        for s in stems:
            counts[s] = counts.get(s, 0) + 1
        raw = {
            s: (1.0 + math.log(n)) * (self.idf[self.index[s]] if s in self.index else self.unknown_idf)
            for s, n in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {s: v / norm for s, v in raw.items()}

    def latent(self, weights: dict[str, float]) -> np.ndarray:
        known = [(self.index[s], w) for s, w in weights.items() if s in self.index]
        if not known or not len(self.topics):
            return np.zeros(self.topics.shape[1] if self.topics.ndim == 2 else 0, dtype=np.float32)
        rows, values = zip(*known, strict=True)
        vector = np.asarray(values, dtype=np.float32) @ self.topics[list(rows)]
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector


@dataclass
class TextProfile:
    """Everything about one text that does not depend on the claim."""

    text: str
    spans: list[tuple[int, int]]
    weights: dict[str, float]
    sentence_terms: dict[str, list[tuple[int, float]]]  # stem -> (sentence, weight)
    sentence_lexicon: np.ndarray  # sentences x LEXICON_KINDS counts
    stems: set[str]
    bigrams: set[tuple[str, str]]
    lead_stems: set[str]
    grams: set[str]
    latent: np.ndarray
    n_words: int


@dataclass
class ClaimProfile:
    stems: list[str]
    weights: dict[str, float]
    bigrams: set[tuple[str, str]]
    grams: set[str]
    lexicon: np.ndarray
    latent: np.ndarray
    question: bool
    n_words: int


FEATURE_NAMES: tuple[str, ...] = (
    "cos_text", "cos_best", "cos_top3", "cos_lead", "cos_topics", "best_position",
    "share_related_sentences", "word_cover", "word_cover_idf", "lead_cover", "bigram_cover", "gram_cover",
    "jaccard", "claim_words", "log_text_words", "log_sentences", "claim_question",
    *(f"claim_{k}" for k in LEXICON_KINDS),
    *(f"text_{k}_rate" for k in LEXICON_KINDS),
    *(f"top_{k}" for k in LEXICON_KINDS),
    *(f"weighted_{k}" for k in LEXICON_KINDS),
    *(f"lead_{k}" for k in LEXICON_KINDS),
    *(f"best_cos_with_{k}" for k in LEXICON_KINDS),
    "negation_parity_match",
)


class Featurizer:
    def __init__(self, vectorizer: Vectorizer, lexicons: Lexicons | None = None, cache_size: int = 4096) -> None:
        self.vectorizer = vectorizer
        self.lexicons = lexicons or load_lexicons()
        self._texts: OrderedDict[str, TextProfile] = OrderedDict()
        self._claims: OrderedDict[str, ClaimProfile] = OrderedDict()
        self.cache_size = cache_size

    def text(self, text: str) -> TextProfile:
        key = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()
        found = self._texts.get(key)
        if found is None:
            found = self._profile_text(text)
            self._texts[key] = found
            if len(self._texts) > self.cache_size:
                self._texts.popitem(last=False)
        return found

    def claim(self, claim: str) -> ClaimProfile:
        found = self._claims.get(claim)
        if found is None:
            found = self._profile_claim(claim)
            self._claims[claim] = found
            if len(self._claims) > self.cache_size:
                self._claims.popitem(last=False)
        return found

    def _profile_text(self, text: str) -> TextProfile:
        lex, vec = self.lexicons, self.vectorizer
        spans = split_sentences(text) or [(0, len(text))]
        sentence_terms: dict[str, list[tuple[int, float]]] = {}
        sentence_lexicon = np.zeros((len(spans), len(LEXICON_KINDS)))
        all_stems: list[str] = []
        bigrams: set[tuple[str, str]] = set()
        lead: set[str] = set()
        n_words = 0
        for i, (start, end) in enumerate(spans):
            tokens = words(text[start:end])
            n_words += len(tokens)
            sentence_lexicon[i] = lex.counts(tokens)
            stems = content_stems(tokens, lex.stopwords)
            all_stems += stems
            bigrams.update(itertools.pairwise(stems))
            if i < 2:
                lead.update(stems)
            for s, w in vec.weights(stems).items():
                sentence_terms.setdefault(s, []).append((i, w))
        weights = vec.weights(all_stems)
        return TextProfile(
            text=text, spans=spans, weights=weights, sentence_terms=sentence_terms,
            sentence_lexicon=sentence_lexicon, stems=set(all_stems), bigrams=bigrams, lead_stems=lead,
            grams=char_grams(text), latent=vec.latent(weights), n_words=n_words,
        )

    def _profile_claim(self, claim: str) -> ClaimProfile:
        tokens = words(claim)
        stems = content_stems(tokens, self.lexicons.stopwords)
        weights = self.vectorizer.weights(stems)
        return ClaimProfile(
            stems=stems, weights=weights, bigrams=set(itertools.pairwise(stems)),
            grams=char_grams(claim), lexicon=self.lexicons.counts(tokens),
            latent=self.vectorizer.latent(weights), question="?" in claim, n_words=len(tokens),
        )

    def features(self, claim: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The pair's feature vector (FEATURE_NAMES) and each sentence's cosine with the claim."""
        c, t = self.claim(claim), self.text(text)
        n_sent = len(t.spans)
        sims = np.zeros(n_sent)
        for s, w in c.weights.items():
            for sentence, weight in t.sentence_terms.get(s, ()):
                sims[sentence] += w * weight
        order = np.argsort(-sims, kind="stable")
        top = order[:TOP_SENTENCES]
        top_sims = sims[top]
        related = sims > 0.1
        cos_text = sum(w * t.weights.get(s, 0.0) for s, w in c.weights.items())
        unique = set(c.stems)
        idf_total = sum(self._idf(s) for s in unique) or 1.0
        lexicon = t.sentence_lexicon
        weight_sum = float(sims.sum())
        weighted = (sims @ lexicon) / weight_sum if weight_sum > 0 else np.zeros(len(LEXICON_KINDS))
        best_with = np.array([
            float(sims[lexicon[:, k] > 0].max()) if (lexicon[:, k] > 0).any() else 0.0
            for k in range(len(LEXICON_KINDS))
        ])
        top_negation = lexicon[top[:1], 3].sum()
        row = [
            cos_text,
            float(top_sims[0]) if n_sent else 0.0,
            float(top_sims.mean()),
            float(sims[:2].max()),
            float(c.latent @ t.latent) if len(c.latent) else 0.0,
            float(order[0]) / n_sent if n_sent else 0.0,
            float(related.mean()),
            len(unique & t.stems) / len(unique) if unique else 0.0,
            sum(self._idf(s) for s in unique & t.stems) / idf_total,
            len(unique & t.lead_stems) / len(unique) if unique else 0.0,
            len(c.bigrams & t.bigrams) / len(c.bigrams) if c.bigrams else 0.0,
            len(c.grams & t.grams) / len(c.grams) if c.grams else 0.0,
            len(unique & t.stems) / len(unique | t.stems) if unique else 0.0,
            float(c.n_words),
            math.log1p(t.n_words),
            math.log1p(n_sent),
            float(c.question),
            *c.lexicon,
            *(lexicon.sum(axis=0) / n_sent),
            *lexicon[top].sum(axis=0),
            *weighted,
            *lexicon[:3].sum(axis=0),
            *best_with,
            float((c.lexicon[3] % 2) == (top_negation % 2)),
        ]
        return np.asarray(row, dtype=np.float32), sims

    def _idf(self, stem_: str) -> float:
        index = self.vectorizer.index.get(stem_)
        return float(self.vectorizer.idf[index]) if index is not None else self.vectorizer.unknown_idf


@dataclass
class TreeEnsemble:
    """Boosted trees of fixed depth, stored breadth-first: node i splits to 2i+1 / 2i+2."""

    features: np.ndarray  # trees x internal nodes (int)
    thresholds: np.ndarray  # trees x internal nodes; go right when x > threshold
    leaves: np.ndarray  # trees x 2**depth
    outputs: np.ndarray  # trees: which output (class) each tree adds to
    n_outputs: int
    base: np.ndarray  # n_outputs: starting scores

    @property
    def depth(self) -> int:
        return round(math.log2(self.leaves.shape[1]))

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Summed tree outputs, rows x n_outputs."""
        scores = np.tile(self.base.astype(np.float64), (len(x), 1))
        rows = np.arange(len(x))
        for t in range(len(self.leaves)):
            node = np.zeros(len(x), dtype=np.int64)
            for _ in range(self.depth):
                right = x[rows, self.features[t, node]] > self.thresholds[t, node]
                node = 2 * node + 1 + right
            scores[:, self.outputs[t]] += self.leaves[t, node - (len(self.leaves[t]) - 1)]
        return scores


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return np.asarray(shifted / shifted.sum(axis=1, keepdims=True))


@dataclass
class Stance:
    stance: str
    score: float  # probability of the stance given
    probabilities: dict[str, float]
    evidence: list[Span] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "stance": self.stance, "score": round(self.score, 4),
            "probabilities": {k: round(v, 4) for k, v in self.probabilities.items()},
            "evidence": [e.model_dump() for e in self.evidence],
        }


class StanceModel:
    def __init__(
        self, vectorizer: Vectorizer, relatedness: TreeEnsemble, stance: TreeEnsemble,
        class_bias: np.ndarray | None = None, meta: dict[str, Any] | None = None,
    ) -> None:
        self.featurizer = Featurizer(vectorizer)
        self.relatedness = relatedness
        self.stance = stance
        # added to the related-class log-odds: tuned on dev for the FNC score and macro-F1
        self.class_bias = np.zeros(len(RELATED_CLASSES)) if class_bias is None else class_bias
        self.meta = meta or {}

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """rows x CLASSES."""
        related = 1.0 / (1.0 + np.exp(-self.relatedness.raw(x)[:, 0]))
        given_related = softmax(self.stance.raw(x) + self.class_bias)
        return np.column_stack([given_related * related[:, None], 1.0 - related])

    def decide(self, probabilities: np.ndarray) -> np.ndarray:
        """Class index per row: unrelated below even odds of relatedness, else the likeliest related class."""
        related = probabilities[:, 3] < 0.5
        return np.where(related, probabilities[:, :3].argmax(axis=1), 3)

    def predict(
        self, pairs: Sequence[tuple[str, str]], doc_ids: Sequence[str] | None = None, evidence: int = 2,
        batch: int = 4096,
    ) -> list[Stance]:
        """Stances of (claim, text) pairs; evidence = the sentences that match the claim best."""
        results: list[Stance] = []
        for begin in range(0, len(pairs), batch):
            chunk = pairs[begin:begin + batch]
            rows, sims = zip(*(self.featurizer.features(c, t) for c, t in chunk), strict=True)
            probs = self.probabilities(np.vstack(rows))
            labels = self.decide(probs)
            for i, (_, text) in enumerate(chunk):
                label = CLASSES[int(labels[i])]
                doc_id = doc_ids[begin + i] if doc_ids is not None else ""
                spans = [] if label == "unrelated" else self._evidence(text, sims[i], label, evidence, doc_id)
                results.append(Stance(
                    stance=label, score=float(probs[i, labels[i]]),
                    probabilities={k: float(p) for k, p in zip(CLASSES, probs[i], strict=True)},
                    evidence=spans,
                ))
        return results

    def _evidence(self, text: str, sims: np.ndarray, label: str, n: int, doc_id: str) -> list[Span]:
        profile = self.featurizer.text(text)
        ranked = [int(i) for i in np.argsort(-sims, kind="stable") if sims[i] > 0][:n]
        if label == "disagree":
            # the best-matching sentence that rejects something tells why
            refuting = [int(i) for i in np.argsort(-sims, kind="stable")
                        if sims[i] > 0 and profile.sentence_lexicon[i, 0] > 0]
            if refuting and refuting[0] not in ranked:
                ranked = [refuting[0], *ranked[: n - 1]]
        spans = [profile.spans[i] for i in sorted(ranked, key=lambda i: -sims[i])]
        return [Span(doc_id=doc_id, start=s, end=e, text=text[s:e]) for s, e in spans]

    # -- storage --------------------------------------------------------------

    def save(self, path: Path) -> None:
        arrays: dict[str, np.ndarray] = {
            "vocabulary": np.asarray(self.featurizer.vectorizer.vocabulary, dtype=str),
            "idf": self.featurizer.vectorizer.idf.astype(np.float32),
            "topics": self.featurizer.vectorizer.topics.astype(np.float16),
            "class_bias": self.class_bias.astype(np.float64),
            "meta": np.asarray(json.dumps({**self.meta, "features": list(FEATURE_NAMES)})),
        }
        for name, ensemble in (("relatedness", self.relatedness), ("stance", self.stance)):
            arrays[f"{name}_features"] = ensemble.features.astype(np.int16)
            arrays[f"{name}_thresholds"] = ensemble.thresholds.astype(np.float32)
            arrays[f"{name}_leaves"] = ensemble.leaves.astype(np.float32)
            arrays[f"{name}_outputs"] = ensemble.outputs.astype(np.int8)
            arrays[f"{name}_base"] = ensemble.base.astype(np.float64)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(handle, allow_pickle=False, **arrays)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> StanceModel:
        if not path.exists():
            raise FileNotFoundError(f"no stance model at {path}; build it with scripts/train_stance.py")
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if meta.get("features") != list(FEATURE_NAMES):
                raise ValueError(f"stance model {path} was trained on other features; retrain it")
            ensembles = {
                name: TreeEnsemble(
                    features=data[f"{name}_features"].astype(np.int64),
                    thresholds=data[f"{name}_thresholds"].astype(np.float32),
                    leaves=data[f"{name}_leaves"].astype(np.float64),
                    outputs=data[f"{name}_outputs"].astype(np.int64),
                    n_outputs=len(data[f"{name}_base"]),
                    base=data[f"{name}_base"].astype(np.float64),
                )
                for name in ("relatedness", "stance")
            }
            vectorizer = Vectorizer(
                [str(v) for v in data["vocabulary"]], data["idf"].astype(np.float64), data["topics"].astype(np.float32),
            )
            return cls(vectorizer, ensembles["relatedness"], ensembles["stance"], data["class_bias"].copy(), meta)


@lru_cache(maxsize=1)
def load_model() -> StanceModel:
    return StanceModel.load(MODEL_PATH)


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float]:
    """The official FNC-1 score and its maximum: 0.25 for related vs unrelated right, 0.75 more for the class."""
    score = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        best += 0.25 if g == "unrelated" else 1.0
        if (g == "unrelated") == (p == "unrelated"):
            score += 0.25
            if g != "unrelated" and g == p:
                score += 0.75
    return score, best


# -- claims against stored reports ----------------------------------------------------

RELATIONS = {"agree": "supports", "disagree": "contradicts", "discuss": "discusses"}


@dataclass
class ReportStance:
    doc_id: str
    external_id: str
    title: str | None
    outlet: str | None
    published: str | None
    relation: str  # supports, contradicts, discusses
    stance: Stance

    def as_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id, "external_id": self.external_id, "title": self.title, "outlet": self.outlet,
            "published": self.published, "relation": self.relation, **self.stance.as_json(),
        }


def candidate_query(claim: str) -> str | None:
    """An FTS5 query matching any content word of the claim (quoted: no FTS syntax gets through)."""
    stopwords = load_lexicons().stopwords
    seen = dict.fromkeys(w for w in words(claim) if w not in stopwords and "'" not in w and len(w) > 1)
    return " OR ".join(f'"{w}"' for w in seen) or None


def check_claim(
    store: DocumentSource, claim: str, candidates: int = 200, model: StanceModel | None = None,
) -> list[ReportStance]:
    """Stored reports that support, contradict or discuss the claim, in that order, best first in each.

    Candidates come from the store's full-text index (any content word of the claim, best
    ranked first), so reports sharing no word with the claim are never read.
    """
    import sqlite3

    query = candidate_query(claim)
    if query is None:
        return []
    try:
        doc_ids = store.search(query, limit=candidates)
    except sqlite3.OperationalError:
        doc_ids = [d.id for d in store.documents()][:candidates]
    documents = [d for d in (store.document(i) for i in doc_ids) if d is not None and d.text.strip()]
    model = model or load_model()
    stances = model.predict([(claim, d.text) for d in documents], doc_ids=[d.id for d in documents])
    found = [
        ReportStance(
            doc_id=d.id, external_id=d.external_id, title=d.title, outlet=d.outlet,
            published=d.published.isoformat() if d.published else None, relation=RELATIONS[s.stance], stance=s,
        )
        for d, s in zip(documents, stances, strict=True) if s.stance in RELATIONS
    ]
    order = list(RELATIONS.values())
    found.sort(key=lambda r: (order.index(r.relation), -r.stance.score, r.doc_id))
    return found
