"""events: the PLOVER coder.

STUB: the interface below is fixed; the body is being written.
"""

from __future__ import annotations

from triangulate.records import Event, ReadDoc


class EventCoder:
    @classmethod
    def default(cls) -> EventCoder:
        return cls()

    def code(self, read: ReadDoc) -> list[Event]:
        return []
