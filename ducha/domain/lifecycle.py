"""The life of a finding: its state and deadline, derived from the records as of a date.

This is the one place that decides whether a finding is open, reported, closed or reopened;
every command asks it. States are never typed by hand: they follow from the visit's
requirement, the unit's reports, on-the-spot fixes and later return visits' checks.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from ducha.domain.model import Check, Due, Finding, Visit
from ducha.domain.settings import Settings
from ducha.domain.workdays import WorkCalendar
from ducha.store.load import Repository


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

    @property
    def id(self) -> str:
        """The finding's id."""
        return self.finding.id


def deadline(
    due: Due, base: dt.date, severity: str, settings: Settings, calendar: WorkCalendar
) -> dt.date:
    """The date a requirement ends, counted from ``base`` (the visit, or the return visit)."""
    if due.kind == "default":
        due = settings.severity_due.get(severity, Due("days", days=5))
        if due.kind == "default":  # a configured level cannot point back to itself
            due = Due("days", days=5)
    if due.kind == "date" and due.date is not None:
        return due.date
    if due.kind == "immediate":
        return calendar.add(base, settings.immediate_days)
    return calendar.add(base, due.days)


@dataclass(slots=True)
class _Life:
    state: State
    deadline: dt.date | None
    reported_on: dt.date | None = None
    closed_on: dt.date | None = None
    reopened: int = 0
    relapsed: bool = False
    events: list[Event] = field(default_factory=list)


def derive(
    finding: Finding,
    visit: Visit,
    checks: list[tuple[Visit, Check]],
    as_of: dt.date,
    settings: Settings,
    calendar: WorkCalendar,
) -> Status:
    """The state of ``finding`` on ``as_of``, from its visit, its reports and the checks on it."""
    if finding.fixed_on_spot:  # no deadline to count: a later check sets its own
        life = _Life(State.CLOSED, None, closed_on=visit.date)
        life.events += [
            Event(visit.date, "opened", visit.id),
            Event(visit.date, "fixed-on-spot", visit.id),
        ]
    else:
        due = deadline(finding.due, visit.date, finding.severity, settings, calendar)
        life = _Life(State.OPEN, due)
        life.events.append(Event(visit.date, "opened", visit.id))
    # Same-day order: a report comes before the check that verifies it.
    steps: list[tuple[dt.date, int, Visit | None, Check | None, str]] = [
        (report.date, 0, None, None, report.note) for report in finding.reports
    ]
    steps += [(v.date, 1, v, check, check.note) for v, check in checks]
    for date, _, check_visit, check, note in sorted(steps, key=lambda s: (s[0], s[1])):
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
        checked_by=tuple(v.id for v, _ in checks if v.date <= as_of),
        reopened=life.reopened,
        relapsed=life.relapsed,
    )


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
    if check.result == "rectified":
        life.state, life.closed_on, life.deadline = State.CLOSED, visit.date, None
        return
    life.state, life.reported_on, life.closed_on = State.REOPENED, None, None
    life.reopened += 1
    life.relapsed = life.relapsed or check.result == "relapsed"
    life.deadline = deadline(check.due, visit.date, finding.severity, settings, calendar)


def checks_by_finding(repo: Repository, as_of: dt.date) -> dict[str, list[tuple[Visit, Check]]]:
    """Every done return-visit check, by the finding it checks, oldest first."""
    found: dict[str, list[tuple[Visit, Check]]] = defaultdict(list)
    for visit in sorted(repo.visits, key=lambda v: (v.date, v.id)):
        if visit.planned or visit.date > as_of:
            continue
        for check in visit.checks:
            found[check.finding].append((visit, check))
    return found


def statuses(
    repo: Repository,
    as_of: dt.date,
    calendar: WorkCalendar,
    only: set[str] | None = None,
    *,
    unsettled: bool = False,
) -> list[Status]:
    """Every finding of every done visit up to ``as_of`` (or those in ``only``), with its state.

    With ``unsettled``, only the findings not closed: those closed are known without
    deriving their state (see ``settled``), which is most of them in a repository of years.
    """
    checks = checks_by_finding(repo, as_of)
    found: list[Status] = []
    for visit in repo.visits:
        if visit.planned or visit.date > as_of:
            continue
        for finding in visit.findings:
            if only is not None and finding.id not in only:
                continue
            on_it = checks.get(finding.id, [])
            if not (unsettled and settled(finding, on_it)):
                found.append(derive(finding, visit, on_it, as_of, repo.settings, calendar))
    return found


def settled(finding: Finding, checks: list[tuple[Visit, Check]]) -> bool:
    """Whether ``derive`` finds the finding closed, given its checks up to the date, in order.

    The last check decides: a report after a closing check changes nothing, and a check that
    finds it not fixed reopens it. Without checks, only a fix on the spot closes it.
    """
    return settled_by(finding.fixed_on_spot, checks[-1][1].result if checks else None)


def settled_by(fixed_on_spot: bool, last_result: str | None) -> bool:
    """``settled`` from the fix on the spot and the result of the last check, if any."""
    return last_result == "rectified" if last_result is not None else fixed_on_spot
