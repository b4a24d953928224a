"""Deeds done to the doers of an attack, read from the words naming whom they were done to (real sentences)."""

from __future__ import annotations

from triangulate.base.doers import done_to_doer

NOUNS = frozenset({"attacker", "attackers", "assailant", "assailants", "gunman", "gunmen", "bomber"})


def test_a_doer_named_by_his_part_in_the_attack() -> None:
    # Irish Times, 2017-04-21: "The suspected assailant was killed by police."
    assert done_to_doer("The suspected assailant", "The suspected assailant was killed by police.", NOUNS)
    # Delhi Daily News, 2017-04-21
    assert done_to_doer("The gunman", "The gunman was shot dead by the police as he tried to flee on foot; two other "
                        "police officers and a bystander were wounded.", NOUNS, "the police")
    assert done_to_doer("one of the attackers", "Police said one of the attackers was killed.", NOUNS)


def test_another_stands_for_a_doer_named_before_it() -> None:
    sentence = ("One attacker blew himself up at the gate and three others were killed by security forces after a "
                "battle that lasted several hours.")
    assert done_to_doer("three others", sentence, NOUNS, "security forces")
    assert done_to_doer("another", "One of the gunmen was shot dead and another was arrested.", NOUNS, None)


def test_the_doer_s_own_victims_are_not_doers() -> None:
    # Global News, 2018-05-13: the assailant is the doer of the deed, "four others" its victims
    sentence = ("A knife-wielding assailant yelling \u201cAllah Akbar!\u201d killed one person and wounded four others "
                "in Paris on Saturday before being shot dead by police, French authorities said.")
    assert not done_to_doer("four others", sentence, NOUNS, "A knife-wielding assailant")
    assert not done_to_doer("four others", "A bomb killed one person and wounded four others.", NOUNS, "A bomb")
    assert not done_to_doer("civilians", "The gunmen killed civilians.", NOUNS, "The gunmen")
    assert not done_to_doer(None, "The attacker was shot.", NOUNS)
    assert not done_to_doer("another", "Another was killed.", NOUNS)  # no doer named before it
