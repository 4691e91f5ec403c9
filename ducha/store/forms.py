"""A 整改情况表 returned by a unit, read back into report-backs (``ducha import``).

The form (``outputs/form.py``) names its unit in its second row; a row for a finding of
another unit, an unknown finding, or a finding already closed is a problem at its row, and
one problem means nothing is written. A row already recorded (same date and words) is
skipped, so a form imported twice records once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ducha.checks.issues import Issue, Position, error
from ducha.domain.index import Index
from ducha.domain.lifecycle import State, status_of
from ducha.domain.model import Finding, Visit
from ducha.domain.workdays import WorkCalendar
from ducha.store.edit import Edit
from ducha.store.ledger import Reader, clean
from ducha.store.sheets import Table

FORM_HEADERS = (
    "问题编号",
    "督查日期",
    "问题描述",
    "整改要求",
    "整改期限",
    "整改情况（单位填写）",
    "完成日期（单位填写）",
    "佐证材料（单位填写）",
)
_UNIT = re.compile(r"单位编号：\s*([A-Za-z0-9][A-Za-z0-9_.-]*)")
_ID, _DONE_WHAT, _DONE_ON, _EVIDENCE = 0, 5, 6, 7


@dataclass(frozen=True, slots=True)
class FormPlan:
    """The report-backs a returned form records, one edit per visit file."""

    unit: str
    edits: tuple[Edit, ...]
    recorded: int
    already: int
    problems: tuple[Issue, ...]


def header_row(table: Table) -> int | None:
    """The row number of a form's headers, or None when the sheet is no 整改情况表."""
    for number, cells in enumerate(table.rows[:10], start=1):
        if [clean(c) for c in cells[: len(FORM_HEADERS)]] == list(FORM_HEADERS):
            return number
    return None


def plan_form(repo: Index, table: Table, shown: str, today: dt.date) -> FormPlan:
    """Every filled row of a returned form as a report-back to its finding."""
    from ducha.store.recording import reports_to

    header = header_row(table)
    assert header is not None
    problems: list[Issue] = []
    above = " ".join(clean(c) for row in table.rows[: header - 1] for c in row)
    named = _UNIT.search(above)
    unit = named.group(1) if named else ""
    if unit not in repo.units:
        problems.append(error(Position(shown, max(header - 1, 1), 1), "form-no-unit", value=unit))
    reader = Reader(repo, shown, {_DONE_ON: "done_on"}, problems)
    calendar = WorkCalendar(repo.settings.calendar)
    by_visit: dict[str, tuple[Visit, list[tuple[int, dt.date, str]]]] = {}
    already = 0
    for number, cells in enumerate(table.rows[header:], start=header + 1):
        cell = _cells(cells)
        if not (cell(_DONE_WHAT) or cell(_DONE_ON) or cell(_EVIDENCE)):
            continue  # a row the unit left empty: not yet done
        found = _finding(repo, cell(_ID), unit, Position(shown, number, 1), problems)
        day = reader.day(number, "done_on", cells[_DONE_ON] if len(cells) > _DONE_ON else None)
        if found is None or day is None:
            continue
        visit, finding = found
        note = cell(_DONE_WHAT) + (f"（佐证材料：{cell(_EVIDENCE)}）" if cell(_EVIDENCE) else "")
        if any(r.date == day and r.note == note for r in finding.reports):
            already += 1
            continue
        problem = _refused(repo, visit, finding, day, today, calendar)
        if problem is not None:
            where = Position(shown, number, _DONE_ON + 1)
            problems.append(error(where, problem, id=finding.id, date=day))
            continue
        by_visit.setdefault(visit.id, (visit, []))[1].append((finding.n, day, note))
    if problems:
        return FormPlan(unit, (), 0, already, tuple(problems))
    edits = tuple(reports_to(repo, visit, items) for visit, items in by_visit.values())
    recorded = sum(len(items) for _, items in by_visit.values())
    return FormPlan(unit, edits, recorded, already, ())


def _cells(cells: tuple[Any, ...]) -> Any:
    def cell(i: int) -> str:
        return clean(cells[i]) if i < len(cells) else ""

    return cell


def _finding(
    repo: Index, written: str, unit: str, where: Position, problems: list[Issue]
) -> tuple[Visit, Finding] | None:
    if not written:
        problems.append(error(where, "form-no-id"))
        return None
    finding = repo.finding(written.lower())
    visit = repo.visit(written.lower().rpartition("/")[0])
    if finding is None or visit is None:
        problems.append(error(where, "form-unknown-finding", id=written))
        return None
    if finding.unit != unit:
        problems.append(error(where, "form-other-unit", id=finding.id, unit=unit))
        return None
    return visit, finding


def _refused(
    repo: Index,
    visit: Visit,
    finding: Finding,
    day: dt.date,
    today: dt.date,
    calendar: WorkCalendar,
) -> str | None:
    """Why a report on ``day`` cannot be recorded, as a catalogue key, or None."""
    if day > today:
        return "form-future"
    if day < visit.date:
        return "form-before-visit"
    if status_of(repo, visit, finding, day, calendar).state is State.CLOSED:
        return "form-closed"
    return None
