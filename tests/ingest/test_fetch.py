"""The safe fetcher against a local server: addresses refused, redirects checked, robots.txt, caps, timeouts, 304."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.webserver import FixtureServer, Route, page_html, serving
from triangulate.ingest.fetch import USER_AGENT, Fetcher, FetchError, Validators, is_web_url
from triangulate.version import __version__


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureServer]:
    with serving() as running:
        yield running


@pytest.fixture
def fresh(server: FixtureServer) -> FixtureServer:
    """The module's server with no routes and no counts (robots.txt absent: 404 allows everything)."""
    server.routes.clear()
    server.hits.clear()
    server.seen.clear()
    return server


def loopback() -> Fetcher:
    """Loopback allowed (the local server), every other private range still refused."""
    return Fetcher(allow_loopback=True)


def refusal(fetcher: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url)
    return caught.value


def test_a_page_is_fetched_with_a_user_agent_naming_the_tool(fresh: FixtureServer) -> None:
    fresh.routes["/world/fasher"] = Route(page_html("fasher-shelling"))
    with loopback() as fetcher:
        fetched = fetcher.get(fresh.url("/world/fasher"))
    assert fetched.status == 200 and fetched.content_type == "text/html" and fetched.charset == "utf-8"
    assert "Artillery shells struck a crowded market in El Fasher" in fetched.text()
    agent = fresh.headers_of("/world/fasher")[0]["User-Agent"]
    assert agent == USER_AGENT and agent.startswith(f"triangulate/{__version__} ")


def test_loopback_is_refused_by_default_before_any_request(fresh: FixtureServer) -> None:
    fresh.routes["/world/fasher"] = Route(page_html("fasher-shelling"))
    url = fresh.url("/world/fasher")
    error = refusal(Fetcher(), url)
    assert error.code == "E161" and error.url == url
    assert "127.0.0.1 is a private, loopback or link-local address" in error.reason
    assert error.as_error().source == url and error.as_error().code == "E161"
    assert sum(fresh.hits.values()) == 0  # neither robots.txt nor the page was asked for


def test_a_host_name_is_checked_after_resolution(fresh: FixtureServer) -> None:
    error = refusal(Fetcher(), f"http://localhost:{fresh.port}/world/fasher")
    assert error.code == "E161" and "localhost resolves to 127.0.0.1" in error.reason


@pytest.mark.parametrize("target", ["http://10.0.0.1/admin", "http://169.254.169.254/latest/meta-data/",
                                    "http://[::ffff:10.1.2.3]/"])
def test_a_redirect_to_a_private_address_is_refused_even_with_loopback_allowed(
    fresh: FixtureServer, target: str
) -> None:
    # requests-hardened's loopback flag allows 127.0.0.0/8 and ::1 only: the cloud metadata address,
    # RFC 1918 ranges and IPv4-mapped forms of them stay refused on every hop
    fresh.routes["/go"] = Route(status=302, headers={"Location": target})
    error = refusal(loopback(), fresh.url("/go"))
    assert error.code == "E161"
    assert error.reason.startswith(f"redirected to {target}: ") and "refused" in error.reason
    assert fresh.hits["/go"] == 1


def test_allow_private_fetches_loopback(fresh: FixtureServer) -> None:
    fresh.routes["/world/fasher"] = Route(page_html("fasher-shelling"))
    assert Fetcher(allow_private=True).get(fresh.url("/world/fasher")).status == 200


def test_redirects_are_followed_and_capped(fresh: FixtureServer) -> None:
    fresh.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    fresh.routes["/new"] = Route(page_html("basra-protest"))
    fresh.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    fetcher = loopback()
    fetched = fetcher.get(fresh.url("/old"))
    assert fetched.url == fresh.url("/old") and fetched.final_url == fresh.url("/new")
    assert "Basra" in fetched.text()
    error = refusal(fetcher, fresh.url("/loop"))
    assert error.code == "E160" and "more than 5 redirects" in error.reason
    assert fresh.hits["/loop"] == 6


def test_a_redirect_off_the_web_is_refused(fresh: FixtureServer) -> None:
    fresh.routes["/file"] = Route(status=302, headers={"Location": "file:///etc/passwd"})
    error = refusal(loopback(), fresh.url("/file"))
    assert error.code == "E165" and "redirected to file:///etc/passwd" in error.reason
    assert refusal(loopback(), "ftp://example.org/feed.xml").code == "E165"
    assert is_web_url("HTTPS://example.org/a") and not is_web_url("reports/a.html")


