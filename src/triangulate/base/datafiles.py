"""Reading the curated data files shipped in `triangulate/data`: one loader for text and YAML."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

DATA_PACKAGE = "triangulate.data"


def data_path(name: str) -> Path:
    """The path of a shipped data file (the package is installed as files, never zipped)."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


def data_text(name: str) -> str:
    """The text of a shipped data file."""
    return resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def load_yaml(source: str | Path, *, versioned: bool = False) -> Any:
    """A YAML data file, by its name in the package or by a path; `versioned` requires a `version` key."""
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else data_text(source)
    data = yaml.safe_load(text)
    if versioned and (not isinstance(data, dict) or "version" not in data):
        raise ValueError(f"{source}: a mapping with a `version` key is expected")
    return data


def word_set(values: Iterable[Any] | None) -> frozenset[str]:
    """A data file's word list as lower-case strings (YAML may read a word as a number or a boolean)."""
    return frozenset(str(v).lower() for v in values or ())
