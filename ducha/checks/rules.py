"""Rules across records: ids, references, return visits, evidence on disk, planned dates.

Each rule is a plain function ``check_x(ctx) -> list[Issue]`` over the facts of every file
(``facts.py``); ``RULES`` lists them and ``validate`` runs them all after the per-file checks
made while loading (``visit_rules.py``). Positions are looked up only for a problem found,
so a clean repository never re-reads a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ducha.checks.facts import VisitFacts
from ducha.checks.issues import Issue, Position, error, warning
from ducha.checks.source import KeyPath, SourceMap
from ducha.domain.model import UNKNOWN_DATE, Due
from ducha.domain.settings import Settings

Row = tuple[str, str, int]  # (id, path, row)
_UNKNOWN_DAY = UNKNOWN_DATE.toordinal()


@dataclass(slots=True)
class Facts:
    """The facts of every file, with what the rules look up."""

    visits: list[VisitFacts] = field(default_factory=list)
    unit_rows: list[Row] = field(default_factory=list)
    team_rows: list[Row] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)
    by_id: dict[str, VisitFacts] = field(default_factory=dict)

    @classmethod
    def of(cls, files: Iterable[tuple[str, tuple[Any, ...]]]) -> Facts:
        """Index the facts of files (``FileFacts``, plain or named), in file order."""
        index = cls()
        make = tuple.__new__  # the cache keeps plain tuples; this is the cheapest way back
        visits, by_id = index.visits, index.by_id
        for path, (visit, units, teams, declared) in files:
            if visit is not None:
                facts = make(VisitFacts, visit)
                visits.append(facts)
                by_id.setdefault(facts.id, facts)
            if declared:
                index.broken_ids.update(declared)
            if units or teams:  # units.yaml and teams.yaml
                index.unit_rows += [(unit, path, row) for unit, row in units]
                index.team_rows += [(team, path, row) for team, row in teams]
        return index


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may look at: every file's facts, the date of the run, the disk."""

    index: Facts
    today: dt.date
    root: Path
    source: Callable[[str], SourceMap]  # positions in a file, read when first asked
    settings: Settings  # the repository's: the calendar a deadline is counted in


def check_duplicate_ids(ctx: Context) -> list[Issue]:
    """An id names one visit, one unit or one team, across all files."""
    index = ctx.index
    rows: list[tuple[str, str, KeyPath]] = [(v.id, v.path, ("id",)) for v in index.visits]
    rows += [(unit, path, ("units", row, "id")) for unit, path, row in index.unit_rows]
    rows += [(team, path, ("teams", row, "id")) for team, path, row in index.team_rows]
    first: dict[tuple[str, str], tuple[str, KeyPath]] = {}
    issues: list[Issue] = []
    for record_id, path, keypath in rows:
        kind = "visit" if keypath == ("id",) else str(keypath[0])
        seen = first.setdefault((kind, record_id), (path, keypath))
        if seen != (path, keypath):
            other = ctx.source(seen[0]).value(seen[1])
            issues.append(
                error(ctx.source(path).value(keypath), "duplicate-id", id=record_id, other=other)
            )
    return issues


def check_references(ctx: Context) -> list[Issue]:
    """Teams and units named by a visit exist, and each finding says which unit it concerns."""
    units = {unit for unit, _, _ in ctx.index.unit_rows}
    teams = {team for team, _, _ in ctx.index.team_rows}
    issues: list[Issue] = []
    for visit in ctx.index.visits:
        if visit.team and visit.team not in teams:  # a missing team is said where it stands
            pos = ctx.source(visit.path).value(("team",))
            issues.append(_unknown_id(pos, "unknown-team", visit.team, teams))
        for i, unit in enumerate(visit.units):
            if unit not in units:
                source = ctx.source(visit.path)
                pos = source.value(source.item(("units",), i))
                issues.append(_unknown_id(pos, "unknown-unit", unit, units))
        for n, unit, _ in visit.findings:
            if not unit or (unit not in visit.units) or unit not in units:  # else: all is well
                issues.extend(_finding_unit(ctx, visit, n, unit, units))
    return issues


