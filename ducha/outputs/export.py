"""Tables for Excel, WPS and scripts: one row per finding, visit or unit, with derived state.

Planned visits stay out: they are not done, and a spreadsheet travels further than the
records do.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from ducha.domain.index import Index
from ducha.domain.lifecycle import State, statuses
from ducha.domain.settings import Lang
from ducha.domain.workdays import WorkCalendar
from ducha.outputs.cells import csv_cell, xlsx_text
from ducha.outputs.i18n import text
from ducha.outputs.labels import Labels

WHAT = ("findings", "visits", "units")


@dataclass(frozen=True, slots=True)
class Sheet:
    """A table: column keys (stable, for JSON), headers in the reader's language, rows."""

    keys: tuple[str, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    # for JSON: codes and plain values, with Chinese labels beside the codes, whatever the
    # interface language (None: the rows as they are)
    records: Iterable[dict[str, Any]] | None = None  # made as they are written


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def findings(
    repo: Index, as_of: dt.date, calendar: WorkCalendar, labels: Labels, *, plain: bool = False
) -> Sheet:
    """One row per finding of a done visit up to ``as_of`` (``plain``: as codes, for JSON)."""
    from ducha.outputs.rows import (
        FINDING_COLUMNS,
        Words,
        finding_row,
        headers,
        labelled,
        with_labels,
    )

    states = statuses(repo, as_of, calendar)
    names = headers(FINDING_COLUMNS, labels)
    if plain:  # one row at a time, encoded as it is made: a province's export fits in memory
        chinese = Words(Labels(repo.settings, "zh"))
        records = (with_labels(finding_row(s, repo, as_of, calendar), chinese) for s in states)
        return Sheet(FINDING_COLUMNS, names, (), records)
    say = Words(labels)
    rows = tuple(
        tuple(labelled(finding_row(s, repo, as_of, calendar), say).values()) for s in states
    )
    return Sheet(FINDING_COLUMNS, names, rows)


def visits(repo: Index, as_of: dt.date, labels: Labels) -> Sheet:
    """One row per done visit up to ``as_of``."""
    keys = (
        "id",
        "date",
        "team",
        "team_name",
        "units",
        "unit_names",
        "methods",
        "focus",
        "findings",
        "exemplars",
        "returns_to",
        "path",
    )
    rows = []
    for visit in sorted(repo.visits, key=lambda v: (v.date, v.id)):
        if visit.planned or visit.date > as_of:
            continue
        team = repo.teams.get(visit.team)
        names = "、".join(repo.units[u].name if u in repo.units else u for u in visit.units)
        rows.append(
            (
                visit.id,
                _iso(visit.date),
                visit.team,
                team.name if team else "",
                "、".join(visit.units),
                names,
                "、".join(labels.method(m) for m in visit.methods),
                "、".join(labels.focus(f) for f in visit.focus),
                len(visit.findings),
                len(visit.exemplars),
                "、".join(visit.returns_to),
                visit.path,
            )
        )
    return Sheet(keys, tuple(text(f"xcol-{k}", labels.lang) for k in keys), tuple(rows))


def units(repo: Index, as_of: dt.date, calendar: WorkCalendar, labels: Labels) -> Sheet:
    """One row per unit: how often it was visited and how its findings stand."""
    keys = ("id", "name", "district", "kind", "visits", "last_visit", "findings", "open", "overdue")
    done = [v for v in repo.visits if not v.planned and v.date <= as_of]
    states = statuses(repo, as_of, calendar)
    total = Counter(s.finding.unit for s in states)
    unclosed = Counter(s.finding.unit for s in states if s.state is not State.CLOSED)
    late = Counter(
        s.finding.unit
        for s in states
        if s.state in (State.OPEN, State.REOPENED) and s.deadline is not None and s.deadline < as_of
    )
    rows = []
    for unit in sorted(repo.units.values(), key=lambda u: u.id):
        visited = [v.date for v in done if unit.id in v.units]
        rows.append(
            (
                unit.id,
                unit.name,
                unit.district,
                labels.unit_kind(unit.kind),
                len(visited),
                _iso(max(visited) if visited else None),
                total[unit.id],
                unclosed[unit.id],
                late[unit.id],
            )
        )
    return Sheet(keys, tuple(text(f"xcol-{k}", labels.lang) for k in keys), tuple(rows))


def sheet(
    what: str,
    repo: Index,
    as_of: dt.date,
    calendar: WorkCalendar,
    lang: Lang,
    *,
    plain: bool = False,
) -> Sheet:
    """The table ``what`` names; ``plain`` for JSON, the same whatever ``lang``."""
    labels = Labels(repo.settings, "zh" if plain else lang)
    if what == "visits":
        return visits(repo, as_of, labels)
    if what == "units":
        return units(repo, as_of, calendar, labels)
    return findings(repo, as_of, calendar, labels, plain=plain)


def to_csv(table: Sheet) -> str:
    """CSV with a BOM, so that Excel and WPS read the Chinese right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.headers)
    writer.writerows([csv_cell(value) for value in row] for row in table.rows)
    return "\ufeff" + buffer.getvalue()


def to_json(table: Sheet) -> str:
    """A list of objects keyed by the stable column keys."""
    stream = io.StringIO()
    write_json(table, stream)
    return stream.getvalue()


def write_json(table: Sheet, stream: TextIO) -> None:
    """``to_json`` written to ``stream`` row by row, never held whole."""
    import msgspec

    records = table.records
    if records is None:
        records = (dict(zip(table.keys, row, strict=True)) for row in table.rows)
    stream.write('{\n  "rows": [')
    first = True
    for record in records:
        stream.write(("\n    " if first else ",\n    ") + msgspec.json.encode(record).decode())
        first = False
    stream.write("\n  ]\n}\n" if not first else "]\n}\n")


def _width(value: Any) -> int:
    """Display width: CJK characters take two columns in Excel as on a terminal."""
    return sum(2 if ord(c) > 0x2E7F else 1 for c in str(value))


_DATE_KEYS = frozenset({"visit_date", "deadline", "reported_on", "closed_on", "date", "last_visit"})
_WRAPPED_KEYS = frozenset({"description", "unit_names", "responsible", "name"})
_LIGHT_FILLS = {"红灯": "FFC7CE", "red": "FFC7CE", "黄灯": "FFEB9C", "yellow": "FFEB9C"}
_HEADER_ROW = 2  # a title above the column names


def _cell_value(key: str, value: Any) -> Any:
    """A value as Excel should hold it: dates as dates, text as text shown safely."""
    if key in _DATE_KEYS and isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return xlsx_text(value)
    return xlsx_text(value)


def to_xlsx(table: Sheet, title: str) -> bytes:
    """An Excel workbook that prints as it is.

    A title, real dates, traffic-light fills, wrapped descriptions, the column names on every
    page, landscape A4 one page wide.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = title[:31]
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(table.keys), 1))
    ws.append(list(table.headers))
    for row in table.rows:
        ws.append([_cell_value(k, v) for k, v in zip(table.keys, row, strict=True)])
    columns = {key: i for i, key in enumerate(table.keys, start=1)}
    for cells in ws.iter_rows(min_row=_HEADER_ROW + 1):
        _style_row(cells, table.keys, columns)
    for cell in ws[_HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.freeze_panes = f"B{_HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{_HEADER_ROW}:{get_column_letter(max(len(table.keys), 1))}{ws.max_row}"
    for index, header in enumerate(table.headers, start=1):
        widest = max([_width(header)] + [_width(row[index - 1]) for row in table.rows])
        ws.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, 6), 60)
    return printed(book, ws, _HEADER_ROW)


def printed(book: Any, ws: Any, header_row: int) -> bytes:
    """The workbook's bytes; its sheet prints on A4 landscape, one page wide, headers on each."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _style_row(cells: Any, keys: tuple[str, ...], columns: dict[str, int]) -> None:
    """Text stays text, dates show as dates, long text wraps, a red or yellow light shows."""
    from openpyxl.styles import Alignment, PatternFill

    for key, cell in zip(keys, cells, strict=False):
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text, never a formula
        elif isinstance(cell.value, dt.date):
            cell.number_format = "yyyy-mm-dd"
        if key in _WRAPPED_KEYS:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    if "light" in columns:
        light = cells[columns["light"] - 1]
        fill = _LIGHT_FILLS.get(str(light.value))
        if fill is not None:
            light.fill = PatternFill("solid", fgColor=fill)


def to_text(table: Sheet, fmt: str) -> str:
    """CSV or JSON."""
    return to_csv(table) if fmt == "csv" else to_json(table)


__all__ = ["WHAT", "Sheet", "sheet", "to_csv", "to_json", "to_text", "to_xlsx"]
