"""The browser tests' server and browser: uvicorn on a free loopback port, Debian's Chromium through Playwright.

Without Chromium (or Playwright) the tests skip saying so; under CI they fail instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import under_ci
from tests.serve.api_server import serving
from triangulate.serve.app import create_app

CHROMIUM = os.environ.get("TRIANGULATE_CHROMIUM", "/usr/bin/chromium")


def need_chromium() -> str:
    """The Chromium executable; else skip (fail under CI) with the reason and the fix."""
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "Playwright for Python is not installed (make .venv/.installed installs it)"
    if problem is None and not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        problem = f"Chromium not found at {CHROMIUM}: apt-get install -y chromium (or set TRIANGULATE_CHROMIUM)"
    if problem:
        if under_ci():
            pytest.fail(f"CI requires the browser tests: {problem}", pytrace=False)
        pytest.skip(problem)
    return CHROMIUM


@contextmanager
def serve(db_path: Path) -> Iterator[str]:
    """The workbench over `db_path`, served by uvicorn on a free loopback port; yields its base URL."""
    with serving(create_app(db_path)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"], headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def seeds_server(seeds_run: dict[str, Any]) -> Iterator[str]:
    with serve(seeds_run["out"] / "triangulate.db") as url:
        yield url


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: TRIANGULATE_SCREENSHOTS (docs/screenshots to refresh the docs' ones), else a temp folder."""
    wanted = os.environ.get("TRIANGULATE_SCREENSHOTS")
    path = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
