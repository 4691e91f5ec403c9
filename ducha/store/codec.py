"""Records and problems as plain JSON values, for the cache: data that cannot run code.

Each model class becomes a list of its fields in order, dates their ordinals; decoding is
directed by the class, so a cache file can at worst hold wrong data (and then it fails to
decode and is read afresh), never objects of its own choosing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ducha.checks.issues import Issue, Phrase, Position, Severity
from ducha.domain.model import Check, Due, Exemplar, Finding, Report, Team, Unit, Visit

_from_ordinal = dt.date.fromordinal


def _day(value: dt.date | None) -> int | None:
    return None if value is None else value.toordinal()


def _due(due: Due) -> list[Any]:
    return [due.kind, _day(due.date), due.days]


def _undue(raw: list[Any]) -> Due:
    return Due(raw[0], None if raw[1] is None else _from_ordinal(raw[1]), raw[2])


def encode_visit(visit: Visit) -> list[Any]:
    """A visit as plain values."""
    return [
        visit.id,
        visit.date.toordinal(),
        visit.team,
        visit.units,
        visit.path,
        visit.status,
        visit.methods,
        visit.focus,
        visit.inspectors,
        visit.summary,
        visit.returns_to,
        [[c.finding, c.result, c.note, _due(c.due)] for c in visit.checks],
        visit.to_check,
        [_finding(f) for f in visit.findings],
        [list(e) for e in visit.exemplars],
        visit.narrative,
    ]


def _finding(f: Finding) -> list[Any]:
    return [
        f.n,
        f.unit,
        f.focus,
        f.severity,
        f.description,
        f.scope,
        f.place,
        f.responsible,
        f.rectification,
        _due(f.due),
        f.dispositions,
        f.measure,
        f.fixed_on_spot,
        [[r.date.toordinal(), r.evidence, r.note] for r in f.reports],
        f.complainant,
    ]


def decode_visit(raw: list[Any]) -> Visit:
    """The visit ``encode_visit`` made."""
    visit_id = raw[0]
    return Visit(
        visit_id,
        _from_ordinal(raw[1]),
        raw[2],
        tuple(raw[3]),
        raw[4],
        raw[5],
        tuple(raw[6]),
        tuple(raw[7]),
        tuple(raw[8]),
        raw[9],
        tuple(raw[10]),
        tuple(Check(c[0], c[1], c[2], _undue(c[3])) for c in raw[11]),
        tuple(raw[12]),
        tuple(_unfinding(visit_id, f) for f in raw[13]),
        tuple(Exemplar(*e) for e in raw[14]),
        raw[15],
    )


def _unfinding(visit_id: str, f: list[Any]) -> Finding:
    return Finding(
        visit_id,
        f[0],
        f[1],
        f[2],
        f[3],
        f[4],
        f[5],
        f[6],
        f[7],
        f[8],
        _undue(f[9]),
        tuple(f[10]),
        f[11],
        f[12],
        tuple(Report(_from_ordinal(r[0]), tuple(r[1]), r[2]) for r in f[13]),
        f[14],
    )


def encode_record(record: Any) -> Any:
    """What a file was built into (a visit, rows of units or teams, or nothing)."""
    if isinstance(record, Visit):
        return {"visit": encode_visit(record)}
    if isinstance(record, tuple):
        return {
            "rows": [
                ["unit", *row] if isinstance(row, Unit) else ["team", *row[:3], row[3], *row[4:]]
                for row in record
            ]
        }
    return None


def decode_record(raw: Any) -> Any:
    """The record ``encode_record`` made."""
    if raw is None:
        return None
    if "visit" in raw:
        return decode_visit(raw["visit"])
    rows: list[Unit | Team] = []
    for row in raw["rows"]:
        if row[0] == "unit":
            rows.append(Unit(*row[1:]))
        else:
            rows.append(Team(row[1], row[2], row[3], tuple(row[4]), row[5], row[6]))
    return tuple(rows)


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
    return [p.path, p.line, p.column, issue.severity.value, issue.rule, issue.key, args]


def decode_issue(raw: list[Any]) -> Issue:
    """The problem ``encode_issue`` made."""
    args = {k: _unvalue(v) for k, v in raw[6].items()}
    return Issue(Position(raw[0], raw[1], raw[2]), Severity(raw[3]), raw[4], raw[5], args)
