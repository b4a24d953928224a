"""Documents kept in a temporary file while a run works through them; in memory, only their ids and dates.

A run reads every input before it analyzes one (near-duplicates are told apart over all of them, the
earliest published copy kept), so without this it would hold every report's text until the end.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from triangulate.records import Document


class DocumentSpool:
    """Documents in the order added, each read back from disk by its index."""

    def __init__(self, documents: Iterable[Document] = (), folder: Path | None = None) -> None:
        self._file = tempfile.TemporaryFile("w+b", dir=folder)  # noqa: SIM115 (closed by close())
        self._offsets: list[int] = []
        self.keys: list[tuple[str, date | None]] = []  # (id, published) of each
        for document in documents:
            self.add(document)

    def __enter__(self) -> DocumentSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._offsets)

    def add(self, document: Document) -> None:
        self._offsets.append(self._file.seek(0, os.SEEK_END))
        # json.dumps escapes every character outside ASCII: any string comes back as it was
        self._file.write(json.dumps(document.model_dump(mode="json")).encode("ascii") + b"\n")
        self.keys.append((document.id, document.published))

    def get(self, index: int) -> Document:
        self._file.seek(self._offsets[index])
        return Document.model_validate(json.loads(self._file.readline()))

    def text(self, index: int) -> str:
        return self.get(index).text

    def close(self) -> None:
        self._file.close()
