"""What the dashboard site shows, derived from the complete index like every other answer.

The public site leaves out what a unit-facing memo leaves out: planned visits and what they
will check, covert (暗访) return visits as visits, and every person's name or contact
(inspectors, teams' members, the responsible person, complainants, report and check notes,
evidence, dispositions such as referrals). ``internal`` keeps them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ducha.domain.index import Index
from ducha.domain.lifecycle import State, Status, status_of, statuses
from ducha.domain.model import Visit
from ducha.domain.overdue import Light, group_key, light_of
from ducha.domain.stats import Counts, Figures, figures_of, grouped_by
from ducha.domain.workdays import WorkCalendar
from ducha.errors import CalendarError

WEEKS = 8  # the trend's weeks, the as-of day's week last


def shown(visit: Visit, *, internal: bool) -> bool:
    """Whether a visit appears in the site as a visit."""
    if visit.planned:
        return internal
    return internal or not (visit.unannounced and (visit.returns_to or visit.checks))


@dataclass(frozen=True, slots=True)
class Line:
    """A finding on the site: its state, light and working days late (negative: left)."""

    status: Status
    light: str  # red | yellow | green | awaiting | closed | unknown
    late: int


@dataclass(frozen=True, slots=True)
class Tally:
    """How many findings of a group stand at each light."""

    group: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        """Every finding of the group."""
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class Week:
    """One week of the trend: found in it, closed in it, overdue at its end."""

    start: dt.date
    found: int
    closed: int
    overdue: int


@dataclass(frozen=True, slots=True)
class Summary:
    """What the front page shows of one part of the site, as counts that add up across parts.

    A hub's site is made a source at a time: each source's summary is kept with its pages,
    and the front page is the sum of every source's (``front_of``).
    """

    lights: dict[str, int]  # findings at each light
    tallies: dict[str, dict[str, dict[str, int]]]  # by district | team | source: group: light
    weeks: tuple[Week, ...]
    rates: dict[str, dict[str, Counts]]  # by district | source: group: its counts


@dataclass(frozen=True, slots=True)
class Site:
    """Everything one part's pages show (a hub's source, or a repository), and its summary."""

    as_of: dt.date
    internal: bool
    lines: tuple[Line, ...]  # every finding of a done visit, most urgent first
    visits: tuple[Visit, ...]  # the visits shown
    summary: Summary


@dataclass(frozen=True, slots=True)
class Front:
    """The front page's figures: every part's summary added up, each list in its order."""

    lights: dict[str, int]
    tallies: dict[str, tuple[Tally, ...]]  # the most red first
    weeks: tuple[Week, ...]
    rates: dict[str, tuple[Figures, ...]]  # best 整改率 first


LIGHTS = ("red", "yellow", "awaiting", "green", "closed", "unknown")


def line_of(status: Status, as_of: dt.date, within: int, calendar: WorkCalendar) -> Line:
    """The light a finding shows on the site."""
    if status.state is State.CLOSED:
        return Line(status, "closed", 0)
    if status.state is State.REPORTED:
        return Line(status, "awaiting", 0)
    if status.deadline is None:
        return Line(status, "unknown", 0)
    try:
        light, late = light_of(status, as_of, within, calendar)
    except CalendarError:
        return Line(status, "unknown", 0)
    return Line(status, {Light.RED: "red", Light.YELLOW: "yellow"}.get(light, "green"), late)


def site_model(index: Index, as_of: dt.date, calendar: WorkCalendar, *, internal: bool) -> Site:
    """The site of one part (``by_source``) as of a day."""
    derived = statuses(index, as_of, calendar)
    lines = [
        line_of(s, as_of, index.yellow_days_of(s.visit), index.calendar_of(s.visit, calendar))
        for s in derived
    ]
    lines.sort(key=line_order)
    groups = ("district", "team", "source") if index.parts else ("district", "team")
    tallies = {by: _tallies(lines, group_key(index, by)) for by in groups}
    first = min((v.date for v in index.visits if not v.planned), default=as_of)
    rated = [by for by in groups if by != "team"]
    rates = grouped_by(index, first, as_of, as_of, calendar, rated, derived)[1]
    visits = tuple(
        sorted(
            (v for v in index.visits if shown(v, internal=internal) and v.date <= as_of),
            key=lambda v: (v.date, v.id),
            reverse=True,
        )
    )
    lights = dict.fromkeys(LIGHTS, 0)
    for line in lines:
        lights[line.light] += 1
    summary = Summary(lights, tallies, _weeks(index, as_of, calendar, derived), rates)
    return Site(as_of, internal, tuple(lines), visits, summary)


def line_order(line: Line) -> tuple[int, int, str]:
    """The most urgent first: by light, then the most days late, then by id."""
    return (LIGHTS.index(line.light), -line.late, line.status.id)


def front_of(summaries: Iterable[Summary]) -> Front:
    """Every part's summary added up: the front page's lights, tallies, trend and rates."""
    lights = dict.fromkeys(LIGHTS, 0)
    tallies: dict[str, dict[str, dict[str, int]]] = {}
    weeks: list[Week] = []
    rates: dict[str, dict[str, Counts]] = {}
    for summary in summaries:
        for light, count in summary.lights.items():
            lights[light] += count
        for by, groups in summary.tallies.items():
            mine = tallies.setdefault(by, {})
            for group, counts in groups.items():
                into = mine.setdefault(group, dict.fromkeys(LIGHTS, 0))
                for light, count in counts.items():
                    into[light] += count
        weeks = (
            [
                Week(w.start, w.found + x.found, w.closed + x.closed, w.overdue + x.overdue)
                for w, x in zip(weeks, summary.weeks, strict=True)
            ]
            if weeks
            else list(summary.weeks)
        )
        for by, counted in summary.rates.items():
            sums = rates.setdefault(by, {})
            for group, part in counted.items():
                sums[group] = sums[group] + part if group in sums else part
    return Front(
        lights,
        {
            by: tuple(sorted((Tally(g, c) for g, c in groups.items()), key=_most_red))
            for by, groups in tallies.items()
        },
        tuple(weeks),
        {
            by: tuple(
                sorted(
                    (figures_of(group, counts) for group, counts in sorted(groups.items())),
                    key=lambda f: (-(f.rectified or 0), f.group),
                )
            )
            for by, groups in rates.items()
        },
    )


def _most_red(tally: Tally) -> tuple[int, int, str]:
    return (-tally.counts["red"], -tally.total, tally.group)


def _tallies(lines: list[Line], key: Callable[[Status], str]) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    for line in lines:
        counts = found.setdefault(key(line.status) or "—", dict.fromkeys(LIGHTS, 0))
        counts[line.light] += 1
    return found


def week_starts(as_of: dt.date) -> list[dt.date]:
    """The Mondays of the trend's weeks, the as-of day's last."""
    monday = as_of - dt.timedelta(days=as_of.weekday())
    return [monday - dt.timedelta(weeks=back) for back in range(WEEKS - 1, -1, -1)]


def _weeks(
    index: Index, as_of: dt.date, calendar: WorkCalendar, derived: list[Status]
) -> tuple[Week, ...]:
    """Each of the last weeks: every count as derived on that week's last day (or as-of).

    Found: the findings of the week's done visits. Overdue: those open or reopened at its
    end past their deadline. A finding's state and deadline change only on its own events
    (a report-back, a check), so one with no event after a week's end stands there as it
    stands on the as-of day (``derived``); only the others are derived again, on that day.
    Closed: those closed at its end on a day of the week; a finding closes only on its visit
    (fixed on the spot) or on a return visit that finds it rectified, so only the findings
    such a day of the week names are derived. ``week_counts`` in the tests is the plain
    definition.
    """
    last = [(s, max(e.date for e in s.events)) for s in derived]
    weeks: list[Week] = []
    for start in week_starts(as_of):
        end = min(start + dt.timedelta(days=6), as_of)
        days = [v for v in index.visits if not v.planned and start <= v.date <= end]
        found = sum(len(v.findings) for v in days)
        overdue = 0
        for status, moved in last:
            if status.visit.date > end:
                continue
            if moved > end:
                status = status_of(index, status.visit, status.finding, end, calendar)
            if (
                status.state in (State.OPEN, State.REOPENED)
                and status.deadline is not None
                and status.deadline < end
            ):
                overdue += 1
        named = {f.id for v in days for f in v.findings if f.fixed_on_spot}
        named |= {c.finding for v in days for c in v.checks if c.result == "rectified"}
        closed = 0
        for finding_id in named:
            finding = index.finding(finding_id)
            visit = index.visit(finding_id.rpartition("/")[0])
            if finding is None or visit is None or visit.planned or visit.date > end:
                continue
            status = status_of(index, visit, finding, end, calendar)
            if status.closed_on is not None and start <= status.closed_on <= end:
                closed += 1
        weeks.append(Week(start, found, closed, overdue))
    return tuple(weeks)
