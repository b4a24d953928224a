"""Stories: reports about one story together, other stories apart, linked one run at a time."""

from __future__ import annotations

import csv
import gzip
import itertools
import json
import random
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

from tests.link.builders import cluster_stories
from triangulate.evaluate.clustering import link, load, pair_agreement
from triangulate.link import stories
from triangulate.link.profile import LinkProfile, Vectorizer, Vectors, build_profile, vectors
from triangulate.link.similarity import WEIGHTS, Weights, similarities, similarity
from triangulate.link.stories import bisect, df_keys, hold_counts, link_stories
from triangulate.pipeline import Pipeline
from triangulate.records import ActorMention, AnalyzedDocument, Document, Granularity, TimeRef, document_id
from triangulate.store.sqlite import SQLiteStore


def _doc(
    text: str, published: date, actors: list[str], times: list[TimeRef] | None = None
) -> AnalyzedDocument:
    mentions = [ActorMention(start=0, end=1, text="x", actor_id=a) for a in actors]
    doc = Document(id=document_id(text), external_id=text[:10], text=text, published=published)
    return AnalyzedDocument(document=doc, mentions=mentions, times=times or [])


def _dated(text: str, when: str, value: str, granularity: Granularity = "month") -> TimeRef:
    """The time expression `when` of `text`, normalized to `value` (ISO, "2019-08" or "2019-08-21")."""
    start = text.index(when)
    parts = [int(p) for p in value.split("-")]
    day = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    return TimeRef(start=start, end=start + len(when), text=when, value=value, start_date=day,
                   granularity=granularity)


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


def test_a_story_without_titles_reads_only_its_first_report_for_its_headline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strike_a = _doc(STRIKE_A, date(2019, 8, 21), ["IRQ.PMF", "ISR.GOV"])
    store = _store_with(tmp_path / "t.db", [strike_a])
    strike_b = _doc(STRIKE_B, date(2019, 8, 22), ["IRQ.PMF", "ISR.GOV", "IRQ.GOV"])
    store.save(strike_b, "test")
    read, asked = store.document, []
    monkeypatch.setattr(store, "document", lambda doc_id: asked.append(doc_id) or read(doc_id))
    (story_id,) = link_stories(store)
    assert asked == [strike_a.document.id]  # not every report's text, for a headline none of them has
    headline = store.story(story_id).headline
    assert headline.startswith("Drones struck a weapons depot") and headline.endswith("...")  # its opening, cut
    store.close()
    store = _store_with(tmp_path / "u.db", [strike_a])
    titled = strike_b.model_copy(update={"document": strike_b.document.model_copy(update={"title": "Depot hit"})})
    store.save(titled, "test")
    read, asked = store.document, []
    monkeypatch.setattr(store, "document", lambda doc_id: asked.append(doc_id) or read(doc_id))
    (story_id,) = link_stories(store)
    assert asked == [] and store.story(story_id).headline == "Depot hit"  # the first title, no text read
    store.close()


def test_counts_kept_between_runs_are_the_store_s_and_read_again_after_another_writer(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "t.db")
    for doc in (_doc(STRIKE_A, date(2019, 8, 21), ["IRQ.PMF", "ISR.GOV"]),
                _doc(STRIKE_B, date(2019, 8, 22), ["IRQ.PMF", "ISR.GOV", "IRQ.GOV"])):
        store.save(doc, "test")
        link_stories(store)
    kept = stories._COUNTS[store][1]
    assert kept["ent:IRQ.PMF"] == 2 and kept == store.link_df(kept)
    other = SQLiteStore(tmp_path / "t.db")  # another writer counts reports naming the militia
    with other.transaction():
        other.link_add_df(["ent:IRQ.PMF"], 5)
    other.close()
    store.save(_doc("A third drone strike hit a Popular Mobilization Forces depot near Balad.", date(2019, 8, 23),
                    ["IRQ.PMF"]), "test")
    link_stories(store)
    kept = stories._COUNTS[store][1]
    assert kept["ent:IRQ.PMF"] == 8 and kept == store.link_df(kept)
    store.close()


def _linked(store: SQLiteStore) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in store.conn.execute("SELECT doc_id, story_id FROM link_profiles ORDER BY seq")]


