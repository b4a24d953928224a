"""Linking a story again from what its last linking found (`link/memo.py`, `link/compared.py`): the links are
the ones made from scratch, on real reports linked one at a time."""

from __future__ import annotations

import base64
import json
import tracemalloc
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import triangulate.link.events as events_module
import triangulate.link.story_links as story_links_module
from tests.conftest import need_data
from triangulate.ingest import load_paths
from triangulate.link.claims import Propositions, claim_features, contradicts, same_proposition
from triangulate.link.compared import Compared
from triangulate.link.lexicon import load_lexicon
from triangulate.link.memo import LinkMemo
from triangulate.link.mentions import Comparison, compare_events
from triangulate.link.relink import relink
from triangulate.link.story_links import link_story, links_rules
from triangulate.pipeline import Pipeline
from triangulate.records import AnalyzedDocument, Event, Story
from triangulate.store import open_store
from triangulate.store.sqlite import SQLiteStore

DISPUTES = ("mh17-2014", "kakhovka-dam-2023", "abu-akleh-2022")  # disputed events: denials, accusations, tolls


@pytest.fixture(scope="module")
def reports(shared_data: Path, seeds_dir: Path, ecb_sample: list[AnalyzedDocument]) -> list[AnalyzedDocument]:
    """The seeds, reports of three disputed events and 60 ECB+ dev reports, in an order that interleaves
    stories, as a feed would."""
    folders = [seeds_dir, *(need_data(shared_data / "disputes" / name, "disputes data") for name in DISPUTES)]
    analyzed = list(Pipeline().analyze_documents(load_paths(folders).documents))
    return sorted([*analyzed, *ecb_sample], key=lambda a: a.document.id)


@pytest.fixture(scope="module")
def linked(reports: list[AnalyzedDocument]) -> tuple[SQLiteStore, int]:
    """A store the reports were linked into one at a time; how many of them joined a story whose
    remembered comparisons were taken back. Each time, the joined story's stored links are checked
    against links made from scratch."""
    store = open_store(":memory:")
    assert isinstance(store, SQLiteStore)
    taken_back = 0
    for item in reports:
        store.save(item, "v1")
        before = {s: store.story_link_memo(s) for s in store.story_ids()}
        relink(store)
        (story_id,) = store.stories_of([item.document.id]).values()
        story = store.story(story_id)
        assert story is not None
        remembered = LinkMemo.from_json(before.get(story_id)).compared.ids
        taken_back += bool(set(remembered) & set(LinkMemo.from_json(store.story_link_memo(story_id)).compared.ids))
        assert store.story_link(story_id) == _from_scratch(store, story), f"after {item.document.id}"
    return store, taken_back


def _docs(store: SQLiteStore, story: Story) -> list[AnalyzedDocument]:
    return [a for a in (store.analyzed(d) for d in story.doc_ids) if a is not None]


def _from_scratch(store: SQLiteStore, story: Story) -> object:
    return link_story(story, _docs(store, story))


def test_links_made_report_by_report_are_the_links_made_whole(linked: tuple[SQLiteStore, int]) -> None:
    store, taken_back = linked
    stories = store.stories()
    assert len(stories) >= 5 and max(len(s.doc_ids) for s in stories) >= 10
    assert taken_back >= 40  # most reports joined a story linked before, from what it remembered
    # (each story was checked as a report joined it; not all again at the end: a later report may bring a
    # new record of an actor a story read, which its signature does not cover, memo or not)


def _biggest(store: SQLiteStore) -> Story:
    return max(store.stories(), key=lambda s: (len(s.event_ids), s.id))


def _memo(store: SQLiteStore, story: Story) -> LinkMemo:
    memo = LinkMemo.from_json(store.story_link_memo(story.id))
    memo.fit(links_rules(), store.analyzer_versions(story.doc_ids))
    return memo


def test_a_story_linked_again_unchanged_compares_nothing_anew(linked: tuple[SQLiteStore, int]) -> None:
    store, _ = linked
    story = _biggest(store)
    memo = _memo(store, story)
    assert link_story(story, _docs(store, story), memo) == _from_scratch(store, story)
    assert memo.misses == 0 and memo.hits > 500


