"""times: time expressions resolved against the publication date.

STUB: the interface below is fixed; the body is being written.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from triangulate.records import TimeRef


def find_times(doc: Doc, published: date | None) -> list[TimeRef]:
    return []
