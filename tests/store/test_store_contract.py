"""What every store backend promises (SQLite and PostgreSQL alike): migrations, atomic saves, the linking
index, story links, search, live-source state; each test runs once per backend."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from triangulate.link.stance import candidate_query
from triangulate.records import IngestError, Story, StoryLinks
from triangulate.report.browse import fts_query
from triangulate.store import FetchState, Store, StoreError, open_store
from triangulate.store.migrations import MIGRATIONS

from .builders import POSTGRES_UNDO_12, SQLITE_UNDO_12, UNDO_13
from .builders import analyzed_report as _analyzed
from .conftest import Backend

NEWEST = max(m.version for m in MIGRATIONS)
REPORTS = {
    "balad.txt": ("Drone strike hits PMU depot near Balad",
                  "An explosion struck a weapons depot of the Popular Mobilization Forces at Balad air base "
                  "north of Baghdad on Tuesday, Iraqi security officials said."),
    "amerli.txt": ("Blast at Amerli base", "A blast hit a base of the Popular Mobilization Forces in Amerli, "
                   "killing two fighters, a PMU spokesman said on Friday."),
    "moscow.txt": ("Moscow talks", "Officials in Moscow disagreed on Thursday about the grain corridor, "
                   "the foreign ministry said."),
}


def _reports(store: Store) -> dict[str, str]:
    """The three reports saved, in file order: external id -> document id."""
    ids = {}
    for name, (title, text) in REPORTS.items():
        analyzed = _analyzed(text, name, title=title)
        store.save(analyzed, "v1")
        ids[name] = analyzed.document.id
    return ids


def test_migrations_are_recorded_and_reopening_applies_none(backend: Backend) -> None:
    store = backend.open()
    assert store.schema_version() == NEWEST
    store.close()
    again = backend.open()
    assert again.migrate() == []
    assert [r[0] for r in backend.rows(again, "SELECT version FROM schema_migrations ORDER BY version")] == \
        [m.version for m in MIGRATIONS]


def test_an_older_database_is_upgraded(backend: Backend) -> None:
    first = backend.open(migrate_to=1)  # a database as the first release made it
    assert first.schema_version() == 1
    first.close()
    upgraded = open_store(backend.location)
    assert upgraded.schema_version() == NEWEST
    upgraded.save(_analyzed(), "v1")
    assert upgraded.search("parliament") == [_analyzed().document.id]


def test_a_newer_database_is_refused_with_a_next_step(backend: Backend) -> None:
    store = backend.open()
    store.conn.execute("INSERT INTO schema_migrations(version, name) VALUES (99, 'future')")
    store.close()
    with pytest.raises(StoreError, match=r"E302.*newer than this triangulate.*upgrade triangulate"):
        open_store(backend.location)


def test_save_round_trips_and_is_idempotent(backend: Backend) -> None:
    store = backend.open()
    analyzed = _analyzed()
    store.save(analyzed, "v1")
    store.save(analyzed, "v1")
    assert store.counts() == {"documents": 1, "events": 1, "claims": 1, "actors": 1, "stories": 0, "errors": 0}
    assert store.analyzed(analyzed.document.id) == analyzed
    assert store.all_analyzed() == [analyzed]
    assert store.analyzed_version(analyzed.document.id) == "v1"
    assert store.analyzer_versions([analyzed.document.id, "nope"]) == {analyzed.document.id: "v1", "nope": None}
    assert store.analyzed("nope") is None and store.document("nope") is None
    other = _analyzed("Police in Tyre said two officers were hurt when protesters threw stones.", "tyre.txt")
    store.save(other, "v2")
    # read together, each as read alone
    assert store.analyzed_many([other.document.id, "nope", analyzed.document.id]) == {
        other.document.id: other, analyzed.document.id: analyzed}


def test_analyses_just_saved_are_taken_as_saved_with_their_actors_as_stored(backend: Backend) -> None:
    store = backend.open()
    analyzed = _analyzed()
    store.save(analyzed, "v1")
    other = _analyzed("Police in Tyre said two officers were hurt when protesters threw stones.", "tyre.txt")
    store.save(other, "v1")
    # as saved: its events are not read back; its actor as a later report left it in the store
    saved = analyzed.model_copy(deep=True)
    saved.actors[0].name = "Police of Lebanon, before a later report renamed it"
    found = store.analyzed_many([analyzed.document.id, "nope", other.document.id], {analyzed.document.id: saved})
    assert found == {analyzed.document.id: analyzed, other.document.id: other}
    assert found[analyzed.document.id].events[0] is saved.events[0]
    # one no longer stored analyzed is not found, saved or not
    store.conn.execute("DELETE FROM analyses")
    assert store.analyzed_many([analyzed.document.id], {analyzed.document.id: analyzed}) == {}


def test_a_failed_write_leaves_no_half_document(backend: Backend) -> None:
    store = backend.open()
    bad = _analyzed().model_copy(deep=True)
    bad.events.append(bad.events[0])  # the same event id twice violates the primary key
    with pytest.raises(backend.integrity_error):
        store.save(bad, "v1")
    assert store.counts()["documents"] == 0
    assert store.counts()["claims"] == 0
    store.save(_analyzed(), "v1")  # the connection is usable after the failure
    assert store.counts()["documents"] == 1


def test_a_transaction_is_undone_whole_when_it_fails(backend: Backend) -> None:
    store = backend.open()
    analyzed = _analyzed()
    store.save(analyzed, "v1")
    with pytest.raises(RuntimeError, match="stop"), store.transaction():
        store.link_save(analyzed.document.id, 0, "s1", "v1", date(2020, 5, 6), "{}", ["word:beirut"])
        store.put_story(Story(id="s1", headline="Beirut protest", doc_ids=[analyzed.document.id]))
        raise RuntimeError("stop")
    assert store.link_count() == 0
    assert store.stories() == []


def test_errors_are_kept_once_and_stories_replaced(backend: Backend) -> None:
    store = backend.open()
    error = IngestError(source="a.jsonl:3", code="E103", message="E103: line 3 is not JSON")
    long = IngestError(source="feed.xml", code="E104", message="E104: " + "unreadable entity; " * 400)
    store.add_errors([error, error, long])
    store.add_errors([error, long])
    assert store.errors() == [error, long]
    analyzed = _analyzed()
    store.save(analyzed, "v1")
    story = Story(id="s1", headline="Beirut protest", doc_ids=[analyzed.document.id])
    store.replace_stories([story])
    store.replace_stories([story])
    assert store.stories() == [story]
    assert store.story("s1") == story and store.story("s2") is None


def test_lists_come_in_the_same_order_on_every_backend(backend: Backend) -> None:
    """Byte order, as SQLite sorts text, whatever the PostgreSQL server's locale."""
    store = backend.open()
    saved = [_analyzed(text, name, published=day) for text, name, day in (
        ("Shelling was reported in Idlib on Monday.", "idlib.txt", date(2019, 8, 20)),
        ("Talks in Moscow ended without agreement.", "moscow.txt", None),
        ("A convoy was hit near Balad.", "balad.txt", date(2019, 8, 20)),
        ("Clashes were reported in Amerli.", "amerli.txt", date(2019, 7, 19)),
    )]
    for item in saved:
        store.save(item, "v1")
    published = [d.published for d in store.documents()]
    assert published == [date(2019, 7, 19), date(2019, 8, 20), date(2019, 8, 20), None]
    same_day = [d.id for d in store.documents()[1:3]]
    assert same_day == sorted(same_day)
    assert store.link_pending() == [a.document.id for a in saved]  # the order they were stored in
    stories = [Story(id=i, headline=i, doc_ids=[]) for i in ("b-2", "B-1", "a-3", "_x")]
    store.replace_stories(stories)
    assert [s.id for s in store.stories()] == sorted(s.id for s in stories)  # B-1, _x, a-3, b-2


