"""event_facts: a claim about an attack set against what the reports tell of the story's main event: its means, its
weekday, its toll.

`check` asks this when no report's sentence states the claim or its opposite (and, for the weekday, also when
who did it or what was done is stated: those sentences do not date it). The claim's attack is the story's main
event (the attack told by the most reports) when they are of one type; an attribute the claim gives is contradicted
when reports from at least `MIN_REPORTS` outlets tell that event otherwise and none tells it the claim's way: "killed
by a car bomb" where every report has him shot dead, "during Friday prayers" where the reports date it to a Monday,
"killed six" where no report counts that many dead. What a report tells as alleged, denied or weighed is not told.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from triangulate.link.check_result import CheckResult, Item, decide
from triangulate.link.lexicon import LinkLexicon, load_lexicon
from triangulate.link.main_event import single_day
from triangulate.link.mentions import answers_attack
from triangulate.records import AnalyzedDocument, Event, MergedEvent

MIN_REPORTS = 2  # outlets that must tell the event otherwise
TOLD = frozenset({"asserted", "reported"})  # a mention's modality that tells the event as it was
WEEKDAY_VALUE = "XXXX-WXX-"  # a weekday named without a date ("on Friday", read with no publication day)


@dataclass(frozen=True)
class Conflict:
    """An attribute of the claim's attack that the reports tell otherwise, and the mentions telling it."""

    attribute: str  # "means", "day" or "toll"
    mentions: tuple[Event, ...]


def conflicts(claim: AnalyzedDocument, merged: Iterable[MergedEvent], docs: Sequence[AnalyzedDocument],
              lexicon: LinkLexicon | None = None) -> list[Conflict]:
    """The attributes of the claim's attack that the stories' main event contradicts."""
    lexicon = lexicon or load_lexicon()
    asked = next((e for e in claim.events if e.modality in TOLD and e.type in ("ASSAULT", "COERCE")), None)
    main = max((m for m in merged if asked is not None and m.type == asked.type),
               key=lambda m: (len(m.doc_ids), len(m.event_ids)), default=None)
    if asked is None or main is None:
        return []
    by_id = {e.id: (e, d) for d in docs for e in d.events}
    # (not a deed done to the attackers: "one of the gunmen was shot dead by police" tells no means of the attack)
    told = [by_id[i] for i in main.event_ids
            if i in by_id and by_id[i][0].modality in TOLD and not answers_attack(by_id[i][0], lexicon)]
    found = [_means(asked, told, lexicon), _day(asked, told, main), _toll(asked, told)]
    return [c for c in found if c is not None]


def _outlets(told: Iterable[tuple[Event, AnalyzedDocument]]) -> int:
    return len({d.document.outlet or d.document.id for _, d in told})


def _conflict(attribute: str, told: list[tuple[Event, AnalyzedDocument]],
              fits: Callable[[Event], bool]) -> Conflict | None:
    """The mentions telling the attribute otherwise, when none tells it the claim's way and enough outlets do."""
    if any(fits(e) for e, _ in told):
        return None
    return Conflict(attribute, tuple(e for e, _ in told)) if _outlets(told) >= MIN_REPORTS else None


def _means(asked: Event, told: list[tuple[Event, AnalyzedDocument]], lexicon: LinkLexicon) -> Conflict | None:
    """A means of another family ("shot" against "a car bomb"); a mode that tells what was done, not how
    (sabotage, a chemical payload), tells no means."""
    if not asked.mode or asked.mode in lexicon.unstated_means:
        return None
    mode = asked.mode
    means = [(e, d) for e, d in told if e.mode and e.mode not in lexicon.unstated_means]
    return _conflict("means", means, lambda e: e.mode is not None and lexicon.modes_fit(e.mode, mode))


def _day(asked: Event, told: list[tuple[Event, AnalyzedDocument]], main: MergedEvent) -> Conflict | None:
    """A weekday the claim names, where the reports date the event to the day (to another weekday): the mentions
    dated to the event's own day tell it otherwise (not one dated to the day it was told of)."""
    value = asked.date.value if asked.date else ""
    if not value.startswith(WEEKDAY_VALUE) or not value[len(WEEKDAY_VALUE):].isdigit():
        return None
    weekday = int(value[len(WEEKDAY_VALUE):])
    dated = [(e, d) for e, d in told if single_day(e) is not None]
    if any(_weekday(e) == weekday for e, _ in dated):
        return None
    own = main.date.start_date if main.date and main.date.start_date == main.date.end_date else None
    return _conflict("day", [(e, d) for e, d in dated if own is None or single_day(e) == own],
                     lambda e: _weekday(e) == weekday)


def _weekday(event: Event) -> int | None:
    day = single_day(event)
    return day.isoweekday() if day is not None else None


def _toll(asked: Event, told: list[tuple[Event, AnalyzedDocument]]) -> Conflict | None:
    """A death toll no report reaches: every count told is lower, none "at least" or rising to it."""
    if asked.fatalities is None or asked.fatalities_bound is not None or asked.fatalities == 0:
        return None
    dead = asked.fatalities
    counted = [(e, d) for e, d in told if e.fatalities is not None]
    return _conflict("toll", counted, lambda e: e.fatalities is not None
                     and (e.fatalities >= dead or e.fatalities_bound == "at_least"))


def by_event(claim: str, analyzed: AnalyzedDocument, merged: list[MergedEvent],
             docs: list[AnalyzedDocument]) -> CheckResult:
    """The claim refuted by the attributes of its attack that the main event contradicts (or unsupported)."""
    result = CheckResult(claim, "unsupported", "event")
    by_doc = {d.document.id: d.document for d in docs}
    for conflict in conflicts(analyzed, merged, docs):
        for mention in conflict.mentions:
            document = by_doc[mention.doc_id]
            result.refutes.append(Item(
                "event", document.id, None, document.outlet or "the report", f"tells the {conflict.attribute} otherwise",
                "CT+", document.outlet, document.title, document.published.isoformat() if document.published else None,
                [], [e.model_dump() for e in mention.evidence]))
    return decide(result)


def dated_otherwise(result: CheckResult, event: CheckResult) -> CheckResult:
    """Who did it or what was done may be told as the claim tells it, on another day than the claim's weekday:
    the claim is refuted by the day, what supports the rest only discusses it."""
    day = [i for i in event.refutes if i.stance == "tells the day otherwise"]
    if result.verdict != "supported" or not day:
        return result
    return decide(CheckResult(result.claim, "unsupported", event.reading, refutes=day,
                              discusses=result.supports + result.discusses))
