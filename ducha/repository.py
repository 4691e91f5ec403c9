"""Load a whole records repository: units, teams and visits, with their source maps.

Each file is parsed and checked against its schema on its own; problems are collected as
issues and a file in error contributes whatever could still be built from it, so that the
cross-record rules see as much as possible.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ducha.config import Settings
from ducha.conform import BAD, Conformer
from ducha.issues import Issue, Severity
from ducha.loader import SourceMap, load_file
from ducha.model import Check, Due, Exemplar, Finding, Report, Team, Unit, Visit
from ducha.schema import TEAMS_FILE, UNITS_FILE, VISIT, Obj

UNITS_NAME = "units.yaml"
TEAMS_NAME = "teams.yaml"
VISITS_DIR = "visits"
VISIT_SUFFIXES = (".yaml", ".yml", ".md")


@dataclass(slots=True)
class Repository:
    """Everything the records say, plus what was wrong with them."""

    settings: Settings
    units: dict[str, Unit] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    visits: list[Visit] = field(default_factory=list)
    sources: dict[str, SourceMap] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    # every row as written, duplicates included, for the duplicate-id rule
    unit_rows: list[Unit] = field(default_factory=list)
    team_rows: list[Team] = field(default_factory=list)
    # ids of records written but in error; references to them are not reported again
    broken_ids: set[str] = field(default_factory=set)
    raw: dict[str, Any] = field(default_factory=dict)  # values of files in error, while loading

    @property
    def root(self) -> Path:
        """The repository's root folder."""
        return self.settings.root

    def visit(self, visit_id: str) -> Visit | None:
        """The first visit with this id."""
        return next((v for v in self.visits if v.id == visit_id), None)

    def source(self, path: str) -> SourceMap:
        """The source map of a file (an empty one for a file that never parsed)."""
        return self.sources.get(path) or SourceMap(path)

    def without(self, paths: set[str]) -> Repository:
        """The same repository with the visits of ``paths`` left out."""
        return replace(self, visits=[v for v in self.visits if v.path not in paths])

    def broken_files(self) -> set[str]:
        """Files with at least one error."""
        return {i.position.path for i in self.issues if i.severity is Severity.ERROR}


def visit_files(root: Path) -> Iterator[Path]:
    """Every visit file under ``visits/``, in a stable order; hidden folders are skipped."""
    base = root / VISITS_DIR
    for folder, dirs, names in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.endswith(VISIT_SUFFIXES) and not name.startswith("."):
                yield Path(folder, name)


def load_repository(settings: Settings) -> Repository:
    """Read every record file of the repository at ``settings.root``."""
    repo = Repository(settings, issues=list(settings.issues))
    repo.files.append("ducha.yaml")
    for name, spec, key in ((UNITS_NAME, UNITS_FILE, "units"), (TEAMS_NAME, TEAMS_FILE, "teams")):
        if (settings.root / name).is_file():
            rows, _ = _read(repo, settings.root / name, name, spec)
            for index, row in enumerate((rows or {}).get(key) or []):
                if row:
                    _add_directory_entry(repo, key, row, name, index)
    for file in visit_files(settings.root):
        relpath = file.relative_to(settings.root).as_posix()
        data, narrative = _read(repo, file, relpath, VISIT)
        if data:
            visit = build_visit(data, relpath, narrative)
            repo.visits.append(visit)
            written = len(data.get("findings") or [])
            built = {f.n for f in visit.findings}
            repo.broken_ids.update(
                f"{visit.id}/{n}" for n in range(1, written + 1) if n not in built
            )
        else:
            repo.broken_ids.update(_raw_ids(repo.raw.pop(relpath, None)))
    repo.raw.clear()
    return repo


def _raw_ids(raw: Any) -> list[str]:
    """The visit id and finding ids a file in error tried to declare."""
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        return []
    findings = raw.get("findings")
    count = len(findings) if isinstance(findings, list) else 0
    return [raw["id"], *(f"{raw['id']}/{n}" for n in range(1, count + 1))]


def _read(
    repo: Repository, file: Path, relpath: str, spec: Obj
) -> tuple[dict[str, Any] | None, str]:
    repo.files.append(relpath)
    loaded = load_file(file, relpath)
    repo.issues.extend(loaded.issues)
    repo.sources[relpath] = loaded.source
    if loaded.data is None:
        return None, ""
    conformer = Conformer(repo.settings.vocabularies(), loaded.source)
    data = conformer.check(loaded.data, spec)
    repo.issues.extend(conformer.issues)
    if data is BAD:
        repo.raw[relpath] = loaded.data
        return None, ""
    return data, loaded.narrative or ""


def _add_directory_entry(
    repo: Repository, key: str, row: dict[str, Any], path: str, index: int
) -> None:
    if key == "units":
        unit = Unit(
            row["id"],
            row["name"],
            row["district"],
            row["kind"],
            row.get("address", ""),
            row.get("contact", ""),
            path,
            index,
        )
        repo.units.setdefault(unit.id, unit)
        repo.unit_rows.append(unit)
    else:
        team = Team(
            row["id"], row["name"], row["leader"], _strings(row.get("members")), path, index
        )
        repo.teams.setdefault(team.id, team)
        repo.team_rows.append(team)


def _strings(values: list[Any] | None) -> tuple[str, ...]:
    return tuple(v for v in values or [] if v is not None)


def _due(value: Due | None) -> Due:
    return value or Due("default")


def build_visit(data: dict[str, Any], path: str, narrative: str = "") -> Visit:
    """Build a visit from values that passed the schema."""
    units = _strings(data["units"])
    visit_id = data["id"]
    findings = tuple(
        _finding(visit_id, n, row, units)
        for n, row in enumerate(data.get("findings") or [], start=1)
        if row
    )
    checks = tuple(
        Check(row["finding"], row["result"], row.get("note", ""), _due(row.get("deadline")))
        for row in data.get("checks") or []
        if row
    )
    exemplars = tuple(
        Exemplar(
            row.get("unit", units[0] if len(units) == 1 else ""),
            row.get("focus", ""),
            row["description"],
        )
        for row in data.get("exemplars") or []
        if row
    )
    return Visit(
        id=visit_id,
        date=data["date"],
        team=data["team"],
        units=units,
        path=path,
        status=data.get("status", "done"),
        methods=_strings(data.get("methods")),
        focus=_strings(data.get("focus")),
        inspectors=_strings(data.get("inspectors")),
        summary=data.get("summary", ""),
        returns_to=_strings(data.get("returns_to")),
        checks=checks,
        findings=findings,
        exemplars=exemplars,
        narrative=narrative,
    )


def _finding(visit_id: str, n: int, row: dict[str, Any], units: tuple[str, ...]) -> Finding:
    reports = tuple(
        Report(r["date"], _strings(r.get("evidence")), r.get("note", ""))
        for r in row.get("reports") or []
        if r
    )
    return Finding(
        visit=visit_id,
        n=n,
        unit=row.get("unit", units[0] if len(units) == 1 else ""),
        focus=row["focus"],
        severity=row["severity"],
        description=row["description"],
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
    )
