"""Rules over the whole repository: references, dates, return visits, evidence, file names.

Each rule is a plain function ``check_x(ctx) -> list[Issue]``; ``RULES`` lists them and
``validate`` runs them all after the per-file schema checks made while loading.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ducha.i18n import Phrase
from ducha.issues import Issue, Position, error, warning
from ducha.loader import KeyPath, SourceMap
from ducha.model import Finding, Visit
from ducha.repository import Repository
from ducha.schema import FINDING_REF
from ducha.vocab import METHODS


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may look at: the repository and the date of the run."""

    repo: Repository
    today: dt.date


def _findings(repo: Repository) -> Iterator[tuple[Visit, Finding]]:
    for visit in repo.visits:
        for finding in visit.findings:
            yield visit, finding


def check_duplicate_ids(ctx: Context) -> list[Issue]:
    """An id names one visit, one unit or one team, across all files."""
    repo = ctx.repo
    rows: list[tuple[str, str, KeyPath]] = [(v.id, v.path, ("id",)) for v in repo.visits]
    rows += [(u.id, u.path, ("units", u.row, "id")) for u in repo.unit_rows]
    rows += [(t.id, t.path, ("teams", t.row, "id")) for t in repo.team_rows]
    first: dict[tuple[str, str], tuple[str, KeyPath]] = {}
    issues: list[Issue] = []
    for record_id, path, keypath in rows:
        kind = "visit" if keypath == ("id",) else str(keypath[0])
        seen = first.setdefault((kind, record_id), (path, keypath))
        if seen != (path, keypath):
            other = repo.source(seen[0]).value(seen[1])
            issues.append(
                error(repo.source(path).value(keypath), "duplicate-id", id=record_id, other=other)
            )
    return issues


def check_references(ctx: Context) -> list[Issue]:
    """Teams and units named by a visit exist, and each finding says which unit it concerns."""
    repo = ctx.repo
    issues: list[Issue] = []
    for visit in repo.visits:
        source = repo.source(visit.path)
        if visit.team not in repo.teams:
            issues.append(error(source.value(("team",)), "unknown-team", id=visit.team))
        for index, unit in enumerate(visit.units):
            if unit not in repo.units:
                pos = source.value(source.item(("units",), index))
                issues.append(error(pos, "unknown-unit", id=unit))
        for finding in visit.findings:
            issues.extend(_finding_unit(ctx, visit, finding))
    return issues


def _finding_unit(ctx: Context, visit: Visit, finding: Finding) -> list[Issue]:
    source = ctx.repo.source(visit.path)
    keypath = ("findings", finding.n - 1)
    if not finding.unit:
        return [error(source.key(keypath), "unit-required")]
    if visit.units == (finding.unit,):
        return []  # the visit's only unit, checked with the visit
    if finding.unit not in ctx.repo.units:
        return [error(source.value((*keypath, "unit")), "unknown-unit", id=finding.unit)]
    if finding.unit not in visit.units:
        return [error(source.value((*keypath, "unit")), "unit-not-visited", id=finding.unit)]
    return []


def check_dates(ctx: Context) -> list[Issue]:
    """Deadlines and report-backs cannot come before the visit itself."""
    issues: list[Issue] = []
    for visit, finding in _findings(ctx.repo):
        source = ctx.repo.source(visit.path)
        keypath = ("findings", finding.n - 1)
        due = finding.due
        if due.kind == "date" and due.date is not None and due.date < visit.date:
            pos = source.value((*keypath, "deadline"))
            issues.append(error(pos, "deadline-before-visit", deadline=due.date, date=visit.date))
        for index, report in enumerate(finding.reports):
            if report.date < visit.date:
                pos = source.value((*source.item((*keypath, "reports"), index), "date"))
                issues.append(
                    error(pos, "report-before-visit", reported=report.date, date=visit.date)
                )
    return issues


