"""A source's index under its name: ids prefixed (``临川/20200205-2vs/1``), paths led from the hub.

Every record of a hub passes through here on every run, so records are rebuilt the way the
cache rebuilds them (``tuple.__new__`` over their fields, in C) and a field that is empty,
as most evidence, reports and checks are, is left as it is. ``test_namespace.py`` holds the
result equal to the plain ``_replace`` of each field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ducha.domain.index import Index
from ducha.domain.model import Check, Exemplar, Finding, Report, Team, Unit, Visit

_new = tuple.__new__


def _at(cls: type[tuple[Any, ...]], name: str) -> int:
    return list(cls._fields).index(name)  # type: ignore[attr-defined]


# the fields each record's copy rewrites, by position
_V = {f: _at(Visit, f) for f in ("id", "team", "units", "path", "returns_to", "checks",
                                  "to_check", "findings", "exemplars")}  # fmt: skip
_F = {f: _at(Finding, f) for f in ("visit", "unit", "reports", "evidence", "sha256")}
_C = {f: _at(Check, f) for f in ("finding", "evidence", "sha256")}
_R = {f: _at(Report, f) for f in ("evidence", "sha256")}
_E_UNIT = _at(Exemplar, "unit")


def namespaced(index: Index, name: str, mount: str) -> Index:
    """``index`` as a hub holds it: the source ``name``, in the hub's folder ``mount``."""
    to = _Renamer(name, mount)
    sub_parts = {f"{name}/{key}": value for key, value in index.parts.items()}
    origins = tuple(o._replace(source=to.ns(o.source) or name) for o in index.origins)
    return Index(
        index.settings,
        {to.ns(key): to.unit(value) for key, value in index.units.items()},
        {to.ns(key): to.team(value) for key, value in index.teams.items()},
        tuple(map(to.visit, index.visits)),
        tuple(map(to.unit, index.unit_rows)),
        tuple(map(to.team, index.team_rows)),
        tuple(map(to.at, index.files)),
        frozenset(map(to.ns, index.broken_ids)),
        sub_parts or {name: index.settings},
        origins,
    )


def _many(values: tuple[Any, ...], each: Callable[[Any], Any]) -> tuple[Any, ...]:
    return tuple(map(each, values)) if values else values


class _Renamer:
    """Ids under a source's name, paths under its folder."""

    def __init__(self, name: str, mount: str) -> None:
        self.prefix, self.folder = f"{name}/", f"{mount}/"

    def ns(self, value: str) -> str:
        return self.prefix + value if value else value

    def at(self, path: str) -> str:
        return self.folder + path if path else path

    def _files(self, row: list[Any], fields: dict[str, int]) -> None:
        if row[fields["evidence"]]:
            row[fields["evidence"]] = tuple(map(self.at, row[fields["evidence"]]))
        if row[fields["sha256"]]:
            row[fields["sha256"]] = tuple((self.at(f), d) for f, d in row[fields["sha256"]])

    def report(self, r: Report) -> Report:
        if not (r.evidence or r.sha256):
            return r
        row = list(r)
        self._files(row, _R)
        return _new(Report, row)

    def finding(self, f: Finding) -> Finding:
        row = list(f)
        row[_F["visit"]], row[_F["unit"]] = self.ns(f.visit), self.ns(f.unit)
        row[_F["reports"]] = _many(f.reports, self.report)
        self._files(row, _F)
        return _new(Finding, row)

    def check(self, c: Check) -> Check:
        row = list(c)
        row[_C["finding"]] = self.ns(c.finding)
        self._files(row, _C)
        return _new(Check, row)

    def exemplar(self, e: Exemplar) -> Exemplar:
        row = list(e)
        row[_E_UNIT] = self.ns(e.unit)
        return _new(Exemplar, row)

    def visit(self, v: Visit) -> Visit:
        row = list(v)
        row[_V["id"]], row[_V["team"]], row[_V["path"]] = (
            self.ns(v.id),
            self.ns(v.team),
            self.at(v.path),
        )
        row[_V["units"]] = tuple(map(self.ns, v.units))
        row[_V["returns_to"]] = _many(v.returns_to, self.ns)
        row[_V["to_check"]] = _many(v.to_check, self.ns)
        row[_V["checks"]] = _many(v.checks, self.check)
        row[_V["findings"]] = _many(v.findings, self.finding)
        row[_V["exemplars"]] = _many(v.exemplars, self.exemplar)
        return _new(Visit, row)

    def unit(self, u: Unit) -> Unit:
        return u._replace(id=self.ns(u.id), path=self.at(u.path))

    def team(self, t: Team) -> Team:
        return t._replace(id=self.ns(t.id), path=self.at(t.path))