def test_the_dossier_read_a_piece_at_a_time_holds_what_it_holds_read_whole(backend: Backend) -> None:
    store = backend.open()
    saved = [_analyzed(text, name, published=day) for text, name, day in (
        ("Talks in Moscow ended without agreement.", "moscow.txt", None),
        ("A convoy was hit near Balad.", "balad.txt", date(2019, 8, 20)),
        ("Clashes were reported in Amerli.", "amerli.txt", date(2019, 7, 19)),
        ("Shelling was reported in Idlib on Monday.", "idlib.txt", date(2019, 8, 20)),
    )]
    for item in saved:
        store.save(item, "v1")
    unanalyzed = saved[3].document.id  # a document whose analysis is gone is not in the dossier
    store.conn.execute(f"DELETE FROM analyses WHERE doc_id='{unanalyzed}'")
    assert store.dossier_doc_ids() == [a.document.id for a in store.all_analyzed()]
    assert len(store.dossier_doc_ids()) == 3 and unanalyzed not in store.dossier_doc_ids()
    store.replace_stories([Story(id=i, headline=i, doc_ids=[]) for i in ("b-2", "B-1", "a-3")])
    assert store.story_ids() == [s.id for s in store.stories()] == ["B-1", "a-3", "b-2"]
    assert store.dossier_counts() == {"documents": 3, "stories": 3, "events": 3, "claims": 3}
    ids = [a.document.id for a in saved]
    many = [*ids, *(f"no-such-{i}" for i in range(1200))]  # more ids than one IN list binds
    assert store.analyzed_documents_by_id(many) == {a.document.id: a.document for a in saved[:3]}
    assert store.analyzed_events_by_id([e.id for a in saved for e in a.events] + many[4:]) == {
        e.id: e for a in saved[:3] for e in a.events}
    assert store.analyzed_claims_by_id([c.id for a in saved for c in a.claims]) == {
        c.id: c for a in saved[:3] for c in a.claims}
    assert store.analyzed_documents_by_id([]) == {}


