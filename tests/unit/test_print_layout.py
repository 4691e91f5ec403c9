"""Every kind of memo printed, and measured as GB/T 9704 has it.

Each memo is printed twice: its Word file to PDF by LibreOffice, and its HTML page by
headless Chromium (Debian's ``chromium``). Both must land on A4 alike: the type area, the
lines, the faces, the red rule, the page numbers, and the 版记 at the foot of an even page.
The referral is a letter (信函格式) and is measured as one.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ducha.domain.workdays import WorkCalendar
from ducha.outputs.report import produce
from tests.helpers import SAMPLE, load
from tests.printed import (
    BOTTOM,
    HANGING,
    KINDS,
    LEFT,
    MM,
    RIGHT,
    TOP,
    WEEK,
    has_text,
    line_texts,
    lines,
    page_numbers,
    page_text,
    plain,
    rules,
)

pdfplumber = pytest.importorskip("pdfplumber")
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
PRINTERS = {"libreoffice": shutil.which("soffice"), "chromium": BROWSER}
OFFICIAL = [kind for kind in KINDS if kind != "referral"]  # the referral is a letter


def _chromium(page: Path, pdf: Path) -> None:
    assert BROWSER is not None
    subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={page.parent / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip


@pytest.fixture(scope="module", params=list(PRINTERS))
def printed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    printer = request.param
    if PRINTERS[printer] is None:
        pytest.skip(f"needs {printer}")
    repo = load(SAMPLE)
    calendar = WorkCalendar(repo.settings.calendar)
    folder = tmp_path_factory.mktemp(printer)
    found = {"printer": printer}
    for kind, (memo_request, unit, recipient) in KINDS.items():
        fmt = "pdf" if printer == "libreoffice" else "html"
        [document] = produce(repo, kind, fmt, memo_request, calendar, "zh", unit, recipient)
        path = folder / f"{kind}.pdf"
        if fmt == "pdf":
            path.write_bytes(document.content)
        else:
            page = folder / f"{kind}.html"
            page.write_bytes(document.content)
            _chromium(page, path)
        found[kind] = pdfplumber.open(path)
    yield found
    for kind in KINDS:
        found[kind].close()


@pytest.mark.parametrize("kind", list(KINDS))
def test_a4_and_the_type_area(printed: dict[str, Any], kind: str) -> None:
    pdf = printed[kind]
    assert all(abs(p.width - 210 * MM) < 1 and abs(p.height - 297 * MM) < 1 for p in pdf.pages)
    body = [c for p in pdf.pages for c in p.chars if abs(c["size"] - 16) < 0.1 and c["text"].strip()]  # fmt: skip
    assert len(body) > 100  # 三号 text
    # a closing 。or ， may hang past the right edge, as Word and LibreOffice set Chinese
    inside = [c for c in body if not (c["text"] in HANGING and c["x0"] >= RIGHT - 1.5)]
    assert all(c["x0"] >= LEFT - 1 and c["x1"] <= RIGHT + 2.5 for c in inside)
    assert all(c["top"] >= TOP - 2 and c["bottom"] <= BOTTOM + 2 for c in body)


@pytest.mark.parametrize("kind", OFFICIAL)
def test_the_record_at_the_foot_of_an_even_page(printed: dict[str, Any], kind: str) -> None:
    pdf = printed[kind]
    assert len(pdf.pages) % 2 == 0  # double-sided: the 版记 on the back of the last sheet
    black = [r for r in rules(pdf.pages[-1]) if not r.red]
    last = black[-1]
    assert abs(last.bottom - BOTTOM) < 1.5  # on the type area's lower edge
    assert abs(last.x0 - LEFT) < 1 and abs(last.x1 - RIGHT) < 1  # across the type area
    # the 版记 starts at its first line (抄送/报送, or 印发); an attachment's table may share
    # the page above it, with rules of its own
    texts = line_texts(pdf.pages[-1], 14)
    starts = [top for top, t in texts if t.startswith(("抄送", "报送")) or "印发" in t]
    assert starts, "no 版记 on the last page"
    full = [r for r in black if abs(r.x1 - r.x0 - 156 * MM) < 1]
    first = max((r for r in full if r.top < min(starts)), key=lambda r: r.top)
    for rule in (first, last):
        assert abs(rule.thickness - 0.35 * MM) < 0.15, rule  # 0.35 mm
    middle = [r for r in black if first.top < r.top < last.top]
    if kind in ("special", "brief"):  # 抄送/报送 above 印发: a 0.25 mm rule between
        assert middle and all(abs(r.thickness - 0.25 * MM) < 0.1 for r in middle)
    else:
        assert middle == []  # no empty 抄送 row


@pytest.mark.parametrize("kind", OFFICIAL)
def test_page_numbers_one_character_in_7_mm_under_the_type_area(
    printed: dict[str, Any], kind: str
) -> None:
    pdf = printed[kind]
    for index, page in enumerate(pdf.pages):
        dashes = page_numbers(page)
        if not has_text(page):
            # a page of the 版记 alone, or the blank page before it (GB/T 9704 7.5)
            if index + 1 < len(pdf.pages):
                assert dashes == [], index
            continue
        assert dashes, index
        if index % 2 == 0:  # odd pages: right, one character (14 pt) in
            assert abs(max(w["x1"] for w in dashes) - (RIGHT - 14)) < 3
        else:
            assert abs(min(w["x0"] for w in dashes) - (LEFT + 14)) < 3
        assert all(abs(w["top"] - (BOTTOM + 7 * MM)) < 3 for w in dashes)


def test_22_lines_a_page_and_28_characters_a_line(printed: dict[str, Any]) -> None:
    pdf = printed["bulletin"]
    full = [
        chars
        for page in pdf.pages
        for chars in lines(page, 16).values()
        if all(ord(c["text"]) > 0x2E80 for c in chars)
    ]
    inside = [[c for c in chars if c["x0"] < RIGHT - 1.5] for chars in full]
    assert max(len(chars) for chars in inside) == 28
    # 22 lines a page: the text's line pitch is 225 mm / 22, from the type area's top
    pitches = []
    for page in pdf.pages:
        tops = sorted(lines(page, 16))
        pitches += [b - a for a, b in itertools.pairwise(tops) if b - a < 31]
        if page.chars and abs(page.chars[0]["size"] - 16) < 0.1:  # a page of running text
            assert tops[0] - TOP < 28.95  # its first line in the first line's place
    pitch = sorted(pitches)[len(pitches) // 2]
    assert abs(pitch - 28.95) < 0.6 and int((BOTTOM - TOP) / 28.95 + 0.05) == 22


def test_each_role_has_its_face(printed: dict[str, Any]) -> None:
    def face(pdf: Any, size: float, start: str) -> str:
        for page in pdf.pages:
            for top, chars in lines(page, size).items():
                text = plain("".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"])))
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
    titles = [t for _, t in line_texts(printed["bulletin"].pages[0], 22)]
    assert titles == ["关于2020年2月10日至16日", "督查情况的通报"]


@pytest.mark.parametrize("kind", ["bulletin", "notice", "reminder"])
def test_red_rule_4_mm_under_the_number(printed: dict[str, Any], kind: str) -> None:
    first = printed[kind].pages[0]
    red = [r for r in rules(first) if r.red]
    assert red and abs(red[0].x1 - red[0].x0 - 156 * MM) < 1
    assert 0.35 * MM - 0.15 < red[0].thickness < 0.5 * MM + 0.15
    number = next(w for w in first.extract_words() if "草稿" in plain(w["text"]))
    assert abs(red[0].top - number["bottom"] - 4 * MM) < 2


def test_the_referral_is_a_letter(printed: dict[str, Any]) -> None:
    """信函格式: the mark 30 mm from the paper's top, red double lines of 170 mm 4 mm under
    it (thick over thin) and 20 mm above the paper's foot (thin over thick), the number flush
    right under the first, no page number on the first page, no 印发 line and no rules."""
    pdf = printed["referral"]
    first = pdf.pages[0]
    [(mark_top, mark)] = line_texts(first, 30)
    assert mark == "河川市疫情防控督查组" and abs(mark_top - 30 * MM) < 2 * MM
    mark_bottom = max(c["bottom"] for c in first.chars if abs(c["size"] - 30) < 0.1)
    red = [r for r in rules(first) if r.red]
    assert len(red) == 4 and all(abs(r.x0 - 21 * MM) < 1 and abs(r.x1 - 191 * MM) < 1 for r in red)
    upper, lower = red[:2], red[2:]
    assert upper[0].thickness > 2 * upper[1].thickness and abs(upper[0].top - mark_bottom - 4 * MM) < 1 * MM  # fmt: skip
    assert lower[1].thickness > 2 * lower[0].thickness and abs(lower[1].bottom - 277 * MM) < 1 * MM  # fmt: skip
    number = next(w for w in first.extract_words() if "草稿" in plain(w["text"]))
    assert abs(number["x1"] - RIGHT) < 3 and number["top"] > upper[1].bottom
    assert page_numbers(first) == []
    assert not [r for p in pdf.pages for r in rules(p) if not r.red]
    assert not any("印发" in page_text(p) for p in pdf.pages)


def test_no_table_row_split_and_no_signature_alone(printed: dict[str, Any]) -> None:
    pdf = printed["bulletin"]
    texts = [page_text(page) for page in pdf.pages]
    repo = load(SAMPLE)
    week = [f for v in repo.visits if WEEK.start <= v.date <= WEEK.end for f in v.findings]
    for finding in week:  # a row's text begins and ends on one page
        head, tail = finding.description[:6], finding.description.rstrip("。")[-4:]
        pages = [n for n, t in enumerate(texts) if head in t.replace("\n", "")]
        assert any(tail in texts[n].replace("\n", "") for n in pages), finding.id
    for kind in ("bulletin", "notice", "reminder", "referral"):
        texts = [page_text(page) for page in printed[kind].pages]
        signature = next(n for n, t in enumerate(texts) if "督查组办公室\n2020年2月17日" in t)
        lines_above = [line for line in texts[signature].splitlines() if line.strip()]
        assert len(lines_above) > 4, kind  # the last lines of the text stand above it


def test_charts_are_drawn_bars_on_one_grid_in_proportion(printed: dict[str, Any]) -> None:
    """Bars as filled shapes (not glyphs), starting together whatever the label's length."""
    pdf = printed["bulletin"]
    page = next(p for p in pdf.pages if "各县区整改进度" in page_text(p))
    title = next(w for w in page.extract_words() if "各县区整改进度" in plain(w["text"]))
    fills = [
        r
        for r in page.rects
        if r["top"] > title["bottom"]
        and r["fill"]
        and r["non_stroking_color"] not in (None, 1, (1,), (1, 1, 1))
        and r["bottom"] - r["top"] > 2
    ]
    rows: dict[int, list[Any]] = defaultdict(list)
    for rect in fills:
        rows[round(rect["top"])].append(rect)
    bars = {top: row for top, row in rows.items() if max(r["x1"] for r in row) - min(r["x0"] for r in row) > 5}  # fmt: skip
    assert len(bars) >= 3
    starts = {round(min(r["x0"] for r in row)) for row in bars.values()}
    assert len(starts) == 1, starts  # one grid
    words = page.extract_words()
    per_unit = []
    for top, row in bars.items():
        values = [int(w["text"]) for w in words if w["text"].isdigit() and abs(w["top"] - top) < 8]
        if not values:  # the legend's swatches
            continue
        value = values[0]
        per_unit.append((max(r["x1"] for r in row) - min(r["x0"] for r in row)) / value)
    step = 118 * MM / 40  # the bar area over its grid
    assert max(per_unit) - min(per_unit) < step, per_unit


