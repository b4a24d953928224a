"""Who did it across reports: perpetrator status and the disputes between responsibility statements."""

from __future__ import annotations

from datetime import date

import pytest

from triangulate.link.disputes import dispute_contradictions, rank
from triangulate.link.responsibility import responsibility_links
from triangulate.records import (
    Actor,
    Contradiction,
    ContradictionSide,
    Document,
    MergedEvent,
    Responsibility,
    ResponsibilityStance,
    Span,
)

ACTORS = {a.id: a for a in (
    Actor(id="RUS.GOV", name="Government of Russia", country="RU", sectors=["government"], kind="government"),
    Actor(id="RUS.MIL", name="Military Forces of Russia", country="RU", sectors=["military"], kind="military",
          affiliation="RUS.GOV"),
    Actor(id="UKR.GOV", name="Government of Ukraine", country="UA", sectors=["government"], kind="government"),
    Actor(id="USA.GOV", name="Government of United States", country="US", sectors=["government"], kind="government"),
    Actor(id="ISR.GOV", name="Government of Israel", country="IL", sectors=["government"], kind="government"),
    Actor(id="ISR.MIL", name="Military Forces of Israel", country="IL", sectors=["military"], kind="military",
          affiliation="ISR.GOV"),
    Actor(id="GRP.ISIS", name="Islamic State", sectors=["armed group"], kind="group"),
    Actor(id="prov:salman-abedi", name="Salman Abedi", kind="person"),
    Actor(id="MED.AMAQ", name="Amaq News Agency", sectors=["media"], kind="organization"),
    Actor(id="UKR.INT", name="Intelligence Services of Ukraine", country="UA", sectors=["intelligence"],
          kind="government", affiliation="UKR.GOV"),
    Actor(id="UKR.GOV.zelensky", name="Volodymyr Zelensky", country="UA", kind="person", affiliation="UKR.GOV"),
    Actor(id="GBR.REB", name="Rebels (United Kingdom)", country="GB", sectors=["rebel"], kind="group",
          affiliation="GBR.GOV", role="REB"),
    Actor(id="NGO.SOHR", name="Syrian Observatory for Human Rights", country="SY", sectors=["ngo"],
          kind="organization"),
    Actor(id="SYR.GOV", name="Government of Syria", country="SY", sectors=["government"], kind="government"),
    Actor(id="prov:islamist-fighters", name="Islamist fighters", kind="organization", provisional=True),
)}


def _doc(doc_id: str, outlet: str, day: str) -> Document:
    return Document(id=doc_id, external_id=doc_id, text="x" * 200, outlet=outlet, published=date.fromisoformat(day))


def _said(doc: Document, n: int, speaker: str, words: str, stance: ResponsibilityStance, accused: str,
          sentence: str) -> Responsibility:
    return Responsibility(id=f"{doc.id}:r{n}", doc_id=doc.id, speaker=speaker, speaker_text=words, stance=stance,
                          accused=accused, accused_text=ACTORS[accused].name, cue="said", factuality="CT+",
                          published=doc.published, evidence=[Span(doc_id=doc.id, start=0, end=len(sentence),
                                                                  text=sentence)])


def _event() -> MergedEvent:
    return MergedEvent(id="m1", story_id="s1", type="ASSAULT", event_ids=["a:e1"], doc_ids=["a"])


def _links(statements: list[Responsibility], docs: list[Document]) -> tuple[MergedEvent, list]:
    merged, placed = responsibility_links("s1", statements, [_event()], {}, {d.id: d for d in docs}, ACTORS)
    return merged[0], dispute_contradictions(merged, placed, {d.id: d for d in docs}, ACTORS)


def _ranked(statements: list[Responsibility], docs: list[Document]) -> list[Contradiction]:
    by_id = {d.id: d for d in docs}
    merged, placed = responsibility_links("s1", statements, [_event()], {}, by_id, ACTORS)
    return rank(dispute_contradictions(merged, placed, by_id, ACTORS), placed, ACTORS)


