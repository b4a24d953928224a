"""The watch loop over a local server: new reports stored and linked once, a 304 costs nothing, failures retried."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.webserver import FixtureServer, Route, page_html, rss, serving
from triangulate.ingest.fetch import Fetcher
from triangulate.pipeline import Pipeline
from triangulate.records import Document
from triangulate.store import open_store
from triangulate.watch import Round, Watcher, parse_interval, watch

AFRICA = "/feeds/africa.xml"
MIDEAST = "/feeds/mideast.xml"
PAGES = {"fasher": "/world/fasher", "kaya": "/world/kaya", "mopti": "/world/mopti", "basra": "/world/basra"}


@dataclass
class Scenario:
    server: FixtureServer
    db: Path
    rounds: list[Round]
    hits: list[dict[str, int]]  # requests per path after each round
    documents: list[list[Document]]  # stored after each round
    stories: int  # stories after the first round


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[Scenario]:
    """Four rounds, one analysis pipeline: two feeds sharing an item, one item's page broken until round 3."""
    db = tmp_path_factory.mktemp("watch") / "triangulate.db"
    with serving() as server:
        u = server.url
        server.routes.update({
            PAGES["fasher"]: Route(page_html("fasher-shelling")),
            PAGES["kaya"]: Route(b"upstream timed out", status=502, content_type="text/plain"),
            PAGES["mopti"]: Route(page_html("mopti-ferry")),
            PAGES["basra"]: Route(page_html("basra-protest", site="Gulf Desk")),
            AFRICA: Route(rss("Desert Wire Africa", [
                ("Shelling kills four in El Fasher", u(PAGES["fasher"]), "Fri, 14 Jun 2024 11:00:00 +0000"),
                ("Gunmen attack checkpoint near Kaya", u(PAGES["kaya"]), "Mon, 20 May 2024 08:00:00 +0000"),
                ("Mali army frees ferry passengers", u(PAGES["mopti"]), "Fri, 09 Aug 2024 10:00:00 +0000"),
            ]), content_type="application/rss+xml", etag='"africa-1"'),
            MIDEAST: Route(rss("Gulf Desk", [
                ("Basra protesters block port road", u(PAGES["basra"]), "Tue, 02 Jul 2024 12:00:00 +0000"),
                ("Shelling kills four in El Fasher", u(PAGES["fasher"]), "Fri, 14 Jun 2024 11:00:00 +0000"),
            ]), content_type="application/rss+xml", etag='"mideast-1"'),
        })
        rounds: list[Round] = []
        hits: list[dict[str, int]] = []
        documents: list[list[Document]] = []
        stories = 0
        with Fetcher(allow_loopback=True) as fetcher:
            watcher = Watcher([u(AFRICA), u(MIDEAST)], db, fetcher=fetcher, pipeline=pipeline)
            for number in range(4):
                if number == 2:  # the broken page is back
                    server.routes[PAGES["kaya"]] = Route(page_html("kaya-checkpoint"))
                rounds.append(watcher.round())
                hits.append(dict(server.hits))
                store = open_store(db)
                documents.append(store.documents())
                if number == 0:
                    stories = len(store.stories())
                store.close()
        yield Scenario(server, db, rounds, hits, documents, stories)


def test_the_first_round_stores_every_good_item_once(scenario: Scenario) -> None:
    first = scenario.rounds[0]
    u = scenario.server.url
    assert (first.documents, first.analyzed) == (3, 3)
    assert [f.outcome for f in first.feeds] == ["updated", "updated"]
    assert [(f.items, f.new) for f in first.feeds] == [(3, 3), (2, 1)]  # the shared item is read once
    stored = {d.url: d for d in scenario.documents[0]}
    assert set(stored) == {u(PAGES["fasher"]), u(PAGES["mopti"]), u(PAGES["basra"])}
    fasher = stored[u(PAGES["fasher"])]
    assert (fasher.outlet, fasher.published, fasher.title) == (
        "Desert Wire Africa", date(2024, 6, 14), "Shelling kills four in El Fasher")
    assert "medics at the city's Saudi Hospital said" in fasher.text
    assert stored[u(PAGES["basra"])].outlet == "Gulf Desk"
    assert scenario.hits[0][PAGES["fasher"]] == 1
    assert scenario.stories >= 2  # linked into stories: Darfur shelling and Basra protest are not one story


def test_a_broken_item_costs_only_itself(scenario: Scenario) -> None:
    first = scenario.rounds[0]
    u = scenario.server.url
    assert [(e.code, e.source) for e in first.errors] == [("E160", u(PAGES["kaya"]))]
    assert "HTTP 502" in first.errors[0].message
    store = open_store(scenario.db)
    try:
        assert ("E160", u(PAGES["kaya"])) in [(e.code, e.source) for e in store.errors()]
    finally:
        store.close()


def test_an_unchanged_feed_costs_one_conditional_request(scenario: Scenario) -> None:
    second = scenario.rounds[1]
    assert (second.documents, second.analyzed) == (0, 0)
    assert [f.outcome for f in second.feeds] == ["updated", "unchanged"]
    sent = scenario.server.headers_of(MIDEAST)
    assert sent[0]["If-None-Match"] is None and sent[1]["If-None-Match"] == '"mideast-1"'
    assert scenario.hits[1][PAGES["basra"]] == 1  # its item was not fetched again


