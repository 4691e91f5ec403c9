"""Figures for a period: how much was inspected, found, fixed, fixed on time, and relapsed.

Rates are shares of findings: rectified (closed), on time (reported or fixed by the deadline
first set), relapsed (of those a return visit checked). A rate with nothing to count is None.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from ducha.domain.index import Index, namespace_of
from ducha.domain.lifecycle import State, Status, known_deadline, statuses
from ducha.domain.model import Exemplar, Visit
from ducha.domain.workdays import WorkCalendar


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


def _on_time(status: Status, repo: Index, as_of: dt.date, calendar: WorkCalendar) -> bool | None:
    """Whether a finding was reported or fixed by its first deadline; None while not yet due."""
    finding, visit = status.finding, status.visit
    settings, days = repo.settings_of(visit), repo.calendar_of(visit, calendar)
    first = known_deadline(finding.due, visit.date, finding.severity, settings, days)
    if first is None:
        return None
    done = [e.date for e in status.events if e.kind in ("fixed-on-spot", "reported", "rectified")]
    if done:
        return min(done) <= first
    return False if first < as_of else None


@dataclass(frozen=True, slots=True)
class Counts:
    """What a group's figures are made of. Two parts' counts add up to the whole's.

    Units count once each: a hub's parts have no unit in common (their ids are namespaced).
    """

    visits: int = 0
    units: int = 0
    findings: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_state: Counter[str] = field(default_factory=Counter)
    closed: int = 0
    timely: int = 0  # reported or fixed by the first deadline
    due: int = 0  # of those whose first deadline has come (or that were done)
    relapsed: int = 0
    checked: int = 0  # checked by a return visit
    exemplars: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            *(a + b for a, b in zip(_values(self), _values(other), strict=True))  # type: ignore[operator]
        )


def _values(counts: Counts) -> tuple[object, ...]:
    return tuple(getattr(counts, name) for name in Counts.__slots__)


def counted(
    visits: list[Visit],
    states: list[Status],
    exemplars: list[tuple[Visit, Exemplar]],
    on_time: Callable[[Status], bool | None],
) -> Counts:
    """The counts of one set of visits and findings; ``on_time`` as ``_on_time`` says."""
    timely = [t for s in states if (t := on_time(s)) is not None]
    checked = [s for s in states if s.checked_by]
    return Counts(
        visits=len(visits),
        units=len({u for v in visits for u in v.units}),
        findings=len(states),
        by_severity=Counter(s.finding.severity for s in states),
        by_state=Counter(s.state.value for s in states),
        closed=sum(s.state is State.CLOSED for s in states),
        timely=sum(timely),
        due=len(timely),
        relapsed=sum(s.relapsed for s in checked),
        checked=len(checked),
        exemplars=len(exemplars),
    )


def figures_of(group: str, counts: Counts) -> Figures:
    """The figures of a group, from its counts."""
    return Figures(
        group=group,
        visits=counts.visits,
        units=counts.units,
        findings=counts.findings,
        by_severity=dict(counts.by_severity),
        by_state=dict(counts.by_state),
        rectified=_rate(counts.closed, counts.findings),
        on_time=_rate(counts.timely, counts.due),
        relapsed=_rate(counts.relapsed, counts.checked),
        exemplars=counts.exemplars,
    )


class Keys(NamedTuple):
    """The groups a visit, a finding and an exemplar fall in, for one grouping."""

    visit: Callable[[Visit], Iterable[str]]
    status: Callable[[Status], str]
    exemplar: Callable[[Visit, Exemplar], str]


def source_of(visit_id: str) -> str:
    """The source a hub's visit comes from, as a group; "—" outside a hub."""
    return namespace_of(visit_id) or "—"


