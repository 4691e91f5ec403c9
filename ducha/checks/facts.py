"""What the cross-record rules need to know of each file: ids, references, evidence, dates.

Taken from each file's record before the rules run (``checks/validate.py``); the rules see
nothing else of the records (and look up positions in a file only for a problem found), so
their answer holds while every file's facts, the day, the settings and the evidence on disk
do: what lets a validation after an edit keep the last one's cross-record problems.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ducha.domain.model import Due, Team, Unit, Visit

# what holds an evidence list: ("finding", index, -1), ("finding", index, report) or
# ("check", index, -1); then the first and last day (ordinals) its photos may be taken on
Holder = tuple[str, int, int, int, int]


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
    # (where: the finding's keypath, its report's index or -1, or a check's; item, file name)
    evidence: tuple[tuple[Holder, int, str], ...]
    hashes: tuple[tuple[Holder, str, str], ...]  # (where, file name, SHA-256)
    planned: bool
    finding_dues: tuple[tuple[int, str, Due], ...] = ()  # (n, severity, deadline as written)
    check_dues: tuple[Due, ...] = ()  # each check's new deadline as written, in order


class FileFacts(NamedTuple):
    """What one file contributes: a visit or directory rows, and ids written but in error."""

    visit: VisitFacts | None = None
    units: tuple[tuple[str, int], ...] = ()  # (id, row)
    teams: tuple[tuple[str, int], ...] = ()
    declared: tuple[str, ...] = ()


def visit_facts(visit: Visit) -> VisitFacts:
    """The facts of a built visit."""
    holders: list[tuple[Holder, tuple[str, ...], tuple[tuple[str, str], ...]]] = []
    day = visit.date.toordinal()
    for f in visit.findings:
        holders.append((("finding", f.n - 1, -1, day, day), f.evidence, f.sha256))
        holders += [
            (("finding", f.n - 1, r_index, day, r.date.toordinal()), r.evidence, r.sha256)
            for r_index, r in enumerate(f.reports)
        ]
    holders += [
        (("check", i, -1, day, day), c.evidence, c.sha256) for i, c in enumerate(visit.checks)
    ]
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
        tuple((where, i, name) for where, files, _ in holders for i, name in enumerate(files)),
        tuple((where, name, digest) for where, _, hashes in holders for name, digest in hashes),
        visit.planned,
        tuple((f.n, f.severity, f.due) for f in visit.findings),
        tuple(c.due for c in visit.checks),
    )


def file_facts(record: Any, declared: tuple[str, ...]) -> FileFacts:
    """The facts of one file: what it was built into (a visit, directory rows or nothing)."""
    if isinstance(record, Visit):
        return FileFacts(visit_facts(record), declared=declared)
    rows = record if isinstance(record, tuple) else ()
    return FileFacts(
        None,
        tuple((row.id, row.row) for row in rows if isinstance(row, Unit)),
        tuple((row.id, row.row) for row in rows if isinstance(row, Team)),
        declared,
    )
