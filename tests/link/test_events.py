"""Event coreference: one real event told by several reports becomes one merged event."""

from __future__ import annotations

import tracemalloc
from datetime import date, timedelta

from tests.link.builders import ACTORS, Report, merge_reports
from triangulate.link.events import cluster_events, compare_all, merge_events
from triangulate.link.lexicon import load_lexicon
from triangulate.link.mentions import compare_events
from triangulate.records import Actor, Event, EventDate


def _depot_reports() -> tuple[Report, Report]:
    wire = Report("A drone struck a weapons depot about 20 kilometres east of Al-Qaim late on Tuesday, "
                  "killing two fighters, local officials said.", "Tigris Wire", "2023-11-15", "wire")
    said = wire.claim("local officials", "said", "A drone struck a weapons depot about 20 kilometres east of "
                      "Al-Qaim late on Tuesday, killing two fighters")
    wire.event("struck", mode="drone", day="2023-11-14", place="Al-Qaim", fatalities=2, claim=said)
    desk = Report("An unidentified drone hit an arms depot in western Anbar province on Tuesday night.",
                  "Northern Desk", "2023-11-15", "desk")
    desk.event("hit", mode="aerial", day="2023-11-14", place="Anbar", source="IRQ.UNK")
    return wire, desk


def test_two_reports_of_one_strike_become_one_merged_event_with_the_most_precise_place() -> None:
    merged = merge_reports(*_depot_reports())
    assert len(merged) == 1
    (strike,) = merged
    assert strike.event_ids == ["wire:e1", "desk:e1"]
    assert strike.doc_ids == ["wire", "desk"]
    assert strike.place is not None and strike.place.name == "Al Qa'im"  # the town, not the province
    assert strike.date is not None and strike.date.value == "2023-11-14"
    assert strike.fatalities == 2
    assert len(strike.origins) == 2  # local officials via Tigris Wire, Northern Desk's own words


def test_the_same_kind_of_event_ten_days_apart_is_another_event() -> None:
    wire, desk = _depot_reports()
    moved = desk.events[0].date
    assert moved is not None
    moved.start_date = moved.end_date = date(2023, 11, 24)
    assert len(merge_reports(wire, desk)) == 2


def test_towns_far_apart_are_different_events_and_near_towns_the_same() -> None:
    far = Report("A drone struck a depot in Al-Qaim on Tuesday. Another drone struck a depot in Basra "
                 "on Tuesday.", "Wire", "2023-11-15", "far")
    far.event("struck a depot in Al-Qaim", mode="drone", day="2023-11-14", place="Al-Qaim")
    far.event("struck a depot in Basra", mode="drone", day="2023-11-14", place="Basra")
    assert len(merge_reports(far)) == 2
    near = Report("A drone struck a depot in Al-Qaim on Tuesday. A drone struck a depot near Husaybah "
                  "on Tuesday.", "Wire", "2023-11-15", "near")
    near.event("struck a depot in Al-Qaim", mode="drone", day="2023-11-14", place="Al-Qaim")
    near.event("struck a depot near Husaybah", mode="drone", day="2023-11-14", place="Husaybah")
    assert len(merge_reports(near)) == 1  # about 9 km apart


def test_a_shooting_and_a_drone_strike_are_not_one_event() -> None:
    report = Report("A drone hit a checkpoint in Al-Qaim on Tuesday. Gunmen opened fire on a checkpoint in "
                    "Al-Qaim on Tuesday.", "Wire", "2023-11-15", "modes")
    report.event("hit", mode="drone", day="2023-11-14", place="Al-Qaim", place_words="Al-Qaim")
    report.event("opened fire", mode="firearms", day="2023-11-14")
    assert len(merge_reports(report)) == 2


def test_a_bare_mention_refers_back_to_the_event_before_it() -> None:
    report = Report("A drone struck a weapons depot in Al-Qaim on Tuesday. The defence ministry said three "
                    "fighters died in the strike.", "Anbar Monitor", "2023-11-16", "bare")
    report.event("struck", mode="drone", day="2023-11-14", place="Al-Qaim")
    report.event("strike", mode="aerial", fatalities=3)
    (merged,) = merge_reports(report)
    assert merged.event_ids == ["bare:e1", "bare:e2"]
    assert merged.fatalities == 3


