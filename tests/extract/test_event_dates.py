"""How an event picks its date (triangulate.extract.events.anchoring `_date`), on news-style sentences."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.events_helpers import coded as events
from triangulate.extract.events import EventCoder


def first_date(nlp: Language, coder: EventCoder, text: str) -> str | None:
    found = events(nlp, coder, text)
    assert found, "no event"
    return found[0].date.value if found[0].date else None


def test_the_opening_date_wins_over_a_date_inside_a_relative_clause(nlp: Language, coder: EventCoder) -> None:
    text = ("On 7 May 2020, retired soldiers together with protesters from the movement that started on "
            "October 17, protested outside the central bank in Beirut.")
    assert first_date(nlp, coder, text) == "2020-05-07"


def test_the_main_date_comes_before_the_span_in_brackets(nlp: Language, coder: EventCoder) -> None:
    text = ("Around 6 May 2020 (from 6 -7 May), a large number of residents burned tires and barricaded "
            "roads in Timbuktu in reaction to the killing of a young man.")
    assert first_date(nlp, coder, text) == "2020-05-06"


def test_a_date_beats_a_vague_or_a_duration(nlp: Language, coder: EventCoder) -> None:
    text = ("On 8 May 2020, textile workers held a protest in Kucove for a second consecutive day, "
            "demanding unpaid wages.")
    assert first_date(nlp, coder, text) == "2020-05-08"


def test_a_sentence_without_a_date_takes_the_latest_one_before(nlp: Language, coder: EventCoder) -> None:
    text = ("On 8 May 2020, police carried out an operation in the Chapadao Complex of Rio de Janeiro. "
            "Gunmen shot and killed two officers during the raid.")
    found = [e for e in events(nlp, coder, text) if e.trigger is not None and e.trigger.text == "shot"]
    assert found and found[0].date is not None
    assert found[0].date.value == "2020-05-08"


def test_the_trigger_verbs_own_date_beats_the_reporting_date(nlp: Language, coder: EventCoder) -> None:
    text = "On 4 May 2020, officials said that gunmen killed three villagers on 2 May near the border."
    assert first_date(nlp, coder, text) == "2020-05-02"


def test_a_date_named_in_passing_does_not_carry_to_the_next_sentence(nlp: Language, coder: EventCoder) -> None:
    text = ("Officials confirmed that the July 19 attack was carried out by drones. "
            "Gunmen shot two guards outside the base in Amerli.")
    found = [e for e in events(nlp, coder, text) if e.trigger is not None and e.trigger.text == "shot"]
    assert found and found[0].date is None


def test_an_unanchored_duration_is_no_date(nlp: Language, coder: EventCoder) -> None:
    text = ("A few hours before the release of the report, air-defense units opened fire at an unknown "
            "drone that was flying over a base near Baghdad.")
    assert first_date(nlp, coder, text) is None


def test_a_date_of_a_clause_describing_another_noun_is_not_the_events(nlp: Language, coder: EventCoder) -> None:
    found = events(nlp, coder, "If confirmed, the attack on the hospital would be by far the deadliest airstrike in "
                               "five wars fought since 2008.")
    attack = next(e for e in found if e.trigger is not None and e.trigger.text == "attack")
    assert attack.date is None or attack.date.start_date is None or attack.date.start_date.year != 2008
    blast = events(nlp, coder, "Israel blamed Islamic Jihad for the hospital blast, a deadly attack amid the war "
                               "that started on October 7, 2023.")
    first = next(e for e in blast if e.trigger is not None and e.trigger.text == "blast")
    assert first.date is None or first.date.start_date is None


def test_a_deed_only_weighed_takes_no_date_or_toll_of_the_attack_its_sentence_names(
        nlp: Language, coder: EventCoder) -> None:
    text = ("The talks came as the government weighs a military strike against the militia as punishment for the "
            "March 3 rocket attack that killed more than 40 people.")
    found = {e.trigger.text: e for e in events(nlp, coder, text) if e.trigger is not None}
    strike, attack = found["strike"], found["rocket attack"]
    assert strike.modality == "hypothetical" and strike.date is None and strike.fatalities is None
    assert attack.date is not None and attack.date.value.endswith("-03-03") and attack.fatalities == 40


def _dated(nlp: Language, coder: EventCoder, text: str, trigger: str) -> str | None:
    found = [e for e in events(nlp, coder, text) if e.trigger is not None and e.trigger.text == trigger]
    assert len(found) == 1, [e.trigger.text for e in events(nlp, coder, text) if e.trigger]
    return found[0].date.value if found[0].date else None


def test_a_deed_inside_another_nouns_phrase_is_not_dated_by_that_nouns_verb(
        nlp: Language, coder: EventCoder) -> None:
    # the sentencing's day is not the attack's: the attack is named in the accomplices' phrase
    text = ("The court in Graz sentenced on Thursday February 2, 2023 to life imprisonment two alleged "
            "accomplices of the author of the jihadist attack.")
    assert _dated(nlp, coder, text, "attack") is None
    text = "Victims of the 17 May 2020 bombing in the market were buried on 19 May 2020."
    assert _dated(nlp, coder, text, "bombing") == "2020-05-17"


def test_a_wave_of_deeds_is_dated_by_its_verb(nlp: Language, coder: EventCoder) -> None:
    text = "A wave of airstrikes on Monday, May 18, 2020 killed 20 people in the town."
    assert _dated(nlp, coder, text, "airstrikes") == "2020-05-18"


def test_a_date_that_sets_the_scene_dates_a_deed_inside_another_nouns_phrase(
        nlp: Language, coder: EventCoder) -> None:
    text = "On 8 May 2020, the monitors observed a total of 5 explosions involving unknown weapons near the village."
    assert _dated(nlp, coder, text, "explosions") == "2020-05-08"
