"""Responsibility told in a relative clause on the deed, on news-style sentences."""

from __future__ import annotations

import pytest

from triangulate.pipeline import Pipeline
from triangulate.records import Document, Responsibility, document_id


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _accusations(pipeline: Pipeline, text: str) -> set[tuple[str | None, str | None]]:
    document = Document(id=document_id(text), external_id="t", text=text)
    (analyzed,) = pipeline.analyze_documents([document])
    found: list[Responsibility] = analyzed.responsibility
    return {(r.speaker, r.accused) for r in found if r.stance == "accuses"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twenty civilians were killed in Monday's strike, which the Syrian Observatory for Human Rights blamed "
         "on Russian or Syrian aircraft.", {("NGO.SOHR", "RUS.MIL"), ("NGO.SOHR", "SYR.GOV")}),
        ("The blast, which police blamed on the Taliban, tore through a crowded market.",
         {("XXX.POL", "AFG.TALIBAN")}),
    ],
)
def test_a_deed_put_on_someone_in_a_relative_clause_accuses_them(
    pipeline: Pipeline, text: str, expected: set[tuple[str, str]]
) -> None:
    assert expected <= _accusations(pipeline, text)


def test_a_relative_clause_on_something_else_accuses_no_one(pipeline: Pipeline) -> None:
    text = "The minister praised the budget, which the opposition blamed on the Taliban's pressure."
    assert _accusations(pipeline, text) == set()
