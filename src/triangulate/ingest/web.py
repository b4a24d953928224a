"""Reports from the web: pages and feeds fetched through the safe fetcher, read into Documents.

A page is read like a saved HTML file (trafilatura for the text, htmldate for the date); a
fetched feed gives its items, whose pages are fetched in turn (an item without a link is the
text the feed carries). A page's outlet is what its feed calls itself, else the page's site
name, else the host; its date is the feed item's, else the page's own. Every failure is an
IngestError naming the URL and the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urljoin, urlsplit

from triangulate.ingest.common import Defaults, FileMeta, Problems, finalize_text, make_document
from triangulate.ingest.errors import Code
from triangulate.ingest.feeds import Feed, FeedItem, parse_feed_items
from triangulate.ingest.fetch import Fetched, Fetcher, FetchError, Validators
from triangulate.records import Document

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
})


def host_of(url: str) -> str | None:
    """The host name of a URL, without "www."; the outlet of last resort."""
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


@dataclass(frozen=True)
class PageMeta:
    """What a feed item says about its page; it wins over what the page says about itself."""

    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    external_id: str | None = None


def fetch_page(fetcher: Fetcher, url: str, problems: Problems, meta: PageMeta | None = None) -> Document | None:
    """The report at a URL, or None with the problem noted."""
    try:
        fetched = fetcher.get(url)
    except FetchError as exc:
        problems.errors.append(exc.as_error())
        return None
    return page_document(fetched, problems, meta or PageMeta())


def page_document(
    fetched: Fetched, problems: Problems, meta: PageMeta, *, outlet: str | None = None
) -> Document | None:
    """A fetched page (HTML, or plain text) as a Document; None with the problem noted.

    `outlet` stands in for a page that names none, before its host does.
    """
    url = fetched.url
    kind = fetched.content_type
    defaults = Defaults(outlet=outlet or host_of(fetched.final_url))
    if kind in _TEXT_TYPES:
        text = finalize_text(fetched.text(), url, problems)
        if not text:
            problems.error(Code.EMPTY, url, "the page holds no text")
            return None
        return make_document(
            text=text, external_id=meta.external_id or url, source=url, title=meta.title, outlet=meta.outlet,
            url=url, published=meta.published, defaults=defaults,
        )
    if kind is not None and kind not in _HTML_TYPES:
        problems.error(Code.FETCH_NOT_TEXT, url, f"the server sent {kind}, not an HTML page")
        return None
    from triangulate.ingest.html import page_to_documents  # trafilatura is slow to import

    file_meta = FileMeta(title=meta.title, outlet=meta.outlet, url=url, published=meta.published)
    found = page_to_documents(fetched.text(), url, meta.external_id or url, file_meta, defaults, problems)
    return found[0] if found else None


@dataclass
class FetchedFeed:
    """A feed fetched (maybe conditionally): its items, or None when the server said "not modified"."""

    url: str
    feed: Feed | None
    validators: Validators
    final_url: str  # after redirects: what the items' relative links are relative to


def fetch_feed(
    fetcher: Fetcher, url: str, problems: Problems, validators: Validators | None = None
) -> FetchedFeed | None:
    """A feed's items; on 304 the feed is None. None (with the problem noted) when it cannot be read."""
    try:
        fetched = fetcher.get(url, validators)
    except FetchError as exc:
        problems.errors.append(exc.as_error())
        return None
    if fetched.not_modified:
        return FetchedFeed(url, None, validators or Validators(), fetched.final_url)
    if fetched.content_type in _HTML_TYPES:
        problems.error(Code.FEED_NOT_A_FEED, url, f"the server sent {fetched.content_type}, not a feed")
        return None
    feed = parse_feed_items(fetched.text(), url, problems)
    return None if feed is None else FetchedFeed(url, feed, fetched.validators, fetched.final_url)


def item_document(fetcher: Fetcher, item: FeedItem, outlet: str | None, problems: Problems) -> Document | None:
    """A feed item's report: its page when it links one, else the text the feed itself carries."""
    meta = PageMeta(title=item.title, outlet=outlet, published=item.published, external_id=item.guid or item.url)
    if item.url:
        return fetch_page(fetcher, item.url, problems, meta)
    if not item.text:
        problems.error(Code.FEED_ITEM_NO_TEXT, item.source, f"item {item.number} has no link, description or content")
        return None
    return make_document(
        text=item.text, external_id=item.guid or item.source, source=item.source, title=item.title,
        outlet=outlet, published=item.published, defaults=Defaults(),
    )


def load_urls(
    urls: Sequence[str], fetcher: Fetcher, *, outlet: str | None = None
) -> tuple[list[Document], Problems]:
    """The reports at these URLs, in order: a page is one report, a feed gives its items' reports.
    Each URL is fetched once; failures are noted and the rest go on. `outlet` is for pages that
    name none (else their host stands in)."""
    problems = Problems()
    documents: list[Document] = []
    seen: set[str] = set()
    for url in urls:
        if url in seen:
            continue
        seen.add(url)
        try:
            fetched = fetcher.get(url)
        except FetchError as exc:
            problems.errors.append(exc.as_error())
            continue
        if fetched.content_type not in _FEED_TYPES:
            document = page_document(fetched, problems, PageMeta(), outlet=outlet)
            documents += [document] if document is not None else []
            continue
        feed = parse_feed_items(fetched.text(), url, problems)
        if feed is None:
            continue
        for item in (resolve_link(i, fetched.final_url) for i in feed.items):
            if item.url in seen:
                continue
            seen.add(item.url or item.source)
            document = item_document(fetcher, item, feed.outlet, problems)
            documents += [document] if document is not None else []
    return documents, problems


def resolve_link(item: FeedItem, feed_url: str) -> FeedItem:
    """The item with its link made absolute against the feed's URL."""
    return replace(item, url=urljoin(feed_url, item.url)) if item.url else item
