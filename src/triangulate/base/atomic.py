"""Files written whole or not at all: into a temporary name beside the target, renamed over it once complete."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


def partial_name(path: Path) -> Path:
    """Where `path` is written until it is complete: a hidden name in its folder (the same file system, so
    the rename is atomic). A fixed name: what a killed process left there is overwritten by the next write."""
    return path.with_name(f".{path.name}.partial")


@contextmanager
def replacing(path: Path, newline: str | None = None) -> Iterator[IO[str]]:
    """A text handle that writes `path` (UTF-8): readers see the file as it was before, or whole, never in
    part. Once the block ends, it is flushed to disk and renamed over `path`; when the block raises (a full
    disk, an error), `path` is left as it was and the partial file is removed."""
    partial = partial_name(path)
    done = False
    try:
        with partial.open("w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())  # the data on disk before the name points at it
        partial.replace(path)
        done = True
    except OSError as exc:
        if exc.filename is None:  # a write or a flush names no file: say which one
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    finally:
        if not done:
            partial.unlink(missing_ok=True)


def write_text(path: Path, text: str, newline: str | None = None) -> None:
    """`path.write_text(text)`, written whole or not at all."""
    with replacing(path, newline=newline) as handle:
        handle.write(text)
