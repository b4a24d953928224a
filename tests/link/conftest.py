"""Fixtures of the link tests: real reports analyzed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import need_data
from triangulate.evaluate.clustering import load
from triangulate.pipeline import Pipeline
from triangulate.records import AnalyzedDocument


@pytest.fixture(scope="session")
def ecb_sample(shared_data: Path) -> list[AnalyzedDocument]:
    """The first 60 ECB+ dev reports (four events, many reports each), analyzed."""
    folder = need_data(shared_data / "clustering", "clustering data")
    documents, _ = load(folder, "dev", limit=60)
    return list(Pipeline().analyze_documents(documents))
