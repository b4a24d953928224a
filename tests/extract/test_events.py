"""The PLOVER coder on real sentences: seeds, and news-style sentences for ACLED's kinds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from triangulate.extract.events import EventCoder, TriggerTable
from triangulate.read import Reader
from triangulate.records import (
    PLOVER_TYPES,
    Actor,
    ActorMention,
    Document,
    Event,
    Place,
    ReadDoc,
    TimeRef,
    document_id,
)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.default()


def read_text(nlp: Language, text: str) -> ReadDoc:
    document = Document(id=document_id(text), external_id="test", text=text)
    return Reader.default().read(document, nlp(text))


def code(nlp: Language, coder: EventCoder, text: str) -> list[Event]:
    return coder.code(read_text(nlp, text))


def only(events: list[Event], trigger: str) -> Event:
    found = [e for e in events if e.trigger is not None and e.trigger.text == trigger]
    assert len(found) == 1, [(e.type, e.trigger.text if e.trigger else None) for e in events]
    return found[0]


def seed_sentence(seeds_dir: Path, needle: str) -> str:
    for path in sorted(seeds_dir.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if needle in line:
                return line
    pytest.fail(f"seed sentence with {needle!r} not found")


# ------------------------------------------------------------------ the dictionary


def test_trigger_table_covers_all_plover_types() -> None:
    table = TriggerTable.default()
    types = {rule.type for rule in table.rules}
    assert types == set(PLOVER_TYPES)
    assert table.version >= 1


def test_unknown_type_in_yaml_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown PLOVER type"):
        TriggerTable.from_yaml("triggers:\n  - {lemma: fight, type: FIGHT}\n")


# ------------------------------------------------------------------ seeds


def test_seed_israel_behind_airstrikes_on_pmu(nlp: Language, coder: EventCoder, seeds_dir: Path) -> None:
    text = seed_sentence(seeds_dir, "Israel was behind the series of mysterious airstrikes")
    event = only(code(nlp, coder, text), "airstrikes")
    assert (event.type, event.mode) == ("ASSAULT", "aerial")
    assert event.source_text == "Israel"
    assert event.target_text is not None and "Popular Mobilization Units" in event.target_text
    assert event.modality == "asserted"
    assert event.evidence[0].text.startswith("U.S. officials have confirmed")


def test_seed_passive_carried_out_by(nlp: Language, coder: EventCoder, seeds_dir: Path) -> None:
    text = seed_sentence(seeds_dir, "were carried out by Israel")
    events = code(nlp, coder, text)
    event = only(events, "airstrikes")
    assert event.source_text == "Israel"
    assert event.target_text == "the PMU"
    july = only(events, "attack")
    assert july.type == "ASSAULT"


def test_seed_july_19_airstrike(nlp: Language, coder: EventCoder, seeds_dir: Path) -> None:
    text = seed_sentence(seeds_dir, "the July 19 airstrike destroyed")
    events = code(nlp, coder, text)
    first = next(e for e in events if e.trigger is not None and e.trigger.text == "airstrike")
    assert (first.type, first.mode) == ("ASSAULT", "aerial")
    assert first.target_text is not None and "shipment" in first.target_text


def test_seed_explosions_at_pmf_installation(nlp: Language, coder: EventCoder, seeds_dir: Path) -> None:
    text = seed_sentence(seeds_dir, "Several explosions erupted at a militant installation")
    events = code(nlp, coder, text)
    alleged = only(events, "attacked")
    assert alleged.modality == "alleged"
    assert alleged.source_text == "Israel"
    explosions = only(events, "explosions")
    assert (explosions.type, explosions.mode) == ("ASSAULT", "explosives")
    assert explosions.target_text is not None and "Popular Mobilization Forces" in explosions.target_text


def test_seed_not_claimed_is_negated(nlp: Language, coder: EventCoder, seeds_dir: Path) -> None:
    text = seed_sentence(seeds_dir, "have not been claimed")
    event = only(code(nlp, coder, text), "attacks")
    assert event.type == "ASSAULT"
    assert event.modality == "negated"


def test_seed_could_get_removed_is_hypothetical(nlp: Language, coder: EventCoder, seeds_dir: Path) -> None:
    text = seed_sentence(seeds_dir, "could get the United States military removed")
    events = code(nlp, coder, text)
    removed = only(events, "removed")
    assert removed.modality == "hypothetical"
    assert removed.target_text == "the United States military"
    assert only(events, "airstrikes").modality == "asserted"


def test_seed_opened_fire_is_firearms_not_drone(nlp: Language, coder: EventCoder, seeds_dir: Path) -> None:
    text = seed_sentence(seeds_dir, "opened fire at an unknown drone")
    event = only(code(nlp, coder, text), "opened fire")
    assert (event.type, event.mode) == ("ASSAULT", "firearms")
    assert event.source_text is not None and event.source_text.endswith("air-defense units")
    assert event.target_text == "an unknown drone"


def test_air_defense_units_is_no_event(nlp: Language, coder: EventCoder) -> None:
    events = code(nlp, coder, "The air-defense units of the brigade were moved to the north last year.")
    assert [e for e in events if e.type == "ASSAULT"] == []


# ------------------------------------------------------------------ ACLED kinds


@pytest.mark.parametrize(
    ("text", "trigger", "type_", "mode", "source", "target"),
    [
        ("Hundreds of protesters rallied in Beirut against the government on Friday.",
         "rallied", "PROTEST", "demo", "Hundreds of protesters", "the government"),
        ("Angry youths rioted in the town and torched two police vehicles.",
         "rioted", "PROTEST", "riot", "Angry youths", None),
        ("Police arrested five opposition activists in Harare on Tuesday.",
         "arrested", "COERCE", "arrest", "Police", "five opposition activists"),
        ("An IED planted by Al Shabaab exploded near a military convoy in Lower Shabelle.",
         "IED", "ASSAULT", "explosives", None, None),
        ("Turkish forces shelled the village of Dardara with artillery.",
         "shelled", "ASSAULT", "heavy-weapons", "Turkish forces", "the village of Dardara"),
        ("Soldiers clashed with Boko Haram fighters near the border, leaving four dead.",
         "clashed", "ASSAULT", "firearms", "Soldiers", "Boko Haram fighters"),
        ("Unidentified gunmen abducted a local chief in Zamfara state.",
         "abducted", "ASSAULT", "abduct", "Unidentified gunmen", "a local chief"),
        ("The two sides signed a ceasefire agreement in Doha.",
         "signed", "AGREE", None, "The two sides", "a ceasefire agreement"),
        ("Saudi-led coalition airstrikes hit Houthi positions in Sanaa.",
         "airstrikes", "ASSAULT", "aerial", "Saudi-led coalition", None),
        ("Residents were wounded when a drone struck a market.",
         "struck", "ASSAULT", "drone", None, "a market"),
    ],
)
def test_acled_kinds(
    nlp: Language, coder: EventCoder, text: str, trigger: str, type_: str, mode: str | None,
    source: str | None, target: str | None,
) -> None:
    event = only(code(nlp, coder, text), trigger)
    assert (event.type, event.mode) == (type_, mode)
    if source is not None:
        assert event.source_text == source
    if target is not None:
        assert event.target_text == target


def test_passive_with_agent(nlp: Language, coder: EventCoder) -> None:
    event = only(code(nlp, coder, "Two bases were hit by Israeli drones overnight."), "hit")
    assert event.target_text == "Two bases"
    assert event.source_text == "Israeli drones" or event.source_text == "Israeli"
    assert event.mode == "drone"


def test_one_event_for_shot_and_killed(nlp: Language, coder: EventCoder) -> None:
    events = code(nlp, coder, "Gunmen shot and killed a shopkeeper in Kaduna on Monday.")
    assert len(events) == 1
    assert events[0].target_text == "a shopkeeper"


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("The army did not attack the village.", "negated"),
        ("The government denied attacking the protesters.", "denied"),
        ("The militia is accused of attacking a convoy near Goma.", "alleged"),
        ("The rebels could attack the capital within days.", "hypothetical"),
        ("The rebels attacked the capital on Monday.", "asserted"),
        # a modal on what is said of the attack, not on the attack: it happened
        ("If confirmed, the attack on the hospital would be the deadliest in years.", "asserted"),
        ("An attack on the capital could happen within days.", "hypothetical"),
    ],
)
def test_modality(nlp: Language, coder: EventCoder, text: str, modality: str) -> None:
    events = [e for e in code(nlp, coder, text) if e.type == "ASSAULT"]
    assert events and events[0].modality == modality


@pytest.mark.parametrize(
    ("text", "fatalities", "injured"),
    [
        ("A roadside bomb killed three soldiers and injured two others near Kandahar.", 3, 2),
        ("Two people were injured in the shelling of the town.", None, 2),
        ("Militants attacked a checkpoint, killing 3. There were no injuries.", 3, 0),
        ("An airstrike hit the depot. No injuries were reported.", None, 0),
        ("Three rockets struck a base on Tuesday. No one was injured, the army said.", None, 0),
        ("Gunmen attacked a checkpoint in Kirkuk. Two policemen died of their wounds.", 2, None),
        ("Thirty-five soldiers were killed and forty-one wounded when a car bomb exploded at the base.", 35, 41),
        ("A suicide bomber killed twenty-two people at a wedding in Kunduz.", 22, None),
    ],
)
def test_casualties(nlp: Language, coder: EventCoder, text: str, fatalities: int | None, injured: int | None) -> None:
    events = [e for e in code(nlp, coder, text) if e.type == "ASSAULT"]
    assert events
    assert (events[0].fatalities, events[0].injured) == (fatalities, injured)


def test_a_casualty_sentence_with_its_own_place_is_another_event(nlp: Language, coder: EventCoder) -> None:
    text = "Gunmen attacked a checkpoint in Kirkuk. Separately, two soldiers were killed in Mosul."
    events = [e for e in code(nlp, coder, text) if e.type == "ASSAULT"]
    assert len(events) == 2 and events[0].fatalities is None and events[1].fatalities == 2


def test_ids_are_deterministic_and_in_text_order(nlp: Language, coder: EventCoder) -> None:
    text = "Police arrested two men in Lagos. Later, protesters marched to the governor's office."
    read = read_text(nlp, text)
    first, again = coder.code(read), coder.code(read)
    assert [e.id for e in first] == [e.id for e in again]
    assert [e.id for e in first] == [f"{read.document.id}:e{n}" for n in range(1, len(first) + 1)]
    starts = [e.trigger.start for e in first if e.trigger]
    assert starts == sorted(starts)
    assert [e.type for e in first] == ["COERCE", "PROTEST"]


def test_actor_place_and_date_from_read_records(nlp: Language, coder: EventCoder) -> None:
    text = "On 19 July, Israeli drones struck bases of the PMU near Balad, a military source said."
    document = Document(id=document_id(text), external_id="t", text=text)
    doc = nlp(text)

    def at(word: str) -> tuple[int, int]:
        start = text.index(word)
        return start, start + len(word)

    isr, pmu, balad, july = at("Israeli"), at("PMU"), at("Balad"), at("19 July")
    read = ReadDoc(
        document=document,
        doc=doc,
        actor_mentions=[
            ActorMention(start=isr[0], end=isr[1], text="Israeli", actor_id="ISR", how="demonym"),
            ActorMention(start=pmu[0], end=pmu[1], text="PMU", actor_id="IRQ-PMF"),
        ],
        actors={"ISR": Actor(id="ISR", name="Israel"), "IRQ-PMF": Actor(id="IRQ-PMF", name="PMF")},
        places=[Place(start=balad[0], end=balad[1], text="Balad", name="Balad", country="IQ")],
        times=[TimeRef(start=july[0], end=july[1], text="19 July", value="2019-07-19",
                       start_date=date(2019, 7, 19), end_date=date(2019, 7, 19))],
    )
    event = only(coder.code(read), "struck")
    assert (event.type, event.mode) == ("ASSAULT", "drone")
    assert event.source_actor == "ISR"
    assert event.target_actor == "IRQ-PMF"
    assert event.place is not None and event.place.name == "Balad"
    assert event.date is not None and event.date.value == "2019-07-19"
    assert (event.date.start, event.date.end) == july  # the date's evidence: its words in the report
    assert event.trigger is not None and event.trigger.doc_id == document.id


# ------------------------------------------------------------------ implicit sides (ACLED's conventions)


def test_whoever_protests_acts_as_protesters_of_the_place(nlp: Language, coder: EventCoder) -> None:
    read = read_text(nlp, "On 4 May 2020, in Monterrey, Nuevo Leon, taxi drivers protested against fuel prices.")
    event = only(coder.code(read), "protested")
    assert event.source_actor == "MEX.PRO"
    assert read.actors["MEX.PRO"].sectors == ["protesters"]
    assert event.target_actor is None  # a peaceful protest has no other side


def test_a_protest_other_side_is_the_force_that_dispersed_it(nlp: Language, coder: EventCoder) -> None:
    text = ("On 5 May 2020, traders protested in Kano, Nigeria, against the closure of the market. "
            "Police dispersed the protesters with tear gas.")
    events = coder.code(read_text(nlp, text))
    protest = only(events, "protested")
    assert protest.source_actor == "NGA.PRO"
    assert protest.target_actor is not None and protest.target_actor.endswith(".POL")


def test_an_attack_by_no_one_named_on_people_is_an_unidentified_group_against_civilians(
    nlp: Language, coder: EventCoder
) -> None:
    read = read_text(nlp, "On 3 May 2020, two men were shot dead in Culiacan, Sinaloa.")
    event = only(coder.code(read), "shot")
    # ACLED's convention is the default side; the event states no doer
    assert (event.source_actor, event.default_source, event.target_actor) == (None, "MEX.UNK", "MEX.CIV")


def test_an_attack_on_a_named_armed_group_by_no_one_named_stays_open(nlp: Language, coder: EventCoder) -> None:
    read = read_text(nlp, "Explosions hit a base of the Popular Mobilization Forces near Balad, Iraq.")
    events = coder.code(read)
    assert events and events[0].source_actor is None
    assert events[0].target_actor == "IRQ.PMF"


def test_an_arrest_with_no_agent_is_the_police(nlp: Language, coder: EventCoder) -> None:
    read = read_text(nlp, "On 6 May 2020, a journalist was arrested in Lahore, Punjab.")
    event = only(coder.code(read), "arrested")
    assert (event.source_actor, event.default_source) == (None, "PAK.POL")


def test_the_main_clause_event_comes_first(nlp: Language, coder: EventCoder) -> None:
    text = ("On 5 May 2020, in San Lorenzo, drivers of line 21, supported by a transport federation, "
            "protested at the headquarters of the company to demand their salary.")
    events = code(nlp, coder, text)
    assert events[0].type == "PROTEST" and events[0].trigger is not None
    assert events[0].trigger.text == "protested"


def test_workers_demanding_is_a_protest(nlp: Language, coder: EventCoder) -> None:
    events = code(nlp, coder, "On 4 May 2020, in Monclova, Coahuila, workers of a construction company demanded their salaries.")
    assert events and (events[0].type, events[0].mode) == ("PROTEST", "demo")


def test_repelling_an_attack_makes_the_repellers_its_target(nlp: Language, coder: EventCoder) -> None:
    events = code(nlp, coder, "On 4 May 2020, Iraqi forces repelled an attack by IS militants near Shirqat.")
    attack = only(events, "attack")
    assert attack.target_actor == "IRQ.MIL"


def test_an_unnamed_shelling_is_the_state_forces(nlp: Language, coder: EventCoder) -> None:
    events = code(nlp, coder, "On 5 May 2020, artillery shells hit the outskirts of Tripoli, Libya.")
    assert events and events[0].mode == "heavy-weapons"
    assert (events[0].source_actor, events[0].default_source) == (None, "LBY.MIL")


def test_a_with_object_is_the_partner_of_a_cooperative_event(nlp: Language, coder: EventCoder) -> None:
    restore = only(code(nlp, coder, "Egypt restored diplomatic ties with Qatar on Monday."), "restored")
    assert (restore.type, restore.source_actor, restore.target_actor) == ("COOPERATE", "EGY.GOV", "QAT.GOV")
    agree = only(code(nlp, coder, "France agrees with Germany on the plan."), "agrees")
    assert agree.target_actor == "DEU.GOV"


def test_coordinated_sources_give_one_event_each_the_first_first(nlp: Language, coder: EventCoder) -> None:
    events = code(nlp, coder, "France, Germany and Italy welcomed the agreement with Iran.")
    welcomed = [e for e in events if e.trigger is not None and e.trigger.text == "welcomed"]
    assert [e.source_actor for e in welcomed] == ["FRA.GOV", "DEU.GOV", "ITA.GOV"]


def test_coordinated_sides_of_a_clash_stay_one_event(nlp: Language, coder: EventCoder) -> None:
    events = code(nlp, coder, "On 4 May 2020, military forces of India and Pakistan exchanged fire across the LoC.")
    assert len([e for e in events if e.type == "ASSAULT"]) == 1


# ------------------------------------------------------------------ round 3: sides from the clause


def test_a_heading_before_a_colon_is_no_subject(nlp: Language, coder: EventCoder) -> None:
    events = code(nlp, coder, "Movement of forces: On 4 May 2020, Russian military police conducted a patrol near Qamishli, Syria.")
    assert only(events, "patrol").source_actor == "RUS.MIL"


def test_passives_share_their_agent(nlp: Language, coder: EventCoder) -> None:
    text = "On 6 May 2020, 2 Taliban militants were killed and 7 were wounded by an Afghan military airstrike in Kunduz."
    killed = only(code(nlp, coder, text), "killed")
    assert (killed.source_actor, killed.target_actor) == ("AFG.MIL", "AFG.TALIBAN")


def test_an_unnamed_attacker_of_police_is_unidentified_of_rebels_the_state(nlp: Language, coder: EventCoder) -> None:
    police = only(code(nlp, coder, "On 5 May 2020, two police officers were shot dead in Celaya, Guanajuato."), "shot")
    assert (police.source_actor, police.default_source, police.target_actor) == (None, "MEX.UNK", "MEX.POL")
    rebels = code(nlp, coder, "On 4 May 2020, three Taliban militants were killed in Helmand province, Afghanistan.")
    assert rebels and (rebels[0].source_actor, rebels[0].default_source) == (None, "AFG.MIL")


def test_clash_sides_from_between_on_the_clause_verb(nlp: Language, coder: EventCoder) -> None:
    text = ("On 6 May 2020, clashes were reported between pro-Hadi forces and tribesmen on one side and "
            "Houthi forces on the other near Marib.")
    clash = only(code(nlp, coder, text), "clashes")
    assert (clash.source_actor, clash.target_actor) == ("YEM.MIL", "YEM.HOUTHIS")


def test_engaging_in_a_firefight_makes_the_subject_a_side(nlp: Language, coder: EventCoder) -> None:
    events = code(nlp, coder, "On 3 May 2020, Somali army forces engaged in a firefight with Al Shabaab militants near Afgooye.")
    assert events and events[0].source_actor == "SOM.MIL"
    assert events[0].target_actor is not None and "SHABAAB" in events[0].target_actor


def test_a_named_subject_of_sending_beats_a_bare_modifier(nlp: Language, coder: EventCoder) -> None:
    events = code(nlp, coder, "On 8 May 2020, Turkish forces brought military reinforcements to their outposts in Idlib.")
    assert only(events, "reinforcements").source_actor == "TUR.MIL"


def test_exchanging_fire_with_a_force(nlp: Language, coder: EventCoder) -> None:
    events = code(nlp, coder, "On 5 May 2020, four armed men exchanged fire with military police forces in Manaus, Brazil.")
    clash = only(events, "exchanged fire")
    assert (clash.source_actor, clash.target_actor) == ("BRA.UNK", "BRA.MIL")


def test_a_passive_attack_takes_its_agent_from_the_clash_it_happened_in(nlp: Language, coder: EventCoder) -> None:
    text = "On 5 May 2020, a drug trafficker was killed after exchanging fire with police officers in Recife, Brazil."
    assert only(code(nlp, coder, text), "killed").source_actor == "BRA.POL"
    text = "On 5 May 2020, 3 PKK militants were killed during an operation carried out by Turkish soldiers in Sirnak."
    killed = only(code(nlp, coder, text), "killed")
    assert (killed.source_actor, killed.source_text) == ("TUR.MIL", "Turkish soldiers")


def test_a_verb_folded_into_a_nominal_attack_gives_it_a_source(nlp: Language, coder: EventCoder) -> None:
    events = code(nlp, coder, "On 8 May 2020, the Libyan National Army killed six civilians in an airstrike near Gharyan.")
    assert events and events[0].source_actor == "LBY.LNA"


def test_a_bare_explosion_is_the_state_forces_a_device_an_unidentified_group(nlp: Language, coder: EventCoder) -> None:
    bare = code(nlp, coder, "On 6 May 2020, 22 explosions were heard near Horlivka, Ukraine.")
    assert bare and (bare[0].source_actor, bare[0].default_source) == (None, "UKR.MIL")
    device = code(nlp, coder, "On 6 May 2020, an IED explosion hit a minibus near Kandahar, Afghanistan.")
    assert device and (device[0].source_actor, device[0].default_source) == (None, "AFG.UNK")


def test_gathering_to_support_is_a_protest(nlp: Language, coder: EventCoder) -> None:
    text = "On 7 May 2020, about 200 residents gathered in front of the governorate in Sfax, Tunisia, to support the governor."
    events = code(nlp, coder, text)
    assert events and (events[0].type, events[0].trigger.text if events[0].trigger else None) == ("PROTEST", "gathered")


def test_a_place_apposition_is_not_the_subject(nlp: Language, coder: EventCoder) -> None:
    text = "On 5 May 2020, in Tijuana, Baja California, a municipal police officer was shot dead by an armed man."
    shot = only(code(nlp, coder, text), "shot")
    assert shot.target_actor == "MEX.POL" and shot.target_text == "a municipal police officer"


def test_a_state_post_named_by_no_actor_is_the_state_forces(nlp: Language, coder: EventCoder) -> None:
    text = "On 8 May 2020, rebel forces fired mortars at the governmental positions near Avdiivka, Ukraine."
    fired = only(code(nlp, coder, text), "fired")
    assert fired.target_actor == "UKR.MIL"


def test_fire_at_a_place_that_hurt_no_one_has_no_victim(nlp: Language, coder: EventCoder) -> None:
    text = "On 4 May 2020, regime forces shelled the village of Kafr Nabl in Idlib, Syria. No casualties were reported."
    shelled = only(code(nlp, coder, text), "shelled")
    assert shelled.source_actor == "SYR.MIL" and shelled.target_actor is None
    text = "On 4 May 2020, regime forces shelled the village of Kafr Nabl in Idlib, Syria, killing two civilians."
    assert only(code(nlp, coder, text), "shelled").target_actor == "SYR.CIV"


def test_fire_at_a_place_that_hurt_people_uncounted_keeps_its_victims(nlp: Language, coder: EventCoder) -> None:
    text = "On 4 May 2020, regime forces shelled the village of Kafr Nabl in Idlib, Syria, wounding civilians."
    assert only(code(nlp, coder, text), "shelled").target_actor == "SYR.CIV"


def test_an_outlet_telling_of_an_attack_is_not_its_doer(nlp: Language, coder: EventCoder) -> None:
    text = "Associated Press: an air strike on the Mariupol drama theater killed about 600 people"
    assert only(code(nlp, coder, text), "air strike").source_actor is None


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The interior minister accused the outlawed armed group of a bombing on a busy street that killed six people.",
         "bombing"),
        ("An explosion ripped through the market as gunmen fired into the crowd, police said.", "explosion"),
    ],
)
def test_a_bombing_near_words_of_guns_is_no_shooting(nlp: Language, coder: EventCoder, text: str,
                                                      trigger: str) -> None:
    assert only(code(nlp, coder, text), trigger).mode == "explosives"


@pytest.mark.parametrize(
    ("text", "trigger", "mode"),
    [
        # "Armed Forces" names the state's body, not a shooting; an "air force" still tells its means
        ("The mayor said the Ukrainian Armed Forces struck the city centre with cluster munitions.", "struck", "aerial"),
        ("On 7 May 2020, the Libyan air force targeted militia positions near Misrata.", "targeted", "aerial"),
        ("On 7 May 2020, armed men attacked a police post near Gao, Mali.", "attacked", "firearms"),
    ],
)
def test_a_means_word_in_a_state_bodys_name_is_no_cue(nlp: Language, coder: EventCoder, text: str, trigger: str,
                                                      mode: str) -> None:
    assert only(code(nlp, coder, text), trigger).mode == mode


@pytest.mark.parametrize(
    ("text", "trigger", "mode"),
    [
        ("On 7 May 2020, observers counted 14 shots involving small arms near Avdiivka, Ukraine.", "shots", "firearms"),
        ("On 6 May 2020, monitors recorded 6 projectiles involving unknown weapons near Horlivka, Ukraine.",
         "projectiles", "heavy-weapons"),
        ("On 7 May 2020, a shoot-out took place in a neighborhood of Belo Horizonte, Brazil.", "shoot-out", "firearms"),
        ("On 6 May 2020, Houthi forces exchanged artillery with government forces near Taiz.", "exchanged", "firearms"),
    ],
)
def test_counted_fire_and_shootouts_are_attacks(nlp: Language, coder: EventCoder, text: str, trigger: str, mode: str) -> None:
    event = only(code(nlp, coder, text), trigger)
    assert (event.type, event.mode) == ("ASSAULT", mode)
    if trigger == "shoot-out":
        # "took place": no one hit, and neither side named: both are unidentified armed groups
        assert event.source_actor is None and event.default_source == event.default_target == "BRA.UNK"


def test_what_was_fired_is_not_the_target(nlp: Language, coder: EventCoder) -> None:
    text = "On 6 May 2020, separatist forces fired IFVs at the positions of the Ukrainian army near Avdiivka."
    fired = only(code(nlp, coder, text), "fired")
    assert fired.mode == "heavy-weapons"
    assert fired.target_text == "the Ukrainian army"  # the owner of the positions, not the IFVs


def test_a_thwarted_attack_on_a_place_was_on_those_who_thwarted_it(nlp: Language, coder: EventCoder) -> None:
    text = "On 5 May 2020, Iraqi forces thwarted an IS attack on the town of Baiji."
    attack = only(code(nlp, coder, text), "attack")
    assert attack.target_actor == "IRQ.MIL"


def test_an_officer_of_a_district_is_the_target_not_the_district(nlp: Language, coder: EventCoder) -> None:
    text = "On 6 May 2020, unidentified gunmen shot and injured the police officer of Faskari district in Katsina, Nigeria."
    shot = only(code(nlp, coder, text), "shot")
    assert shot.target_text is not None and "officer" in shot.target_text


def test_a_protest_the_crowd_turned_violent_was_by_rioters(nlp: Language, coder: EventCoder) -> None:
    text = ("On 4 May 2020, about 300 workers demonstrated in Guntur, India, demanding unpaid wages. "
            "They burned tires and blocked the highway.")
    assert only(code(nlp, coder, text), "demonstrated").source_actor == "IND.RIO"
    calm = "On 4 May 2020, about 300 workers demonstrated in Guntur, India, demanding unpaid wages."
    assert only(code(nlp, coder, calm), "demonstrated").source_actor == "IND.PRO"


def test_a_protest_comes_before_what_it_voices(nlp: Language, coder: EventCoder) -> None:
    text = ("On 7 May 2020, bus owners protested by driving their buses through Split, Croatia, "
            "and demanded a moratorium on loan payments.")
    events = code(nlp, coder, text)
    assert events and events[0].type == "PROTEST"


def test_a_date_is_no_subject(nlp: Language, coder: EventCoder) -> None:
    text = "Around 6 May 2020 (as reported), in Chilpancingo, Guerrero, a man was found dead in a ravine."
    events = code(nlp, coder, text)
    assert events and events[0].target_text == "a man"


def test_a_thrown_weapon_takes_the_thrower_and_the_at_object(nlp: Language, coder: EventCoder) -> None:
    text = "On 3 May 2020, Taliban militants threw a grenade at a mosque in Paktika, Afghanistan."
    grenade = only(code(nlp, coder, text), "grenade")
    assert (grenade.source_actor, grenade.target_text) == ("AFG.TALIBAN", "a mosque")


def test_a_vehicle_that_struck_a_mine_was_hit(nlp: Language, coder: EventCoder) -> None:
    struck = only(code(nlp, coder, "On 5 May 2020, a Malian army vehicle struck an IED near Boni, Mali."), "struck")
    assert struck.target_actor == "MLI.MIL" and struck.source_actor != "MLI.MIL"


def test_a_clash_between_coordinated_modifiers(nlp: Language, coder: EventCoder) -> None:
    clash = only(code(nlp, coder, "On 8 May 2020, a clash between GNA and LNA forces was reported in Tripoli, Libya."), "clash")
    assert {clash.source_actor, clash.target_actor} == {"LBY.GNA", "LBY.LNA"}


def test_an_attacker_named_by_its_people_is_a_mob(nlp: Language, coder: EventCoder) -> None:
    text = "On 8 May 2020, in Recife, Pernambuco, a suspected thief was beaten up by locals at a bus stop."
    assert only(code(nlp, coder, text), "beaten").source_actor == "BRA.RIO"
    armed = "On 8 May 2020, in Recife, Pernambuco, a shopkeeper was beaten up by armed men at a bus stop."
    assert only(code(nlp, coder, armed), "beaten").source_actor == "BRA.UNK"


def test_is_militants_are_the_islamic_states(nlp: Language, coder: EventCoder) -> None:
    text = "On 7 May 2020, IS militants killed a police officer by sniper fire near Baquba in Diyala."
    killed = only(code(nlp, coder, text), "killed")
    assert killed.source_text == "IS militants" and killed.source_actor == "GRP.ISIS"


def test_shot_and_killed_by_shares_the_agent(nlp: Language, coder: EventCoder) -> None:
    text = "On 8 May 2020, a soldier was shot and killed by Taliban militants near Kandahar, Afghanistan."
    assert only(code(nlp, coder, text), "shot").source_actor == "AFG.TALIBAN"


def test_a_group_planted_mine_is_the_group_s(nlp: Language, coder: EventCoder) -> None:
    text = "On 7 May 2020, a policeman was killed by a Taliban-planted landmine in Kandahar, Afghanistan."
    assert only(code(nlp, coder, text), "landmine").source_actor == "AFG.TALIBAN"


def test_police_who_intervened_are_the_protest_s_other_side(nlp: Language, coder: EventCoder) -> None:
    text = ("On 5 May 2020, dismissed workers held a sit-in protest in Ankara, Turkey. "
            "Police intervened and removed the protesters by force.")
    assert only(code(nlp, coder, text), "protest").target_actor == "TUR.POL"
    text = "On 4 May 2020, villagers staged a demonstration in Agartala, India. Police resorted to a baton charge."
    charge = only(code(nlp, coder, text), "baton charge")
    assert (charge.type, charge.mode, charge.source_actor) == ("COERCE", "crowd-control", "IND.POL")


def test_a_police_station_named_by_no_actor_is_the_police(nlp: Language, coder: EventCoder) -> None:
    text = "On 5 May 2020, militants attacked the police station in Mopti, Mali."
    assert only(code(nlp, coder, text), "attacked").target_actor == "MLI.POL"


def test_harmless_fire_at_a_named_place_and_things_burned_have_no_victim(nlp: Language, coder: EventCoder) -> None:
    text = "On 4 May 2020, regime forces shelled Kansafra in Idlib, Syria. Neither injuries nor fatalities were reported."
    assert only(code(nlp, coder, text), "shelled").target_actor is None
    text = "On 7 May 2020, hundreds of demonstrators burned tires in Tahrir Square in Baghdad, Iraq."
    assert only(code(nlp, coder, text), "burned").target_actor is None
    text = "On 6 May 2020, Houthi forces fired mortar shells at Hays district in Yemen with no report of fatalities."
    assert only(code(nlp, coder, text), "fired").target_text != "no report of fatalities"


def test_a_named_person_shot_is_a_civilian_victim(nlp: Language, coder: EventCoder) -> None:
    text = "On 6 May 2020, gunmen shot Ahmed Rashid outside his shop in Kandahar, Afghanistan."
    assert only(code(nlp, coder, text), "shot").target_actor is not None


@pytest.mark.parametrize(
    ("text", "trigger", "mode"),
    [
        ("On 5 May 2020, Israeli forces razed farmland near Hebron.", "razed", "destroy"),
        ("On 7 May 2020, settlers uprooted 450 olive seedlings near Bethlehem.", "uprooted", "destroy"),
        ("On 5 May 2020, Houthi forces launched two ballistic missiles towards Saudi Arabia.", "missiles", "heavy-weapons"),
    ],
)
def test_razing_uprooting_and_launched_missiles(nlp: Language, coder: EventCoder, text: str, trigger: str, mode: str) -> None:
    event = only(code(nlp, coder, text), trigger)
    assert (event.type, event.mode) == ("ASSAULT", mode)


def test_the_other_state_of_a_forces_of_phrase_is_the_other_side(nlp: Language, coder: EventCoder) -> None:
    text = "On 7 May 2020, military forces of India and Pakistan exchanged fire across the LoC in Poonch district."
    fire = only(code(nlp, coder, text), "exchanged fire")
    assert (fire.source_actor, fire.target_actor) == ("IND.MIL", "PAK.MIL")


def test_a_weapon_fired_by_a_group_is_the_group_s(nlp: Language, coder: EventCoder) -> None:
    text = "On 6 May 2020, shells fired by LNA forces fell in Qasr bin Ghashir, Libya."
    assert only(code(nlp, coder, text), "shells").source_actor == "LBY.LNA"


def test_a_plural_group_that_clashed_is_both_sides(nlp: Language, coder: EventCoder) -> None:
    text = "On 7 May 2020, armed men clashed in Fresnillo, Zacatecas. Neither fatalities nor injuries were reported."
    clash = only(code(nlp, coder, text), "clashed")
    assert clash.source_actor == clash.target_actor == "MEX.UNK"


def test_clashes_between_x_against_y(nlp: Language, coder: EventCoder) -> None:
    text = "On 6 May 2020, clashes took place between regime forces against opposition rebels near Saraqib in Idlib, Syria."
    clash = only(code(nlp, coder, text), "clashes")
    assert (clash.source_actor, clash.target_actor) == ("SYR.MIL", "SYR.REB")


def test_is_militants_as_an_object_misread_as_a_copula(nlp: Language, coder: EventCoder) -> None:
    text = "On 7 May 2020, the PMF shelled IS militants using rockets near Tuz Khurmatu."
    shelled = only(code(nlp, coder, text), "shelled")
    assert (shelled.target_text, shelled.target_actor) == ("IS militants", "GRP.ISIS")


def test_an_arson_attack_targeting_a_building(nlp: Language, coder: EventCoder) -> None:
    text = "On 7 May 2020, a militant group carried out an arson attack targeting a shopping mall in Istanbul."
    attack = only(code(nlp, coder, text), "attack")
    assert attack.mode == "destroy"
    assert (attack.source_text, attack.target_text) == ("a militant group", "a shopping mall")


def test_shooting_down_a_drone_takes_a_weapon_out_of_use(nlp: Language, coder: EventCoder) -> None:
    events = code(nlp, coder, "On 8 May 2020, LNA forces shot down a Turkish drone near Tripoli, Libya.")
    down = only(events, "shot down")
    assert (down.type, down.mode, down.source_actor) == ("COERCE", "seize", "LBY.LNA")


def test_hurling_molotov_cocktails_is_a_riot(nlp: Language, coder: EventCoder) -> None:
    text = "On 8 May 2020, rioters hurled a Molotov cocktail at a bank branch in Tripoli, Lebanon."
    hurled = only(code(nlp, coder, text), "hurled")
    assert (hurled.type, hurled.mode, hurled.source_actor) == ("PROTEST", "riot", "LBN.RIO")


def test_foreign_nationals_who_clashed_are_rioters_of_their_country(nlp: Language, coder: EventCoder) -> None:
    text = "On 4 May 2020, Indian nationals clashed with Nepal Armed Police personnel in Jhapa, Nepal."
    clash = only(code(nlp, coder, text), "clashed")
    assert clash.source_actor == "IND.RIO"


def test_people_who_stepped_on_a_mine_were_hit(nlp: Language, coder: EventCoder) -> None:
    text = "On 5 May 2020, villagers stepped on a landmine in Samlout district, Cambodia."
    assert only(code(nlp, coder, text), "landmine").target_actor == "KHM.CIV"


def test_gunmen_who_attacked_a_village_attacked_its_people(nlp: Language, coder: EventCoder) -> None:
    text = "On 6 May 2020, unidentified gunmen attacked Kagara in Rafi, Nigeria, and abducted four people."
    attacked = only(code(nlp, coder, text), "attacked")
    assert attacked.target_actor is not None and attacked.target_actor.endswith(".CIV")


def test_the_unarmed_victim_of_a_verb_folded_into_a_nominal_attack(nlp: Language, coder: EventCoder) -> None:
    text = "On 8 May 2020, a government employee was killed in a drive-by shooting in Port-au-Prince, Haiti."
    events = code(nlp, coder, text)
    assert events and events[0].target_text == "a government employee" and events[0].target_actor == "HTI.CIV"


def test_an_off_duty_officer_is_a_civilian_target(nlp: Language, coder: EventCoder) -> None:
    text = "On 5 May 2020, Al Shabaab militants shot and killed an off-duty police officer in Mogadishu, Somalia."
    assert only(code(nlp, coder, text), "shot").target_actor == "SOM.CIV"


# ------------------------------------------------------------------ round 4


def test_a_weapon_list_misread_as_a_verb_keeps_the_target(nlp: Language, coder: EventCoder) -> None:
    # "grenade" is parsed as a verb conjoined to "fired" and takes the "at" phrase
    text = ("On 5 May 2020, the Ukrainian Forces fired 82mm mortars and grenade launchers at the positions "
            "of the Donbass People's Militia in the area of Sakhanka, Donetsk.")
    fire = only(code(nlp, coder, text), "fired")
    assert (fire.source_actor, fire.target_actor) == ("UKR.MIL", "UKR.DPR")
    text = "On 6 May 2020, the NAF rebel forces fired 120mm mortars and grenade launchers at the governmental positions near Orikhove, Luhansk."
    assert only(code(nlp, coder, text), "fired").target_actor == "UKR.MIL"


def test_forces_of_a_de_facto_state_are_its_own(nlp: Language, coder: EventCoder) -> None:
    text = ("On 6 May 2020, military forces of Artsakh fired with unspecified weapons on the positions of the "
            "military forces of Azerbaijan near Talish, Tartar.")
    fire = only(code(nlp, coder, text), "fired")
    assert (fire.source_actor, fire.target_actor) == ("ARM.ARTSAKH", "AZE.MIL")


def test_a_clash_naming_no_side_is_between_unidentified_armed_groups(nlp: Language, coder: EventCoder) -> None:
    text = "On 7 May 2020, in Nova Iguacu, Rio de Janeiro, a shoot-out took place in Grama neighborhood."
    fight = only(code(nlp, coder, text), "shoot-out")
    assert fight.source_actor is None and fight.default_source == fight.default_target == "BRA.UNK"
    # a side that is named is kept, and the other is not invented
    text = "On 7 May 2020, a shoot-out between police and gang members took place in Manaus, Amazonas."
    assert only(code(nlp, coder, text), "shoot-out").source_actor == "BRA.POL"


@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        # a headline drops the passive's auxiliary: the subject is the one hit
        ("Oil tankers attacked in the Gulf of Oman\n\nTwo tankers were hit by explosions on Thursday.",
         "attacked", None, "Oil tankers"),
        ("Aid convoy shelled near Kherson\n\nThe convoy was carrying food.", "shelled", None, "Aid convoy"),
        # with an object, or in the body, the subject does it
        ("Gunmen killed three police officers near Tikrit\n\nThe attack happened on Monday.",
         "killed", "Gunmen", "three police officers"),
        ("The report said so.\n\nRebels shelled the town overnight, officials said.", "shelled", "Rebels", "the town"),
    ],
)
def test_a_headline_passive_without_its_auxiliary(
    nlp: Language, coder: EventCoder, text: str, trigger: str, source: str | None, target: str
) -> None:
    event = only(code(nlp, coder, text), trigger)
    assert (event.source_text, event.target_text) == (source, target)


@pytest.mark.parametrize("text, trigger", [
    ("Israel blamed Palestinian militant group Islamic Jihad for the Gaza hospital blast.", "blast"),
    ("Investigators examined the Mogadishu hotel attack for weeks.", "attack"),
])
def test_a_place_naming_an_events_site_is_not_its_doer(nlp: Language, coder: EventCoder, text: str,
                                                       trigger: str) -> None:
    event = only(code(nlp, coder, text), trigger)
    assert event.source_actor is None and event.source_text is None


def test_a_nationality_before_an_attack_is_still_its_doer(nlp: Language, coder: EventCoder) -> None:
    event = only(code(nlp, coder, "Hamas said hundreds were killed in an Israeli airstrike on the hospital."),
                 "airstrike")
    assert event.source_actor is not None and event.source_actor.startswith("ISR")


@pytest.mark.parametrize(("text", "count", "bound"), [
    ("The bombing of the market killed more than 1,400 people.", 1400, "at_least"),
    ("At least 12 soldiers were killed in the ambush near the border.", 12, "at_least"),
    ("The shelling killed nearly 40 civilians in the town.", 40, "about"),
    ("The airstrike killed 9 people in the village.", 9, None),
])
def test_the_words_bounding_a_death_toll(nlp: Language, coder: EventCoder, text: str, count: int,
                                         bound: str | None) -> None:
    (event,) = [e for e in code(nlp, coder, text) if e.fatalities is not None]
    assert (event.fatalities, event.fatalities_bound) == (count, bound)
