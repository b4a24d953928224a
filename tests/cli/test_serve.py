"""`triangulate serve` as a user starts it: a real process, its start-up lines, the token file, a refusal."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from tests.serve.api_server import copy_store
from triangulate.cli import main
from triangulate.serve.auth import TOKEN_ENV, token_path

BIN = Path(sys.executable).parent / "triangulate"


@pytest.fixture(scope="module")
def served(seeds_run: dict[str, object], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """`triangulate serve` over a copy of the seed store, on a port the server picks; its output so far."""
    folder = tmp_path_factory.mktemp("serve")
    db = copy_store(Path(str(seeds_run["out"])) / "triangulate.db", folder / "triangulate.db")
    env = {k: v for k, v in os.environ.items() if k != TOKEN_ENV}
    log = (folder / "server.log").open("w+", encoding="utf-8")
    process = subprocess.Popen([str(BIN), "serve", "--db", str(db), "--port", "0"], stdout=log,
                               stderr=subprocess.STDOUT, env=env, text=True)
    try:
        deadline = time.monotonic() + 60
        url = None
        while url is None:
            assert process.poll() is None, (folder / "server.log").read_text(encoding="utf-8")
            assert time.monotonic() < deadline, "the server did not start in time"
            time.sleep(0.1)
            found = re.search(r"running on (http://127\.0\.0\.1:\d+)", (folder / "server.log").read_text("utf-8"))
            url = found.group(1) if found else None
        yield {"db": db, "url": url, "log": folder / "server.log"}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            process.kill()
        log.close()


def test_serve_starts_on_loopback_and_says_where_the_token_is(served: dict[str, object]) -> None:
    db = Path(str(served["db"]))
    path = token_path(db)
    output = Path(str(served["log"])).read_text(encoding="utf-8")
    assert f"token for writes: in {path}" in output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    token = path.read_text(encoding="utf-8").strip()
    with httpx.Client(base_url=str(served["url"]), timeout=30) as client:
        stories = client.get("/api/stories")
        assert stories.status_code == 200 and stories.json()["total"] == 1
        assert client.post("/api/reports", content=b"").status_code == 401
        assert client.post("/api/reports", content=b"", headers={"Authorization": f"Bearer {token}"}).status_code == 400
        assert client.get("/openapi.json").json()["info"]["title"] == "triangulate"
    assert token not in Path(str(served["log"])).read_text(encoding="utf-8")


def test_serve_refuses_a_token_file_others_can_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    db = tmp_path / "triangulate.db"
    token_path(db).write_text("a-token-others-can-read\n", encoding="utf-8")
    os.chmod(token_path(db), 0o644)
    result = CliRunner().invoke(main, ["serve", "--db", str(db)])
    assert result.exit_code == 1
    assert "chmod 600" in result.output and "a-token-others-can-read" not in result.output


def test_serve_help_names_the_defaults_and_the_token() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for words in ("out/triangulate.db", "127.0.0.1", "8000", "TRIANGULATE_TOKEN", "0600"):
        assert words in result.output, words
