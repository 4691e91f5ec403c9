"""How a record spells a deadline: the one grammar, read by the schema check and by ``fmt``.

A date (``2020-02-10``), a number of working days (``3个工作日``, ``3 working days``, ``3``),
or at once (``立行立改``, ``immediate``). ``spell`` writes the canonical form back.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ducha.domain.model import Due
from ducha.domain.vocab import IMMEDIATE

_DAYS = re.compile(r"(\d+)\s*(个)?\s*(工作日|working\s*days?|wd)\Z", re.IGNORECASE)


def read_deadline(value: Any) -> Due | None:
    """The deadline a value spells, or None when it spells none (a bad date is None too)."""
    if isinstance(value, dt.date):
        return Due("date", date=value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Due("days", days=value) if value > 0 else None
    if isinstance(value, str):
        if IMMEDIATE.lookup(value):
            return Due("immediate")
        match = _DAYS.match(value.strip())
        if match and int(match.group(1)) > 0:
            return Due("days", days=int(match.group(1)))
    return None


def spell(value: Any, *, labels: bool) -> Any:
    """A deadline written as ``fmt`` writes it (Chinese words or codes); others unchanged."""
    due = None if isinstance(value, dt.date) else read_deadline(value)
    if due is None:
        return value
    if due.kind == "immediate":
        return "立行立改" if labels else "immediate"
    return f"{due.days}个工作日" if labels else due.days
