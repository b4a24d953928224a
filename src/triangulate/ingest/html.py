"""Saved HTML pages: the article text via trafilatura, the publication date via htmldate.

Nothing here ever touches the network: pages are parsed to trees first and only trees are
handed to trafilatura and htmldate (htmldate downloads any *string* that looks like a URL).
"""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from triangulate.ingest.common import (
    Defaults,
    FileMeta,
    Problems,
    clean_optional,
    finalize_text,
    make_document,
    plausible_date,
    read_text_file,
)
from triangulate.ingest.errors import Code
from triangulate.records import Document, normalize_text

log = logging.getLogger(__name__)

# elements after which a reader sees a line break
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
    "table", "section", "article", "header", "footer", "pre", "figcaption", "dd", "dt", "hr",
})
_DROP_TAGS = ("script", "style", "noscript", "template")
_WHITESPACE = re.compile(r"[^\S\ue000]+")  # any white space but the block-break mark
_BREAK = "\ue000"  # a private-use character marks block ends while whitespace is collapsed
_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")
# libxml2's HTML parser keeps elements this many levels deep at most and drops what lies deeper
PARSER_DEPTH = 255


def _parse_page(html_text: str) -> HtmlElement | None:
    try:
        return trafilatura.load_html(html_text)
    except Exception as exc:  # a third-party parser on arbitrary input: any failure means "not HTML"
        log.debug("HTML parse failed: %s", exc)
        return None


def load_html_file(
    path: Path, source: str, external_id: str, meta: FileMeta, defaults: Defaults, problems: Problems
) -> list[Document]:
    html_text = read_text_file(path, source, problems)
    if html_text is None:
        return []
    return page_to_documents(html_text, source, external_id, meta, defaults, problems)


def page_to_documents(
    html_text: str, source: str, external_id: str, meta: FileMeta, defaults: Defaults, problems: Problems
) -> list[Document]:
    title, sitename, url, page_date, language = _page_metadata(html_text)
    body = normalize_text(extract_main_text(html_text) or "")  # a headline line stays: it is read like the rest
    text = finalize_text(body, source, problems)
    if not text:
        tree = _parse_page(html_text)
        if tree is not None and _reaches(tree, PARSER_DEPTH):
            problems.error(Code.HTML_TOO_DEEP, source, f"the page nests elements {PARSER_DEPTH} levels deep, where "
                           "the HTML parser stops reading, and no article text was found above that")
        else:
            problems.error(Code.HTML_NO_TEXT, source, "no article text found in the page")
        return []
    published = meta.published or _find_date(html_text) or page_date
    return [
        make_document(
            text=text,
            external_id=external_id,
            source=source,
            title=meta.title or title,
            outlet=meta.outlet or sitename,
            url=meta.url or url,
            published=published,
            language=meta.language or language,
            defaults=defaults,
        )
    ]


def _reaches(root: HtmlElement, depth: int) -> bool:
    """Whether any element of the tree has `depth` ancestors (walked with a stack: trees can be deep)."""
    stack = [(root, 0)]
    while stack:
        element, above = stack.pop()
        if above >= depth:
            return True
        stack.extend((child, above + 1) for child in element)
    return False


def extract_main_text(html_text: str) -> str | None:
    """The article's main text, precision first; a recall pass when precision finds nothing."""
    for precise in (True, False):
        tree = _parse_page(html_text)  # trafilatura prunes the tree it is given, so parse anew
        if tree is None:
            return None
        try:
            text = trafilatura.extract(
                tree,
                output_format="txt",
                include_comments=False,
                favor_precision=precise,
                favor_recall=not precise,
            )
        except Exception as exc:  # third-party extractor on arbitrary input
            log.debug("trafilatura failed: %s", exc)
            text = None
        if text and text.strip():
            return text
    return None


def _page_metadata(html_text: str) -> tuple[str | None, str | None, str | None, date | None, str | None]:
    """(title, site name, url, date, language) from the page's own markup."""
    tree = _parse_page(html_text)
    if tree is None:
        return None, None, None, None, None
    language = None
    match = _LANG.match(str(tree.get("lang") or ""))
    if match:
        language = match.group(1).lower()
    try:
        found = trafilatura.extract_metadata(tree, extensive=False)
    except Exception as exc:  # third-party extractor on arbitrary input
        log.debug("trafilatura metadata failed: %s", exc)
        return None, None, None, None, language
    return (
        clean_optional(found.title),
        clean_optional(found.sitename),
        clean_optional(found.url),
        plausible_date(found.date),
        language,
    )


def _find_date(html_text: str) -> date | None:
    tree = _parse_page(html_text)
    if tree is None:
        return None
    try:
        found = find_date(tree, extensive_search=False, original_date=True)
    except Exception as exc:  # third-party date finder on arbitrary input
        log.debug("htmldate failed: %s", exc)
        return None
    return plausible_date(found)


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed description): tags dropped, blocks on their own lines."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    fragment = fragment.replace(_BREAK, " ")
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    for bad in _DROP_TAGS:
        for element in list(root.iter(bad)):  # a list: dropping while iterating skips elements
            element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = _BREAK + (element.tail or "")
    # source line breaks are only spaces in HTML; block ends are the real breaks
    flat = _WHITESPACE.sub(" ", root.text_content())
    lines = (line.strip() for line in flat.split(_BREAK))
    return "\n".join(line for line in lines if line)
