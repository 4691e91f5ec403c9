"""Spreadsheets a team keeps its 台账 in: .xlsx from Excel or WPS, and .csv.

A sheet is read into plain rows of cell values. A merged cell (the usual way a 台账 writes
one visit's date or unit beside several findings) gives its value to every cell it covers.
A CSV saved by Excel on a Chinese Windows is GB18030, not UTF-8; both are read.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ducha.errors import UserError

MAX_SHEET_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet's rows (1-based numbering as the spreadsheet shows them: ``rows[0]`` is row 1)."""

    name: str
    rows: tuple[tuple[Any, ...], ...]


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The rows of a .xlsx sheet (the first, or ``sheet``) or of a .csv file."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UserError("sheet-unreadable", path=path, reason=exc.strerror) from exc
    if size > MAX_SHEET_BYTES:
        raise UserError("sheet-too-large", path=path, size=size, limit=MAX_SHEET_BYTES)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path, sheet)
    raise UserError("sheet-kind", path=path)


def _csv(path: Path) -> Table:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            content = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover — gb18030 decodes every byte string
        raise UserError("sheet-unreadable", path=path, reason="encoding")
    rows = tuple(tuple(row) for row in csv.reader(io.StringIO(content)))
    if len(rows) > MAX_ROWS:
        raise UserError("sheet-too-large", path=path, size=len(rows), limit=MAX_ROWS)
    return Table(path.name, rows)


def _xlsx(path: Path, sheet: str | None) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        # not read_only: merged ranges are known only to a fully loaded sheet; the size
        # limit above keeps that bounded. openpyxl reads no macros and evaluates no formulas.
        book = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UserError(
            "sheet-unreadable", path=path, reason=str(exc) or type(exc).__name__
        ) from exc
    if sheet is not None and sheet not in book.sheetnames:
        raise UserError("sheet-missing", path=path, sheet=sheet, sheets="、".join(book.sheetnames))
    found = book[sheet] if sheet is not None else book.worksheets[0]
    if found.max_row > MAX_ROWS:
        raise UserError("sheet-too-large", path=path, size=found.max_row, limit=MAX_ROWS)
    grid = [list(row) for row in found.iter_rows(values_only=True)]
    for merged in found.merged_cells.ranges:
        value = found.cell(merged.min_row, merged.min_col).value
        for r in range(merged.min_row, min(merged.max_row, len(grid)) + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                row = grid[r - 1]
                row.extend([None] * (c - len(row)))
                row[c - 1] = value
    return Table(found.title, tuple(tuple(row) for row in grid))