def test_dates_in_tables_keep_to_one_line(printed: dict[str, Any]) -> None:
    text = "\n".join(page_text(p) for p in printed["bulletin"].pages)
    dates = re.findall(r"2020年2月\d+日", text)
    assert len(dates) >= 6
    broken = re.findall(r"2020年?\n|\n2月\d+日", text)
    assert not broken, broken
    assert any("超期工作日" in line for line in text.splitlines())  # a header kept whole


# beside the text on page 2; alone after page 3; on page 4 after a blank page 3
@pytest.mark.parametrize("printer", list(PRINTERS))
@pytest.mark.parametrize("lines_of_text", [18, 22, 25])
def test_the_record_lands_on_an_even_page_whatever_the_length(
    tmp_path: Path, printer: str, lines_of_text: int
) -> None:
    """The 版记 at the foot: beside the text's end on an even page, else alone on the next
    even page, with a blank page before it if need be; neither of those two is numbered."""
    from dataclasses import replace

    from ducha.outputs.report import memos
    from ducha.outputs.report.build import para
    from ducha.outputs.report.printing import render_pdf
    from ducha.outputs.report.render import render_text

    if PRINTERS[printer] is None:
        pytest.skip(f"needs {printer}")
    repo = load(SAMPLE)
    request, unit, _ = KINDS["notice"]
    [(_, notice)] = memos(repo, "notice", request, WorkCalendar(repo.settings.calendar), unit, None, "zh")  # fmt: skip
    # paragraphs of one full line, so the text's length moves the record a line at a time
    filler = tuple(para("督查" * 13) for _ in range(lines_of_text))
    memo = replace(notice, body=notice.body[:2] + filler, attachments=())
    pdf_path = tmp_path / "memo.pdf"
    if printer == "chromium":
        page = tmp_path / "memo.html"
        page.write_text(render_text(memo, "html", SAMPLE, "zh"), encoding="utf-8")
        _chromium(page, pdf_path)
    else:
        pdf_path.write_bytes(render_pdf(memo, SAMPLE, "zh"))
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) % 2 == 0
        last = [r for r in rules(pdf.pages[-1]) if not r.red][-1]
        assert abs(last.bottom - BOTTOM) < 1.5
        texts = [has_text(p) for p in pdf.pages]
        assert texts[:-1] == sorted(texts[:-1], reverse=True)  # text, then blank pages only
        for index, page_ in enumerate(pdf.pages):
            if texts[index]:
                assert page_numbers(page_), index
            elif index + 1 < len(pdf.pages):  # a blank page: neither it nor the 版记's
                assert not page_numbers(page_) and not page_numbers(pdf.pages[-1]), index
            elif texts[index - 1]:  # the 版记's own page straight after the text
                assert page_numbers(page_)