def check_returns(ctx: Context) -> list[Issue]:
    """A return visit comes after the visits it returns to and checks only their findings."""
    repo = ctx.repo
    issues: list[Issue] = []
    for visit in repo.visits:
        source = repo.source(visit.path)
        origins: list[Visit] = []
        for index, origin_id in enumerate(visit.returns_to):
            origin = repo.visit(origin_id)
            if origin is not None:
                origins.append(origin)
            if origin is None and origin_id not in repo.broken_ids:
                pos = source.value(source.item(("returns_to",), index))
                issues.append(error(pos, "unknown-visit", id=origin_id))
            elif origin is not None and origin.date >= visit.date:
                pos = source.value(source.item(("returns_to",), index))
                issues.append(
                    error(
                        pos,
                        "return-before-origin",
                        date=visit.date,
                        origin=origin.id,
                        origin_date=origin.date,
                    )
                )
        if visit.returns_to and "return" not in visit.methods:
            issues.append(warning(source.key(("returns_to",)), "return-method"))
        if visit.checks and not visit.returns_to:
            issues.append(error(source.key(("checks",)), "check-without-return"))
        issues.extend(_check_targets(ctx, visit, origins))
    return issues


def _check_targets(ctx: Context, visit: Visit, origins: list[Visit]) -> list[Issue]:
    """Checks (results) and ``to_check`` (a planned visit's list) name findings of the origins."""
    issues: list[Issue] = []
    source = ctx.repo.source(visit.path)
    origin_ids = {o.id for o in origins}
    targets: list[tuple[tuple[str, int] | tuple[str, int, str], str]]
    targets = [(("checks", i, "finding"), c.finding) for i, c in enumerate(visit.checks)]
    targets += [(("to_check", i), ref) for i, ref in enumerate(visit.to_check)]
    for place, reference in targets:
        match = re.fullmatch(FINDING_REF, reference)
        assert match is not None  # the schema guarantees the shape
        if reference in ctx.repo.broken_ids or match.group(1) in ctx.repo.broken_ids:
            continue
        target = ctx.repo.visit(match.group(1))
        if target is None or all(f.n != int(match.group(2)) for f in target.findings):
            issues.append(error(_position(source, place), "unknown-finding", id=reference))
        elif len(origins) == len(visit.returns_to) > 0 and target.id not in origin_ids:
            origins_text = "、".join(visit.returns_to)
            pos = _position(source, place)
            issues.append(
                error(pos, "check-not-in-origin", finding=reference, origins=origins_text)
            )
    return issues


def _position(source: SourceMap, place: tuple[str, int] | tuple[str, int, str]) -> Position:
    """Where a check or a to_check entry stands (``to_check`` may be a single value)."""
    if place[0] == "to_check":
        return source.value(source.item(("to_check",), place[1]))
    return source.value(place)


def check_methods(ctx: Context) -> list[Issue]:
    """A visit carries at most one side of each pair of methods."""
    issues: list[Issue] = []
    for visit in ctx.repo.visits:
        sides: dict[str, str] = {}
        for index, code in enumerate(visit.methods):
            group = METHODS.get(code).group
            if group in sides and sides[group] != code:
                source = ctx.repo.source(visit.path)
                keypath = source.item(("methods",), index)
                first, second = METHODS.get(sides[group]).zh, METHODS.get(code).zh
                issues.append(
                    error(source.value(keypath), "method-conflict", first=first, second=second)
                )
            sides.setdefault(group, code)
    return issues


def check_evidence(ctx: Context) -> list[Issue]:
    """Evidence files are inside the repository and exist."""
    issues: list[Issue] = []
    root = ctx.repo.root.resolve()
    for visit, finding in _findings(ctx.repo):
        source = ctx.repo.source(visit.path)
        for r_index, report in enumerate(finding.reports):
            for e_index, name in enumerate(report.evidence):
                report_path = source.item(("findings", finding.n - 1, "reports"), r_index)
                keypath = source.item((*report_path, "evidence"), e_index)
                issue = _evidence_issue(root, name, source.value(keypath))
                if issue:
                    issues.append(issue)
    return issues


