"""Stories: reports about one story together, other stories apart, linked one run at a time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from triangulate.evaluate.clustering import link, load, pair_agreement
from triangulate.link.stories import WEIGHTS, Weights, cluster_stories, link_stories
from triangulate.pipeline import Pipeline
from triangulate.records import ActorMention, AnalyzedDocument, Document, document_id
from triangulate.store.sqlite import SQLiteStore


def _doc(text: str, published: date, actors: list[str]) -> AnalyzedDocument:
    mentions = [ActorMention(start=0, end=1, text="x", actor_id=a) for a in actors]
    doc = Document(id=document_id(text), external_id=text[:10], text=text, published=published)
    return AnalyzedDocument(document=doc, mentions=mentions)


STRIKE_A = ("Drones struck a weapons depot of the Popular Mobilization Forces near Balad, north of Baghdad, "
            "setting off explosions; the militia blamed Israel for the strike on its depot.")
STRIKE_B = ("Explosions tore through a Popular Mobilization Forces weapons depot near Balad after a drone strike; "
            "Iraqi officials said Israel was suspected of the strike on the militia depot.")
FLOOD = ("Heavy rains flooded farmland across Bangladesh's northern districts, and the government opened "
         "shelters for families whose homes were washed away by the monsoon.")


def test_two_reports_of_one_strike_form_one_story_and_a_flood_another() -> None:
    docs = [
        _doc(STRIKE_A, date(2019, 8, 21), ["IRQ.PMF", "ISR.GOV"]),
        _doc(STRIKE_B, date(2019, 8, 22), ["IRQ.PMF", "ISR.GOV", "IRQ.GOV"]),
        _doc(FLOOD, date(2019, 8, 22), ["BGD.GOV"]),
    ]
    stories = cluster_stories(docs)
    groups = sorted(sorted(s.doc_ids) for s in stories)
    assert groups == sorted([sorted([docs[0].document.id, docs[1].document.id]), [docs[2].document.id]])


def test_clustering_is_deterministic_and_order_free() -> None:
    docs = [
        _doc(STRIKE_A, date(2019, 8, 21), ["IRQ.PMF"]),
        _doc(FLOOD, date(2019, 8, 22), ["BGD.GOV"]),
        _doc(STRIKE_B, date(2019, 8, 22), ["IRQ.PMF"]),
    ]
    assert cluster_stories(docs) == cluster_stories(list(reversed(docs)))


STRIKE_C = ("Israel was behind the drone strike that set off explosions at a Popular Mobilization Forces weapons "
            "depot near Balad, north of Baghdad, a senior official said; the militia said its depot was hit.")


def _store_with(path: Path, docs: list[AnalyzedDocument], weights: Weights = WEIGHTS) -> SQLiteStore:
    store = SQLiteStore(path)
    for item in docs:
        store.save(item, "test")
    link_stories(store, weights)
    return store


def test_a_new_report_joins_its_story_under_the_same_id_reading_no_stored_analysis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strike_a = _doc(STRIKE_A, date(2019, 8, 21), ["IRQ.PMF", "ISR.GOV"])
    flood = _doc(FLOOD, date(2019, 8, 22), ["BGD.GOV"])
    _store_with(tmp_path / "t.db", [strike_a, flood]).close()
    store = SQLiteStore(tmp_path / "t.db")
    before = {s.id: s.doc_ids for s in store.stories()}
    strike_id = f"s{strike_a.document.id}"
    assert before[strike_id] == [strike_a.document.id]
    strike_b = _doc(STRIKE_B, date(2019, 8, 22), ["IRQ.PMF", "ISR.GOV", "IRQ.GOV"])
    store.save(strike_b, "test")
    read = store.analyzed

    def only_new(doc_id: str) -> AnalyzedDocument | None:
        assert doc_id == strike_b.document.id, "a stored report's analysis was read again"
        return read(doc_id)

    monkeypatch.setattr(store, "analyzed", only_new)
    assert link_stories(store) == {strike_id}
    after = {s.id: s.doc_ids for s in store.stories()}
    assert after[strike_id] == [strike_a.document.id, strike_b.document.id]
    assert after[f"s{flood.document.id}"] == [flood.document.id]
    assert link_stories(store) == set()  # nothing new: nothing changes
    assert {s.id: s.doc_ids for s in store.stories()} == after
    store.close()


def test_two_stories_bridged_by_a_report_merge_under_the_older_id(tmp_path: Path) -> None:
    first = _doc(STRIKE_A, date(2019, 8, 21), ["IRQ.PMF", "ISR.GOV"])
    second = _doc(STRIKE_B, date(2019, 8, 22), ["IRQ.PMF", "ISR.GOV"])
    flood = _doc(FLOOD, date(2019, 8, 22), ["BGD.GOV"])
    strict = Weights(threshold=2.0)  # no probability reaches it: the first run keeps every report apart
    store = _store_with(tmp_path / "t.db", [first, flood, second], strict)
    assert len(store.stories()) == 3
    bridge = _doc(STRIKE_C, date(2019, 8, 23), ["IRQ.PMF", "ISR.GOV"])
    store.save(bridge, "test")
    changed = link_stories(store)
    stories = {s.id: s.doc_ids for s in store.stories()}
    older = f"s{first.document.id}"
    assert f"s{second.document.id}" in changed and f"s{second.document.id}" not in stories
    assert stories[older] == [first.document.id, second.document.id, bridge.document.id]
    store.close()


@pytest.fixture(scope="module")
def ecb_sample(shared_data: Path) -> list[AnalyzedDocument]:
    folder = shared_data / "clustering"
    if not folder.is_dir():
        pytest.skip("no clustering data")
    documents, _ = load(folder, "dev", limit=60)
    return list(Pipeline().analyze_documents(documents))


def test_one_at_a_time_equals_all_at_once_on_ecb_reports(ecb_sample: list[AnalyzedDocument]) -> None:
    one_by_one = link(ecb_sample)
    at_once = link(ecb_sample, batch=True)
    assert len(set(at_once.values())) > 2
    assert pair_agreement(one_by_one, at_once) >= 0.98


@pytest.mark.slow
def test_one_at_a_time_equals_all_at_once_on_all_dev_reports(shared_data: Path) -> None:
    documents, _ = load(shared_data / "clustering", "dev")
    analyzed = list(Pipeline().analyze_documents(documents))
    agreement = pair_agreement(link(analyzed), link(analyzed, batch=True))
    print(f"pairwise agreement over {len(analyzed)} reports: {agreement:.4f}")
    assert agreement >= 0.98
