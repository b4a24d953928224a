"""What every request handler is given: the store of the app's database, opened per request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from triangulate.store import Store as AnyStore
from triangulate.store import open_store


def get_store(request: Request) -> Iterator[AnyStore]:
    # one connection per request: SQLite connections are cheap and WAL lets readers run beside a writer;
    # PostgreSQL's take a few ms (a pool is left for when a server needs one)
    store = open_store(request.app.state.db_path)
    try:
        yield store
    finally:
        store.close()


Store = Annotated[AnyStore, Depends(get_store)]
