"""Article text made safe for a terminal: no escape sequences, no control characters.

Plain functions with no rich import, so the CLI's plain listings use them too.
"""

from __future__ import annotations

import re

# What must not reach a terminal from an article: escape sequences (CSI "ESC [ … letter", OSC
# "ESC ] … BEL or ESC \\", and two-character ones), other C0 and C1 controls (carriage return,
# backspace, BEL, …) and the bidirectional overrides that reorder what is shown. Line feeds and
# tabs are layout. rich's escaping is of its own markup, not of these.
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -~]?)|\x9b[0-?]*[ -/]*[@-~]?")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` without escape sequences and control characters."""
    return _CONTROL.sub("", _ESCAPE.sub("", text))


def blanked(text: str) -> str:
    """``terminal_safe`` for a text that offsets point into: each character removed becomes a
    space, so every offset still points at the same words."""
    return _CONTROL.sub(" ", _ESCAPE.sub(lambda m: " " * len(m.group()), text))
