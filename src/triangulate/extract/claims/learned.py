"""The attribution model: which words attribute (cue heads) and which of their dependents are the
source and the content, two logistic regressions over hashed parse features, trained on PolNeAR
by scripts/train_attribution.py (card: docs/models/attribution.md)."""

from __future__ import annotations

import itertools
import operator
import zlib
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from functools import cache, reduce
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span, Token

from triangulate.extract.claims.columns import Strings, cue_layout
from triangulate.read.nlp import doc_text
from triangulate.read.tokens import TokenTable, span_at, token_table

MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "models" / "attribution.npz"
DIM = 1 << 18
ROLES = ("none", "source", "content")
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
QUOTE_CHARS = frozenset('"“”«»')
QUOTE_OR_COLON = QUOTE_CHARS | {":"}
SIZE_BINS = (1, 2, 4, 8, 16, 32)
# feature groups whose score is kept, and features whose column is, each cleared when full: about 200 bytes an
# entry, so 200,000 of each came to some 80 MB, filled by a run of 20,000 reports. At 20,000 of each, ACLED notes
# miss 8 more groups a report (misses 28% instead of 18%), about 0.2 ms against 60 ms a report
MAX_MEMO = 20_000
PRIOR_SMOOTHING = 5.0  # pseudo-occurrences at the mean cue rate, for a word's cue rate on the training articles
PRIOR_BINS = (0.01, 0.03, 0.1, 0.2, 0.35, 0.5, 0.7, 0.85)
SEEN_BINS = (0, 4, 19)
NEVER_SEEN, NEVER_RATE = 20, 0.0  # not scored: seen this often in training, a cue at most this often
FEATURES = 3  # the feature set's version: change it with any change to the features below, and retrain


def _size(n: int) -> str:
    return str(next((b for b in SIZE_BINS if n <= b), 64))


def is_candidate(tok: Token) -> bool:
    """A token that may head a cue: a verb, noun or adjective, or a colon (the headline "X: Y")."""
    return tok.pos_ in CANDIDATE_POS or tok.text == ":"


def _quoted(sent: Span) -> bool:
    return any(c in QUOTE_CHARS for c in sent.text)


def quoted_tokens(doc: Doc) -> list[bool]:
    """For each token, whether its sentence holds a quotation mark (one pass over the sentences)."""
    t = token_table(doc)
    text = doc_text(doc)
    marks = [False] * len(t)
    start = 0
    while start < len(t):
        end = t.sent_end[start]
        if not QUOTE_CHARS.isdisjoint(text[t.idx[start]:t.idx[end - 1] + len(t.text[end - 1])]):
            marks[start:end] = [True] * (end - start)
        start = end
    return marks


def _own(lemma: str, pos: str, tag: str, dep: str) -> list[str]:
    return ["b", f"l={lemma}", f"p={pos}", f"t={tag}", f"d={dep}", f"l,d={lemma},{dep}", f"l,t={lemma},{tag}"]


def _head(lemma: str, pos: str, dep: str, own_dep: str) -> list[str]:
    return [f"hl={lemma}", f"hp={pos}", f"hd={dep}", f"d,hp={own_dep},{pos}"]


def _around(lemma: str, prev: str, nxt: str) -> list[str]:
    return [f"prev={prev}", f"next={nxt}", f"l,next={lemma},{nxt}", f"l,prev={lemma},{prev}"]


def _child(lemma: str, dep: str, pos: str, kind: str, word: str) -> list[str]:
    feats = [f"cd={dep}", f"cd,cp={dep},{pos}", f"l,cd={lemma},{dep}"]
    if dep in ("nsubj", "nsubjpass"):
        feats += [f"subj={kind}", f"l,subj={lemma},{kind}"]
    if dep == "prep":
        feats.append(f"l,prep={lemma},{word}")
    return feats


