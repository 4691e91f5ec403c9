"""Tables in the terminal: what a narrow terminal may wrap and what it may not."""

from __future__ import annotations

import io

from ducha.outputs.console import Cell, make_console, print_rows


def test_a_narrow_table_wraps_headers_but_never_splits_a_figure() -> None:
    out = io.StringIO()
    console = make_console(out, color="never", width=40)
    headers = ["分组", "督查次数", "单位数", "问题数", "严重", "较重", "一般", "典型数"]
    rows: list[list[Cell]] = [["合计", "10000", "988", "11504", "1954", "3883", "5667", "0"]]
    everything = frozenset(range(len(headers)))
    print_rows(console, headers, rows, flexible=everything, figures=frozenset(range(1, 8)))
    body = out.getvalue()
    assert all(str(figure) in body for figure in rows[0][1:])
    assert "督查次数" not in body  # headers gave way instead
    split = io.StringIO()
    print_rows(make_console(split, color="never", width=40), headers, rows, flexible=everything)
    assert "11504" not in split.getvalue()  # what happens without ``figures``
