"""Stable codes (E2xx) for problems of the run itself: a document whose analysis failed, files that cannot be written.

Ingest's codes are in `ingest/errors.py`, the store's in `store/errors.py`; docs/errors.md lists all.
"""

from __future__ import annotations

from enum import StrEnum

from triangulate.base.codes import CodeInfo, message
from triangulate.records import IngestError


class RunCode(StrEnum):
    ANALYSIS_FAILED = "E201"
    FILES_UNWRITABLE = "E202"


CODES: dict[RunCode, CodeInfo] = {
    RunCode.ANALYSIS_FAILED: CodeInfo(
        "error", "reading or extracting a document failed (a bug); it is stored without results",
        "report it with the input attached; the rest of the batch went on",
    ),
    RunCode.FILES_UNWRITABLE: CodeInfo(
        "error", "the run's files (dossier.json, dossier.md, events.csv) cannot be written (a full disk, "
        "no permission); the reports are stored, and the files of the run before are left whole",
        "free some space or fix the folder's permissions (or give another --out), and run again: "
        "nothing stored is analyzed again",
    ),
}


class RunFailure(RuntimeError):
    """A problem that stops the run; its text starts with the code ("E202: ...")."""

    def __init__(self, code: RunCode, what: str) -> None:
        super().__init__(f"{code.value}: {message(what, CODES[code])}")
        self.code = code


def run_problem(code: RunCode, source: str, what: str) -> IngestError:
    """A problem of the run, recorded like ingest's so that the summary and `errors` show it."""
    return IngestError(source=source, code=code.value, message=message(what, CODES[code]))