def test_an_accusation_denied_is_a_disputed_perpetrator() -> None:
    kyiv, tass = _doc("a", "Kyiv Post", "2023-06-06"), _doc("b", "TASS", "2023-06-06")
    event, found = _links([
        _said(kyiv, 1, "UKR.GOV", "Ukraine", "accuses", "RUS.MIL", "Ukraine said Russian forces blew up the dam."),
        _said(tass, 1, "RUS.GOV", "the Kremlin", "denies", "RUS.GOV", "The Kremlin denied any involvement."),
    ], [kyiv, tass])
    assert event.perpetrator is not None and event.perpetrator.status == "disputed"
    (dispute,) = [c for c in found if c.kind == "perpetrator"]
    assert [s.speaker for s in dispute.evidence] == ["UKR.GOV", "RUS.GOV"]


def test_two_sources_naming_two_sides_are_rivals() -> None:
    kyiv, tass = _doc("a", "Kyiv Post", "2023-06-06"), _doc("b", "TASS", "2023-06-06")
    event, found = _links([
        _said(kyiv, 1, "UKR.GOV", "Ukraine", "accuses", "RUS.GOV", "Ukraine blamed Russia for the blast."),
        _said(tass, 1, "RUS.GOV", "Moscow", "accuses", "UKR.GOV", "Moscow blamed Ukraine for the blast."),
    ], [kyiv, tass])
    assert event.perpetrator is not None and event.perpetrator.status == "disputed"
    assert [c.kind for c in found] == ["perpetrator"]


def test_a_source_naming_two_doers_names_accomplices_not_a_dispute() -> None:
    one, two = _doc("a", "Wire", "2019-08-22"), _doc("b", "Desk", "2019-08-23")
    event, found = _links([
        _said(one, 1, "IRQ.PMF", "The PMU", "accuses", "USA.GOV", "The PMU held the U.S. and Israel responsible."),
        _said(one, 2, "IRQ.PMF", "The PMU", "accuses", "ISR.GOV", "The PMU held the U.S. and Israel responsible."),
        _said(two, 1, "USA.GOV", "U.S. officials", "accuses", "ISR.GOV", "U.S. officials said Israel was behind it."),
    ], [one, two])
    assert event.perpetrator is not None and event.perpetrator.status == "alleged"
    assert found == []


@pytest.mark.parametrize(("speaker", "words", "stance", "accused", "sentence"), [
    # the individual named as the bomber belongs to the group that claims him
    ("USA.GOV", "Police", "accuses", "prov:salman-abedi", "Police named Salman Abedi as the bomber."),
    # a news agency relaying the claim is no side of its own
    ("MED.AMAQ", "Amaq", "claims", "MED.AMAQ", "Amaq said the attacker was one of its soldiers."),
    # a country's "militants" may be the group that claimed it
    ("USA.GOV", "Police", "accuses", "GBR.REB", "Police said militants carried out the attack."),
])
def test_a_claim_and_a_second_voice_of_the_same_side_are_no_dispute(
    speaker: str, words: str, stance: ResponsibilityStance, accused: str, sentence: str,
) -> None:
    one, two = _doc("a", "Wire", "2017-05-23"), _doc("b", "Desk", "2017-05-23")
    event, found = _links([
        _said(one, 1, "GRP.ISIS", "Islamic State", "claims", "GRP.ISIS", "Islamic State claimed responsibility."),
        _said(two, 1, speaker, words, stance, accused, sentence),
    ], [one, two])
    assert event.perpetrator is not None and event.perpetrator.status == "claimed"
    assert found == []


