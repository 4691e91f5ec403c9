"""The record model: immutable values with no I/O. Positions live in ``SourceMap``, not here.

NamedTuples, not dataclasses: the parse cache unpickles every record on every run, and at
10,000 visits NamedTuples load in a quarter of the time frozen dataclasses take.
"""

from __future__ import annotations

import copyreg
import datetime as dt
from typing import Any, Literal, NamedTuple

DueKind = Literal["date", "days", "immediate", "default"]

# The date of a record whose date is missing or wrong: the record is in error, kept only so
# that its other problems are found; nothing is derived from it.
UNKNOWN_DATE = dt.date.min


class Due(NamedTuple):
    """A rectification requirement's deadline as written: a date, N working days, or at once."""

    kind: DueKind
    date: dt.date | None = None
    days: int = 0


class Unit(NamedTuple):
    """A unit inspected (被督查单位)."""

    id: str
    name: str
    district: str
    kind: str
    address: str = ""
    contact: str = ""
    path: str = ""
    row: int = 0  # position in its file's list


class Team(NamedTuple):
    """An inspection team (督查组)."""

    id: str
    name: str
    leader: str
    members: tuple[str, ...] = ()
    path: str = ""
    row: int = 0  # position in its file's list


class Report(NamedTuple):
    """A unit's report that a finding is fixed (整改反馈)."""

    date: dt.date
    evidence: tuple[str, ...] = ()
    note: str = ""
    sha256: tuple[tuple[str, str], ...] = ()  # (evidence file, its SHA-256 when recorded)


class Finding(NamedTuple):
    """A problem found on a visit; addressed as ``<visit id>/<n>``."""

    visit: str
    n: int
    unit: str
    focus: str
    severity: str
    description: str
    scope: str = "individual"
    place: str = ""
    responsible: str = ""
    rectification: str = ""
    due: Due = Due("default")
    dispositions: tuple[str, ...] = ()
    measure: str = ""
    fixed_on_spot: bool = False
    reports: tuple[Report, ...] = ()
    complainant: str = ""
    evidence: tuple[str, ...] = ()  # what the inspectors took on the visit: photos, scans
    sha256: tuple[tuple[str, str], ...] = ()

    @property
    def id(self) -> str:
        """The finding's address, ``<visit id>/<n>``."""
        return f"{self.visit}/{self.n}"

    @property
    def files(self) -> tuple[str, ...]:
        """Every evidence file of the finding: taken on the visit, then sent with reports."""
        return self.evidence + tuple(e for r in self.reports for e in r.evidence)


class Check(NamedTuple):
    """A return visit's verdict on an earlier finding."""

    finding: str
    result: str
    note: str = ""
    due: Due = Due("default")
    evidence: tuple[str, ...] = ()  # what the return visit took: photos of the state found
    sha256: tuple[tuple[str, str], ...] = ()


class Exemplar(NamedTuple):
    """Good practice worth spreading (典型)."""

    unit: str
    focus: str
    description: str


class Visit(NamedTuple):
    """One team's inspection of one or more units on one date."""

    id: str
    date: dt.date
    team: str
    units: tuple[str, ...]
    path: str
    status: str = "done"
    methods: tuple[str, ...] = ()
    focus: tuple[str, ...] = ()
    inspectors: tuple[str, ...] = ()
    summary: str = ""
    returns_to: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()
    to_check: tuple[str, ...] = ()  # planned return visits: the findings to verify
    findings: tuple[Finding, ...] = ()
    exemplars: tuple[Exemplar, ...] = ()
    narrative: str = ""

    @property
    def planned(self) -> bool:
        """Whether the visit is only planned (not yet done)."""
        return self.status == "planned"

    @property
    def unannounced(self) -> bool:
        """Whether the visit was covert (暗访)."""
        return "unannounced" in self.methods


def _reduce(record: tuple[Any, ...]) -> tuple[Any, tuple[Any, ...]]:
    """Pickle a record as its class and a plain tuple, rebuilt by ``tuple.__new__`` in C.

    A named tuple's own way calls its Python ``__new__`` once per object; the cache loads
    every record on most runs, and this way loads them a quarter faster.
    """
    return (tuple.__new__, (type(record), tuple(record)))


for _record in (Due, Unit, Team, Report, Finding, Check, Exemplar, Visit):
    copyreg.pickle(_record, _reduce)