def _evidence_issue(root: Path, name: str, pos: Position) -> Issue | None:
    candidate = Path(name)
    if candidate.is_absolute() or ".." in candidate.parts:
        return error(pos, "evidence-outside", file=name)
    target = (root / candidate).resolve()
    if not target.is_relative_to(root):
        return error(pos, "evidence-outside", file=name)
    if not target.is_file():
        return error(pos, "evidence-missing", file=name)
    return None


def check_file_location(ctx: Context) -> list[Issue]:
    """A visit's id starts with its date, and its file is filed as ``visits/YYYY/MM/<id>``."""
    issues: list[Issue] = []
    for visit in ctx.repo.visits:
        day = visit.date
        stamp = f"{day.year:04d}{day.month:02d}{day.day:02d}"
        if not visit.id.startswith(stamp):
            pos = ctx.repo.source(visit.path).value(("id",))
            issues.append(warning(pos, "file-location", "id-date", id=visit.id, date=day))
            continue
        suffix = visit.path[visit.path.rfind(".") :]
        expected = f"visits/{day.year}/{day.month:02d}/{visit.id}{suffix}"
        if visit.path != expected:
            issues.append(warning(Position(visit.path), "file-location", expected=expected))
    return issues


def check_planned(ctx: Context) -> list[Issue]:
    """A planned visit has no results yet, and one whose date has passed needs completing."""
    issues: list[Issue] = []
    for visit in ctx.repo.visits:
        if not visit.planned:
            continue
        source = ctx.repo.source(visit.path)
        if visit.findings or visit.checks:
            issues.append(error(source.value(("status",)), "planned-has-results"))
        elif visit.date < ctx.today:
            issues.append(warning(source.value(("date",)), "planned-in-past", date=visit.date))
    return issues


_ID_CARD = re.compile(
    r"(?<![0-9])([1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx])(?![0-9])"
)
_MOBILE = re.compile(r"(?<![0-9])(1[3-9][0-9]{9})(?![0-9])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _id_card(number: str) -> bool:
    """A mainland resident ID number whose check character is right (GB 11643)."""
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


def personal_data(value: str) -> str | None:
    """What kind of personal data ``value`` seems to hold, if any."""
    if any(_id_card(m.group(1)) for m in _ID_CARD.finditer(value)):
        return "id-card"
    return "mobile" if _MOBILE.search(value) else None


def _printed_texts(visit: Visit) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Free text that memos print, with where it stands."""
    yield ("summary",), visit.summary
    for f in visit.findings:
        base = ("findings", f.n - 1)
        for name in ("place", "description", "rectification", "measure"):
            yield (*base, name), getattr(f, name)
        for index, report in enumerate(f.reports):
            yield (*base, "reports", index, "note"), report.note
    for index, check in enumerate(visit.checks):
        yield ("checks", index, "note"), check.note
    for index, exemplar in enumerate(visit.exemplars):
        yield ("exemplars", index, "description"), exemplar.description


def check_personal_data(ctx: Context) -> list[Issue]:
    """Printed free text should not carry ID-card or mobile numbers (a warning)."""
    issues: list[Issue] = []
    for visit in ctx.repo.visits:
        for keypath, value in _printed_texts(visit):
            kind = personal_data(value) if value else None
            if kind is not None:
                source = ctx.repo.source(visit.path)
                if len(keypath) > 3 and keypath[2] == "reports":
                    keypath = (*source.item(keypath[:3], int(keypath[3])), "note")
                issues.append(
                    warning(source.value(keypath), "personal-data", kind=Phrase(f"personal-{kind}"))
                )
    return issues


Rule = Callable[[Context], list[Issue]]

RULES: tuple[Rule, ...] = (
    check_duplicate_ids,
    check_references,
    check_dates,
    check_returns,
    check_methods,
    check_evidence,
    check_file_location,
    check_planned,
    check_personal_data,
)