def test_a_denial_then_an_admission_is_a_reversal_with_both_dates() -> None:
    may, sept = _doc("a", "Wire", "2022-05-11"), _doc("b", "Desk", "2022-09-05")
    event, found = _links([
        _said(may, 1, "ISR.MIL", "the army", "denies", "ISR.MIL", "The army said no soldier fired at her."),
        _said(sept, 1, "ISR.MIL", "the army", "admits", "ISR.MIL", "The army admitted a soldier likely shot her."),
    ], [may, sept])
    assert event.perpetrator is not None and event.perpetrator.status == "disputed"  # denied and admitted
    (reversal,) = [c for c in found if c.kind == "reversal"]
    assert [s.value.split(" (")[1].rstrip(")") for s in reversal.evidence] == ["2022-05-11", "2022-09-05"]
    assert "changed position" in reversal.reason
    assert rank(found)[0].kind == "reversal"


def test_a_speaker_is_never_set_against_itself_in_one_report() -> None:
    one = _doc("a", "Wire", "2023-06-06")
    _, found = _links([
        _said(one, 1, "RUS.GOV", "Moscow", "accuses", "RUS.GOV", "Moscow said its forces struck military targets."),
        _said(one, 2, "RUS.GOV", "Moscow", "denies", "RUS.GOV", "Moscow denied striking the station."),
    ], [one])
    assert [c for c in found if c.kind == "perpetrator"] == []


def test_only_actors_are_candidates_a_pronoun_stays_a_statement() -> None:
    one = _doc("a", "Wire", "2019-06-16")
    vague = Responsibility(id="a:r1", doc_id="a", speaker="GBR.GOV", speaker_text="London", stance="accuses",
                           accused=None, accused_text="it", cue="blamed", factuality="CT+")
    named = _said(one, 2, "USA.GOV", "Pompeo", "accuses", "RUS.GOV", "Pompeo blamed Russia for the blasts.")
    event, _ = _links([vague, named], [one])
    assert event.perpetrator is not None
    assert [c.name for c in event.perpetrator.candidates] == ["Government of Russia"]


def test_a_dispute_between_the_suspects_is_told_by_their_own_voices() -> None:
    wire, kyiv, tass = _doc("a", "Wire", "2023-06-05"), _doc("b", "Kyiv Post", "2023-06-06"), _doc("c", "TASS", "2023-06-06")
    statements = [
        # earlier, two outside governments naming different doers
        _said(wire, 1, "USA.GOV", "A U.S. official", "accuses", "RUS.GOV", "A U.S. official blamed Russia for the blast."),
        _said(wire, 2, "ISR.GOV", "An Israeli official", "accuses", "UKR.GOV", "An Israeli official blamed Ukraine."),
        # then the two suspects blaming each other
        _said(kyiv, 1, "UKR.GOV", "Ukraine", "accuses", "RUS.GOV", "Ukraine blamed Russia for the blast."),
        _said(tass, 1, "RUS.GOV", "Moscow", "accuses", "UKR.GOV", "Moscow blamed Ukraine for the blast."),
    ]
    (dispute,) = _ranked(statements, [wire, kyiv, tass])
    assert {s.speaker for s in dispute.evidence} == {"UKR.GOV", "RUS.GOV"}


def _contradiction(cid: str, kind: str, ids: list[str], values: tuple[str, str],
                   speakers: tuple[str | None, str | None] = (None, None)) -> Contradiction:
    """Two sides in reports "a" and "b"; `ids` are event ids for a perpetrator kind, else claim ids."""
    sides = [ContradictionSide(doc_id=doc, speaker_text=who, value=value, start=0, end=1, text=value)
             for doc, who, value in zip(("a", "b"), speakers, values, strict=True)]
    by_events = kind == "perpetrator" and ids[0].split(":")[1].startswith("e")
    return Contradiction(id=cid, story_id="s1", kind=kind, reason=kind, merged_event_id="m1", evidence=sides,
                         event_ids=ids if by_events else [], claim_ids=[] if by_events else ids)


def test_claims_held_true_and_false_rank_before_the_differing_doers_of_two_mentions() -> None:
    by_mentions = _contradiction("xa:e1~b:e1~perpetrator", "perpetrator", ["a:e1", "b:e1"], ("ISR.MIL", "PSE.UNK"))
    by_claims = _contradiction("xa:c1~b:c1", "factuality", ["a:c1", "b:c1"], ("CT+", "CT-"), ("Israel", "the PA"))
    assert [c.kind for c in rank([by_mentions, by_claims])] == ["factuality", "perpetrator"]


