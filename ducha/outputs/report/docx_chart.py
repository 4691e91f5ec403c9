"""A memo's bar chart in Word as a figure of its own: a borderless table of shaded cells.

Block characters after a tab stop (what Markdown shows) lose their alignment when a label
is longer than the stop and print as glyphs of the body face; a table keeps every bar on one
grid whatever the labels, wraps a long label inside its cell, and prints its fills as fills
in Word, WPS and LibreOffice alike. The template marks where a chart goes with
``chart_mark(block.chart)``; ``place_charts`` puts the table there once the memo is rendered.
"""

from __future__ import annotations

import re
from typing import Any

from ducha.outputs.report.docx_tables import TYPE_AREA_TWIPS, set_grid
from ducha.outputs.report.model import Bar, Chart

_MARK = "\u2060图表{}\u2060"  # word joiners round it: nothing a record could write by chance
_MARKED = re.compile("\u2060图表(\\d+)\u2060")
STEPS = 40  # grid columns a bar is measured in
LABEL_TWIPS = 2270  # 40 mm: 7 characters of 五号 a line, wrapping past that
VALUE_TWIPS = 680  # 12 mm
# the fills of a bar's parts, in order (已销号, 待核验, 未整改), and of a bar of one part
FILLS = ("C00000", "E8A0A0", "F2DCDC", "7F7F7F")


def chart_mark(chart: Chart, charts: list[Chart]) -> str:
    """The paragraph text that ``place_charts`` replaces with ``chart``'s figure."""
    charts.append(chart)
    return _MARK.format(len(charts) - 1)


def place_charts(document: Any, charts: list[Chart]) -> None:
    """Each marked paragraph of ``document`` replaced by its chart's table."""
    for paragraph in list(document.paragraphs):
        found = _MARKED.fullmatch(paragraph.text.strip())
        if found is None or int(found.group(1)) >= len(charts):
            continue
        table = _table(document, charts[int(found.group(1))])
        paragraph._p.addnext(table._tbl)
        paragraph._p.getparent().remove(paragraph._p)


def _table(document: Any, chart: Chart) -> Any:
    from docx.shared import Twips

    rows = len(chart.bars) + (1 if chart.legend else 0)
    step = (TYPE_AREA_TWIPS - LABEL_TWIPS - VALUE_TWIPS) // STEPS
    widths = [LABEL_TWIPS, *([step] * STEPS), VALUE_TWIPS]
    table = document.add_table(rows=rows, cols=len(widths))
    _fixed(table, widths)
    for row, bar in zip(table.rows, chart.bars, strict=False):
        _bar(row, bar, chart.top)
    if chart.legend:
        _legend(table.rows[-1], chart.legend)
    last = table.rows[-1]._tr
    for row in table.rows:  # one line height throughout, the figure kept on one page
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.style = "图表"
                paragraph.paragraph_format.first_line_indent = 0
                paragraph.paragraph_format.keep_with_next = row._tr is not last
    for row in table.rows:  # each cell as wide as the grid columns it spans
        at = 0
        for tc in row._tr.tc_lst:
            tc.width = Twips(sum(widths[at : at + tc.grid_span]))
            at += tc.grid_span
    return table


def _bar(row: Any, bar: Bar, top: int) -> None:
    """A row: the label, the bar's parts as filled cells over the grid, the value."""
    _cant_split(row)
    cells = row.cells
    _text(cells[0], bar.label)
    at = 1
    for index, (_, count) in enumerate(bar.parts or ((bar.label, bar.value),)):
        span = min(round(count * STEPS / top), STEPS + 1 - at)
        if span <= 0:
            continue
        cell = cells[at].merge(cells[at + span - 1]) if span > 1 else cells[at]
        _fill(cell, FILLS[index % len(FILLS)])
        at += span
    if at < STEPS:  # what is left of the bar's row, one empty cell
        cells[at].merge(cells[STEPS])
    _text(cells[-1], str(bar.value))


def _legend(row: Any, names: tuple[str, ...]) -> None:
    from docx.shared import RGBColor

    cells = row.cells
    paragraph = cells[0].merge(cells[-1]).paragraphs[0]
    for index, name in enumerate(names):
        square = paragraph.add_run("■")
        square.font.color.rgb = RGBColor.from_string(FILLS[index % len(FILLS)])
        paragraph.add_run(f" {name}　")


def _fixed(table: Any, widths: list[int]) -> None:
    """No borders, a fixed grid, the rows packed: a figure, not a table to read across."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table.autofit = False
    properties = table._tbl.tblPr
    for name, attributes in (
        ("w:tblLayout", {"w:type": "fixed"}),
        ("w:jc", {"w:val": "center"}),
    ):
        element = OxmlElement(name)
        for key, value in attributes.items():
            element.set(qn(key), value)
        properties.append(element)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "nil")
        borders.append(border)
    properties.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 40), ("bottom", 40), ("left", 0), ("right", 0)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)
    set_grid(table, widths)


def _cant_split(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _text(cell: Any, words: str) -> None:
    from docx.shared import Twips

    paragraph = cell.paragraphs[0]
    paragraph.style = "图表"
    paragraph.paragraph_format.first_line_indent = 0
    paragraph.paragraph_format.left_indent = Twips(60)
    paragraph.add_run(words)


def _fill(cell: Any, colour: str) -> None:
    """The cell's paragraph filled, not the cell: its margins leave a gap between two bars."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = cell.paragraphs[0]
    paragraph.style = "图表"
    paragraph.paragraph_format.first_line_indent = 0
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    paragraph._p.get_or_add_pPr().append(shading)
