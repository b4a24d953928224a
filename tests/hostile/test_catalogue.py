"""The catalogue of hostile inputs (`cases.py`), each beside a good report through the entry point a user
uses: its declared errors and warnings, the rest of the batch analyzed, no traceback, its time limit kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.cases import CASES, classes
from tests.hostile.harness import Case, check_outcome, good_report, run_case
from tests.webserver import FixtureServer, serving


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureServer]:
    with serving() as running:
        yield running


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The model and the gazetteer loaded before the first case: its time limit is for the case alone."""
    import triangulate

    triangulate.analyze([good_report(tmp_path_factory.mktemp("warm"))])


def test_the_catalogue_covers_the_issue() -> None:
    assert len(CASES) >= 40 and len({c.name for c in CASES}) == len(CASES)
    assert set(classes()) == {"empty", "binary", "encoding", "nul", "size", "html", "jsonl", "feed", "url", "date",
                              "unicode", "path"}


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=[pytest.mark.slow] if c.slow else [])
                                  for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path, server: FixtureServer, warm: None,
                       caplog: pytest.LogCaptureFixture) -> None:
    server.routes.clear()
    server.hits.clear()
    ran = run_case(case, tmp_path, server)
    check_outcome(case, ran, caplog)
