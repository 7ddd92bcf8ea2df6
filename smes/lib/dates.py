"""Date boundaries shared by the report and the pages that summarise a year."""

from __future__ import annotations

import datetime as dt


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of `year`, both inclusive."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def last_complete_year(today: dt.date | None = None) -> int:
    return (today or dt.date.today()).year - 1
