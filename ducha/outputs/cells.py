"""Spreadsheet cells that stay text: no record turns into a formula in Excel or WPS.

OWASP's CSV-injection advice: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return is prefixed with ``'``, which spreadsheets show as text and do not
print. In XLSX every text cell is written as a string (never a formula) and the control
characters the format cannot hold are shown as symbols.
"""

from __future__ import annotations

from typing import Any

from ducha.outputs.visible import visible

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value for a CSV cell: text that a spreadsheet would read as a formula is quoted."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def xlsx_text(value: Any) -> Any:
    """A value for an XLSX cell: text without the control characters XML cannot hold."""
    return visible(value) if isinstance(value, str) else value
