"""Dates as clerks write them: every spelling of a day reads as that day, nothing else does."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ducha.domain.dates import parse_day

WIDE = str.maketrans("0123456789-/.", "０１２３４５６７８９－／．")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_spelling_reads_as_the_day(day: dt.date) -> None:
    spellings = [
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month:02d}.{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        f" {day.year} 年 {day.month} 月 {day.day} 号 ",
        f"{day.year}/{day.month}/{day.day}".translate(WIDE),  # a Chinese input method's digits
    ]
    assert {parse_day(s) for s in spellings} == {day}


@given(st.text(alphabet=st.characters(exclude_categories=["Nd"]), max_size=12))
def test_text_without_digits_is_no_date(text: str) -> None:
    assert parse_day(text) is None


@given(
    st.dates(min_value=dt.date(1000, 1, 1)),
    st.sampled_from(["-", "/", "."]),
    st.sampled_from(["-", "/", "."]),
)
def test_mixed_separators_are_no_date(day: dt.date, one: str, two: str) -> None:
    written = f"{day.year}{one}{day.month}{two}{day.day}"
    assert parse_day(written) == (day if one == two else None)


def test_impossible_days_are_refused() -> None:
    assert parse_day("2020-02-30") is None
    assert parse_day("2月12日") is None  # a year is needed
    assert parse_day("2020-2-5x") is None