def test_an_account_against_a_denial_of_who_did_it_is_left_to_the_dispute() -> None:
    kyiv, tass = _doc("a", "Kyiv Post", "2023-06-06"), _doc("b", "TASS", "2023-06-06")
    accusation = _said(kyiv, 1, "UKR.GOV", "Ukraine", "accuses", "RUS.MIL", "Ukraine said Russian forces blew up the dam.")
    denial = _said(tass, 1, "RUS.GOV", "Moscow", "denies", "RUS.GOV", "Moscow rejected accusations that it was behind it.")
    accusation, denial = (s.model_copy(update={"claim_id": f"{s.doc_id}:c1"}) for s in (accusation, denial))
    dispute = _contradiction("xa:r1~b:r1~perpetrator", "perpetrator", ["a:c1", "b:c1"], ("accuses", "denies"))
    account = _contradiction("xa:c2~b:c1", "factuality", ["a:c2", "b:c1"], ("CT+", "CT-"), ("Ms Maliar", "Moscow"))
    other = _contradiction("xa:c3~b:c2", "factuality", ["a:c3", "b:c2"], ("CT+", "CT-"))  # a denial of something else
    ranked = rank([dispute, account, other], [accusation, denial])
    assert [c.id for c in ranked] == ["xa:r1~b:r1~perpetrator", "xa:c3~b:c2"]


def test_one_side_denying_then_admitting_is_a_reversal_after_the_dispute_with_the_accuser() -> None:
    putin, meduza, dpa = (_doc("a", "VOI", "2022-10-09"), _doc("b", "Meduza", "2022-10-20"),
                          _doc("c", "DPA", "2023-05-27"))
    _, found = _links([
        _said(putin, 1, "RUS.GOV", "Putin", "accuses", "UKR.GOV", "Putin said Ukraine's services did it."),
        _said(meduza, 1, "UKR.GOV.zelensky", "Zelensky", "denies", "UKR.GOV", "Zelensky denied it."),
        _said(dpa, 1, "UKR.INT", "Ukrainian intelligence", "admits", "UKR.GOV",
              "Ukrainian intelligence acknowledged its role in the attack."),
    ], [putin, meduza, dpa])
    ordered = rank(found)
    assert [c.kind for c in ordered[:2]] == ["perpetrator", "reversal"]
    assert [s.speaker for s in ordered[0].evidence] == ["RUS.GOV", "UKR.GOV.zelensky"]
    assert [s.speaker for s in ordered[1].evidence] == ["UKR.GOV.zelensky", "UKR.INT"]
    assert "Zelensky denies on 2022-10-20" in ordered[1].reason
    assert not any(c.kind == "perpetrator" and {s.speaker for s in c.evidence} == {"UKR.GOV.zelensky", "UKR.INT"}
                   for c in found)


def test_a_dispute_is_told_by_a_named_accuser_before_unnamed_officials() -> None:
    wire, kyiv, tass = (_doc("a", "Reuters", "2014-07-18"), _doc("b", "Kyiv Post", "2014-07-20"),
                        _doc("c", "TASS", "2014-07-21"))
    unnamed = _said(wire, 1, "RUS.GOV", "officials", "accuses", "RUS.GOV", "Officials said Russia shot it down.")
    _, found = _links([
        unnamed.model_copy(update={"speaker": None}),
        _said(kyiv, 1, "UKR.GOV", "Ukraine's prime minister", "accuses", "RUS.GOV",
              "Ukraine's prime minister said Russia shot it down."),
        _said(tass, 1, "RUS.GOV", "the Kremlin", "denies", "RUS.GOV", "The Kremlin denied any involvement."),
    ], [wire, kyiv, tass])
    (dispute,) = [c for c in found if c.kind == "perpetrator"]
    assert [s.speaker for s in dispute.evidence] == ["UKR.GOV", "RUS.GOV"]