def _keys(repo: Index, by: str) -> Keys:
    def district(code: str) -> str:
        unit = repo.units.get(code)
        return unit.district if unit else "—"

    def unit_of(visit: Visit, exemplar: Exemplar) -> str:
        # an exemplar of a visit to several units without a unit named belongs to none
        return exemplar.unit or (visit.units[0] if len(visit.units) == 1 else "—")

    if by == "source":  # a hub's: the namespace of the visit's id
        return Keys(
            lambda v: {source_of(v.id)},
            lambda s: source_of(s.visit.id),
            lambda v, _: source_of(v.id),
        )
    if by == "district":
        return Keys(
            lambda v: {district(u) for u in v.units},
            lambda s: district(s.finding.unit),
            lambda v, e: district(unit_of(v, e)),
        )
    if by == "team":
        return Keys(lambda v: {v.team}, lambda s: s.visit.team, lambda v, _: v.team)
    if by == "unit":
        return Keys(lambda v: set(v.units), lambda s: s.finding.unit, unit_of)
    return Keys(
        lambda v: set(v.focus) | {f.focus for f in v.findings},
        lambda s: s.finding.focus,
        lambda _, e: e.focus or "—",
    )


def stats(
    repo: Index,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    calendar: WorkCalendar,
    by: str | None = None,
    derived: Iterable[Status] | None = None,
) -> list[Figures]:
    """Everything first, then each group (when ``by`` names a grouping), most findings first.

    ``derived``: every finding's status as of ``as_of``, when the caller has them already.
    """
    whole, groups = grouped(repo, start, end, as_of, calendar, by, derived)
    rows = [figures_of(group, counts) for group, counts in groups.items()]
    rows.sort(key=lambda f: (-f.findings, -f.visits, f.group))
    return [figures_of("", whole), *rows]


def grouped(
    repo: Index,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    calendar: WorkCalendar,
    by: str | None = None,
    derived: Iterable[Status] | None = None,
) -> tuple[Counts, dict[str, Counts]]:
    """The counts of the period's visits and findings, and of each group, by name."""
    whole, groups = grouped_by(repo, start, end, as_of, calendar, [by] if by else [], derived)
    return whole, groups[by] if by else {}


def grouped_by(
    repo: Index,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    calendar: WorkCalendar,
    bys: Iterable[str],
    derived: Iterable[Status] | None = None,
) -> tuple[Counts, dict[str, dict[str, Counts]]]:
    """``grouped`` for several groupings at once (the site's), each finding looked at once."""
    last = min(end, as_of)
    visits = [v for v in repo.visits if not v.planned and start <= v.date <= last]
    in_period = {v.id for v in visits}
    every = statuses(repo, as_of, calendar) if derived is None else derived
    states = [s for s in every if s.visit.id in in_period]
    exemplars = [(v, e) for v in visits for e in v.exemplars]
    # each finding is counted in the whole and in its groups: its first deadline found once
    due = {id(s): _on_time(s, repo, as_of, calendar) for s in states}

    def on_time(status: Status) -> bool | None:
        return due[id(status)]

    whole = counted(visits, states, exemplars, on_time)
    return whole, {by: _by_group(_keys(repo, by), visits, states, exemplars, on_time) for by in bys}


def _by_group(
    keys: Keys,
    visits: list[Visit],
    states: list[Status],
    exemplars: list[tuple[Visit, Exemplar]],
    on_time: Callable[[Status], bool | None],
) -> dict[str, Counts]:
    groups: dict[str, _Group] = {}
    for visit in visits:
        for key in keys.visit(visit):
            groups.setdefault(key, _Group([], [], [])).visits.append(visit)
    for status in states:
        groups.setdefault(keys.status(status), _Group([], [], [])).states.append(status)
    for visit, exemplar in exemplars:
        key = keys.exemplar(visit, exemplar)
        groups.setdefault(key, _Group([], [], [])).exemplars.append((visit, exemplar))
    return {group: counted(*groups[group], on_time) for group in sorted(groups)}


class _Group(NamedTuple):
    """One group's visits, findings and exemplars, in the order of the period's."""

    visits: list[Visit]
    states: list[Status]
    exemplars: list[tuple[Visit, Exemplar]]
