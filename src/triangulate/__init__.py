"""triangulate: news reports in, a sourced record of events and claims out."""

from __future__ import annotations

from typing import Any

from triangulate.version import __version__

__all__ = ["__version__", "analyze"]


def __getattr__(name: str) -> Any:
    # the pipeline loads spaCy: import it only when the one-call API is asked for
    if name == "analyze":
        from triangulate.pipeline import analyze

        return analyze
    raise AttributeError(f"module 'triangulate' has no attribute {name!r}")