def test_a_dispute_is_told_by_a_states_accusation_before_a_monitors() -> None:
    monitor, cnn, wire, tass = (_doc("a", "Daily Sabah", "2016-09-20"), _doc("b", "CNN", "2016-09-20"),
                                _doc("c", "Reuters", "2016-09-20"), _doc("d", "TASS", "2016-09-20"))
    _, found = _links([
        _said(monitor, 1, "NGO.SOHR", "the Syrian Observatory", "accuses", "RUS.GOV",
              "The strike, which the Syrian Observatory blamed on Russian aircraft, killed 20."),
        _said(cnn, 1, "USA.GOV", "two US officials", "accuses", "RUS.GOV", "Two US officials said Russian jets did it."),
        _said(wire, 1, "USA.GOV", "the White House", "accuses", "RUS.GOV", "The White House blamed Russia."),
        _said(tass, 1, "RUS.GOV", "the Kremlin", "denies", "RUS.GOV", "The Kremlin denied any involvement."),
    ], [monitor, cnn, wire, tass])
    (dispute,) = [c for c in found if c.kind == "perpetrator"]
    assert [s.speaker for s in dispute.evidence] == ["USA.GOV", "RUS.GOV"]


def test_a_monitor_is_no_party_to_the_dispute_over_its_own_country() -> None:
    cnn, tass, monitor, sana = (_doc("a", "CNN", "2016-09-20"), _doc("b2", "TASS", "2016-09-20"),
                                _doc("b", "Daily Sabah", "2016-09-20"), _doc("c", "SANA", "2016-09-20"))
    ranked = _ranked([
        _said(cnn, 1, "USA.GOV", "two US officials", "accuses", "RUS.GOV", "Two US officials said Russian jets did it."),
        _said(tass, 1, "RUS.GOV", "the Kremlin", "denies", "RUS.GOV", "The Kremlin denied any involvement."),
        _said(monitor, 1, "NGO.SOHR", "the Syrian Observatory", "accuses", "SYR.GOV",
              "The Syrian Observatory blamed Syrian aircraft."),
        _said(sana, 1, "SYR.GOV", "the Syrian army", "denies", "SYR.GOV", "The Syrian army denied it."),
    ], [cnn, tass, monitor, sana])
    assert [s.speaker for s in ranked[0].evidence] == ["USA.GOV", "RUS.GOV"]


def test_the_dispute_over_the_side_most_sources_speak_of_comes_first() -> None:
    monitor, syria = _doc("a", "Daily Sabah", "2016-09-20"), _doc("b", "SANA", "2016-09-20")
    cnn, wire, tass = _doc("c", "CNN", "2016-09-20"), _doc("d", "Reuters", "2016-09-20"), _doc("e", "TASS", "2016-09-20")
    ranked = _ranked([
        _said(monitor, 1, "NGO.SOHR", "the Syrian Observatory", "accuses", "SYR.GOV",
              "The Syrian Observatory blamed Syrian aircraft."),
        _said(syria, 1, "SYR.GOV", "the Syrian army", "denies", "SYR.GOV", "The Syrian army denied it."),
        _said(cnn, 1, "USA.GOV", "two US officials", "accuses", "RUS.GOV", "Two US officials said Russian jets did it."),
        _said(wire, 1, "UKR.GOV", "Kyiv", "accuses", "RUS.GOV", "Kyiv said Russian jets did it."),
        _said(tass, 1, "RUS.GOV", "the Kremlin", "denies", "RUS.GOV", "The Kremlin denied any involvement."),
    ], [monitor, syria, cnn, wire, tass])
    assert ranked[0].evidence[1].speaker == "RUS.GOV"


