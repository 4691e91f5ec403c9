"""Chinese working days: weekends and public holidays off, make-up working days (调休) on.

The official schedule comes from the ``chinesecalendar`` package; a year it does not cover is
taken from ``calendar:`` in ``ducha.yaml``, and failing both, counting stops with an error:
plain weekdays are never assumed silently.

A period "within N working days" from day D ends on the N-th working day strictly after D
(Civil Code art. 201: a period runs from the day after the event).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Container, Mapping
from functools import lru_cache

from ducha.domain.settings import CalendarYear
from ducha.errors import CalendarError

_ONE_DAY = dt.timedelta(days=1)


def _official(day: dt.date) -> bool | None:
    """The official answer for ``day``, or None when the package has no data for its year."""
    first, last, holidays, workdays = _official_data()
    if not first <= day.year <= last:
        return None
    return day in workdays or (day.weekday() < 5 and day not in holidays)


@lru_cache(maxsize=1)
def _official_data() -> tuple[int, int, Container[dt.date], Container[dt.date]]:
    """The package's years covered, its holidays and its make-up working days.

    ``chinese_calendar.is_workday`` says the same but finds the years covered again on every
    call: resolving a year day by day is slow, and ``overdue`` resolves three or four years.
    """
    import chinese_calendar  # only commands that count days pay for its data

    years = [day.year for day in chinese_calendar.holidays]
    return min(years), max(years), chinese_calendar.holidays, chinese_calendar.workdays


@lru_cache(maxsize=256)
def _new_year(year: int) -> int:
    return dt.date(year, 1, 1).toordinal()


def _day_of_year(day: dt.date) -> int:
    """1 for 1 January; ``timetuple().tm_yday`` costs five times as much."""
    return day.toordinal() - _new_year(day.year) + 1


def _last_official_year() -> int:
    return _official_data()[1]


class WorkCalendar:
    """Answers whether a day is a working day and counts working days.

    Each year is resolved once into a prefix count of working days, so that counting across
    years costs a subtraction, not a walk.
    """

    def __init__(self, extra: Mapping[int, CalendarYear] | None = None) -> None:
        self._extra = dict(extra or {})
        # year -> (working days before 1 Jan of that year, prefix counts within the year)
        self._years: dict[int, list[int]] = {}
        self._before: dict[int, int] = {}
        self._added: dict[tuple[dt.date, int], dt.date] = {}

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day in mainland China."""
        prefix = self._year(day.year)
        index = _day_of_year(day)
        return prefix[index] > prefix[index - 1]

    def _decide(self, day: dt.date) -> bool:
        year = self._extra.get(day.year)
        if year is not None:
            if day in year.workdays:
                return True
            return day.weekday() < 5 and day not in year.holidays
        official = _official(day)
        if official is None:
            last = _last_official_year()
            raise CalendarError("calendar-uncovered", year=day.year, last=last)
        return official

    def _year(self, year: int) -> list[int]:
        prefix = self._years.get(year)
        if prefix is None:
            prefix = [0]
            day = dt.date(year, 1, 1)
            while day.year == year:
                prefix.append(prefix[-1] + self._decide(day))
                day += _ONE_DAY
            self._years[year] = prefix
        return prefix

    def _ordinal(self, day: dt.date, base_year: int) -> int:
        """Working days from 1 Jan of ``base_year`` up to and including ``day``."""
        total = sum(self._year(year)[-1] for year in range(base_year, day.year))
        return total + self._year(day.year)[_day_of_year(day)]

    def add(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day strictly after ``start``; ``start`` itself for 0."""
        if days <= 0:
            return start
        # thousands of findings share a visit date and a period: each sum is done once
        found = self._added.get((start, days))
        if found is None:
            found = self._added[(start, days)] = self._add(start, days)
        return found

    def _add(self, start: dt.date, days: int) -> dt.date:
        target = self._year(start.year)[_day_of_year(start)] + days
        year = start.year
        while self._year(year)[-1] < target:
            target -= self._year(year)[-1]
            year += 1
        prefix = self._year(year)
        index = bisect_left(prefix, target)
        return dt.date(year, 1, 1) + dt.timedelta(days=index - 1)

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.between(end, start)
        return self._ordinal(end, start.year) - self._ordinal(start, start.year)
