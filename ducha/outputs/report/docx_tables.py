"""Tables of a Word memo: column widths by what the columns hold, and the grid they sit on."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

TYPE_AREA_TWIPS = 8845  # 156 mm
_CHAR_TWIPS = 210  # a 10.5 pt (五号) character of the tables
_PADDING_TWIPS = 216  # Word's cell margins, both sides
_WORD = 4  # characters: a cell this short is one word, set on one line
_HEADER = 5  # characters: a token column's header this short is set whole (超期工作日)
_TOKEN = re.compile(r"(\d{4}年)?\d{1,2}月\d{1,2}日|\d{4}-\d\d-\d\d|[\d.,%+\-−]+")
_TOKEN_SHARE = 0.6  # of the width, at most, for the columns that never wrap


def fit_columns(table: Any) -> None:
    """Column widths by content across the type area: 问题 wide, dates and counts narrow.

    Word and LibreOffice otherwise split the width evenly: a date breaks after each
    character and a long column of text runs to many pages. Columns of dates, counts and
    single words get what their longest cell needs; the columns of text share the rest.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Twips

    rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
    if not rows or not rows[0]:
        return
    columns = len(rows[0])
    widths = table_widths(rows[0], rows[1:])
    table.autofit = False
    tbl_pr = table._tbl.tblPr  # python-docx has no layout property
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    # the template's grid has the columns it was drawn with; the rendered table has more
    set_grid(table, widths)
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if index < columns:
                cell.width = Twips(widths[index])


def table_widths(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    """Twips per column of a table given by its header row and its rows of cells."""
    body = [[row[i] for row in rows if i < len(row)] or [""] for i in range(len(headers))]
    return column_widths(list(headers), body)


def column_widths(
    headers: list[str], body: list[list[str]], total: int = TYPE_AREA_TWIPS
) -> list[int]:
    """Twips per column, summing to ``total``.

    A column of tokens (dates, counts, words of up to four characters) gets its longest
    cell, its header over two lines at most; the columns of text share what is left by the
    square root of their length (a 40-character 问题 beside a 12-character 单位 gets twice
    its width, not three times), none wider than its longest cell needs while another wraps.
    """

    def need(chars: float) -> int:
        # half a character to spare: faces set digits wider than the half counted
        return int((min(chars, 60) + 0.5) * _CHAR_TWIPS) + _PADDING_TWIPS

    tokens = [
        i
        for i, cells in enumerate(body)
        if all(_chars(c) <= _WORD or _TOKEN.fullmatch(c) for c in cells)
    ]
    needs = []
    for i, cells in enumerate(body):
        header = _chars(headers[i]) if i < len(headers) else 0
        if i in tokens and header > _HEADER:  # a long header over two lines
            header = max(header * 0.7, _HEADER)
        needs.append(need(max(*(_chars(c) for c in cells), header)))
    widths = [0] * len(body)
    token_need = sum(needs[i] for i in tokens)
    texts = [i for i in range(len(body)) if i not in tokens]
    if not texts:
        return _spread(needs, total)
    room = total - min(token_need, int(total * _TOKEN_SHARE))
    for i in tokens:  # squeezed alike only when the tokens would take more than their share
        widths[i] = needs[i] * (total - room) // max(token_need, 1)
    open_ = list(texts)
    while open_:
        weights = sum(needs[i] ** 0.5 for i in open_)
        capped = [i for i in open_ if room * needs[i] ** 0.5 / weights >= needs[i]]
        if not capped:
            for i in open_:
                widths[i] = int(room * needs[i] ** 0.5 / weights)
            break
        for i in capped:
            widths[i] = needs[i]
            room -= needs[i]
            open_.remove(i)
    return _spread(widths, total)


def _spread(widths: list[int], total: int) -> list[int]:
    """``widths`` scaled to fill ``total`` exactly."""
    have = sum(widths) or 1
    scaled = [w * total // have for w in widths]
    scaled[scaled.index(max(scaled))] += total - sum(scaled)
    return scaled


def _chars(words: str) -> float:
    """Characters a cell's text takes at its font size: a Latin letter or digit about 0.6.

    Where Chinese meets Latin or digits (2020年2月12日) a quarter of a character more: the
    gap word processors set there.
    """
    wide = [ord(c) >= 0x2E80 for c in words.strip()]
    gaps = sum(1 for a, b in itertools.pairwise(wide) if a != b)
    return sum(1.0 if w else 0.6 for w in wide) + 0.25 * gaps


def set_grid(table: Any, widths: list[int]) -> None:
    """The table's grid of columns, in twips, in place of the one it was drawn with."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    grid = table._tbl.tblGrid
    for column in list(grid):
        grid.remove(column)
    for width in widths:
        column = OxmlElement("w:gridCol")
        column.set(qn("w:w"), str(width))
        grid.append(column)