def test_search_takes_the_fts5_queries_callers_make(backend: Backend) -> None:
    store = backend.open()
    ids = _reports(store)
    pmu = {ids["balad.txt"], ids["amerli.txt"]}
    assert set(store.search(fts_query("Popular Mobilization"))) == pmu
    assert store.search(fts_query("Balad depot")) == [ids["balad.txt"]]
    assert store.search(fts_query("depot in Moscow")) == []  # every word must be there
    assert set(store.search(fts_query("moscow"))) == {ids["moscow.txt"]}  # any case
    assert store.search(fts_query("Amerli blast")) == [ids["amerli.txt"]]  # the title counts too
    any_word = candidate_query("A drone struck the depot in Moscow")
    assert any_word is not None and " OR " in any_word
    assert set(store.search(any_word)) == {ids["balad.txt"], ids["moscow.txt"]}
    assert store.search('"Popular Mobilization Forces"', limit=1)[0] in pmu
    assert store.search('"Mobilization Popular"') == []  # a phrase keeps its order
    assert store.search(fts_query('"; DROP TABLE documents; --')) == []
    assert store.counts()["documents"] == 3


def test_search_splits_and_folds_words_as_fts5_does(backend: Backend) -> None:
    store = backend.open()
    text = "U.S. officials said al-Qaeda's fighters left BÉYROUTH's suburbs; the F-16s flew 3,000 km."
    analyzed = _analyzed(text, "wire.txt")
    store.save(analyzed, "v1")
    for words in ("U.S.", "us", "al-Qaeda", "Qaeda fighters", "Béyrouth", "beyrouth", "f 16s", "3,000", "000 km"):
        assert store.search(fts_query(words)) == ([] if words == "us" else [analyzed.document.id]), words
    assert store.search('"officials said" OR "nowhere"') == [analyzed.document.id]
    assert store.search('"said officials"') == []