def test_a_hypothetical_event_is_never_merged() -> None:
    report = Report("A drone struck a depot in Al-Qaim on Tuesday. Officials warned that a drone could strike "
                    "the depot in Al-Qaim again on Tuesday.", "Wire", "2023-11-15", "hyp")
    report.event("struck", mode="drone", day="2023-11-14", place="Al-Qaim")
    report.event("strike the depot", mode="drone", day="2023-11-14", modality="hypothetical")
    assert len(merge_reports(report)) == 2


def test_actor_compatibility_and_country_level_places() -> None:
    report = Report("Israeli jets struck a convoy in Iraq on July 19. Israel carried out an airstrike in Syria "
                    "on July 19. The Israeli army bombed a convoy in Iraq on July 19.", "Wire", "2019-07-20", "act")
    a = report.event("struck", mode="aerial", day="2019-07-19", place="Iraq", source="ISR.MIL")
    b = report.event("airstrike", mode="aerial", day="2019-07-19", place="Syria", place_words="Syria",
                     source="ISR.GOV")
    c = report.event("bombed", mode="aerial", day="2019-07-19", source="USA.MIL")
    lexicon = load_lexicon()
    same_country = compare_events(a, b, ACTORS, lexicon)
    assert same_country.conflicts == ["place"]  # Iraq vs Syria, told with strong other evidence
    assert same_country.allows_merge()
    other_actor = compare_events(a, c, ACTORS, lexicon)
    assert other_actor.conflicts == ["perpetrator"]


def _third(text: str, published: str) -> Report:
    return Report(text, "Capital Post", published, "third")


def test_a_place_that_is_only_the_speakers_country_does_not_split_the_main_event() -> None:
    third = _third("It is the assessment of the United States government that a militia carried out the attack "
                   "on the depot on Tuesday, an official said.", "2023-11-15")
    said = third.claim("an official", "said", "a militia carried out the attack on the depot on Tuesday")
    third.event("attack", day="2023-11-14", place="United States", claim=said)
    (merged,) = merge_reports(*_depot_reports(), third)
    assert "third:e1" in merged.event_ids
    inside = _third("An official said that a militia carried out the attack on the depot in the United States "
                    "on Tuesday.", "2023-11-15")
    said = inside.claim("An official", "said", "a militia carried out the attack on the depot in the United States")
    inside.event("attack", day="2023-11-14", place="United States", claim=said)
    assert len(merge_reports(*_depot_reports(), inside)) == 2  # the speaker places it there


def test_the_day_of_the_telling_does_not_date_the_event_apart() -> None:
    third = _third("The defence minister says the drone strike on the depot was a warning.", "2023-11-17")
    third.event("strike", mode="drone", day="2023-11-17", target="IRQ.PMF")
    (merged,) = merge_reports(*_depot_reports(), third)
    assert merged.date is not None and merged.date.value == "2023-11-14"
    earlier = _third("The defence minister said the drone strike on the depot on Friday was a warning.",
                     "2023-11-19")
    earlier.event("strike", mode="drone", day="2023-11-17", target="IRQ.PMF")
    assert len(merge_reports(*_depot_reports(), earlier)) == 2  # a day of its own, not the report's


def test_the_day_a_speaker_said_it_does_not_date_the_event_apart() -> None:
    third = _third("On Saturday the interior minister said the drone that struck the depot was launched from Syria.",
                   "2023-11-20")
    said = third.claim("the interior minister", "said", "the drone that struck the depot was launched from Syria")
    third.event("struck", mode="drone", day="2023-11-18", day_words="On Saturday", target="IRQ.PMF", claim=said)
    (merged,) = merge_reports(*_depot_reports(), third)
    assert "third:e1" in merged.event_ids
    assert merged.date is not None and merged.date.value == "2023-11-14" and merged.date.start is None
    inside = _third("The interior minister said the drone struck the depot on Saturday.", "2023-11-20")
    said = inside.claim("The interior minister", "said", "the drone struck the depot on Saturday")
    inside.event("struck", mode="drone", day="2023-11-18", day_words="on Saturday", target="IRQ.PMF", claim=said)
    assert len(merge_reports(*_depot_reports(), inside)) == 2  # the speaker dates the strike to its own day


