"""The attribution model's cue features for all of a document's candidates at once, as columns: each
feature's CRC-32 composed over arrays from its parts' CRC-32s, never made as a string.

A feature is a fixed prefix and a few word strings joined by commas (`f"l,d={lemma},{dep}"`, see
`learned.cue_features`). CRC-32 composes: crc(a + b) = shift(crc(a), len(b)) ^ crc(b), where `shift` by
n bytes is linear over GF(2) and so applied as four 256-entry tables per length. Each distinct string's
CRC-32 and byte length are kept once (`Strings`); a document's features are then a few table look-ups
and XORs per feature kind over all candidates, and its scores one gather and one `np.add.reduceat` over
the same columns in the same order as the groups `learned._groups_at` makes (so the same floats).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc

from triangulate.read.tokens import TokenTable

MAX_LENGTH = 256  # longer strings (a URL as one token) send the document to the reference path
MAX_STRINGS = 50_000  # kept strings, cleared when full (a long run meets ever more words)
_SUBJECTS = ("nsubj", "nsubjpass")


def _shift_table(n: int) -> np.ndarray:
    """For a shift by n bytes, the images of each byte value in each of the four byte places."""
    zeros = bytes(n)
    empty = zlib.crc32(zeros)
    basis = np.array([zlib.crc32(zeros, 1 << j) ^ empty for j in range(32)], dtype=np.uint32)
    bits = ((np.arange(256)[:, None] >> np.arange(8)) & 1).astype(bool)
    table = np.zeros((4, 256), dtype=np.uint32)
    for place in range(4):
        table[place] = np.bitwise_xor.reduce(np.where(bits, basis[place * 8:place * 8 + 8], 0), axis=1)
    return table


_TABLES = np.stack([_shift_table(n) for n in range(MAX_LENGTH + 1)]).reshape(-1)  # (length, place, byte) flat
_PLACES = np.arange(MAX_LENGTH + 1)[:, None] * 1024 + np.arange(4) * 256  # where a length's four tables start


def shift(crc: np.ndarray, length: np.ndarray | int) -> np.ndarray:
    """crc32(a + b) ^ crc32(b) for crc = crc32(a) and length = len(b): `a`'s CRC moved past `b`'s bytes."""
    places = np.asarray(crc, dtype="<u4").reshape(-1, 1).view(np.uint8)  # each CRC's four bytes, low first
    return np.bitwise_xor.reduce(_TABLES[places + _PLACES[length].reshape(-1, 4)], axis=1)


# the features made of a prefix and one string, and of a prefix and two strings joined by a comma
ONE = ("l=", "p=", "t=", "d=", "hl=", "hp=", "hd=", "prev=", "next=", "cd=", "subj=", "deps=", "comp=", "prior=")
TWO = ("l,d=", "l,t=", "d,hp=", "l,next=", "l,prev=", "cd,cp=", "l,cd=", "l,subj=", "l,prep=", "p,comps=",
       "l,comps=", "p,comp=", "prior,seen=", "prior,p=")
_PREFIXES = {prefix: row for row, prefix in enumerate(ONE + TWO)}
# each prefix's CRC-32 moved past a string of each length; the comma's the same
_MOVED = np.stack([shift(np.full(MAX_LENGTH + 1, zlib.crc32(p.encode()), dtype=np.uint32), np.arange(MAX_LENGTH + 1))
                   for p in ONE + TWO])
_COMMA = shift(np.full(MAX_LENGTH + 1, zlib.crc32(b","), dtype=np.uint32), np.arange(MAX_LENGTH + 1))


class Features:
    """A document's features gathered by kind, then hashed together: `one(prefix, where, ids)` asks for
    the feature `prefix + string` at each position `where`, `two(prefix, where, first, second)` for
    `prefix + first + "," + second`; `crcs` computes them all in a few array operations."""

    def __init__(self, strings: Strings) -> None:
        self.strings = strings
        self._one: list[tuple[int, np.ndarray, np.ndarray]] = []
        self._two: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]] = []

    def one(self, prefix: str, where: np.ndarray, ids: np.ndarray) -> None:
        self._one.append((_PREFIXES[prefix], where, ids))

    def two(self, prefix: str, where: np.ndarray, first: np.ndarray, second: np.ndarray) -> None:
        self._two.append((_PREFIXES[prefix], where, first, second))

    def crcs(self, out: np.ndarray) -> bool:
        """Writes each asked feature's CRC-32 at its position; False when a string is too long for the tables."""
        crc, length = self.strings.crc, self.strings.length
        rows = np.repeat([r for r, _, _ in self._one], [len(w) for _, w, _ in self._one])
        ids = np.concatenate([i for _, _, i in self._one])
        size = length[ids]
        rows2 = np.repeat([r for r, *_ in self._two], [len(w) for _, w, _, _ in self._two])
        first = np.concatenate([f for *_, f, _ in self._two])
        second = np.concatenate([s for *_, s in self._two])
        size1, size2 = length[first], length[second]
        if max(int(size.max(initial=0)), int(size1.max(initial=0)), int(size2.max(initial=0)) + 1) > MAX_LENGTH:
            return False
        out[np.concatenate([w for _, w, _ in self._one])] = _MOVED[rows, size] ^ crc[ids]
        moved = shift(_MOVED[rows2, size1] ^ crc[first], size2 + 1)
        out[np.concatenate([w for _, w, _, _ in self._two])] = moved ^ _COMMA[size2] ^ crc[second]
        return True