def test_the_linking_index_answers_as_linking_expects(backend: Backend) -> None:
    store = backend.open()
    ids = _reports(store)
    balad, amerli, moscow = ids["balad.txt"], ids["amerli.txt"], ids["moscow.txt"]
    hostile_key = "word:" + "x" * 5000  # a 5,000-letter "word" in a hostile report
    assert store.link_count() == 0 and store.link_next_seq() == 0
    with store.transaction():
        store.link_save(balad, 0, "s1", "v1", date(2019, 8, 20), '{"doc": "balad"}', ["ent:IRQ.PMU", "word:depot"])
        store.link_save(amerli, 1, "s1", "v1", date(2019, 7, 19), '{"doc": "amerli"}', ["ent:IRQ.PMU", hostile_key])
        store.link_save(moscow, 2, "s2", "v1", None, '{"doc": "moscow"}', ["word:moscow", "word:moscow"])
        store.link_add_df(["ent:IRQ.PMU", "word:depot", "ent:IRQ.PMU", hostile_key])
        store.link_add_df(["word:depot"], step=-1)
    assert store.link_count() == 3 and store.link_next_seq() == 3
    assert store.link_pending() == []
    assert store.link_df(["ent:IRQ.PMU", "word:depot", hostile_key, "word:none"]) == {
        "ent:IRQ.PMU": 2, "word:depot": 0, hostile_key: 1}
    assert store.link_profile(amerli) == ("s1", 1, '{"doc": "amerli"}') and store.link_profile("nope") is None
    assert store.link_profiles([moscow, "nope", amerli]) == {moscow: '{"doc": "moscow"}', amerli: '{"doc": "amerli"}'}
    # the most recent postings first, per key, and only within the window when one is given
    assert store.link_postings(["ent:IRQ.PMU", "word:moscow"], per_key=1) == {amerli: 1, moscow: 1}
    # each document with the number of the keys it holds
    assert store.link_postings(["ent:IRQ.PMU", "word:depot", "word:depot"], per_key=5) == {balad: 2, amerli: 1}
    assert store.link_postings([hostile_key], per_key=5) == {amerli: 1}
    assert store.link_postings(["ent:IRQ.PMU"], per_key=5, around=date(2019, 8, 25), max_days=10) == {balad: 1}
    assert store.link_postings(["word:moscow"], per_key=5, around=date(2030, 1, 1), max_days=1) == {moscow: 1}
    # a window at the calendar's ends (a report dated 9999-12-31 through the Python API) stays in it
    assert store.link_postings(["ent:IRQ.PMU"], per_key=5, around=date.max, max_days=30) == {}
    assert store.link_postings(["word:moscow"], per_key=5, around=date.min, max_days=30) == {moscow: 1}
    assert store.link_story_ids([moscow, "nope", balad]) == {moscow: "s2", balad: "s1"}
    assert store.link_members("s1") == [balad, amerli] and store.link_members("s1", limit=1) == [amerli]
    assert store.link_first_seq("s1") == 0 and store.link_first_seq("s9") == -1
    assert store.found_ids([amerli, balad]) == ([f"{amerli}:e0", f"{balad}:e0"], [f"{amerli}:c0", f"{balad}:c0"])
    with store.transaction():
        store.link_move("s2", "s1")
        store.link_set_story([balad], "s3")
        store.put_story(Story(id="s1", headline="PMU bases", doc_ids=[amerli, moscow]))
        store.put_story(Story(id="s3", headline="Balad", doc_ids=[balad]))
    assert store.link_members("s1") == [amerli, moscow] and store.link_members("s3") == [balad]
    assert [(s.id, s.doc_ids) for s in store.stories()] == [("s1", [amerli, moscow]), ("s3", [balad])]
    with store.transaction():
        store.delete_story("s3")
    assert [s.id for s in store.stories()] == ["s1"]
    # analyzed again: pending once more, until linked with the new version
    store.save(_analyzed(REPORTS["balad.txt"][1], "balad.txt", title=REPORTS["balad.txt"][0]), "v2")
    assert store.link_pending() == [balad]