def test_a_later_higher_toll_is_an_update_and_a_sabotage_fits_a_bombing() -> None:
    later = _third("The drone strike on the depot killed five militiamen, officials said on Thursday.", "2023-11-17")
    later.event("strike", mode="drone", target="IRQ.PMF", fatalities=5)
    (merged,) = merge_reports(*_depot_reports(), later)
    assert merged.fatalities == 5
    lower = _third("The drone strike on the depot killed one militiaman, officials said on Thursday.", "2023-11-17")
    lower.event("strike", mode="drone", target="IRQ.PMF", fatalities=1)
    assert len(merge_reports(*_depot_reports(), lower)) == 2  # a lower count told later: no update
    sabotage = _third("Officials called the blast at the depot in Al-Qaim an act of sabotage.", "2023-11-16")
    sabotage.event("sabotage", mode="destroy", place="Al-Qaim")
    assert len(merge_reports(*_depot_reports(), sabotage)) == 1


def test_arson_in_a_story_of_a_shooting_is_another_event() -> None:
    wire = Report("Gunmen opened fire on a checkpoint in Al-Qaim on Tuesday.", "Tigris Wire", "2023-11-15", "wire")
    wire.event("opened fire", mode="firearms", day="2023-11-14", place="Al-Qaim")
    desk = Report("A shooting at a checkpoint in Al-Qaim left residents afraid.", "Northern Desk", "2023-11-15",
                  "desk")
    desk.event("shooting", mode="firearms", place="Al-Qaim")
    arson = _third("Rioters torched a bank in Al-Qaim, killing three employees.", "2023-11-16")
    arson.event("torched", mode="destroy", place="Al-Qaim", fatalities=3)
    merged = merge_reports(wire, desk, arson)
    assert len(merged) == 2 and all(m.fatalities is None for m in merged if "wire:e1" in m.event_ids)


def test_rockets_carrying_a_toxic_agent_and_hostages_taken_are_the_attack_itself() -> None:
    wire = Report("A chemical attack on Rawa killed dozens on Tuesday, activists said.", "Tigris Wire", "2023-11-15",
                  "wire")
    wire.event("chemical attack", mode="chemical", day="2023-11-14", place="Rawa")
    desk = Report("Toxic gas killed dozens in Rawa.", "Northern Desk", "2023-11-15", "desk")
    desk.event("gas", mode="chemical", place="Rawa")
    rockets = _third("Rockets with a poisonous substance were fired at Rawa on Tuesday, the ministry said.",
                     "2023-11-15")
    rockets.event("fired", mode="heavy-weapons", day="2023-11-14", place="Rawa")
    assert len(merge_reports(wire, desk, rockets)) == 1
    shooting = Report("Gunmen opened fire at a college in Rawa on Tuesday.", "Tigris Wire", "2023-11-15", "shot")
    shooting.event("opened fire", mode="firearms", day="2023-11-14", place="Rawa")
    told = Report("The shooting at the college in Rawa killed 20.", "Northern Desk", "2023-11-15", "told")
    told.event("shooting", mode="firearms", place="Rawa")
    hostages = _third("The gunmen held students hostage in Rawa for hours.", "2023-11-15")
    hostages.event("held students hostage", mode="abduct", place="Rawa")
    assert len(merge_reports(shooting, told, hostages)) == 1


def test_a_merged_event_is_dated_to_its_day_not_a_part_of_it() -> None:
    report = Report("A drone struck a depot in Al-Qaim on Tuesday afternoon.", "Wire", "2023-11-15", "noon")
    report.event("struck", mode="drone", place="Al-Qaim")
    assert report.events[0].date is None
    report.events[0].date = EventDate(value="2023-11-14TAF", start_date=date(2023, 11, 14), end_date=date(2023, 11, 14))
    (merged,) = merge_reports(report)
    assert merged.date is not None and merged.date.value == "2023-11-14"


def _market_reports() -> tuple[Report, Report]:
    wire = Report("A car bomb killed five civilians at a market in Ramadi on Friday, police said.", "Tigris Wire",
                  "2023-11-18", "wire")
    wire.event("killed", mode="explosives", day="2023-11-17", place="Ramadi", target="IRQ.CIV", fatalities=5)
    desk = Report("A car bomb tore through a Ramadi market on Friday, killing five shoppers.", "Northern Desk",
                  "2023-11-18", "desk")
    desk.event("bomb", mode="explosives", day="2023-11-17", place="Ramadi", target="IRQ.CIV", fatalities=5)
    return wire, desk


