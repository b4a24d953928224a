"""The gazetteer cache is read by an unpickler that names only the gazetteer's classes: a planted file
cannot run code."""

from __future__ import annotations

import io
import os
import pickle

import pytest

from triangulate.read.gazetteer import _CacheUnpickler


class _Planted:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("echo planted",))


def test_a_cache_naming_any_other_callable_is_refused() -> None:
    planted = pickle.dumps(_Planted())
    with pytest.raises(pickle.UnpicklingError, match="refused"):
        _CacheUnpickler(io.BytesIO(planted)).load()


def test_plain_data_and_the_gazetteer_classes_load() -> None:
    from triangulate.read.gazetteer import Entry

    fields = {name: None for name in Entry._fields}
    data = {"names": {"balad": (0, 1)}, "entry": Entry(**fields)}  # type: ignore[arg-type]
    assert _CacheUnpickler(io.BytesIO(pickle.dumps(data))).load() == data
