"""The complete, immutable index of a records repository: the only input of every derivation.

Built in one place (``store.load``) from every record file; states, deadlines, lights,
overdue lists, schedules, statistics, memos and diffs are all derived from it. No command
chooses which records to load.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from ducha.domain.model import Check, Finding, Team, Unit, Visit
from ducha.domain.settings import Settings
from ducha.domain.workdays import WorkCalendar


class Origin(NamedTuple):
    """Which commit of a hub's source an answer was computed from."""

    source: str  # its namespace; "" for the repository itself
    commit: str  # "" outside git
    date: dt.datetime | None  # the commit's date
    dirty: bool  # with changes not committed


def namespace_of(record_id: str) -> str:
    """The source a hub's visit or unit comes from (``临川`` of ``临川/20200205-2vs``), or ""."""
    return record_id.rpartition("/")[0]


@dataclass(frozen=True, slots=True, eq=False)
class Index:
    """Units, teams and visits (with their findings, reports and checks) of one repository.

    ``files`` lists every record file read, in order; ``broken_ids`` the ids written in files
    with errors, so that references to them are not reported a second time. A record in
    error contributes what could be built of it.
    """

    settings: Settings
    units: Mapping[str, Unit] = field(default_factory=dict)
    teams: Mapping[str, Team] = field(default_factory=dict)
    visits: tuple[Visit, ...] = ()
    unit_rows: tuple[Unit, ...] = ()
    team_rows: tuple[Team, ...] = ()
    files: tuple[str, ...] = ()
    broken_ids: frozenset[str] = frozenset()
    # a hub's sources by namespace (``临川``, or ``抚州/临川`` through a hub of hubs): each
    # finding is derived under its own source's settings
    parts: Mapping[str, Settings] = field(default_factory=dict)
    origins: tuple[Origin, ...] = ()  # a hub's: the commit each source was read at
    _lookups: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, settings: Settings, files: Iterable[tuple[str, Any, Iterable[str]]]) -> Index:
        """The index of files given as (path, what it was built into, ids declared in error)."""
        visits: list[Visit] = []
        unit_rows: list[Unit] = []
        team_rows: list[Team] = []
        broken: set[str] = set()
        paths: list[str] = []
        for path, record, declared in files:
            paths.append(path)
            broken.update(declared)
            if isinstance(record, Visit):
                visits.append(record)
            elif isinstance(record, tuple):
                unit_rows += [row for row in record if isinstance(row, Unit)]
                team_rows += [row for row in record if isinstance(row, Team)]
        units: dict[str, Unit] = {}
        teams: dict[str, Team] = {}
        for unit in unit_rows:
            units.setdefault(unit.id, unit)
        for team in team_rows:
            teams.setdefault(team.id, team)
        return cls(
            settings,
            units,
            teams,
            tuple(visits),
            tuple(unit_rows),
            tuple(team_rows),
            tuple(paths),
            frozenset(broken),
        )

    @property
    def root(self) -> Path:
        """The repository's root folder."""
        return self.settings.root

    def settings_of(self, visit: Visit) -> Settings:
        """The settings ``visit`` is derived under: its source's in a hub, else the repository's."""
        if not self.parts:
            return self.settings
        return self.parts.get(namespace_of(visit.id), self.settings)

    def yellow_days_of(self, visit: Visit) -> int:
        """The working days before a deadline that ``visit``'s findings show yellow."""
        return self.settings_of(visit).yellow_days

    def calendar_of(self, visit: Visit, calendar: WorkCalendar) -> WorkCalendar:
        """The working days of ``visit``'s source in a hub; ``calendar`` in one repository."""
        if not self.parts:
            return calendar
        namespace = namespace_of(visit.id)
        settings = self.parts.get(namespace)
        if settings is None or settings.calendar == self.settings.calendar:
            return calendar
        calendars: dict[str, WorkCalendar] = self._lookups.setdefault("calendars", {})
        if namespace not in calendars:
            calendars[namespace] = WorkCalendar(settings.calendar)
        return calendars[namespace]

    def visit(self, visit_id: str) -> Visit | None:
        """The first visit with this id."""
        found: dict[str, Visit] | None = self._lookups.get("visits")
        if found is None:
            found = {}
            for visit in self.visits:
                found.setdefault(visit.id, visit)
            self._lookups["visits"] = found
        return found.get(visit_id)

    def finding(self, finding_id: str) -> Finding | None:
        """The finding with this id (``<visit id>/<n>``) of the first visit with that id."""
        visit_id, _, number = finding_id.rpartition("/")
        visit = self.visit(visit_id)
        if visit is None or not number.isdigit():
            return None
        return next((f for f in visit.findings if f.n == int(number)), None)

    def checks_of(self, finding_id: str) -> tuple[tuple[Visit, Check], ...]:
        """Every check recorded by a done return visit on a finding, oldest first."""
        found: dict[str, tuple[tuple[Visit, Check], ...]] | None = self._lookups.get("checks")
        if found is None:
            found = self._lookups["checks"] = self.checks_on(None)
        return found.get(finding_id, ())

    def checks_on(self, wanted: set[str] | None) -> dict[str, tuple[tuple[Visit, Check], ...]]:
        """``checks_of`` of each finding ``wanted`` (None: every one), by finding id.

        Done visits by date and id, each visit's checks as written. A few findings' checks
        are found without the lookup of every finding's.
        """
        lists: dict[str, list[tuple[Visit, Check]]] = {}
        done = (
            v
            for v in self.visits
            if v.checks
            and not v.planned
            and (wanted is None or any(c.finding in wanted for c in v.checks))
        )
        for visit in sorted(done, key=lambda v: (v.date, v.id)):
            for check in visit.checks:
                if wanted is None or check.finding in wanted:
                    lists.setdefault(check.finding, []).append((visit, check))
        return {key: tuple(value) for key, value in lists.items()}

    def without(self, paths: set[str]) -> Index:
        """The same index with the visits of ``paths`` left out."""
        return replace(
            self, visits=tuple(v for v in self.visits if v.path not in paths), _lookups={}
        )


def by_source(index: Index) -> dict[str, Index]:
    """A hub's index as each source's, by name (``{"": index}`` for a repository).

    Each keeps the hub's settings, which name every term as the hub shows it, and its own
    source's settings in ``parts``; a source's records name only its own (namespaced ids).
    """
    if not index.parts:
        return {"": index}

    def top(record_id: str) -> str:
        return record_id.partition("/")[0]

    visits: dict[str, list[Visit]] = {}
    for visit in index.visits:
        visits.setdefault(top(visit.id), []).append(visit)
    names = sorted({top(name) for name in index.parts} | set(visits))
    found = {}
    for name in names:
        prefix = f"{name}/"
        found[name] = Index(
            index.settings,
            {k: v for k, v in index.units.items() if k.startswith(prefix)},
            {k: v for k, v in index.teams.items() if k.startswith(prefix)},
            tuple(visits.get(name, ())),
            tuple(u for u in index.unit_rows if u.id.startswith(prefix)),
            tuple(t for t in index.team_rows if t.id.startswith(prefix)),
            (),
            frozenset(b for b in index.broken_ids if b.startswith(prefix)),
            {k: v for k, v in index.parts.items() if k == name or k.startswith(prefix)},
            tuple(o for o in index.origins if o.source == name or o.source.startswith(prefix)),
        )
    return found
