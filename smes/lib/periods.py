"""Rows that hold a period of days: "open on a day", "overlapping a year".

A follow-up, an income, a lease runs from its start to its end, both days
included; a stay from the move in (included) to the next move (excluded).
An empty end means "still running". A model's queryset says which fields
bound it and whether the end is excluded; the questions are then asked the
same way everywhere:

    Lease.objects.open_on(day)              # running on that day
    Stay.objects.overlapping(start, end)    # meeting [start, end]
    Income.objects.overlapping_year(2024)
    Dwelling.objects.filter(StayQuerySet.period("stays__").open_on(day))  # through a relation
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from smes.lib.dates import year_bounds


class Period:
    """The conditions on one model's period, as Q objects (`prefix` reaches
    the period through a relation: "stays__")."""

    def __init__(self, start: str, end: str, *, end_excluded: bool, prefix: str = ""):
        self.start = prefix + start
        self.end = prefix + end
        self.end_excluded = end_excluded

    def not_ended_by(self, day: Any) -> Q:
        """No end, or an end after `day` (a date or an expression)."""
        return Q(**{f"{self.end}__isnull": True}) | Q(**{f"{self.end}__gt": day})

    def runs_until(self, day: Any) -> Q:
        """The period still runs on `day` (its end, if any, is not before it)."""
        if self.end_excluded:
            return self.not_ended_by(day)
        return Q(**{f"{self.end}__isnull": True}) | Q(**{f"{self.end}__gte": day})

    def overlapping(self, start: dt.date, end: dt.date | None) -> Q:
        """The period meets [start, end] (both days included; no `end`: from `start` on)."""
        started = Q() if end is None else Q(**{f"{self.start}__lte": end})
        return started & self.runs_until(start)

    def open_on(self, day: dt.date) -> Q:
        return self.overlapping(day, day)


class PeriodQuerySet(QuerySet):
    """A queryset of rows holding a period; subclasses name its fields."""

    period_start = "start"
    period_end = "end"
    end_excluded = False  # True: the end day is not part of the period

    @classmethod
    def period(cls, prefix: str = "") -> Period:
        return Period(cls.period_start, cls.period_end, end_excluded=cls.end_excluded, prefix=prefix)

    def open_on(self, day: dt.date) -> QuerySet:
        """Running on `day`."""
        return self.overlapping(day, day)

    def overlapping(self, start: dt.date, end: dt.date | None) -> QuerySet:
        """Meeting [start, end], both days included (no `end`: from `start` on)."""
        period = self.period()
        qs = self if end is None else self.filter(**{f"{period.start}__lte": end})
        return qs.filter(period.runs_until(start))

    def overlapping_year(self, year: int) -> QuerySet:
        return self.overlapping(*year_bounds(year))

    def runs_until(self, day: Any) -> QuerySet:
        """Still running on `day` (a date or an expression), whatever the start."""
        return self.filter(self.period().runs_until(day))

    def not_ended_by(self, day: Any) -> QuerySet:
        """No end, or an end after `day` (a date or an expression such as
        OuterRef("followup_end")), whatever the start."""
        return self.filter(self.period().not_ended_by(day))
