"""The body cap: a 413 by the declared length before reading, and while a body without one streams."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.serve.api_server import serving
from triangulate.serve.app import create_app
from triangulate.serve.auth import TOKEN_ENV, load_token

CAP = 4096
AUTH = {"Authorization": "Bearer limits-token"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db: Path = tmp_path_factory.mktemp("limits") / "triangulate.db"
    app = create_app(db, token=load_token(db, environ={TOKEN_ENV: "limits-token"}), max_body=CAP)
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as http:
        yield http


def test_a_declared_length_over_the_cap_is_a_413(client: httpx.Client) -> None:
    answer = client.post("/api/reports", content=b"x" * (CAP + 1), headers=AUTH)
    assert answer.status_code == 413
    assert "4,096-byte cap" in answer.json()["detail"]


def test_a_streamed_body_over_the_cap_is_a_413(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(64):  # 64 KB in all, no Content-Length: chunked
            yield b"y" * 1024

    answer = client.post("/api/reports", content=chunks(), headers=AUTH)
    assert answer.status_code == 413
    assert answer.json()["detail"].startswith("the request body is over")


def test_a_body_at_the_cap_is_read(client: httpx.Client) -> None:
    answer = client.post("/api/reports", content=b" " * CAP, headers=AUTH)
    assert answer.status_code == 400  # read whole, and found to hold no report

