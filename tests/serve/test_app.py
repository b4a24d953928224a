"""The app's answers when its database fails: JSON errors naming no path and showing no trace."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.serve.api_server import serving
from triangulate.serve.app import create_app
from triangulate.serve.auth import TOKEN_ENV, load_token


@pytest.mark.parametrize(("broken", "status"), [("garbage", 503), ("folder", 503)])
def test_a_broken_database_gives_a_json_error_without_a_path(tmp_path: Path, broken: str, status: int) -> None:
    db = tmp_path / "triangulate.db"
    if broken == "garbage":
        db.write_bytes(b"not a database, whatever it was " * 200)  # not SQLite: refused on opening
    else:
        db.mkdir()  # cannot even be opened
    app = create_app(db, token=load_token(db, environ={TOKEN_ENV: "app-token"}))
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        answer = client.get("/api/stories")
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/json"
    assert answer.json()["detail"]
    assert str(tmp_path) not in answer.text and "Traceback" not in answer.text and "sqlite" not in answer.text
