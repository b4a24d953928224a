"""The workbench application: one FastAPI app holding the API (`serve.api`) and the page (`serve.pages`)."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware

from triangulate.report.browse import FilterError, UnknownStory
from triangulate.serve import api, pages
from triangulate.serve.analysis import Analysis, BodyError
from triangulate.serve.auth import Token, is_loopback, load_token
from triangulate.serve.limits import DEFAULT_MAX_BODY, BodyLimit
from triangulate.store import StoreError, location
from triangulate.version import __version__

log = logging.getLogger(__name__)
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})


def create_app(
    db_path: str | Path, *, host: str = "127.0.0.1", token: Token | None = None, max_body: int = DEFAULT_MAX_BODY,
) -> FastAPI:
    """The app over the store at `db_path`, for a server listening on `host`: writes need `token` (by
    default TRIANGULATE_TOKEN or the database's token file, made if missing); reads need it too unless
    `host` is loopback. Request bodies over `max_body` bytes get a 413."""
    # no /docs or /redoc: their pages load scripts from a CDN, and the tool makes no outside requests
    app = FastAPI(title="triangulate", version=__version__, docs_url=None, redoc_url=None,
                  description="News reports in, a sourced record of events and attributed claims out.")
    app.state.db_path = location(db_path)
    app.state.token = token or load_token(db_path)
    app.state.reads_open = is_loopback(host)
    app.state.analysis = Analysis(location(db_path))
    app.include_router(api.router, prefix="/api")
    pages.install(app)
    app.add_middleware(BodyLimit, max_bytes=max_body)
    if app.state.reads_open:
        # open reads on loopback answer loopback names only: a web page cannot read them by pointing
        # a name of its own at 127.0.0.1 (DNS rebinding)
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=sorted(LOOPBACK_NAMES | {host.lower()}))
    _answer_errors(app)
    return app


def _detail(status: int, detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status)


def _answer_errors(app: FastAPI) -> None:
    """The library's errors as clear 4xx answers; anything else a 500 naming no path and showing no trace."""

    @app.exception_handler(FilterError)
    async def bad_filter(_request: Request, exc: FilterError) -> JSONResponse:
        return _detail(422, str(exc))

    @app.exception_handler(UnknownStory)
    async def unknown_story(_request: Request, _exc: UnknownStory) -> JSONResponse:
        return _detail(404, "no such story")

    @app.exception_handler(BodyError)
    async def bad_body(_request: Request, exc: BodyError) -> JSONResponse:
        return _detail(400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(_request: Request, exc: StoreError) -> JSONResponse:
        log.error("database error: %s", exc)  # the server's log may name the path; the answer does not
        return _detail(503, "the database cannot be used now; the server's log says why")

    @app.exception_handler(Exception)
    async def crashed(_request: Request, _exc: Exception) -> JSONResponse:
        return _detail(500, "internal error; the server's log has the details")
