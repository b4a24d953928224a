"""Contradictions: each kind from sentences written for the test, with both evidences."""

from __future__ import annotations

import pytest

from tests.link.builders import ACTORS, Report
from triangulate.link.story_links import link_story
from triangulate.records import ChainLink, Contradiction, Story


def _contradictions(*reports: Report) -> list[Contradiction]:
    docs = [r.analyzed() for r in reports]
    story = Story(id="s1", headline="test", doc_ids=[d.document.id for d in docs],
                  event_ids=[e.id for d in docs for e in d.events], claim_ids=[c.id for d in docs for c in d.claims])
    return link_story(story, docs).contradictions


def _strike(doc_id: str, outlet: str, published: str, text: str, trigger: str, **event: object) -> Report:
    report = Report(text, outlet, published, doc_id)
    report.event(trigger, **event)  # type: ignore[arg-type]
    return report


def test_factuality_the_same_proposition_held_true_and_false() -> None:
    gulf = Report("Western diplomats told the Gulf Ledger that Israeli strikes in Iraq had been given the green "
                  "light by Moscow.", "Gulf Ledger", "2019-08-20", "gulf")
    gulf.claim("Western diplomats", "told", "Israeli strikes in Iraq had been given the green light by Moscow",
               via=[ChainLink(text="the Gulf Ledger")])
    gulf.actor("Israeli strikes", "ISR.MIL")
    gulf.actor("Moscow", "RUS.GOV")
    gulf.place("Iraq", "Iraq")
    tv = Report("An Israeli official denied that Moscow had approved Israeli strikes in Iraq.",
                "TV7 Israel News", "2019-08-21", "tv")
    tv.claim("An Israeli official", "denied", "Moscow had approved Israeli strikes in Iraq", "CT-",
             speaker="ISR.GOV")
    tv.actor("Moscow", "RUS.GOV")
    tv.actor("Israeli strikes", "ISR.MIL")
    tv.place("Iraq", "Iraq")
    (found,) = _contradictions(gulf, tv)
    assert found.kind == "factuality"
    assert found.claim_ids == ["gulf:c1", "tv:c1"]
    yes, no = found.evidence
    assert (yes.value, no.value) == ("CT+", "CT-")
    assert yes.outlet == "the Gulf Ledger" and no.outlet == "TV7 Israel News"
    assert no.text == "Moscow had approved Israeli strikes in Iraq"
    assert "Western diplomats" in found.reason and "An Israeli official" in found.reason


def test_a_permission_is_contradicted_by_a_denial_of_any_coordination() -> None:
    # permitting an act ("green light") entails dealing with its doer ("coordination"), so the
    # denial of any coordination denies the permission (the converse is no contradiction:
    # tests/link/test_claims.py)
    gulf = Report("Western diplomats said Israeli strikes in Iraq had been given the green light by Moscow.",
                  "Gulf Ledger", "2019-08-20", "gulf")
    gulf.claim("Western diplomats", "said", "Israeli strikes in Iraq had been given the green light by Moscow")
    gulf.actor("Israeli strikes", "ISR.MIL")
    gulf.actor("Moscow", "RUS.GOV")
    gulf.place("Iraq", "Iraq")
    tv = Report("An Israeli official denied any coordination between Moscow and Jerusalem over Iraq.",
                "TV7 Israel News", "2019-08-21", "tv")
    tv.claim("An Israeli official", "denied", "any coordination between Moscow and Jerusalem over Iraq", "CT-",
             speaker="ISR.GOV")
    tv.actor("Moscow", "RUS.GOV")
    tv.actor("Jerusalem", "ISR.GOV")
    tv.place("Iraq", "Iraq")
    found = _contradictions(gulf, tv)
    assert [(c.kind, c.claim_ids) for c in found] == [("factuality", ["gulf:c1", "tv:c1"])]


