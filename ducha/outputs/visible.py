"""Control characters made visible, so that nothing a record holds can steer a terminal.

A record, a commit subject or a file name may carry ESC sequences (erase lines, move the
cursor, set the window title), other C0 and C1 controls or bidirectional overrides;
everything ducha prints shows them as symbols instead (ESC as ``␛``).
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (␛ for ESC)
    if code == 0x7F:
        return "␡"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """``text`` with every control character shown as a symbol; tabs and newlines kept."""
    return _CONTROL.sub(_shown, text) if _CONTROL.search(text) else text