def test_story_links_are_stored_with_their_signature_and_pruned(backend: Backend) -> None:
    store = backend.open()
    first, second = StoryLinks(story_id="s1"), StoryLinks(story_id="s2")
    store.save_story_links(first, "sig-a")
    store.save_story_links(second, "sig-b")
    store.save_story_links(first, "sig-c")
    assert store.story_link_signatures() == {"s1": "sig-c", "s2": "sig-b"}
    assert store.story_links() == {"s1": ("sig-c", first), "s2": ("sig-b", second)}
    assert store.story_link("s2") == second and store.story_link("s9") is None
    assert store.prune_story_links(["s2"]) == 1
    assert store.prune_story_links(["s2"]) == 0
    assert list(store.story_links()) == ["s2"]


def test_fetch_state_round_trips_and_is_replaced(backend: Backend) -> None:
    store = backend.open()
    url = "https://wire.example.org/feeds/africa.xml"
    assert store.fetch_state(url) is None
    first = FetchState(url, "feed", "2024-06-14T09:30:00Z", etag='"v1"',
                       last_modified="Fri, 14 Jun 2024 09:30:00 GMT", status=200)
    store.save_fetch_state(first)
    assert store.fetch_state(url) == first
    failed = FetchState(url, "feed", "2024-06-14T09:45:00Z", etag='"v1"', error="timed out")
    store.save_fetch_state(failed)
    assert store.fetch_state(url) == failed
    long_url = "https://wire.example.org/search?q=" + "strike+" * 1000  # longer than an index entry may be
    store.save_fetch_state(FetchState(long_url, "page", "2024-06-14T09:45:00Z", status=200))
    assert store.fetch_state(long_url) == FetchState(long_url, "page", "2024-06-14T09:45:00Z", status=200)
    assert backend.rows(store, "SELECT COUNT(*) FROM fetch_state") == [(2,)]


def test_known_sources_by_url_external_id_or_a_page_fetched_before(backend: Backend) -> None:
    backend.open(migrate_to=6).close()  # a database from before live sources
    store = open_store(backend.location)
    assert store.schema_version() == NEWEST
    analyzed = _analyzed()
    analyzed.document = analyzed.document.model_copy(
        update={"url": "https://wire.example.org/beirut", "external_id": "wire-2020-0505"})
    store.save(analyzed, "v1")
    store.save_fetch_state(FetchState("https://wire.example.org/copy", "page", "2024-06-14T09:30:00Z", status=200))
    store.save_fetch_state(FetchState("https://wire.example.org/broken", "page", "2024-06-14T09:30:00Z",
                                      error="HTTP 500"))
    urls = ["https://wire.example.org/beirut", "https://wire.example.org/copy", "https://wire.example.org/broken",
            "https://wire.example.org/new"]
    assert store.known_sources(urls, ["wire-2020-0505", "wire-2020-0506"]) == {
        "https://wire.example.org/beirut", "https://wire.example.org/copy", "wire-2020-0505"}
    store.save_fetch_state(FetchState("https://wire.example.org/broken", "page", "2024-06-14T10:30:00Z",
                                      error="HTTP 500", attempts=3))
    assert "https://wire.example.org/broken" not in store.known_sources(urls, give_up_after=4)
    assert "https://wire.example.org/broken" in store.known_sources(urls, give_up_after=3)


def test_a_long_url_and_external_id_are_stored_and_found(backend: Backend) -> None:
    store = backend.open()
    analyzed = _analyzed()
    long_url = "https://wire.example.org/a?" + "ref=beirut&" * 600
    analyzed.document = analyzed.document.model_copy(update={"url": long_url, "external_id": long_url})
    store.save(analyzed, "v1")
    assert store.known_sources([long_url], [long_url]) == {long_url}


# as a release before migration 10 left a database (migration 11 undone too)
_UNDO_10 = (*UNDO_13, "DROP TABLE story_link_memos", "DROP INDEX stories_newest", "ALTER TABLE stories DROP COLUMN last_published",
           "DELETE FROM schema_migrations WHERE version >= 10")