def _frame(lemma: str, pos: str, comps: tuple[str, ...]) -> list[str]:
    """What the word takes: a clause ("that ..."), a quotation, "of/by" a person, a possessor."""
    feats = [f"p,comps={pos},{'+'.join(comps)}", f"l,comps={lemma},{'+'.join(comps)}"]
    for comp in comps:
        feats += [f"comp={comp}", f"p,comp={pos},{comp}"]
    return feats


def _kind(t: TokenTable, i: int) -> str:
    return t.ent[i] or t.pos[i]


_CLAUSES = ("ccomp", "acl", "advcl", "relcl", "xcomp", "parataxis")


def _complements(doc: Doc, t: TokenTable, i: int) -> tuple[str, ...]:
    """The word's complements by kind: the frames that make a verb or a noun a cue (`frames`)."""
    return frames(doc, t, [i])[1][0]


_FRAMED = frozenset(_CLAUSES) | {"prep", "poss", "dobj", "attr", "oprd"}


def frames(doc: Doc, t: TokenTable, found: list[int]) -> tuple[list[str], list[tuple[str, ...]]]:
    """For each of these tokens, its children's dependencies (distinct, sorted, joined by commas: the
    `deps=` feature) and its complements by kind, the frames that make a verb or a noun a cue ("ccomp:that",
    "prep:of:PERSON", "then:quote"), in one pass."""
    deps, lower, children, text = t.dep, t.lower, t.children, t.text
    n = len(text)
    joined, framed = [], []
    for i in found:
        kids = children[i]
        comps: set[str] = set()
        if kids:
            kid_deps = [deps[c] for c in kids]
            joined.append(",".join(sorted(set(kid_deps))))
            for child, dep in zip(kids, kid_deps, strict=True):
                if dep not in _FRAMED:
                    continue
                if dep in _CLAUSES:
                    marks = [lower[c] for c in children[child] if deps[c] in ("mark", "aux") and c < child]
                    comps.add(f"{dep}:{marks[0] if marks else '-'}")
                    left = doc[child].left_edge.i
                    if text[left] in QUOTE_CHARS or text[max(left - 1, 0)] in QUOTE_CHARS:
                        comps.add("quoted_clause")
                elif dep == "prep":
                    objs = [c for c in children[child] if deps[c] in ("pobj", "pcomp")]
                    comps.add(f"prep:{lower[child]}:{_kind(t, objs[0]) if objs else '-'}")
                elif dep == "poss":
                    comps.add(f"poss:{_kind(t, child)}")
                else:
                    clause = any(deps[c] in ("ccomp", "acl", "relcl") for c in children[child])
                    comps.add(f"{dep}:{'clause' if clause else '-'}")
        else:
            joined.append("")
        for j in (i + 1, i + 2):
            if j < n and text[j] in QUOTE_OR_COLON:
                comps.add("then:quote" if text[j] in QUOTE_CHARS else "then:colon")
                break
        framed.append(tuple(sorted(comps)))
    return joined, framed


def prior_key(tok: Token) -> str:
    return f"{tok.lemma_.lower()}/{tok.pos_}"


def prior_bins(cues: int, seen: int, mean: float) -> tuple[str, str]:
    """A word's cue rate on the training articles, smoothed towards the mean and binned, with how
    often it was seen: the rare words that were cues share one weight."""
    rate = (cues + PRIOR_SMOOTHING * mean) / (seen + PRIOR_SMOOTHING)
    return str(sum(rate > b for b in PRIOR_BINS)), str(sum(seen > b for b in SEEN_BINS))


def _prior(rate: str, seen: str, pos: str) -> list[str]:
    return [f"prior={rate}", f"prior,seen={rate},{seen}", f"prior,p={rate},{pos}"]


def _rest(quoted: bool, headline: bool, deps: tuple[str, ...], colon_at: str) -> list[str]:
    feats = [f"q={quoted}", f"hdl={headline}", "deps=" + ",".join(deps)]
    return [*feats, f"colon_at={colon_at}"] if colon_at else feats


