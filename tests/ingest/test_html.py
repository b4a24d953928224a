"""Saved HTML pages: article text, title, site name, date; never the network."""

from __future__ import annotations

import json
import socket
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triangulate.ingest import load_paths
from triangulate.ingest.html import html_fragment_to_text
from triangulate.records import normalize_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Clashes in Tripoli suburb | Coast Herald</title>
<meta property="og:site_name" content="Coast Herald">
<meta name="date" content="2022-08-28">
</head><body>
<div class="menu"><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></div>
<article>
<h1>Clashes in Tripoli suburb</h1>
<p>Fighting between two armed groups broke out in a southern suburb of Tripoli on Saturday, killing at least
twelve people, the health ministry said. Residents said heavy weapons were used near the airport road.</p>
<p>The ministry said on Sunday that ambulances could not reach some of the wounded because of the shelling,
and it called on both sides to open a corridor for medical teams.</p>
<p>A spokesman for one of the groups told the Coast Herald that his fighters had been attacked first, a claim
the other group denied in a statement posted online.</p>
</article>
<footer>Subscribe to our newsletter. Cookie settings. All rights reserved.</footer>
</body></html>"""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("ingest tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_example_page() -> None:
    result = load_paths([EXAMPLES / "05_anbar_monitor_claim.html"])
    assert result.errors == [] and result.warnings == []
    (doc,) = result.documents
    assert doc.title == "Armed group says it carried out Al-Qaim depot strike"
    assert doc.outlet == "Anbar Monitor"
    assert doc.published == date(2023, 11, 16)
    assert doc.url == "https://anbarmonitor.example.org/news/2023/11/16/group-claims-depot-strike"
    # the headline is the title, and text read like the rest
    assert doc.text.startswith("Armed group says it carried out Al-Qaim depot strike\n")
    assert "\nAn armed group that calls itself" in doc.text
    assert "Privacy" not in doc.text and "Home" not in doc.text
    assert doc.text.rstrip().endswith("held in the town.")


def test_page_metadata_and_boilerplate(tmp_path: Path) -> None:
    (tmp_path / "page.htm").write_text(PAGE, encoding="utf-8")
    (doc,) = load_paths([tmp_path]).documents
    assert (doc.outlet, doc.published, doc.language) == ("Coast Herald", date(2022, 8, 28), "en")
    assert doc.title is not None and "Clashes in Tripoli suburb" in doc.title
    assert "killing at least twelve people" in doc.text
    assert "newsletter" not in doc.text and "Sport" not in doc.text


def test_metadata_jsonl_wins_for_html(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    row = {"file": "page.html", "outlet": "Syndicator", "published": "2022-08-29", "title": "Tripoli fighting"}
    (tmp_path / "metadata.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    (doc,) = load_paths([tmp_path]).documents
    assert (doc.outlet, doc.published, doc.title) == ("Syndicator", date(2022, 8, 29), "Tripoli fighting")


def test_page_without_text(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    result = load_paths([tmp_path])
    assert [e.code for e in result.errors] == ["E130"]


def test_url_like_content_is_not_fetched(tmp_path: Path) -> None:
    # htmldate downloads a *string* that looks like a URL; ingest must never hand it one
    (tmp_path / "link.html").write_text("https://example.org/news/1", encoding="utf-8")
    result = load_paths([tmp_path / "link.html"])
    assert len(result.documents) + len(result.errors) == 1


def test_fragment_to_text() -> None:
    text = html_fragment_to_text("<p>Two <b>soldiers</b> were&nbsp;killed.</p><p>Police said.<br>More later.</p>"
                                 "<script>var x = 1;</script>")
    assert text == "Two soldiers were killed.\nPolice said.\nMore later."


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=1500) | st.text(max_size=600).map(lambda s: f"<html><body><p>{s}</p></body></html>"
                                                                 .encode()))
def test_arbitrary_html_never_raises(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(data)
    result = load_paths([path])
    assert len(result.documents) + len(result.errors) == 1
    for doc in result.documents:
        assert doc.text and doc.text == normalize_text(doc.text)