def test_stories_are_listed_newest_first_a_page_at_a_time_also_in_a_database_from_before(backend: Backend) -> None:
    store = backend.open()
    days = {"balad.txt": date(2019, 8, 20), "amerli.txt": date(2019, 7, 19), "moscow.txt": None}
    ids = {}
    for name, (title, text) in REPORTS.items():
        analyzed = _analyzed(text, name, title=title, published=days[name])
        store.save(analyzed, "v1")
        ids[name] = analyzed.document.id
    balad, amerli, moscow = ids["balad.txt"], ids["amerli.txt"], ids["moscow.txt"]
    with store.transaction():
        store.put_story(Story(id="s-a", headline="Balad", doc_ids=[amerli, balad]))  # latest report: 20 August
        store.put_story(Story(id="s-b", headline="Amerli", doc_ids=[amerli]))  # 19 July
        store.put_story(Story(id="s-c", headline="Moscow", doc_ids=[moscow]))  # undated: last
    newest = ["s-a", "s-b", "s-c"]
    assert store.story_page(0, 10) == newest and store.story_page(1, 1) == ["s-b"] and store.story_count() == 3
    assert store.story_page(10**30, 10**30) == [] and store.story_page(-5, 10**30) == newest  # any number a user gives
    assert store.stories_of([moscow, balad, "unknown"]) == {moscow: "s-c", balad: "s-a"}
    assert sorted(store.stories_by_id(["s-c", "s-a", "gone"])) == ["s-a", "s-c"]
    for sql in _UNDO_10:
        store.conn.execute(sql)
    store.close()
    upgraded = open_store(backend.location)
    try:
        assert upgraded.schema_version() == NEWEST and upgraded.story_page(0, 10) == newest  # dated by the migration
    finally:
        upgraded.close()


def test_a_database_from_before_the_link_queue_queues_what_it_had_not_linked(backend: Backend) -> None:
    store = backend.open()
    ids = _reports(store)
    balad, amerli, moscow = ids["balad.txt"], ids["amerli.txt"], ids["moscow.txt"]
    with store.transaction():
        store.link_save(balad, 0, "s1", "v1", date(2019, 8, 20), "{}", ["word:depot"])
        store.link_save(amerli, 1, "s1", "v1", None, "{}", ["word:depot"])
    # as a release before migration 8 left it: amerli analyzed again since it was linked, moscow never linked
    for sql in (*(SQLITE_UNDO_12 if backend.name == "sqlite" else POSTGRES_UNDO_12), *_UNDO_10, "DROP TABLE link_queue", "DROP TABLE link_state", "DROP INDEX link_keys_window",
                "ALTER TABLE link_keys DROP COLUMN published", "CREATE INDEX link_keys_recent ON link_keys(key, seq)",
                "DROP TABLE story_links_due", "DELETE FROM schema_migrations WHERE version >= 8",
                f"UPDATE analyses SET analyzer_version = 'v2' WHERE doc_id = '{amerli}'"):
        store.conn.execute(sql)
    store.close()
    upgraded = open_store(backend.location)
    assert upgraded.schema_version() == NEWEST
    assert upgraded.link_pending() == [amerli, moscow] and upgraded.link_count() == 2
    # the postings learnt their reports' dates
    assert upgraded.link_postings(["word:depot"], per_key=5, around=date(2024, 1, 1), max_days=30) == {amerli: 1}
    with upgraded.transaction():
        upgraded.link_save(moscow, 2, "s2", "v1", None, "{}", ["word:moscow"])
        upgraded.link_save(amerli, 1, "s1", "v2", None, "{}", ["word:depot"])  # linked again: counted once
    assert upgraded.link_pending() == [] and upgraded.link_count() == 3


def test_a_story_s_link_memo_is_kept_with_its_links_and_goes_with_the_story(backend: Backend) -> None:
    store = backend.open()
    assert store.story_link_memo("s1") is None
    store.save_story_links(StoryLinks(story_id="s1"), "sig-a", memo='{"format": 1}')
    store.save_story_links(StoryLinks(story_id="s2"), "sig-b", memo="{}")
    assert store.story_link_memo("s1") == '{"format": 1}'
    store.save_story_links(StoryLinks(story_id="s1"), "sig-c")  # links saved without one keep the memo
    assert store.story_link_memo("s1") == '{"format": 1}'
    store.save_story_links(StoryLinks(story_id="s1"), "sig-d", memo='{"format": 2}')
    assert store.story_link_memo("s1") == '{"format": 2}'
    with store.transaction():
        store.delete_story("s1")
    assert store.story_link_memo("s1") is None and store.story_link_memo("s2") == "{}"
    assert store.prune_story_links([]) == 1
    assert store.story_link_memo("s2") is None