def test_a_feed_with_a_failed_item_is_read_whole_and_only_that_item_retried(scenario: Scenario) -> None:
    after_first, after_second = scenario.hits[0], scenario.hits[1]
    assert scenario.server.headers_of(AFRICA)[1]["If-None-Match"] is None
    assert after_second[PAGES["kaya"]] == after_first[PAGES["kaya"]] + 1
    assert after_second[PAGES["fasher"]] == after_second[PAGES["mopti"]] == 1
    third = scenario.rounds[2]
    assert (third.documents, third.analyzed, third.errors) == (1, 1, [])
    assert scenario.server.url(PAGES["kaya"]) in {d.url for d in scenario.documents[2]}
    assert len(scenario.documents[2]) == 4


def test_once_all_is_stored_a_round_is_two_304s(scenario: Scenario) -> None:
    last = scenario.rounds[3]
    assert [f.outcome for f in last.feeds] == ["unchanged", "unchanged"]
    assert (last.documents, last.analyzed, last.run) == (0, 0, None)
    before, after = scenario.hits[2], scenario.hits[3]
    assert {p: after[p] - before.get(p, 0) for p in after if after[p] != before.get(p, 0)} == {AFRICA: 1, MIDEAST: 1}
    assert last.summary() == "round 4: 0 new reports (0 analyzed); feeds: 0 changed, 2 unchanged, 0 failed; 0 errors"


def test_a_long_feed_is_read_over_several_rounds(pipeline: Pipeline, tmp_path: Path) -> None:
    with serving() as server, Fetcher(allow_loopback=True) as fetcher:
        server.routes.update({
            "/world/basra": Route(page_html("basra-protest")),
            "/world/mopti": Route(page_html("mopti-ferry")),
            "/feed.xml": Route(rss("Desert Wire", [
                ("Basra protesters block port road", "/world/basra", "Tue, 02 Jul 2024 12:00:00 +0000"),
                ("Mali army frees ferry passengers", "/world/mopti", "Fri, 09 Aug 2024 10:00:00 +0000"),
            ]), content_type="application/rss+xml", etag='"v1"'),
        })
        watcher = Watcher([server.url("/feed.xml")], tmp_path / "t.db", fetcher=fetcher, pipeline=pipeline,
                          max_items=1)
        rounds = [watcher.round() for _ in range(3)]
        assert [r.documents for r in rounds] == [1, 1, 0]
        assert [r.feeds[0].outcome for r in rounds] == ["updated", "updated", "unchanged"]
        assert server.hits["/world/basra"] == server.hits["/world/mopti"] == 1  # relative links made absolute


def test_a_page_that_keeps_failing_is_left_alone_after_three_rounds(tmp_path: Path) -> None:
    with serving() as server, Fetcher(allow_loopback=True) as fetcher:
        server.routes["/feed.xml"] = Route(rss("Desert Wire", [
            ("Gunmen attack checkpoint near Kaya", "/world/kaya", "Mon, 20 May 2024 08:00:00 +0000"),
        ]), content_type="application/rss+xml", etag='"v1"')
        watcher = Watcher([server.url("/feed.xml")], tmp_path / "t.db", fetcher=fetcher)
        rounds = [watcher.round() for _ in range(4)]
        assert server.hits["/world/kaya"] == 3
        assert [r.feeds[0].outcome for r in rounds] == ["updated", "updated", "updated", "unchanged"]
        assert [len(r.errors) for r in rounds] == [1, 1, 1, 0]
        store = open_store(tmp_path / "t.db")
        state = store.fetch_state(server.url("/world/kaya"))
        store.close()
        assert state is not None and state.attempts == 3 and state.error is not None and "HTTP 404" in state.error


def test_a_feed_that_breaks_the_reader_costs_only_itself(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import triangulate.watch

    real = triangulate.watch.fetch_feed

    def odd(fetcher: Fetcher, url: str, *args: object, **kwargs: object) -> object:
        if url.endswith("/odd.xml"):
            raise RuntimeError("unexpected")
        return real(fetcher, url, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(triangulate.watch, "fetch_feed", odd)
    watcher = Watcher(["http://127.0.0.1:9/odd.xml", "http://127.0.0.1:9/feed.xml"], tmp_path / "t.db",
                      fetcher=Fetcher())
    done = watcher.round()
    assert [f.outcome for f in done.feeds] == ["failed", "failed"]
    assert [(e.code, e.source) for e in done.errors] == [
        ("E199", "http://127.0.0.1:9/odd.xml"), ("E161", "http://127.0.0.1:9/feed.xml")]


def test_the_loop_runs_a_round_per_interval_until_stopped(tmp_path: Path) -> None:
    stop = threading.Event()
    starts: list[float] = []

    def on_round(done: Round) -> None:
        starts.append(time.monotonic())
        assert done.count("failed") == 1 and done.errors[0].code == "E161"
        if len(starts) == 3:
            stop.set()

    # loopback refused: each round fails fast without a request, and analyzes nothing
    watcher = Watcher(["http://127.0.0.1:9/feed.xml"], tmp_path / "t.db", fetcher=Fetcher())
    began = time.monotonic()
    assert watch(watcher, 0.2, on_round=on_round, stop=stop) == 3
    assert 0.4 <= starts[-1] - began < 2.0  # rounds 2 and 3 each waited for their turn, and it stopped at once
    assert watch(watcher, 3600, once=True) == 4


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("15m", 900), ("1h", 3600), ("2d", 172800),
                                               ("90", 90), (" 1.5h ", 5400), ("15M", 900)])
def test_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0m", "fifteen minutes", "15 min", "-1h", "1w"])
def test_bad_intervals(text: str) -> None:
    with pytest.raises(ValueError, match="not an interval"):
        parse_interval(text)
