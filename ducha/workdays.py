"""Chinese working days: weekends and public holidays off, make-up working days (调休) on.

The official schedule comes from the ``chinesecalendar`` package; a year it does not cover is
taken from ``calendar:`` in ``ducha.yaml``, and failing both, counting stops with an error:
plain weekdays are never assumed silently.

A period "within N working days" from day D ends on the N-th working day strictly after D
(Civil Code art. 201: a period runs from the day after the event).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache

from ducha.config import CalendarYear
from ducha.errors import CalendarError
from ducha.i18n import Lang, text

_ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=4096)
def _official(day: dt.date) -> bool | None:
    """The official answer for ``day``, or None when the package has no data for its year."""
    import chinese_calendar  # ~20 ms of data; only commands that count days pay for it

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def _last_official_year() -> int:
    import chinese_calendar

    years: list[int] = [day.year for day in chinese_calendar.holidays]
    return max(years)


class WorkCalendar:
    """Answers whether a day is a working day and counts working days."""

    def __init__(self, extra: Mapping[int, CalendarYear] | None = None, lang: Lang = "zh") -> None:
        self._extra = dict(extra or {})
        self._lang = lang

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day in mainland China."""
        year = self._extra.get(day.year)
        if year is not None:
            if day in year.workdays:
                return True
            return day.weekday() < 5 and day not in year.holidays
        official = _official(day)
        if official is None:
            last = _last_official_year()
            raise CalendarError(text("calendar-uncovered", self._lang, year=day.year, last=last))
        return official

    def add(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day strictly after ``start``; ``start`` itself for 0."""
        day = start
        remaining = days
        while remaining > 0:
            day += _ONE_DAY
            if self.is_workday(day):
                remaining -= 1
        return day

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.between(end, start)
        count = 0
        day = start
        while day < end:
            day += _ONE_DAY
            if self.is_workday(day):
                count += 1
        return count
