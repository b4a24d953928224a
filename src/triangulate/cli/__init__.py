"""The `triangulate` command: `core` holds the group and the analysis commands; each other module adds
its own commands to it when imported here."""

from triangulate.cli import browse as _browse  # noqa: F401  (adds stories, show, search, export)
from triangulate.cli import serve as _serve  # noqa: F401  (adds `triangulate serve`)
from triangulate.cli import watch as _watch  # noqa: F401  (adds watch)
from triangulate.cli.core import main

__all__ = ["main"]