def test_a_report_analyzed_again_is_compared_anew(linked: tuple[SQLiteStore, int]) -> None:
    store, _ = linked
    story = _biggest(store)
    versions = store.analyzer_versions(story.doc_ids)
    memo = LinkMemo.from_json(store.story_link_memo(story.id))
    memo.fit(links_rules(), {**versions, story.doc_ids[0]: "v2"})
    assert link_story(story, _docs(store, story), memo) == _from_scratch(store, story)
    assert memo.misses > 0 and memo.hits > 0


def test_an_actor_record_that_changed_or_appeared_is_read_anew(linked: tuple[SQLiteStore, int]) -> None:
    store, _ = linked
    story = _biggest(store)
    docs = _docs(store, story)
    doers = {e.source_actor for d in docs for e in d.events if e.source_actor} & {a.id for d in docs for a in d.actors}
    assert doers
    changed = min(doers)
    # another country for one doer, in every report that holds its record
    moved = [d.model_copy(update={"actors": [a.model_copy(update={"country": "ZZ"}) if a.id == changed else a
                                             for a in d.actors]}) for d in docs]
    memo = _memo(store, story)
    assert link_story(story, moved, memo) == link_story(story, moved)
    assert memo.misses > 0
    # a record the earlier reports only named, brought by a report new to the story
    gone = [d.model_copy(update={"actors": [a for a in d.actors if a.id != changed]}) for d in docs]
    memo = LinkMemo()
    memo.fit(links_rules(), store.analyzer_versions(story.doc_ids))
    link_story(story, gone, memo)
    assert link_story(story, docs, memo) == _from_scratch(store, story)


def _recorded(docs: list[AnalyzedDocument], actor_id: str, **update: object) -> list[AnalyzedDocument]:
    """The reports with one actor's record changed wherever they hold it."""
    return [d.model_copy(update={"actors": [a.model_copy(update=update) if a.id == actor_id else a
                                            for a in d.actors]}) for d in docs]


@pytest.mark.parametrize("update", [{"name": "Another Name", "aliases": ["another"]}, {"kind": "person"},
                                    {"provisional": True, "role": "REB"}])
def test_an_actor_record_renamed_keeps_what_was_remembered(linked: tuple[SQLiteStore, int],
                                                           update: dict[str, object]) -> None:
    # comparisons, pair verdicts and claim terms read an actor's country, sectors and affiliation only: a
    # provisional actor respelled by a later report ("navy", "Navy") no longer makes them all again
    store, _ = linked
    story = _biggest(store)
    docs = _docs(store, story)
    read = {e.source_actor for d in docs for e in d.events if e.source_actor} & {a.id for d in docs for a in d.actors}
    renamed = _recorded(docs, min(read), **update)
    memo = _memo(store, story)
    assert link_story(story, renamed, memo) == link_story(story, renamed)
    assert memo.misses == 0 and memo.hits > 500


@pytest.mark.parametrize("field", ["country", "sectors", "affiliation"])
def test_an_actor_record_that_changed_what_is_read_of_it_is_read_anew(linked: tuple[SQLiteStore, int],
                                                                       field: str) -> None:
    store, _ = linked
    story = _biggest(store)
    docs = _docs(store, story)
    read = {e.source_actor for d in docs for e in d.events if e.source_actor} & {a.id for d in docs for a in d.actors}
    changed = min(read)
    value = {"country": "ZZ", "sectors": ["civilians"], "affiliation": min(read - {changed} or {"ZZZ.GOV"})}[field]
    moved = _recorded(docs, changed, **{field: value})
    memo = _memo(store, story)
    assert link_story(story, moved, memo) == link_story(story, moved)
    assert memo.misses > 0