def test_victims_read_as_of_another_country_do_not_split_the_main_event_but_soldiers_do() -> None:
    syrians = _third("The bombing in Anbar on Friday killed Syrian civilians, a monitor said.", "2023-11-19")
    syrians.event("bombing", mode="explosives", day="2023-11-17", place="Anbar", target="SYR.CIV")
    (merged,) = merge_reports(*_market_reports(), syrians)
    assert "third:e1" in merged.event_ids
    troops = _third("A bombing in Anbar on Friday hit U.S. troops, officials said.", "2023-11-19")
    troops.event("bombing", mode="explosives", day="2023-11-17", place="Anbar", target="USA.MIL")
    assert len(merge_reports(*_market_reports(), troops)) == 2  # armed men of another country: another attack


def _bombing_reports() -> tuple[Report, Report]:
    wire = Report("A suicide bomber killed 40 people and wounded 120 at a market in Al-Qaim on Tuesday.",
                  "Tigris Wire", "2023-11-15", "wire")
    wire.event("killed", mode="suicide-attack", day="2023-11-14", place="Al-Qaim", fatalities=40, injured=120)
    desk = Report("The suicide bombing at the Al-Qaim market on Tuesday killed 40 people.", "Northern Desk",
                  "2023-11-15", "desk")
    desk.event("bombing", mode="suicide-attack", day="2023-11-14", place="Al-Qaim", fatalities=40)
    return wire, desk


def test_near_tolls_and_a_swinging_count_of_wounded_stay_one_event() -> None:
    near = _third("The bombing at the market in Al-Qaim killed 42 people and wounded 200, officials said.",
                  "2023-11-14")
    near.event("bombing", place="Al-Qaim", fatalities=42, injured=200)
    (merged,) = merge_reports(*_bombing_reports(), near)
    assert "third:e1" in merged.event_ids
    other = _third("The bombing at the market in Al-Qaim killed 9 people, officials said.", "2023-11-16")
    other.event("bombing", place="Al-Qaim", fatalities=9)
    assert len(merge_reports(*_bombing_reports(), other)) == 2  # far from the toll, told no later: another bombing


def test_mentions_of_the_main_event_leave_a_group_that_holds_a_later_raid_too() -> None:
    # "the attack" refers back to the raid told before it in its report, but its toll is the bombing's
    third = _third("Police raided a flat in Al-Qaim on Friday. The attack killed 40 people.", "2023-11-18")
    third.event("raided", mode="beat", day="2023-11-17", place="Al-Qaim", source="IRQ.POL")
    third.event("attack", fatalities=40)
    merged = merge_reports(*_bombing_reports(), third)
    main = next(m for m in merged if "wire:e1" in m.event_ids)
    assert "third:e2" in main.event_ids and "third:e1" not in main.event_ids


def test_a_mention_with_the_main_event_s_toll_leaves_a_group_that_holds_an_earlier_bombing() -> None:
    # (as "a car bomb at a police academy in Bogota that killed at least 20", grouped with "troops had bombed a camp
    # on December 25" of the same report): the group's mention told with the event's toll joins the event
    from triangulate.link.events import MAIN_TYPES, said_on, speakers_country
    from triangulate.link.main_event import join_main

    third = _third("Troops bombed a camp in Al-Qaim on October 1. A suicide bomber killed 40 people at the market in "
                   "Al-Qaim.", "2023-11-18")
    third.event("bombed", mode="aerial", day="2023-10-01", place="Al-Qaim", source="IRQ.MIL")
    third.event("killed", mode="suicide-attack", place="Al-Qaim", fatalities=40)
    docs = [r.analyzed() for r in (*_bombing_reports(), third)]
    events = [e for a in docs for e in a.events]
    claims, documents = {c.id: c for a in docs for c in a.claims}, {a.document.id: a.document for a in docs}
    joined = join_main([[0, 1], [2, 3]], events, MAIN_TYPES, ACTORS, load_lexicon(), claims, documents, said_on,
                       speakers_country)
    assert joined == [[0, 1, 3], [2]]


