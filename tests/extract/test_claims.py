"""Claims: speakers, cues, factuality, content spans and chains on real sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from triangulate.extract.claims import (
    ClaimExtractor,
    CueTable,
    adjust_factuality,
    find_quotes,
)
from triangulate.read import Reader
from triangulate.records import Actor, ActorMention, Claim, Document, ReadDoc, document_id

SEED_000 = "000_3120491efba444be.txt"
SEED_002 = "002_1653d94a00297d83.txt"


def _document(text: str) -> Document:
    return Document(id=document_id(text), external_id="test", text=text)


def _claims(text: str, nlp: Language, reader: Reader, extractor: ClaimExtractor) -> list[Claim]:
    document = _document(text)
    return extractor.extract(reader.read(document, nlp(text)))


def _one(claims: list[Claim], speaker_prefix: str, cue: str | None = None) -> Claim:
    found = [
        c for c in claims
        if c.speaker_text.lower().startswith(speaker_prefix.lower()) and (cue is None or c.cue == cue)
    ]
    assert len(found) == 1, f"{speaker_prefix!r}/{cue!r}: {[(c.speaker_text, c.cue) for c in claims]}"
    return found[0]


def _check_offsets(claims: list[Claim], text: str) -> None:
    for claim in claims:
        spans = [claim.content, *claim.evidence]
        spans += [s for s in (claim.speaker_span, claim.cue_span) if s is not None]
        for span in spans:
            assert text[span.start:span.end] == span.text
        assert claim.evidence[0].start <= claim.content.start
        assert claim.content.end <= claim.evidence[-1].end


# ----------------------------------------------------------------------------- data file

def test_cue_table_loads_and_is_consistent() -> None:
    table = CueTable.load()
    assert table.verbs["confirm"].factuality == "CT+"
    assert table.verbs["hint"].factuality == "PS+"
    assert table.verbs["suggest"].factuality == "PR+"
    assert table.verbs["deny"].factuality == "CT-"
    assert table.verbs["claim"].factuality == "CT+"  # the doubt is the reporter's, not the speaker's
    assert table.verbs["quote"].chain and table.verbs["cite"].chain
    assert "responsible" in table.predicates["hold"].words
    assert table.content_modals["may"] == "PS"
    assert "strongly" in table.raise_adverbs and "reportedly" in table.lower_adverbs
    assert not table.raise_adverbs & table.lower_adverbs
    assert table.generic_source_nouns <= table.source_nouns
    # evidence that "shows" is no speaker: the document nouns are neither people nor sources
    assert {"video", "footage", "document"} <= table.document_nouns
    assert not table.document_nouns & (table.source_nouns | table.person_nouns)
    # words that are never reporting cues stay out
    for word in ("mark", "see", "visit"):
        assert word not in table.verbs
    # cues that allege rather than report, matched as stems of the cue text
    assert table.alleging_stems == ("claim", "alleg", "accus", "blam", "held", "hold", "suspect", "speculat")
    assert all(stem == stem.lower() for stem in table.alleging_stems)
    assert "claimed".startswith(table.alleging_stems) and "held responsible".startswith(table.alleging_stems)
    assert not "said".startswith(table.alleging_stems)


def test_cue_table_rejects_an_unknown_factuality(tmp_path: Path) -> None:
    text = CueTable.load.__defaults__[0].read_text(encoding="utf-8")  # type: ignore[index]
    bad = tmp_path / "cues.yaml"
    bad.write_text(text.replace("say: {factuality: CT+}", "say: {factuality: CT}"), encoding="utf-8")
    with pytest.raises(ValueError, match="say"):
        CueTable.load(bad)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"base": "PS+", "raise_level": True}, "PR+"),
        ({"base": "PR+", "raise_level": True}, "PR+"),
        ({"base": "CT+", "lower_level": True}, "PR+"),
        ({"base": "CT+", "negated_cue": True}, "Uu"),
        ({"base": "CT+", "negated_content": True}, "CT-"),
        ({"base": "CT-", "negated_content": True}, "CT+"),
        ({"base": "CT+", "content_level": "PS"}, "PS+"),
        ({"base": "PS+", "content_level": "PR"}, "PS+"),
        ({"base": "CT-", "content_level": "PR"}, "PR-"),
    ],
)
def test_factuality_scale(kwargs: dict[str, object], expected: str) -> None:
    assert adjust_factuality(**kwargs) == expected  # type: ignore[arg-type]


def test_quotes_curly_single_apostrophes_and_paragraphs() -> None:
    text = "According to X, ‘Yesterday’s blasts hit PMF’s bases.’ Then “a b\n\nnew paragraph"
    quotes = find_quotes(text)
    assert [text[q.inner_start:q.inner_end] for q in quotes] == ["Yesterday’s blasts hit PMF’s bases.", "a b"]


# ----------------------------------------------------------------------------- seed 000

@pytest.fixture(scope="module")
def seed_000(seeds_dir: Path, nlp: Language, reader: Reader, extractor: ClaimExtractor) -> tuple[str, list[Claim]]:
    text = (seeds_dir / SEED_000).read_text(encoding="utf-8")
    return text, _claims(text, nlp, reader, extractor)


def test_seed_000_us_officials_via_nyt(seed_000: tuple[str, list[Claim]]) -> None:
    text, claims = seed_000
    c = _one(claims, "U.S. officials", "confirmed")
    assert c.factuality == "CT+" and c.kind == "indirect"
    assert c.content.text.startswith("that Israel was behind the series of mysterious airstrikes")
    assert c.content.text.endswith("in the last two weeks")  # the trailing attribution is not content
    assert [(v.text, v.cue) for v in c.via] == [("the New York Times", "reported")]
    assert c.id.endswith(":c1")
    _check_offsets(claims, text)


def test_seed_000_netanyahu_strongly_hinted(seed_000: tuple[str, list[Claim]]) -> None:
    _, claims = seed_000
    c = _one(claims, "Israeli Prime Minister Benjamin Netanyahu")
    assert c.cue == "strongly hinted" and c.factuality == "PR+"
    assert c.cue_span is not None and c.cue_span.text == "strongly hinted"
    assert c.content.text.startswith("that his country was behind recent air raids")


def test_seed_000_intelligence_official_and_the_source(seed_000: tuple[str, list[Claim]]) -> None:
    _, claims = seed_000
    c = _one(claims, "A senior Middle Eastern intelligence official")
    assert c.cue == "confirmed" and c.factuality == "CT+"
    assert c.content.text == "that the airstrikes on the PMU, including the July 19 attack, were carried out by Israel"
    said = _one(claims, "The source", "said")
    assert said.speaker_text == "The source (A senior Middle Eastern intelligence official)"
    assert said.speaker_span is not None and said.speaker_span.text == "The source"
    assert said.content.text.endswith("on their way to Syria")  # the participle clause is its own claim
    claiming = _one(claims, "The source", "claiming")
    assert claiming.content.text == "that the airstrike was carried out from “within Iraq.”"
    assert claiming.kind == "mixed"


def test_seed_000_direct_quote_over_a_sentence_break_via_nyt(seed_000: tuple[str, list[Claim]]) -> None:
    _, claims = seed_000
    c = _one(claims, "a senior U.S. official")
    assert c.cue == "quoted ... as saying" and c.kind == "direct"
    assert c.content.text.startswith("Israel is pushing the limits")
    assert c.content.text.endswith("removed from Iraq")  # no quotation marks, no comma
    assert [(v.text, v.cue) for v in c.via] == [("the New York Times", "quoted")]
    assert len(c.evidence) == 2


def test_seed_000_pmu_held_responsible(seed_000: tuple[str, list[Claim]]) -> None:
    _, claims = seed_000
    c = _one(claims, "The PMU", "held responsible")
    assert c.factuality == "CT+"
    assert c.content.text == "the U.S. and Israel responsible for the attacks on bases"
    claiming = _one(claims, "The PMU", "claiming")
    assert claiming.content.text == "that Israeli drones were deployed inside Iraq with help from the U.S."


def test_seed_000_western_sources_via_asharq_al_awsat(seed_000: tuple[str, list[Claim]]) -> None:
    _, claims = seed_000
    c = _one(claims, "Western diplomatic sources")
    assert [v.text for v in c.via] == ["the London-based Asharq al-Awsat"]
    assert c.via[0].cue == "quoted"
    assert "green light both from Washington and from Moscow" in c.content.text


def test_seed_000_no_false_attributions(seed_000: tuple[str, list[Claim]]) -> None:
    _, claims = seed_000
    cues = {c.cue for c in claims}
    assert not cues & {"marks", "sees", "claimed"}  # "have not been claimed by any side": no speaker
    assert len(claims) == 10
    assert [c.id.split(":")[1] for c in claims] == [f"c{n}" for n in range(1, 11)]


# ----------------------------------------------------------------------------- seed 002

@pytest.fixture(scope="module")
def seed_002(seeds_dir: Path, nlp: Language, reader: Reader, extractor: ClaimExtractor) -> tuple[str, list[Claim]]:
    text = (seeds_dir / SEED_002).read_text(encoding="utf-8")
    return text, _claims(text, nlp, reader, extractor)


def test_seed_002_according_to_with_single_curly_quotes(seed_002: tuple[str, list[Claim]]) -> None:
    text, claims = seed_002
    c = _one(claims, "Iraqi Civil Defense")
    assert c.kind == "according_to" and c.cue == "According to" and c.factuality == "CT+"
    assert c.content.text.startswith("Yesterday’s explosions devastated")
    assert c.content.text.endswith("Baghdad.")
    assert text[c.content.start - 1] == "‘"
    _check_offsets(claims, text)


def test_seed_002_military_source_revealed_to_tv7(seed_002: tuple[str, list[Claim]]) -> None:
    _, claims = seed_002
    c = _one(claims, "An Iraqi military source")
    assert c.cue == "revealed to TV7" and c.factuality == "CT+"
    assert c.content.text.startswith("that the targets of the attack were several weapons caches")


def test_seed_002_witnesses_confirmed_this_statement(seed_002: tuple[str, list[Claim]]) -> None:
    _, claims = seed_002
    c = _one(claims, "Witnesses", "confirmed")
    assert c.content.text == "this statement"
    reporting = _one(claims, "Witnesses", "reporting")
    assert reporting.content.text.startswith("that the massive explosions caused stored rockets")


def test_seed_002_al_shammari_told_and_noted(seed_002: tuple[str, list[Claim]]) -> None:
    _, claims = seed_002
    told = _one(claims, "he", "told")
    assert told.speaker_text == "he (Iraq’s Defense Minister Najah al-Shammari)"
    assert told.content.text.startswith("that several of the blazes")
    noted = _one(claims, "He (", "noted")
    assert noted.speaker_text == "He (Iraq’s Defense Minister Najah al-Shammari)"
    assert noted.content.text == "that some military personnel had suffered minor injuries"


def test_seed_002_informed_sources_and_he_refuted(seed_002: tuple[str, list[Claim]]) -> None:
    _, claims = seed_002
    sources = _one(claims, "informed sources in Jerusalem and Tel Aviv")
    assert sources.cue == "confirmed to TV7" and sources.factuality == "CT+"
    one = _one(claims, "One of the sources")
    assert one.cue == "noted" and one.kind == "mixed"
    assert one.content.text.startswith("that “all of the Israeli operations")
    assert one.speaker == sources.speaker
    refuted = _one(claims, "he (", "refuted")
    assert refuted.speaker_text == "he (One of the sources)"
    assert refuted.factuality == "CT-"
    assert refuted.content.text == "any coordination between Moscow and Jerusalem regarding Iraq"
    assert refuted.speaker == one.speaker
    emphasizing = _one(claims, "he (", "emphasizing")
    assert emphasizing.content.text.startswith("that “the Russian-Israeli coordination-mechanism")


def test_seed_002_no_false_attributions(seed_002: tuple[str, list[Claim]]) -> None:
    _, claims = seed_002
    assert not [c for c in claims if c.cue in ("said", "note")]  # "That said", "It is important to note"
    assert len(claims) == 10


# ----------------------------------------------------------------------------- wire-style sentences

WIRE = (
    '"We will respond to this aggression at the time and place of our choosing," the army said in a statement.\n'
    "The ministry spokesman said: “No civilians were harmed in the operation. Our targets were military.”\n"
    "The convoy was hit by two missiles fired from a drone – a security source said.\n"
    "At least 12 people were killed, according to the health ministry.\n"
    "Hezbollah denied any involvement in the attack.\n"
    "The government accused the rebels of shelling residential areas in the north.\n"
    "A police officer told Reuters that the bomb had been planted under a parked car.\n"
    "Reuters, citing the state news agency SANA, reported that Israeli jets struck a base near Damascus.\n"
    "The spokesman did not say whether the strike had killed anyone.\n"
    "The army said Israel was not behind the attack.\n"
    "Officials could not confirm that the commander had been killed.\n"
    "Witnesses said the explosion may have been caused by a drone.\n"
    "The agency reported, saying that three soldiers were wounded.\n"
    "The minister told TV7: the attack was carried out by foreign drones.\n"
    "The militia's leader reportedly said that the group would withdraw from the city.\n"
    "The army added three brigades to the front.\n"
    "“It is very strange that no one reported a streak of light,” the geologist said.\n"
)


@pytest.fixture(scope="module")
def wire(nlp: Language, reader: Reader, extractor: ClaimExtractor) -> list[Claim]:
    claims = _claims(WIRE, nlp, reader, extractor)
    _check_offsets(claims, WIRE)
    return claims


def _by_cue_and_content(claims: list[Claim], cue: str, content_start: str) -> Claim:
    found = [c for c in claims if c.cue == cue and c.content.text.startswith(content_start)]
    assert len(found) == 1, [(c.cue, c.content.text) for c in claims]
    return found[0]


def test_wire_direct_quote_with_said_after(wire: list[Claim]) -> None:
    c = _by_cue_and_content(wire, "said", "We will respond")
    assert c.speaker_text == "the army" and c.kind == "direct"
    assert c.content.text == "We will respond to this aggression at the time and place of our choosing"


def test_wire_colon_quote_over_two_sentences(wire: list[Claim]) -> None:
    c = _by_cue_and_content(wire, "said", "No civilians")
    assert c.speaker_text == "The ministry spokesman" and c.kind == "direct"
    assert c.content.text.endswith("Our targets were military.")
    assert c.factuality == "CT-"  # "No civilians were harmed"


def test_wire_dash_attribution(wire: list[Claim]) -> None:
    c = _by_cue_and_content(wire, "said", "The convoy was hit")
    assert c.speaker_text == "a security source"
    assert c.content.text == "The convoy was hit by two missiles fired from a drone"


def test_wire_according_to_after_the_content(wire: list[Claim]) -> None:
    c = _one(wire, "the health ministry")
    assert c.kind == "according_to" and c.content.text == "At least 12 people were killed"


def test_wire_denial_and_accusation(wire: list[Claim]) -> None:
    denial = _one(wire, "Hezbollah")
    assert denial.cue == "denied" and denial.factuality == "CT-"
    assert denial.content.text == "any involvement in the attack"
    accusation = _one(wire, "The government")
    assert accusation.cue == "accused" and accusation.factuality == "CT+"
    assert accusation.content.text == "the rebels of shelling residential areas in the north"


def test_wire_told_reuters_that(wire: list[Claim]) -> None:
    c = _one(wire, "A police officer")
    assert c.cue == "told" and c.content.text == "that the bomb had been planted under a parked car"


def test_wire_nested_chain_citing(wire: list[Claim]) -> None:
    c = _one(wire, "the state news agency SANA")
    assert c.cue == "reported"
    assert [(v.text, v.cue) for v in c.via] == [("Reuters", "citing")]
    assert c.content.text == "that Israeli jets struck a base near Damascus"


@pytest.mark.parametrize(
    ("speaker", "factuality"),
    [
        ("The spokesman", "Uu"),  # did not say
        ("The army said", "CT-"),  # content negation; matched below on the content
        ("Officials", "Uu"),  # could not confirm
        ("Witnesses", "PS+"),  # may have been
        ("The militia's leader", "PR+"),  # reportedly said
    ],
)
def test_wire_factuality(wire: list[Claim], speaker: str, factuality: str) -> None:
    if speaker == "The army said":
        c = _by_cue_and_content(wire, "said", "Israel was not behind")
    else:
        c = _one(wire, speaker)
    assert c.factuality == factuality


def test_wire_reported_saying_and_colon_without_quotes(wire: list[Claim]) -> None:
    c = _one(wire, "The agency")
    assert c.cue == "reported, saying" and c.content.text == "that three soldiers were wounded"
    told = _one(wire, "The minister")
    assert told.content.text == "the attack was carried out by foreign drones"


def test_wire_a_cue_verb_without_content_is_no_claim(wire: list[Claim]) -> None:
    assert not [c for c in wire if c.cue == "added"]
    assert not [c for c in wire if c.speaker_text.startswith("no one")]
    quoted = _one(wire, "the geologist")
    assert quoted.kind == "direct" and quoted.content.text.startswith("It is very strange")
    assert len(wire) == 16


# ----------------------------------------------------------------------------- speaker ids

SPEAKER_TEXT = (
    "Informed sources in Jerusalem confirmed that Israeli units were involved. "
    "One of the sources also noted that the raids would go on. "
    "That said, he refuted any coordination with Moscow. "
    "U.S. officials said the strikes were Israeli."
)


def _mention(text: str, words: str, actor_id: str, occurrence: int = 0, **extra: object) -> ActorMention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return ActorMention(start=start, end=start + len(words), text=words, actor_id=actor_id, **extra)  # type: ignore[arg-type]


def test_speaker_ids_from_hand_made_mentions(nlp: Language, extractor: ClaimExtractor) -> None:
    text = SPEAKER_TEXT
    mentions = [
        _mention(text, "Jerusalem", "ISR"),
        _mention(text, "Moscow", "RUS"),
        _mention(text, "U.S.", "USA"),
    ]
    actors = {
        "ISR": Actor(id="ISR", name="Israel", country="IL", kind="state"),
        "RUS": Actor(id="RUS", name="Russia", country="RU", kind="state"),
        "USA": Actor(id="USA", name="United States", country="US", kind="state"),
    }
    read = ReadDoc(document=_document(text), doc=nlp(text), actor_mentions=mentions, actors=actors)
    claims = extractor.extract(read)
    by_cue = {c.cue: c for c in claims}
    assert by_cue["confirmed"].speaker == "ISR"  # a government mention inside the phrase
    assert by_cue["noted"].speaker == "ISR"  # one of the sources: the antecedent's actor
    assert by_cue["refuted"].speaker == "ISR" and by_cue["refuted"].speaker_text == "he (One of the sources)"
    assert by_cue["said"].speaker == "USA"  # a modifier of the head
    assert by_cue["refuted"].factuality == "CT-"


def test_speaker_id_prefers_the_heads_own_mention(nlp: Language, extractor: ClaimExtractor) -> None:
    text = "The Israeli army spokesman said that the strike hit a depot. He said the army would respond."
    mentions = [
        _mention(text, "Israeli army", "ISRMIL"),
        _mention(text, "The Israeli army spokesman", "ISRMIL-SPOKES", how="title"),
        _mention(text, "He", "ISRMIL-SPOKES", how="coref", antecedent=(0, 26)),
    ]
    read = ReadDoc(document=_document(text), doc=nlp(text), actor_mentions=mentions)
    claims = extractor.extract(read)
    assert [c.speaker for c in claims] == ["ISRMIL-SPOKES", "ISRMIL-SPOKES"]
    assert claims[1].speaker_text == "He (The Israeli army spokesman)"


def test_a_headline_above_does_not_cost_the_speaker_its_name(
    nlp: Language, reader: Reader, extractor: ClaimExtractor
) -> None:
    # after a headline line the tagger can read "The" as a pronoun and the parser give the verb two
    # subjects; the speaker is the organisation, not the stray determiner
    text = ("Israel says high possibility its military killed journalist Shireen Abu Akleh\n\nThe Israel Defense "
            "Forces (IDF) admitted for the first time on Monday that there is a \"high possibility\" that a bullet "
            "from the Israeli side killed her.")
    (claim,) = [c for c in _claims(text, nlp, reader, extractor) if c.cue == "admitted"]
    assert claim.speaker_text.startswith("Israel Defense Forces")
    assert claim.speaker == "ISR.MIL"


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("Jeremy Hunt: Iran almost certainly attacked the tankers\n\nThe foreign secretary spoke on Saturday.",
         "Jeremy Hunt", "Iran almost certainly attacked the tankers"),
        ("Kremlin: Ukrainian saboteurs blew up the dam\n\nMoscow offered no evidence.",
         "Kremlin", "Ukrainian saboteurs blew up the dam"),
        # some outlets end a headline with a full stop
        ("Sergei Lavrov: Kyiv staged the killings.\n\nThe foreign minister spoke in Moscow.",
         "Sergei Lavrov", "Kyiv staged the killings"),
        # a topic before the colon names no one; nor does a name before a verbless phrase; and a colon in
        # the body is no headline
        ("Netanyahu and Biden: a strained partnership\n\nThe two leaders met on Monday.", None, None),
        ("Gulf of Oman tanker attacks: two ships were hit\n\nThe ships were hit on Thursday.", None, None),
        ("The minister said so.\n\nJeremy Hunt: Iran attacked the tankers, the report went on.", None, None),
        # a topic, then what is said and who says it: the one who says it is the speaker, not the topic
        ("Karachi Hotel Siege: Taliban Not Involved, Interior Minister Says\n\nGunmen killed nine guests.",
         None, None),
    ],
)
def test_a_headline_attributes_with_a_colon(
    nlp: Language, reader: Reader, extractor: ClaimExtractor, text: str, speaker: str | None, content: str | None
) -> None:
    found = [c for c in _claims(text, nlp, reader, extractor) if c.kind == "headline"]
    if speaker is None:
        assert found == []
    else:
        (claim,) = found
        assert (claim.speaker_text, claim.cue, claim.content.text) == (speaker, ":", content)
        assert claim.factuality == "CT+"


def test_a_relative_pronoun_is_the_speaker_named_by_its_phrase(
    nlp: Language, reader: Reader, extractor: ClaimExtractor
) -> None:
    text = "The senator, who said the bill would fail, left the chamber early."
    claim = _one(_claims(text, nlp, reader, extractor), "who", "said")
    assert claim.speaker_span is not None and claim.speaker_span.text == "who"
    assert claim.speaker_text == "who (The senator)"
    assert claim.content.text == "the bill would fail"


def test_said_in_a_statement_that_takes_the_clause_the_parser_hung_on_the_statement(
        nlp: Language, reader: Reader, extractor: ClaimExtractor) -> None:
    claims = _claims("The White House National Security Council's spokesperson said in a statement that ISIS bears "
                     "sole responsibility for the attack.", nlp, reader, extractor)
    claim = _one(claims, "The White House National Security Council", "said")
    assert claim.content.text.startswith("that ISIS bears sole responsibility")
    assert claim.speaker == "USA.NSC"


@pytest.mark.parametrize("text, speaker, actor", [
    ("The head of Ukraine's SBU said his agency carried out the attack.", "The head", "UKR.SBU"),
    ("A spokesman for Islamic Jihad said the Israeli account was completely incorrect.", "A spokesman",
     "PSE.PIJ"),
])
def test_a_role_speaks_for_the_body_it_is_the_role_of(nlp: Language, reader: Reader, extractor: ClaimExtractor,
                                                      text: str, speaker: str, actor: str) -> None:
    assert _one(_claims(text, nlp, reader, extractor), speaker).speaker == actor


def test_we_inside_a_quotation_is_its_speaker(nlp: Language, reader: Reader, extractor: ClaimExtractor) -> None:
    claims = _claims("“We believe that the action was prepared by radical Islamists,” the head of Russia's FSB "
                     "stated.", nlp, reader, extractor)
    inner = _one(claims, "We")
    assert inner.speaker == "RUS.FSB" and "head of Russia's FSB" in inner.speaker_text


@pytest.mark.parametrize("text, speaker, actor", [
    ("The Islamic Jihad is another Gaza-based group which has claimed to be fighting Israel alongside Hamas. "
     "The group has denied responsibility for the attack.", "The group", "PSE.PIJ"),
    ("The Israeli army said the rocket was fired by militants. The military, in a statement, said that a "
     "barrage of rockets was fired from Gaza.", "The military", "ISR.MIL"),
    # the same noun named before wins over a later actor of the kind ("Britain" is named last)
    ("Russia's defence ministry said the footage was staged by Britain. The ministry said no chemical weapons "
     "were used in the town.", "The ministry", "RUS.GOV"),
])
def test_a_body_named_by_its_kind_is_the_last_actor_of_that_kind(
        nlp: Language, reader: Reader, extractor: ClaimExtractor, text: str, speaker: str, actor: str) -> None:
    claim = _one(_claims(text, nlp, reader, extractor), speaker)
    assert claim.speaker == actor


def test_a_body_with_its_own_name_is_not_looked_back_for(nlp: Language, reader: Reader,
                                                          extractor: ClaimExtractor) -> None:
    claims = _claims("Hamas blamed Israel for the blast. A group of doctors said the hospital was full.", nlp, reader,
                     extractor)
    assert _one(claims, "A group").speaker is None


def test_it_after_a_quotation_is_not_a_word_of_the_quotation(nlp: Language, reader: Reader,
                                                             extractor: ClaimExtractor) -> None:
    claims = _claims('Islamic Jihad denied the accusation. "The Zionist enemy is trying hard to evade its '
                     'responsibility for the massacre," it said in a statement on Wednesday.', nlp, reader, extractor)
    quoted = _one(claims, "it")
    assert "Zionist" not in quoted.speaker_text and quoted.speaker == "PSE.PIJ", quoted.speaker_text


@pytest.mark.parametrize("text, first, second, second_cue", [
    ("Katada said the flying objects could be bullets and refuted that the attack was caused by mines or torpedoes "
     "since the damage to the ship was above the waterline.", "the flying objects could be bullets",
     "that the attack was caused by mines or torpedoes", "refuted"),
    ("Peskov told reporters the claims were absurd and rejected any suggestion that Russia was involved.",
     "the claims were absurd", "any suggestion that Russia was involved", "rejected"),
])
def test_a_second_cue_hung_inside_the_first_content_is_the_same_speakers(
        nlp: Language, reader: Reader, extractor: ClaimExtractor, text: str, first: str, second: str,
        second_cue: str) -> None:
    claims = _claims(text, nlp, reader, extractor)
    speaker = text.split()[0]
    outer = [c for c in claims if c.cue != second_cue]
    assert len(outer) == 1 and outer[0].content.text == first, [(c.cue, c.content.text) for c in claims]
    inner = _one(claims, speaker, second_cue)
    assert inner.content.text.startswith(second) and inner.factuality in ("CT-", "PR-")
    _check_offsets(claims, text)


def test_a_conjunct_cue_with_its_own_subject_keeps_it(nlp: Language, reader: Reader,
                                                      extractor: ClaimExtractor) -> None:
    claims = _claims("The minister said the army was ready and the general denied that troops had crossed the border.",
                     nlp, reader, extractor)
    assert _one(claims, "the general", "denied").content.text.startswith("that troops")


def test_of_two_subjects_the_one_next_to_the_verb_speaks(nlp: Language, reader: Reader,
                                                          extractor: ClaimExtractor) -> None:
    claims = _claims("‘A terrorist attack and an assassination attempt’ Russia says Ukraine tried to kill Putin with "
                     "Kremlin drone strike\n\nThe Kremlin said two drones were shot down.", nlp, reader, extractor)
    said = [c for c in claims if c.cue == "says"]
    assert [c.speaker_text for c in said] == ["Russia"], [(c.speaker_text, c.cue) for c in claims]


def test_a_fronted_clause_is_the_content_not_the_participle_after_the_attribution(
    nlp: Language, reader: Reader, extractor: ClaimExtractor
) -> None:
    text = ("A team of state security agents poisoned the opposition leader in August, the investigative website "
            "claimed in a report on Monday, citing travel data that it says links the agency with the attempt.")
    claim = _one(_claims(text, nlp, reader, extractor), "the investigative website", "claimed")
    assert claim.content.text == "A team of state security agents poisoned the opposition leader in August"
    # a clause that "that" opens after a comma is still the content
    text = "The minister said, in a statement on Tuesday, that the army had shelled the village."
    claim = _one(_claims(text, nlp, reader, extractor), "The minister", "said")
    assert claim.content.text.endswith("the army had shelled the village")


def test_a_subject_left_on_the_auxiliary_by_a_quoted_word_is_the_speaker(
    nlp: Language, reader: Reader, extractor: ClaimExtractor,
) -> None:
    text = "Saudi Arabia has ‘completely’ rejected the intelligence report released on Friday."
    claim = _one(_claims(text, nlp, reader, extractor), "Saudi Arabia", "rejected")
    assert claim.content.text.startswith("the intelligence report")


def test_he_inside_a_quotation_is_not_the_one_who_quotes_it(
        nlp: Language, reader: Reader, extractor: ClaimExtractor) -> None:
    text = ("President Vladimir Putin rejected the charges in an interview, according to the journalist Maria "
            "Kovac. \"He denied that his troops had fired the missile,\" Kovac said of the Obama administration's "
            "claims.")
    claim = _one(_claims(text, nlp, reader, extractor), "He", "denied")
    assert claim.speaker_text == "He (President Vladimir Putin)"
