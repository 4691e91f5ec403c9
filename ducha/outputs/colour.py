"""The colour policy: ``--color``, ``NO_COLOR`` and ``TERM=dumb``, decided in one place.

Apart from the console package so that a run printing one plain line need not load Rich.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

ColorMode = Literal["auto", "always", "never"]


def colour_policy(color: ColorMode, environ: Mapping[str, str]) -> tuple[bool, bool]:
    """(force colour, no colour): ``--color always`` wins over ``NO_COLOR``."""
    if color == "always":
        return True, False
    if color == "never" or "NO_COLOR" in environ or environ.get("TERM") == "dumb":
        return False, True
    return False, False
