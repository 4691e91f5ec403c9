"""Working days against the State Council's published schedule."""

from __future__ import annotations

import datetime as dt

import pytest

from ducha.domain.settings import CalendarYear
from ducha.domain.workdays import WorkCalendar
from ducha.errors import CalendarError
from ducha.outputs.i18n import describe

D = dt.date


def test_spring_festival_eve_deadline_lands_after_the_holiday() -> None:
    # 2020: the holiday ran 24 Jan to 2 Feb (extended for the epidemic); work resumed 3 Feb.
    assert WorkCalendar().add(D(2020, 1, 23), 3) == D(2020, 2, 5)


def test_national_day_eve_deadline_lands_after_the_holiday() -> None:
    # 2019: 1-7 Oct off; 29 Sep (Sunday) and 12 Oct (Saturday) were make-up working days.
    assert WorkCalendar().add(D(2019, 9, 30), 3) == D(2019, 10, 10)


def test_make_up_weekend_day_counts_as_a_working_day() -> None:
    calendar = WorkCalendar()
    assert calendar.is_workday(D(2019, 9, 29))  # a Sunday
    assert calendar.add(D(2019, 9, 27), 1) == D(2019, 9, 29)


def test_counting_starts_the_day_after() -> None:
    # Friday 7 Feb 2020 + 1 working day = Monday 10 Feb, not Friday itself.
    assert WorkCalendar().add(D(2020, 2, 7), 1) == D(2020, 2, 10)
    assert WorkCalendar().add(D(2020, 2, 7), 0) == D(2020, 2, 7)


def test_between_counts_working_days_in_the_half_open_interval() -> None:
    calendar = WorkCalendar()
    assert calendar.between(D(2020, 2, 7), D(2020, 2, 11)) == 2
    assert calendar.between(D(2020, 2, 11), D(2020, 2, 7)) == -2
    assert calendar.between(D(2020, 2, 7), D(2020, 2, 7)) == 0


def test_uncovered_year_fails_loudly_never_counting_plain_weekdays() -> None:
    with pytest.raises(CalendarError) as caught:
        WorkCalendar().add(D(2031, 3, 2), 3)
    words = describe(caught.value, "zh")
    assert "2031" in words and "calendar" in words


def test_team_supplied_year_is_used() -> None:
    year = CalendarYear(holidays=frozenset({D(2031, 3, 3)}), workdays=frozenset({D(2031, 3, 8)}))
    calendar = WorkCalendar({2031: year})
    # Sun 2 Mar -> Mon 3 off -> Tue 4, Wed 5, Thu 6, Fri 7, Sat 8 (make-up day)
    assert calendar.add(D(2031, 3, 2), 5) == D(2031, 3, 8)


def test_uncovered_year_message_in_english() -> None:
    with pytest.raises(CalendarError) as caught:
        WorkCalendar().is_workday(D(2031, 1, 1))
    assert "holiday schedule for 2031" in describe(caught.value, "en")


def test_every_day_the_package_covers_agrees_with_its_own_answer() -> None:
    import chinese_calendar

    from ducha.domain.workdays import _last_official_year, _official

    years = sorted({day.year for day in chinese_calendar.holidays})
    day, end = dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)
    while day <= end:
        assert _official(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)
    assert _last_official_year() == years[-1]
    assert _official(dt.date(years[-1] + 1, 1, 1)) is None
    assert _official(dt.date(years[0] - 1, 12, 31)) is None
