"""Which ordered fixes are late, which are about to be, and which await verification."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from ducha.domain.index import Index, namespace_of
from ducha.domain.lifecycle import State, Status, statuses
from ducha.domain.workdays import WorkCalendar
from ducha.errors import CalendarError


class Light(StrEnum):
    """The traffic light teams speak of."""

    RED = "red"  # past the deadline
    YELLOW = "yellow"  # due within the window
    GREEN = "green"  # on time


@dataclass(frozen=True, slots=True)
class Filters:
    """Narrow the list; ``None`` means any."""

    district: str | None = None
    unit: str | None = None
    team: str | None = None
    severity: str | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """A finding not yet closed, with its light and how late it is (negative: days left)."""

    status: Status
    light: Light
    working_days_late: int


@dataclass(frozen=True, slots=True)
class Awaiting:
    """A finding the unit reported fixed, waiting for a return visit to verify it."""

    status: Status
    waited: int  # working days since the report
    reported_late: bool


@dataclass(frozen=True, slots=True)
class OverdueReport:
    """What ``ducha overdue`` shows."""

    as_of: dt.date
    within: int
    rows: tuple[Row, ...]
    awaiting: tuple[Awaiting, ...]
    # open findings whose deadline reaches a year no calendar covers
    unknown: tuple[Status, ...] = ()

    @property
    def red(self) -> int:
        """How many findings are overdue."""
        return sum(1 for r in self.rows if r.light is Light.RED)


def _matches(repo: Index, status: Status, filters: Filters) -> bool:
    unit = repo.units.get(status.finding.unit)
    return (
        (filters.unit is None or status.finding.unit == filters.unit)
        and (filters.district is None or (unit is not None and unit.district == filters.district))
        and (filters.team is None or status.visit.team == filters.team)
        and (filters.severity is None or status.finding.severity == filters.severity)
    )


def light_of(
    status: Status, as_of: dt.date, within: int, calendar: WorkCalendar
) -> tuple[Light, int]:
    """The light of an open or reopened finding and its working days late (negative: left)."""
    assert status.deadline is not None
    if status.deadline < as_of:
        return Light.RED, calendar.between(status.deadline, as_of)
    left = calendar.between(as_of, status.deadline)
    return (Light.YELLOW if left <= within else Light.GREEN), -left


def overdue_report(
    repo: Index,
    as_of: dt.date,
    within: int | None,
    calendar: WorkCalendar,
    filters: Filters = Filters(),
) -> OverdueReport:
    """Red and yellow findings, and those awaiting verification.

    Yellow means due within ``within`` working days, or with ``None`` within each finding's
    own window (its source's, in a hub); rows are sorted by working days late, then by
    severity.
    """
    calendar.is_workday(as_of)  # a day no calendar covers cannot be counted to: say so once
    rows: list[Row] = []
    awaiting: list[Awaiting] = []
    unknown: list[Status] = []
    for status in statuses(repo, as_of, calendar, unclosed=True):
        if status.state is State.CLOSED or not _matches(repo, status, filters):
            continue
        try:
            days = repo.calendar_of(status.visit, calendar)
            window = repo.yellow_days_of(status.visit) if within is None else within
            _place(status, as_of, window, days, rows, awaiting, unknown)
        except CalendarError:  # a count that reaches a year no calendar covers
            unknown.append(status)
    rank = repo.settings.severity_rank
    rows.sort(key=lambda r: (-r.working_days_late, -rank(r.status.finding.severity), r.status.id))
    awaiting.sort(key=lambda a: (-a.waited, -rank(a.status.finding.severity), a.status.id))
    window = repo.settings.yellow_days if within is None else within
    return OverdueReport(as_of, window, tuple(rows), tuple(awaiting), tuple(unknown))


def _place(
    status: Status,
    as_of: dt.date,
    within: int,
    calendar: WorkCalendar,
    rows: list[Row],
    awaiting: list[Awaiting],
    unknown: list[Status],
) -> None:
    """Put a finding not closed where it belongs: a light, awaiting verification, or unknown."""
    if status.deadline_unknown and status.state is not State.REPORTED:
        unknown.append(status)
    elif status.state in (State.OPEN, State.REOPENED):
        light, late = light_of(status, as_of, within, calendar)
        if light is not Light.GREEN:
            rows.append(Row(status, light, late))
    elif status.state is State.REPORTED and status.reported_on is not None:
        waited = calendar.between(status.reported_on, as_of)
        late = status.deadline is not None and status.reported_on > status.deadline
        awaiting.append(Awaiting(status, waited, late))


def group_key(repo: Index, by: str) -> Callable[[Status], str]:
    """A function giving the group a finding falls in, as a readable label."""

    def unit(status: Status) -> str:
        found = repo.units.get(status.finding.unit)
        return found.name if found else status.finding.unit

    def district(status: Status) -> str:
        found = repo.units.get(status.finding.unit)
        return found.district if found else ""

    def team(status: Status) -> str:
        found = repo.teams.get(status.visit.team)
        return found.name if found else status.visit.team

    def focus(status: Status) -> str:
        return repo.settings.focus.label(status.finding.focus)

    def source(status: Status) -> str:
        return namespace_of(status.visit.id) or "—"

    groups = {"unit": unit, "district": district, "team": team, "focus": focus, "source": source}
    return groups[by]


def grouped(rows: tuple[Row, ...], key: Callable[[Status], str]) -> list[tuple[str, list[Row]]]:
    """Rows in groups, the group with the most red first; order inside a group is kept."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(key(row.status), []).append(row)
    return sorted(
        groups.items(),
        key=lambda item: (-sum(r.light is Light.RED for r in item[1]), -len(item[1]), item[0]),
    )
