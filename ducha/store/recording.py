"""What a clerk records by command: a unit's report-back, a return visit and its results.

Each function works out an ``Edit`` of one visit file (``store/edit.py``) from the complete
index; nothing is written here. A finding is named by its id, never by hand-counting a list.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ducha.domain.index import Index
from ducha.domain.lifecycle import State, status_of
from ducha.domain.model import Finding, Visit
from ducha.domain.vocab import Vocabulary
from ducha.domain.workdays import WorkCalendar
from ducha.errors import UserError
from ducha.store.edit import Edit, add_item, edited, mapping_at
from ducha.store.evidence import Copy, gather
from ducha.store.schema import FINDING, VISIT
from ducha.store.writing import fresh_visit_id

_VISIT_KEYS = tuple(f.name for f in VISIT.fields)
_FINDING_KEYS = tuple(f.name for f in FINDING.fields)

# what a prefilled return visit leaves for the clerk: validate reports it until it is filled
RESULT_TO_FILL = frozenset({"missing-field"})


def finding_named(repo: Index, text: str) -> tuple[Visit, Finding]:
    """The finding a clerk named: ``20200205-2vs/1``, forgiving a full-width slash or case."""
    finding_id = text.strip().replace("／", "/").replace("\u3000", "")
    visit_id, _, number = finding_id.rpartition("/")
    finding_id = f"{visit_id.lower()}/{number.strip()}"
    finding = repo.finding(finding_id)
    visit = repo.visit(visit_id.lower())
    if finding is None or visit is None:
        raise UserError("unknown-finding-id", id=text)
    return visit, finding


def _label(vocabulary: Vocabulary, code: str, repo: Index) -> str:
    """How a value is written into a record: as ``fmt.values`` says (labels by default)."""
    term = vocabulary.get(code)
    return term.code if repo.settings.fmt_values == "codes" else term.zh


def report_back(
    repo: Index,
    finding_text: str,
    day: dt.date,
    files: list[Path],
    note: str,
    today: dt.date,
) -> Edit:
    """A report-back added to the finding's ``reports``, its evidence copied in and hashed."""
    visit, finding = finding_named(repo, finding_text)
    refuse_report(repo, visit, finding, day, today)
    copies = gather(repo.root, visit.id, files)
    edit = edited(repo, visit.path, _adding_reports([(finding.n, day, copies, note)]))
    return Edit(edit.path, edit.before, edit.after, copies)


def attach(repo: Index, finding_text: str, files: list[Path]) -> Edit:
    """Photos, scans or recordings taken on the visit, added to the finding's ``evidence``."""
    visit, finding = finding_named(repo, finding_text)
    if not files:
        raise UserError("attach-nothing")
    copies = gather(repo.root, visit.id, files)
    new = [c for c in copies if c.recorded not in finding.evidence]
    if not new:
        raise UserError("attach-already", id=finding.id)

    def change(data: Any) -> None:
        row = data["findings"][finding.n - 1]
        for copy in new:
            add_item(row, "evidence", copy.recorded, _FINDING_KEYS)
        hashes = mapping_at(row, "sha256", _FINDING_KEYS)
        for copy in new:
            hashes[copy.recorded] = copy.digest

    made = edited(repo, visit.path, change)
    return Edit(made.path, made.before, made.after, tuple(new))


def refuse_report(
    repo: Index, visit: Visit, finding: Finding, day: dt.date, today: dt.date
) -> None:
    """Stop a report-back that cannot be: in the future, before the visit, on a closed finding."""
    if day > today:
        raise UserError("date-in-future", date=day)
    if day < visit.date:
        raise UserError(
            "recording-report-before-visit", date=day, visit=visit.id, visit_date=visit.date
        )
    status = status_of(repo, visit, finding, day, WorkCalendar(repo.settings.calendar))
    if status.state is State.CLOSED:
        raise UserError("finding-closed", id=finding.id, date=status.closed_on or day)


def reports_to(repo: Index, visit: Visit, reports: list[tuple[int, dt.date, str]]) -> Edit:
    """Several report-backs (finding number, date, note) to one visit, as one edit."""
    return edited(repo, visit.path, _adding_reports([(n, d, (), note) for n, d, note in reports]))


