"""Independent origins: five reports quoting one New York Times article are one origin."""

from __future__ import annotations

from tests.link.builders import ACTORS, Report
from triangulate.link.sources import (
    claim_origin,
    distinct,
    event_origins,
    normalize_name,
    resolve_speaker,
    speaker_names,
)
from triangulate.records import ChainLink

QUOTE = ("The airstrikes could get the United States military removed from Iraq,” the New York Times quoted "
         "a senior U.S. official as saying.")


def _quoting(outlet: str, n: int) -> Report:
    report = Report(f"“Israel is pushing the limits. {QUOTE}", outlet, "2019-08-23", f"r{n}")
    report.claim("a senior U.S. official", "quoted ... as saying", "The airstrikes could get the United States "
                 "military removed from Iraq", speaker="USA.GOV",
                 via=[ChainLink(text="the New York Times", actor="MED.NYT", cue="quoted")])
    return report


def test_five_outlets_quoting_one_article_are_one_origin() -> None:
    reports = [_quoting(outlet, n) for n, outlet in enumerate(
        ["Asharq al-Awsat", "TV7 Israel News", "Rudaw", "Al-Monitor", "Kurdistan 24"])]
    origins = distinct(claim_origin(r.claims[0], r.document, ACTORS) for r in reports)
    assert len(origins) == 1
    assert origins[0].speaker == "USA.GOV"
    assert origins[0].outlet == "new york times"


def test_the_times_own_report_of_the_same_official_is_the_same_origin() -> None:
    own = Report("A senior U.S. official said the airstrikes could get the United States military removed "
                 "from Iraq.", "The New York Times", "2019-08-22", "nyt")
    own.claim("A senior U.S. official", "said", "the airstrikes could get the United States military removed "
              "from Iraq", speaker="USA.GOV")
    quoted = _quoting("Rudaw", 1)
    assert claim_origin(own.claims[0], own.document, ACTORS) == claim_origin(quoted.claims[0], quoted.document,
                                                                            ACTORS)


def test_different_speakers_or_outlets_are_different_origins() -> None:
    report = Report("Witnesses said the blast shook the town. The defence ministry said the blast was an "
                    "accident.", "Wire", "2019-08-21", "w")
    report.claim("Witnesses", "said", "the blast shook the town")
    report.claim("The defence ministry", "said", "the blast was an accident", speaker="IRQ.GOV")
    other = Report("Witnesses said the blast shook the town.", "Desk", "2019-08-21", "d")
    other.claim("Witnesses", "said", "the blast shook the town")
    origins = distinct(claim_origin(c, r.document, ACTORS) for r in (report, other) for c in r.claims)
    assert [(o.speaker, o.outlet) for o in origins] == [
        ("IRQ.GOV", "wire"), ("witnesses", "desk"), ("witnesses", "wire")]


def test_names_are_normalized_and_short_forms_resolved() -> None:
    assert normalize_name("the London-based Asharq al-Awsat") == "asharq al-awsat"
    assert normalize_name("The source (A senior Middle Eastern intelligence official)") == (
        "senior middle eastern intelligence official")
    report = Report("One of the sources noted that all operations are coordinated. He refuted any coordination "
                    "with Moscow.", "TV7 Israel News", "2019-08-21", "tv7")
    first = report.claim("One of the sources (informed sources in Jerusalem)", "noted",
                         "all operations are coordinated")
    second = report.claim("he (One of the sources)", "refuted", "any coordination with Moscow", "CT-")
    names = speaker_names(report.claims, {"tv7": report.document})
    origins = distinct(resolve_speaker(claim_origin(c, report.document, ACTORS), names) for c in (first, second))
    assert [(o.speaker, o.outlet) for o in origins] == [("informed sources in jerusalem", "tv7 israel news")]


def test_unattributed_mentions_count_their_report_outlet() -> None:
    wire = Report("A drone struck a depot on Tuesday, local officials said.", "Tigris Wire", "2023-11-15", "a")
    said = wire.claim("local officials", "said", "A drone struck a depot on Tuesday")
    wire.event("struck", mode="drone", claim=said)
    desk = Report("A drone struck a depot on Tuesday.", None, "2023-11-15", "b")
    desk.event("struck", mode="drone")
    documents = {"a": wire.document, "b": desk.document}
    claims = {said.id: said}
    origins = event_origins(wire.events + desk.events, claims, documents, ACTORS)
    assert [(o.speaker, o.outlet) for o in origins] == [(None, "report:b"), ("local officials", "tigris wire")]


def test_a_storys_origins_are_made_once_a_claim_and_are_those_of_each_claim_alone() -> None:
    from triangulate.link.sources import StoryOrigins

    reports = [_quoting("Rudaw", 1), _quoting("Al-Monitor", 2)]
    own = Report("One of the sources noted that all operations are coordinated. He refuted any coordination "
                 "with Moscow.", "TV7 Israel News", "2019-08-21", "tv7")
    own.claim("One of the sources (informed sources in Jerusalem)", "noted", "all operations are coordinated")
    own.claim("he (One of the sources)", "refuted", "any coordination with Moscow", "CT-")
    own.event("coordinated", claim=own.claims[0])
    own.event("coordination")
    reports.append(own)
    documents = {r.document.id: r.document for r in reports}
    claims = {c.id: c for r in reports for c in r.claims}
    names = speaker_names(claims.values(), documents)
    origins = StoryOrigins(documents, ACTORS, None, names)
    for claim in claims.values():
        assert origins.claim(claim) == resolve_speaker(claim_origin(claim, documents[claim.doc_id], ACTORS), names)
        assert origins.claim(claim) is origins.claim(claim)
    events = own.events
    assert event_origins(events, claims, documents, ACTORS, None, names, origins) == event_origins(
        events, claims, documents, ACTORS, None, names)
    assert [(o.speaker, o.outlet) for o in event_origins(events, claims, documents, ACTORS, None, names, origins)] == [
        (None, "tv7 israel news"), ("informed sources in jerusalem", "tv7 israel news")]
