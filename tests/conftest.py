"""Shared fixtures: the spaCy pipeline (loaded once) and the shared gold data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from spacy.language import Language

from triangulate.read.nlp import load_nlp

REPO = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    return Path(os.environ.get("TRIANGULATE_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = data_dir()
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path}; set TRIANGULATE_DATA")
    return path


@pytest.fixture(scope="session")
def seeds_dir(shared_data: Path) -> Path:
    path = shared_data / "seeds"
    if not path.is_dir():
        pytest.skip(f"seed reports not found at {path}")
    return path