def test_the_link_state_is_kept_and_a_deleted_story_takes_its_links(backend: Backend) -> None:
    store = backend.open()
    assert store.link_state("rules") is None
    store.set_link_state("rules", "links:7")
    store.set_link_state("rules", "links:8")
    assert store.link_state("rules") == "links:8"
    store.save_story_links(StoryLinks(story_id="s1"), "sig-a")
    store.save_story_links(StoryLinks(story_id="s2"), "sig-b")
    assert store.story_link_signatures(["s2", "s9"]) == {"s2": "sig-b"}
    with store.transaction():
        store.delete_story("s1")
    assert store.story_link_signatures() == {"s2": "sig-b"}


def test_a_time_window_looks_only_at_a_keys_most_recent_postings(backend: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    store = backend.open()
    ids = _reports(store)
    balad, amerli = ids["balad.txt"], ids["amerli.txt"]
    with store.transaction():
        store.link_save(balad, 0, "s1", "v1", date(2019, 8, 20), "{}", ["ent:IRQ.PMU"])
        store.link_save(amerli, 1, "s1", "v1", date(2019, 7, 19), "{}", ["ent:IRQ.PMU"])
    backend_module = sys.modules[type(store).__module__]
    # one posting looked at per one kept: the most recent (Amerli's, a month out of the window) hides Balad's
    monkeypatch.setattr(backend_module, "SCANNED", 1)
    assert store.link_postings(["ent:IRQ.PMU"], per_key=1, around=date(2019, 8, 25), max_days=10) == {}
    assert store.link_postings(["ent:IRQ.PMU"], per_key=1, around=date(2019, 7, 25), max_days=10) == {amerli: 1}
    monkeypatch.setattr(backend_module, "SCANNED", 2)
    assert store.link_postings(["ent:IRQ.PMU"], per_key=1, around=date(2019, 8, 25), max_days=10) == {balad: 1}
    # more postings looked at than the key has
    monkeypatch.setattr(backend_module, "SCANNED", 50)
    assert store.link_postings(["ent:IRQ.PMU"], per_key=2, around=date(2019, 8, 1), max_days=30) == {balad: 1, amerli: 1}


def test_the_counts_of_keys_shared_by_two_reports_or_more(backend: Backend) -> None:
    store = backend.open()
    with store.transaction():
        store.link_add_df(["ent:IRQ.PMU", "word:depot", "word:balad"])
        store.link_add_df(["ent:IRQ.PMU", "word:depot"])
        store.link_add_df(["ent:IRQ.PMU"])
        store.link_add_df(["word:depot"], step=-1)
    if store.link_counts_version() is None:  # counts read each time (PostgreSQL): none held either
        assert store.link_shared_df(10) is None
        return
    assert store.link_shared_df(10) == {"ent:IRQ.PMU": 3}
    assert store.link_shared_df(1) == {"ent:IRQ.PMU": 3} and store.link_shared_df(0) is None


def test_titles_are_read_for_the_reports_that_have_one(backend: Backend) -> None:
    store = backend.open()
    ids = _reports(store)
    untitled = _analyzed("Shelling hit the market in the morning, officials said.", "market.txt")
    blank = _analyzed("A second blast was heard near the port, witnesses said.", "port.txt", title="")
    for item in (untitled, blank):
        store.save(item, "v1")
    asked = [untitled.document.id, ids["amerli.txt"], blank.document.id, ids["balad.txt"], "no-such-report"]
    assert store.document_titles(asked) == {ids["amerli.txt"]: "Blast at Amerli base",
                                            ids["balad.txt"]: "Drone strike hits PMU depot near Balad"}
    store.close()
