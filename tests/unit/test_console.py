"""Tables in the terminal: what a narrow terminal may wrap, what it drops, what never breaks."""

from __future__ import annotations

import io

from rich.cells import cell_len

from ducha.outputs.console import Cell, Column, make_console, print_rows
from ducha.outputs.console.table import layout


def _printed(columns: list[Column], rows: list[list[Cell]], width: int, lang: str = "zh") -> str:
    out = io.StringIO()
    print_rows(make_console(out, color="never", width=width), columns, rows, lang=lang)  # type: ignore[arg-type]
    return out.getvalue()


def test_a_narrow_table_drops_the_least_needed_columns_and_says_which() -> None:
    headers = ["分组", "督查次数", "单位数", "问题数", "严重", "较重", "一般", "典型数"]
    columns = [Column(h, keep=100 - i * 10) for i, h in enumerate(headers)]
    rows: list[list[Cell]] = [["合计", "10000", "988", "11504", "1954", "3883", "5667", "0"]]
    body = _printed(columns, rows, 40)
    assert all(cell_len(line) <= 40 for line in body.splitlines())
    assert "10000" in body and "988" in body  # kept whole, never "1000" over "0"
    assert "典型数" not in body.splitlines()[0] and "一般" not in body.splitlines()[0]
    note = "".join(body.splitlines()[3:])
    assert "未显示：较重、一般、典型数" in note


def test_columns_that_must_stay_stay_even_when_the_line_overflows() -> None:
    columns = [Column("问题编号"), Column("整改期限"), Column("说明", wraps=True, keep=10)]
    fit = layout(columns, [["20200205-2vs/1", "2020-02-19", "很长的说明"]], 20)
    assert fit.shown == (0, 1) and fit.hidden == (2,)
    assert fit.widths == (14, 10)


def test_long_text_wraps_by_chinese_rules_and_ids_in_it_stay_whole() -> None:
    columns = [Column("问题编号"), Column("待核查问题", wraps=True, max_lines=9)]
    rows: list[list[Cell]] = [
        ["20200205-2vs/1", "20200211-h4j/1、20200211-h4j/2、20200206-atm/2；复工审批材料多头报送。"]
    ]
    body = _printed(columns, rows, 36)
    for id_ in ("20200211-h4j/1", "20200211-h4j/2", "20200206-atm/2"):
        assert id_ in body
    for line in body.splitlines():
        assert cell_len(line) <= 36
        for piece in line.split("  "):
            assert not piece.startswith(("、", "，", "。", "；"))


def test_text_columns_share_the_room_smallest_needs_first() -> None:
    columns = [
        Column("日期"),
        Column("事项", wraps=True),
        Column("摘要", wraps=True, max_lines=20),
    ]
    rows: list[list[Cell]] = [
        ["2020-02-06", "单位反馈已整改", "暂存间连续两日未消毒，交接记录再次缺失，" * 3]
    ]
    fit = layout(columns, [[c if isinstance(c, str) else c[0] for c in r] for r in rows], 60)
    assert fit.widths[1] == cell_len("单位反馈已整改")  # the short one whole
    assert sum(fit.widths) + 2 * 2 <= 60


def test_a_long_list_prints_one_line_a_row_without_cutting_ids() -> None:
    columns = [Column("问题编号"), Column("问题描述", wraps=True)]
    rows: list[list[Cell]] = [
        [f"20200205-2vs/{n}", "医疗废物暂存点未每日消毒" * 3] for n in range(50)
    ]
    body = _printed(columns, rows, 40)
    lines = body.splitlines()
    assert len(lines) == 52  # header, rule, one a row
    assert all(f"20200205-2vs/{n}" in body for n in range(50))
    assert all(line.endswith("…") for line in lines[2:])


def test_english_headers_break_between_words_never_inside() -> None:
    columns = [
        Column("finding"),
        Column("waited (working days)"),
        Column("description", wraps=True),
    ]
    rows: list[list[Cell]] = [["20200205-2vs/1", "3", "a long text " * 5]]
    body = _printed(columns, rows, 40, "en")
    header = body.splitlines()[:3]
    assert "description" in header[0]
    assert any("(working" in line for line in header)
