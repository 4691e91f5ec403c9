"""Measuring a printed memo: the PDFs LibreOffice and Chromium make, read with pdfplumber.

Positions are in PDF points from the top of the page; the type area is 156 × 225 mm, 37 mm
from the top and 28 mm from the left edge (GB/T 9704-2012). LibreOffice draws rules as
stroked lines, Chromium as filled rectangles: ``rules`` reads both as one kind of thing.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from typing import Any, NamedTuple

from ducha.outputs.report import Request

MM = 72 / 25.4
LEFT, RIGHT = 28 * MM, (28 + 156) * MM
TOP, BOTTOM = 37 * MM, (37 + 225) * MM
HANGING = frozenset("。，、；：）”’")
WEEK = Request(dt.date(2020, 2, 10), dt.date(2020, 2, 16), dt.date(2020, 2, 17), None)
# every kind of memo, with what it is made for: (request, unit, recipient)
KINDS: dict[str, tuple[Request, str | None, str | None]] = {
    "bulletin": (WEEK, None, None),
    "notice": (WEEK, "HB-CZ-01", None),
    "reminder": (WEEK, "HB-CZ-01", None),
    "special": (WEEK, None, None),
    "referral": (
        Request(dt.date(2020, 2, 3), dt.date(2020, 2, 16), dt.date(2020, 2, 17), None),
        None,
        "police",
    ),
    "brief": (
        Request(dt.date(2020, 2, 13), dt.date(2020, 2, 13), dt.date(2020, 2, 13), None),
        None,
        None,
    ),
}


class Rule(NamedTuple):
    """A horizontal rule: its extent, edges and thickness in points, and whether it is red."""

    x0: float
    x1: float
    top: float
    bottom: float
    thickness: float
    red: bool


def _red(colour: Any) -> bool:
    return isinstance(colour, tuple | list) and len(colour) == 3 and colour[0] > 0.5 > colour[1]


def rules(page: Any) -> list[Rule]:
    """The page's horizontal rules wider than 10 mm, top to bottom."""
    found = []
    for line in page.lines:
        if abs(line["top"] - line["bottom"]) < 0.1 and line["x1"] - line["x0"] > 10 * MM:
            half = line["linewidth"] / 2
            found.append(Rule(line["x0"], line["x1"], line["top"] - half, line["top"] + half,
                              line["linewidth"], _red(line.get("stroking_color"))))  # fmt: skip
    for rect in page.rects:
        height = rect["bottom"] - rect["top"]
        if rect["fill"] and height < 1.5 * MM and rect["x1"] - rect["x0"] > 10 * MM:
            colour = rect.get("non_stroking_color")
            if colour in (1, (1,), (1, 1, 1), [1, 1, 1]):
                continue
            found.append(Rule(rect["x0"], rect["x1"], rect["top"], rect["bottom"], height, _red(colour)))  # fmt: skip
    # LibreOffice draws a paragraph's border once for each line it runs beside
    unique = {(round(r.x0), round(r.x1), round(r.top, 1), round(r.thickness, 2)): r for r in found}
    return sorted(unique.values(), key=lambda r: r.top)


def lines(page: Any, size: float) -> dict[float, list[Any]]:
    """The page's characters of one size by line (rounded top), blanks left out."""
    rows: dict[float, list[Any]] = defaultdict(list)
    for char in page.chars:
        if abs(char["size"] - size) < 0.1 and char["text"].strip():
            rows[round(char["top"])].append(char)
    return rows


def line_texts(page: Any, size: float) -> list[tuple[float, str]]:
    """Each line of one size as (top, text), top to bottom."""
    rows = lines(page, size)
    return [(top, plain("".join(c["text"] for c in sorted(rows[top], key=lambda c: c["x0"])))) for top in sorted(rows)]  # fmt: skip


# the CJK radicals with no decomposition in Unicode, as the simplified characters they stand for
_RADICALS = str.maketrans(
    "⺠⻝⻔⻅⻓⻛⻜⻢⻥⻚⻆⻄⻋⻉⻈⻙⻘⻩⻰", "民食门见长风飞马鱼页角西车贝讠韦青黄龙"
)


def plain(text: str) -> str:
    """Text as written: Chromium's PDFs map some glyphs to radicals (⽉ for 月, ⻝ for 食)."""
    return "".join(
        unicodedata.normalize("NFKC", char) if 0x2F00 <= ord(char) <= 0x2FDF else char
        for char in text.translate(_RADICALS)
    )


def page_text(page: Any) -> str:
    """The page's text, without the spaces pdfplumber puts between glyphs."""
    return plain(page.extract_text() or "").replace(" ", "")


def page_numbers(page: Any) -> list[Any]:
    """The words of the page number under the type area (— 3 —)."""
    return [w for w in page.extract_words() if w["top"] > BOTTOM and w["text"] in ("—", "-")]


def has_text(page: Any) -> bool:
    """Whether the page holds the memo's text (三号 characters), not only its 版记."""
    return any(abs(c["size"] - 16) < 0.1 and c["text"].strip() for c in page.chars)