def _adding_reports(
    reports: list[tuple[int, dt.date, tuple[Copy, ...], str]],
) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        for n, day, copies, note in reports:
            report = CommentedMap()
            report["date"] = day
            if copies:
                report["evidence"] = CommentedSeq(c.recorded for c in copies)
                report["sha256"] = CommentedMap((c.recorded, c.digest) for c in copies)
            if note:
                report["note"] = note
            add_item(data["findings"][n - 1], "reports", report, _FINDING_KEYS)

    return change


@dataclass(frozen=True, slots=True)
class Verdict:
    """A return visit's result on one finding, as the clerk gives it."""

    finding: str
    result: str  # as typed: a code or a label
    note: str = ""
    deadline: str = ""
    files: tuple[Path, ...] = ()  # photos of the state found, copied in and hashed


@dataclass(frozen=True, slots=True)
class Where:
    """Which return visit records the result: one named, or the team's visit on a day."""

    visit: str = ""
    day: dt.date | None = None
    team: str = ""
    methods: tuple[str, ...] = ()


def record_check(repo: Index, verdict: Verdict, where: Where, today: dt.date) -> Edit:
    """The result added to a return visit's ``checks``, the visit made if there is none."""
    origin, finding = finding_named(repo, verdict.finding)
    results = repo.settings.vocabularies()["result"]
    term = results.lookup(verdict.result)
    if term is None:
        raise UserError("unknown-result", value=verdict.result, choices=_choices(results))
    if term.code == "rectified" and verdict.deadline:
        raise UserError("deadline-when-rectified")
    target = _return_visit(repo, origin, finding, where)
    day = target.date if target is not None else where.day
    assert day is not None  # _return_visit asks for a day when there is no visit
    if day > today:
        raise UserError("date-in-future", date=day)
    if day <= origin.date:
        raise UserError("check-before-origin", date=day, visit=origin.id, visit_date=origin.date)
    check: dict[str, Any] = {"finding": finding.id, "result": _label(results, term.code, repo)}
    if verdict.note:
        check["note"] = verdict.note
    if verdict.deadline:
        check["deadline"] = verdict.deadline
    if target is not None and any(c.finding == finding.id and c.result for c in target.checks):
        raise UserError("already-checked", id=finding.id, visit=target.id)
    visit_id = (
        target.id if target else fresh_visit_id(day, {v.id for v in repo.visits}, secrets.choice)
    )
    copies = gather(repo.root, visit_id, list(verdict.files))
    if copies:
        check["evidence"] = [c.recorded for c in copies]
        check["sha256"] = {c.recorded: c.digest for c in copies}
    if target is None:
        made = _new_return_visit(repo, origin, finding, where, check, visit_id)
    else:
        made = edited(repo, target.path, _adding_check(repo, origin, target, check))
    return Edit(made.path, made.before, made.after, copies)


def _adding_check(
    repo: Index, origin: Visit, target: Visit, check: dict[str, Any]
) -> Callable[[Any], None]:
    """The change to an existing visit: the check, the origin, the method, the state."""
    words = repo.settings.vocabularies()

    def change(data: Any) -> None:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        if origin.id not in target.returns_to:
            add_item(data, "returns_to", origin.id, _VISIT_KEYS)
        if "return" not in target.methods:
            methods = data.get("methods")
            routine = [
                i
                for i, m in enumerate(methods if isinstance(methods, list) else [methods])
                if _is(words["method"], m, "routine")
            ]
            word = _label(words["method"], "return", repo)
            if routine and isinstance(methods, list):
                methods[routine[0]] = word  # 常规检查 and 杀回马枪 are the two sides of a pair
            elif routine:
                data["methods"] = word
            else:
                add_item(data, "methods", word, _VISIT_KEYS)
        if target.planned:
            data["status"] = _label(words["visit_status"], "done", repo)
        rows = data.get("checks")
        waiting = [
            row
            for row in (rows if isinstance(rows, list) else [])
            if hasattr(row, "keys") and row.get("finding") == check["finding"]
        ]
        entry = {
            k: CommentedSeq(v)
            if isinstance(v, list)
            else CommentedMap(v)
            if isinstance(v, dict)
            else v
            for k, v in check.items()
        }
        if waiting:  # listed by ``new visit --returns-to``, its result left to fill in
            for key, value in entry.items():
                waiting[0][key] = value
        else:
            add_item(data, "checks", CommentedMap(entry), _VISIT_KEYS)

    return change


