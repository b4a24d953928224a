"""RSS and Atom feed files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triangulate.ingest import load_paths
from triangulate.records import IngestError, normalize_text

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Sahel Desk</title>
  <link>https://saheldesk.example.org/</link>
  <item>
    <title>Gunmen attack village in central Mali</title>
    <link>https://saheldesk.example.org/2024/03/mali-attack</link>
    <guid isPermaLink="false">sahel-2024-0311</guid>
    <pubDate>Mon, 11 Mar 2024 09:30:00 +0000</pubDate>
    <description>Short summary only.</description>
    <content:encoded><![CDATA[<p>Gunmen on motorbikes attacked a village near Mopti on Sunday, killing
      at least nine civilians, a local official said.</p><p>The army said it had sent reinforcements.</p>]]>
    </content:encoded>
  </item>
  <item>
    <title>Curfew &amp; checkpoints in Gao</title>
    <link>https://saheldesk.example.org/2024/03/gao-curfew</link>
    <dc:date>2024-03-12T07:00:00Z</dc:date>
    <description>&lt;p&gt;Authorities in Gao imposed a night curfew on Tuesday after a car bomb, the governor's
      office said.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Photo gallery</title>
  </item>
  <item>
    <description>Aid convoy reached Kidal, the UN said.</description>
    <pubDate>not a date</pubDate>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Frontline Notes</title>
  <updated>2024-04-02T10:00:00Z</updated>
  <entry>
    <title type="html">Drone hits fuel depot in Belgorod region</title>
    <link rel="enclosure" href="https://notes.example.org/img.jpg"/>
    <link rel="alternate" href="https://notes.example.org/belgorod-depot"/>
    <id>tag:notes.example.org,2024:101</id>
    <published>2024-04-01T22:15:00+03:00</published>
    <updated>2024-04-02T08:00:00Z</updated>
    <summary>A drone set a fuel depot on fire, the regional governor said.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>A drone set a fuel depot on fire
      overnight, the regional governor said.</p><p>Nobody was hurt, he added.</p></div></content>
  </entry>
</feed>
"""


def codes(problems: list[IngestError]) -> list[str]:
    return [p.code for p in problems]


def test_rss_items(tmp_path: Path) -> None:
    path = tmp_path / "sahel.rss"
    path.write_text(RSS, encoding="utf-8")
    result = load_paths([path])
    first, second, third = result.documents
    assert first.title == "Gunmen attack village in central Mali"
    assert first.outlet == "Sahel Desk"
    assert first.url == "https://saheldesk.example.org/2024/03/mali-attack"
    assert first.external_id == "sahel-2024-0311"
    assert first.published == date(2024, 3, 11)
    assert first.text.startswith("Gunmen on motorbikes attacked a village near Mopti")  # content:encoded wins
    assert "<p>" not in first.text and "\n" in first.text
    assert second.title == "Curfew & checkpoints in Gao"
    assert second.published == date(2024, 3, 12)
    assert second.text.startswith("Authorities in Gao imposed a night curfew")
    assert second.source == f"{path}#item2"
    assert codes(result.errors) == ["E143"] and result.errors[0].source == f"{path}#item3"
    assert codes(result.warnings) == ["E107"]
    assert third.published is None and third.title is None and third.external_id == f"{path}#item4"


def test_atom_entry(tmp_path: Path) -> None:
    path = tmp_path / "notes.atom"
    path.write_text(ATOM, encoding="utf-8")
    result = load_paths([path], outlet="Ignored")
    assert result.errors == [] and result.warnings == []
    (doc,) = result.documents
    assert doc.outlet == "Frontline Notes"
    assert doc.url == "https://notes.example.org/belgorod-depot"
    assert doc.published == date(2024, 4, 1)  # <published> before <updated>
    assert doc.text == "A drone set a fuel depot on fire overnight, the regional governor said.\nNobody was hurt, he added."


def test_entities_are_refused(tmp_path: Path) -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            "<rss><channel><title>&b;</title><item><description>&b;</description></item></channel></rss>")
    external = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                "<rss><channel><item><description>&x;</description></item></channel></rss>")
    (tmp_path / "bomb.xml").write_text(bomb, encoding="utf-8")
    (tmp_path / "external.xml").write_text(external, encoding="utf-8")
    result = load_paths([tmp_path])
    assert codes(result.errors) == ["E141", "E141"] and result.documents == []


def test_bad_feeds(tmp_path: Path) -> None:
    (tmp_path / "a_broken.xml").write_text("<rss><channel><item>", encoding="utf-8")
    (tmp_path / "b_config.xml").write_text("<config><item>1</item></config>", encoding="utf-8")
    (tmp_path / "c_empty_feed.rss").write_text("<rss><channel><title>T</title></channel></rss>", encoding="utf-8")
    result = load_paths([tmp_path])
    assert codes(result.errors) == ["E140", "E142", "E144"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=1500) | st.text(max_size=300).map(
    lambda s: f"<rss><channel><title>T</title><item><description>{s}</description></item></channel></rss>"
    .encode()))
def test_arbitrary_feed_bytes_never_raise(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(data)
    result = load_paths([path])
    for doc in result.documents:
        assert doc.text and doc.text == normalize_text(doc.text)


def test_feed_items_keep_items_without_text_for_their_pages() -> None:
    from triangulate.ingest.common import Problems
    from triangulate.ingest.feeds import parse_feed_items

    problems = Problems()
    feed = parse_feed_items(RSS, "https://saheldesk.example.org/feed", problems)
    assert feed is not None and feed.outlet == "Sahel Desk"
    assert [i.title for i in feed.items] == [
        "Gunmen attack village in central Mali", "Curfew & checkpoints in Gao", "Photo gallery", None,
    ]
    first, _, gallery, last = feed.items
    assert first.guid == "sahel-2024-0311" and first.published == date(2024, 3, 11)
    assert first.text.startswith("Gunmen on motorbikes attacked a village near Mopti")  # content, not summary
    assert gallery.text == "" and gallery.url is None  # no error here: a live page may still hold the text
    assert last.source == "https://saheldesk.example.org/feed#item4" and last.published is None
    assert codes(problems.errors) == [] and codes(problems.warnings) == ["E107"]
