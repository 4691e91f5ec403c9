"""Return visits (杀回马枪): where to go back, on which day, with which team.

``plan`` is a pure function of the records, the window, the policy and a seed: the same seed
gives the same plan, so a plan is reviewable, while the dates are drawn at random within what
the rules allow, so units cannot predict them. Constraints are never broken: a team's
capacity per day, working days only, the rest period between two visits to a unit (unless
its findings are serious or overdue), the minimum interval after the visit being checked,
and, when configured, a different team than the one that found the problem.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ducha.domain.index import Index
from ducha.domain.lifecycle import State, Status, statuses
from ducha.domain.overdue import light_of
from ducha.domain.settings import ReturnPolicy
from ducha.domain.workdays import WorkCalendar

# Why a unit is on the list, most urgent first.
REASONS = ("relapsed", "not-rectified", "overdue", "serious", "awaiting", "common", "random")
_WEIGHT = {
    "relapsed": 25,
    "not-rectified": 20,
    "overdue": 20,
    "serious": 15,
    "awaiting": 10,
    "common": 5,
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A unit to go back to, with the findings to verify and the visits they came from."""

    unit: str
    reasons: tuple[str, ...]
    findings: tuple[str, ...]
    origins: tuple[str, ...]
    origin_teams: frozenset[str]
    earliest: dt.date  # the minimum interval after every origin visit
    exempt: bool  # serious or overdue: the rest period does not hold it back
    priority: int
    must: bool = True


