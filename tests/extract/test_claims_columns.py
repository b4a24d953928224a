"""The attribution model's cue features as columns: composed CRC-32s equal the features' own, and the
document's scores equal the reference path's (group by group) to the last bit, on real sentences."""

from __future__ import annotations

import zlib

import numpy as np
import pytest
from spacy.language import Language

from triangulate.extract.claims import columns
from triangulate.extract.claims.columns import MAX_LENGTH, Features, Strings, shift
from triangulate.extract.claims.learned import AttributionModel

TEXTS = [
    'Ukraine war: "We will respond," the minister told reporters on Monday, according to state media.\n\n'
    "Officials said the convoy was hit. The army denied it: it blamed the rebels, who rejected the claim.",
    "The ministry of health in Gaza said on Tuesday that the strike had killed 12 civilians, a figure "
    "that Israel's army disputed. “We targeted a Hamas commander,” a spokesman claimed.",
    "Pentagon spokesman John Kirby told CNN that the drone was not shot down by Russian fire; Moscow "
    "insisted its jets never touched it, and the naïve pilots' union warned of escalation.",
]


def test_a_crc_moved_past_a_string_is_the_crc_of_both() -> None:
    for head, tail in [(b"l,d=", b"said"), (b"hl=", b""), (b"prev=", "naïve".encode()), (b"x", b"," * 200)]:
        moved = shift(np.array([zlib.crc32(head)], dtype=np.uint32), len(tail))[0]
        assert int(moved) ^ zlib.crc32(tail) == zlib.crc32(head + tail)


def test_the_features_composed_are_the_features_hashed() -> None:
    strings = Strings()
    words, deps = ["said", "Ministry", "naïve", "", "x" * 40], ["nsubj", "dobj", "ROOT", "prep", "é"]
    features = Features(strings)
    out = np.zeros(10, dtype=np.uint32)
    features.one("l=", np.arange(5), strings.ids(words))
    features.two("l,d=", np.arange(5, 10), strings.ids(words), strings.ids(deps))
    assert features.crcs(out)
    expected = [f"l={w}" for w in words] + [f"l,d={w},{d}" for w, d in zip(words, deps, strict=True)]
    assert out.tolist() == [zlib.crc32(f.encode("utf-8")) for f in expected]


@pytest.fixture(scope="module")
def model() -> AttributionModel:
    return AttributionModel.load()


@pytest.mark.parametrize("text", TEXTS)
def test_the_columns_score_every_candidate_as_the_groups_do(nlp: Language, model: AttributionModel, text: str) -> None:
    doc = nlp(text)
    for headline_end, skip in [(0, set()), (len(text.split("\n")[0]), {2, 5}), (40, set(range(0, len(doc), 3)))]:
        for _ in range(2):  # the second time the strings and the groups' sums are kept
            scores = model.cue_scores(doc, headline_end, skip)
            assert scores and scores == model.cue_scores_by_groups(doc, headline_end, skip)
            assert all(i not in skip for i, _ in scores)
    cues = {doc[i].lower_ for i, p in model.cue_scores(doc, 0) if p >= model.threshold}
    assert cues & {"said", "told", "claimed"}


def test_a_word_too_long_for_the_tables_is_scored_by_the_groups(nlp: Language, model: AttributionModel) -> None:
    doc = nlp("The spokesman said the site http://example.org/" + "a" * MAX_LENGTH + " was hacked on Friday.")
    scores = model.cue_scores(doc, 0)
    assert scores == model.cue_scores_by_groups(doc, 0)
    assert any(doc[i].lower_ == "said" for i, _ in scores)


def test_the_kept_strings_are_cleared_when_full_and_the_scores_hold(
    nlp: Language, model: AttributionModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(columns, "MAX_STRINGS", 10)
    fresh = AttributionModel(model.cue_weights, model.role_weights, model.threshold, model.lemmas)
    for text in TEXTS + TEXTS:
        doc = nlp(text)
        assert fresh.cue_scores(doc, 0) == model.cue_scores_by_groups(doc, 0)
    assert len(fresh._strings.index) < 400  # cleared at each document's start, not grown over all six
