"""One text analyzed as the pipeline does, and its responsibility statements, for the responsibility tests."""

from __future__ import annotations

from triangulate.pipeline import Pipeline
from triangulate.records import Document, Responsibility, document_id


def found(pipeline: Pipeline, text: str) -> list[Responsibility]:
    document = Document(id=document_id(text), external_id="t", text=text)
    (analyzed,) = pipeline.analyze_documents([document])
    return list(analyzed.responsibility)


def said(pipeline: Pipeline, text: str) -> set[tuple[str | None, str, str | None]]:
    return {(r.speaker_text, r.stance, r.accused_text) for r in found(pipeline, text)}
