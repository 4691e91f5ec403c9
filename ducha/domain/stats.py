"""Figures for a period: how much was inspected, found, fixed, fixed on time, and relapsed.

Rates are shares of findings: rectified (closed), on time (reported or fixed by the deadline
first set), relapsed (of those a return visit checked). A rate with nothing to count is None.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ducha.domain.lifecycle import State, Status, deadline, statuses
from ducha.domain.model import Visit
from ducha.domain.workdays import WorkCalendar
from ducha.store.load import Repository


@dataclass(frozen=True, slots=True)
class Figures:
    """The figures of one group (or of everything)."""

    group: str
    visits: int
    units: int
    findings: int
    by_severity: dict[str, int]
    by_state: dict[str, int]
    rectified: float | None
    on_time: float | None
    relapsed: float | None
    exemplars: int


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _on_time(
    status: Status, repo: Repository, as_of: dt.date, calendar: WorkCalendar
) -> bool | None:
    """Whether a finding was reported or fixed by its first deadline; None while not yet due."""
    finding, visit = status.finding, status.visit
    first = deadline(finding.due, visit.date, finding.severity, repo.settings, calendar)
    done = [e.date for e in status.events if e.kind in ("fixed-on-spot", "reported", "rectified")]
    if done:
        return min(done) <= first
    return False if first < as_of else None


def figures(
    group: str,
    visits: list[Visit],
    states: list[Status],
    repo: Repository,
    as_of: dt.date,
    calendar: WorkCalendar,
) -> Figures:
    """The figures of one set of visits and findings."""
    timely = [t for s in states if (t := _on_time(s, repo, as_of, calendar)) is not None]
    checked = [s for s in states if s.checked_by]
    return Figures(
        group=group,
        visits=len(visits),
        units=len({u for v in visits for u in v.units}),
        findings=len(states),
        by_severity=dict(Counter(s.finding.severity for s in states)),
        by_state=dict(Counter(s.state.value for s in states)),
        rectified=_rate(sum(s.state is State.CLOSED for s in states), len(states)),
        on_time=_rate(sum(timely), len(timely)),
        relapsed=_rate(sum(s.relapsed for s in checked), len(checked)),
        exemplars=sum(len(v.exemplars) for v in visits),
    )


def _keys(
    repo: Repository, by: str
) -> tuple[Callable[[Visit], Iterable[str]], Callable[[Status], str]]:
    def district(code: str) -> str:
        unit = repo.units.get(code)
        return unit.district if unit else "—"

    if by == "district":
        return (lambda v: {district(u) for u in v.units}), (lambda s: district(s.finding.unit))
    if by == "team":
        return (lambda v: {v.team}), (lambda s: s.visit.team)
    if by == "unit":
        return (lambda v: set(v.units)), (lambda s: s.finding.unit)
    return (lambda v: set(v.focus) | {f.focus for f in v.findings}), (lambda s: s.finding.focus)


def stats(
    repo: Repository,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    calendar: WorkCalendar,
    by: str | None = None,
) -> list[Figures]:
    """Everything first, then each group (when ``by`` names a grouping), most findings first."""
    last = min(end, as_of)
    visits = [v for v in repo.visits if not v.planned and start <= v.date <= last]
    in_period = {v.id for v in visits}
    states = [s for s in statuses(repo, as_of, calendar) if s.visit.id in in_period]
    result = [figures("", visits, states, repo, as_of, calendar)]
    if by is None:
        return result
    visit_keys, state_key = _keys(repo, by)
    groups = sorted({k for v in visits for k in visit_keys(v)} | {state_key(s) for s in states})
    rows = [
        figures(
            group,
            [v for v in visits if group in visit_keys(v)],
            [s for s in states if state_key(s) == group],
            repo,
            as_of,
            calendar,
        )
        for group in groups
    ]
    rows.sort(key=lambda f: (-f.findings, -f.visits, f.group))
    return result + rows
