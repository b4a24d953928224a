"""The JSON API under /api: the records of `dossier.json`, read from the store, and reports posted into it.

Handlers only read parameters and call the library (`report.browse`, `report.dossier`, `serve.analysis`);
the app (`serve.app`) turns the library's errors into 4xx answers.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from triangulate.records import PLOVER_TYPES
from triangulate.report.browse import (
    FACTUALITIES,
    ClaimPage,
    ContradictionPage,
    EventPage,
    StoryPage,
    event_filter,
    list_claims,
    list_contradictions,
    list_events,
    list_stories,
)
from triangulate.report.dossier import build_dossier, build_story_dossier
from triangulate.report.export import FORMATS, render
from triangulate.serve.analysis import Analysis, PostResult
from triangulate.serve.auth import require_read_access, require_token
from triangulate.serve.deps import Store
from triangulate.serve.models import CheckVerdict, StoryDossier

MAX_LIMIT = 500
MAX_CLAIM_CHARS = 2_000

router = APIRouter()
READ = [Depends(require_read_access)]

Offset = Annotated[int, Query(ge=0, description="How many items to skip.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"How many items at most (1 to {MAX_LIMIT}).")]
StoryId = Annotated[str | None, Query(max_length=200, description="Only this story's items (404 if no such story).")]


@router.get("/stories", dependencies=READ)
def stories(
    store: Store,
    q: Annotated[str | None, Query(max_length=500, description="Words every matching report holds (title or text); "
                                   "search syntax is not obeyed.")] = None,
    offset: Offset = 0, limit: Limit = 50,
) -> StoryPage:
    """Stories, newest first (by their latest report); with `q`, those with a report holding all its words."""
    return list_stories(store, q, offset, limit)


@router.get("/stories/{story_id}", dependencies=READ, responses={404: {"description": "No such story"}})
def story(story_id: str, store: Store) -> StoryDossier:
    """The story's part of the dossier: its reports, events, claims, merged events, claim groups, contradictions,
    responsibility records and errors, with the field names of `dossier.json`."""
    found = build_story_dossier(store, story_id)
    if found is None:
        raise HTTPException(status_code=404, detail="no such story")
    return StoryDossier.model_validate(found)


@router.get("/events", dependencies=READ)
def events(
    store: Store,
    since: Annotated[date | None, Query(description="First day (YYYY-MM-DD): events with any day on or after it.")]
    = None,
    until: Annotated[date | None, Query(description="Last day (YYYY-MM-DD): events with any day on or before it.")]
    = None,
    bbox: Annotated[str | None, Query(max_length=100, description="minlon,minlat,maxlon,maxlat in degrees; "
                                      "events placed inside it.")] = None,
    type: Annotated[str | None, Query(max_length=20, description=f"PLOVER type: {', '.join(PLOVER_TYPES)}.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor id, or words of its name: the doer, "
                                       "the target or a candidate perpetrator.")] = None,
    min_origins: Annotated[int, Query(ge=0, description="At least this many independent origins.")] = 0,
    offset: Offset = 0, limit: Limit = 50,
) -> EventPage:
    """Merged events (one real event across the reports of a story; each names its `story_id`), newest first.
    An event with no date is left out by `since`/`until`, one with no coordinates by `bbox`."""
    wanted = event_filter(since=since, until=until, bbox=bbox, type=type, actor=actor, min_origins=min_origins)
    return list_events(store, wanted, offset, limit)


@router.get("/claims", dependencies=READ)
def claims(
    store: Store,
    speaker: Annotated[str | None, Query(max_length=200, description="Actor id, or words of the speaker as the "
                                         "report names them or of the actor's name.")] = None,
    factuality: Annotated[str | None, Query(max_length=5, description=f"One of {', '.join(FACTUALITIES)} "
                                            "(in a URL write + as %2B).")] = None,
    story: StoryId = None,
    offset: Offset = 0, limit: Limit = 50,
) -> ClaimPage:
    """Attributed claims, newest report first, each with its `story_id`."""
    return list_claims(store, speaker, factuality, story, offset, limit)


@router.get("/contradictions", dependencies=READ)
def contradictions(store: Store, story: StoryId = None, offset: Offset = 0, limit: Limit = 50) -> ContradictionPage:
    """Contradictions found inside stories, newest story first."""
    return list_contradictions(store, story, offset, limit)


@router.get("/export/{fmt}", dependencies=READ, response_class=Response,
            responses={404: {"description": "No such format or story"}})
def export(fmt: str, store: Store, story: StoryId = None) -> Response:
    """The whole record, or one story's part, in an export format: json, markdown, acled-csv, geojson,
    graphml (the same bytes as `triangulate export`)."""
    chosen = FORMATS.get(fmt)
    if chosen is None:
        raise HTTPException(status_code=404, detail=f"no export format {fmt[:40]!r}; choose one of {', '.join(FORMATS)}")
    dossier = build_story_dossier(store, story) if story is not None else build_dossier(store)
    if dossier is None:
        raise HTTPException(status_code=404, detail="no such story")
    text, media_type = render(dossier, fmt)
    name = f"triangulate-{story}{chosen.suffix}" if story else f"triangulate{chosen.suffix}"
    return Response(text, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/check", dependencies=READ, response_model=CheckVerdict)
def check(
    request: Request,
    claim: Annotated[str, Query(min_length=1, max_length=MAX_CLAIM_CHARS, description="The claim, as a sentence.")],
) -> dict[str, Any]:
    """The verdict on a claim from the stored statements, as `triangulate check --json` gives it."""
    if not claim.strip():
        raise HTTPException(status_code=422, detail="the claim is empty; give it as a sentence")
    analysis: Analysis = request.app.state.analysis
    return analysis.check(claim).as_json()


_POST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "One report (a JSON object), a JSON array of them, or JSON Lines: each with `text`, and "
                       "optionally `id`, `title`, `url`, `outlet`, `published` (YYYY-MM-DD) and `language`.",
        "content": {
            "application/json": {"schema": {"oneOf": [{"type": "object"},
                                                      {"type": "array", "items": {"type": "object"}}]}},
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    },
}


@router.post(
    "/reports", dependencies=[Depends(require_token)], response_model=PostResult, openapi_extra=_POST_BODY,
    responses={400: {"description": "The body holds no report (empty, not UTF-8, an empty array)"},
               401: {"description": "No token, or a wrong one"}, 413: {"description": "The body is over the cap"},
               422: {"description": "No report could be stored; each report's errors say why",
                     "model": PostResult}},
)
async def post_reports(request: Request) -> JSONResponse:
    """Analyze reports and link them into the stored stories; per report, its ids or its errors (one bad
    report never fails the others). Posting a report again changes nothing and gives the same ids."""
    body = await request.body()  # the body cap (`serve.limits`) stops an oversized one while it streams
    analysis: Analysis = request.app.state.analysis
    result = await run_in_threadpool(analysis.post, body)
    return JSONResponse(result.model_dump(mode="json"), status_code=200 if result.stored_any else 422)
