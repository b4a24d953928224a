"""A local HTTP server for the live-source tests (127.0.0.1, a free port), and the feeds and pages it serves.

The reports are written for these tests in the style of wire copy; none is a real article.
The server counts requests per path and keeps the headers each request came with.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email.message import Message
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answers 304 to a request with this If-None-Match
    delay: float = 0.0  # seconds before answering
    length: bool = True  # send Content-Length (else the body ends when the connection closes)


class FixtureServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.seen: list[tuple[str, Message]] = []
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.port = self.httpd.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def headers_of(self, path: str) -> list[Message]:
        return [h for p, h in self.seen if p == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with server._lock:
                    server.hits[self.path] += 1
                    server.seen.append((self.path, self.headers))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", route.etag)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.length:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                with suppress(BrokenPipeError, ConnectionResetError):  # the client stopped reading: the cap
                    self.wfile.write(route.body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


@contextmanager
def serving() -> Iterator[FixtureServer]:
    server = FixtureServer()
    thread = threading.Thread(target=server.httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


# --- reports -------------------------------------------------------------------------------------

REPORTS: dict[str, tuple[str, str, list[str]]] = {
    # slug: (headline, ISO date, paragraphs)
    "fasher-shelling": (
        "Shelling kills four civilians in Sudan's El Fasher, medics say",
        "2024-06-14",
        [
            "EL FASHER, Sudan, June 14 - Artillery shells struck a crowded market in El Fasher on Friday, "
            "killing four civilians and wounding at least eleven, medics at the city's Saudi Hospital said.",
            "The medics blamed the Rapid Support Forces, which have besieged the capital of North Darfur "
            "for weeks. The paramilitary group denied firing on the market and accused the army of "
            "shelling its own positions to turn residents against it.",
            "Residents said the shells landed shortly after noon, when traders were setting up stalls. "
            "\"We heard three explosions and then everyone was running,\" one trader told reporters by phone.",
            "The United Nations said fighting around the city had displaced more than 130,000 people since "
            "April and called on both sides to allow aid convoys through.",
        ],
    ),
    "basra-protest": (
        "Protesters block road in Basra over power cuts",
        "2024-07-02",
        [
            "BASRA, Iraq, July 2 - Hundreds of protesters blocked the main road to the port of Umm Qasr on "
            "Tuesday, burning tyres to demand an end to power cuts as temperatures passed 50 degrees Celsius.",
            "Police fired tear gas to disperse the crowd and arrested six people, a police officer said on "
            "condition of anonymity because he was not authorised to speak to the media.",
            "The governor of Basra said the electricity ministry had promised to restore supply within days. "
            "Protest organisers said they would return to the road on Wednesday if nothing changed.",
        ],
    ),
    "kaya-checkpoint": (
        "Gunmen attack army checkpoint in northern Burkina Faso",
        "2024-05-20",
        [
            "OUAGADOUGOU, May 20 - Gunmen attacked an army checkpoint near the town of Kaya in northern "
            "Burkina Faso on Sunday night, killing seven soldiers, two security sources said on Monday.",
            "No group claimed responsibility for the attack. The army said in a statement that it had "
            "repelled the assault and that its aircraft had struck the attackers as they withdrew.",
            "Jihadist groups linked to al Qaeda and Islamic State have carried out frequent attacks in the "
            "region, and the government says it has lost control of large parts of the north.",
        ],
    ),
    "mopti-ferry": (
        "Mali army says it freed ferry passengers held by militants",
        "2024-08-09",
        [
            "BAMAKO, Aug 9 - Malian soldiers freed twenty passengers of a river ferry that militants had "
            "seized on the Niger river near Mopti, the army said on Friday.",
            "The army said its troops had killed several of the kidnappers in a raid at dawn. The claim "
            "could not be independently verified, and local officials said two passengers were still missing.",
            "A spokesman for the transport ministry said ferry traffic on the river would resume under "
            "military escort from Saturday.",
        ],
    ),
}


def page_html(slug: str, site: str = "Desert Wire") -> bytes:
    """An article page: site name, headline and date in the head, the report in <article>."""
    headline, day, paragraphs = REPORTS[slug]
    body = "\n".join(f"      <p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{escape(headline)} | {escape(site)}</title>
  <meta property="og:site_name" content="{escape(site)}">
  <meta property="og:title" content="{escape(headline)}">
  <meta property="article:published_time" content="{day}T09:30:00Z">
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/africa">Africa</a></nav>
  <main>
    <article>
      <h1>{escape(headline)}</h1>
      <time datetime="{day}">{day}</time>
{body}
    </article>
  </main>
  <footer>Copyright {escape(site)}. All rights reserved.</footer>
</body>
</html>
""".encode()


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed; items are (headline, link, RFC 822 date), with a one-line summary each."""
    rendered = "\n".join(
        f"""  <item>
    <title>{escape(headline)}</title>
    <link>{escape(link)}</link>
    <guid>{escape(link)}</guid>
    <pubDate>{day}</pubDate>
    <description>{escape(headline)}.</description>
  </item>"""
        for headline, link, day in items
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>{escape(title)}</title>
  <link>https://wire.example.org/</link>
  <description>Latest reports</description>
{rendered}
</channel>
</rss>
""".encode()