def _unknown_id(pos: Position, rule: str, written: str, known: set[str]) -> Issue:
    """An id no file defines, with the one meant when it differs in case or a character."""
    import difflib

    same = [k for k in known if k.lower() == written.lower()]
    close = same or difflib.get_close_matches(written, sorted(known), n=1, cutoff=0.8)
    if close:
        return error(pos, rule, f"{rule}-near", id=written, suggestion=close[0])
    return error(pos, rule, id=written)


def _finding_unit(
    ctx: Context, visit: VisitFacts, n: int, unit: str, units: set[str]
) -> list[Issue]:
    keypath = ("findings", n - 1)
    if not unit:
        return [error(ctx.source(visit.path).key(keypath), "unit-required")]
    if visit.units == (unit,):
        return []  # the visit's only unit, checked with the visit
    if unit not in units:
        pos = ctx.source(visit.path).value((*keypath, "unit"))
        return [_unknown_id(pos, "unknown-unit", unit, units)]
    if unit not in visit.units:
        pos = ctx.source(visit.path).value((*keypath, "unit"))
        return [error(pos, "unit-not-visited", id=unit)]
    return []


def check_returns(ctx: Context) -> list[Issue]:
    """A return visit comes after the visits it returns to and checks only their findings."""
    index = ctx.index
    issues: list[Issue] = []
    for visit in index.visits:
        if not visit.returns_to and not visit.targets:
            continue
        origins: list[VisitFacts] = []
        for i, origin_id in enumerate(visit.returns_to):
            origin = index.by_id.get(origin_id)
            if origin is not None:
                origins.append(origin)
            if origin is None and origin_id not in index.broken_ids:
                source = ctx.source(visit.path)
                pos = source.value(source.item(("returns_to",), i))
                issues.append(error(pos, "unknown-visit", id=origin_id))
            elif (
                origin is not None
                and _UNKNOWN_DAY not in (origin.day, visit.day)
                and origin.day >= visit.day
            ):
                source = ctx.source(visit.path)
                pos = source.value(source.item(("returns_to",), i))
                day, origin_day = dt.date.fromordinal(visit.day), dt.date.fromordinal(origin.day)
                issues.append(
                    error(
                        pos,
                        "return-before-origin",
                        date=day,
                        origin=origin.id,
                        origin_date=origin_day,
                    )
                )
        issues.extend(_check_targets(ctx, visit, origins))
    return issues


def _check_targets(ctx: Context, visit: VisitFacts, origins: list[VisitFacts]) -> list[Issue]:
    """Checks (results) and ``to_check`` (a planned visit's list) name findings of the origins."""
    index = ctx.index
    issues: list[Issue] = []
    origin_ids = {o.id for o in origins}
    all_origins = len(origins) == len(visit.returns_to) > 0  # else: said above, not here
    broken = index.broken_ids
    for part, i, reference, _ in visit.targets:
        visit_id, _, number = reference.rpartition("/")  # the schema guarantees the shape
        if broken and (reference in broken or visit_id in broken):
            continue
        target = index.by_id.get(visit_id)
        if target is None or not _has_finding(target, int(number)):
            pos = _position(ctx.source(visit.path), part, i)
            issues.append(error(pos, "unknown-finding", id=reference))
        elif all_origins and visit_id not in origin_ids:
            origins_text = "、".join(visit.returns_to)
            pos = _position(ctx.source(visit.path), part, i)
            issues.append(
                error(pos, "check-not-in-origin", finding=reference, origins=origins_text)
            )
    return issues


def _has_finding(visit: VisitFacts, n: int) -> bool:
    findings = visit.findings
    if 0 < n <= len(findings) and findings[n - 1][0] == n:  # numbered in order, as written
        return True
    return any(finding[0] == n for finding in findings)  # one in error was left out


def _position(source: SourceMap, part: str, i: int) -> Position:
    """Where a check or a to_check entry stands (``to_check`` may be a single value)."""
    if part == "to_check":
        return source.value(source.item(("to_check",), i))
    return source.value(("checks", i, "finding"))


