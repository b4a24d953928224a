"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: saved as files, or fetched by `triangulate watch` (see ingest.web).

Nothing here touches the network. Each item of a feed file becomes a Document: its title, its link as url, pubDate / dc:date / published /
updated as the publication date, and content:encoded, Atom content, description or summary
(first found, HTML removed) as the text; the outlet is the channel's (feed's) title.
Feeds that declare XML entities are refused, and no DTD or external resource is loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lxml import etree

from triangulate.ingest.common import (
    Defaults,
    FileMeta,
    Problems,
    clean_optional,
    decode,
    finalize_text,
    make_document,
    publication_date,
    read_bytes,
)
from triangulate.ingest.errors import Code
from triangulate.ingest.html import html_fragment_to_text
from triangulate.records import Document

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ENTITY_DECLARATION_TEXT = re.compile(r"<!ENTITY", re.IGNORECASE)
_FEED_ROOTS = frozenset({"rss", "feed", "RDF"})
_TEXT_CHILDREN = ("encoded", "content", "description", "summary")  # fullest first
_DATE_CHILDREN = ("pubDate", "published", "date", "updated", "issued", "modified")


def _parser() -> etree.XMLParser:
    # no entity expansion, no DTD, no network, no huge trees: a feed file is untrusted input
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def load_feed_file(
    path: Path, source: str, external_id: str, meta: FileMeta, defaults: Defaults, problems: Problems
) -> list[Document]:
    data = read_bytes(path, source, problems)
    if data is None:
        return []
    if _ENTITY_DECLARATION.search(data):
        problems.error(Code.FEED_ENTITIES, source, "the feed declares XML entities")
        return []
    text = decode(data, source, problems)
    if text is None:
        return []
    return parse_feed(text, source, defaults, problems, fallback_outlet=meta.outlet)


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed as the feed gives it; `text` is empty when it has no description or content."""

    number: int
    source: str  # feed#itemN
    title: str | None
    url: str | None
    guid: str | None
    published: date | None
    text: str


@dataclass(frozen=True)
class Feed:
    outlet: str | None  # the channel's (feed's) title
    items: list[FeedItem]


def parse_feed_items(xml_text: str, source: str, problems: Problems) -> Feed | None:
    """The outlet and items of a feed held in a string; None (with the problem noted) if it is no feed."""
    if _ENTITY_DECLARATION_TEXT.search(xml_text):
        problems.error(Code.FEED_ENTITIES, source, "the feed declares XML entities")
        return None
    # the text is already decoded: drop the declaration, lxml refuses str input that names an encoding
    body = re.sub(r"^\s*<\?xml[^>]*\?>", "", xml_text, count=1)
    try:
        root = etree.fromstring(body, parser=_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        problems.error(Code.FEED_BAD_XML, source, f"not well-formed XML ({exc})")
        return None
    if root is None or _local(root) not in _FEED_ROOTS:
        name = "nothing" if root is None else f"<{_local(root)}>"
        problems.error(Code.FEED_NOT_A_FEED, source, f"the root element is {name}, not <rss>, <feed> or <rdf:RDF>")
        return None
    channel = _child(root, "channel")
    outlet = clean_optional(_plain(_child_text(channel if channel is not None else root, "title")))
    elements = [el for el in root.iter() if isinstance(el.tag, str) and _local(el) in ("item", "entry")]
    if not elements:
        problems.error(Code.FEED_NO_ITEMS, source, "the feed has no <item> or <entry>")
        return None
    return Feed(outlet, [_item(element, number, source, problems) for number, element in enumerate(elements, 1)])


def parse_feed(
    xml_text: str, source: str, defaults: Defaults, problems: Problems, *, fallback_outlet: str | None = None
) -> list[Document]:
    """Documents of every item of a feed held in a string."""
    feed = parse_feed_items(xml_text, source, problems)
    if feed is None:
        return []
    documents = []
    for item in feed.items:
        if not item.text:
            problems.error(Code.FEED_ITEM_NO_TEXT, item.source, f"item {item.number} has no description or content")
            continue
        documents.append(make_document(
            text=item.text,
            external_id=item.guid or item.url or item.source,
            source=item.source,
            title=item.title,
            outlet=feed.outlet or fallback_outlet,
            url=item.url,
            published=item.published,
            defaults=defaults,
        ))
    return documents


def _item(item: etree._Element, number: int, source: str, problems: Problems) -> FeedItem:
    where = f"{source}#item{number}"
    raw = next((t for name in _TEXT_CHILDREN if (t := _child_markup(item, name))), "")
    return FeedItem(
        number=number,
        source=where,
        title=clean_optional(_plain(_child_text(item, "title"))),
        url=_link(item),
        guid=clean_optional(_child_text(item, "guid") or _child_text(item, "id")),
        published=_item_date(item, where, problems),
        text=finalize_text(html_fragment_to_text(raw), where, problems),
    )


def _item_date(item: etree._Element, where: str, problems: Problems) -> date | None:
    for name in _DATE_CHILDREN:
        value = _child_text(item, name)
        if value:
            return publication_date(value, f"<{name}>", where, problems)
    return None


def _link(item: etree._Element) -> str | None:
    """RSS <link>text</link>, or Atom <link href> preferring rel="alternate"."""
    links = [el for el in item if isinstance(el.tag, str) and _local(el) == "link"]
    for link in sorted(links, key=lambda el: el.get("rel", "alternate") != "alternate"):
        value = clean_optional(link.get("href") or link.text)
        if value:
            return value
    return None


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _child(parent: etree._Element, name: str) -> etree._Element | None:
    for element in parent:
        if isinstance(element.tag, str) and _local(element) == name:
            return element
    return None


def _child_text(parent: etree._Element, name: str) -> str | None:
    element = _child(parent, name)
    return None if element is None else "".join(element.itertext())


def _child_markup(parent: etree._Element, name: str) -> str | None:
    """The child's content as markup: escaped HTML stays as its text, inline XHTML is serialized."""
    element = _child(parent, name)
    if element is None:
        return None
    if len(element) == 0:
        return element.text
    inner = [element.text or ""]
    inner += [etree.tostring(child, encoding="unicode", with_tail=True) for child in element]
    return "".join(inner)


def _plain(value: str | None) -> str | None:
    return None if value is None else html_fragment_to_text(value)
