"""Denials, negation and uncertainty on real-looking news sentences: event modality, claim
factuality and casualty counts of zero; and the sentences that must not change."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from triangulate.extract import Extractor
from triangulate.extract.claims import CueTable, adjust_factuality
from triangulate.extract.events import TriggerTable
from triangulate.read import Reader
from triangulate.read.actors import ActorDictionary
from triangulate.records import Claim, Document, Event, Extraction, Place, document_id


class _NoGazetteer:
    def lookup(self, name: str) -> list[object]:
        return []  # no place behind a colon: "Jeremy Hunt:" or "UPDATE:" is then no dateline


class _NoPlaces:
    """Places are not what these tests are about, and the gazetteer is slow to load."""

    gaz = _NoGazetteer()

    def geoparse(self, doc: Doc, document: Document) -> list[Place]:
        return []

    def event_point(self, place: Place) -> Place:
        return place


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader(actors=ActorDictionary.default(), geoparser=_NoPlaces())  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.default(geoparser=_NoPlaces())


def _extract(text: str, nlp: Language, reader: Reader, extractor: Extractor) -> Extraction:
    document = Document(id=document_id(text), external_id="test", text=text)
    return extractor.extract(reader.read(document, nlp(text)))


def _event(extraction: Extraction, trigger: str) -> Event:
    found = [e for e in extraction.events if e.trigger is not None and e.trigger.text == trigger]
    assert len(found) == 1, [(e.type, e.trigger.text if e.trigger else None) for e in extraction.events]
    return found[0]


def _claim(extraction: Extraction, cue: str) -> Claim:
    found = [c for c in extraction.claims if c.cue == cue]
    assert len(found) == 1, [(c.speaker_text, c.cue) for c in extraction.claims]
    return found[0]


# ----------------------------------------------------------------------------- data files

def test_the_data_files_carry_the_negation_words() -> None:
    table = TriggerTable.default()
    assert table.version >= 7
    assert {"unclear", "unknown"} <= table.uncertain
    assert {"verify", "confirm", "know"} <= table.knowing_verbs
    assert {"false", "lie", "baseless", "fake", "impossible"} <= table.false_words
    assert "flag" in table.false_exceptions
    assert "report" in table.report_nouns
    cues = CueTable.load()
    assert cues.verbs["verify"].factuality == "CT+"
    assert {"unclear", "unknown"} <= cues.content_uncertain
    assert {"false", "lie", "baseless"} <= cues.content_false


def test_uncommitted_and_false_contents_in_the_factuality_scale() -> None:
    assert adjust_factuality("CT+", uncommitted_content=True) == "Uu"
    assert adjust_factuality("CT+", false_content=True) == "CT-"
    assert adjust_factuality("CT+", negated_content=True, false_content=True) == "CT+"  # "is not a lie"
    assert adjust_factuality("PR+", false_content=True) == "PR-"


# ----------------------------------------------------------------------------- denied events

@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        ("Investigators found no Russian munitions targeting the area, the report said.", "targeting", "negated"),
        ("The ministry denied that its forces shelled the town.", "shelled", "denied"),
        ("There was no attack on the convoy, a spokesman said.", "attack", "negated"),
        ("No militants attacked the checkpoint on Tuesday, the army said.", "attacked", "negated"),
        ("The ministry said the claim that its troops killed civilians is false.", "killed", "denied"),
        ("The spokesman said it was impossible that Russian forces shelled the town.", "shelled", "denied"),
        ("The Kremlin said the accusation that its troops attacked the convoy was baseless.", "attacked", "denied"),
        ("Nebenzya said Ukraine had spread fake news about civilian killings in Bucha.", "killings", "denied"),
        ("The army said reports that its soldiers shot the journalist were not true.", "shot", "denied"),
    ],
)
def test_an_event_inside_a_denial_is_not_asserted(
    nlp: Language, reader: Reader, extractor: Extractor, text: str, trigger: str, modality: str
) -> None:
    assert _event(_extract(text, nlp, reader, extractor), trigger).modality == modality


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The spokesman said it was impossible that Russian forces shelled the town.", "said"),
        ("The ministry said the claim that its troops killed civilians is false.", "said"),
        ("Peskov said the report was a lie.", "said"),
        ("The Kremlin said the accusation that its troops attacked the convoy was baseless.", "said"),
        ("A military spokesman said the figures cannot be correct.", "said"),
    ],
)
def test_calling_a_claim_false_is_ct_minus(
    nlp: Language, reader: Reader, extractor: Extractor, text: str, cue: str
) -> None:
    assert _claim(_extract(text, nlp, reader, extractor), cue).factuality == "CT-"


def test_a_false_flag_attack_is_not_a_false_report(nlp: Language, reader: Reader, extractor: Extractor) -> None:
    text = "Moscow said Kyiv had staged a false flag attack on the bridge."
    extraction = _extract(text, nlp, reader, extractor)
    assert _claim(extraction, "said").factuality == "CT+"
    assert _event(extraction, "attack").modality != "denied"


def test_impossible_to_escape_calls_nothing_false(nlp: Language, reader: Reader, extractor: Extractor) -> None:
    text = 'The mayor said it was physically impossible to escape from the flooded district.'
    assert _claim(_extract(text, nlp, reader, extractor), "said").factuality == "CT+"


def test_saying_no_one_was_hurt_in_an_attack_does_not_deny_the_attack(
    nlp: Language, reader: Reader, extractor: Extractor
) -> None:
    text = "Police said no one was injured in the attack on the checkpoint."
    extraction = _extract(text, nlp, reader, extractor)
    attack = _event(extraction, "attack")
    assert attack.modality == "reported"
    assert attack.injured == 0


def test_denying_a_role_in_an_attack_still_denies_it(nlp: Language, reader: Reader, extractor: Extractor) -> None:
    text = "Russia denied any role in the attack on the convoy."
    assert _event(_extract(text, nlp, reader, extractor), "attack").modality == "denied"


# ----------------------------------------------------------------------------- uncertainty

@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Reuters could not independently verify who was responsible for the attack.", "attack"),
        ("Reuters could not independently verify the report that Russian forces shelled the town.", "shelled"),
        ("It is unclear whether the missile was fired by Ukrainian forces.", "fired"),
        ("It was not immediately clear who carried out the attack.", "attack"),
        ("Officials were unable to confirm that the drone struck the base.", "struck"),
        ("The attack has yet to be confirmed by independent sources.", "attack"),
    ],
)
def test_an_event_nobody_commits_to_is_hypothetical(
    nlp: Language, reader: Reader, extractor: Extractor, text: str, trigger: str
) -> None:
    assert _event(_extract(text, nlp, reader, extractor), trigger).modality == "hypothetical"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Reuters could not independently verify who was responsible for the attack.", "verify"),
        ("Officials could not confirm that the drone struck the base.", "confirm"),
        ('"I don\'t know whether it was a Russian missile," he said.', "said"),
        ("The governor said it was unclear whether the dam had been blown up.", "said"),
        ("A police spokesman said it was impossible to determine who fired the shot.", "said"),
        ("The agency has yet to confirm that the strike hit the depot.", "confirm"),
    ],
)
def test_could_not_verify_and_unclear_whether_are_uncommitted(
    nlp: Language, reader: Reader, extractor: Extractor, text: str, cue: str
) -> None:
    assert _claim(_extract(text, nlp, reader, extractor), cue).factuality == "Uu"


def test_an_outlets_own_could_not_verify_is_no_asserted_attack(
    nlp: Language, reader: Reader, extractor: Extractor
) -> None:
    text = ("Ukraine said Russian forces shelled the town overnight. "
            "Reuters could not independently verify who was responsible for the attack.")
    extraction = _extract(text, nlp, reader, extractor)
    assert _event(extraction, "shelled").modality == "reported"
    assert _event(extraction, "attack").modality == "hypothetical"
    assert _claim(extraction, "verify").speaker_text == "Reuters"


def test_a_count_left_unclear_keeps_the_attack(nlp: Language, reader: Reader, extractor: Extractor) -> None:
    text = "It was not clear how many people were killed in the strike on the market."
    assert _event(_extract(text, nlp, reader, extractor), "strike").modality == "asserted"


def test_the_killing_a_relative_clause_tells_is_not_doubted(
    nlp: Language, reader: Reader, extractor: Extractor
) -> None:
    text = "The army said it was impossible to determine the source of the shot that killed the journalist."
    extraction = _extract(text, nlp, reader, extractor)
    assert _claim(extraction, "said").factuality == "Uu"
    killed = [e for e in extraction.events if e.trigger is not None and e.trigger.text in ("killed", "shot")]
    assert killed and all(e.modality != "hypothetical" for e in killed)


# ----------------------------------------------------------------------------- zero counts

@pytest.mark.parametrize(
    ("text", "fatalities", "injured"),
    [
        ("A rocket hit the base on Tuesday. No one was injured.", None, 0),
        ("Gunmen attacked the checkpoint. Nobody was killed, police said.", 0, None),
        ("Two rockets struck the airport. There were no casualties, the army said.", 0, None),
        ("Shells fell on the village overnight. No deaths were reported.", 0, None),
        ("Not a single person was killed in the explosion at the depot.", 0, None),
        ("A coalition airstrike was reported on the mountain with no reports of fatalities or injuries.", 0, 0),
        ("A clash between the army and the rebels, involving heavy artillery fire, was reported in the town. "
         "No casualties reported.", 0, None),
    ],
)
def test_no_one_hurt_counts_zero_never_one(
    nlp: Language, reader: Reader, extractor: Extractor, text: str, fatalities: int | None, injured: int | None
) -> None:
    events = [e for e in _extract(text, nlp, reader, extractor).events if e.type == "ASSAULT"]
    assert events
    assert all((e.fatalities, e.injured) == (fatalities, injured) for e in events)


def test_no_one_was_killed_alone_is_no_killing(nlp: Language, reader: Reader, extractor: Extractor) -> None:
    extraction = _extract("No one was killed.", nlp, reader, extractor)
    assert all(e.modality == "negated" and e.fatalities == 0 for e in extraction.events)


# ----------------------------------------------------------------------------- what must not change

def test_police_confirmed_two_killed_stays_certain(nlp: Language, reader: Reader, extractor: Extractor) -> None:
    extraction = _extract("Police confirmed two people were killed in the explosion.", nlp, reader, extractor)
    assert _claim(extraction, "confirmed").factuality == "CT+"
    explosion = _event(extraction, "explosion")
    assert (explosion.fatalities, explosion.modality) == (2, "reported")


def test_no_10_downing_street_is_no_negation(nlp: Language, reader: Reader, extractor: Extractor) -> None:
    extraction = _extract("No. 10 Downing Street said the strike killed three people.", nlp, reader, extractor)
    assert _claim(extraction, "said").factuality == "CT+"
    strike = _event(extraction, "strike")
    assert (strike.fatalities, strike.modality) == (3, "reported")


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Yet the army confirmed that militants attacked the checkpoint.", "reported"),
        ("The rebels attacked the capital on Monday, and it is unclear whether they will withdraw.", "asserted"),
        ("Troops cleared the town after militants attacked the checkpoint.", "asserted"),
        ("The army said it was clear that militants attacked the checkpoint.", "reported"),
    ],
)
def test_positive_sentences_stay_asserted(
    nlp: Language, reader: Reader, extractor: Extractor, text: str, modality: str
) -> None:
    assert _event(_extract(text, nlp, reader, extractor), "attacked").modality == modality


# ----------------------------------------------------------------------------- a doubted doer, a known deed


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # the modal hedges who did the attack the definite subject names, not whether it happened
        ("An opposition lawmaker said the attack in the port may have been carried out by the army in an "
         "attempt to frame the movement.", "attack"),
        ("The bombing at the stadium might have been staged by the security services, the cleric said.",
         "bombing"),
        # not blaming anyone for the explosions leaves open who set them off, not whether they went off
        ("Tehran has not officially blamed Washington or its allies for the two explosions in the city, which "
         "killed at least 80 people.", "explosions"),
    ],
)
def test_a_hedged_doer_leaves_a_definite_deed_told(
    nlp: Language, reader: Reader, extractor: Extractor, text: str, trigger: str
) -> None:
    assert _event(_extract(text, nlp, reader, extractor), trigger).modality != "hypothetical"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The ministry said an attack may be carried out by the militia next week.", "attack"),
        ("Officials could not confirm an attack on the base.", "attack"),
    ],
)
def test_a_deed_still_to_come_or_unconfirmed_stays_hypothetical(
    nlp: Language, reader: Reader, extractor: Extractor, text: str, trigger: str
) -> None:
    assert _event(_extract(text, nlp, reader, extractor), trigger).modality == "hypothetical"


def test_a_comment_spliced_after_the_claim_does_not_negate_it(nlp: Language, reader: Reader,
                                                              extractor: Extractor) -> None:
    text = ('"It is unmistakably a Russian rocket, there is not even any point talking about it," the military '
            "spokesman told a televised briefing.")
    assert _claim(_extract(text, nlp, reader, extractor), "told").factuality == "CT+"
    # the claim's own clause negated is still a negation
    text = '"Russia did not fire the missile, there is no doubt about it," the minister said.'
    assert _claim(_extract(text, nlp, reader, extractor), "said").factuality == "CT-"
