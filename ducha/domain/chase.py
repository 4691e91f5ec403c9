"""Who the office calls today (催办): per unit, team or responsible, what is late or waiting.

Derived from the overdue report, so a chase never disagrees with ``overdue``: red and yellow
are its rows, and a report waits too long once ``return_visits.verify_within`` working days
have passed without a return visit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from ducha.domain.index import Index
from ducha.domain.lifecycle import Status
from ducha.domain.overdue import Filters, Light, overdue_report
from ducha.domain.workdays import WorkCalendar


class Urgency(StrEnum):
    """Why an item is in the chase, most urgent first."""

    OVERDUE = "overdue"  # red: past its deadline
    DUE = "due"  # yellow: due within the window
    UNVERIFIED = "unverified"  # reported fixed, no return visit within verify_within


_ORDER = {Urgency.OVERDUE: 0, Urgency.DUE: 1, Urgency.UNVERIFIED: 2}


@dataclass(frozen=True, slots=True)
class Item:
    """One finding to chase; ``days`` are working days late, left, or waited."""

    status: Status
    urgency: Urgency
    days: int


@dataclass(frozen=True, slots=True)
class Party:
    """Whom to call: a unit, a team or a responsible person, with what to say."""

    key: str
    name: str
    contact: str
    items: tuple[Item, ...]

    def count(self, urgency: Urgency) -> int:
        """How many of the party's items are of ``urgency``."""
        return sum(1 for i in self.items if i.urgency is urgency)


@dataclass(frozen=True, slots=True)
class Chase:
    """The day's calls, the party with the most overdue first."""

    as_of: dt.date
    by: str
    within: int
    verify_within: int
    parties: tuple[Party, ...]

    def count(self, urgency: Urgency) -> int:
        """How many items of ``urgency`` there are in all."""
        return sum(p.count(urgency) for p in self.parties)


def chase(
    repo: Index,
    as_of: dt.date,
    calendar: WorkCalendar,
    by: str = "unit",
    filters: Filters | None = None,
) -> Chase:
    """The chase on ``as_of``, grouped ``by`` unit, team or responsible."""
    settings = repo.settings
    report = overdue_report(repo, as_of, None, calendar, filters or Filters())
    items = [
        Item(
            r.status,
            Urgency.OVERDUE if r.light is Light.RED else Urgency.DUE,
            abs(r.working_days_late),
        )
        for r in report.rows
    ]
    verify_within = settings.returns.verify_within
    items += [
        Item(a.status, Urgency.UNVERIFIED, a.waited)
        for a in report.awaiting
        if a.waited > verify_within
    ]
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(_key(item.status, by), []).append(item)
    parties = []
    for key, found in groups.items():
        found.sort(
            key=lambda i: (_ORDER[i.urgency], -i.days if i.urgency is not Urgency.DUE else i.days)
        )
        name, contact = _whom(repo, key, by, found[0].status)
        parties.append(Party(key, name, contact, tuple(found)))
    parties.sort(key=lambda p: (-p.count(Urgency.OVERDUE), -len(p.items), p.name))
    return Chase(as_of, by, settings.yellow_days, verify_within, tuple(parties))


def _key(status: Status, by: str) -> str:
    if by == "team":
        return status.visit.team
    if by == "responsible":
        return status.finding.responsible.strip() or status.finding.unit
    return status.finding.unit


def _whom(repo: Index, key: str, by: str, status: Status) -> tuple[str, str]:
    """A party's name and how to reach it: a unit's contact, a team's leader."""
    if by == "team":
        team = repo.teams.get(key)
        return (team.name, team.leader) if team else (key, "")
    unit = repo.units.get(status.finding.unit)
    unit_name = f"{unit.name}（{unit.district}）" if unit else status.finding.unit
    if by == "responsible" and key != status.finding.unit:
        return key, (f"{unit_name} {unit.contact}".strip() if unit else unit_name)
    return unit_name, unit.contact if unit else ""
