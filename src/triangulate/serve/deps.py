"""What every request handler is given: the store of the app's database, opened per request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from triangulate.store import SQLiteStore, open_store


def get_store(request: Request) -> Iterator[SQLiteStore]:
    # one connection per request: SQLite connections are cheap and WAL lets readers run beside a writer
    store = open_store(request.app.state.db_path)
    try:
        yield store
    finally:
        store.close()


Store = Annotated[SQLiteStore, Depends(get_store)]
