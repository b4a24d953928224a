"""A claim's attack set against the story's main event: means, weekday and toll told otherwise."""

from __future__ import annotations

from tests.link.builders import Report, merge_reports
from triangulate.link.event_facts import conflicts
from triangulate.records import AnalyzedDocument, EventDate

OUTLETS = ("Metro Wire", "Coast Times", "Valley Post")


def _reports(mode: str, fatalities: int | None = 1, bound: str | None = None, outlets: tuple[str, ...] = OUTLETS
             ) -> list[Report]:
    reports = []
    for n, outlet in enumerate(outlets):
        report = Report("Two masked gunmen shot dead the community leader outside the temple on Sunday evening, "
                        "police said.", outlet, "2023-06-19", f"r{n}")
        report.event("shot dead", mode=mode, day="2023-06-18", fatalities=fatalities, fatalities_bound=bound)
        reports.append(report)
    return reports


def _claim(text: str, trigger: str, mode: str | None, fatalities: int | None = None,
           weekday: int | None = None) -> AnalyzedDocument:
    claim = Report(text, None, "2023-06-20", "claim")
    event = claim.event(trigger, mode=mode, fatalities=fatalities, modality="asserted")
    if weekday is not None:
        claim.events[-1] = event.model_copy(update={"date": EventDate(value=f"XXXX-WXX-{weekday}")})
    return claim.analyzed()


def _found(claim: AnalyzedDocument, reports: list[Report]) -> list[str]:
    docs = [r.analyzed() for r in reports]
    return [c.attribute for c in conflicts(claim, merge_reports(*reports), docs)]


def test_a_car_bomb_where_every_outlet_tells_a_shooting_is_told_otherwise() -> None:
    bomb = _claim("The leader was killed by a car bomb outside the temple.", "car bomb", "explosives")
    assert _found(bomb, _reports("firearms")) == ["means"]
    shot = _claim("Gunmen shot the leader dead outside the temple.", "shot", "firearms")
    assert _found(shot, _reports("firearms")) == []
    # one outlet alone does not contradict it
    assert _found(bomb, _reports("firearms", outlets=("Metro Wire",))) == []
    # nor do outlets telling it with no means, or with a means that says what was done, not how
    assert _found(bomb, _reports("destroy")) == []


def test_a_weekday_the_reports_date_otherwise_is_told_otherwise() -> None:
    # the reports date it to Sunday 18 June 2023
    friday = _claim("The gunmen struck during Friday prayers.", "struck", "firearms", weekday=5)
    assert _found(friday, _reports("firearms")) == ["day"]
    sunday = _claim("The gunmen struck during Sunday prayers.", "struck", "firearms", weekday=7)
    assert _found(sunday, _reports("firearms")) == []


def test_a_toll_no_report_reaches_is_told_otherwise() -> None:
    six = _claim("The shooting outside the temple killed six people.", "shooting", "firearms", fatalities=6)
    assert _found(six, _reports("firearms", fatalities=1)) == ["toll"]
    one = _claim("The shooting outside the temple killed one person.", "shooting", "firearms", fatalities=1)
    assert _found(one, _reports("firearms", fatalities=1)) == []
    # a count told as "at least" may reach it
    assert _found(six, _reports("firearms", fatalities=1, bound="at_least")) == []
