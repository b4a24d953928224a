"""Document structure: bylines, datelines, captions, credits, related links, posts and timestamps are marked, real sentences are not."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangulate.extract import Extractor
from triangulate.read import Reader
from triangulate.read.gazetteer import Entry
from triangulate.read.nlp import parse
from triangulate.read.structure import (
    KINDS,
    RegionIndex,
    StructureRules,
    default_rules,
    find_regions,
    populous,
)
from triangulate.records import Document, ReadDoc, document_id


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(r.kind, r.text) for r in find_regions(text, is_place=lambda name: name.lower() in _PLACES)]


_PLACES = {"washington", "beirut", "new delhi", "tehran", "moscow", "dubai", "gaza city"}


@pytest.mark.parametrize(("line", "kind"), [
    ("By Jane Smith, Reuters Staff", "byline"),
    ("By JOHN DOE Associated Press", "byline"),
    ("By Jane Smith and John Doe in Kyiv | June 5, 2023", "byline"),
    ("By The Associated Press", "byline"),
    ("AP", "byline"),
    ("Agency News", "byline"),
    ("PUBLISHED : Tuesday, 23 May, 2017, 8:39am", "timestamp"),
    ("May 12, 2022, 3:23 AM | Updated: 9:33 am", "timestamp"),
    ("15 June 2019, 07:28 | Updated: 15 June 2019, 08:54", "timestamp"),
    ("Sunday, July 20, 2014", "timestamp"),
    ("Last updated at 22:46 GMT", "timestamp"),
    ("(Photo: Reuters)", "credit"),
    ("Image: Getty", "credit"),
    ("REUTERS/Gleb Garanich", "credit"),
    ("Sam Greenwood/Getty Images", "credit"),
    ("Reporting by Pavel Polityuk; Editing by Alex Richardson", "credit"),
    ("Copyright 2023 The Associated Press. All rights reserved.", "credit"),
    ("File photo: Firefighters work at the site of a missile strike in Kyiv.", "caption"),
    ("FILE - In this June 6, 2023 photo, water flows through a breach in the dam.", "caption"),
    ("Ukrainian soldiers fire a howitzer near Bakhmut, Ukraine, May 5, 2023. REUTERS/Stringer", "caption"),
    ("Firefighters at the scene in Kyiv. (AP Photo/Efrem Lukatsky, File)", "caption"),
    ("Read more: Russia denies attack on Kakhovka dam", "related"),
    ("ALSO READ | Iran summons British ambassador", "related"),
    ("Related: Ukraine war latest", "related"),
    ("RELATED ARTICLES", "related"),
])
def test_a_whole_line_is_marked_with_its_kind(line: str, kind: str) -> None:
    text = f"Russian forces shelled Kharkiv on Tuesday.\n\n{line}\n\nThe ministry said three people died."
    assert _kinds(text) == [(kind, line)]


@pytest.mark.parametrize(("paragraph", "dateline"), [
    ("DUBAI — Iran said on Sunday it had seized a tanker.", "DUBAI —"),
    ("KYIV, Ukraine (AP) — Russian forces struck the capital overnight.", "KYIV, Ukraine (AP) —"),
    ("JAKARTA - Ukrainian President Volodymyr Zelensky accused Russian troops.", "JAKARTA -"),
    ("Tehran, June 14 (IRNA) – Iran rejected the claim.", "Tehran, June 14 (IRNA) –"),
    ("Tehran, June 14: Iran firmly rejects the remarks.", "Tehran, June 14:"),
    ("MOSCOW, June 6. /TASS/. Moscow flatly rejects the accusations.", "MOSCOW, June 6. /TASS/."),
    ("WASHINGTON: Satellite photographs released on Monday appear to rebut the claim.", "WASHINGTON:"),
    ("KIEV, Ukraine (CNN) -- Ukrainian Prime Minister Arseniy Yatsenyuk blasted the rebels.", "KIEV, Ukraine (CNN) --"),
    ("NEW DELHI, June 3 (Reuters) - India said on Saturday.", "NEW DELHI, June 3 (Reuters) -"),
    ("(CNN) -- The United States said on Friday.", "(CNN) --"),
    ("Gaza City, Gaza Strip: The Health Ministry says at least 500 people have been killed.",
     "Gaza City, Gaza Strip:"),
])
def test_a_dateline_is_marked_and_the_lead_sentence_after_it_is_not(paragraph: str, dateline: str) -> None:
    regions = find_regions(paragraph, is_place=lambda name: name.lower() in _PLACES)
    assert [(r.kind, r.text) for r in regions] == [("dateline", dateline)]
    assert paragraph[regions[0].end:].strip()[0].isupper()


def test_an_embedded_posts_signature_and_link_are_marked_not_its_words() -> None:
    text = ("Zelensky posted a video.\n\nWe will rebuild. pic.twitter.com/abc123XYZ "
            "— Volodymyr Zelenskyy (@ZelenskyyUa) June 6, 2023\n\nThe dam was destroyed.")
    assert _kinds(text) == [
        ("post", "pic.twitter.com/abc123XYZ"),
        ("post", "— Volodymyr Zelenskyy (@ZelenskyyUa) June 6, 2023"),
    ]


def test_an_inline_credit_is_marked_inside_a_sentence_line() -> None:
    text = "All units had left the town on March 30. (Reporting by Reuters; editing by Guy Faulconbridge)"
    assert _kinds(text) == [("credit", "(Reporting by Reuters; editing by Guy Faulconbridge)")]


@pytest.mark.parametrize("text", [
    "By Tuesday, the army had withdrawn.",
    "By Russia's count, 300 soldiers died.",
    "Officials in Dubai said the ship was hit.",
    "More than 200 people died in the attack.",
    "Meanwhile, Russia – which denies it – said it was a provocation.",
    "On June 14 – the day of the attack – Iran said it was not involved.",
    "On Tue, 16/08/2011 - police said two people were arrested.",
    "NATO - the alliance said - will meet on Friday.",
    "MUST SEE: Navy pins down Somali pirates",
    "A new AP/NORC poll shows 40% approve.",
    "Reporting by The New York Times found that the army withdrew.",
    "Photos posted on Twitter showed the boy holding weapons.",
    "UPDATE: The ministry has confirmed the figure.",
    "The attack was carried out by Russia, Ukraine said.",
    "Moscow, Kyiv and Minsk: The three capitals met on Friday.",
    "Smith, Jones: A new study shows 40% approve.",
])
def test_report_sentences_are_not_marked(text: str) -> None:
    assert _kinds(f"{text}\n\nThe army said nothing.") == []


def test_a_dateline_is_looked_for_in_the_lead_only() -> None:
    text = "Iran said on Sunday it had seized a tanker.\n\nIt was the third.\n\nNo one was hurt.\n\nLONDON – Britain said."
    assert _kinds(text) == []


def test_the_rules_are_versioned_and_know_every_kind() -> None:
    rules = StructureRules.load()
    assert rules.version >= 1
    assert {k for k, _ in rules.lines} | {k for k, _ in rules.inline} | {"dateline"} == set(KINDS)
    assert rules.keep_places <= set(KINDS)


def test_the_region_index_answers_offsets() -> None:
    index = RegionIndex.of(find_regions("By Jane Smith\n\nDUBAI — Iran said so.", default_rules()))
    assert index.covers(0) and index.covers(12) and not index.covers(13)
    assert index.covers(15) and index.end_of(15) == 22 and not index.covers(23)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("By JANE Smith,DUBAI—–-:()@/|.\n 0123 June Photo REUTERS pic.twitter.com ")),
               max_size=300) | st.text(max_size=200))
def test_marking_never_raises_and_gives_sorted_disjoint_regions_inside_the_text(text: str) -> None:
    regions = find_regions(text, is_place=lambda name: True)
    previous_end = 0
    for region in regions:
        assert previous_end <= region.start < region.end <= len(text)
        assert region.text == text[region.start:region.end]
        assert region.kind in KINDS
        previous_end = region.end


# -- end to end: nothing is read out of a region -------------------------------------------------


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader.default()


@pytest.fixture(scope="module")
def extractor(reader: Reader) -> Extractor:
    return Extractor.default(reader.geoparser, reader.actors.lookup)


def _read(reader: Reader, text: str) -> ReadDoc:
    document = Document(id=document_id(text), external_id="t", text=text, published=date(2019, 6, 14))
    return reader.read(document, parse(text))


def test_a_byline_and_dateline_give_no_actor_claim_or_event(reader: Reader, extractor: Extractor) -> None:
    text = ("Agency News\n\nTehran, June 14: Iran firmly rejects the remarks made by US Secretary of State "
            "Mike Pompeo, who claimed that the Islamic Republic is responsible for the attacks on oil tankers.")
    read = _read(reader, text)
    found = extractor.extract(read)
    marked = RegionIndex.of(read.regions)
    assert [(r.kind, r.text) for r in read.regions] == [("byline", "Agency News"), ("dateline", "Tehran, June 14:")]
    assert read.actor_mentions and not any(marked.covers(m.start) for m in read.actor_mentions)
    assert "Agency News" not in {m.text for m in read.actor_mentions}
    for claim in found.claims:
        assert claim.speaker_span is not None and not marked.covers(claim.speaker_span.start)
        assert not marked.covers(claim.content.start)
        assert "June 14" not in claim.speaker_text
    for event in found.events:
        assert event.trigger is not None and not marked.covers(event.trigger.start)
        assert event.source_text is None or "Agency News" not in event.source_text
    rejects = [c for c in found.claims if "rejects" in c.cue]
    assert rejects and rejects[0].speaker == "IRN.GOV"
    assert "Tehran" in {p.text for p in read.places}  # the dateline still places the report


def test_a_reporters_byline_is_no_speaker_and_the_claim_starts_after_the_dateline(
    reader: Reader, extractor: Extractor
) -> None:
    text = ("By Jane Smith, Reuters Staff\n\nKYIV, Ukraine (AP) — Russian forces shelled the city of Kharkiv "
            "on Tuesday, killing three civilians, Ukrainian officials said.")
    read = _read(reader, text)
    found = extractor.extract(read)
    assert not any("Jane Smith" in m.text or m.text == "AP" for m in read.actor_mentions)
    said = [c for c in found.claims if c.cue == "said"]
    assert said and said[0].content.text.startswith("Russian forces shelled")
    assert any(e.type == "ASSAULT" and e.source_actor == "RUS.MIL" for e in found.events)


def test_a_timestamp_is_no_claims_content(reader: Reader, extractor: Extractor) -> None:
    text = ("PUBLISHED : Tuesday, 23 May, 2017, 8:39am\nUPDATED : Wednesday, 24 May, 2017, 2:51am\n\n"
            "Islamic State claimed responsibility on Tuesday for a bombing in Manchester.")
    read = _read(reader, text)
    found = extractor.extract(read)
    assert [r.kind for r in read.regions] == ["timestamp", "timestamp"]
    assert found.claims and all("PUBLISHED" not in c.content.text for c in found.claims)


def test_a_city_alone_before_a_colon_opens_the_lead_but_not_the_headline() -> None:
    def kinds(text: str) -> list[tuple[str, str]]:
        regions = find_regions(text, is_place=lambda name: name.lower() in _PLACES,
                               is_city=lambda name: name.lower() in {"kuala lumpur", "paris"})
        return [(r.kind, r.text) for r in regions]

    assert kinds("Envoy rejects autopsy\n\nKuala Lumpur: A North Korean envoy rejected the finding.") == [
        ("dateline", "Kuala Lumpur:")]
    # a headline's speaker, and a name that is no city (an interview's answer), are not
    assert kinds("Paris: The attack was planned abroad\n\nThe minister said so.") == []
    assert kinds("Interview\n\nJones: We were there on the night.") == []
    # some outlets set a bullet where the wires set a dash
    assert kinds("Women to testify\n\nSINGAPORE • Two women must answer, a judge said.") == [
        ("dateline", "SINGAPORE •")]


def test_a_city_is_a_place_of_many_people_and_a_country_alone_is_none() -> None:
    def entry(fcode: str, population: int) -> Entry:
        return Entry("X", None, None, None, None, None, "P", fcode, population, None)

    assert populous([entry("PPL", 5), entry("PPLC", 1_800_000)], 100_000)
    assert not populous([entry("PPL", 5_000)], 100_000)
    assert not populous([entry("PCLI", 33_000_000)], 100_000)  # "Russia: ..." is a speaker
