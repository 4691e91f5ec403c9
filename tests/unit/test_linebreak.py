"""Chinese line breaking: widths, the punctuation rules, and what never breaks."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from ducha.outputs.linebreak import CLOSING, OPENING, cut, wrap

_HAN = st.sampled_from("督查发现问题整改到位未落实隔离卡点值守人员消毒记录")
_CLOSE = st.sampled_from("。，、；：）》”")
_OPEN = st.sampled_from("（《“")
_ID = st.from_regex(r"2020020[1-9]-[0-9a-z]{3}/[1-9]", fullmatch=True)
_DATE = st.sampled_from(["2020-02-05", "2020年2月5日", "12月31日"])
_TOKEN = st.one_of(
    _HAN,
    st.tuples(_HAN, _CLOSE).map("".join),
    st.tuples(_OPEN, _HAN).map("".join),
    _ID,
    _DATE,
    st.just(" "),
)
_TEXT = st.lists(_TOKEN, max_size=40).map("".join)


@given(_TEXT, st.integers(min_value=2, max_value=60))
def test_no_line_is_wider_than_asked_and_nothing_is_lost(value: str, width: int) -> None:
    lines = wrap(value, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == value.replace(" ", "")


@given(_TEXT, st.integers(min_value=20, max_value=60))
def test_closing_punctuation_never_starts_a_line_nor_opening_ends_one(
    value: str, width: int
) -> None:
    lines = wrap(value.strip(), width)
    for before, line in itertools.pairwise(lines):
        if line and before:
            assert line[0] not in CLOSING, lines
            assert before[-1] not in OPENING, lines


@given(st.lists(st.one_of(_ID, _DATE, _HAN), min_size=1, max_size=30), st.integers(16, 60))
def test_ids_and_dates_are_never_split(tokens: list[str], width: int) -> None:
    value = "、".join(tokens)
    lines = wrap(value, width)
    for token in tokens:
        if len(token) > 1:
            assert any(token in line for line in lines), (token, lines)


def test_cut_ends_what_it_leaves_out_with_an_ellipsis() -> None:
    lines = cut("医疗废物暂存点未每日消毒，转运交接记录不全。", 10, 2)
    assert len(lines) == 2 and lines[-1].endswith("…") and cell_len(lines[-1]) <= 10
    assert cut("短", 10, 2) == ("短",)