FeatureGroup = tuple[Callable[..., list[str]], tuple[Any, ...]]


def _cue_groups(
    tok: Token, headline_end: int, quoted: bool | None, prior: tuple[str, str] | None = None
) -> list[FeatureGroup]:
    """A cue candidate's features in groups, each a function of a few words: the groups recur across
    tokens, so a model can keep each group's score (`AttributionModel.cue_probability`)."""
    doc = tok.doc
    return _groups_at(doc, token_table(doc), tok.i, headline_end, quoted, prior)


def _groups_at(
    doc: Doc, t: TokenTable, i: int, headline_end: int, quoted: bool | None, prior: tuple[str, str] | None
) -> list[FeatureGroup]:
    """`_cue_groups` of the document's i-th token, read from its token table."""
    lemmas, poses, deps, lower, ents = t.lemma, t.pos, t.dep, t.lower, t.ent
    lemma, pos, dep = lemmas[i], poses[i], deps[i]
    prev = lower[i - 1] if i > 0 else "<s>"
    nxt = lower[i + 1] if i + 1 < len(lower) else "</s>"
    head = t.head[i]
    groups: list[FeatureGroup] = [
        (_own, (lemma, pos, t.tag[i], dep)),
        (_head, (lemmas[head], poses[head], deps[head], dep)),
        (_around, (lemma, prev, nxt)),
    ]
    children = t.children[i]
    for child in children:
        child_pos = poses[child]
        groups.append((_child, (lemma, deps[child], child_pos, ents[child] or child_pos, lower[child])))
    colon_at = _size(i - t.sent[i]) if t.text[i] == ":" else ""
    in_quote = _quoted(doc[i].sent) if quoted is None else quoted
    groups.append((_rest, (in_quote, t.idx[i] < headline_end, tuple(sorted({deps[c] for c in children})), colon_at)))
    groups.append((_frame, (lemma, pos, _complements(doc, t, i))))
    if prior is not None:
        groups.append((_prior, (*prior, pos)))
    return groups


