"""The candidate index: LSH bands, key postings stored in the database, the time window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from triangulate.link.index import MAX_STORIES, CandidateIndex, lsh_keys, most_shared
from triangulate.link.profile import Vectorizer, build_profile, minhash, words
from triangulate.records import ActorMention, AnalyzedDocument, Document, document_id
from triangulate.store.sqlite import SQLiteStore

QUAKE = ("A magnitude 6.1 earthquake struck the Indonesian province of Aceh on Tuesday, killing at least "
         "five people and damaging hundreds of homes, the national disaster agency said.")
QUAKE_COPY = ("A magnitude 6.1 earthquake struck the Indonesian province of Aceh on Tuesday, killing at least "
              "five people and damaging hundreds of homes, the disaster agency said on Wednesday.")
REHAB = ("The actress checked into a Malibu rehabilitation center on Friday, her publicist confirmed, "
         "asking for privacy for her family.")


def _analyzed(text: str, published: date | None = None, actors: tuple[str, ...] = ()) -> AnalyzedDocument:
    doc = Document(id=document_id(text), external_id=text[:12], text=text, published=published)
    mentions = [ActorMention(start=0, end=1, text="x", actor_id=a) for a in actors]
    return AnalyzedDocument(document=doc, mentions=mentions)


def test_near_copies_share_lsh_bands_and_other_reports_do_not() -> None:
    quake, copy, rehab = (lsh_keys(minhash(words(t))) for t in (QUAKE, QUAKE_COPY, REHAB))
    assert len(set(quake) & set(copy)) >= 3
    assert not set(quake) & set(rehab)
    assert lsh_keys(minhash([])) == []


def _index(store: SQLiteStore, item: AnalyzedDocument, seq: int) -> list[str]:
    store.save(item, "test")
    profile = build_profile(item)
    keys = _keys(profile)
    with store.transaction():
        CandidateIndex(store).add(profile, keys, seq, f"s{profile.doc_id}", "test")
    return keys


def _keys(profile: object) -> list[str]:
    from triangulate.link.index import candidate_keys

    return candidate_keys(profile, Vectorizer(1, {}))  # type: ignore[arg-type]


def test_candidates_come_from_the_stored_keys_after_reopening(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    store = SQLiteStore(db)
    _index(store, _analyzed(QUAKE, actors=("IDN.GOV",)), 0)
    _index(store, _analyzed(REHAB), 1)
    store.close()
    store = SQLiteStore(db)
    new = build_profile(_analyzed(QUAKE_COPY, actors=("IDN.GOV",)))
    found = CandidateIndex(store).candidates(new, _keys(new))
    assert found == {f"s{document_id(QUAKE)}": [document_id(QUAKE)]}
    store.close()


def test_only_the_stories_sharing_most_keys_are_candidates() -> None:
    store = SQLiteStore(":memory:")
    # more stories than are compared, each naming the government; one also names the province
    texts = [f"Report {n} on the ministry budget, the government said." for n in range(MAX_STORIES + 3)]
    for seq, text in enumerate(texts):
        actors = ("IDN.GOV", "IDN.ACEH") if seq == 4 else ("IDN.GOV",)
        _index(store, _analyzed(text, actors=actors), seq)
    new = build_profile(_analyzed(QUAKE, actors=("IDN.GOV", "IDN.ACEH")))
    found = CandidateIndex(store).candidates(new, [k for k in _keys(new) if k.startswith("ent:")])
    assert len(found) == MAX_STORIES
    assert next(iter(found)) == f"s{document_id(texts[4])}"  # two keys in common: first
    store.close()


def test_reports_far_apart_in_time_are_no_candidates() -> None:
    store = SQLiteStore(":memory:")
    _index(store, _analyzed(QUAKE, date(2004, 12, 26)), 0)
    near = build_profile(_analyzed(QUAKE_COPY, date(2005, 1, 2)))
    far = build_profile(_analyzed(QUAKE_COPY, date(2012, 4, 11)))
    index = CandidateIndex(store)
    assert index.candidates(near, _keys(near)) == {f"s{document_id(QUAKE)}": [document_id(QUAKE)]}
    assert index.candidates(far, _keys(far)) == {}
    store.close()


def test_the_reports_sharing_most_keys_come_first_ties_in_id_order() -> None:
    # reports sharing 3, 2 and 1 keys with a new one: the last kept shares as many keys as some left out
    texts = [f"Report {n} on the ministry budget, the government said." for n in range(40)]
    hits = {document_id(t): 3 if n < 2 else 2 if n < 9 else 1 for n, t in enumerate(texts)}
    by_definition = sorted(hits, key=lambda d: (-hits[d], d))
    for limit in (0, 1, 2, 5, 9, 10, 25, 40, 60):
        assert most_shared(hits, limit) == by_definition[:limit]
    assert most_shared({}, 5) == []
