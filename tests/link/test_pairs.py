"""The main event's pair verdicts kept as columns (`link/pairs.py`), on real reports' mentions."""

from __future__ import annotations

import json
from datetime import date

import pytest

import triangulate.link.pairs as pairs_module
from triangulate.link.pairs import KnownPairs, Pair, PairBook
from triangulate.records import AnalyzedDocument, Document


def _read_back(known: KnownPairs) -> KnownPairs:
    return KnownPairs.from_json(json.loads("".join(known.json_parts())))


@pytest.fixture()
def story(ecb_sample: list[AnalyzedDocument]) -> tuple[dict[str, Document], list[tuple[str, str]]]:
    """Three reports with mentions, and pairs of mentions across them."""
    members = [a for a in ecb_sample if len(a.events) >= 2][:3]
    documents = {a.document.id: a.document for a in members}
    ids = [e.id for a in members for e in a.events[:2]]
    return documents, [(a, b) for a in ids for b in ids if a != b]


VERDICTS = [Pair(False), Pair(True), Pair(True, True), Pair(True, False, (("fatalities", 3),)),
            Pair(True, True, (("fatalities", 3), ("injured", None)))]


def test_verdicts_come_back_as_made_while_their_reports_days_hold(
        story: tuple[dict[str, Document], list[tuple[str, str]]]) -> None:
    documents, keys = story
    book = PairBook(KnownPairs(), documents)
    made = {key: VERDICTS[k % len(VERDICTS)] for k, key in enumerate(keys)}
    for key, pair in made.items():
        assert book.get(key) is None
        book[key] = pair
    known = _read_back(book.kept())
    again = PairBook(known, documents)
    assert {key: again.get(key) for key in keys} == made
    assert again.kept() is known  # nothing made, nothing dropped: the columns kept as read
    # one report published on another day: the verdicts that read its day are gone, the others stay
    moved_id = next(iter(documents))
    moved = {**documents, moved_id: documents[moved_id].model_copy(update={"published": date(1999, 1, 1)})}
    later = PairBook(known, moved)
    for key in keys:
        touches = moved_id in (key[0].rsplit(":", 1)[0], key[1].rsplit(":", 1)[0])
        assert later.get(key) == (None if touches else made[key])
    kept = _read_back(later.kept())
    assert len(kept.left) == sum(1 for a, b in keys if moved_id not in (a.rsplit(":", 1)[0], b.rsplit(":", 1)[0]))
    # ... and a report gone from the story, or forgotten (analyzed again), takes its verdicts along
    gone = PairBook(known, {d: doc for d, doc in documents.items() if d != moved_id})
    assert _read_back(gone.kept()).left.tolist() == kept.left.tolist()
    known.forget(doc_ids=set(documents) - {moved_id})
    assert _read_back(PairBook(known, documents).kept()).left.tolist() == kept.left.tolist()


def test_past_the_bound_no_verdict_is_kept(story: tuple[dict[str, Document], list[tuple[str, str]]],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    documents, keys = story
    monkeypatch.setattr(pairs_module, "PAIRS_KEPT", len(keys) - 1)
    book = PairBook(KnownPairs(), documents)
    for key in keys:
        book[key] = Pair(True)
    assert book.kept().ids == [] and len(book.kept().left) == 0