def check_planned_dates(ctx: Context) -> list[Issue]:
    """A planned visit whose date has passed needs completing (or moving)."""
    today = ctx.today.toordinal()
    issues: list[Issue] = []
    for visit in ctx.index.visits:
        if not visit.planned or visit.day >= today or visit.day == _UNKNOWN_DAY:
            continue
        if not visit.findings and all(target[0] != "checks" for target in visit.targets):
            day = dt.date.fromordinal(visit.day)
            pos = ctx.source(visit.path).value(("date",))
            issues.append(warning(pos, "planned-in-past", date=day))
    return issues


def check_deadlines_known(ctx: Context) -> list[Issue]:
    """Every deadline counted in working days falls in a year some calendar covers."""
    uncovered = _uncovered_year(ctx)
    # a check's deadline counts by its finding's severity (the last visit of an id says it)
    severity = {f"{v.id}/{n}": level for v in ctx.index.visits for n, level, _ in v.finding_dues}
    issues: list[Issue] = []
    for visit in ctx.index.visits:
        if visit.planned or visit.day == _UNKNOWN_DAY:
            continue
        day = dt.date.fromordinal(visit.day)
        for (n, level, due), (_, _, fixed_on_spot) in zip(
            visit.finding_dues, visit.findings, strict=True
        ):
            year = None if fixed_on_spot else uncovered(due, day, level)
            if year is not None:
                keypath = ("findings", n - 1)
                where = (*keypath, "deadline") if due.kind != "default" else keypath
                pos = ctx.source(visit.path).value(where)
                issues.append(error(pos, "deadline-uncovered", year=year))
        checks = [target for target in visit.targets if target[0] == "checks"]
        for (_, i, finding, result), due in zip(checks, visit.check_dues, strict=True):
            of_finding = severity.get(finding)
            year = None
            if result != "rectified" and of_finding is not None:
                year = uncovered(due, day, of_finding)
            if year is not None:
                part = "deadline" if due.kind != "default" else "finding"
                pos = ctx.source(visit.path).value(("checks", i, part))
                issues.append(error(pos, "deadline-uncovered", year=year))
    return issues


def _uncovered_year(ctx: Context) -> Callable[[Due, dt.date, str], int | None]:
    """A function giving the year no calendar covers that a deadline reaches, if one does."""
    from ducha.domain.lifecycle import deadline
    from ducha.domain.workdays import WorkCalendar
    from ducha.errors import CalendarError

    settings = ctx.settings
    calendar = WorkCalendar(settings.calendar)
    seen: dict[tuple[Due, dt.date, str], int | None] = {}

    def uncovered(due: Due, base: dt.date, level: str) -> int | None:
        if due.kind == "date":
            return None
        key = (due, base, level)  # thousands of findings share a day and a rule
        if key not in seen:
            try:
                deadline(due, base, level, settings, calendar)
                seen[key] = None
            except CalendarError as exc:
                seen[key] = int(exc.values.get("year", base.year))
        return seen[key]

    return uncovered


def check_planned_once(ctx: Context) -> list[Issue]:
    """A finding is in at most one planned return visit (``schedule --write`` run twice)."""
    first: dict[str, tuple[str, int]] = {}
    issues: list[Issue] = []

    def position(path: str, i: int) -> Position:  # read only for a problem found
        source = ctx.source(path)
        return source.value(source.item(("to_check",), i))

    for visit in sorted(ctx.index.visits, key=lambda v: (v.day, v.path)):
        if not visit.planned:
            continue
        for part, i, reference, _ in visit.targets:
            if part != "to_check":
                continue
            seen = first.setdefault(reference, (visit.path, i))
            if seen != (visit.path, i):
                other = position(*seen)
                pos = position(visit.path, i)
                issues.append(error(pos, "planned-twice", finding=reference, other=other))
    return issues


Rule = Callable[[Context], list[Issue]]

from ducha.checks.evidence import check_evidence  # noqa: E402 — it takes Context from here

RULES: tuple[Rule, ...] = (
    check_duplicate_ids,
    check_references,
    check_returns,
    check_evidence,
    check_planned_dates,
    check_deadlines_known,
    check_planned_once,
)