def test_a_claimant_naming_the_men_who_did_it_names_no_rival_side() -> None:
    wire, video = _doc("a", "Amaq", "2013-01-19"), _doc("b", "Reuters", "2013-01-20")
    event, found = _links([
        _said(wire, 1, "MED.AMAQ", "Amaq", "accuses", "GRP.ISIS", "Amaq said Islamic State fighters stormed the plant."),
        _said(video, 1, "prov:salman-abedi", "Abedi", "claims", "prov:salman-abedi",
              "Abedi claimed responsibility for the siege."),
        _said(video, 2, "prov:salman-abedi", "Abedi", "accuses", "prov:islamist-fighters",
              "Abedi said the operation was carried out by 40 Islamist fighters."),
    ], [wire, video])
    assert [c for c in found if c.kind == "perpetrator"] == []
    assert event.perpetrator is not None and event.perpetrator.status != "disputed"


def test_the_accused_presidents_denial_comes_before_a_claimant_against_an_accuser() -> None:
    claim, tass, kyiv = _doc("a", "Wire", "2024-03-22"), _doc("b", "TASS", "2024-03-23"), _doc("c", "Kyiv Post", "2024-03-22")
    statements = [
        _said(claim, 1, "GRP.ISIS", "Islamic State", "claims", "GRP.ISIS", "Islamic State claimed the attack."),
        _said(tass, 1, "RUS.GOV", "Moscow", "accuses", "UKR.GOV", "Moscow blamed Ukraine for the attack."),
        # a person speaks for the state he heads, and the accused answering comes before a rival accusation
        _said(kyiv, 1, "UKR.GOV.zelensky", "Zelensky", "denies", "UKR.GOV", "Zelensky denied any part in it."),
    ]
    ranked = _ranked(statements, [claim, tass, kyiv])
    assert len(ranked) == 2
    assert {s.speaker for s in ranked[0].evidence} == {"RUS.GOV", "UKR.GOV.zelensky"}


def test_one_side_naming_two_doers_in_two_reports_is_no_dispute() -> None:
    # Israel blamed Iran in one report and its officials named Hezbollah in another: one side's account
    one, two = _doc("a", "Wire", "2012-07-19"), _doc("b", "Desk", "2012-07-23")
    _, found = _links([
        _said(one, 1, "ISR.GOV", "Israel", "accuses", "RUS.GOV", "Israel blamed Russia for the bombing."),
        _said(two, 1, "ISR.MIL", "the Israeli army", "accuses", "GRP.ISIS", "The army said IS carried it out."),
    ], [one, two])
    assert [c for c in found if c.kind == "perpetrator"] == []
    # two sides, each naming another doer, still are
    _, found = _links([
        _said(one, 1, "ISR.GOV", "Israel", "accuses", "RUS.GOV", "Israel blamed Russia for the bombing."),
        _said(two, 1, "USA.GOV", "Washington", "accuses", "GRP.ISIS", "Washington said IS carried it out."),
    ], [one, two])
    assert [c.kind for c in found] == ["perpetrator"]


def test_a_dispute_told_by_two_outlets_comes_before_one_a_single_report_tells_both_sides_of() -> None:
    ap, vice, ynet = (_doc("a", "AP", "2014-06-15"), _doc("b", "VICE News", "2014-06-15"),
                      _doc("c", "Ynetnews", "2014-06-15"))
    one_report = "Syrian officials rejected Israel's contention that they are responsible."
    found = _ranked([
        _said(ap, 1, "ISR.GOV", "Netanyahu", "accuses", "SYR.GOV", one_report),
        _said(ap, 2, "SYR.GOV", "Syrian officials", "denies", "SYR.GOV", one_report),
        _said(vice, 1, "ISR.GOV", "Netanyahu", "accuses", "GRP.ISIS", "Netanyahu blamed Islamic State for it."),
        _said(ynet, 1, "GRP.ISIS", "Islamic State", "denies", "GRP.ISIS", "Islamic State denied the accusations."),
    ], [ap, vice, ynet])
    first = found[0]
    assert first.kind == "perpetrator"
    assert {s.outlet for s in first.evidence} == {"VICE News", "Ynetnews"}
