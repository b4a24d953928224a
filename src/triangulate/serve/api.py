"""The JSON API under /api: the records of `dossier.json`, read from the store."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from triangulate.report.browse import list_stories
from triangulate.report.dossier import build_story_dossier
from triangulate.serve.deps import Store

router = APIRouter()


@router.get("/stories")
def stories(store: Store, q: str | None = None, offset: int = 0, limit: int = 50) -> dict[str, Any]:
    return list_stories(store, q, offset, limit).to_json()


@router.get("/stories/{story_id}")
def story(story_id: str, store: Store) -> dict[str, Any]:
    found = build_story_dossier(store, story_id)
    if found is None:
        raise HTTPException(status_code=404, detail="no such story")
    return found
