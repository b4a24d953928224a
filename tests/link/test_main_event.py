"""A story's main event as its reports tell it together, and the mentions that fit it."""

from __future__ import annotations

from tests.link.builders import ACTORS, Report, merge_reports
from triangulate.link.events import MAIN_TYPES, said_on, speakers_country
from triangulate.link.lexicon import load_lexicon
from triangulate.link.main_event import join_main, profile


def _strike_reports() -> tuple[Report, Report]:
    wire = Report("A drone struck a militia depot near Al-Qaim on Tuesday, killing two fighters.", "Tigris Wire",
                  "2023-11-15", "wire")
    wire.event("struck", mode="drone", day="2023-11-14", place="Al-Qaim", target="IRQ.PMF", fatalities=2)
    desk = Report("Explosions rocked the militia's depot in Al-Qaim on Tuesday night after a drone attack.",
                  "Northern Desk", "2023-11-15", "desk")
    desk.event("Explosions", mode="explosives", day="2023-11-14", place="Al-Qaim", target="IRQ.PMF")
    return wire, desk


def _third(text: str, published: str = "2023-11-16") -> Report:
    return Report(text, "Capital Post", published, "third")


def test_victims_of_another_country_told_in_the_region_on_the_day_are_the_main_event() -> None:
    # the pairwise rule sets targets of two countries apart where the places do not agree to the town
    third = _third("A drone strike in Anbar province on Tuesday killed three Syrian labourers, a monitor said.")
    third.event("drone strike", mode="drone", day="2023-11-14", place="Anbar", target="SYR.CIV")
    (merged,) = merge_reports(*_strike_reports(), third)
    assert merged.event_ids == ["wire:e1", "desk:e1", "third:e1"]
    assert merged.doc_ids == ["wire", "desk", "third"]
    # "pinning the strike on Moscow" read as the strike done to Russia's government: a side, not armed men hit
    denied = _third("The Kremlin rejected statements pinning Tuesday's drone strike in Anbar on Moscow.")
    denied.event("drone strike", mode="drone", day="2023-11-14", place="Anbar", target="RUS.GOV")
    (merged,) = merge_reports(*_strike_reports(), denied)
    assert "third:e1" in merged.event_ids


def test_another_day_another_region_or_means_no_report_tells_stay_apart() -> None:
    later = _third("A drone strike in Anbar province on Friday killed three Syrian labourers, a monitor said.")
    later.event("drone strike", mode="drone", day="2023-11-17", place="Anbar", target="SYR.CIV")
    assert len(merge_reports(*_strike_reports(), later)) == 2
    south = _third("A drone strike in Basra on Tuesday killed three Syrian labourers, a monitor said.")
    south.event("drone strike", mode="drone", day="2023-11-14", place="Basra", target="SYR.CIV")
    assert len(merge_reports(*_strike_reports(), south)) == 2
    shooting = _third("Gunmen opened fire on Syrian labourers in Anbar province on Tuesday, a monitor said.")
    shooting.event("opened fire", mode="firearms", day="2023-11-14", place="Anbar", target="SYR.CIV")
    assert len(merge_reports(*_strike_reports(), shooting)) == 2
    troops = _third("A drone strike in Anbar province on Tuesday hit U.S. troops, officials said.")
    troops.event("drone strike", mode="drone", day="2023-11-14", place="Anbar", target="USA.MIL")
    assert len(merge_reports(*_strike_reports(), troops)) == 2  # armed men of another country: another attack
    feared = _third("A monitor warned that a drone strike in Anbar province could kill Syrian labourers.")
    feared.event("drone strike", mode="drone", place="Anbar", target="SYR.CIV", modality="hypothetical")
    assert len(merge_reports(*_strike_reports(), feared)) == 2


def test_a_toll_the_event_is_not_told_with_joins_only_on_its_day() -> None:
    undated = _third("A drone strike in Anbar province killed fifteen Syrian labourers, a monitor said.")
    undated.event("drone strike", mode="drone", place="Anbar", target="SYR.CIV", fatalities=15)
    assert len(merge_reports(*_strike_reports(), undated)) == 2  # perhaps another strike there: its toll stays out
    dated = _third("A drone strike in Anbar province on Tuesday killed fifteen Syrian labourers, a monitor said.")
    dated.event("drone strike", mode="drone", day="2023-11-14", place="Anbar", target="SYR.CIV", fatalities=15)
    (merged,) = merge_reports(*_strike_reports(), dated)
    assert [(t.value, t.doc_id) for t in merged.tolls] == [(2, "wire"), (15, "third")]  # each report's own toll


