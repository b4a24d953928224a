"""English number words (from `data/numbers.yaml`) and reading a written count as a number."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from triangulate.base.datafiles import load_yaml

_DATA = load_yaml("numbers.yaml", versioned=True)
# Single words ("two", "dozen", "a"), then every form including the multi-word phrases.
NUMBER_WORDS: Mapping[str, int] = MappingProxyType({str(k): int(v) for k, v in _DATA["cardinals"].items()})
NUMBER_PHRASES: Mapping[str, int] = MappingProxyType(
    {**NUMBER_WORDS, **{str(k): int(v) for k, v in _DATA["phrases"].items()}})


def number_value(text: str) -> float | None:
    """A number written in digits ("1,200", "2.5") or as one number word ("twenty"); else None."""
    low = text.strip().lower()
    if low in NUMBER_WORDS:
        return float(NUMBER_WORDS[low])
    try:
        return float(low.replace(",", ""))
    except ValueError:
        return None
