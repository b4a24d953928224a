"""The package version, in a module of its own so that any layer may read it without importing the pipeline."""

__version__ = "0.2.0"