@pytest.mark.skipif(BROWSER is None, reason="needs Chromium")
def test_photos_sit_two_a_line_and_the_record_stays_at_the_foot(tmp_path: Path) -> None:
    """Evidence photos in an HTML memo: two a line, none taller than a third of the type
    area, and the 版记 still at the foot of an even page below them."""
    import shutil as files
    from dataclasses import replace

    from PIL import Image

    from ducha.outputs.report import memos
    from ducha.outputs.report.model import Block
    from ducha.outputs.report.render import render_text

    root = tmp_path / "records"
    files.copytree(SAMPLE, root)
    (root / "evidence" / "photos").mkdir(parents=True)
    names = []
    for n, size in enumerate([(600, 900), (900, 600), (800, 800)]):
        Image.new("RGB", size, (40 * n, 120, 200)).save(root / "evidence" / "photos" / f"{n}.jpg")
        names.append(f"evidence/photos/{n}.jpg")
    repo = load(root)
    request, unit, _ = KINDS["notice"]
    [(_, notice)] = memos(repo, "notice", request, WorkCalendar(repo.settings.calendar), unit, None, "zh")  # fmt: skip
    memo = replace(notice, body=(*notice.body, Block("photos", photos=tuple(names))))
    page = tmp_path / "memo.html"
    page.write_text(render_text(memo, "html", root, "zh"), encoding="utf-8")
    pdf_path = tmp_path / "memo.pdf"
    _chromium(page, pdf_path)
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) % 2 == 0
        last = [r for r in rules(pdf.pages[-1]) if not r.red][-1]
        assert abs(last.bottom - BOTTOM) < 1.5
        pictures = [image for p in pdf.pages for image in p.images]
        assert len(pictures) == 3
        assert all(image["bottom"] - image["top"] <= 75 * MM + 1 for image in pictures)
        assert len({round(image["top"]) for image in pictures}) < 3  # two a line
