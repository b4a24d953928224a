"""Stable codes (E3xx) for problems of the store, and the error that carries them."""

from __future__ import annotations

from enum import StrEnum

from triangulate.base.codes import CodeInfo, message


class StoreCode(StrEnum):
    CANNOT_OPEN = "E301"
    SCHEMA_TOO_NEW = "E302"
    BACKEND_UNAVAILABLE = "E303"
    READ_ONLY = "E304"
    FULL = "E305"
    BUSY = "E306"
    IO_ERROR = "E307"


CODES: dict[StoreCode, CodeInfo] = {
    StoreCode.CANNOT_OPEN: CodeInfo(
        "error", "the database (a file, or a PostgreSQL server) cannot be opened",
        "check the path and its permissions, or the URL and that the server runs",
    ),
    StoreCode.SCHEMA_TOO_NEW: CodeInfo(
        "error", "the database was written by a newer triangulate (a newer schema version)",
        "upgrade triangulate or use another --db",
    ),
    StoreCode.BACKEND_UNAVAILABLE: CodeInfo(
        "error", "the database URL names a backend that is not available",
        "install triangulate with its dependencies (psycopg), or use a SQLite file path for --db",
    ),
    StoreCode.READ_ONLY: CodeInfo(
        "error", "the database cannot be written (a read-only file, folder or disk, or a user without the right)",
        "make the file and its folder writable (SQLite writes DB-wal and DB-shm beside it), or use another --db",
    ),
    StoreCode.FULL: CodeInfo(
        "error", "the disk holding the database is full; what was written before is kept whole",
        "free some space and run again: nothing stored is analyzed again",
    ),
    StoreCode.BUSY: CodeInfo(
        "error", "another process kept the database locked for writing longer than the wait (a minute)",
        "run again once the other writer is done; for several writers at once, use PostgreSQL (docs/storage.md)",
    ),
    StoreCode.IO_ERROR: CodeInfo(
        "error", "the disk failed to read or write the database (an I/O error)",
        "check the disk and the file (PRAGMA integrity_check), then run again",
    ),
}


class StoreError(RuntimeError):
    """A store problem; its text starts with the code ("E301: ...")."""

    def __init__(self, code: StoreCode, what: str, next_step: str | None = None) -> None:
        super().__init__(f"{code.value}: {message(what, CODES[code], next_step)}")
        self.code = code
