"""Control and direction characters taken out of hostile text before anyone is shown it.

C0 and C1 controls (ESC starts a terminal escape sequence, 0x9b is a one-byte CSI) and the
bidirectional controls that make text display other than it reads ("Trojan Source").
"""

from __future__ import annotations

import re

BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI}]")
CONTROL_KEEP_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]")


def one_line(text: object) -> str:
    """Text for one line: control characters gone, whitespace runs one space."""
    return " ".join(CONTROL.sub(" ", "" if text is None else str(text)).split())


def keep_lines(text: str) -> str:
    """Text of several lines: control characters gone except newline and tab."""
    return CONTROL_KEEP_LINES.sub("", text.replace("\r\n", "\n"))
