"""Stable problem codes: what every stage's code table holds, and the message built from an entry.

A code never changes meaning once released; new problems get new codes. Each stage keeps its own
range (ingest E1xx, the run's analysis E2xx, the store E3xx); docs/errors.md lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class CodeInfo:
    """Whether a problem usually costs a document (error) or a detail of one (warning), and what to do."""

    severity: Severity
    summary: str
    next_step: str


def message(what: str, info: CodeInfo, next_step: str | None = None) -> str:
    """A message that says what happened and what to do next."""
    return f"{what}; {next_step if next_step is not None else info.next_step}"