def test_the_main_events_day_is_the_day_most_reports_give_not_a_later_reports_own_day() -> None:
    wire, desk = _strike_reports()
    # a month later, a report tells the blasts "at 3 pm" and the reader dates them to its own day
    late = Report("Militia commanders admitted the Al-Qaim depot blasts. There were at least four blasts at 3 pm.",
                  "Capital Post", "2023-12-14", "late")
    late.event("blasts at 3 pm", mode="explosives", day="2023-12-14", place="Al-Qaim", target="IRQ.PMF")
    other = _third("An unidentified drone hit the depot in Anbar province on Tuesday, a monitor said.")
    other.event("hit", mode="aerial", day="2023-11-14", place="Anbar", source="IRQ.UNK", target="SYR.CIV")
    docs = [r.analyzed() for r in (wire, desk, late, other)]
    events = [e for a in docs for e in a.events]
    documents = {a.document.id: a.document for a in docs}
    lexicon = load_lexicon()
    told = profile(events[:3], ACTORS, lexicon, {}, documents, said_on)
    assert str(told.day) == "2023-11-14" and told.town is not None and told.town.name == "Al Qa'im"
    # the main event holds the late report's day: a pairwise rule keeps the fourth report out, the profile not
    clusters = join_main([[0, 1, 2], [3]], events, MAIN_TYPES, ACTORS, lexicon, {}, documents, said_on,
                         speakers_country)
    assert clusters == [[0, 1, 2, 3]]


def test_a_toll_near_the_events_own_is_a_disagreement_inside_it_not_another_strike() -> None:
    wire = Report("A drone struck a militia depot near Al-Qaim on Tuesday, killing 40 fighters.", "Tigris Wire",
                  "2023-11-15", "wire")
    wire.event("struck", mode="drone", day="2023-11-14", place="Al-Qaim", target="IRQ.PMF", fatalities=40)
    desk = Report("Explosions rocked the militia's depot in Al-Qaim on Tuesday night after a drone attack.",
                  "Northern Desk", "2023-11-15", "desk")
    desk.event("Explosions", mode="explosives", day="2023-11-14", place="Al-Qaim", target="IRQ.PMF")
    near = _third("A drone strike in Anbar province killed 45 people, most of them Syrian labourers, a monitor said.")
    near.event("drone strike", mode="drone", place="Anbar", target="SYR.CIV", fatalities=45)
    (merged,) = merge_reports(wire, desk, near)
    assert [(t.value, t.doc_id) for t in merged.tolls] == [(40, "wire"), (45, "third")]


def test_where_no_two_of_its_reports_give_a_day_the_story_reports_in_its_town_do() -> None:
    # the main event's own reports: one dated to Christmas by a misread "dressed as Father Christmas", one undated
    costume = Report("A gunman dressed as Father Christmas stormed the depot in Al-Qaim.", "Capital Post",
                     "2023-11-16", "costume")
    costume.event("stormed", mode="firearms", day="2023-12-25", place="Al-Qaim", target="IRQ.PMF")
    bare = Report("The attack on the depot in Al-Qaim was claimed by a militia.", "Evening Star", "2023-11-16", "bare")
    bare.event("attack", place="Al-Qaim")
    wire = Report("Gunmen stormed a militia depot in Al-Qaim on Tuesday.", "Tigris Wire", "2023-11-15", "wire")
    wire.event("stormed", mode="firearms", day="2023-11-14", place="Al-Qaim", target="IRQ.PMF")
    desk = Report("Gunmen attacked the depot in Al-Qaim on Tuesday night.", "Northern Desk", "2023-11-15", "desk")
    desk.event("attacked", mode="firearms", day="2023-11-14", place="Al-Qaim", target="IRQ.PMF")
    docs = [r.analyzed() for r in (costume, bare, wire, desk)]
    events = [e for a in docs for e in a.events]
    documents = {a.document.id: a.document for a in docs}
    lexicon = load_lexicon()
    told = profile(events[:2], ACTORS, lexicon, {}, documents, said_on, events)
    assert str(told.day) == "2023-11-14"
    assert str(profile(events[:2], ACTORS, lexicon, {}, documents, said_on).day) == "2023-12-25"
    clusters = join_main([[0, 1], [2, 3]], events, MAIN_TYPES, ACTORS, lexicon, {}, documents, said_on,
                         speakers_country)
    assert clusters == [[0, 1, 2, 3]]
