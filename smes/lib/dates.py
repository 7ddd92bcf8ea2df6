"""Dates shared by the whole application: "today" (one helper, aware of the
time zone: Europe/Brussels), the first year of the project, and the year
boundaries used by the report and the pages that summarise a year."""

from __future__ import annotations

import calendar
import contextlib
import contextvars
import datetime as dt
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

#: The Housing First project of the Smes started in 2013: no follow-up
#: event (contact, move, lease, score, review) is older.
PROJECT_FIRST_YEAR = 2013


_FIXED_TODAY: ContextVar[dt.date | None] = ContextVar("smes_fixed_today", default=None)


def today() -> dt.date:
    """Today in Brussels (settings.TIME_ZONE), not in the server's zone."""
    fixed = _FIXED_TODAY.get()
    return fixed if fixed is not None else timezone.localdate()


@contextmanager
def same_day():
    """Inside the block, today() is the day the block began: one import of
    100,000 rows checks every date against one "today" (asking the time zone
    per row was an eighth of the import's time)."""
    token = _FIXED_TODAY.set(today())
    try:
        yield
    finally:
        _FIXED_TODAY.reset(token)


def project_start() -> dt.date:
    return dt.date(PROJECT_FIRST_YEAR, 1, 1)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# A year cut at a day of the year (the year-to-date view, issue 17): while
# set, every year's last day is that day and month, so the report's own
# selectors give "last year at the same date" without a second implementation.
_YEAR_CUT: contextvars.ContextVar[tuple[int, int] | None] = contextvars.ContextVar("year_cut", default=None)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of `year`, both inclusive (cut by `years_cut_at`)."""
    cut = _YEAR_CUT.get()
    if cut is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month, day = cut
    if month == 2 and day == 29 and not calendar.isleap(year):
        day = 28
    return dt.date(year, 1, 1), dt.date(year, month, day)


@contextlib.contextmanager
def years_cut_at(month: int, day: int):
    token = _YEAR_CUT.set((month, day))
    try:
        yield
    finally:
        _YEAR_CUT.reset(token)


def last_complete_year(day: dt.date | None = None) -> int:
    return (day or today()).year - 1
