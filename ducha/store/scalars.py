"""How ducha types a plain (unquoted) YAML scalar: YAML 1.2's core rules, plus dates.

``no`` and ``yes`` stay text and only ``true``/``false`` are booleans; whole numbers are
written in decimal; ``YYYY-M-D`` is a date when it is a real one. Both readers of record
files (``loader.py`` over libyaml, ``fastyaml.py`` over yaml-rs) type by these rules.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

SPECIAL: dict[str, Any] = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
}  # fmt: skip
NUMERIC_START = frozenset("0123456789+-.")
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\Z")
# Any of the three: one test rules out the many ids and periods that start with a digit.
_NUMBER_OR_DATE = re.compile(rf"{_FLOAT.pattern}|{_DATE.pattern}")


def plain(value: str) -> Any:
    """The value of a plain scalar written ``value``."""
    if value in SPECIAL:
        return SPECIAL[value]
    if value[0] not in NUMERIC_START or not _NUMBER_OR_DATE.match(value):
        return value  # most scalars are words
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return date_or_text(value)


def date_or_text(value: str) -> Any:
    """``value`` as a date if it is one written ``YYYY-M-D``, else as it is."""
    match = _DATE.match(value)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return value  # an impossible date stays text; the schema says why
    return value


def key_text(value: object) -> str:
    """A mapping key's typed value as text, the same from both readers.

    ``~`` for null, ``true``/``false`` for booleans: as YAML writes them, so that a message
    can quote them.
    """
    if value is None:
        return "~"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
