"""Duplicate reports: exact copies by id, syndicated near-copies by MinHash over word 5-shingles.

Two reports are near-duplicates when at least `threshold` of the smaller one's shingles are
in the other (containment) and the smaller has at least half as many shingles as the larger.
Containment, not Jaccard, because a syndicated copy typically adds or drops a line or a
headline, which costs Jaccard a lot on short reports but containment nothing. The size
guard keeps a short flash and the long story that grew from it apart.

MinHash LSH only proposes candidates (at a Jaccard level low enough to catch every pair that
can pass); each candidate is then checked on its exact shingle sets, so the answer does not
depend on MinHash noise. Of a group of copies the earliest published is kept (unknown dates
count as latest), ties going to the first seen.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache, partial
from operator import methodcaller

import numpy as np
from datasketch import MinHash, MinHashLSH

from triangulate.records import Document

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 20190821
MIN_SIZE_RATIO = 0.5
_WORD = re.compile(r"\w+")
_HASH_MASK = (1 << 32) - 1


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """Hashes of the word `size`-grams of a text (lower-cased); a shorter text is one shingle."""
    return set(_shingle_array(text, size).tolist())


_DIGEST = methodcaller("digest")
_BLAKE2B_8 = partial(hashlib.blake2b, digest_size=8)


def _shingle_array(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """`shingles` as a sorted array of distinct values: each gram's 8-byte BLAKE2b digest read as a big-endian
    number, every step a C call (no Python code runs per gram)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        grams = [" ".join(words)] if words else []
    else:
        grams = list(map(" ".join, zip(*(words[i:] for i in range(size)), strict=False)))  # the last window ends them
    digests = b"".join(map(_DIGEST, map(_BLAKE2B_8, map(str.encode, grams))))
    return np.unique(np.frombuffer(digests, dtype=">u8").astype(np.uint64))


@lru_cache(maxsize=1)
def _template() -> MinHash:
    # the permutations drawn once: copies share them. The values come masked to 32 bits (what MinHash
    # expects), so its hash function is the identity
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int)


def _minhash(hashes: np.ndarray | set[int]) -> MinHash:
    signature = _template().copy()
    if len(hashes):  # each permutation keeps its least value: the order of the values does not matter
        values = hashes if isinstance(hashes, np.ndarray) else np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
        signature.update_batch((values & _HASH_MASK).tolist())
    return signature


def candidate_jaccard(threshold: float) -> float:
    """The lowest Jaccard a pair passing the containment and size tests can have, less a margin."""
    shared = threshold * MIN_SIZE_RATIO  # smaller set = ratio * larger, fully `threshold` contained
    lowest = shared / (1.0 + MIN_SIZE_RATIO - shared)
    return max(0.05, lowest - 0.1)


def is_near_copy(a: set[int], b: set[int], threshold: float) -> bool:
    """Whether two texts' shingle sets make one a near copy of the other."""
    return _near_copy(_sorted(a), _sorted(b), threshold)


def _sorted(hashes: set[int]) -> np.ndarray:
    array = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    array.sort()
    return array


def drop_near_duplicates(
    documents: list[Document], threshold: float = 0.9
) -> tuple[list[Document], list[tuple[str, str]]]:
    """Kept documents in input order, and (dropped id, kept id) for each one dropped.

    Exact duplicates (the same id) give pairs whose two ids are equal.
    """
    keep, dropped = near_duplicates([(d.id, d.published) for d in documents], lambda i: documents[i].text, threshold)
    return [d for d, k in zip(documents, keep, strict=True) if k], dropped


