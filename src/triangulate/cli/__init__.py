"""The `triangulate` command: `core` holds the group and the analysis commands; each other module adds
its own commands to it when imported here."""

from triangulate.cli import watch as _watch  # noqa: F401  (registers `watch`)
from triangulate.cli.core import main

__all__ = ["main"]