def test_robots_txt_is_honoured_and_read_once_per_host(fresh: FixtureServer) -> None:
    fresh.routes["/robots.txt"] = Route(
        b"User-agent: *\nDisallow: /drafts/\n\nUser-agent: triangulate\nDisallow: /private/\n",
        content_type="text/plain",
    )
    fresh.routes["/private/kaya"] = Route(page_html("kaya-checkpoint"))
    fresh.routes["/world/kaya"] = Route(page_html("kaya-checkpoint"))
    fetcher = loopback()
    error = refusal(fetcher, fresh.url("/private/kaya"))
    assert error.code == "E162" and "robots.txt does not allow" in error.reason
    assert fetcher.get(fresh.url("/world/kaya")).status == 200
    assert fresh.hits == {"/robots.txt": 1, "/world/kaya": 1}  # the refused page was never asked for


def test_robots_txt_that_fails_allows_nothing(fresh: FixtureServer) -> None:
    fresh.routes["/robots.txt"] = Route(b"busy", status=503, content_type="text/plain")
    fresh.routes["/world/kaya"] = Route(page_html("kaya-checkpoint"))
    assert refusal(loopback(), fresh.url("/world/kaya")).code == "E162"
    assert fresh.hits["/world/kaya"] == 0


def test_a_redirect_is_checked_against_robots_txt_too(fresh: FixtureServer) -> None:
    fresh.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    fresh.routes["/short"] = Route(status=302, headers={"Location": "/private/kaya"})
    fresh.routes["/private/kaya"] = Route(page_html("kaya-checkpoint"))
    error = refusal(loopback(), fresh.url("/short"))
    assert error.code == "E162" and error.reason.startswith("redirected to ")
    assert fresh.hits["/private/kaya"] == 0


@pytest.mark.parametrize("with_length", [True, False])
def test_the_size_cap_stops_the_download(fresh: FixtureServer, with_length: bool) -> None:
    fresh.routes["/huge"] = Route(b"<p>" + b"x" * 400_000 + b"</p>", length=with_length)
    url = fresh.url("/huge")
    error = refusal(Fetcher(allow_loopback=True, max_bytes=100_000), url)
    assert error.code == "E163" and error.url == url and "over the 100,000-byte cap" in error.reason
    assert str(error).startswith(url)


def test_a_slow_server_times_out(fresh: FixtureServer) -> None:
    fresh.routes["/slow"] = Route(page_html("basra-protest"), delay=3.0)
    started = time.monotonic()
    error = refusal(Fetcher(allow_loopback=True, read_timeout=0.3), fresh.url("/slow"))
    assert error.code == "E160" and "timed out" in error.reason
    assert time.monotonic() - started < 2.5  # the server would answer after 3 s


def test_an_http_error_names_the_status(fresh: FixtureServer) -> None:
    error = refusal(loopback(), fresh.url("/gone"))
    assert error.code == "E160" and error.status == 404 and "HTTP 404" in error.reason


def test_a_conditional_request_gets_304_and_no_body(fresh: FixtureServer) -> None:
    fresh.routes["/feed.xml"] = Route(b"<rss/>", content_type="application/rss+xml", etag='"v7"',
                                      headers={"Last-Modified": "Fri, 14 Jun 2024 09:30:00 GMT"})
    fetcher = loopback()
    first = fetcher.get(fresh.url("/feed.xml"))
    assert first.validators == Validators('"v7"', "Fri, 14 Jun 2024 09:30:00 GMT")
    second = fetcher.get(fresh.url("/feed.xml"), first.validators)
    assert second.not_modified and second.body == b""
    sent = fresh.headers_of("/feed.xml")[1]
    assert sent["If-None-Match"] == '"v7"' and sent["If-Modified-Since"] == "Fri, 14 Jun 2024 09:30:00 GMT"
    assert "If-None-Match" not in fresh.headers_of("/feed.xml")[0]


def test_robots_txt_is_read_again_after_a_day(fresh: FixtureServer, monkeypatch: pytest.MonkeyPatch) -> None:
    import triangulate.ingest.fetch

    fresh.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    fresh.routes["/world/kaya"] = Route(page_html("kaya-checkpoint"))
    fetcher = loopback()
    fetcher.get(fresh.url("/world/kaya"))
    fetcher.get(fresh.url("/world/kaya"))
    assert fresh.hits["/robots.txt"] == 1
    monkeypatch.setattr(triangulate.ingest.fetch, "ROBOTS_TTL", 0.0)  # as if a day had gone by
    fresh.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /world/\n", content_type="text/plain")
    assert refusal(fetcher, fresh.url("/world/kaya")).code == "E162"
    assert fresh.hits["/robots.txt"] == 2


def test_control_characters_in_a_url_are_refused_and_never_printed(fresh: FixtureServer) -> None:
    fresh.routes["/go"] = Route(status=302, headers={"Location": "/a\x1b[31mred"})
    error = refusal(loopback(), fresh.url("/go"))
    assert error.code == "E165" and "\x1b" not in str(error) and "redirected to " in error.reason
    assert "%1B[31mred" in error.reason
    typed = refusal(loopback(), "http://example.org/a\tb")
    assert typed.code == "E165" and typed.url == "http://example.org/a%09b"
