"""The annual report's JSON: one selector per block (reports.blocks), and
what several blocks share (docs/report.md).

Each block takes the year and returns the block's JSON exactly as the spec
names it (the app may add keys, never rename them). Counting, summing and
picking the latest record per tenant happen in the database; Python only
divides the sums by the counts (see reports.rounding) and, for the GAF
table, lists the already-aggregated rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from reports.blocks import Selection, report_blocks
from smes.lib.dates import year_bounds
from tenants.models import MEETING_KINDS, EndReason, Tenant

ENDED_REASONS = [EndReason.NO_LONGER_NEEDED, EndReason.TRANSFERRED, EndReason.OTHER]
MEETINGS = [k.value for k in MEETING_KINDS]


def accompanied(year: int) -> QuerySet[Tenant]:
    """Population A: tenants whose follow-up meets the year."""
    start, end = year_bounds(year)
    return Tenant.objects.accompanied_between(start, end)


def died_in(start: dt.date, end: dt.date) -> Q:
    return Q(end_reason=EndReason.DECEASED, followup_end__gte=start, followup_end__lte=end)


def annual_report(year: int, *, with_rows: bool = True, for_history: bool = False) -> dict[str, Any]:
    """Every block of the report for `year`, in the spec's order.

    `for_history`: an earlier year cited by another year's report — only the
    figures followed across years (reports.series.SERIES) are sure to be
    there; the GAF rows and a few costly others are left out."""
    with_rows = with_rows and not for_history
    report: dict[str, Any] = {"year": year}
    for block in report_blocks():
        if block.select is not None:
            selection = Selection(year, report, with_rows=with_rows, for_history=for_history)
            report[block.key] = block.select(selection)
    return report
