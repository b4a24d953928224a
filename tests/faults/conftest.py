"""Fixtures of the fault tests: where child processes keep their compiled modules."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def pycache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Compiled modules of the child `triangulate` processes, shared by all of them."""
    return tmp_path_factory.mktemp("pycache")
