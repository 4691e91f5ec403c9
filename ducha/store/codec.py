"""Problems as plain JSON values, for the cache: data that cannot run code.

Records go through msgspec, typed by the model classes (``cache.Entry``); a problem's values
include catalogue phrases and dates, tagged here and rebuilt by kind, so a cache file can
at worst hold wrong data (it then fails to decode and the file is read afresh), never
objects of its own choosing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ducha.checks.issues import Issue, Phrase, Position, Severity

_from_ordinal = dt.date.fromordinal


def _value(value: Any) -> Any:
    if isinstance(value, Phrase):
        return {"phrase": value.key, "args": {k: _value(v) for k, v in value.args.items()}}
    if isinstance(value, list | tuple):
        return {"list": [_value(v) for v in value]}
    if isinstance(value, dt.date):
        return {"date": value.toordinal()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _unvalue(raw: Any) -> Any:
    if isinstance(raw, dict):
        if "phrase" in raw:
            return Phrase(raw["phrase"], **{k: _unvalue(v) for k, v in raw["args"].items()})
        if "list" in raw:
            return [_unvalue(v) for v in raw["list"]]
        return _from_ordinal(raw["date"])
    return raw


def encode_issue(issue: Issue) -> list[Any]:
    """A problem as plain values."""
    p = issue.position
    args = {k: _value(v) for k, v in issue.args.items()}
    found = [p.path, p.line, p.column, issue.severity.value, issue.rule, issue.key, args]
    return [*found, issue.source] if issue.source else found


def decode_issue(raw: list[Any]) -> Issue:
    """The problem ``encode_issue`` made."""
    args = {k: _unvalue(v) for k, v in raw[6].items()}
    source = str(raw[7]) if len(raw) > 7 else ""
    return Issue(Position(raw[0], raw[1], raw[2]), Severity(raw[3]), raw[4], raw[5], args, source)