def near_duplicates(
    keys: Sequence[tuple[str, date | None]], text: Callable[[int], str], threshold: float = 0.9
) -> tuple[list[bool], list[tuple[str, str]]]:
    """`drop_near_duplicates` over documents given by (id, published) and their text by index (each
    read once): whether each is kept, and (dropped id, kept id) for each one dropped.

    The candidates of a document are the documents kept before it that share a band of its MinHash
    exactly, as `MinHashLSH.query` finds them, but what is held is machine arrays: each document's shingle
    hashes (8 bytes each, end to end), its bucket in each band (4 bytes a band) and, for the kept ones, a
    chain through each bucket. A `MinHashLSH` keeps a set per bucket and bytes per band: about 7 KB a
    document, 140 MB for a batch of 20,000.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    order = sorted(range(len(keys)), key=lambda i: (_date_key(keys[i][1]), i))
    rank = {index: position for position, index in enumerate(order)}
    hashes, bucket = _signed(order, text, len(keys), candidate_jaccard(threshold))
    kept_by_id: dict[str, int] = {}
    dropped: list[tuple[str, str]] = []
    keep = [False] * len(keys)
    bands = bucket.shape[1]
    last = np.full((bands, len(keys)), -1, dtype=np.int32)  # per band and bucket, the last document kept in it
    before = np.full((len(keys), bands), -1, dtype=np.int32)  # per kept document and band, the one kept before
    for index in order:
        doc_id = keys[index][0]
        if doc_id in kept_by_id:
            dropped.append((doc_id, doc_id))
            continue
        mine = hashes(index)
        found: set[int] = set()
        for band in range(bands):
            other = int(last[band, bucket[index, band]])
            while other >= 0:
                found.add(other)
                other = int(before[other, band])
        # several matches: the one kept first (earliest published) is the one named
        candidates = sorted(found, key=rank.__getitem__)
        match = next((c for c in candidates if _near_copy(mine, hashes(c), threshold)), None)
        if match is not None:
            dropped.append((doc_id, keys[match][0]))
            continue
        keep[index] = True
        kept_by_id[doc_id] = index
        for band in range(bands):
            before[index, band] = last[band, bucket[index, band]]
            last[band, bucket[index, band]] = index
    return keep, dropped


@lru_cache(maxsize=4)
def _bands(jaccard: float) -> tuple[tuple[int, int], ...]:
    """The bands of a `MinHashLSH` for this Jaccard level, as its queries would use them (made once: it
    integrates its false positive and negative rates for every split of the permutations into bands)."""
    return tuple((int(a), int(b)) for a, b in MinHashLSH(threshold=jaccard, num_perm=NUM_PERM).hashranges)


def _signed(
    indexes: Sequence[int], text: Callable[[int], str], count: int, jaccard: float,
) -> tuple[Callable[[int], np.ndarray], np.ndarray]:
    """Each document's sorted shingle hashes (by index), and its bucket in each band of the MinHash LSH
    `MinHashLSH` makes for this Jaccard level: two documents share a bucket when the band's hash
    values are the same."""
    ranges = _bands(jaccard)
    width = ranges[0][1] - ranges[0][0]
    values = np.zeros((count, len(ranges), width), dtype=np.uint64)
    flat = array("Q")
    start = np.zeros(count + 1, dtype=np.int64)
    ends = np.zeros(count, dtype=np.int64)
    for index in indexes:
        hashes = _shingle_array(text(index))  # sorted, as `_sorted(shingles(...))`
        signature = _minhash(hashes).hashvalues
        values[index] = np.stack([signature[a:b] for a, b in ranges])
        start[index] = len(flat)
        flat.extend(hashes.tolist())
        ends[index] = len(flat)
    packed = np.frombuffer(flat, dtype=np.uint64) if flat else np.zeros(0, dtype=np.uint64)
    bucket = np.zeros((count, len(ranges)), dtype=np.int32)
    rows = np.ascontiguousarray(values).view(np.dtype((np.void, 8 * width))).reshape(count, len(ranges))
    for band in range(len(ranges)):
        bucket[:, band] = np.unique(rows[:, band], return_inverse=True)[1].reshape(-1)
    del values, rows

    def hashes_of(index: int) -> np.ndarray:
        return packed[start[index]:ends[index]]

    return hashes_of, bucket


def _near_copy(a: np.ndarray, b: np.ndarray, threshold: float) -> bool:
    """Whether the smaller of two sorted arrays of distinct shingle hashes is mostly inside the larger
    (and not much smaller than it)."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not len(small) or len(small) < MIN_SIZE_RATIO * len(large):
        return False
    return len(np.intersect1d(small, large, assume_unique=True)) >= threshold * len(small)


def _date_key(published: date | None) -> date:
    return published if published is not None else date.max
