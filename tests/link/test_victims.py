"""Named victims: one person or one named thing attacked, told from many places and dates, is one merged event."""

from __future__ import annotations

from datetime import date

from tests.link.builders import ACTORS, Report
from triangulate.link.events import merge_events
from triangulate.link.lexicon import load_lexicon
from triangulate.link.victims import thing_keys, victim
from triangulate.records import AnalyzedDocument, MergedEvent


def _merge(*reports: Report) -> list[MergedEvent]:
    docs: list[AnalyzedDocument] = [r.analyzed() for r in reports]
    events = [e for a in docs for e in a.events]
    return merge_events("s1", events, {c.id: c for a in docs for c in a.claims},
                        {a.document.id: a.document for a in docs}, ACTORS)


def _killing() -> tuple[Report, Report, Report]:
    wire = Report("Journalist Ali Hassan was shot dead in Basra on Tuesday, police said.", "Tigris Wire",
                  "2023-11-15", "wire")
    wire.event("shot", mode="firearms", day="2023-11-14", place="Basra", fatalities=1, person="Ali Hassan")
    desk = Report("Colleagues gathered in Ramadi on Sunday to mourn Hassan, who was shot last week.",
                  "Northern Desk", "2023-11-20", "desk")
    desk.event("shot", mode="firearms", place="Ramadi", person="Hassan")
    inquiry = Report("An inquiry found that a militia killed Ali Hassan in November.", "Capital Post",
                     "2024-02-10", "inquiry")
    inquiry.event("killed", day="2023-11-01/2023-11-30", source="IRQ.PMF", person="Ali Hassan")
    return wire, desk, inquiry


def test_the_victims_surname_is_the_key() -> None:
    wire, desk, _ = _killing()
    assert victim(wire.events[0]) == victim(desk.events[0]) == "hassan"
    assert victim(Report("Police fired.", None, "2023-11-15", "x").event("fired")) is None


def test_one_named_victim_told_from_other_towns_and_a_later_finding_is_one_event() -> None:
    merged = _merge(*_killing())
    (killing,) = [m for m in merged if "wire:e1" in m.event_ids]
    assert killing.event_ids == ["wire:e1", "desk:e1", "inquiry:e1"]
    assert killing.place is not None and killing.place.name == "Basra"


def test_another_victim_or_an_attack_years_later_stays_apart() -> None:
    wire, desk, _ = _killing()
    other = Report("Journalist Omar Saleh was shot in Ramadi on Sunday.", "Northern Desk", "2023-11-20", "other")
    other.event("shot", mode="firearms", day="2023-11-19", place="Ramadi", person="Omar Saleh")
    second = Report("Gunmen shot dead journalist Ali Hassan in Basra on Tuesday.", "Second Wire", "2023-11-15",
                    "second")
    second.event("shot", mode="firearms", day="2023-11-14", place="Basra", person="Ali Hassan")
    merged = _merge(wire, second, other)
    assert [m.event_ids for m in merged] == [["wire:e1", "second:e1"], ["other:e1"]]
    again = Report("Ali Hassan, wounded in Basra in 2021, was shot again on Tuesday.", "Capital Post",
                   "2023-11-15", "again")
    again.event("wounded", mode="firearms", day="2021-01-01/2021-12-31", place="Basra", person="Ali Hassan")
    merged = _merge(wire, desk, again)
    assert not any({"wire:e1", "again:e1"} <= set(m.event_ids) for m in merged)


