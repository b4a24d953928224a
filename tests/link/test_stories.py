"""Stories (first version): reports about one story together, other stories apart."""

from __future__ import annotations

from datetime import date

from triangulate.link.stories import cluster_stories
from triangulate.records import ActorMention, AnalyzedDocument, Document, document_id


def _doc(text: str, published: date, actors: list[str]) -> AnalyzedDocument:
    mentions = [ActorMention(start=0, end=1, text="x", actor_id=a) for a in actors]
    doc = Document(id=document_id(text), external_id=text[:10], text=text, published=published)
    return AnalyzedDocument(document=doc, mentions=mentions)


STRIKE_A = ("Drones struck a weapons depot of the Popular Mobilization Forces near Balad, north of Baghdad, "
            "setting off explosions; the militia blamed Israel for the strike on its depot.")
STRIKE_B = ("Explosions tore through a Popular Mobilization Forces weapons depot near Balad after a drone strike; "
            "Iraqi officials said Israel was suspected of the strike on the militia depot.")
FLOOD = ("Heavy rains flooded farmland across Bangladesh's northern districts, and the government opened "
         "shelters for families whose homes were washed away by the monsoon.")


def test_two_reports_of_one_strike_form_one_story_and_a_flood_another() -> None:
    docs = [
        _doc(STRIKE_A, date(2019, 8, 21), ["IRQ.PMF", "ISR.GOV"]),
        _doc(STRIKE_B, date(2019, 8, 22), ["IRQ.PMF", "ISR.GOV", "IRQ.GOV"]),
        _doc(FLOOD, date(2019, 8, 22), ["BGD.GOV"]),
    ]
    stories = cluster_stories(docs)
    groups = sorted(sorted(s.doc_ids) for s in stories)
    assert groups == sorted([sorted([docs[0].document.id, docs[1].document.id]), [docs[2].document.id]])


def test_clustering_is_deterministic_and_order_free() -> None:
    docs = [
        _doc(STRIKE_A, date(2019, 8, 21), ["IRQ.PMF"]),
        _doc(FLOOD, date(2019, 8, 22), ["BGD.GOV"]),
        _doc(STRIKE_B, date(2019, 8, 22), ["IRQ.PMF"]),
    ]
    assert cluster_stories(docs) == cluster_stories(list(reversed(docs)))
