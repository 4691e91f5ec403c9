"""What ``ducha show ID`` describes: one finding, visit or unit, with derived states."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ducha.domain.index import Index
from ducha.domain.lifecycle import State, Status, status_of
from ducha.domain.model import Team, Unit, Visit
from ducha.domain.overdue import Light, light_of
from ducha.domain.workdays import WorkCalendar
from ducha.errors import CalendarError


@dataclass(frozen=True, slots=True)
class FindingView:
    """One finding and its whole life."""

    status: Status
    unit: Unit | None
    team: Team | None
    # its light and working days late (negative: left) while it waits for a fix, as overdue
    # counts them; None when closed, reported or not countable
    light: Light | None = None
    late: int | None = None


def _light(
    status: Status, as_of: dt.date, within: int, calendar: WorkCalendar
) -> tuple[Light | None, int | None]:
    if status.state not in (State.OPEN, State.REOPENED) or status.deadline is None:
        return None, None
    try:
        return light_of(status, as_of, within, calendar)
    except CalendarError:
        return None, None


@dataclass(frozen=True, slots=True)
class VisitView:
    """One visit, its findings' states, and the return visits that came back to it."""

    visit: Visit
    team: Team | None
    units: tuple[Unit | None, ...]
    findings: tuple[Status, ...]
    returned_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UnitView:
    """One unit: every visit to it and every finding about it."""

    unit: Unit
    visits: tuple[Visit, ...]
    findings: tuple[Status, ...]


View = FindingView | VisitView | UnitView


def describe(repo: Index, record_id: str, as_of: dt.date, calendar: WorkCalendar) -> View | None:
    """The view of ``record_id`` (a finding ``visit/n``, a visit or a unit), or None."""

    def status(visit: Visit, n: int) -> Status:
        finding = next(f for f in visit.findings if f.n == n)
        return status_of(repo, visit, finding, as_of, calendar)

    visit_id, _, number = record_id.rpartition("/")  # a hub's ids hold a / of their own
    if repo.visit(visit_id) is None:
        visit_id, number = record_id, ""
    visit = repo.visit(visit_id)
    if visit is not None and number:
        if not number.isdigit() or all(f.n != int(number) for f in visit.findings):
            return None
        found = status(visit, int(number))
        days = repo.calendar_of(found.visit, calendar)
        light, late = _light(found, as_of, repo.yellow_days_of(found.visit), days)
        return FindingView(
            found, repo.units.get(found.finding.unit), repo.teams.get(visit.team), light, late
        )
    if visit is not None:
        return VisitView(
            visit,
            repo.teams.get(visit.team),
            tuple(repo.units.get(u) for u in visit.units),
            tuple(status(visit, f.n) for f in visit.findings),
            tuple(v.id for v in repo.visits if visit.id in v.returns_to),
        )
    unit = repo.units.get(record_id)
    if unit is None:
        return None
    visits = tuple(
        sorted((v for v in repo.visits if unit.id in v.units), key=lambda v: (v.date, v.id))
    )
    findings = tuple(status(v, f.n) for v in visits for f in v.findings if f.unit == unit.id)
    return UnitView(unit, visits, findings)