def test_days_that_are_only_their_reports_days_do_not_date_the_event() -> None:
    berlin = Report("Germany said on Monday that the opposition leader Ivan Petrov had been poisoned.", "Desk",
                    "2023-11-20", "berlin")
    berlin.event("poisoned", mode="chemical", day="2023-11-20", person="Ivan Petrov")
    moscow = Report("The Kremlin on Saturday rejected claims that Petrov was poisoned.", "Wire", "2023-11-25",
                    "moscow")
    moscow.event("poisoned", mode="chemical", day="2023-11-25", person="Petrov", modality="denied")
    later = Report("Investigators say agents poisoned Ivan Petrov in November.", "Post", "2023-12-10", "later")
    later.event("poisoned", mode="chemical", day="2023-11-01/2023-11-30", person="Ivan Petrov")
    (merged,) = _merge(berlin, moscow, later)
    assert merged.date is not None and merged.date.start_date is not None
    assert (merged.date.start_date.isoformat(), merged.date.end_date) == ("2023-11-01", date(2023, 11, 30))


def _downing() -> tuple[Report, Report, Report]:
    wire = Report("A missile shot down Iraqi Airways Flight IA412 near Rawa on Tuesday, killing all 160 aboard.",
                  "Tigris Wire", "2023-11-15", "wire")
    wire.event("shot down", mode="heavy-weapons", day="2023-11-14", place="Rawa", fatalities=160,
               thing="Iraqi Airways Flight IA412")
    desk = Report("Mourners in Basra remembered the victims of Flight 412, shot down in Anbar.", "Northern Desk",
                  "2023-11-20", "desk")
    desk.event("shot down", mode="firearms", place="Basra", thing="Flight 412")
    later = Report("Investigators said a militia fired the missile that downed IA412 in Syria.", "Capital Post",
                   "2024-03-02", "later")
    later.event("downed", mode="heavy-weapons", place="Syria", source="IRQ.PMF", thing="IA412")
    return wire, desk, later


def test_a_named_things_code_and_its_number_are_its_keys() -> None:
    wire, desk, later = _downing()
    lexicon = load_lexicon()
    assert thing_keys(wire.events[0], lexicon) == {"iraqi", "ia412", "412"}  # "Airways" names any airline
    assert thing_keys(desk.events[0], lexicon) == {"412"}
    assert thing_keys(later.events[0], lexicon) == {"ia412", "412"}
    hospital = Report("The blast hit al-Awda Hospital.", None, "2023-11-15", "x").event("blast", thing="al-Awda Hospital")
    assert thing_keys(hospital, lexicon) == {"awda"}


def test_one_named_thing_told_from_other_places_and_modes_is_one_event() -> None:
    merged = _merge(*_downing())
    (downing,) = [m for m in merged if "wire:e1" in m.event_ids]
    assert downing.event_ids == ["wire:e1", "desk:e1", "later:e1"]
    assert downing.place is not None and downing.place.name == "Rawa"


def test_another_thing_or_another_day_stays_apart() -> None:
    wire, desk, _ = _downing()
    other = Report("Rockets hit Flight 733 on the tarmac in Basra on Sunday.", "Northern Desk", "2023-11-20", "other")
    other.event("hit", mode="heavy-weapons", day="2023-11-19", place="Basra", thing="Flight 733")
    merged = _merge(wire, desk, other)
    assert not any({"wire:e1", "other:e1"} <= set(m.event_ids) for m in merged)
    # a base hit again a week later is another attack on it
    first = Report("Drones struck Camp Tango near Rawa on Monday.", "Tigris Wire", "2023-11-14", "first")
    first.event("struck", mode="drone", day="2023-11-13", place="Rawa", thing="Camp Tango")
    retold = Report("Camp Tango in Anbar, struck on Monday, was evacuated.", "Capital Post", "2023-11-15", "retold")
    retold.event("struck", mode="drone", day="2023-11-13", place="Anbar", thing="Camp Tango")
    again = Report("Drones struck Camp Tango near Rawa again on Tuesday, a week after the first attack.", "Northern Desk",
                   "2023-11-21", "again")
    again.event("struck", mode="drone", day="2023-11-21", place="Rawa", thing="Camp Tango")
    merged = _merge(first, retold, again)
    assert any({"first:e1", "retold:e1"} <= set(m.event_ids) for m in merged)
    assert not any({"first:e1", "again:e1"} <= set(m.event_ids) for m in merged)