class Strings:
    """Each string's CRC-32 and byte length, kept by an id: a document's words are looked up, not hashed.
    `token_ids` starts each document, and clears what is kept when it has grown past MAX_STRINGS."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.hashed: dict[int, int] = {}  # a vocabulary hash -> its string's id
        self.lowered: dict[int, int] = {}  # a vocabulary hash -> its string lower-cased's id
        self.crc = np.zeros(1024, dtype=np.uint32)
        self.length = np.zeros(1024, dtype=np.int64)

    def ids(self, strings: Sequence[str]) -> np.ndarray:
        index = self.index
        try:
            return np.fromiter(map(index.__getitem__, strings), dtype=np.intp, count=len(strings))
        except KeyError:
            pass
        fresh = [s for s in dict.fromkeys(strings) if s not in index]
        encoded = [s.encode("utf-8") for s in fresh]
        start, end = len(index), len(index) + len(fresh)
        if end > len(self.crc):
            grown = max(2 * len(self.crc), end)
            self.crc = np.concatenate([self.crc, np.zeros(grown - len(self.crc), dtype=np.uint32)])
            self.length = np.concatenate([self.length, np.zeros(grown - len(self.length), dtype=np.int64)])
        index.update(zip(fresh, range(start, end), strict=True))
        self.crc[start:end] = [zlib.crc32(b) for b in encoded]
        self.length[start:end] = [len(b) for b in encoded]
        return np.fromiter(map(index.__getitem__, strings), dtype=np.intp, count=len(strings))

    def _of_hashes(self, doc: Doc, hashes: np.ndarray, memo: dict[int, int], lower: bool) -> np.ndarray:
        keys = hashes.tolist()
        try:
            return np.fromiter(map(memo.__getitem__, keys), dtype=np.intp, count=len(keys))
        except KeyError:
            pass
        names = doc.vocab.strings
        fresh = [h for h in dict.fromkeys(keys) if h not in memo]
        words = [names[h].lower() if lower else names[h] for h in fresh]
        memo.update(zip(fresh, self.ids(words).tolist(), strict=True))
        return np.fromiter(map(memo.__getitem__, keys), dtype=np.intp, count=len(keys))

    def token_ids(self, doc: Doc) -> tuple[np.ndarray, ...]:
        """Per token, the ids of its lower form, lemma (lower-cased), part of speech, tag, dependency and
        kind (entity type, else part of speech), from `Doc.to_array`, each distinct hash looked up once."""
        if len(self.index) > MAX_STRINGS:
            self.index.clear()
            self.hashed.clear()
            self.lowered.clear()
        hashes = doc.to_array([LOWER, POS, TAG, DEP, ENT_TYPE, LEMMA])
        plain, inverse = np.unique(hashes[:, :5], return_inverse=True)
        ids = self._of_hashes(doc, plain, self.hashed, False)[inverse.reshape(-1, 5)]
        lemmas, back = np.unique(hashes[:, 5], return_inverse=True)
        lemma = self._of_hashes(doc, lemmas, self.lowered, True)[back.reshape(-1)]
        lower, pos, tag, dep, ent = ids.T
        return lower, lemma, pos, tag, dep, np.where(hashes[:, 4] == 0, pos, ent)


class Layout:
    """A document's candidates' feature columns in the order `learned._groups_at` makes their features
    (own, head, around, each child, rest, frame, prior), with where each group starts, whose it is and its
    place among the candidate's groups."""

    def __init__(self, columns: np.ndarray, starts: np.ndarray, owner: np.ndarray, rank: np.ndarray) -> None:
        self.columns, self.starts, self.owner, self.rank = columns, starts, owner, rank


