"""Every kind of memo printed to PDF by LibreOffice, and measured as GB/T 9704 has it.

Positions are in PDF points from the top of the page (pdfplumber); the type area is
156 × 225 mm, 37 mm from the top and 28 mm from the left edge.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
from collections import defaultdict
from typing import Any

import pytest

from ducha.domain.workdays import WorkCalendar
from ducha.outputs.report import Request, produce
from tests.helpers import SAMPLE, load

pdfplumber = pytest.importorskip("pdfplumber")
pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")

MM = 72 / 25.4
LEFT, RIGHT = 28 * MM, (28 + 156) * MM
TOP, BOTTOM = 37 * MM, (37 + 225) * MM
HANGING = frozenset("。，、；：）”’")
WEEK = Request(dt.date(2020, 2, 10), dt.date(2020, 2, 16), dt.date(2020, 2, 17), None)
KINDS = {
    "bulletin": (WEEK, {}),
    "notice": (WEEK, {"unit": "HB-CZ-01"}),
    "special": (WEEK, {}),
    "referral": (
        Request(dt.date(2020, 2, 3), dt.date(2020, 2, 16), dt.date(2020, 2, 17), None),
        {"recipient": "police"},
    ),
    "brief": (Request(dt.date(2020, 2, 13), dt.date(2020, 2, 13), dt.date(2020, 2, 13), None), {}),
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    repo = load(SAMPLE)
    calendar = WorkCalendar(repo.settings.calendar)
    found = {}
    for kind, (request, extra) in KINDS.items():
        [document] = produce(
            repo, kind, "pdf", request, calendar, "zh", extra.get("unit"), extra.get("recipient")
        )
        path = tmp_path_factory.mktemp("pdf") / f"{kind}.pdf"
        path.write_bytes(document.content)
        found[kind] = pdfplumber.open(path)
    return found


def _lines(page: Any, size: float) -> dict[float, list[Any]]:
    rows: dict[float, list[Any]] = defaultdict(list)
    for char in page.chars:
        if abs(char["size"] - size) < 0.1 and char["text"].strip():
            rows[round(char["top"])].append(char)
    return rows


@pytest.mark.parametrize("kind", list(KINDS))
def test_paper_type_area_and_the_record_at_the_foot_of_an_even_page(
    printed: dict[str, Any], kind: str
) -> None:
    pdf = printed[kind]
    assert all(abs(p.width - 210 * MM) < 1 and abs(p.height - 297 * MM) < 1 for p in pdf.pages)
    assert len(pdf.pages) % 2 == 0  # double-sided: the 版记 on the back of the last sheet
    for page in pdf.pages:
        body = [c for c in page.chars if abs(c["size"] - 16) < 0.1 and c["text"].strip()]
        # a closing 。or ， may hang past the right edge, as Word and LibreOffice set Chinese
        inside = [c for c in body if not (c["text"] in HANGING and c["x0"] >= RIGHT - 1.5)]
        assert all(c["x0"] >= LEFT - 1 and c["x1"] <= RIGHT + 2.5 for c in inside)
        assert all(c["top"] >= TOP - 2 and c["bottom"] <= BOTTOM + 2 for c in body)
    rules = sorted(pdf.pages[-1].lines + pdf.pages[-1].rects, key=lambda r: r["top"])
    black = [r for r in rules if r.get("stroking_color") in ((0, 0, 0), (0.0, 0.0, 0.0), 0, None)]
    last = black[-1]
    assert abs(last["top"] - BOTTOM) < 1.5  # the last rule on the type area's lower edge
    assert abs(last["x0"] - LEFT) < 1 and abs(last["x1"] - RIGHT) < 1  # the full width
    # the 版记 starts at its first line (抄送/报送, or 印发); an attachment's table may share
    # the page above it, with rules of its own
    lines = _lines(pdf.pages[-1], 14)
    starts = [top for top, chars in lines.items() if "".join(c["text"] for c in chars).startswith(("抄送", "报送")) or "印发" in "".join(c["text"] for c in chars)]  # fmt: skip
    assert starts, "no 版记 on the last page"
    full = [r for r in black if abs(r["x1"] - r["x0"] - 156 * MM) < 1]
    first = max((r for r in full if r["top"] < min(starts)), key=lambda r: r["top"])
    for rule in (first, last):
        assert abs(rule["linewidth"] - 0.35 * MM) < 0.15  # 0.35 mm
    middle = [r for r in black if first["top"] < r["top"] < last["top"]]
    if kind in ("special", "brief"):  # 抄送/报送 above 印发: a 0.25 mm rule between
        assert middle and all(abs(r["linewidth"] - 0.25 * MM) < 0.1 for r in middle)
    else:
        assert middle == []


def test_22_lines_a_page_and_28_characters_a_line(printed: dict[str, Any]) -> None:
    pdf = printed["bulletin"]
    full = [
        chars
        for page in pdf.pages
        for chars in _lines(page, 16).values()
        if all(ord(c["text"]) > 0x2E80 for c in chars)
    ]
    inside = [[c for c in chars if c["x0"] < RIGHT - 1.5] for chars in full]
    assert max(len(chars) for chars in inside) == 28
    # 22 lines a page: the text's line pitch is 225 mm / 22, from the type area's top
    pitches = []
    for page in pdf.pages:
        tops = sorted(_lines(page, 16))
        pitches += [b - a for a, b in itertools.pairwise(tops) if b - a < 31]
        if page.chars and abs(page.chars[0]["size"] - 16) < 0.1:  # a page of running text
            assert tops[0] - TOP < 28.95  # its first line in the first line's place
    pitch = sorted(pitches)[len(pitches) // 2]
    assert abs(pitch - 28.95) < 0.6 and int((BOTTOM - TOP) / 28.95 + 0.05) == 22


def test_each_role_has_its_face(printed: dict[str, Any]) -> None:
    def face(pdf: Any, size: float, start: str) -> str:
        for page in pdf.pages:
            for top, chars in _lines(page, size).items():
                text = "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"]))
                if text.startswith(start):
                    del top
                    return str(chars[-1]["fontname"])
        raise AssertionError(start)

    bulletin = printed["bulletin"]
    assert re.search(r"Black|XiaoBiaoSong|小标宋", face(bulletin, 22, "关于"))
    assert re.search(r"Sans|Hei|黑体", face(bulletin, 16, "一、"))
    assert re.search(r"Kai|楷", face(bulletin, 16, "（一）"))
    body = face(bulletin, 16, "2020年2月10日至16日，")
    assert re.search(r"Serif|FangSong|仿宋", body) and "Black" not in body


def test_the_title_breaks_between_words(printed: dict[str, Any]) -> None:
    rows = _lines(printed["bulletin"].pages[0], 22)
    lines = [
        "".join(c["text"] for c in sorted(rows[top], key=lambda c: c["x0"])) for top in sorted(rows)
    ]
    assert lines == ["关于2020年2月10日至16日", "督查情况的通报"]


def test_red_rule_4_mm_under_the_number_and_page_numbers_one_character_in(
    printed: dict[str, Any],
) -> None:
    first = printed["bulletin"].pages[0]
    red = [r for r in first.lines + first.rects if (r.get("stroking_color") or (0,))[0] > 0.5]
    assert red and abs(red[0]["x1"] - red[0]["x0"] - 156 * MM) < 1
    number = next(w for w in first.extract_words() if "草稿" in w["text"])
    assert abs(red[0]["top"] - number["bottom"] - 4 * MM) < 2
    for index, page in enumerate(printed["bulletin"].pages[:-1]):
        dashes = [w for w in page.extract_words() if w["text"] == "—" and w["top"] > BOTTOM]
        assert dashes, index
        if index % 2 == 0:  # odd pages: right, one character (14 pt) in
            assert abs(max(w["x1"] for w in dashes) - (RIGHT - 14)) < 3
        else:
            assert abs(min(w["x0"] for w in dashes) - (LEFT + 14)) < 3
        assert all(abs(w["top"] - (BOTTOM + 7 * MM)) < 8 for w in dashes)


def test_no_table_row_split_and_no_signature_alone(printed: dict[str, Any]) -> None:
    pdf = printed["bulletin"]
    texts = [(page.extract_text() or "").replace(" ", "") for page in pdf.pages]
    repo = load(SAMPLE)
    week = [f for v in repo.visits if WEEK.start <= v.date <= WEEK.end for f in v.findings]
    for finding in week:  # a row's text begins and ends on one page
        head, tail = finding.description[:6], finding.description.rstrip("。")[-4:]
        pages = [n for n, t in enumerate(texts) if head in t.replace("\n", "")]
        assert any(tail in texts[n].replace("\n", "") for n in pages), finding.id
    signature = next(n for n, t in enumerate(texts) if "督查组办公室\n2020年2月17日" in t)
    lines = [line for line in texts[signature].splitlines() if line.strip()]
    assert len(lines) > 4  # the last lines of the text stand above it


def test_charts_are_drawn_bars_on_one_grid_in_proportion(printed: dict[str, Any]) -> None:
    """Bars as filled shapes (not glyphs), starting together whatever the label's length."""
    pdf = printed["bulletin"]
    page = next(p for p in pdf.pages if "各县区整改进度" in (p.extract_text() or ""))
    title = next(w for w in page.extract_words() if "各县区整改进度" in w["text"])
    fills = [
        r
        for r in page.rects
        if r["top"] > title["bottom"]
        and r["fill"]
        and r["non_stroking_color"] not in (None, 1, (1,))
    ]
    rows: dict[int, list[Any]] = defaultdict(list)
    for rect in fills:
        rows[round(rect["top"])].append(rect)
    assert len(rows) >= 3
    starts = {round(min(r["x0"] for r in row)) for row in rows.values()}
    assert len(starts) == 1, starts  # one grid
    words = page.extract_words()
    per_unit = []
    for top, row in rows.items():
        value = next(
            int(w["text"]) for w in words if w["text"].isdigit() and abs(w["top"] - top) < 8
        )
        per_unit.append((max(r["x1"] for r in row) - min(r["x0"] for r in row)) / value)
    step = 118 * MM / 40  # the bar area over its grid
    assert max(per_unit) - min(per_unit) < step, per_unit


def test_dates_in_tables_keep_to_one_line(printed: dict[str, Any]) -> None:
    text = "\n".join((p.extract_text() or "").replace(" ", "") for p in printed["bulletin"].pages)
    dates = re.findall(r"2020年2月\d+日", text)
    assert len(dates) >= 6
    broken = re.findall(r"2020年?\n|\n2月\d+日", text)
    assert not broken, broken
