"""Exact and near-duplicate reports."""

from __future__ import annotations

import random
import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import need_data
from triangulate.ingest import drop_near_duplicates, load_paths
from triangulate.ingest.dedup import candidate_jaccard, is_near_copy, near_duplicates, shingles
from triangulate.records import Document, document_id

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def doc(text: str, published: date | None = None, name: str = "x") -> Document:
    return Document(id=document_id(text), external_id=name, text=text, published=published)


@pytest.fixture(scope="module")
def examples() -> dict[str, Document]:
    return {d.external_id: d for d in load_paths([EXAMPLES]).documents}


def test_syndicated_copy_with_new_headline_and_added_line_is_dropped(examples: dict[str, Document]) -> None:
    docs = list(examples.values())
    kept, dropped = drop_near_duplicates(docs)
    original = examples["01_tigris_wire_depot_strike.txt"]
    copy = examples["03_euphrates_daily_depot_strike.txt"]
    assert dropped == [(copy.id, original.id)]
    assert [d.external_id for d in kept] == [d.external_id for d in docs if d is not copy]


def test_distinct_reports_on_one_story_are_kept(examples: dict[str, Document]) -> None:
    distinct = [d for name, d in examples.items() if not name.startswith("03_")]
    kept, dropped = drop_near_duplicates(distinct)
    assert dropped == [] and kept == distinct


def test_earliest_published_is_kept(examples: dict[str, Document]) -> None:
    original = examples["01_tigris_wire_depot_strike.txt"].model_copy(update={"published": date(2023, 11, 16)})
    copy = examples["03_euphrates_daily_depot_strike.txt"]
    kept, dropped = drop_near_duplicates([original, copy])
    assert kept == [copy] and dropped == [(original.id, copy.id)]
    # unknown dates count as latest
    undated = original.model_copy(update={"published": None})
    kept, _ = drop_near_duplicates([undated, copy])
    assert kept == [copy]


def test_exact_duplicates_always_dropped(examples: dict[str, Document]) -> None:
    report = examples["04_tigris_wire_claim.txt"]
    again = report.model_copy(update={"external_id": "again.txt", "outlet": "Other"})
    kept, dropped = drop_near_duplicates([report, again], threshold=1.0)
    assert kept == [report] and dropped == [(report.id, report.id)]


def test_small_word_edits_are_near_copies(examples: dict[str, Document]) -> None:
    report = examples["02_northern_desk_depot.txt"]
    edited = report.text.replace("Two fighters were killed", "Two militiamen were killed").replace(
        "yesterday", "on Tuesday"
    )
    kept, dropped = drop_near_duplicates([report, doc(edited)])
    assert kept == [report] and len(dropped) == 1


def test_short_flash_and_long_story_are_both_kept(examples: dict[str, Document]) -> None:
    story = examples["01_tigris_wire_depot_strike.txt"]
    flash = doc(story.text.split("\n\n")[0], story.published)  # the first paragraph alone
    kept, dropped = drop_near_duplicates([flash, story])
    assert dropped == [] and len(kept) == 2


def test_containment_rule() -> None:
    a = shingles("one two three four five six seven eight nine ten eleven twelve")
    b = shingles("one two three four five six seven eight nine ten eleven twelve thirteen")
    assert is_near_copy(a, b, 0.9)
    assert not is_near_copy(a, shingles("an entirely different sentence about rockets near Erbil today"), 0.5)
    assert candidate_jaccard(0.9) < 0.43  # low enough to propose every pair that can pass


def test_bad_threshold() -> None:
    with pytest.raises(ValueError):
        drop_near_duplicates([], threshold=0.0)


def test_thousand_documents_are_fast() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(5000)]
    docs = [doc(" ".join(rng.choices(vocabulary, k=250)), name=str(i)) for i in range(1000)]
    copies = [doc(d.text + " an added closing line from the syndicating outlet", name=f"c{i}")
              for i, d in enumerate(docs[:50])]
    started = time.perf_counter()
    kept, dropped = drop_near_duplicates(docs + copies)
    elapsed = time.perf_counter() - started
    assert len(kept) == 1000 and len(dropped) == 50
    assert elapsed < 10, f"dedup of 1,050 documents took {elapsed:.1f}s"


def test_signature_is_the_minhash_of_the_shingles_masked_to_32_bits(examples: dict[str, Document]) -> None:
    from datasketch import MinHash

    from triangulate.ingest.dedup import NUM_PERM, SEED, _minhash

    hashes = shingles(examples["01_tigris_wire_depot_strike.txt"].text)
    fresh = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=lambda v: v & 0xFFFFFFFF)
    fresh.update_batch(list(hashes))
    signature = _minhash(hashes)
    assert (signature.hashvalues == fresh.hashvalues).all()
    assert _minhash(hashes) is not signature and (_minhash(set()).hashvalues == MinHash(NUM_PERM, SEED).hashvalues).all()


def test_shingles_are_the_word_five_grams_hashed() -> None:
    import hashlib

    text = "Rescuers searched the rubble of the collapsed school in Padang for a second night."
    grams = ["rescuers searched the rubble of", "searched the rubble of the", "the rubble of the collapsed"]
    hashed = {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams}
    found = shingles(text)
    assert len(found) == 10 and hashed <= found
    assert shingles("Too short a flash") == {int.from_bytes(
        hashlib.blake2b(b"too short a flash", digest_size=8).digest(), "big")}


def test_a_batch_is_checked_for_near_copies_in_a_few_kilobytes_a_report(shared_data: Path) -> None:
    # 2,000 ACLED notes: each has its shingles, MinHash bands and buckets held until the batch is checked, so
    # what is held must be small (a MinHashLSH kept a set per bucket and bytes per band: about 7 KB a report,
    # 140 MB for a batch of 20,000)
    from triangulate.evaluate.acled import load_gold

    notes = [g.notes for g in load_gold(need_data(shared_data / "acled", "ACLED data"))][:2000]
    assert len(notes) == 2000
    texts = [*notes, notes[7] + " Local sources confirmed the toll."]  # a copy with a line added
    tracemalloc.start()
    try:
        keep, dropped = near_duplicates([(f"n{i}", None) for i in range(len(texts))], texts.__getitem__)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert ("n2000", "n7") in dropped and not keep[2000] and sum(keep) > 1800
    assert peak < 3_000 * len(texts), peak / len(texts)
