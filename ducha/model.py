"""The record model: frozen values with no I/O. Positions live in ``SourceMap``, not here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

DueKind = Literal["date", "days", "immediate", "default"]


@dataclass(frozen=True, slots=True)
class Due:
    """A rectification requirement's deadline as written: a date, N working days, or at once."""

    kind: DueKind
    date: dt.date | None = None
    days: int = 0


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit inspected (被督查单位)."""

    id: str
    name: str
    district: str
    kind: str
    address: str = ""
    contact: str = ""
    path: str = ""
    index: int = 0  # position in its file's list


@dataclass(frozen=True, slots=True)
class Team:
    """An inspection team (督查组)."""

    id: str
    name: str
    leader: str
    members: tuple[str, ...] = ()
    path: str = ""
    index: int = 0  # position in its file's list


@dataclass(frozen=True, slots=True)
class Report:
    """A unit's report that a finding is fixed (整改反馈)."""

    date: dt.date
    evidence: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
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

    @property
    def id(self) -> str:
        """The finding's address, ``<visit id>/<n>``."""
        return f"{self.visit}/{self.n}"


@dataclass(frozen=True, slots=True)
class Check:
    """A return visit's verdict on an earlier finding."""

    finding: str
    result: str
    note: str = ""
    due: Due = Due("default")


@dataclass(frozen=True, slots=True)
class Exemplar:
    """Good practice worth spreading (典型)."""

    unit: str
    focus: str
    description: str


@dataclass(frozen=True, slots=True)
class Visit:
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