@dataclass(frozen=True, slots=True)
class PlannedVisit:
    """One return visit in the plan."""

    date: dt.date
    team: str
    unit: str
    reasons: tuple[str, ...]
    findings: tuple[str, ...]
    origins: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A must-do candidate the window could not take, and why."""

    candidate: Candidate
    why: str  # capacity | rest | interval | team


@dataclass(frozen=True, slots=True)
class Stationed:
    """A unit whose problems call for an inspector on site rather than another visit."""

    unit: str
    findings: tuple[str, ...]
    why: str  # overdue-long | not-rectified-twice


@dataclass(frozen=True, slots=True)
class Plan:
    """The proposal for one window."""

    seed: int
    start: dt.date
    end: dt.date
    days: tuple[dt.date, ...]
    visits: tuple[PlannedVisit, ...]
    left_out: tuple[LeftOut, ...]
    stationed: tuple[Stationed, ...]


@dataclass(slots=True)
class _Board:
    """What is already taken: visits per team and day, and every visit date per unit."""

    capacity: int
    load: dict[tuple[dt.date, str], int] = field(default_factory=lambda: defaultdict(int))
    districts: dict[tuple[dt.date, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    unit_dates: dict[str, list[dt.date]] = field(default_factory=lambda: defaultdict(list))

    def take(self, day: dt.date, team: str, unit: str, district: str) -> None:
        self.load[(day, team)] += 1
        self.districts[(day, team)].add(district)
        self.unit_dates[unit].append(day)


def _finding_reasons(status: Status, as_of: dt.date, repo: Index) -> list[str]:
    reasons = []
    checks = [e.kind for e in status.events if e.kind in ("not-rectified", "relapsed")]
    if status.state is State.REOPENED and checks:
        reasons.append(checks[-1])
    if status.state in (State.OPEN, State.REOPENED) and status.deadline and status.deadline < as_of:
        reasons.append("overdue")
    if repo.settings_of(status.visit).is_serious(status.finding.severity):
        reasons.append("serious")
    if status.state is State.REPORTED:
        reasons.append("awaiting")
    if status.finding.scope == "common":
        reasons.append("common")
    return reasons


def _stubborn(
    status: Status, as_of: dt.date, policy: ReturnPolicy, calendar: WorkCalendar
) -> str | None:
    if status.state not in (State.OPEN, State.REOPENED) or status.deadline is None:
        return None
    if sum(1 for e in status.events if e.kind in ("not-rectified", "relapsed")) >= 2:
        return "not-rectified-twice"
    _, late = light_of(status, as_of, 0, calendar)
    return "overdue-long" if late > policy.stationed_after_days else None


def pending_plans(repo: Index, start: dt.date) -> tuple[set[str], set[str]]:
    """The findings and units that planned visits from ``start`` on already go back to.

    A plan written by ``schedule --write`` covers what it lists: a second run books nothing
    twice.
    """
    pending = [v for v in repo.visits if v.planned and v.date >= start]
    return {ref for v in pending for ref in v.to_check}, {u for v in pending for u in v.units}


def candidates(
    repo: Index, as_of: dt.date, calendar: WorkCalendar
) -> tuple[list[Candidate], list[Stationed]]:
    """Units to go back to as of ``as_of``, and units to station an inspector at instead.

    Findings a pending planned visit already lists are not asked for again.
    """
    policy = repo.settings.returns
    covered, _ = pending_plans(repo, as_of)
    by_unit: dict[str, list[tuple[Status, list[str]]]] = defaultdict(list)
    stationed: dict[str, tuple[list[str], str]] = {}
    for status in statuses(repo, as_of, calendar, unclosed=True):
        if status.state is State.CLOSED or status.id in covered:
            continue
        why = _stubborn(status, as_of, policy, calendar)
        if why is not None:
            stationed.setdefault(status.finding.unit, ([], why))[0].append(status.id)
            continue
        reasons = _finding_reasons(status, as_of, repo)
        if reasons:
            by_unit[status.finding.unit].append((status, reasons))
    result = []
    for unit, items in sorted(by_unit.items()):
        if unit in stationed:
            stationed[unit][0].extend(s.id for s, _ in items)
            continue
        result.append(_candidate(unit, items, as_of, calendar, policy))
    return result, [
        Stationed(u, tuple(sorted(f)), why) for u, (f, why) in sorted(stationed.items())
    ]


def _candidate(
    unit: str,
    items: list[tuple[Status, list[str]]],
    as_of: dt.date,
    calendar: WorkCalendar,
    policy: ReturnPolicy,
) -> Candidate:
    reasons = sorted({r for _, rs in items for r in rs}, key=REASONS.index)
    priority = 0
    for status, finding_reasons in items:
        priority += sum(_WEIGHT[r] for r in finding_reasons)
        if status.state is State.REPORTED and status.reported_on is not None:
            priority += calendar.between(status.reported_on, as_of)  # the longer it waits
    origins = sorted({s.visit.id for s, _ in items})
    last_origin = max(s.visit.date for s, _ in items)
    return Candidate(
        unit=unit,
        reasons=tuple(reasons),
        findings=tuple(sorted(s.id for s, _ in items)),
        origins=tuple(origins),
        origin_teams=frozenset(s.visit.team for s, _ in items),
        earliest=calendar.add(last_origin, policy.min_interval_days),
        exempt=bool({"serious", "overdue"} & set(reasons)),
        priority=priority,
    )


def _random_pool(repo: Index, start: dt.date, taken: set[str]) -> list[str]:
    """Units inspected before ``start`` with nothing ever found, so that no unit feels safe."""
    found = {f.unit for v in repo.visits for f in v.findings}
    visited = {u for v in repo.visits if not v.planned and v.date < start for u in v.units}
    return sorted(visited - found - taken)


def plan(
    repo: Index,
    start: dt.date,
    days: int,
    seed: int,
    calendar: WorkCalendar,
    capacity: int | None = None,
) -> Plan:
    """Propose return visits for the working days of ``[start, start + days)``."""
    policy = repo.settings.returns
    rng = random.Random(seed)
    window = tuple(
        d for d in (start + dt.timedelta(i) for i in range(days)) if calendar.is_workday(d)
    )
    board = _Board(capacity or policy.capacity_per_day)
    for visit in repo.visits:  # planned visits already in the records take their slots
        for unit in visit.units:
            board.unit_dates[unit].append(visit.date)
        if visit.planned:
            board.load[(visit.date, visit.team)] += 1
    must, stationed = candidates(repo, start, calendar)
    must.sort(key=lambda c: (-c.priority, c.unit))
    visits: list[PlannedVisit] = []
    left_out: list[LeftOut] = []
    for candidate in must:
        placed = _place(repo, candidate, window, board, policy, rng)
        if isinstance(placed, str):
            left_out.append(LeftOut(candidate, placed))
        else:
            visits.append(placed)
    # the random share counts the units a pending plan already draws
    _, planned_units = pending_plans(repo, start)
    pool = _random_pool(repo, start, {c.unit for c in must} | {s.unit for s in stationed})
    wanted = math.ceil(len(pool) * policy.random_share) - len(planned_units & set(pool))
    pool = [u for u in pool if u not in planned_units]
    drawn = rng.sample(pool, min(max(wanted, 0), len(pool))) if pool else []
    for unit in sorted(drawn):
        last = max(
            (v for v in repo.visits if unit in v.units and not v.planned and v.date < start),
            key=lambda v: v.date,
        )
        earliest = calendar.add(last.date, policy.min_interval_days)
        extra = Candidate(
            unit,
            ("random",),
            (),
            (last.id,),
            frozenset({last.team}),
            earliest,
            False,
            0,
            must=False,
        )
        placed = _place(repo, extra, window, board, policy, rng)
        if not isinstance(placed, str):
            visits.append(placed)
    visits.sort(
        key=lambda v: (
            v.date,
            v.team,
            repo.units[v.unit].district if v.unit in repo.units else "",
            v.unit,
        )
    )
    end = start + dt.timedelta(days=max(days - 1, 0))
    return Plan(seed, start, end, window, tuple(visits), tuple(left_out), tuple(stationed))


def _place(
    repo: Index,
    candidate: Candidate,
    window: Iterable[dt.date],
    board: _Board,
    policy: ReturnPolicy,
    rng: random.Random,
) -> PlannedVisit | str:
    """Put a candidate on a free (day, team), or say which rule kept it out of the window."""
    teams = sorted(repo.teams)
    if policy.cross_team:
        teams = [t for t in teams if t not in candidate.origin_teams]
    if not teams:
        return "team"
    days = [d for d in window if d >= candidate.earliest]
    if not days:
        return "interval"
    if not candidate.exempt:
        rest = dt.timedelta(days=policy.rest_days)
        days = [
            d
            for d in days
            if all(abs(d - other) >= rest for other in board.unit_dates[candidate.unit])
        ]
        if not days:
            return "rest"
    slots = [(d, t) for d in days for t in teams if board.load[(d, t)] < board.capacity]
    if not slots:
        return "capacity"
    unit = repo.units.get(candidate.unit)
    district = unit.district if unit else ""
    nearby = [s for s in slots if district in board.districts[s]]  # keep a team's route short
    day, team = rng.choice(nearby or slots)
    board.take(day, team, candidate.unit, district)
    return PlannedVisit(
        day, team, candidate.unit, candidate.reasons, candidate.findings, candidate.origins
    )
