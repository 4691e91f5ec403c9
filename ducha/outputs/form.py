"""The 整改情况表 a unit fills in: one row per finding not closed, three columns for the unit.

The workbook is protected without a password, so that a unit fills in its columns and
leaves the finding ids and the rest as they were (``ducha import`` reads them back); the
second row names the unit, so a form returned for another unit is refused.
"""

from __future__ import annotations

import datetime as dt

from ducha.domain.index import Index
from ducha.domain.lifecycle import State, statuses
from ducha.domain.workdays import WorkCalendar
from ducha.outputs.export import printed
from ducha.outputs.labels import Labels
from ducha.store.forms import FORM_HEADERS

FILLED = (6, 7, 8)  # the unit's columns
WIDTHS = (17, 12, 40, 30, 12, 40, 14, 24)


def rectification_form(
    repo: Index, unit_id: str, as_of: dt.date, calendar: WorkCalendar, labels: Labels
) -> bytes:
    """The form for ``unit_id`` as an Excel workbook, A4 landscape, the headers on every page."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    unit = repo.units[unit_id]
    found = [
        s
        for s in statuses(repo, as_of, calendar, unclosed=True)
        if s.finding.unit == unit_id and s.state is not State.CLOSED
    ]
    found.sort(key=lambda s: (s.visit.date, s.id))
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "整改情况表"
    ws.append(["整改情况表"])
    ws.append(
        [
            (
                f"单位：{unit.name}（{unit.district}）　单位编号：{unit.id}　"
                f"截至{labels.date(as_of)}未销号的问题 {len(found)} 个；请逐条填写后报回"
                f"{repo.settings.organization.office}。"
            )
        ]
    )
    ws.append(list(FORM_HEADERS))
    for status in found:
        finding = status.finding
        ws.append(
            [
                finding.id,
                status.visit.date,
                finding.description,
                finding.rectification,
                status.deadline,
                None,
                None,
                None,
            ]
        )
    last = len(FORM_HEADERS)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"].alignment = Alignment(wrap_text=True)
    ws.row_dimensions[2].height = 32
    fill = PatternFill("solid", fgColor="FFF2CC")
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in ws.iter_rows(min_row=4, max_row=ws.max_row):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.column in (2, 5, 7):
                cell.number_format = "yyyy-mm-dd"
            if cell.column in FILLED:
                cell.protection = Protection(locked=False)
                cell.fill = fill
    dates = DataValidation(type="date", operator="greaterThan", formula1="36526")
    dates.error, dates.errorTitle = "请填日期，如 2020-02-12", "完成日期"
    ws.add_data_validation(dates)
    dates.add(f"G4:G{max(ws.max_row, 4)}")
    for index, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[chr(ord("A") + index - 1)].width = width
    ws.protection.sheet = True  # no password: a guard against slips, not a lock
    ws.protection.formatColumns = False
    return printed(book, ws, 3)
