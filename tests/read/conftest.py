"""Fixtures shared by the read-stage tests."""

from __future__ import annotations

import pytest

from triangulate.read.places import Geoparser


@pytest.fixture(scope="module")
def geo() -> Geoparser:
    return Geoparser.default()
