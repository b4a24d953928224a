"""Fetched pages and feeds read into Documents: outlet, date and title from the feed, else the page, else the host."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from tests.webserver import FixtureServer, Route, page_html, rss, serving
from triangulate.ingest import load_urls
from triangulate.ingest.common import Problems
from triangulate.ingest.fetch import Fetcher
from triangulate.ingest.web import PageMeta, fetch_feed, fetch_page, item_document

BARE_PAGE = b"""<html><body><div class="story">
<p>KHARTOUM, June 3 - Sudan's army said on Monday it had shot down two drones over the city of Omdurman.</p>
<p>The army said the drones were launched by the Rapid Support Forces, which did not comment.</p>
<p>Residents reported hearing anti-aircraft fire for about ten minutes before dawn.</p>
</div></body></html>"""


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureServer]:
    with serving() as running:
        running.routes.update({
            "/world/fasher": Route(page_html("fasher-shelling", site="Desert Wire")),
            "/bare": Route(BARE_PAGE),
            "/plain.txt": Route(b"BASRA, July 2 - Police fired tear gas at protesters on Tuesday, "
                                b"a police officer said.\n", content_type="text/plain; charset=utf-8"),
            "/report.pdf": Route(b"%PDF-1.7 ...", content_type="application/pdf"),
            "/home": Route(b"<html><body><img src='/logo.png'><script>var a = 1;</script></body></html>"),
        })
        running.routes["/feed.xml"] = Route(
            rss("Sahel Desk", [
                ("Shelling in El Fasher", "/world/fasher", "Sat, 15 Jun 2024 06:00:00 +0000"),
                ("Ferry passengers freed", "", "Fri, 09 Aug 2024 10:00:00 +0000"),
            ]),
            content_type="application/rss+xml", etag='"f1"',
        )
        yield running


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(allow_loopback=True) as client:
        yield client


def test_a_page_gives_its_site_name_date_and_title(server: FixtureServer, fetcher: Fetcher) -> None:
    problems = Problems()
    document = fetch_page(fetcher, server.url("/world/fasher"), problems)
    assert document is not None and problems.errors == []
    assert document.url == document.source == document.external_id == server.url("/world/fasher")
    assert document.outlet == "Desert Wire"
    assert document.published == date(2024, 6, 14)
    assert document.title == "Shelling kills four civilians in Sudan's El Fasher, medics say"
    assert "killing four civilians and wounding at least eleven" in document.text
    assert "All rights reserved" not in document.text and "Home" not in document.text


def test_the_feed_item_wins_and_the_host_is_the_last_resort(server: FixtureServer, fetcher: Fetcher) -> None:
    problems = Problems()
    meta = PageMeta(title="Shelling in El Fasher", outlet="Sahel Desk", published=date(2024, 6, 15),
                    external_id="sahel-0615")
    from_feed = fetch_page(fetcher, server.url("/world/fasher"), problems, meta)
    assert from_feed is not None
    assert (from_feed.title, from_feed.outlet, from_feed.published, from_feed.external_id) == (
        "Shelling in El Fasher", "Sahel Desk", date(2024, 6, 15), "sahel-0615")
    bare = fetch_page(fetcher, server.url("/bare"), problems)
    assert bare is not None and bare.outlet == "127.0.0.1" and bare.published is None
    assert "shot down two drones over the city of Omdurman" in bare.text
    plain = fetch_page(fetcher, server.url("/plain.txt"), problems)
    assert plain is not None and plain.text.startswith("BASRA, July 2 - Police fired tear gas")
    assert problems.errors == []


def test_what_is_no_report_is_an_error_naming_the_url(server: FixtureServer, fetcher: Fetcher) -> None:
    problems = Problems()
    assert fetch_page(fetcher, server.url("/report.pdf"), problems) is None
    assert fetch_page(fetcher, server.url("/home"), problems) is None
    assert [(e.code, e.source) for e in problems.errors] == [
        ("E164", server.url("/report.pdf")), ("E130", server.url("/home"))]
    assert "application/pdf" in problems.errors[0].message


def test_a_feed_gives_items_and_a_304_gives_none(server: FixtureServer, fetcher: Fetcher) -> None:
    problems = Problems()
    fetched = fetch_feed(fetcher, server.url("/feed.xml"), problems)
    assert fetched is not None and fetched.feed is not None and fetched.validators.etag == '"f1"'
    assert [(i.title, i.url) for i in fetched.feed.items] == [
        ("Shelling in El Fasher", "/world/fasher"), ("Ferry passengers freed", None)]
    again = fetch_feed(fetcher, server.url("/feed.xml"), problems, fetched.validators)
    assert again is not None and again.feed is None
    assert fetch_feed(fetcher, server.url("/world/fasher"), problems) is None  # a page is no feed
    assert [e.code for e in problems.errors] == ["E142"]


def test_an_item_without_a_link_is_its_own_text(server: FixtureServer, fetcher: Fetcher) -> None:
    problems = Problems()
    fetched = fetch_feed(fetcher, server.url("/feed.xml"), problems)
    assert fetched is not None and fetched.feed is not None
    document = item_document(fetcher, fetched.feed.items[1], fetched.feed.outlet, problems)
    assert document is not None
    assert (document.text, document.outlet, document.published) == (
        "Ferry passengers freed.", "Sahel Desk", date(2024, 8, 9))
    assert document.source == server.url("/feed.xml") + "#item2"


def test_load_urls_fetches_each_once_and_goes_on_past_failures(server: FixtureServer, fetcher: Fetcher) -> None:
    server.hits.clear()
    result = load_urls([server.url("/bare"), server.url("/missing"), server.url("/bare"),
                        server.url("/world/fasher")], fetcher)
    assert [d.url for d in result.documents] == [server.url("/bare"), server.url("/world/fasher")]
    assert [(e.code, e.source) for e in result.errors] == [("E160", server.url("/missing"))]
    assert server.hits["/bare"] == 1
    assert [d.outlet for d in result.documents] == ["127.0.0.1", "Desert Wire"]  # the host stands in
    named = load_urls([server.url("/bare"), server.url("/world/fasher")], fetcher, outlet="Field notes")
    assert [d.outlet for d in named.documents] == ["Field notes", "Desert Wire"]  # only where none is named


def test_load_urls_reads_a_feed_given_as_a_url(server: FixtureServer, fetcher: Fetcher) -> None:
    result = load_urls([server.url("/feed.xml"), server.url("/world/fasher")], fetcher)
    assert [(d.url, d.outlet, d.published) for d in result.documents] == [
        (server.url("/world/fasher"), "Sahel Desk", date(2024, 6, 15)),  # the item's page, with the feed's data
        (None, "Sahel Desk", date(2024, 8, 9)),  # the item without a link: the feed's own text
    ]
    assert result.errors == []
