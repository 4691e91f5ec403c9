"""HTML memos printed by a browser (headless Chromium) land on A4 as GB/T 9704 has it.

The same measures as the LibreOffice PDFs (``test_print_layout.py``): the paper, the type
area 156 × 225 mm at 28 mm from the left and 37 mm from the top, and 三号 (16 pt) body text.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest

from ducha.domain.workdays import WorkCalendar
from ducha.outputs.report import Request, produce
from tests.helpers import SAMPLE, load

pdfplumber = pytest.importorskip("pdfplumber")
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(BROWSER is None, reason="needs Chromium")

MM = 72 / 25.4
LEFT, RIGHT = 28 * MM, (28 + 156) * MM
TOP, BOTTOM = 37 * MM, (37 + 225) * MM
WEEK = Request(dt.date(2020, 2, 10), dt.date(2020, 2, 16), dt.date(2020, 2, 17), None)


@pytest.fixture(scope="module", params=[("notice", "HB-CZ-01"), ("bulletin", None)])
def printed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    kind, unit = request.param
    repo = load(SAMPLE)
    [document] = produce(repo, kind, "html", WEEK, WorkCalendar(repo.settings.calendar), "zh", unit, None)  # fmt: skip
    folder = tmp_path_factory.mktemp("html")
    page, pdf = folder / f"{kind}.html", folder / f"{kind}.pdf"
    page.write_bytes(document.content)
    assert BROWSER is not None
    subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    with pdfplumber.open(pdf) as opened:
        yield opened


def test_a4_and_the_type_area(printed: Any) -> None:
    assert all(abs(p.width - 210 * MM) < 1 and abs(p.height - 297 * MM) < 1 for p in printed.pages)
    body = [
        c
        for page in printed.pages
        for c in page.chars
        if abs(c["size"] - 16) < 0.1 and c["text"].strip()
    ]
    assert len(body) > 100  # 三号 body text
    assert all(c["x0"] >= LEFT - 1 and c["x1"] <= RIGHT + 2.5 for c in body)
    assert all(c["top"] >= TOP - 2 and c["bottom"] <= BOTTOM + 2 for c in body)


def test_full_lines_fill_the_type_area(printed: Any) -> None:
    rows: dict[tuple[int, float], list[Any]] = defaultdict(list)
    for number, page in enumerate(printed.pages):
        for c in page.chars:
            if abs(c["size"] - 16) < 0.1 and c["text"].strip():
                rows[(number, round(c["top"]))].append(c)
    widths = [max(c["x1"] for c in row) - min(c["x0"] for c in row) for row in rows.values()]
    full = [w for w in widths if w > 150 * MM]
    assert full, "no line reaches across the type area"
    assert all(w <= 156 * MM + 2.5 for w in full)
