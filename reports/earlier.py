"""The earlier years a report cites, kept between requests.

The report page, its PDF (French, Dutch) and its XLSX each follow every
figure with its values for the five previous years. At a federation's size
each earlier year costs ≈ 0.3 s to compute (benchmarks/, issue 8), and the
Direction opens the page, then downloads two PDFs and a workbook: the same
five years, four times.

So the figures of an earlier year are kept in the cache under a fingerprint
of the data they come from: for every model of the tenants, housing and
harm-reduction apps, its newest primary key (rows added, in bulk too) and
its newest history row (simple-history writes one on every save and delete
made through the application — forms, services, admin, imports). Any
change gives a new fingerprint, and the years are computed again; the
fingerprint is one query. Whatever happens, nothing is kept more than an
hour. The year of the report itself is always computed afresh.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import connection

from reports.selectors import annual_report

SOURCE_APPS = ("tenants", "housing", "harmreduction")
KEEP_SECONDS = 3600


def _tables() -> list[tuple[str, str]]:
    """(table, column) pairs whose maximum moves whenever the data does."""
    pairs = []
    for label in SOURCE_APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            pairs.append((model._meta.db_table, model._meta.pk.column))
            history = getattr(model, "history", None)
            if history is not None:
                pairs.append((history.model._meta.db_table, history.model._meta.pk.column))
    return sorted(pairs)


def data_fingerprint() -> str:
    """One query: the newest key of every source table and of its history."""
    quote = connection.ops.quote_name
    columns = ", ".join(f"(SELECT MAX({quote(col)}) FROM {quote(table)})" for table, col in _tables())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:32]


def earlier_reports(years: list[int]) -> dict[int, dict[str, Any]]:
    """annual_report(year, for_history=True) for each year, from the cache
    when the data has not changed since it was computed."""
    fingerprint = data_fingerprint()
    keys = {year: f"reports:earlier:{year}:{fingerprint}" for year in years}
    found = cache.get_many(list(keys.values()))
    reports = {}
    for year, key in keys.items():
        if key in found:
            reports[year] = found[key]
        else:
            reports[year] = annual_report(year, for_history=True)
            cache.set(key, reports[year], KEEP_SECONDS)
    return reports
