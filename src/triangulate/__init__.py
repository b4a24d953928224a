"""triangulate: news reports in, a sourced record of events and claims out."""

__version__ = "0.1.0"