def test_the_main_events_pair_verdicts_are_taken_back_while_their_reports_hold(
        linked: tuple[SQLiteStore, int], monkeypatch: pytest.MonkeyPatch) -> None:
    store, _ = linked
    story = max(store.stories(), key=lambda s: (len(LinkMemo.from_json(store.story_link_memo(s.id)).pairs.left), s.id))
    docs = _docs(store, story)
    made: list[tuple[str, str]] = []
    real = events_module._pair

    def counted(mention: Event, other: Event, *args: Any) -> Any:
        made.append((mention.id, other.id))
        return real(mention, other, *args)

    monkeypatch.setattr(events_module, "_pair", counted)
    link_story(story, docs)
    fresh = len(made)
    assert fresh >= 50  # asked of the main event's mentions from scratch...
    made.clear()
    memo = _memo(store, story)
    links = link_story(story, docs, memo)
    assert made == []  # ...and all taken back from the memo, which keeps them as they were
    assert links == link_story(story, docs)
    assert memo.to_json() == store.story_link_memo(story.id)
    # a report published on another day: the verdicts that read its day are made again, the others taken back
    known = LinkMemo.from_json(store.story_link_memo(story.id)).pairs
    told = Counter(known.ids[k].rsplit(":", 1)[0] for k in [*known.left.tolist(), *known.right.tolist()])
    doc_id = max(told, key=lambda d: (told[d], d))
    moved = [d.model_copy(update={"document": d.document.model_copy(update={"published": date(1999, 1, 1)})})
             if d.document.id == doc_id else d for d in docs]
    made.clear()
    memo = _memo(store, story)
    links = link_story(story, moved, memo)
    assert 0 < len(made) < fresh
    assert all(doc_id in (a.rsplit(":", 1)[0], b.rsplit(":", 1)[0]) for a, b in made)
    assert links == link_story(story, moved)
    # ... and remembered with the new day: linked again so, nothing is asked
    made.clear()
    assert link_story(story, moved, LinkMemo.from_json(memo.to_json())) == links
    assert made == []


def test_new_rules_forget_everything(linked: tuple[SQLiteStore, int], monkeypatch: pytest.MonkeyPatch) -> None:
    store, _ = linked
    story = _biggest(store)
    memo = LinkMemo.from_json(store.story_link_memo(story.id))
    monkeypatch.setattr(story_links_module, "LINKS_VERSION", story_links_module.LINKS_VERSION + 1)
    memo.fit(links_rules(), store.analyzer_versions(story.doc_ids))
    assert not memo.compared.ids and not memo.terms
    assert link_story(story, _docs(store, story), memo) == _from_scratch(store, story)
    assert memo.hits == 0