def test_one_speaker_nuancing_a_point_in_one_report_is_not_a_contradiction() -> None:
    tv = Report("The source said operations are coordinated with Washington. He denied any coordination "
                "between Moscow and Jerusalem.", "TV7", "2019-08-21", "tv")
    tv.claim("The source", "said", "operations are coordinated with Washington")
    tv.claim("He (The source)", "denied", "any coordination between Moscow and Jerusalem", "CT-")
    tv.actor("Washington", "USA.GOV")
    tv.actor("Moscow", "RUS.GOV")
    tv.actor("Jerusalem", "ISR.GOV")
    assert _contradictions(tv) == []


def test_casualties_two_killed_against_three_killed_on_the_same_day() -> None:
    wire = _strike("wire", "Tigris Wire", "2023-11-15", "A drone struck a depot in Al-Qaim on Tuesday, killing two "
                   "fighters.", "struck", mode="drone", day="2023-11-14", place="Al-Qaim", fatalities=2)
    monitor = _strike("mon", "Anbar Monitor", "2023-11-15", "A drone strike on a depot in Al-Qaim on Tuesday "
                      "killed three fighters.", "drone strike", mode="drone", day="2023-11-14", place="Al-Qaim",
                      fatalities=3)
    (found,) = _contradictions(wire, monitor)
    assert found.kind == "fatalities"
    assert [s.value for s in found.evidence] == ["2", "3"]
    assert found.event_ids == ["wire:e1", "mon:e1"]
    assert found.evidence[0].text.startswith("A drone struck a depot")


def test_a_higher_toll_in_a_later_report_is_an_update_not_a_contradiction() -> None:
    wire = _strike("wire", "Tigris Wire", "2023-11-15", "A drone struck a depot in Al-Qaim on Tuesday, killing two "
                   "fighters.", "struck", mode="drone", day="2023-11-14", place="Al-Qaim", fatalities=2)
    monitor = _strike("mon", "Anbar Monitor", "2023-11-16", "A drone strike on a depot in Al-Qaim on Tuesday "
                      "killed three fighters.", "drone strike", mode="drone", day="2023-11-14", place="Al-Qaim",
                      fatalities=3)
    assert _contradictions(wire, monitor) == []


@pytest.mark.parametrize(("bound", "other", "contradicts"), [
    ("at_least", 31, False),  # "more than 30 fighters" and 31
    ("at_least", 25, True),
    ("about", 28, False),  # "about 30" and 28
    ("about", 40, True),
    ("at_most", 12, False),  # "up to 30" and 12
])
def test_a_count_inside_another_reports_bound_is_no_contradiction(bound: str, other: int, contradicts: bool) -> None:
    wire = _strike("wire", "Tigris Wire", "2023-11-15", "A drone struck a depot in Al-Qaim on Tuesday, killing over "
                   "30 fighters.", "struck", mode="drone", day="2023-11-14", place="Al-Qaim", fatalities=30,
                   fatalities_bound=bound)
    monitor = _strike("mon", "Anbar Monitor", "2023-11-15", f"A drone strike on a depot in Al-Qaim on Tuesday "
                      f"killed {other} fighters.", "drone strike", mode="drone", day="2023-11-14", place="Al-Qaim",
                      fatalities=other)
    assert bool(_contradictions(wire, monitor)) == contradicts


def test_many_differing_counts_of_one_day_give_one_contradiction_the_lowest_against_the_highest() -> None:
    reports = [_strike(f"r{n}", f"Outlet {n}", "2023-11-15", f"A drone strike on a depot in Al-Qaim on Tuesday killed "
                       f"{count} fighters.", "drone strike", mode="drone", day="2023-11-14", place="Al-Qaim",
                       fatalities=count) for n, count in enumerate((24, 26, 27, 31))]
    (toll,) = [c for c in _contradictions(*reports) if c.kind == "fatalities"]
    assert sorted(s.value for s in toll.evidence) == ["24", "31"]
    assert toll.reason.endswith("5 more pairs of counts differ")


