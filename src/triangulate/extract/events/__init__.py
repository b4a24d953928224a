"""events: the PLOVER coder, split by topic (triggers, syntax, matching, arguments, sides, anchoring)."""

from __future__ import annotations

from triangulate.extract.events.anchoring import EventPoints
from triangulate.extract.events.coder import EventCoder
from triangulate.extract.events.triggers import TRIGGERS_FILE, ModeCue, Sides, TriggerRule, TriggerTable

__all__ = ["TRIGGERS_FILE", "EventCoder", "EventPoints", "ModeCue", "Sides", "TriggerRule", "TriggerTable"]
