"""dossier.json's indented JSON (`json.dumps(value, ensure_ascii=False, indent=1)`), by pydantic-core's compiled encoder.

With `indent`, the standard library encodes in Python, a generator per list and object; a run's files
spent most of their time there. pydantic-core's `to_json` (already a dependency, through pydantic) writes
the same characters in Rust, and takes the records themselves (pydantic models) as well as their dumps,
so dossier.json's events, claims and places are encoded without being dumped to dictionaries first.

One difference, documented in docs/performance.md: a float written with an exponent by Python may be
written without one (`1e-05` is `0.00001`): the same number, so the file reads back (`json.loads`) equal.
Strings, keys, indents, NaN and the infinities are written as the standard library writes them.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic_core import PydanticSerializationError, to_json


def dumps(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=1)`, read back equal; records (pydantic models) inside
    `value` are written as their `model_dump(mode="json")`."""
    try:
        return to_json(value, indent=1, inf_nan_mode="constants").decode("utf-8")
    except (PydanticSerializationError, ValueError):  # not a JSON type, or a key JSON has none for
        return json.dumps(value, ensure_ascii=False, indent=1)