def test_casualties_no_injuries_against_four_wounded() -> None:
    wire = _strike("wire", "Wire", "2023-11-15", "A drone struck a depot in Al-Qaim on Tuesday; no one was "
                   "injured.", "struck", mode="drone", day="2023-11-14", place="Al-Qaim", injured=0)
    desk = _strike("desk", "Desk", "2023-11-15", "Four fighters were wounded when a drone hit a depot in Al-Qaim "
                   "on Tuesday.", "hit", mode="drone", day="2023-11-14", place="Al-Qaim", injured=4)
    (found,) = _contradictions(wire, desk)
    assert found.kind == "injured"
    assert [s.value for s in found.evidence] == ["0", "4"]


def test_date_three_days_apart_for_one_strike() -> None:
    wire = _strike("wire", "Wire", "2023-11-17", "Israeli jets struck a PMF depot in Al-Qaim on Monday.", "struck",
                   mode="aerial", day="2023-11-13", place="Al-Qaim", source="ISR.MIL", target="IRQ.PMF")
    desk = _strike("desk", "Desk", "2023-11-17", "Israeli aircraft bombed a PMF depot in Al-Qaim on Thursday.",
                   "bombed", mode="aerial", day="2023-11-16", place="Al-Qaim", source="ISR.MIL", target="IRQ.PMF")
    (found,) = _contradictions(wire, desk)
    assert found.kind == "date"
    assert [s.value for s in found.evidence] == ["2023-11-13", "2023-11-16"]


def test_place_two_towns_for_one_strike() -> None:
    wire = _strike("wire", "Wire", "2023-11-15", "Israeli jets struck a PMF depot in Al-Qaim on Tuesday.",
                   "struck", mode="aerial", day="2023-11-14", place="Al-Qaim", source="ISR.MIL", target="IRQ.PMF")
    desk = _strike("desk", "Desk", "2023-11-15", "Israeli jets struck a PMF depot in Rawa on Tuesday.", "struck",
                   mode="aerial", day="2023-11-14", place="Rawa", source="ISR.MIL", target="IRQ.PMF")
    (found,) = _contradictions(wire, desk)
    assert found.kind == "place"
    assert [s.value for s in found.evidence] == ["Al Qa'im", "Rawa"]  # about 75 km apart


def test_perpetrator_israel_against_the_united_states() -> None:
    wire = _strike("wire", "Wire", "2023-11-15", "Israeli jets struck a PMF depot in Al-Qaim on Tuesday.",
                   "struck", mode="aerial", day="2023-11-14", place="Al-Qaim", source="ISR.MIL", target="IRQ.PMF",
                   source_words="Israeli jets")
    desk = _strike("desk", "Desk", "2023-11-15", "U.S. aircraft bombed a PMF depot in Al-Qaim on Tuesday.",
                   "bombed", mode="aerial", day="2023-11-14", place="Al-Qaim", source="USA.MIL", target="IRQ.PMF",
                   source_words="U.S. aircraft")
    (found,) = _contradictions(wire, desk)
    assert found.kind == "perpetrator"
    assert [s.value for s in found.evidence] == ["Military Forces of Israel", "Military Forces of United States"]


def test_agreeing_reports_raise_nothing() -> None:
    wire = _strike("wire", "Wire", "2023-11-15", "A drone struck a depot in Al-Qaim on Tuesday, killing two.",
                   "struck", mode="drone", day="2023-11-14", place="Al-Qaim", fatalities=2)
    desk = _strike("desk", "Desk", "2023-11-15", "Two died when a drone hit a depot near Husaybah on Tuesday.",
                   "hit", mode="drone", day="2023-11-14", place="Husaybah", fatalities=2)
    assert _contradictions(wire, desk) == []


def test_a_rising_toll_keeps_its_history_with_sources_and_dates() -> None:
    from triangulate.link.events import merge_events

    wire = _strike("wire", "Tigris Wire", "2023-11-15", "A drone struck a depot in Al-Qaim on Tuesday, killing two "
                   "fighters.", "struck", mode="drone", day="2023-11-14", place="Al-Qaim", fatalities=2)
    monitor = _strike("mon", "Anbar Monitor", "2023-11-16", "A drone strike on a depot in Al-Qaim on Tuesday "
                      "killed three fighters.", "drone strike", mode="drone", day="2023-11-14", place="Al-Qaim",
                      fatalities=3)
    docs = [wire.analyzed(), monitor.analyzed()]
    (merged,) = merge_events("s1", [e for d in docs for e in d.events], {}, {d.document.id: d.document for d in docs},
                             ACTORS)
    assert merged.fatalities == 3  # the latest count
    assert [(t.value, t.outlet, str(t.published)) for t in merged.tolls] == [
        (2, "Tigris Wire", "2023-11-15"), (3, "Anbar Monitor", "2023-11-16")]


