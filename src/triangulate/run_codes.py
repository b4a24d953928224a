"""Stable codes (E2xx) for problems of the run itself: a document whose analysis failed.

Ingest's codes are in `ingest/errors.py`, the store's in `store/errors.py`; docs/errors.md lists all.
"""

from __future__ import annotations

from enum import StrEnum

from triangulate.base.codes import CodeInfo, message
from triangulate.records import IngestError


class RunCode(StrEnum):
    ANALYSIS_FAILED = "E201"


CODES: dict[RunCode, CodeInfo] = {
    RunCode.ANALYSIS_FAILED: CodeInfo(
        "error", "reading or extracting a document failed (a bug); it is stored without results",
        "report it with the input attached; the rest of the batch went on",
    ),
}


def run_problem(code: RunCode, source: str, what: str) -> IngestError:
    """A problem of the run, recorded like ingest's so that the summary and `errors` show it."""
    return IngestError(source=source, code=code.value, message=message(what, CODES[code]))