def test_held_counts_link_as_read_ones_reading_only_the_new_reports_counts(
    ecb_sample: list[AnalyzedDocument], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    read, held = SQLiteStore(tmp_path / "read.db"), SQLiteStore(tmp_path / "held.db")
    for store in (read, held):
        for item in ecb_sample[:30]:
            store.save(item, "test")
        link_stories(store)
    assert hold_counts(held)
    shared = stories._COUNTS[held][1]
    assert shared and shared == held.link_shared_df(10_000) and min(shared.values()) >= 2
    asked: list[str] = []
    fetch = held.link_df

    def counted(keys: Iterable[str]) -> dict[str, int]:
        keys = list(keys)
        asked.extend(keys)
        return fetch(keys)

    monkeypatch.setattr(held, "link_df", counted)
    new_keys: set[str] = set()
    for item in ecb_sample[30:]:
        for store in (read, held):
            store.save(item, "test")
            link_stories(store)
        new_keys.update(df_keys(build_profile(item)))
    # each report joins the same story either way, though only the new reports' counts were read
    assert _linked(held) == _linked(read) and len({s for _, s in _linked(held)}) > 2
    assert asked and set(asked) <= new_keys
    kept = stories._COUNTS[held]  # still held after the runs, with their counts (and those read for them)
    assert kept[2] and {k: n for k, n in kept[1].items() if n >= 2} == held.link_shared_df(10_000)
    assert kept[1] == {**dict.fromkeys(kept[1], 0), **fetch(kept[1])}
    read.close()
    held.close()


def test_held_counts_are_read_again_after_another_writer_commits(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "t.db")
    for doc in (_doc(STRIKE_A, date(2019, 8, 21), ["IRQ.PMF", "ISR.GOV"]),
                _doc(STRIKE_B, date(2019, 8, 22), ["IRQ.PMF", "ISR.GOV", "IRQ.GOV"])):
        store.save(doc, "test")
        link_stories(store)
    assert hold_counts(store) and stories._COUNTS[store][1]["ent:IRQ.PMF"] == 2
    other = SQLiteStore(tmp_path / "t.db")  # another writer counts five reports naming the militia
    with other.transaction():
        other.link_add_df(["ent:IRQ.PMF", "ent:IRN.GOV"], 5)
    other.close()
    store.save(_doc(FLOOD, date(2019, 8, 23), ["BGD.GOV"]), "test")
    link_stories(store)
    kept = stories._COUNTS[store]
    assert kept[2] and kept[1]["ent:IRQ.PMF"] == 7 and kept[1]["ent:IRN.GOV"] == 5
    assert {k: n for k, n in kept[1].items() if n >= 2} == store.link_shared_df(100)
    store.close()


def test_counts_are_not_held_past_the_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SQLiteStore(tmp_path / "t.db")
    for doc in (_doc(STRIKE_A, date(2019, 8, 21), ["IRQ.PMF", "ISR.GOV"]),
                _doc(STRIKE_B, date(2019, 8, 22), ["IRQ.PMF", "ISR.GOV", "IRQ.GOV"])):
        store.save(doc, "test")
        link_stories(store)
    shared = store.link_shared_df(1000)
    assert shared is not None and store.link_shared_df(len(shared) - 1) is None
    monkeypatch.setattr(stories, "SHARED_KEPT", len(shared) - 1)
    assert not hold_counts(store)
    store.save(_doc(FLOOD, date(2019, 8, 23), ["BGD.GOV"]), "test")
    link_stories(store)
    assert not stories._COUNTS[store][2]  # read as needed, as without holding them
    store.close()


def _kept_profiles_are_stored(store: SQLiteStore) -> dict[str, LinkProfile]:
    kept = stories._PROFILES[store][1]
    assert kept and all(kept[d] == LinkProfile.from_json(json.loads(body))
                        for d, body in store.link_profiles(kept).items())
    return kept


def test_profiles_kept_between_runs_are_the_stored_ones_after_another_writer_links_a_report_again(
    tmp_path: Path,
) -> None:
    strike_a = _doc(STRIKE_A, date(2019, 8, 21), ["IRQ.PMF", "ISR.GOV"])
    store = SQLiteStore(tmp_path / "t.db")
    for doc in (strike_a, _doc(FLOOD, date(2019, 8, 22), ["BGD.GOV"])):
        store.save(doc, "test")
        link_stories(store)
    assert strike_a.document.id in _kept_profiles_are_stored(store)
    # another writer analyzes the first report again (a correction names another actor) and links it
    other = SQLiteStore(tmp_path / "t.db")
    corrected = strike_a.model_copy(update={"mentions": [ActorMention(start=0, end=1, text="x", actor_id="IRN.GOV")]})
    other.save(corrected, "test2")
    link_stories(other)
    other.close()
    store.save(_doc(STRIKE_B, date(2019, 8, 22), ["IRQ.PMF", "ISR.GOV", "IRQ.GOV"]), "test")
    link_stories(store)
    kept = _kept_profiles_are_stored(store)
    assert "ent:IRN.GOV" in kept[strike_a.document.id].names  # the other writer's profile, not the one kept
    # this store analyzes it again itself: the run keeps the profile it stores
    store.save(strike_a, "test3")
    link_stories(store)
    assert "ent:IRN.GOV" not in _kept_profiles_are_stored(store)[strike_a.document.id].names
    store.close()


def test_two_stories_bridged_by_a_report_merge_under_the_older_id(tmp_path: Path) -> None:
    first = _doc(STRIKE_A, date(2019, 8, 21), ["IRQ.PMF", "ISR.GOV"])
    second = _doc(STRIKE_B, date(2019, 8, 22), ["IRQ.PMF", "ISR.GOV"])
    flood = _doc(FLOOD, date(2019, 8, 22), ["BGD.GOV"])
    # no probability reaches these: the first run keeps every report apart
    strict = Weights(threshold=2.0, repair_merge=2.0)
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


FLOOD_B = ("Monsoon floods in northern Bangladesh washed away homes and farmland, and families moved into "
           "government shelters as the heavy rains went on.")
FLOOD_C = ("The government of Bangladesh opened more shelters after the monsoon rains flooded northern districts, "
           "where thousands of families lost their homes and farmland.")


def _vectors(docs: list[AnalyzedDocument]) -> list[Vectors]:
    profiles = [build_profile(d) for d in docs]
    counts: Counter[str] = Counter(key for p in profiles for key in set(df_keys(p)))
    vectorizer = Vectorizer(len(profiles), counts)
    return [vectors(p, vectorizer) for p in profiles]


ARENA = [
    ("A suicide bomber set off an explosive device in the foyer of the Manchester Arena as a pop concert "
     "ended on 22 May 2017, killing 22 people; police said the attacker died at the scene.", "22 May 2017"),
    ("Islamic State claimed responsibility for the bombing at the Manchester Arena on 22 May 2017, while "
     "British police raided homes across the city and arrested a man over the attack.", "22 May 2017"),
    ("Police named Salman Abedi as the man who detonated a homemade bomb at the Manchester Arena concert on "
     "22 May 2017; his brother Hashem was detained in Libya, officials said.", "22 May 2017"),
]
TRIAL = ("Hashem Abedi, the brother of the Manchester Arena bomber Salman Abedi, was found guilty of the murder "
         "of 22 people killed when the homemade bomb went off at the concert in May 2017, a jury decided.")
MARKET = ("A car bomb tore through a crowded market in Kabul on Tuesday, killing nine shoppers in the deadliest "
          "attack on the Afghan capital since May 2017, the interior ministry said.")


def test_a_report_years_later_joins_the_story_one_of_whose_reports_it_retells(
    ecb_sample: list[AnalyzedDocument],
) -> None:
    story = [_doc(text, date(2017, 5, 23), ["GBR.POL"], [_dated(text, when, "2017-05-22", "day")])
             for text, when in ARENA]
    trial = _doc(TRIAL, date(2020, 3, 17), ["GBR.GOV"], [_dated(TRIAL, "May 2017", "2017-05")])
    market = _doc(MARKET, date(2020, 3, 18), ["AFG.POL"], [_dated(MARKET, "May 2017", "2017-05")])
    # real reports of other events before them, so that word weights are those of a news stream
    stories = cluster_stories([*ecb_sample, *story, trial, market])
    arena = next(s for s in stories if story[0].document.id in s.doc_ids)
    assert sorted(arena.doc_ids) == sorted([*(d.document.id for d in story), trial.document.id])


TRIAL_BARE = ("Hashem Abedi, the brother of the Manchester Arena bomber Salman Abedi, was found guilty of the "
              "murder of 22 people killed in the 2017 Manchester Arena bombing, a jury decided in March 2020.")


def test_a_report_years_later_naming_the_events_year_bare_joins_it(ecb_sample: list[AnalyzedDocument]) -> None:
    story = [_doc(text, date(2017, 5, 23), ["GBR.POL"], [_dated(text, when, "2017-05-22", "day")])
             for text, when in ARENA]
    # "the 2017 Manchester Arena bombing": the event's year without month or day
    trial = _doc(TRIAL_BARE, date(2020, 3, 17), ["GBR.GOV"], [_dated(TRIAL_BARE, "March 2020", "2020-03")])
    stories = cluster_stories([*ecb_sample, *story, trial])
    arena = next(s for s in stories if story[0].document.id in s.doc_ids)
    assert trial.document.id in arena.doc_ids


KILLING = [
    ("Gunmen shot dead the investigative journalist Tomas Lindqvist outside his home in Malmo on Tuesday night, "
     "police said, and his newspaper blamed a criminal network he had exposed.", date(2019, 3, 13)),
    ("Swedish police said on Wednesday they were hunting two gunmen who killed journalist Tomas Lindqvist in "
     "Malmo on Tuesday; colleagues said he had received threats.", date(2019, 3, 14)),
    ("Tomas Lindqvist, the reporter shot dead in Malmo on Tuesday, had written about arms smuggling; his editor "
     "said the killing was meant to silence the paper.", date(2019, 3, 14)),
]
INQUIRY = ("The government rejected a parliamentary report that criticised the police over the murder of "
           "journalist Tomas Lindqvist, calling its conclusions unfair.")
OTHER = "Prosecutors in Uppsala charged two brothers with the murder of the radio journalist Anna Berg."


def test_a_report_years_later_retelling_the_attack_on_the_storys_victim_joins_it(
    ecb_sample: list[AnalyzedDocument],
) -> None:
    # it names no year: what ties it to the story is the person attacked
    documents, killing = _first_story([*KILLING, (INQUIRY, date(2022, 2, 10)), (OTHER, date(2022, 2, 11))], ecb_sample)
    assert sorted(killing) == sorted(d.id for d in documents[:4])


def _first_story(texts: list[tuple[str, date]], among: list[AnalyzedDocument]) -> tuple[list[Document], list[str]]:
    """The reports of `texts`, and the reports of the story their first one ends in, linked among others."""
    documents = [Document(id=document_id(t), external_id=t[:10], text=t, published=d) for t, d in texts]
    analyzed = list(Pipeline().analyze_documents(documents))
    stories = cluster_stories([*among, *analyzed])
    return documents, next(s.doc_ids for s in stories if documents[0].id in s.doc_ids)


def test_bisect_splits_a_story_of_two_events_and_keeps_one_event_whole() -> None:
    strikes = [_doc(t, date(2019, 8, 21), ["IRQ.PMF", "ISR.GOV"]) for t in (STRIKE_A, STRIKE_B, STRIKE_C)]
    floods = [_doc(t, date(2019, 8, 22), ["BGD.GOV"]) for t in (FLOOD, FLOOD_B, FLOOD_C)]
    mixed = [strikes[0], floods[0], strikes[1], floods[1], strikes[2], floods[2]]
    halves = bisect(_vectors(mixed))
    assert halves is not None
    assert sorted(map(sorted, halves)) == sorted([sorted(d.document.id for d in strikes),
                                                  sorted(d.document.id for d in floods)])
    assert bisect(_vectors([*strikes, *strikes[:2]])) is None  # one event: no split
    assert bisect(_vectors([*strikes, *floods[:2]])) is None  # a part of two reports is too small to split off


def test_fragments_of_one_story_merge_in_the_repair_pass() -> None:
    docs = [
        _doc(STRIKE_A, date(2019, 8, 21), ["IRQ.PMF", "ISR.GOV"]),
        _doc(FLOOD, date(2019, 8, 22), ["BGD.GOV"]),
        _doc(STRIKE_B, date(2019, 8, 22), ["IRQ.PMF", "ISR.GOV"]),
        _doc(STRIKE_C, date(2019, 8, 23), ["IRQ.PMF", "ISR.GOV"]),
    ]
    no_join = Weights(threshold=2.0)  # a report never joins a story; only the repair pass puts reports together
    groups = sorted(sorted(s.doc_ids) for s in cluster_stories(docs, no_join))
    strike_ids = sorted(d.document.id for d in docs if d.document.text != FLOOD)
    assert groups == sorted([strike_ids, [docs[1].document.id]])
    assert len(cluster_stories(docs, Weights(threshold=2.0, repair_merge=2.0))) == 4


def _in_august(text: str, year: int, published: date, actors: list[str]) -> AnalyzedDocument:
    text = f"{text} The strike came in August {year}."
    return _doc(text, published, actors, [_dated(text, f"August {year}", f"{year}-08")])


def test_stories_that_name_different_years_do_not_merge() -> None:
    first = _in_august(STRIKE_A, 2019, date(2019, 8, 21), ["IRQ.PMF", "ISR.GOV"])
    second = _in_august(STRIKE_B, 2020, date(2019, 8, 22), ["IRQ.PMF", "ISR.GOV"])
    no_join = Weights(threshold=2.0)
    assert len(cluster_stories([first, second], no_join)) == 2
    same_year = _in_august(STRIKE_B, 2019, date(2019, 8, 22), ["IRQ.PMF", "ISR.GOV"])
    assert len(cluster_stories([first, same_year], no_join)) == 1


def test_a_date_names_its_year_and_a_bare_year_is_a_number() -> None:
    text = ("Floods swept northern Bangladesh on August 21, 2019, the worst since 2004, officials said; "
            "12 districts were under water.")
    times = [_dated(text, "August 21, 2019", "2019-08-21", "day"), _dated(text, "2004", "2004", "year")]
    profile = build_profile(_doc(text, date(2019, 8, 22), ["BGD.GOV"], times))
    assert profile.years == [2019]
    assert profile.days == ["08-21"]
    assert "2004" in profile.numbers and "12" in profile.numbers


def test_a_time_of_day_dates_its_day() -> None:
    text = "Russia pointed the finger of blame at Britain on Friday morning for the chemical attack in Syria."
    start = text.index("Friday morning")
    morning = TimeRef(start=start, end=start + 14, text="Friday morning", value="2018-04-13TMO",
                      start_date=date(2018, 4, 13), granularity="time")
    profile = build_profile(_doc(text, date(2018, 4, 13), ["RUS.GOV"], [morning]))
    assert profile.years == [2018] and profile.days == ["04-13"]


def test_part_of_a_month_dates_its_year_and_an_open_span_does_not() -> None:
    text = "The journalist went missing earlier this month, more than two weeks ago, the minister said."
    start = text.index("earlier this month")
    earlier = TimeRef(start=start, end=start + 18, text="earlier this month", value="2018-10",
                      start_date=date(2018, 10, 1), end_date=date(2018, 10, 18), granularity="range")
    start = text.index("more than two weeks")
    span = TimeRef(start=start, end=start + 19, text="more than two weeks", value="P2W", granularity="range")
    assert build_profile(_doc(text, date(2018, 10, 19), ["SAU.GOV"], [earlier, span])).years == [2018]
    assert build_profile(_doc(text, date(2018, 10, 19), ["SAU.GOV"], [span])).years == []


def test_one_dated_report_and_one_undated_resemble_each_other_less() -> None:
    # published in another year than the one dated (the same year: test_an_undated_report_published_in_the_year_...)
    dated = _in_august(STRIKE_A, 2019, date(2019, 8, 21), ["IRQ.PMF", "ISR.GOV"])
    undated = _doc(STRIKE_B, date(2020, 8, 22), ["IRQ.PMF", "ISR.GOV"])
    undated_too = _doc(STRIKE_A, date(2020, 8, 21), ["IRQ.PMF", "ISR.GOV"])
    one_sided, both_undated = _vectors([dated, undated]), _vectors([undated_too, undated])
    assert similarity(*one_sided) < similarity(*both_undated)
    assert similarity(*one_sided, Weights(year_one_sided=0.0)) > similarity(*one_sided)


SPORTS = ("The home side won the cup final on penalties after a goalless draw, and the captain lifted "
          "the trophy in front of a sold-out stadium.")


def test_bisect_finds_two_events_under_an_odd_report() -> None:
    # the United Nations spoke of both the strike and the floods: the two events resemble each other a
    # little, the odd report nothing at all; it joins a half instead of being the last group left apart
    strikes = [_doc(t, date(2019, 8, 21), ["IRQ.PMF", "IGO.UN"]) for t in (STRIKE_A, STRIKE_B, STRIKE_C)]
    floods = [_doc(t, date(2019, 8, 22), ["BGD.GOV", "IGO.UN"]) for t in (FLOOD, FLOOD_B, FLOOD_C)]
    odd = _doc(SPORTS, date(2019, 8, 22), [])
    halves = bisect(_vectors([*strikes, odd, *floods]))
    assert halves is not None
    strike_ids = {d.document.id for d in strikes}
    flood_ids = {d.document.id for d in floods}
    found = [set(h) - {odd.document.id} for h in halves]
    assert sorted(found, key=len) in ([strike_ids, flood_ids], [flood_ids, strike_ids])


def test_halves_dated_apart_split_at_a_higher_bar() -> None:
    strikes = [_in_august(t, 2019, date(2019, 8, 21), ["IRQ.PMF"]) for t in (STRIKE_A, STRIKE_B, STRIKE_C)]
    floods = [_doc(t, date(2019, 8, 22), ["BGD.GOV"]) for t in (FLOOD, FLOOD_B, FLOOD_C)]
    dated_floods = [_in_august(t, 2019, date(2019, 8, 22), ["BGD.GOV"]) for t in (FLOOD, FLOOD_B, FLOOD_C)]
    # no halves are apart enough for the plain bar (0); only halves dated apart pass the higher one
    bars = Weights(split=0.0, split_dated=1.01)
    halves = bisect(_vectors([*strikes, *floods]), bars)
    assert halves is not None
    assert {frozenset(h) for h in halves} == {frozenset(d.document.id for d in strikes),
                                             frozenset(d.document.id for d in floods)}
    assert bisect(_vectors([*strikes, *dated_floods]), bars) is None  # both halves date things in 2019
    assert bisect(_vectors([*strikes, *floods]), Weights(split=0.0, split_dated=0.0)) is None


def test_one_at_a_time_equals_all_at_once_on_ecb_reports(ecb_sample: list[AnalyzedDocument]) -> None:
    one_by_one = link(ecb_sample)
    at_once = link(ecb_sample, batch=True)
    assert len(set(at_once.values())) > 2
    assert pair_agreement(one_by_one, at_once) >= 0.98


REPORTS_CHECKED = 1000  # the size for the one-at-a-time against all-at-once check


def _fnc1_bodies(shared_data: Path, count: int) -> list[Document]:
    """News bodies of the FNC-1 training set (no test data), to bring the ECB+ dev reports to 1,000."""
    with gzip.open(shared_data / "fnc1" / "train_bodies.csv.gz", "rt", encoding="utf-8") as handle:
        rows = itertools.islice(csv.DictReader(handle), count)
        return [Document(id=document_id(r["articleBody"]), external_id=f"fnc1-{r['Body ID']}", text=r["articleBody"])
                for r in rows]


@pytest.mark.slow
def test_one_at_a_time_equals_all_at_once_on_1000_reports(shared_data: Path) -> None:
    documents, _ = load(shared_data / "clustering", "dev")
    documents += _fnc1_bodies(shared_data, REPORTS_CHECKED - len(documents))
    # ECB+ and FNC-1 reports arrive interleaved, as reports of many stories would
    documents.sort(key=lambda d: d.id)
    analyzed = list(Pipeline().analyze_documents(documents))
    assert len({a.document.id for a in analyzed}) == REPORTS_CHECKED
    agreement = pair_agreement(link(analyzed), link(analyzed, batch=True))
    print(f"pairwise agreement over {len(analyzed)} reports: {agreement:.4f}")
    assert agreement >= 0.98


def test_the_similarity_matrix_is_each_pair_s_similarity(ecb_sample: list[AnalyzedDocument]) -> None:
    members = _vectors(ecb_sample[:40])
    left, right = members[:15], members[15:]
    across = similarities(left, right)
    assert across.shape == (15, 25)
    assert all(abs(across[i][j] - similarity(a, b)) < 1e-12 for i, a in enumerate(left) for j, b in enumerate(right))
    within = similarities(members)
    assert all(abs(within[i][j] - similarity(a, b)) < 1e-12 for i, a in enumerate(members) for j, b in enumerate(members))
    assert within.min() > 0.0 and within.max() < 1.0 and len({round(v, 6) for v in within.flat}) > 100


HALL = [
    ("Gunmen opened fire on concertgoers at Kestrel Hall in Norvik on Friday night, killing 41 people and "
     "setting the building on fire, officials said.", date(2023, 5, 12)),
    ("The death toll from the attack on Kestrel Hall in Norvik rose to 52 on Saturday as firefighters searched "
     "the burned concert venue for victims.", date(2023, 5, 13)),
    ("A militant group claimed the attack on Kestrel Hall, the concert venue in Norvik where gunmen killed 52 "
     "people, in a statement posted online on Saturday.", date(2023, 5, 13)),
]
CHIEF = ("The national intelligence chief told lawmakers that foreign agents had financed and trained the men "
         "behind the Kestrel Hall attack in Norvik, and that his service would name them soon.")


def test_a_statement_about_the_attack_on_a_named_venue_joins_its_story(
    ecb_sample: list[AnalyzedDocument],
) -> None:
    # its words are a security chief's, not the scene's: what ties it to the story is the hall attacked
    documents, hall = _first_story([*HALL, (CHIEF, date(2023, 5, 18))], ecb_sample)
    assert sorted(hall) == sorted(d.id for d in documents)


def _bisect_pair_by_pair(members: list[Vectors], weights: Weights = WEIGHTS) -> tuple[list[str], list[str]] | None:
    """The split check as it was written before it ran on arrays: average link over a dict of pairs."""
    groups: dict[int, list[int]] = {i: [i] for i in range(len(members))}
    matrix = similarities(members, weights=weights).tolist()
    totals = {(a, b): matrix[a][b] for a in range(len(members)) for b in range(a + 1, len(members))}

    def average(pair: tuple[int, int]) -> float:
        return totals[pair] / (len(groups[pair[0]]) * len(groups[pair[1]]))

    def rank(pair: tuple[int, int]) -> tuple[float, int, int]:
        return average(pair), -pair[0], -pair[1]

    while len(groups) > 2:
        a, b = max(totals, key=rank)
        if average((a, b)) < weights.split:
            small = [pair for pair in totals if min(len(groups[pair[0]]), len(groups[pair[1]])) < stories.MIN_SPLIT_PART]
            if small:
                a, b = max(small, key=rank)
        groups[a].extend(groups.pop(b))
        for c in groups:
            if c != a:
                totals[(min(a, c), max(a, c))] += totals[(min(b, c), max(b, c))]
        totals = {pair: total for pair, total in totals.items() if b not in pair}
    first, second = sorted(groups)
    sizes = (len(groups[first]), len(groups[second]))
    if min(sizes) < stories.MIN_SPLIT_PART:
        return None
    halves = [[members[i] for i in groups[first]], [members[i] for i in groups[second]]]
    bar = weights.split_dated if stories._dated_apart(*halves) else weights.split
    if totals[(first, second)] / (sizes[0] * sizes[1]) >= bar:
        return None
    return ([members[i].profile.doc_id for i in sorted(groups[first])],
            [members[i].profile.doc_id for i in sorted(groups[second])])


def test_bisect_on_arrays_splits_as_pair_by_pair(ecb_sample: list[AnalyzedDocument]) -> None:
    """Mixed samples of real reports (several events, up to the 50 members a split looks at), at the
    split bar and at bars that make every story split or none: the same halves, or the same None."""
    members = _vectors(ecb_sample)
    rng = random.Random(5)
    found = Counter[str]()
    for size in (6, 7, 12, 25, 40, 50):
        for _ in range(6):
            sample = rng.sample(members, min(size, len(members)))
            for weights in (WEIGHTS, Weights(split=0.9, split_dated=0.95), Weights(split=0.05, split_dated=0.1)):
                expected = _bisect_pair_by_pair(sample, weights)
                assert bisect(sample, weights) == expected
                found["split" if expected else "kept"] += 1
    assert found["split"] > 10 and found["kept"] > 10


UNDATED = ("Iran accused Israel of plotting the suicide bombing of the bus of Israeli tourists at Burgas airport in "
           "Bulgaria, which Israel has blamed on Iran and Hezbollah, at a UN Security Council debate.")
DATED = [
    ("A suicide bomber blew up a bus carrying Israeli tourists at Burgas airport in Bulgaria on July 18, 2012, "
     "and Israel blamed Iran and Hezbollah for the attack.", "July 18, 2012"),
    ("Bulgaria said on July 19, 2012 that the suicide bomber who attacked the bus of Israeli tourists at Burgas "
     "airport carried a fake driving licence; Israel blamed Iran.", "July 19, 2012"),
]


def test_an_undated_report_published_in_the_year_its_story_dates_is_not_one_sided() -> None:
    dated = [_doc(text, date(2012, 7, 20), ["ISR.GOV"], [_dated(text, when, f"2012-07-{when[5:7]}", "day")])
             for text, when in DATED]
    news = _doc(UNDATED, date(2012, 7, 25), ["IRN.GOV"])
    old = _doc(UNDATED + " ", date(2015, 7, 25), ["IRN.GOV"])  # the same words published three years on
    left = _vectors([*dated, news, old])
    matrix = similarities(left)
    for i, j in itertools.product(range(len(left)), repeat=2):
        if i != j:  # the matrix and the pairwise similarity agree
            assert matrix[i, j] == pytest.approx(similarity(left[i], left[j]))
    # published in the year the other dates: no one-sided penalty; published three years on: the penalty
    assert similarity(left[2], left[0]) == pytest.approx(similarity(left[2], left[0], Weights(year_one_sided=0.0)))
    assert similarity(left[3], left[0]) < similarity(left[2], left[0])


DEPOT = [
    ("Czech police said Russian military intelligence officers were behind the 2014 explosions at the ammunition "
     "depot in Vrbetice that killed two people, and Prague expelled 18 Russian diplomats.", "2021-04-18"),
    ("Russia denied any link to the explosions at the Vrbetice ammunition depot, calling the Czech accusations "
     "absurd, after Prague expelled 18 Russian diplomats over the blasts.", "2021-04-19"),
    ("The Kremlin rejected Prague's conclusions about Russian intelligence officers and the blasts at the Vrbetice "
     "depot as provocative, as the row over the expelled diplomats grew.", "2021-04-20"),
]
DEPOT_LATER = ("Czech police closed the investigation into the explosions at the ammunition depot in Vrbetice, saying "
               "Russian military intelligence officers were behind the blasts that killed two people.")
DEPOT_LOOSE = ("An explosion at a fireworks store in Brno injured a salesman, and the firefighters found no sign "
               "of a crime.")


def test_a_report_years_later_that_all_but_repeats_one_of_a_storys_reports_joins_it(
    ecb_sample: list[AnalyzedDocument],
) -> None:
    story = [_doc(text, date.fromisoformat(day), ["CZE.POL", "RUS.GOV"]) for text, day in DEPOT]
    later = _doc(DEPOT_LATER, date(2024, 4, 29), ["CZE.POL", "RUS.GOV"])  # it dates nothing
    loose = _doc(DEPOT_LOOSE, date(2024, 4, 1), [])  # an explosion too, years on, dating nothing
    stories = cluster_stories([*ecb_sample, *story, later, loose])
    depot = next(s for s in stories if story[0].document.id in s.doc_ids)
    assert later.document.id in depot.doc_ids and loose.document.id not in depot.doc_ids


FINDING = [
    ("Czech police said on Saturday that Russian military intelligence officers were behind the explosions at the "
     "Vrbetice ammunition depot on 16 October 2014, and Prague expelled 18 Russian diplomats.", "16 October 2014",
     "2014-10-16", "2021-04-17"),
    ("Russia on Monday denied any link to the explosions at the Vrbetice ammunition depot and called the Czech "
     "accusations absurd, a day after Prague expelled 18 Russian diplomats over the blasts.", "Monday",
     "2021-04-19", "2021-04-19"),
    ("The Kremlin on Tuesday rejected Prague's conclusions about Russian intelligence officers and the blasts at "
     "the Vrbetice depot as provocative, as the row over the expelled diplomats grew.", "Tuesday", "2021-04-20",
     "2021-04-20"),
]
RETOLD = ("Maria Zakharova said the Czech charges against Russian intelligence officers were a political order "
          "from London, and recalled that the first blast at the warehouses on October 15 killed two people.")
FAIR = ("A fire at a fireworks store in Brno injured a salesman on October 16, and the firefighters found no sign "
        "of a crime at the store.")


def test_a_report_years_later_dating_the_past_year_a_storys_reports_retell_joins_it(
    ecb_sample: list[AnalyzedDocument],
) -> None:
    # a 2021 finding on a 2014 attack (one report dates the attack), then a 2024 report dating its days in 2014
    story = [_doc(text, date.fromisoformat(day), ["CZE.POL", "RUS.GOV"], [_dated(text, when, value, "day")])
             for text, when, value, day in FINDING]
    # (its day is not the story's: outlets date the first blast a day apart)
    later = _doc(RETOLD, date(2024, 5, 3), ["RUS.GOV"], [_dated(RETOLD, "October 15", "2014-10-15", "day")])
    other = _doc(FAIR, date(2024, 5, 4), [], [_dated(FAIR, "October 16", "2014-10-16", "day")])
    stories = cluster_stories([*ecb_sample, *story, later, other])
    depot = next(s for s in stories if story[0].document.id in s.doc_ids)
    assert later.document.id in depot.doc_ids and other.document.id not in depot.doc_ids


SIEGE = [
    ("A little-known group calling itself the Deccan Mujahideen claimed the attacks in Mumbai, where gunmen were "
     "still holding hostages in two hotels on Thursday.", date(2008, 11, 27)),
    ("Indian commandos stormed the Taj Mahal hotel in Mumbai on Friday to end a siege by gunmen who held hostages and "
     "killed more than 150 people, and officials said the attackers had come from Pakistan by sea.",
     date(2008, 11, 28)),
    ("India's foreign minister said the gunmen who killed more than 150 people in Mumbai came from Pakistan, and "
     "Islamabad denied any role in the siege of the hotels and the railway station.", date(2008, 11, 29)),
    ("Pakistan offered to help India investigate the siege of Mumbai, where gunmen killed more than 150 people at "
     "hotels and the railway station, but denied that its agencies were involved.", date(2008, 11, 30)),
]


def test_a_short_report_of_an_attack_in_the_town_the_storys_reports_tell_of_the_same_days_joins_it(
    ecb_sample: list[AnalyzedDocument],
) -> None:
    # the claim, told in few words a day before the reports of the siege, shares few of their words; a bombing in
    # the town three weeks on is another story
    later = ("A small bomb exploded at a vegetable market in Mumbai on Saturday, injuring four people.",
             date(2008, 12, 20))
    documents, siege = _first_story([*SIEGE, later], ecb_sample)
    assert sorted(siege) == sorted(d.id for d in documents[:4])
