"""Control and direction characters out of hostile text (base/controls.py)."""

from __future__ import annotations

from triangulate.base.controls import keep_lines, one_line


def test_one_line_drops_escapes_and_overrides_and_joins_lines() -> None:
    assert one_line("a\x1b[2Jb\n c\u202e\x9b") == "a [2Jb c"
    assert one_line(None) == ""


def test_keep_lines_keeps_newlines_and_tabs_only() -> None:
    assert keep_lines("line 1\r\nline\x07 2\n\tend\x1b") == "line 1\nline 2\n\tend"
