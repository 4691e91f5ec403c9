"""What the cross-record rules need to know of each file, small enough to keep for every file.

A file's facts are cached beside its problems, so that ``validate`` after an edit re-reads
the edited file and checks references across the repository without loading every record.
Plain tuples of strings and numbers: tens of thousands of them load in milliseconds.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ducha.domain.model import Team, Unit, Visit


class VisitFacts(NamedTuple):
    """One visit, as far as other files are concerned."""

    id: str
    path: str
    day: int  # date ordinal
    team: str
    units: tuple[str, ...]
    findings: tuple[tuple[int, str, bool], ...]  # (n, unit, fixed on the spot)
    returns_to: tuple[str, ...]
    # ("checks" | "to_check", index, finding id, the check's result or "")
    targets: tuple[tuple[str, int, str, str], ...]
    evidence: tuple[tuple[int, int, int, str], ...]  # (finding n, report, item, file name)
    planned: bool


class FileFacts(NamedTuple):
    """What one file contributes: a visit or directory rows, and ids written but in error."""

    visit: VisitFacts | None = None
    units: tuple[tuple[str, int], ...] = ()  # (id, row)
    teams: tuple[tuple[str, int], ...] = ()
    declared: tuple[str, ...] = ()


def visit_facts(visit: Visit) -> VisitFacts:
    """The facts of a built visit."""
    targets = [("checks", i, c.finding, c.result) for i, c in enumerate(visit.checks)]
    targets += [("to_check", i, ref, "") for i, ref in enumerate(visit.to_check)]
    return VisitFacts(
        visit.id,
        visit.path,
        visit.date.toordinal(),
        visit.team,
        visit.units,
        tuple((f.n, f.unit, f.fixed_on_spot) for f in visit.findings),
        visit.returns_to,
        tuple(targets),
        tuple(
            (f.n, r_index, e_index, name)
            for f in visit.findings
            for r_index, report in enumerate(f.reports)
            for e_index, name in enumerate(report.evidence)
        ),
        visit.planned,
    )


def file_facts(record: Any, declared: tuple[str, ...]) -> tuple[Any, ...]:
    """The facts of what a file was built into (see ``repository.Payload``), as kept.

    That is a ``FileFacts`` with its ``VisitFacts``, made plain tuples: the cache holds one
    for every file, and plain tuples unpickle four times faster than named ones.
    """
    if isinstance(record, Visit):
        return (tuple(visit_facts(record)), (), (), declared)
    if isinstance(record, tuple):
        units = tuple((row.id, row.row) for row in record if isinstance(row, Unit))
        teams = tuple((row.id, row.row) for row in record if isinstance(row, Team))
        return (None, units, teams, declared)
    return (None, (), (), declared)
