"""Pages of a Word memo: the 版记's page after a blank one, both without a page number."""

from __future__ import annotations

from copy import deepcopy
from typing import Any


def unnumbered_record_pages(document: Any) -> None:
    """Put the blank page before the 版记, and the 版记's page, in a section of their own.

    GB/T 9704 (7.5): when a blank page stands before the 版记's page, neither is numbered.
    The text keeps the template's numbered footers; the new last section gets empty ones.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    body = document.element.body
    blank = _blank_page(document)
    sect = body.find(qn("w:sectPr"))
    if blank is None or sect is None:
        return
    # a paragraph that ends the text's section with the template's page setup and footers
    breaker = OxmlElement("w:p")
    properties = OxmlElement("w:pPr")
    properties.append(deepcopy(sect))
    breaker.append(properties)
    blank.addprevious(breaker)
    # the section break starts the blank page; the blank paragraph's own break, the 版记's
    for reference in sect.findall(qn("w:footerReference")):
        sect.remove(reference)
    last = document.sections[-1]
    last.different_first_page_header_footer = False
    last.footer.is_linked_to_previous = False
    last.even_page_footer.is_linked_to_previous = False


def _blank_page(document: Any) -> Any:
    """The empty paragraph whose page break puts the 版记 on the next page, if there is one."""
    from docx.oxml.ns import qn

    for paragraph in reversed(document.paragraphs):
        breaks = [b for b in paragraph._p.iter(qn("w:br")) if b.get(qn("w:type")) == "page"]
        if breaks and not paragraph.text.strip():
            return paragraph._p
        if paragraph.text.strip() and not _in_frame(paragraph):
            return None  # text after the last break: no blank page before the 版记
    return None


def _in_frame(paragraph: Any) -> bool:
    from docx.oxml.ns import qn

    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(qn("w:framePr")) is not None
