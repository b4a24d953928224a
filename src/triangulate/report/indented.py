"""`json.dumps(value, ensure_ascii=False, indent=1)`, written without the standard library's Python encoder.

With `indent`, the standard library encodes in Python, a generator per list and object; dossier.json is
written indented, and that encoding was about half of writing the dossier's files. This writes the same
characters from one recursive function, strings by the standard library's own C escaping.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

_INFINITY = float("inf")


class _Unusual(Exception):
    """A value this encoder leaves to the standard library (not a JSON type, or a key it would refuse)."""


def dumps(value: Any) -> str:
    """The same text as `json.dumps(value, ensure_ascii=False, indent=1)`."""
    parts: list[str] = []
    try:
        _encode(value, "\n", parts)
    except (_Unusual, RecursionError):
        return json.dumps(value, ensure_ascii=False, indent=1)
    return "".join(parts)


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _scalar(value: Any) -> str | None:
    """A string, number, boolean or null as JSON, in the order the standard library tests them; None for
    a list or an object."""
    if isinstance(value, str):
        return str(encode_basestring(value))
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return None


def _key(key: Any) -> str:
    """A key as JSON: a string as it is, a number, boolean or null as its scalar in quotes."""
    if isinstance(key, str):
        return str(encode_basestring(key))
    scalar = _scalar(key)
    if scalar is None:
        raise _Unusual
    return '"' + scalar + '"'


def _encode(value: Any, newline: str, parts: list[str]) -> None:
    """Append `value` encoded at the indentation `newline` ends with."""
    scalar = _scalar(value)
    if scalar is not None:
        parts.append(scalar)
        return
    inner = newline + " "
    comma = "," + inner
    if isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        parts.append("[")
        separator = inner
        for item in value:
            parts.append(separator)
            separator = comma
            kind = type(item)  # the common exact types first; the rest as the standard library tests them
            if kind is str:
                parts.append(encode_basestring(item))
            elif kind is int:
                parts.append(int.__repr__(item))
            else:
                _encode(item, inner, parts)
        parts.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        parts.append("{")
        separator = inner
        for key, item in value.items():
            parts.append(separator + (encode_basestring(key) if type(key) is str else _key(key)) + ": ")
            separator = comma
            kind = type(item)
            if kind is str:
                parts.append(encode_basestring(item))
            elif item is None:
                parts.append("null")
            elif kind is int:
                parts.append(int.__repr__(item))
            elif kind is bool:
                parts.append("true" if item else "false")
            else:
                _encode(item, inner, parts)
        parts.append(newline + "}")
    else:
        raise _Unusual
