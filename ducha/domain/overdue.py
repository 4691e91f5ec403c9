"""Which ordered fixes are late, which are about to be, and which await verification."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from ducha.checks.issues import Severity
from ducha.checks.rules import Index
from ducha.domain.lifecycle import State, Status, settled_by, statuses
from ducha.domain.workdays import WorkCalendar
from ducha.store.files import TEAMS_NAME, UNITS_NAME
from ducha.store.load import Repository

if TYPE_CHECKING:
    from ducha.store.cache import Entry


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

    @property
    def red(self) -> int:
        """How many findings are overdue."""
        return sum(1 for r in self.rows if r.light is Light.RED)


def _matches(repo: Repository, status: Status, filters: Filters) -> bool:
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


def needed_files(entries: Iterable[tuple[str, Entry]], as_of: dt.date) -> set[str]:
    """The files ``overdue_report`` needs on ``as_of``, told from the cached facts of all.

    Those of the visits with a finding not settled (``lifecycle.settled``) and of the return
    visits that check those findings, with units and teams: in a repository of years, a few
    hundred files of thousands. Files in error are left out, as the records leave them out.
    """
    day = as_of.toordinal()
    index = Index.of(
        (path, entry.facts)
        for path, entry in entries
        if all(issue.severity is not Severity.ERROR for issue in entry.issues)
    )
    done = [v for v in index.visits if not v.planned and v.day <= day]
    last: dict[str, tuple[int, str, int, str]] = {}  # finding -> its last check, and result
    checkers: dict[str, list[str]] = {}
    for visit in done:
        for part, i, finding, result in visit.targets:
            if part == "checks":
                if finding not in last or (visit.day, visit.id, i) > last[finding][:3]:
                    last[finding] = (visit.day, visit.id, i, result)
                checkers.setdefault(finding, []).append(visit.path)
    needed = {UNITS_NAME, TEAMS_NAME}
    for visit in done:
        for n, _, fixed_on_spot in visit.findings:
            finding = f"{visit.id}/{n}"
            check = last.get(finding)
            if not settled_by(fixed_on_spot, check[3] if check else None):
                needed.add(visit.path)
                needed.update(checkers.get(finding, ()))
    return needed


def overdue_report(
    repo: Repository,
    as_of: dt.date,
    within: int,
    calendar: WorkCalendar,
    filters: Filters = Filters(),
) -> OverdueReport:
    """Red and yellow findings, and those awaiting verification.

    Yellow means due within ``within`` working days; rows are sorted by working days late,
    then by severity.
    """
    rows: list[Row] = []
    awaiting: list[Awaiting] = []
    for status in statuses(repo, as_of, calendar, unsettled=True):
        if not _matches(repo, status, filters):
            continue
        if status.state in (State.OPEN, State.REOPENED):
            light, late = light_of(status, as_of, within, calendar)
            if light is not Light.GREEN:
                rows.append(Row(status, light, late))
        elif status.state is State.REPORTED and status.reported_on is not None:
            waited = calendar.between(status.reported_on, as_of)
            late = status.deadline is not None and status.reported_on > status.deadline
            awaiting.append(Awaiting(status, waited, late))
    rank = repo.settings.severity_rank
    rows.sort(key=lambda r: (-r.working_days_late, -rank(r.status.finding.severity), r.status.id))
    awaiting.sort(key=lambda a: (-a.waited, -rank(a.status.finding.severity), a.status.id))
    return OverdueReport(as_of, within, tuple(rows), tuple(awaiting))


def group_key(repo: Repository, by: str) -> Callable[[Status], str]:
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

    return {"unit": unit, "district": district, "team": team, "focus": focus}[by]


def grouped(rows: tuple[Row, ...], key: Callable[[Status], str]) -> list[tuple[str, list[Row]]]:
    """Rows in groups, the group with the most red first; order inside a group is kept."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(key(row.status), []).append(row)
    return sorted(
        groups.items(),
        key=lambda item: (-sum(r.light is Light.RED for r in item[1]), -len(item[1]), item[0]),
    )