def test_who_was_behind_it_is_no_factuality_contradiction() -> None:
    # "no theory on who was behind" is held false by the parse, but it is doubt, not a denial of the accusation;
    # who did it is the perpetrator disputes' business, between responsibility statements
    moscow = Report("Kremlin spokesman Dmitry Peskov said Washington was behind the drone attack on the Kremlin.",
                    "Moscow Wire", "2023-05-04", "moscow")
    moscow.claim("Kremlin spokesman Dmitry Peskov", "said", "Washington was behind the drone attack on the Kremlin",
                 speaker="RUS.GOV")
    moscow.actor("Washington", "USA.GOV")
    white_house = Report("A White House spokesman said the administration does not know who was behind the drone "
                         "attack on the Kremlin.", "Capital Times", "2023-05-04", "dc")
    white_house.claim("A White House spokesman", "said", "the administration does not know who was behind the drone "
                      "attack on the Kremlin", "CT-", speaker="USA.GOV")
    assert [c for c in _contradictions(moscow, white_house) if c.kind == "factuality"] == []


def _depot(doc_id: str, outlet: str, published: str, speaker_text: str, speaker: str, held: bool) -> Report:
    words = "Israeli jets struck the weapons depot near Ramadi"
    if held:
        report = Report(f"{speaker_text} said {words}.", outlet, published, doc_id)
        report.claim(speaker_text, "said", words, speaker=speaker)
    else:
        report = Report(f"{speaker_text} denied that {words}.", outlet, published, doc_id)
        report.claim(speaker_text, "denied", f"that {words}", "CT-", speaker=speaker)
    report.actor("Israeli jets", "ISR.MIL")
    report.place("Ramadi", "Ramadi")
    return report


def test_two_sides_disputing_one_point_in_many_reports_is_one_contradiction() -> None:
    reports = [_depot("a", "Wire A", "2019-08-20", "Iraqi officials", "IRQ.GOV", True),
               _depot("b", "Wire B", "2019-08-21", "An Iraqi militia commander", "IRQ.PMF", True),
               _depot("c", "TV7", "2019-08-21", "An Israeli official", "ISR.GOV", False),
               _depot("d", "Paper D", "2019-08-22", "The Israeli army", "ISR.MIL", False)]
    found = _contradictions(*reports)
    # Iraq (its officials, an Iraqi militia) against Israel (an official, its army): once
    assert [c.claim_ids for c in found] == [["a:c1", "c:c1"]]
    # a side of another country is another dispute
    us = _depot("e", "Paper E", "2019-08-22", "A U.S. official", "USA.GOV", True)
    assert sorted(tuple(c.claim_ids) for c in _contradictions(*reports, us)) == [("a:c1", "c:c1"), ("e:c1", "c:c1")]


def test_a_claim_and_the_claim_it_reports_in_one_sentence_never_contradict() -> None:
    text = ("Hezbollah said the group has absolutely nothing to do with the rocket fire on the town, and categorically "
            "denies all false allegations in this regard.")
    report = Report(text, "Wire", "2024-07-27", "w")
    report.claim("Hezbollah", "said", "the group has absolutely nothing to do with the rocket fire on the town, and "
                 "categorically denies all false allegations in this regard")
    report.claim("the group", "denies", "all false allegations in this regard", "CT-")
    other = Report("Israeli officials said Hezbollah fired the rocket fire on the town.", "Paper", "2024-07-28", "p")
    other.claim("Israeli officials", "said", "Hezbollah fired the rocket fire on the town", speaker="ISR.GOV")
    assert [c for c in _contradictions(report, other) if "w:c2" in c.claim_ids] == []
