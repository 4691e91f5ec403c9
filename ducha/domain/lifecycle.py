"""The life of a finding: its state and deadline, derived from the records as of a date.

This is the one place that decides whether a finding is open, reported, closed or reopened;
every command asks it. States are never typed by hand: they follow from the visit's
requirement, the unit's reports, on-the-spot fixes and later return visits' checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from ducha.domain.index import Index
from ducha.domain.model import Check, Due, Finding, Visit
from ducha.domain.settings import DEFAULT_DUE, Settings
from ducha.domain.workdays import WorkCalendar
from ducha.errors import CalendarError


class State(StrEnum):
    """Where a finding stands."""

    OPEN = "open"  # 待整改
    REPORTED = "reported"  # 已反馈，待核验
    CLOSED = "closed"  # 已销号
    REOPENED = "reopened"  # 回访未整改到位或反弹，重新整改


class Event(NamedTuple):
    """Something that happened to a finding: opened, reported, checked, fixed on the spot."""

    date: dt.date
    kind: str  # opened | fixed-on-spot | reported | rectified | not-rectified | relapsed
    visit: str = ""  # the visit that recorded it
    note: str = ""


class Status(NamedTuple):
    """A finding with everything derived about it as of one date.

    A NamedTuple: thousands are made per run, and a frozen dataclass's ``__init__`` costs
    eight times as much.
    """

    finding: Finding
    visit: Visit
    state: State
    deadline: dt.date | None
    reported_on: dt.date | None = None
    closed_on: dt.date | None = None
    events: tuple[Event, ...] = ()
    checked_by: tuple[str, ...] = ()
    reopened: int = 0
    relapsed: bool = False
    # the deadline reaches a year no calendar covers: it cannot be told (validate says where)
    deadline_unknown: bool = False

    @property
    def id(self) -> str:
        """The finding's id."""
        return self.finding.id


def deadline(
    due: Due, base: dt.date, severity: str, settings: Settings, calendar: WorkCalendar
) -> dt.date:
    """The date a requirement ends, counted from ``base`` (the visit, or the return visit)."""
    if due.kind == "default":
        due = settings.severity_due.get(severity, DEFAULT_DUE)
        if due.kind == "default":  # a configured level cannot point back to itself
            due = DEFAULT_DUE
    if due.kind == "date" and due.date is not None:
        return due.date
    if due.kind == "immediate":
        return calendar.add(base, settings.immediate_days)
    return calendar.add(base, due.days)


def known_deadline(
    due: Due, base: dt.date, severity: str, settings: Settings, calendar: WorkCalendar
) -> dt.date | None:
    """``deadline``, or None when it reaches a year no calendar covers."""
    try:
        return deadline(due, base, severity, settings, calendar)
    except CalendarError:
        return None


@dataclass(slots=True)
class _Life:
    state: State
    deadline: dt.date | None
    reported_on: dt.date | None = None
    closed_on: dt.date | None = None
    reopened: int = 0
    relapsed: bool = False
    events: list[Event] = field(default_factory=list)
    unknown: bool = False


def derive(
    finding: Finding,
    visit: Visit,
    checks: Sequence[tuple[Visit, Check]],
    as_of: dt.date,
    settings: Settings,
    calendar: WorkCalendar,
) -> Status:
    """The state of ``finding`` on ``as_of``, from its visit, its reports and the checks on it."""
    if not checks and not finding.reports:
        return _untouched(finding, visit, settings, calendar)
    return _derived(finding, visit, checks, as_of, settings, calendar)


def _untouched(
    finding: Finding, visit: Visit, settings: Settings, calendar: WorkCalendar
) -> Status:
    """``_derived`` for a finding nothing has happened to since its visit (most of them).

    The same answer without building a life to replay; a test holds the two equal.
    """
    opened = Event(visit.date, "opened", visit.id)
    if finding.fixed_on_spot:
        fixed = Event(visit.date, "fixed-on-spot", visit.id)
        return Status(finding, visit, State.CLOSED, None, None, visit.date, (opened, fixed))
    due = known_deadline(finding.due, visit.date, finding.severity, settings, calendar)
    return Status(finding, visit, State.OPEN, due, events=(opened,), deadline_unknown=due is None)


