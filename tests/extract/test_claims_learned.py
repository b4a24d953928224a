"""The attribution model: it loads from the package offline, and its claims on real sentences
(cues the rules do not list, relative speakers, particles, deeds kept out, quotations in pieces)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language

from tests.extract.test_claims import _claims
from triangulate.extract.claims import ClaimExtractor
from triangulate.extract.claims.learned import (
    DIM,
    FEATURES,
    MODEL_PATH,
    ROLES,
    AttributionModel,
    context,
    cue_features,
    default_model,
    is_candidate,
    prior_bins,
    vector,
)
from triangulate.read import Reader
from triangulate.records import Claim


@pytest.fixture(scope="module")
def rules_only() -> ClaimExtractor:
    extractor = ClaimExtractor.default()
    extractor.model = None
    return extractor


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access in a test that must run offline")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    yield


def test_the_model_ships_in_the_package_and_loads_offline(no_network: None) -> None:
    assert MODEL_PATH.is_file() and "triangulate" in MODEL_PATH.parts
    assert MODEL_PATH.stat().st_size < 30_000_000
    model = AttributionModel.load(MODEL_PATH)
    assert model.cue_weights.shape == (DIM + model.width,)
    assert model.role_weights.shape == (len(ROLES), DIM + 2 * model.width)
    assert 0.0 < model.threshold < 1.0
    assert default_model() is not None


def _only(claims: list[Claim], cue: str) -> Claim:
    found = [c for c in claims if c.cue == cue]
    assert len(found) == 1, [(c.speaker_text, c.cue) for c in claims]
    return found[0]


def test_a_cue_no_rule_lists_is_read_by_the_model(
    nlp: Language, reader: Reader, extractor: ClaimExtractor, rules_only: ClaimExtractor
) -> None:
    text = "The commander wants the troops to withdraw from the city by Friday."
    assert not [c for c in _claims(text, nlp, reader, rules_only) if c.cue == "wants"]
    claim = _only(_claims(text, nlp, reader, extractor), "wants")
    assert claim.speaker_text == "The commander"
    assert claim.content.text == "the troops to withdraw from the city by Friday"
    assert claim.factuality == "Uu"  # a wish commits to nothing having happened


def test_a_relative_pronoun_speaks_for_its_phrase(nlp: Language, reader: Reader, extractor: ClaimExtractor) -> None:
    text = "The mayor, who criticized the plan last week, did not attend the meeting."
    claim = _only(_claims(text, nlp, reader, extractor), "criticized")
    assert claim.speaker_span is not None and claim.speaker_span.text == "who"
    assert claim.speaker_text == "who (The mayor)"
    assert claim.content.text == "the plan"


def test_a_prepositional_cue_keeps_its_particle(nlp: Language, reader: Reader, extractor: ClaimExtractor) -> None:
    text = "Relatives of the victims called for the footage to be released."
    claim = _only(_claims(text, nlp, reader, extractor), "called for")
    assert claim.content.text == "the footage to be released"


@pytest.mark.parametrize(
    "text",
    [
        "Militants attacked the checkpoint on Monday.",
        "Israel Accused of Targeting Iranian Installations in Iraq\n\nExplosions hit a base near Balad on Monday.",
        "The mystery attacks have not been claimed by any side.",
    ],
)
def test_deeds_and_passives_are_no_claims(nlp: Language, reader: Reader, extractor: ClaimExtractor, text: str) -> None:
    assert _claims(text, nlp, reader, extractor) == []


def test_a_quotation_split_by_its_attribution_is_one_claim_in_pieces(
    nlp: Language, reader: Reader, extractor: ClaimExtractor
) -> None:
    text = '"We will not back down," the minister said, "and we will rebuild the bridge." "It is ours."'
    claim = _only(_claims(text, nlp, reader, extractor), "said")
    assert [p.text for p in claim.content_pieces] == [
        "We will not back down", "and we will rebuild the bridge.", "It is ours."
    ]
    assert claim.kind == "direct"
    assert claim.proposition == "We will not back down … and we will rebuild the bridge. … It is ours."


def test_the_proposition_drops_the_complementizer_the_span_keeps(
    nlp: Language, reader: Reader, extractor: ClaimExtractor
) -> None:
    text = "The army confirmed that militants attacked the checkpoint."
    claim = _only(_claims(text, nlp, reader, extractor), "confirmed")
    assert claim.content.text == "that militants attacked the checkpoint"
    assert claim.proposition == "militants attacked the checkpoint"


def test_a_model_of_another_feature_set_is_refused(tmp_path: Path) -> None:
    model = AttributionModel.load(MODEL_PATH)
    path = tmp_path / "model.npz"
    model.save(path)
    again = AttributionModel.load(path)
    assert again.threshold == pytest.approx(model.threshold)
    assert again.lemmas == model.lemmas and len(model.lemmas) > 1000
    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    np.savez_compressed(path, **{**arrays, "features": np.array(FEATURES + 1)})
    with pytest.raises(ValueError, match="retrain"):
        AttributionModel.load(path)


@pytest.mark.parametrize(
    ("text", "cue", "kind"),
    [
        ("Satellite images show that the bridge was destroyed before the offensive.", "show", "document"),
        ("The footage suggests the missile came from the east.", "suggests", "document"),
        ("The spokesman suggested the missile came from the east.", "suggested", "agent"),
    ],
)
def test_evidence_that_shows_is_no_speaker(
    nlp: Language, reader: Reader, extractor: ClaimExtractor, text: str, cue: str, kind: str
) -> None:
    assert _only(_claims(text, nlp, reader, extractor), cue).speaker_kind == kind


def test_the_kept_group_scores_equal_the_training_features(nlp: Language) -> None:
    """The model scores a cue from remembered feature groups; the sum must be what training saw."""
    model = AttributionModel.load(MODEL_PATH)
    doc = nlp('"We will respond," the minister told reporters on Monday, according to state media.\n\n'
              "Officials said the convoy was hit. The army denied it: it blamed the rebels.")
    dense = context(doc, model.width) @ model.cue_weights[DIM:]
    for _ in range(2):  # the second pass reads the remembered groups
        for tok in doc:
            if is_candidate(tok):
                features = cue_features(tok, 0, prior=model.prior(tok))
                score = float(model.cue_weights[vector(features)].sum()) + float(dense[tok.i])
                assert model.cue_probability(tok, 0) == pytest.approx(1 / (1 + np.exp(-score)), abs=1e-6)


def test_a_words_cue_rate_is_smoothed_and_binned() -> None:
    mean = 0.07
    assert prior_bins(0, 0, mean) == ("2", "0")  # never seen: the mean's bin (.03 to .1)
    rare_cue, often_cue, never = prior_bins(2, 2, mean), prior_bins(90, 100, mean), prior_bins(0, 500, mean)
    assert int(never[0]) < int(prior_bins(0, 0, mean)[0]) < int(rare_cue[0]) < int(often_cue[0])
    assert (rare_cue[1], often_cue[1]) == ("1", "3")


def test_the_model_knows_which_words_were_cues_in_training(nlp: Language) -> None:
    model = AttributionModel.load(MODEL_PATH)
    doc = nlp("The senator said the bill would pass, and she planted a tree.")
    said, planted = doc[2], doc[10]
    assert int(model.prior(said)[0]) > int(model.prior(planted)[0])


def test_feature_columns_are_their_crc32_in_the_hashed_space(nlp: Language) -> None:
    import zlib

    doc = nlp("The ministry said on Tuesday that the strike had killed 12 civilians.")
    features = cue_features(doc[2], 0)
    columns = vector(features)
    assert columns.dtype == np.int64 and len(columns) == len(features)
    assert columns.tolist() == [zlib.crc32(f.encode("utf-8")) % DIM for f in features]