def test_a_denial_that_a_side_did_it_stays_in_the_main_event() -> None:
    denial = _third("\"We did not attack the depot,\" a militia commander said on Wednesday.", "2023-11-15")
    denial.event("attack", modality="negated", source_words="We")
    (merged,) = merge_reports(*_depot_reports(), denial)
    assert "third:e1" in merged.event_ids
    plan = _third("The militia may attack the depot again, a commander said.", "2023-11-15")
    plan.event("attack", modality="hypothetical")
    assert len(merge_reports(*_depot_reports(), plan)) == 2  # what may yet happen tells no event


def test_a_bare_mention_hung_on_another_event_of_its_report_is_the_main_event() -> None:
    # "the attack" refers back to the raid by the parse's reading; in a story of the bombing it is the bombing
    third = _third("Police raided a flat in Al-Qaim on Friday. Officials condemned the attack.", "2023-11-18")
    third.event("raided", mode="beat", day="2023-11-17", place="Al-Qaim", source="IRQ.POL")
    third.event("attack")
    merged = merge_reports(*_bombing_reports(), third)
    main = next(m for m in merged if "wire:e1" in m.event_ids)
    assert "third:e2" in main.event_ids and "third:e1" not in main.event_ids


def test_a_story_of_hundreds_of_mentions_is_merged_without_a_record_per_pair_of_them() -> None:
    # 300 reports of drone strikes, ten days apart (each day another event), at Al-Qaim or Husaybah
    # (9 km apart: one event) or Basra (far: another): 20 events. The merge compares all 44,850 pairs of
    # mentions; a story of thousands of reports has millions, so what it keeps of each must be a few bytes
    # (it kept a Comparison each, about 300 bytes: 2 GB for the 4,000 mentions of a big story)
    towns = ["Al-Qaim", "Husaybah", "Basra"]
    reports = []
    for k in range(300):
        town, day = towns[k // 10 % 3], date(2023, 1, 1) + timedelta(days=10 * (k % 10))
        report = Report(f"A drone struck a depot in {town} on {day:%B %d}, officials said.", "Wire",
                        f"{day + timedelta(days=1)}", f"r{k}")
        report.event("struck", mode="drone", day=f"{day}", place=town)
        reports.append(report)
    events = [e for r in reports for e in r.analyzed().events]
    lexicon = load_lexicon()
    tracemalloc.start()
    try:
        clusters = cluster_events(events, ACTORS, lexicon)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(clusters) == 20
    for cluster in clusters:
        told = {(events[i].date.value if events[i].date else None, events[i].place.name if events[i].place else None) for i in cluster}
        assert len({d for d, _ in told}) == 1 and len(cluster) in (10, 20)
        assert {p for _, p in told} in ({"Basra"}, {"Al Qa'im", "Husaybah"})
    pairs = len(events) * (len(events) - 1) // 2
    assert peak < 40 * pairs, peak / pairs


def _one_strike_told(times: int) -> list[Event]:
    reports = []
    for k in range(times):
        report = Report("A drone struck a depot in Al-Qaim on January 01, officials said.", "Wire", "2023-01-02",
                        f"r{k}")
        report.event("struck", mode="drone", day="2023-01-01", place="Al-Qaim")
        reports.append(report)
    return [e for r in reports for e in r.analyzed().events]


def test_a_story_of_one_event_told_hundreds_of_times_is_merged_in_a_few_bytes_a_pair() -> None:
    # every pair of the 300 mentions may merge: each is kept in the table, and the merge must not keep a
    # record per pair on top of it (counting the pairs between groups in dicts took about 150 bytes a pair:
    # hundreds of MB for a story of thousands of mentions)
    # ... nor copies of the table's columns at 8 bytes a number (79 bytes a pair at the peak: the pairs kept
    # by the 4,000 mentions of a story of 20,000 ACLED notes were a spike of about 100 MB at the end of the run)
    events = _one_strike_told(300)
    lexicon = load_lexicon()
    tracemalloc.start()
    try:
        table = compare_all(events, ACTORS, lexicon)
        held, made = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        clusters = cluster_events(events, ACTORS, lexicon, table)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    pairs = len(events) * (len(events) - 1) // 2
    assert len(table.left) == pairs
    # two 32-bit mentions, the score, the conflicts' number: 20 bytes a pair, made in under twice that
    assert sum(c.itemsize for c in (table.left, table.right, table.score, table.conflicts)) == 20
    assert held < 21 * pairs and made < 45 * pairs, (held / pairs, made / pairs)
    assert clusters == [list(range(300))]
    assert peak - held < 35 * pairs, (peak - held) / pairs


def test_the_attacker_shot_dead_by_police_on_the_day_joins_the_attack_with_no_part_in_it() -> None:
    def third_with(target: str, day: str = "2023-11-14", place: str = "Al-Qaim") -> Report:
        third = _third(f"Police shot {target} at the market in {place} on Tuesday.", "2023-11-15")
        third.event("shot", mode="firearms", day=day, place=place, source="IRQ.POL", fatalities=1)
        third.events[0].target_text = target
        return third

    for target in ("the gunman", "two of the attackers"):
        merged = merge_reports(*_bombing_reports(), third_with(target))
        (main,) = merged
        assert "third:e1" in main.event_ids  # one real event: the attack and its end
        # the police did not do the attack, and the dead gunman is not one of its 40 victims
        assert main.source_actor != "IRQ.POL" and main.fatalities == 40 and main.mode == "suicide-attack"
        assert [t.event_id for t in main.tolls if t.kind == "fatalities"] == ["wire:e1", "desk:e1"]
    # on another day: another event (a raid that killed the attacker days later)
    merged = merge_reports(*_bombing_reports(), third_with("the gunman", day="2023-11-18"))
    assert any(m.event_ids == ["third:e1"] for m in merged)
    # done to others at the same place and time: the attack told again
    main = next(m for m in merge_reports(*_bombing_reports(), third_with("shoppers")) if "wire:e1" in m.event_ids)
    assert "third:e1" in main.event_ids


def test_what_sets_two_mentions_apart_is_worked_out_once_a_merge_and_answers_as_fresh() -> None:
    from triangulate.link.events import (  # the join's parts, each pair asked again and again
        _fits,
        _Story,
        _Told,
    )

    third = _third("The bombing at the market in Al-Qaim killed 42 people and wounded 200, officials said.",
                   "2023-11-14")
    third.event("bombing", place="Al-Qaim", fatalities=42, injured=200)
    other = Report("The bombing at the market in Al-Qaim killed 9 people, officials said.", "Desk", "2023-11-16",
                   "other")
    other.event("bombing", place="Al-Qaim", fatalities=9)
    docs = [r.analyzed() for r in (*_bombing_reports(), third, other)]
    events = [e for a in docs for e in a.events]
    claims, documents = {c.id: c for a in docs for c in a.claims}, {a.document.id: a.document for a in docs}
    kept = _Story(ACTORS, load_lexicon(), claims, documents)
    for told in (events[:2], events[:3], events[1:3], [events[3]]):
        for mention in events:
            fresh = _Story(ACTORS, load_lexicon(), claims, documents)
            assert _fits(mention, _Told.of(told, kept), kept) == _fits(mention, _Told.of(told, fresh), fresh)
    assert kept.pairs  # asked again, taken back
    main = _Told.of(events[:3], kept)
    assert [_fits(e, main, kept) for e in events] == [True, True, True, False]  # 9 dead, told no later


def test_a_merged_events_date_and_place_votes_are_counted_as_each_mention_would() -> None:
    from triangulate.link.events import _DateVotes, _place_votes

    syrians = _third("The bombing in Anbar on Friday killed Syrian civilians, a monitor said.", "2023-11-19")
    syrians.event("bombing", mode="explosives", day="2023-11-17", place="Anbar", target="SYR.CIV")
    week = _third("Bombings in Anbar this week killed dozens.", "2023-11-19")
    week.event("Bombings", mode="explosives", place="Anbar")
    week.events[0].date = EventDate(value="2023-W46", start_date=date(2023, 11, 13), end_date=date(2023, 11, 19))
    events = [e for r in (*_market_reports(), syrians, week) for e in r.analyzed().events]
    votes = _DateVotes(events)
    assert [votes(e) for e in events] == [4, 4, 4, 1]  # three tell the day and the week holds it; the week: itself
    countries = _place_votes(events, ACTORS)
    assert countries == {"IQ": 4, "SY": 1}  # the Syrian civilians' country too, each mention once


_NAVAL_ACTORS = {
    **ACTORS,
    "IRQ.MIL": Actor(id="IRQ.MIL", name="Military Forces of Iraq", country="IQ", sectors=["military"],
                     kind="military", affiliation="IRQ.GOV"),
    "ISR.CIV": Actor(id="ISR.CIV", name="Civilians (Israel)", country="IL", sectors=["civilians"], kind="group"),
}


def test_victims_read_as_the_doers_own_people_do_not_split_the_main_event() -> None:
    wire = Report("A torpedo fired by the Israeli navy sank an Iraqi patrol boat off Basra on Tuesday, killing 12 "
                  "sailors.", "Tigris Wire", "2023-11-15", "wire")
    wire.event("sank", mode="heavy-weapons", day="2023-11-14", place="Basra", source="ISR.MIL", target="IRQ.MIL",
               fatalities=12)
    desk = Report("The Iraqi boat sunk off Basra on Tuesday was hit by a torpedo.", "Northern Desk", "2023-11-15",
                  "desk")
    desk.event("sunk", mode="heavy-weapons", day="2023-11-14", place="Basra", target="IRQ.MIL")
    # "46 sailors" took the country of the report's subject, the doer: Israel's civilians
    probe = _third("Evidence proves Israel fired the torpedo that sank the boat, killing 12 sailors, investigators "
                   "said.", "2023-12-02")
    probe.event("fired", mode="heavy-weapons", source="ISR.GOV", target="ISR.CIV", fatalities=12)
    docs = [r.analyzed() for r in (wire, desk, probe)]
    merged = merge_events("s1", [e for d in docs for e in d.events], {c.id: c for d in docs for c in d.claims},
                          {d.document.id: d.document for d in docs}, _NAVAL_ACTORS)
    assert [sorted(m.event_ids) for m in merged] == [["desk:e1", "third:e1", "wire:e1"]]


def test_gunmen_with_suicide_vests_told_as_a_shooting_and_as_a_suicide_attack_are_one_attack() -> None:
    wire = Report("Gunmen stormed a police academy in Ramadi on Tuesday, firing at recruits.", "Wire",
                  "2015-05-12", "gunmen")
    wire.event("firing", mode="firearms", day="2015-05-12", place="Ramadi")
    desk = Report("Suicide bombers attacked a police academy in Ramadi on Tuesday.", "Desk", "2015-05-12",
                  "vests")
    desk.event("attacked", mode="suicide-attack", day="2015-05-12", place="Ramadi")
    assert len(merge_reports(wire, desk)) == 1
    # a shooting and a drone strike stay two events
    drone = Report("A drone struck a compound in Ramadi on Tuesday.", "Desk", "2015-05-12", "drone")
    drone.event("struck", mode="drone", day="2015-05-12", place="Ramadi")
    assert len(merge_reports(wire, drone)) == 2
    assert ("suicide-attack", "firearms") in load_lexicon().mode_companions


def test_one_reports_town_in_another_province_does_not_place_an_event_most_reports_place_elsewhere() -> None:
    reports = []
    for n, outlet in enumerate(("Tigris Wire", "Northern Desk", "Gulf Post")):
        report = Report("A drone hit an arms depot in western Anbar province on Tuesday night, killing two fighters.",
                        outlet, "2023-11-15", f"r{n}")
        report.event("hit", mode="drone", day="2023-11-14", place="Anbar", fatalities=2)
        reports.append(report)
    # a fourth report names a town of another province in a sentence about the same strike
    odd = Report("The drone strike on the depot, which killed two fighters on Tuesday, was condemned in Karbala.",
                 "Karbala Times", "2023-11-15", "odd")
    odd.event("strike", mode="drone", day="2023-11-14", place="Karbala", fatalities=2)
    merged = merge_reports(*reports, odd)
    main = next(m for m in merged if "r0:e1" in m.event_ids)
    assert main.place is not None and main.place.name == "Anbar"
    if "odd:e1" not in main.event_ids:  # the mentions must merge for the test to say anything
        raise AssertionError("the fourth report's mention was not merged")
    # a town of the province the reports name is still the more precise place
    town = Report("A drone struck a depot near Al-Qaim on Tuesday, killing two fighters.", "Desert Daily",
                  "2023-11-15", "town")
    town.event("struck", mode="drone", day="2023-11-14", place="Al-Qaim", fatalities=2)
    main = next(m for m in merge_reports(*reports, odd, town) if "r0:e1" in m.event_ids)
    assert main.place is not None and main.place.name == "Al Qa'im"
