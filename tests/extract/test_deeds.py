"""Which deeds a statement tells (extract/deeds.py), seen through the statements of real-shaped sentences."""

from __future__ import annotations

import pytest

from triangulate.pipeline import Pipeline
from triangulate.records import AnalyzedDocument, Document, document_id


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _analyzed(pipeline: Pipeline, text: str) -> AnalyzedDocument:
    (analyzed,) = pipeline.analyze_documents([Document(id=document_id(text), external_id="t", text=text)])
    return analyzed


@pytest.mark.parametrize(("text", "speaker", "accused"), [
    ("Pakistan rejected reports that Indian jets had bombed a militant camp in Balakot.", "PAK.GOV", "IND.MIL"),
    ("Russia denied claims that Ukrainian drones struck the refinery in Tuapse on Tuesday.", "RUS.GOV", "UKR.MIL"),
])
def test_denying_reports_that_another_did_it_denies_that_other(pipeline: Pipeline, text: str, speaker: str,
                                                                accused: str) -> None:
    # the clause a report or claim holds is what it says: not the denier's own part
    found = [(r.stance, r.speaker, r.accused) for r in _analyzed(pipeline, text).responsibility]
    assert found == [("denies", speaker, accused)]


def test_a_deed_giving_the_time_of_what_is_denied_is_not_denied(pipeline: Pipeline) -> None:
    analyzed = _analyzed(pipeline, "Russian Defense Ministry spokesman Igor Konashenkov refuted claims by Israel that "
                                   "its jets were already back in Israeli airspace when the Il-20 was shot down by a "
                                   "Syrian S-200 missile.")
    # what is refuted is where the jets were; the downing by the Syrian missile is its setting, taken as known
    assert not [r for r in analyzed.responsibility if r.accused == "SYR.MIL"]
    (downing,) = [e for e in analyzed.events if e.source_actor == "SYR.MIL"]
    assert downing.modality != "denied"


def test_a_deed_in_a_time_clause_is_not_the_accused_part(pipeline: Pipeline) -> None:
    analyzed = _analyzed(pipeline, "The Syrian army denied that its soldiers were in the village when the market in "
                                   "Idlib was bombed by Turkish jets on Tuesday.")
    assert not [r for r in analyzed.responsibility if r.accused == "TUR.MIL"]
    assert all(e.modality != "denied" for e in analyzed.events if e.source_actor == "TUR.MIL")

