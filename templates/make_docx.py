"""Build the Word templates (bulletin.docx, notice.docx, ...) to GB/T 9704-2012.

    python templates/make_docx.py

The .docx files it writes are the templates ducha renders with docxtpl: ordinary Word
documents with Jinja tags ({{ memo.title }}, {%p for block in memo.body %} ...), which a clerk
can open and adjust in Word or WPS (fonts, spacing, wording around the tags). This script is
how they were made, so that a change to the layout is reviewable as code.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

HERE = Path(__file__).parent
RED = RGBColor(0xC0, 0x00, 0x00)
LINE = Pt(28.95)  # 225 mm / 22 lines (GB/T 9704: 22 lines of 28 characters)
FONTS = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "h1": "黑体",
    "h2": "楷体_GB2312",
    "number": "宋体",
}


def _east_asian(run_or_style_font_element, name: str) -> None:
    rpr = run_or_style_font_element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _spacing(style_element, twentieths: int) -> None:
    """Character spacing (w:spacing in twentieths of a point) on a style's run properties."""
    rpr = style_element.get_or_add_rPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twentieths))
    rpr.append(spacing)


def _language(style_element, tag: str) -> None:
    """The text's language (Simplified Chinese), so that a pan-CJK face shows its SC glyphs."""
    rpr = style_element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    rpr.append(lang)


def _no_autospace(paragraph) -> None:
    """No automatic gap between Chinese and Latin or digits: 川疫督〔2020〕5号 prints as written."""
    ppr = paragraph._p.get_or_add_pPr()
    for name, after in (("w:autoSpaceDE", "w:autoSpaceDN"), ("w:autoSpaceDN", "w:bidi")):
        off = OxmlElement(name)
        off.set(qn("w:val"), "0")
        ppr.insert_element_before(off, after, *_AFTER_BORDERS[_AFTER_BORDERS.index(after) :])


def _frame_at_foot(paragraph) -> None:
    """Put the paragraph in a frame at the bottom of the type area, full width."""
    ppr = paragraph._p.get_or_add_pPr()
    frame = OxmlElement("w:framePr")
    for name, value in (
        ("w:w", str(int(Mm(156).twips))),
        ("w:hSpace", "0"),
        ("w:wrap", "notBeside"),
        ("w:vAnchor", "margin"),
        ("w:hAnchor", "margin"),
        ("w:xAlign", "center"),
        ("w:yAlign", "bottom"),
    ):
        frame.set(qn(name), value)
    ppr.insert_element_before(frame, *_AFTER_FRAME)


def _keep(paragraph, *, with_next: bool = True) -> None:
    fmt = paragraph.paragraph_format
    fmt.keep_with_next = with_next
    fmt.keep_together = True


def _style(
    document,
    name: str,
    font: str,
    size: float,
    *,
    align=None,
    first_line: float | None = None,
    left: float = 0,
    right: float = 0,
    exact: Pt | None = LINE,
    color: RGBColor | None = None,
    before: float = 0,
    after: float = 0,
    keep_next: bool = False,
):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(size)
    style.font.bold = False
    if color is not None:
        style.font.color.rgb = color
    _east_asian(style.element, font)
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    fmt.first_line_indent = Pt(first_line) if first_line is not None else None
    fmt.left_indent = Pt(left)
    fmt.right_indent = Pt(right)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.keep_with_next = keep_next
    if exact is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = exact
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    return style


_AFTER_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_FRAME = ("w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", *_AFTER_BORDERS)


def _border(paragraph, side: str, eighths: int, color: str = "000000", space: int = 1) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:  # in the schema's order, which LibreOffice holds to
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, *_AFTER_BORDERS)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(eighths))
    edge.set(qn("w:space"), str(space))
    edge.set(qn("w:color"), color)
    borders.append(edge)


def _page_number(paragraph) -> None:
    """— PAGE — as a Word field, so Word and LibreOffice number the pages themselves."""
    paragraph.add_run("— ")
    for kind, instruction in (("begin", None), (None, " PAGE "), ("end", None)):
        run = paragraph.add_run()
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = instruction
            run._r.append(instr)
    paragraph.add_run(" —")


