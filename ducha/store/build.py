"""Model objects from values that passed the schema: visits with their findings, units, teams."""

from __future__ import annotations

from typing import Any

from ducha.domain.model import (
    UNKNOWN_DATE,
    Check,
    Due,
    Exemplar,
    Finding,
    Report,
    Team,
    Unit,
    Visit,
)


def directory_row(key: str, row: dict[str, Any], path: str, index: int) -> Unit | Team:
    """A unit or team from a row of units.yaml or teams.yaml."""
    if key == "units":
        return Unit(
            row["id"],
            row["name"],
            row["district"],
            row["kind"],
            row.get("address", ""),
            row.get("contact", ""),
            path,
            index,
        )
    return Team(row["id"], row["name"], row["leader"], _strings(row.get("members")), path, index)


def _strings(values: list[Any] | None) -> tuple[str, ...]:
    return tuple(v for v in values or [] if v is not None)


def _due(value: Due | None) -> Due:
    return value or Due("default")


def build_visit(data: dict[str, Any], path: str, narrative: str = "") -> Visit:
    """Build a visit from values that passed the schema."""
    units = _strings(data.get("units"))
    visit_id = data["id"]
    findings = tuple(
        _finding(visit_id, n, row, units)
        for n, row in enumerate(data.get("findings") or [], start=1)
        if row
    )
    checks = tuple(
        Check(
            row["finding"],
            row.get("result", ""),
            row.get("note", ""),
            _due(row.get("deadline")),
            _strings(row.get("evidence")),
            _hashes(row),
        )
        for row in data.get("checks") or []
        if row and "finding" in row
    )
    exemplars = tuple(
        Exemplar(
            row.get("unit", units[0] if len(units) == 1 else ""),
            row.get("focus", ""),
            row.get("description", ""),
        )
        for row in data.get("exemplars") or []
        if row
    )
    return Visit(
        id=visit_id,
        date=data.get("date", UNKNOWN_DATE),
        team=data.get("team", ""),
        units=units,
        path=path,
        status=data.get("status", "done"),
        methods=_strings(data.get("methods")),
        focus=_strings(data.get("focus")),
        inspectors=_strings(data.get("inspectors")),
        summary=data.get("summary", ""),
        returns_to=_strings(data.get("returns_to")),
        checks=checks,
        to_check=_strings(data.get("to_check")),
        findings=findings,
        exemplars=exemplars,
        narrative=narrative,
    )


def _finding(visit_id: str, n: int, row: dict[str, Any], units: tuple[str, ...]) -> Finding:
    reports = tuple(
        Report(
            r.get("date", UNKNOWN_DATE),
            _strings(r.get("evidence")),
            r.get("note", ""),
            _hashes(r),
        )
        for r in row.get("reports") or []
        if r
    )
    return Finding(
        visit=visit_id,
        n=n,
        unit=row.get("unit", units[0] if len(units) == 1 else ""),
        focus=row.get("focus", ""),
        severity=row.get("severity", ""),
        description=row.get("description", ""),
        scope=row.get("scope", "individual"),
        place=row.get("place", ""),
        responsible=row.get("responsible", ""),
        rectification=row.get("rectification", ""),
        due=_due(row.get("deadline")),
        dispositions=_strings(row.get("dispositions")),
        measure=row.get("measure", ""),
        fixed_on_spot=row.get("fixed_on_spot", False),
        reports=reports,
        complainant=row.get("complainant", ""),
        evidence=_strings(row.get("evidence")),
        sha256=_hashes(row),
    )


def _hashes(row: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), v) for k, v in (row.get("sha256") or {}).items())