def cue_features(
    tok: Token, headline_end: int, quoted: bool | None = None, prior: tuple[str, str] | None = None
) -> list[str]:
    """A cue candidate's features: its word, head, neighbours, children, complements, quotation,
    headline and the word's cue rate on the training articles (`prior`, from `prior_bins`)."""
    return [f for function, key in _cue_groups(tok, headline_end, quoted, prior) for f in function(*key)]


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
    first = span_at(arg.doc, start, end)
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
    """The features' columns: each one's CRC-32 (cheaper made again than looked up in a memo of them)."""
    crc32 = zlib.crc32
    return np.array([crc32(f.encode("utf-8")) for f in features], dtype=np.int64) & (DIM - 1)


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

    def __init__(
        self, cue_weights: np.ndarray, role_weights: np.ndarray, threshold: float,
        lemmas: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        self.lemmas = lemmas or {}  # prior_key -> (times a cue, times seen) on the training articles
        seen = sum(n for _, n in self.lemmas.values())
        self.mean = sum(c for c, _ in self.lemmas.values()) / seen if seen else 0.0
        self.cue_weights = cue_weights.astype(np.float32)
        self.role_weights = role_weights.astype(np.float32)  # (len(ROLES), DIM + 2 * width)
        self.threshold = threshold
        self.width = len(self.cue_weights) - DIM
        self._memo: dict[FeatureGroup, float] = {}  # a feature group's summed weight
        self._words: dict[tuple[str, str], tuple[str, str] | None] = {}  # a word's prior, None if never a cue
        self._strings = Strings()  # the CRC-32s of the words met, for the features' columns

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> AttributionModel:
        with np.load(path) as data:
            version = int(data["features"]) if "features" in data else 1
            if version != FEATURES:
                raise ValueError(f"{path}: trained on feature set {version}, this code computes set {FEATURES}; "
                                 "retrain with scripts/train_attribution.py")
            keys, counts = data["lemma_keys"], data["lemma_counts"]
            lemmas = {str(k): (int(c), int(n)) for k, (c, n) in zip(keys, counts, strict=True)}
            return cls(data["cue"], data["role"], float(data["threshold"]), lemmas)

    def save(self, path: Path) -> None:
        np.savez_compressed(path, cue=self.cue_weights.astype(np.float16), role=self.role_weights.astype(np.float16),
                            threshold=np.array(self.threshold), features=np.array(FEATURES),
                            lemma_keys=np.array(sorted(self.lemmas), dtype=str),
                            lemma_counts=np.array([self.lemmas[k] for k in sorted(self.lemmas)], dtype=np.int32))

    def _never(self, tok: Token) -> bool:
        cues, seen = self.lemmas.get(prior_key(tok), (0, 0))
        return seen >= NEVER_SEEN and cues <= NEVER_RATE * seen

    def prior(self, tok: Token) -> tuple[str, str]:
        cues, seen = self.lemmas.get(prior_key(tok), (0, 0))
        return prior_bins(cues, seen, self.mean)

    def _word(self, lemma: str, pos: str) -> tuple[str, str] | None:
        """The prior of the word (its lemma and part of speech), or None for a word never a cue."""
        key = (lemma, pos)
        if key not in self._words:
            if len(self._words) > MAX_MEMO:
                self._words.clear()
            cues, seen = self.lemmas.get(f"{lemma}/{pos}", (0, 0))
            never = seen >= NEVER_SEEN and cues <= NEVER_RATE * seen
            self._words[key] = None if never else prior_bins(cues, seen, self.mean)
        return self._words[key]

    def cue_probability(
        self, tok: Token, headline_end: int, dense: np.ndarray | None = None, quoted: bool | None = None
    ) -> float:
        doc = tok.doc
        if self.width and dense is None:
            dense = context(doc, self.width) @ self.cue_weights[DIM:]
        return self._probability(_groups_at(doc, token_table(doc), tok.i, headline_end, quoted, self.prior(tok)),
                                 float(dense[tok.i]) if dense is not None else None)

    def _probability(self, groups: list[FeatureGroup], dense: float | None) -> float:
        score = 0.0
        memo = self._memo
        for group in groups:
            part = memo.get(group)
            if part is None:
                if len(memo) > MAX_MEMO:
                    memo.clear()
                function, key = group
                part = memo[group] = float(self.cue_weights[vector(function(*key))].sum())
            score += part
        return self._sigmoid(score, dense)

    @staticmethod
    def _sigmoid(score: float, dense: float | None) -> float:
        if dense is not None:
            score += dense
        return float(1.0 / (1.0 + np.exp(-score)))

    def _group_scores(self, scored: list[list[FeatureGroup]]) -> dict[FeatureGroup, float]:
        """The score of every group of these candidates: the kept ones, and the others summed in one pass
        over the weights (the same sums as one at a time), then kept."""
        memo = self._memo
        groups = dict.fromkeys(itertools.chain.from_iterable(scored))  # each once, in order of appearance
        scores = dict(zip(groups, map(memo.get, groups), strict=True))
        missing = [group for group, part in scores.items() if part is None]
        if missing:
            features = [function(*key) for function, key in missing]
            offsets = np.cumsum([0] + [len(f) for f in features[:-1]])
            sums = np.add.reduceat(self.cue_weights[vector(list(itertools.chain.from_iterable(features)))], offsets)
            fresh = dict(zip(missing, sums.tolist(), strict=True))
            if len(memo) + len(fresh) > MAX_MEMO:
                memo.clear()
            memo.update(fresh)
            scores.update(fresh)
        return scores  # type: ignore[return-value]  # no None left

    def cues(self, doc: Doc, headline_end: int, skip: Container[int] = ()) -> list[tuple[Token, float]]:
        """The cue heads at the threshold or above, with their probability; tokens in `skip` (taken
        by the rules) and words seen often in training and never a cue ("be", "year") are not scored."""
        return [(doc[i], p) for i, p in self.cue_scores(doc, headline_end, skip) if p >= self.threshold]

    def _candidates(self, table: TokenTable, skip: Container[int]) -> tuple[list[int], list[tuple[str, str]]]:
        """The tokens scored (by index) and their words' priors."""
        found, priors = [], []
        words, lemmas = self._words, table.lemma
        for i, (pos, text) in enumerate(zip(table.pos, table.text, strict=True)):
            if not (pos in CANDIDATE_POS or text == ":") or i in skip:
                continue
            key = (lemmas[i], pos)
            prior = words[key] if key in words else self._word(*key)
            if prior is not None:
                found.append(i)
                priors.append(prior)
        return found, priors

    def cue_scores(self, doc: Doc, headline_end: int, skip: Container[int] = ()) -> list[tuple[int, float]]:
        """Every candidate's cue probability, by token index: all the document's features at once as columns
        (`columns.cue_layout`), summed as `cue_scores_by_groups` sums them, to the same floats."""
        table = token_table(doc)
        if not len(table):
            return []
        strings = self._strings
        tokens = strings.token_ids(doc)
        pos_ids = tokens[2]
        marks = np.isin(pos_ids, strings.ids(sorted(CANDIDATE_POS))) | (tokens[0] == strings.ids([":"])[0])
        found, priors = [], []
        words, lemmas, poses = self._words, table.lemma, table.pos
        for i in np.flatnonzero(marks).tolist():
            if i in skip:
                continue
            key = (lemmas[i], poses[i])
            prior = words[key] if key in words else self._word(*key)
            if prior is not None:
                found.append(i)
                priors.append(prior)
        if not found:
            return []
        quoted = quoted_tokens(doc)
        text, idx, sent = table.text, table.idx, table.sent
        joined, framed = frames(doc, table, found)
        layout = cue_layout(
            table, tokens, found, priors, [quoted[i] for i in found], [idx[i] < headline_end for i in found],
            joined, framed, [_size(i - sent[i]) if text[i] == ":" else "" for i in found], strings,
        )
        if layout is None:
            return self.cue_scores_by_groups(doc, headline_end, skip)
        sums = np.add.reduceat(self.cue_weights[layout.columns & (DIM - 1)], layout.starts)
        parts = np.zeros((len(found), int(layout.rank.max()) + 1))
        parts[layout.owner, layout.rank] = sums
        scores = np.zeros(len(found))
        for column in parts.T:  # in order and one at a time, as `cue_scores_by_groups` adds them
            scores += column
        if self.width:
            scores += (context(doc, self.width) @ self.cue_weights[DIM:])[found]
        return list(zip(found, (1.0 / (1.0 + np.exp(-scores))).tolist(), strict=True))

    def cue_scores_by_groups(self, doc: Doc, headline_end: int, skip: Container[int] = ()) -> list[tuple[int, float]]:
        """`cue_scores` one feature group at a time, each group's sum kept: the reference the columns are
        checked against, and the path for a document with a word too long for them."""
        dense = context(doc, self.width) @ self.cue_weights[DIM:] if self.width else None
        quoted = quoted_tokens(doc)
        table = token_table(doc)
        found, priors = self._candidates(table, skip)
        candidates = [(i, _groups_at(doc, table, i, headline_end, quoted[i], prior))
                      for i, prior in zip(found, priors, strict=True)]
        scores = self._group_scores([groups for _, groups in candidates])
        out = []
        for i, groups in candidates:
            score = reduce(operator.add, map(scores.__getitem__, groups), 0.0)  # in order, as one by one
            out.append((i, self._sigmoid(score, float(dense[i]) if dense is not None else None)))
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
