"""`check` reads a user's wording of a claim as the reports tell it: whose statement it is, which side it names
(a capital, a state's organs, a person's last name, a group's own men), and which stored words answer it."""

from __future__ import annotations

import pytest

from tests.link.builders import stored_reports
from triangulate.link import verdict
from triangulate.link.verdict import check_record
from triangulate.store import SQLiteStore

BUS = {
    "bus-sofia.txt": "Bulgarian investigators said on Tuesday that Hezbollah carried out the bombing of the tourist "
                     "bus at the airport in Burgas, which killed five Israelis.",
    "bus-beirut.txt": "Hezbollah denied any role in the bombing of the tourist bus at the airport in Burgas, calling "
                      "the accusations lies.",
}
DEPOT = {
    "depot-moscow.txt": "The Russian foreign ministry rejected accusations that the GRU had a role in the explosions "
                        "at the arms depot in Vrbetice, calling them absurd.",
    "depot-prague.txt": "Czech Prime Minister Andrej Babis announced on Saturday the expulsion of 18 Russian "
                        "diplomats over the explosions at the arms depot in Vrbetice.",
    "depot-briefing.txt": "Babis told reporters there was clear evidence that GRU officers were involved in the "
                          "explosions at the arms depot in Vrbetice.",
}
SHIP = {
    "ship-ottawa.txt": "Canada's foreign minister said the evidence \"points clearly to a North Korean torpedo\" in "
                       "the sinking of the warship and that there was no other credible explanation.",
}
AIRBASE = {
    "airbase-tv.txt": "Russia's Dozhd television channel speculated on Wednesday that Kyiv was behind the "
                      "explosions at the air base in Crimea.",
}
FESTIVAL = {
    "festival-claim.txt": "The Islamic State group claimed responsibility on Saturday for the knife attack at the "
                          "city festival in Solingen, which killed three people.",
}
STATION = {
    "station-claim.txt": "The Baloch Liberation Army, an ethnic separatist group, claimed responsibility for the "
                         "suicide bombing at the railway station in Quetta, which killed 26 people.",
}
AIRFIELD = {
    "airfield-moscow.txt": "Russia's defence ministry denied that the air base in Crimea had been shelled, saying "
                           "that ammunition had detonated in a storage area.",
}
COURT = {
    "court-verdict.txt": "The regional court in Dusseldorf on Wednesday imposed a life sentence on the suspect in "
                         "the knife attack at the festival in Solingen.",
}
HOSPITAL = {
    "hospital-kremlin.txt": "The Kremlin said on Tuesday that the children's hospital in Kyiv had been hit by a "
                            "falling Ukrainian air-defence missile, not by a Russian strike.",
}
ENVOY = {
    "envoy-ankara.txt": "Turkey's interior minister told reporters on Tuesday that Ankara believed the movement of "
                        "the cleric Fethullah Gulen was behind the shooting of the Russian ambassador.",
}
LEADER = {
    "leader-first.txt": "The Hamas leader was killed in an air strike on his residence in Tehran early on Wednesday.",
    "leader-later.txt": "Israel's defence minister admitted for the first time on Monday that Israel killed the Hamas "
                        "leader in Tehran.",
}


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SQLiteStore]:
    sets = {"bus": BUS, "depot": DEPOT, "ship": SHIP, "airbase": AIRBASE, "festival": FESTIVAL, "station": STATION,
            "airfield": AIRFIELD, "court": COURT, "hospital": HOSPITAL, "envoy": ENVOY}
    found = {name: stored_reports(tmp_path_factory, f"reading-{name}", reports) for name, reports in sets.items()}
    found["leader"] = stored_reports(tmp_path_factory, "reading-leader", LEADER,
                                     {"leader-first.txt": "2024-07-31", "leader-later.txt": "2024-12-23"})
    return found


@pytest.mark.parametrize(("name", "claim", "expected"), [
    # a cue the attribution model found ("concluded") is still a statement by its speaker when its words say who
    # did it: Hezbollah's denial does not dispute what the investigators concluded
    ("bus", "Sofia's prosecutors concluded that Hezbollah was responsible for the Burgas bus bombing.", "supported"),
    # the claim's statement is its own speaker's, not the allegations it answers; the GRU is a Russian state organ
    ("depot", "Moscow rejected the Czech allegations over the Vrbetice depot explosions as absurd.", "supported"),
    # a person a report names by the last name alone is the person the reports place in a government: Prague's
    ("depot", "Prague blamed the GRU for the explosions at the Vrbetice arms depot.", "supported"),
    # the speaker's own sentence saying it, whatever else it denies ("no other credible explanation"); a ship's
    # name is a thing the sentence may leave out, not a side
    ("ship", "Ottawa said the evidence pointed to a North Korean torpedo in the sinking of the warship.", "supported"),
    # a country's name owning a channel is not the channel's name: Moscow said nothing here
    ("airbase", "Moscow said the explosions at the Crimean air base were caused by a Ukrainian strike.",
     "unsupported"),
    # "one of its soldiers" are the speaker's own men: a claim
    ("festival", "Daesh said one of its soldiers carried out the knife attack at the Solingen festival.",
     "supported"),
    # a group's claim under two names ("Baloch separatists", "the Baloch Liberation Army, a separatist group")
    ("station", "Baloch separatists claimed the suicide bombing at the Quetta railway station.", "supported"),
    # a place the claim's reading took for the accused ("Kyiv") gives way to the side its words name
    ("hospital", "The Kremlin blamed a Ukrainian anti-aircraft missile for the damage to the Kyiv children's "
                 "hospital.", "supported"),
    # ... but not to the one the deed was done to ("the killing of the Russian ambassador")
    ("envoy", "Turkey's interior minister said the Gulen movement was behind the killing of the Russian ambassador.",
     "supported"),
    # the speaker denied the deed itself: it said no side did it
    ("airfield", "Moscow acknowledged that the Crimean air base was hit by a Ukrainian strike.", "refuted"),
    # a court's sentence is the opposite of an acquittal
    ("court", "A Dusseldorf court acquitted the suspect in the Solingen knife attack.", "refuted"),
    # an admission months later is no claim made on the day it happened
    ("leader", "Israel admitted killing the Hamas leader in Tehran.", "supported"),
    ("leader", "Israel admitted killing the Hamas leader in Tehran on the day it happened.", "unsupported"),
])
def test_a_users_wording_is_read_as_the_reports_tell_it(stores: dict[str, SQLiteStore], name: str, claim: str,
                                                          expected: str) -> None:
    result = check_record(stores[name], claim)
    assert result.verdict == expected, (result.reading, [i.speaker_text for i in result.supports],
                                        [i.speaker_text for i in result.refutes])


def test_an_admission_of_what_another_did_is_no_admission_of_ones_own_part() -> None:
    def own(claim: str) -> str | None:
        read, found = verdict._read(claim)
        said = next(c for c in verdict._analyzed(read, found).claims if c.speaker_text)
        part = verdict._own_part(read, said)
        return part.stance if part is not None else None

    assert own("The government admitted using chemical weapons against the rebels.") == "admits"
    assert own("Pakistan's government acknowledged that the attackers came from its territory.") is None
    # a claim of its own deed, told with its pronoun
    assert own("The group's Sinai branch claimed it brought down the Russian airliner.") == "claims"
