"""What the cross-record rules need to know of each file: ids, references, evidence, dates.

Taken from the complete index before the rules run (``checks/validate.py``); the rules look
up positions in a file only for a problem found.
"""

from __future__ import annotations

from typing import NamedTuple

from ducha.domain.model import Visit


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
    hashes: tuple[tuple[int, int, str, str], ...]  # (finding n, report, file name, SHA-256)
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
        tuple(
            (f.n, r_index, name, digest)
            for f in visit.findings
            for r_index, report in enumerate(f.reports)
            for name, digest in report.sha256
        ),
        visit.planned,
    )
