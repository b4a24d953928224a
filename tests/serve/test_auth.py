"""Who may write and read: the token's sources and file, and the server's answers with and without it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.serve.api_server import serving
from triangulate.serve.app import create_app
from triangulate.serve.auth import TOKEN_ENV, TokenError, is_loopback, load_token, token_path

REPORT = {"id": "r1", "text": "Several explosions erupted at a militant installation near Balad, north of Baghdad."}


def test_the_token_file_is_made_once_with_mode_0600(tmp_path: Path) -> None:
    db = tmp_path / "triangulate.db"
    first = load_token(db, environ={})
    path = token_path(db)
    assert first.where == str(path) == str(tmp_path / "triangulate.db.token")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first.value) >= 32 and first.value in path.read_text(encoding="utf-8")
    assert load_token(db, environ={}) == first  # kept, not made again


def test_a_postgresql_database_keeps_its_token_file_under_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    url = "postgresql://analyst:hunter2-secret@db.example.org:5433/newsroom"
    token = load_token(url, environ={})
    path = tmp_path / "config" / "triangulate" / "tokens" / "analyst@db.example.org_5433_newsroom.token"
    assert token.where == str(path) and token_path(url) == path  # named by the server, never the password
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_token(url, environ={}) == token


def test_the_environment_wins_and_makes_no_file(tmp_path: Path) -> None:
    token = load_token(tmp_path / "t.db", environ={TOKEN_ENV: " s3cret-from-env "})
    assert (token.value, token.where) == ("s3cret-from-env", f"${TOKEN_ENV}")
    assert not token_path(tmp_path / "t.db").exists()


def test_a_token_file_others_can_read_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    load_token(db, environ={})
    os.chmod(token_path(db), 0o644)
    with pytest.raises(TokenError, match="chmod 600"):
        load_token(db, environ={})


@pytest.mark.parametrize("content", ["", "  \n"])
def test_an_empty_token_file_is_refused(tmp_path: Path, content: str) -> None:
    path = token_path(tmp_path / "t.db")
    path.write_text(content, encoding="utf-8")
    os.chmod(path, 0o600)
    with pytest.raises(TokenError, match="empty"):
        load_token(tmp_path / "t.db", environ={})


def test_a_token_path_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    token_path(tmp_path / "t.db").mkdir(mode=0o700)
    with pytest.raises(TokenError, match="not a regular file"):
        load_token(tmp_path / "t.db", environ={})


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("example.org", False),
])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.fixture(scope="module")
def secret() -> str:
    return "correct-horse-battery-staple-0123456789"


@pytest.fixture(scope="module")
def loopback(tmp_path_factory: pytest.TempPathFactory, secret: str) -> Iterator[httpx.Client]:
    db = tmp_path_factory.mktemp("auth") / "triangulate.db"
    app = create_app(db, token=load_token(db, environ={TOKEN_ENV: secret}))
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def exposed(tmp_path_factory: pytest.TempPathFactory, secret: str) -> Iterator[httpx.Client]:
    """An app made for a server listening on every address (the test still serves it on loopback)."""
    db = tmp_path_factory.mktemp("exposed") / "triangulate.db"
    app = create_app(db, host="0.0.0.0", token=load_token(db, environ={TOKEN_ENV: secret}))
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer wrong-token", "Basic Y29ycmVjdDpob3JzZQ==",
                                    "correct-horse-battery-staple-0123456789"])
def test_a_write_without_the_right_token_is_a_401(loopback: httpx.Client, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    answer = loopback.post("/api/reports", json=REPORT, headers=headers)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"
    assert "token" in answer.json()["detail"]


def test_a_write_with_the_token_gets_through(loopback: httpx.Client, secret: str) -> None:
    # an empty body: past the token check, refused for what it holds (no analysis needed)
    for scheme in ("Bearer", "bearer"):
        answer = loopback.post("/api/reports", content=b"", headers={"Authorization": f"{scheme} {secret}"})
        assert answer.status_code == 400, answer.text


def test_reads_are_open_on_loopback(loopback: httpx.Client) -> None:
    assert loopback.get("/api/stories").status_code == 200
    assert loopback.get("/api/events").status_code == 200


def test_reads_need_the_token_off_loopback(exposed: httpx.Client, secret: str) -> None:
    for path in ("/api/stories", "/api/events", "/api/claims", "/api/contradictions", "/api/stories/s1"):
        assert exposed.get(path).status_code == 401, path
        assert exposed.get(path, headers={"Authorization": "Bearer nope"}).status_code == 401, path
    assert exposed.get("/api/stories", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    assert exposed.get("/openapi.json").status_code == 200  # the description holds no data


def test_open_reads_answer_loopback_names_only(loopback: httpx.Client) -> None:
    # a web page pointing a name of its own at 127.0.0.1 (DNS rebinding) must not read the open API
    assert loopback.get("/api/stories", headers={"Host": "rebound.example:8000"}).status_code == 400
    for name in ("localhost:8000", "127.0.0.1"):
        assert loopback.get("/api/stories", headers={"Host": name}).status_code == 200, name