def _setup(document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    # the footers end 20 mm above the paper's edge, where a letter's double line lies; the
    # page number's line, its top 7 mm under the type area, ends 1.7 mm above that
    section.footer_distance = Mm(20)
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    _east_asian(normal.element, FONTS["body"])
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = LINE
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    # −0.25 pt: 28 characters of 16 pt fill 156 mm (442.2 pt / 28 = 15.79 pt a character;
    # −0.2 pt overshoots by 0.15 pt over a line and LibreOffice sets 27)
    _spacing(normal.element, -5)
    _language(normal.element, "zh-CN")
    _no_hanging(normal.element.get_or_add_pPr())
    _style(document, "公文正文", FONTS["body"], 16, first_line=32, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _style(document, "公文标题", FONTS["title"], 22, align=WD_ALIGN_PARAGRAPH.CENTER, exact=Pt(36))
    _style(document, "一级标题", FONTS["h1"], 16, first_line=32, keep_next=True)
    _style(document, "二级标题", FONTS["h2"], 16, first_line=32, keep_next=True)
    _style(document, "主送机关", FONTS["body"], 16)
    _style(
        document,
        "发文机关标志",
        FONTS["title"],
        30,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        color=RED,
        exact=None,
    )
    _style(document, "发文字号", FONTS["body"], 16, align=WD_ALIGN_PARAGRAPH.CENTER)
    _style(document, "发文机关署名", FONTS["body"], 16, align=WD_ALIGN_PARAGRAPH.RIGHT, right=32)
    _style(document, "成文日期", FONTS["body"], 16, align=WD_ALIGN_PARAGRAPH.RIGHT, right=64)
    _style(document, "版记", FONTS["body"], 14, exact=Pt(24))
    _style(
        document,
        "图表标题",
        FONTS["h1"],
        14,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        exact=Pt(24),
        keep_next=True,
    )
    _style(document, "图表", FONTS["body"], 12, exact=Pt(18))
    _style(document, "表格文字", FONTS["body"], 10.5, exact=None)
    _style(document, "页码", FONTS["number"], 14, exact=None)
    _style(
        document, "刊头", FONTS["title"], 42, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED, exact=None
    )
    document.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.style = document.styles["页码"]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(14)  # odd pages: right, one character in
    odd.paragraph_format.space_after = Mm(1.7)
    _page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.style = document.styles["页码"]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)  # even pages: left, one character in
    even.paragraph_format.space_after = Mm(1.7)
    _page_number(even)


def _p(document, text: str, style: str = "公文正文"):
    paragraph = document.add_paragraph(text, style=style)
    _no_hanging(paragraph._p.get_or_add_pPr())  # LibreOffice reads it on paragraphs only
    return paragraph


def _no_hanging(ppr) -> None:
    """No punctuation hanging into the margin: a line is 28 characters, its 。 and ， included."""
    no_overflow = OxmlElement("w:overflowPunct")
    no_overflow.set(qn("w:val"), "0")
    ppr.insert_element_before(
        no_overflow, *_AFTER_BORDERS[_AFTER_BORDERS.index("w:topLinePunct") :]
    )


def _table(document, rows_expression: str, headers_expression: str) -> None:
    """A table whose columns and rows come from the model (docxtpl {%tc %} and {%tr %})."""
    table = document.add_table(rows=4, cols=3)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells = [
        ("{%tc for h in " + headers_expression + " %}", "{{ h }}", "{%tc endfor %}"),
        ("{%tr for row in " + rows_expression + " %}", "", ""),
        ("{%tc for cell in row %}", "{{ cell }}", "{%tc endfor %}"),
        ("{%tr endfor %}", "", ""),
    ]
    for row, texts in zip(table.rows, cells, strict=True):
        for cell, value in zip(row.cells, texts, strict=True):
            cell.paragraphs[0].text = value
            cell.paragraphs[0].style = document.styles["表格文字"]
    _row_props(table.rows[0], "w:tblHeader")  # the header on every page
    _row_props(table.rows[2], "w:cantSplit")  # no row split across pages


def _row_props(row, name: str) -> None:
    trpr = row._tr.get_or_add_trPr()
    prop = OxmlElement(name)
    prop.set(qn("w:val"), "true")
    trpr.append(prop)


def _masthead(document, kind: str) -> None:
    if kind in ("special", "brief"):
        _p(document, "{{ memo.masthead }}", "刊头")
        _p(document, "{{ memo.issue }}", "发文字号")
        line = _p(document, "{{ memo.office }}\t{{ memo.date }}", "主送机关")
        line.paragraph_format.tab_stops.add_tab_stop(Mm(156), WD_TAB_ALIGNMENT.RIGHT)
        _border(line, "bottom", 11, "C00000")
        _p(document, "")
        return
    if kind == "referral":
        _letter_head(document)
        return
    mark = _p(document, "{{ memo.mark }}", "发文机关标志")
    mark.paragraph_format.space_before = Mm(35)  # the mark's top 35 mm under the type area's top
    _p(document, "")
    _p(document, "")
    number = _p(document, "{{ memo.doc_number }}", "发文字号")
    # the red rule, 0.5 mm, full width, 4 mm under the number: the line box leaves 6 pt
    _border(number, "bottom", 11, "C00000", space=5)
    _no_autospace(number)
    _p(document, "")
    _p(document, "")


def _double_line(paragraph, upper: int, lower: int) -> None:
    """A red double line 170 mm long, centred on the type area: two borders of an empty line."""
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = -Mm(7)
    fmt.first_line_indent = 0
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    _border(paragraph, "top", upper, "C00000", space=0)
    _border(paragraph, "bottom", lower, "C00000", space=0)


def _letter_head(document) -> None:
    """信函格式 (GB/T 9704 §10.1): the first page's head and foot.

    The mark 30 mm from the paper's top with a red double line 4 mm under it (thick over
    thin), both in the first page's header; a double line 20 mm above the paper's foot (thin
    over thick) in its footer, where no page number is; the number flush right under the
    first line.
    """
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.header_distance = Mm(30)
    header = section.first_page_header
    mark = header.paragraphs[0]
    mark.text = "{{ memo.mark }}"
    mark.style = document.styles["发文机关标志"]
    mark.paragraph_format.space_after = Mm(1)  # the line box leaves 3 mm under the glyphs
    _double_line(header.add_paragraph(style="主送机关"), 18, 6)
    footer = section.first_page_footer.paragraphs[0]
    footer.style = document.styles["主送机关"]
    _double_line(footer, 6, 18)
    number = _p(document, "{{ memo.doc_number }}", "发文字号")
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _no_autospace(number)
    _p(document, "")
    _p(document, "")


def _body(document) -> None:
    for text in (
        "{%p for block in memo.body %}",
        "{%p if block.kind == 'heading' and block.level == 1 %}",
    ):
        _p(document, text)
    _p(document, "{{ block.text }}", "一级标题")
    _p(document, "{%p elif block.kind == 'heading' %}")
    _p(document, "{{ block.text }}", "二级标题")
    # the last paragraph keeps with the signature: no signature alone on a page
    _p(document, "{%p elif block.kind == 'paragraph' and loop.last %}")
    _keep(_p(document, "{{ block.text }}"))
    _p(document, "{%p elif block.kind == 'paragraph' %}")
    _p(document, "{{ block.text }}")
    _p(document, "{%p elif block.kind == 'chart' %}")
    # the chart itself is a table of shaded cells ducha puts in place of this mark
    _p(document, "{{ block.chart.title }}", "图表标题")
    _p(document, "{{ chart_mark(block.chart) }}", "图表")
    _p(document, "{%p elif block.kind == 'table' %}")
    _table(document, "block.table.rows", "block.table.headers")
    # evidence photos: thumbnails ducha makes (``photos`` maps a path to its image)
    _p(document, "{%p elif block.kind == 'photos' and photos %}")
    shown = _p(document, "{% for p in block.photos if p in photos %}{{ photos[p] }}　{% endfor %}")
    # single spacing: the body's exact 28 pt would clip the picture to one line
    shown.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    shown.paragraph_format.first_line_indent = 0
    _p(document, "{%p endif %}")
    _p(document, "{%p endfor %}")


def _closing(document, kind: str) -> None:
    _p(document, "{%p if memo.attachments %}")
    _keep(_p(document, ""))
    _keep(
        _p(
            document,
            "附件：{% for t in memo.attachments %}{% if memo.attachments|length > 1 %}"
            "{{ loop.index }}. {% endif %}{{ t.title }}{% endfor %}",
        ),
        with_next=kind not in ("special", "brief"),
    )
    _p(document, "{%p endif %}")
    if kind not in ("special", "brief"):
        _p(document, "{%p if memo.signature %}")
        _keep(_p(document, ""))
        _keep(_p(document, "{{ memo.signature }}", "发文机关署名"))
        _keep(_p(document, "{{ memo.date }}", "成文日期"), with_next=False)
        _p(document, "{%p endif %}")
    _p(document, "{%p if memo.receipt %}")
    _p(document, "")
    _p(document, "{{ memo.receipt }}", "主送机关")
    _p(document, "{%p endif %}")
    _p(document, "{%p for t in memo.attachments %}")
    page = document.add_paragraph(style="主送机关")
    page.add_run().add_break(WD_BREAK.PAGE)
    label = page.add_run("附件{% if memo.attachments|length > 1 %}{{ loop.index }}{% endif %}")
    _east_asian(label._r, FONTS["h1"])
    _p(document, "{{ t.title }}", "公文标题")
    _table(document, "t.rows", "t.headers")
    _p(document, "{%p endfor %}")
    _record(document, kind)


def _record(document, kind: str) -> None:
    """版记 at the foot of the last page: rules across the type area, 0.35/0.25/0.35 mm."""
    if kind == "referral":  # a letter's: 抄送 alone, without rules
        _p(document, "{%p if memo.cc %}")
        _record_line(document, "　{{ memo.cc }}")
        _p(document, "{%p endif %}")
        return
    _p(document, "{%p if memo.cc or memo.printed_by %}")
    _p(document, "{%p if memo.blank_before_record %}")
    blank = document.add_paragraph(style="主送机关")  # the record on an even page
    blank.add_run().add_break(WD_BREAK.PAGE)
    _p(document, "{%p endif %}")
    _p(document, "{%p if memo.cc %}")
    # one frame for the lines, which takes paragraphs alike only (LibreOffice lets frames
    # with other borders flow with the text): the outer rules are the frame's borders, the
    # middle one (0.25 mm) an underlined tab across the type area
    lines = (_record_line(document, "　{{ memo.cc }}"), _middle_rule(document), _printed(document))
    for line in lines:
        _border(line, "top", 8)
        _border(line, "bottom", 8)
    _p(document, "{%p else %}")
    alone = _printed(document)
    _border(alone, "top", 8)
    _border(alone, "bottom", 8)
    _p(document, "{%p endif %}")
    _p(document, "{%p endif %}")


def _printed(document):
    return _record_line(
        document, "　{{ memo.printed_by }}\t{{ memo.printed_on }}印发{{ memo.copies }}"
    )


def _middle_rule(document):
    line = _record_line(document, "")
    line.paragraph_format.tab_stops.add_tab_stop(Mm(156), WD_TAB_ALIGNMENT.RIGHT)
    rule = line.add_run("\t\t")  # to the type area's right edge
    rule.font.underline = True
    rule.font.size = Pt(10)  # LibreOffice draws a single underline 1/13 of the size: 0.25 mm
    line.paragraph_format.line_spacing = Pt(2)
    return line


def _record_line(document, text: str):
    """A line of the 版记: one character in from each side, in the frame at the foot."""
    line = _p(document, text, "版记")
    line.paragraph_format.tab_stops.add_tab_stop(Mm(156) - Pt(14), WD_TAB_ALIGNMENT.RIGHT)
    _frame_at_foot(line)
    return line


def build(kind: str) -> None:
    """Write ``<kind>.docx`` beside this script."""
    document = Document()
    _setup(document)
    document.paragraphs[0]._p.getparent().remove(
        document.paragraphs[0]._p
    ) if document.paragraphs else None
    _masthead(document, kind)
    title = '{{ memo.title_lines|join("\\n") if memo.title_lines else memo.title }}'
    _p(document, title, "公文标题")
    _p(document, "{%p if memo.addressee %}")
    _p(document, "")
    _p(document, "{{ memo.addressee }}", "主送机关")
    _p(document, "{%p endif %}")
    _body(document)
    _closing(document, kind)
    document.core_properties.title = kind
    document.core_properties.author = "ducha"
    document.save(str(HERE / f"{kind}.docx"))


if __name__ == "__main__":
    for name in ("bulletin", "notice", "reminder", "special", "referral", "brief"):
        build(name)
