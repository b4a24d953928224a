"""The dossier page at /: server-rendered, autoescaped templates and small plain scripts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from fastapi import APIRouter, Depends, FastAPI, Query
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import Message, Receive, Scope, Send

from triangulate.report.browse import list_stories
from triangulate.report.dossier import build_story_dossier
from triangulate.report.page_view import list_view, story_view
from triangulate.serve.auth import require_read_access
from triangulate.serve.deps import Store
from triangulate.version import __version__

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
# Nothing but the server's own scripts runs, and nothing is loaded from another host.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
PAGE_SIZE = 50

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, undefined=jinja2.StrictUndefined,
    trim_blocks=True, lstrip_blocks=True,
)
# the same read rule as the API: open on loopback, the token elsewhere (a browser sends it only through a
# proxy that adds the header: the page is meant for loopback)
router = APIRouter(include_in_schema=False, dependencies=[Depends(require_read_access)])


def render(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = _env.get_template(name).render(version=__version__, **context)
    return HTMLResponse(html, status_code=status_code, headers=HEADERS)


@router.get("/", response_class=HTMLResponse)
def stories_page(
    store: Store, q: str = Query("", max_length=500), offset: int = Query(0, ge=0),
    limit: int = Query(PAGE_SIZE, ge=1, le=200),
) -> HTMLResponse:
    page = list_stories(store, q or None, offset, limit)
    return render("stories.html", view=list_view(page), q=q, limit=limit)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(story_id: str, store: Store) -> HTMLResponse:
    dossier = build_story_dossier(store, story_id)
    if dossier is None:
        return render("missing.html", status_code=404, story_id=story_id)
    view = story_view(dossier)
    return render("story.html", view=view, data=view.page_data())


class _SecuredStatic:
    """The static files, sent with the page's security headers."""

    def __init__(self, app: StaticFiles) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []),
                                      *((k.lower().encode(), v.encode()) for k, v in HEADERS.items())]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install(app: FastAPI) -> None:
    """Add the page's routes and its static files to the app."""
    app.include_router(router)
    app.mount("/static", _SecuredStatic(StaticFiles(directory=STATIC)), name="static")
