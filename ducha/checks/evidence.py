"""Evidence on disk: inside the repository, there, unchanged since recorded, dated right.

Photos, scans and recordings hang on a finding (taken on the visit), on a report-back (sent
by the unit) and on a check (taken on the return visit); each is checked the same way.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ducha.checks.issues import Issue, Position, error, warning
from ducha.checks.source import KeyPath, SourceMap
from ducha.domain.model import UNKNOWN_DATE

if TYPE_CHECKING:
    from ducha.checks.facts import Holder
    from ducha.checks.rules import Context

_UNKNOWN_DAY = UNKNOWN_DATE.toordinal()


def check_evidence(ctx: Context) -> list[Issue]:
    """Evidence files are inside the repository, exist, are as recorded, and dated right."""
    from ducha.checks.photos import photo_day

    issues: list[Issue] = []
    root = ctx.root.resolve()
    for visit in ctx.index.visits:
        for where, e_index, name in visit.evidence:
            problem = _evidence_problem(root, name)
            if problem is not None:
                issues.append(error(_at(ctx, visit.path, where, e_index), problem, file=name))
                continue
            taken = photo_day(root / name)
            first, last = where[3], where[4]
            known = taken is not None and _UNKNOWN_DAY not in (first, last)
            if taken is not None and known and not first <= taken.toordinal() <= last:
                pos = _at(ctx, visit.path, where, e_index)
                span = dt.date.fromordinal(first), dt.date.fromordinal(last)
                key = "photo-date" if first == last else "photo-date-span"
                dates = {"taken": taken, "first": span[0], "last": span[1]}
                issues.append(warning(pos, "photo-date", key, file=name, **dates))
        for where, name, digest in visit.hashes:
            if _evidence_problem(root, name) is None and _sha256(root / name) != digest:
                source = ctx.source(visit.path)
                pos = source.value((*_holder(source, where), "sha256", name))
                issues.append(warning(pos, "evidence-hash", file=name))
    return issues


def _at(ctx: Context, path: str, where: Holder, e_index: int) -> Position:
    """Where an evidence item is written.

    Positions are read only for a problem found: a validation after an edit keeps these
    problems while no file they cite changed (``store/kept_checks.py``).
    """
    source = ctx.source(path)
    return source.value(source.item((*_holder(source, where), "evidence"), e_index))


def _holder(source: SourceMap, where: tuple[str, int, int, int, int]) -> KeyPath:
    """The keypath of what holds an evidence list: a finding, one of its reports, a check."""
    kind, index, report = where[0], where[1], where[2]
    if kind == "check":
        return ("checks", index)
    if report < 0:
        return ("findings", index)
    return source.item(("findings", index, "reports"), report)


def _evidence_problem(root: Path, name: str) -> str | None:
    candidate = Path(name)
    if candidate.is_absolute() or ".." in candidate.parts:
        return "evidence-outside"
    try:
        target = (root / candidate).resolve()
        if not target.is_relative_to(root):
            return "evidence-outside"
        found = target.is_file()
    except (OSError, ValueError, RuntimeError):  # a NUL, a name too long, a loop of links
        return "evidence-missing"
    return None if found else "evidence-missing"


def _sha256(path: Path) -> str:
    import hashlib

    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return ""
