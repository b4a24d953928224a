"""The app's answers when the database fails under it: JSON errors naming no path and showing no trace."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.serve.api_server import serving
from triangulate.serve.app import create_app
from triangulate.serve.auth import TOKEN_ENV, load_token


def test_a_broken_database_gives_a_json_error_without_a_path(tmp_path: Path) -> None:
    db = tmp_path / "triangulate.db"
    app = create_app(db, token=load_token(db, environ={TOKEN_ENV: "app-token"}))
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        assert client.get("/api/stories").status_code == 200
        db.write_bytes(b"not a database, whatever it was " * 200)  # overwritten under the server
        crashed = client.get("/api/stories")
        assert crashed.status_code == 500
        for name in ("db-wal", "db-shm"):
            (tmp_path / f"triangulate.{name}").unlink(missing_ok=True)
        db.unlink()
        db.mkdir()  # now it cannot even be opened
        unavailable = client.get("/api/events")
        assert unavailable.status_code == 503
    for answer in (crashed, unavailable):
        assert answer.headers["content-type"] == "application/json"
        assert answer.json()["detail"]
        assert str(tmp_path) not in answer.text and "Traceback" not in answer.text and "sqlite" not in answer.text