def _is(vocabulary: Vocabulary, value: Any, code: str) -> bool:
    term = vocabulary.lookup(str(value))
    return term is not None and term.code == code


def _choices(vocabulary: Vocabulary) -> str:
    return "、".join(t.zh for t in vocabulary.terms)


def _return_visit(repo: Index, origin: Visit, finding: Finding, where: Where) -> Visit | None:
    """The visit that records the result: named, or that day's visit of the unit, or none."""
    if where.visit:
        found = repo.visit(where.visit.strip().lower())
        if found is None:
            raise UserError("unknown-visit-id", id=where.visit)
        if finding.unit not in found.units:
            raise UserError("check-other-unit", visit=found.id, unit=finding.unit)
        return found
    if where.day is None:
        raise UserError("check-needs-visit")
    same_day = [
        v
        for v in repo.visits
        if v.date == where.day
        and finding.unit in v.units
        and v.id != origin.id
        and (not where.team or v.team == where.team)
        and (origin.id in v.returns_to or "return" in v.methods)
    ]
    if len(same_day) > 1:
        raise UserError("check-ambiguous", ids="、".join(v.id for v in same_day))
    if same_day:
        return same_day[0]
    if not where.team:
        raise UserError("check-needs-team", date=where.day)
    if where.team not in repo.teams:
        raise UserError("unknown-team", id=where.team)
    return None


def _new_return_visit(
    repo: Index,
    origin: Visit,
    finding: Finding,
    where: Where,
    check: dict[str, Any],
    visit_id: str,
) -> Edit:
    """A new return visit to the finding's unit, recording its first result."""
    from ducha.store.create import visit_text

    assert where.day is not None
    methods = where.methods or (_label(repo.settings.vocabularies()["method"], "return", repo),)
    content = visit_text(
        visit_id, where.day, where.team, (finding.unit,), methods, (origin.id,), [check]
    )
    return _creating(repo, visit_id, where.day, content)


def _creating(
    repo: Index, visit_id: str, day: dt.date, content: str, allowed: frozenset[str] = frozenset()
) -> Edit:
    """The edit that makes a new visit file, refused if validate would reject it."""
    from ducha.store.create import refuse_if_invalid, visit_folder

    relpath = (visit_folder(repo.root, day) / f"{visit_id}.yaml").relative_to(repo.root)
    refuse_if_invalid(repo, relpath.as_posix(), content, allowed=allowed)
    return Edit(relpath.as_posix(), "", content)


def prefilled_return(
    repo: Index,
    origin_text: str,
    day: dt.date,
    team: str,
    methods: tuple[str, ...],
    calendar: WorkCalendar,
) -> Edit:
    """A return visit to ``origin``'s units whose ``checks`` list every finding not closed.

    The results are left empty for the clerk; ``validate`` says so until they are written.
    """
    from ducha.store.create import visit_text

    origin = repo.visit(origin_text.strip().lower())
    if origin is None:
        raise UserError("unknown-visit-id", id=origin_text)
    if day <= origin.date:
        raise UserError("check-before-origin", date=day, visit=origin.id, visit_date=origin.date)
    if team not in repo.teams:
        raise UserError("unknown-team", id=team)
    open_findings = [
        f
        for f in origin.findings
        if status_of(repo, origin, f, day, calendar).state is not State.CLOSED
    ]
    if not open_findings:
        raise UserError("nothing-to-check", visit=origin.id)
    units = tuple(dict.fromkeys(f.unit for f in open_findings))
    checks = [{"finding": f.id, "result": None, "#": f.description} for f in open_findings]
    visit_id = fresh_visit_id(day, {v.id for v in repo.visits}, secrets.choice)
    content = visit_text(visit_id, day, team, units, methods, (origin.id,), checks)
    return _creating(repo, visit_id, day, content, RESULT_TO_FILL)