def test_relink_under_new_rules_links_every_story_whole(linked: tuple[SQLiteStore, int],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    store, _ = linked
    monkeypatch.setattr(story_links_module, "LINKS_VERSION", story_links_module.LINKS_VERSION + 1)
    assert relink(store) == len(store.stories())
    for story in store.stories():
        assert LinkMemo.from_json(store.story_link_memo(story.id)).rules == links_rules()
        assert store.story_link(story.id) == _from_scratch(store, story)


def _rows(table: Compared) -> set[tuple[str, str, float, tuple[str, ...]]]:
    return {(table.events[i].id, table.events[j].id, s, tuple(table.kinds[k]))
            for i, j, s, k in zip(table.left.tolist(), table.right.tolist(), table.score.tolist(),
                                  table.conflicts.tolist(), strict=True)}


def test_the_table_taken_back_is_the_table_made_anew_whatever_the_order(linked: tuple[SQLiteStore, int]) -> None:
    store, _ = linked
    story = _biggest(store)
    docs = _docs(store, story)
    actors = {a.id: a for d in docs for a in d.actors}
    lexicon = load_lexicon()

    def compare(a: Event, b: Event) -> Comparison:
        return compare_events(a, b, actors, lexicon)

    events = [e for d in docs for e in d.events]
    fresh = Compared(events, compare)
    assert len(fresh.left) > 100
    # the last report new: every pair without it is taken back
    earlier = Compared([e for e in events if e.doc_id != docs[-1].document.id], compare)
    assert _rows(Compared(events, compare, earlier.known())) == _rows(fresh)
    # the reports in another order: pairs the other way round are compared anew
    backwards = [e for d in reversed(docs) for e in d.events]
    assert _rows(Compared(backwards, compare, fresh.known())) == _rows(Compared(backwards, compare))


def test_the_proposition_matrices_are_the_pairwise_answers(linked: tuple[SQLiteStore, int]) -> None:
    store, _ = linked
    lexicon = load_lexicon()
    checked, alike, contradicting = 0, 0, 0
    for story in store.stories():
        docs = _docs(store, story)
        actors = {a.id: a for d in docs for a in d.actors}
        links = store.story_link(story.id)
        assert links is not None
        merged_of = {event_id: m.id for m in links.merged_events for event_id in m.event_ids}
        features = [claim_features(c, d, actors, merged_of, lexicon) for d in docs for c in d.claims]
        propositions = Propositions(features, lexicon)
        matrix = propositions.contradicts()
        for i, a in enumerate(features):
            for j, b in enumerate(features):
                if i != j:
                    assert propositions.alike[i, j] == same_proposition(a, b)
                    assert matrix[i, j] == contradicts(a, b, lexicon)
                    checked += 1
        alike += int(propositions.alike.sum())
        contradicting += int(matrix.sum())
    assert checked > 10_000 and alike > 100 and contradicting > 0


def test_a_story_whose_reports_tell_no_event_now_takes_nothing_back() -> None:
    # seen at 10^6 reports: a story's remembered comparisons met a story that had no mention left to compare
    from tests.link.builders import ACTORS, Report

    wire = Report("A drone struck a weapons depot near Al-Qaim on Tuesday.", "Tigris Wire", "2023-11-15", "wire")
    wire.event("struck", mode="drone", day="2023-11-14", place="Al-Qaim")
    desk = Report("An unidentified drone hit an arms depot in Anbar on Tuesday.", "Northern Desk", "2023-11-15", "desk")
    desk.event("hit", mode="aerial", day="2023-11-14", place="Anbar")
    lexicon = load_lexicon()

    def compare(a: Event, b: Event) -> Comparison:
        return compare_events(a, b, ACTORS, lexicon)

    known = Compared([*wire.events, *desk.events], compare).known()
    assert len(known.left) == 1 and known.ids == ["wire:e1", "desk:e1"]
    nothing = Compared([], compare, known)
    assert len(nothing.left) == 0 and nothing.kinds == [[]]


def test_a_big_storys_memo_is_written_in_two_copies_of_its_text() -> None:
    # 300 mentions of one strike: 44,850 pairs kept, about 1.2 MB of text. A dict of the columns' base64
    # handed to `json.dumps` was copied twice more (quoted, then joined): 3 times the text at the peak,
    # 65-80 MB while saving the memo of a story of 4,000 mentions
    from tests.link.builders import ACTORS, Report

    reports = []
    for k in range(300):
        report = Report("A drone struck a depot in Al-Qaim on January 01, officials said.", "Wire", "2023-01-02",
                        f"r{k}")
        report.event("struck", mode="drone", day="2023-01-01", place="Al-Qaim")
        reports.append(report)
    events = [e for r in reports for e in r.analyzed().events]
    memo = LinkMemo(rules=links_rules(), versions={f"r{k}": "v1" for k in range(300)})
    table = memo.comparisons(events, ACTORS, load_lexicon())
    tracemalloc.start()
    try:
        text = memo.to_json()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(table.left) == 44_850
    # the text twice (its parts, then joined) and the table's mentions numbered for the memo (8 bytes a pair)
    assert peak < 2.6 * len(text), peak / len(text)
    # the format is the one read before: the columns as the base64 of their little-endian bytes
    data = json.loads(text)
    assert list(data) == ["format", "rules", "versions", "actors", "compared", "terms", "pairs"]
    assert list(data["compared"]) == ["ids", "left", "right", "score", "conflicts", "kinds"]
    assert base64.b64decode(data["compared"]["score"]) == memo.compared.score.astype("<f8").tobytes()
    assert text == json.dumps(data, separators=(",", ":"))
    again = LinkMemo.from_json(text).compared
    for name in ("left", "right", "score", "conflicts"):
        assert getattr(again, name).tolist() == getattr(memo.compared, name).tolist()
