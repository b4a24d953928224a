"""places: geoparsing to GeoNames.

STUB: the interface below is fixed; the body is being written.
"""

from __future__ import annotations

from spacy.tokens import Doc

from triangulate.records import Document, Place


class Geoparser:
    @classmethod
    def default(cls) -> Geoparser:
        return cls()

    def geoparse(self, doc: Doc, document: Document) -> list[Place]:
        return []