def _derived(
    finding: Finding,
    visit: Visit,
    checks: Sequence[tuple[Visit, Check]],
    as_of: dt.date,
    settings: Settings,
    calendar: WorkCalendar,
) -> Status:
    """The state of ``finding`` on ``as_of``, its events replayed in order."""
    if finding.fixed_on_spot:  # no deadline to count: a later check sets its own
        life = _Life(State.CLOSED, None, closed_on=visit.date)
        life.events += [
            Event(visit.date, "opened", visit.id),
            Event(visit.date, "fixed-on-spot", visit.id),
        ]
    else:
        due = known_deadline(finding.due, visit.date, finding.severity, settings, calendar)
        life = _Life(State.OPEN, due, unknown=due is None)
        life.events.append(Event(visit.date, "opened", visit.id))
    for date, _, check_visit, check, note in _steps(finding, checks):
        if date > as_of:
            break
        if check is None or check_visit is None:
            _report(life, date, note)
        else:
            _check(life, check_visit, check, finding, settings, calendar)
    return Status(
        finding=finding,
        visit=visit,
        state=life.state,
        deadline=life.deadline,
        reported_on=life.reported_on,
        closed_on=life.closed_on,
        events=tuple(life.events),
        checked_by=tuple([v.id for v, _ in checks if v.date <= as_of]),
        reopened=life.reopened,
        relapsed=life.relapsed,
        deadline_unknown=life.unknown and life.state is not State.CLOSED,
    )


_Step = tuple[dt.date, int, Visit | None, Check | None, str]


def _steps(finding: Finding, checks: Sequence[tuple[Visit, Check]]) -> list[_Step]:
    """Report-backs and checks in the order they happened; on one day, a report first.

    Checks come oldest first; report-backs as written, so they are sorted (stably).
    """
    reports: list[_Step] = [(r.date, 0, None, None, r.note) for r in finding.reports]
    if not checks:
        return sorted(reports, key=_step_order) if len(reports) > 1 else reports
    steps: list[_Step] = [(v.date, 1, v, check, check.note) for v, check in checks]
    return sorted(reports + steps, key=_step_order) if reports else steps


def _step_order(step: _Step) -> tuple[dt.date, int]:
    return step[0], step[1]


def _report(life: _Life, date: dt.date, note: str) -> None:
    life.events.append(Event(date, "reported", note=note))
    if life.state in (State.OPEN, State.REOPENED, State.REPORTED):
        life.state, life.reported_on = State.REPORTED, date


def _check(
    life: _Life,
    visit: Visit,
    check: Check,
    finding: Finding,
    settings: Settings,
    calendar: WorkCalendar,
) -> None:
    life.events.append(Event(visit.date, check.result, visit.id, check.note))
    if check.result == "rectified":  # the deadline it was closed under stays: 按期 or not
        life.state, life.closed_on = State.CLOSED, visit.date
        life.unknown = False
        return
    life.state, life.reported_on, life.closed_on = State.REOPENED, None, None
    life.reopened += 1
    life.relapsed = life.relapsed or check.result == "relapsed"
    life.deadline = known_deadline(check.due, visit.date, finding.severity, settings, calendar)
    life.unknown = life.deadline is None


def statuses(
    index: Index, as_of: dt.date, calendar: WorkCalendar, *, unclosed: bool = False
) -> list[Status]:
    """Every finding of every done visit up to ``as_of``, with its state on that day.

    With ``unclosed``, those not closed on that day: a closed one is told without replaying
    its life (``closed_by``), which in a repository of years is most of them.
    """
    found: list[Status] = []
    for visit in index.visits:
        if visit.planned or visit.date > as_of:
            continue
        for finding in visit.findings:
            on_it = _checks_until(index, finding.id, as_of)
            if not (unclosed and closed_by(finding, on_it)):
                settings, days = index.settings_of(visit), index.calendar_of(visit, calendar)
                found.append(derive(finding, visit, on_it, as_of, settings, days))
    return found


def closed_by(finding: Finding, checks: Sequence[tuple[Visit, Check]]) -> bool:
    """Whether ``derive`` finds the finding closed, given its checks up to the day, in order.

    The last check decides: a report after a closing check changes nothing, and a check that
    finds it not fixed reopens it. Without checks, only a fix on the spot closes it. A test
    holds this equal to the state derived, every day.
    """
    return checks[-1][1].result == "rectified" if checks else finding.fixed_on_spot


def _checks_until(index: Index, finding_id: str, as_of: dt.date) -> Sequence[tuple[Visit, Check]]:
    return _until(index.checks_of(finding_id), as_of)


def _until(on_it: Sequence[tuple[Visit, Check]], as_of: dt.date) -> Sequence[tuple[Visit, Check]]:
    if on_it and on_it[-1][0].date > as_of:  # oldest first: only a later one can be cut
        return tuple((v, c) for v, c in on_it if v.date <= as_of)
    return on_it


def status_of(
    index: Index, visit: Visit, finding: Finding, as_of: dt.date, calendar: WorkCalendar
) -> Status:
    """One finding's state on ``as_of``: every command that shows a state asks this."""
    return status_with(index, visit, finding, index.checks_of(finding.id), as_of, calendar)


def status_with(
    index: Index,
    visit: Visit,
    finding: Finding,
    checks: Sequence[tuple[Visit, Check]],
    as_of: dt.date,
    calendar: WorkCalendar,
) -> Status:
    """``status_of`` given every check on the finding, oldest first (``index.checks_of``)."""
    days = index.calendar_of(visit, calendar)
    return derive(finding, visit, _until(checks, as_of), as_of, index.settings_of(visit), days)
