"""claims: attributed statements, their speakers, cues, factuality and chains.

STUB: the interface below is fixed; the body is being written.
"""

from __future__ import annotations

from triangulate.records import Claim, ReadDoc


class ClaimExtractor:
    @classmethod
    def default(cls) -> ClaimExtractor:
        return cls()

    def extract(self, read: ReadDoc) -> list[Claim]:
        return []