def cue_layout(
    t: TokenTable, tokens: tuple[np.ndarray, ...], cands: list[int], priors: list[tuple[str, str]],
    quoted: list[bool], headline: list[bool], joined: list[str], comps: list[tuple[str, ...]], colons: list[str],
    strings: Strings,
) -> Layout | None:
    """The candidates' features as columns (`learned.cue_features` of each, in order), or None when a string
    is longer than the shift tables reach. `tokens` are the document's `Strings.token_ids`; per candidate
    (by position): its word's prior bins, whether its sentence is quoted, whether it is in the headline,
    its children's dependencies joined and its complements (`learned.frames`), its `colon_at` bin ("" if
    none)."""
    n = len(cands)
    at = np.array(cands, dtype=np.intp)
    lower_ids, lemma_ids, pos_ids, tag_ids, dep_ids, kind_ids = tokens
    around = np.concatenate([strings.ids(["<s>"]), lower_ids, strings.ids(["</s>"])])
    kids = [t.children[i] for i in cands]
    deps_ids = strings.ids(joined)
    joined_ids = strings.ids(["+".join(c) for c in comps])
    rate_ids, seen_ids = strings.ids([p[0] for p in priors]), strings.ids([p[1] for p in priors])
    comp_ids = strings.ids([c for each in comps for c in each])
    lemma, pos, dep = lemma_ids[at], pos_ids[at], dep_ids[at]
    head = np.array(t.head, dtype=np.intp)[at]
    # children: one block per (candidate, child), 3 features, 5 for a subject, 4 for a preposition
    counts = np.fromiter(map(len, kids), dtype=np.intp, count=n)
    parent = np.repeat(np.arange(n), counts)
    child = np.fromiter((c for k in kids for c in k), dtype=np.intp, count=int(counts.sum()))
    child_dep = dep_ids[child]
    nsubj, nsubjpass, prep_id = strings.ids((*_SUBJECTS, "prep"))
    subj = (child_dep == nsubj) | (child_dep == nsubjpass)
    prep = child_dep == prep_id
    child_size = 3 + 2 * subj + prep
    child_total = np.bincount(parent, weights=child_size, minlength=n).astype(np.intp)
    rest_size = 3 + np.array([bool(c) for c in colons], dtype=np.intp)
    frame_len = np.fromiter(map(len, comps), dtype=np.intp, count=n)
    frame_size = 2 + 2 * frame_len
    size = 18 + child_total + rest_size + frame_size
    base = np.cumsum(size) - size
    out = np.zeros(int(size.sum()), dtype=np.uint32)
    f = Features(strings)
    out[base] = zlib.crc32(b"b")
    f.one("l=", base + 1, lemma)
    f.one("p=", base + 2, pos)
    f.one("t=", base + 3, tag_ids[at])
    f.one("d=", base + 4, dep)
    f.two("l,d=", base + 5, lemma, dep)
    f.two("l,t=", base + 6, lemma, tag_ids[at])
    head_pos = pos_ids[head]
    f.one("hl=", base + 7, lemma_ids[head])
    f.one("hp=", base + 8, head_pos)
    f.one("hd=", base + 9, dep_ids[head])
    f.two("d,hp=", base + 10, dep, head_pos)
    prev, nxt = around[at], around[at + 2]
    f.one("prev=", base + 11, prev)
    f.one("next=", base + 12, nxt)
    f.two("l,next=", base + 13, lemma, nxt)
    f.two("l,prev=", base + 14, lemma, prev)
    first = base[parent] + 15 + (np.cumsum(child_size) - child_size) - (np.cumsum(child_total) - child_total)[parent]
    child_lemma = lemma[parent]
    f.one("cd=", first, child_dep)
    f.two("cd,cp=", first + 1, child_dep, pos_ids[child])
    f.two("l,cd=", first + 2, child_lemma, child_dep)
    f.one("subj=", first[subj] + 3, kind_ids[child][subj])
    f.two("l,subj=", first[subj] + 4, child_lemma[subj], kind_ids[child][subj])
    f.two("l,prep=", first[prep] + 3, child_lemma[prep], lower_ids[child][prep])
    rest = base + 15 + child_total
    out[rest] = np.where(quoted, np.uint32(zlib.crc32(b"q=True")), np.uint32(zlib.crc32(b"q=False")))
    out[rest + 1] = np.where(headline, np.uint32(zlib.crc32(b"hdl=True")), np.uint32(zlib.crc32(b"hdl=False")))
    f.one("deps=", rest + 2, deps_ids)
    for c, colon in enumerate(colons):
        if colon:
            out[rest[c] + 3] = zlib.crc32(f"colon_at={colon}".encode())
    frame = rest + rest_size
    f.two("p,comps=", frame, pos, joined_ids)
    f.two("l,comps=", frame + 1, lemma, joined_ids)
    comp_parent = np.repeat(np.arange(n), frame_len)
    slot = frame[comp_parent] + 2 + 2 * (np.arange(len(comp_parent)) - (np.cumsum(frame_len) - frame_len)[comp_parent])
    f.one("comp=", slot, comp_ids)
    f.two("p,comp=", slot + 1, pos[comp_parent], comp_ids)
    prior = frame + frame_size
    f.one("prior=", prior, rate_ids)
    f.two("prior,seen=", prior + 1, rate_ids, seen_ids)
    f.two("prior,p=", prior + 2, rate_ids, pos)
    if not f.crcs(out):
        return None
    starts = np.sort(np.concatenate([base, base + 7, base + 11, first, rest, frame, prior]))
    owner = np.searchsorted(base, starts, side="right") - 1
    groups = 6 + counts
    rank = np.arange(len(starts)) - np.repeat(np.cumsum(groups) - groups, groups)
    return Layout(out, starts, owner, rank)
