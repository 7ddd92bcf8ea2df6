"""The figures of closed years, kept between requests (issue 16).

The report page, its PDF (French, Dutch) and its XLSX each follow every
figure with its values for the five previous years; at a federation's size
each year costs ≈ 0.3 s to compute (benchmarks/). So the figures of a
closed year (before the running one) are kept in the cache under a
fingerprint made of two parts:

* the records dated in that year: the models of DATED (visits and their
  workers, RdR operations and stock lines — nearly every write of a working
  day) mark the years they touch in `YearChange` when they are saved or
  deleted (signals; the visits import marks the years of its rows); rows
  added without a signal (bulk_create, COPY) are found by their primary
  keys, above the newest key when the figures were kept. A contact dated
  2019 recomputes 2019 only; a stock line recomputes its year and the later
  ones (the stock on 31 December carries it); a contact of the running year
  recomputes nothing, the running year being always computed afresh.
  (`QuerySet.update()` of dated rows sends no signal: call
  `mark_years_changed`.)
* everything else (tenants, stays, leases, reviews…, whose periods span
  years): the newest primary key and history row of every other table of
  the tenants, housing and harm-reduction apps (one query). Any change
  there gives a new fingerprint and every year is computed again.

Whatever happens, nothing is kept more than an hour.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from reports.selectors import annual_report
from smes.lib.dates import today

SOURCE_APPS = ("tenants", "housing", "harmreduction", "intake")
KEEP_SECONDS = 3600

#: Models whose rows carry a date: a change marks that date's year (and, for
#: a stock line, the later years: the stock on 31 December sums them).
DATED = {
    "tenants.Visit": ("date", False),
    "harmreduction.Operation": ("date", True),
    "harmreduction.Movement": ("date", True),
}


def _dated_tables() -> set[str]:
    tables = set()
    for label in DATED:
        model = apps.get_model(label)
        tables.add(model._meta.db_table)
        history = getattr(model, "history", None)
        if history is not None:
            tables.add(history.model._meta.db_table)
        for field in model._meta.many_to_many:
            tables.add(field.remote_field.through._meta.db_table)
    return tables


def _tables() -> list[tuple[str, str]]:
    """(table, column) pairs whose maximum moves whenever the data does,
    leaving out the dated models (marked by year instead)."""
    dated = _dated_tables()
    pairs = []
    for label in SOURCE_APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            pairs.append((model._meta.db_table, model._meta.pk.column))
            history = getattr(model, "history", None)
            if history is not None:
                pairs.append((history.model._meta.db_table, history.model._meta.pk.column))
    return sorted(pair for pair in pairs if pair[0] not in dated)


def data_fingerprint() -> str:
    """One query: the newest key of every undated source table and of its
    history."""
    quote = connection.ops.quote_name
    columns = ", ".join(f"(SELECT MAX({quote(col)}) FROM {quote(table)})" for table, col in _tables())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:32]


def _keys(years: list[int], kind: str) -> dict[int, str]:
    from reports.models import YearChange

    fingerprint = data_fingerprint()
    changed = dict(YearChange.objects.filter(year__in=years).values_list("year", "changed_at"))
    return {
        year: f"reports:{kind}:{year}:{fingerprint}:{changed[year].timestamp() if year in changed else 0}"
        for year in years
    }


def _watermarks() -> dict[str, int]:
    """The newest primary key of each dated model (one query)."""
    quote = connection.ops.quote_name
    models = [apps.get_model(label) for label in DATED]
    columns = ", ".join(f"(SELECT MAX({quote(m._meta.pk.column)}) FROM {quote(m._meta.db_table)})" for m in models)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        row = cursor.fetchone()
    return {label: value or 0 for label, value in zip(DATED, row, strict=True)}


def _added_since(entries: list[dict]) -> dict[str, list[tuple[int, int]]]:
    """(primary key, year) of the dated rows added after the oldest of
    `entries` was computed: rows inserted in bulk (COPY, bulk_create) send
    no signal, but they are found by their keys — a day's rows, read from
    the primary key index."""
    added: dict[str, list[tuple[int, int]]] = {}
    for label, (field, _later) in DATED.items():
        model = apps.get_model(label)
        since = min(entry["marks"].get(label, 0) for entry in entries)
        added[label] = [
            (pk, day.year) for pk, day in model._default_manager.filter(pk__gt=since).values_list("pk", field)
        ]
    return added


def _still_valid(year: int, entry: dict, added) -> bool:
    for label, rows in added.items():
        mark = entry["marks"].get(label, 0)
        touched = {y for pk, y in rows if pk > mark}
        if touched and year in _years_touched(label, touched):
            return False
    return True


def _kept(keys: dict[int, str]) -> dict[int, Any]:
    """The kept reports of `keys` that no row added since makes stale."""
    found = cache.get_many(list(keys.values()))
    entries = {year: found[key] for year, key in keys.items() if key in found}
    if not entries:
        return {}
    added = _added_since(list(entries.values()))
    return {year: entry["report"] for year, entry in entries.items() if _still_valid(year, entry, added)}


#: How many times this process kept figures (see mark_years_changed).
_KEPT = [0]


def _keep(key: str, report, marks: dict[str, int]) -> None:
    cache.set(key, {"report": report, "marks": marks}, KEEP_SECONDS)
    _KEPT[0] += 1


def earlier_reports(years: list[int]) -> dict[int, dict[str, Any]]:
    """annual_report(year, for_history=True) for each year, from the cache
    when the year's data has not changed since it was computed."""
    keys = _keys(years, "earlier")
    reports = _kept(keys)
    missing = [year for year in years if year not in reports]
    if missing:
        marks = _watermarks()  # before computing: a row added meanwhile counts as new
        for year in missing:
            reports[year] = annual_report(year, for_history=True)
            if year < today().year:
                _keep(keys[year], reports[year], marks)
    return {year: reports[year] for year in years}


def year_report(year: int) -> dict[str, Any]:
    """annual_report(year): kept like the earlier years once the year is
    closed; the running year is always computed."""
    if year >= today().year:
        return annual_report(year)
    keys = _keys([year], "year")
    kept = _kept(keys)
    if year in kept:
        return kept[year]
    marks = _watermarks()
    report = annual_report(year)
    _keep(keys[year], report, marks)
    return report


# -- marking the years that changed -------------------------------------------


class _CommitMark:
    """The on-commit mark of one transaction: the years it changed, marked
    once at commit however many rows changed (deleting a tenant deletes
    its 900 contacts, one signal each)."""

    def __init__(self) -> None:
        self.years: set[int] = set()
        self.kept = _KEPT[0]

    def __call__(self) -> None:
        _mark(self.years)


def _mark(years) -> None:
    from reports.models import YearChange

    now = timezone.now()
    YearChange.objects.bulk_create(
        [YearChange(year=year, changed_at=now) for year in sorted(years)],
        update_conflicts=True,
        unique_fields=["year"],
        update_fields=["changed_at"],
    )


def mark_years_changed(years) -> None:
    """Record that records dated in `years` changed (closed years only): now,
    and again when the transaction commits (a report computed meanwhile
    from the data before the commit is not kept under the new mark)."""
    closed = {year for year in years if year is not None and year < today().year}
    if not closed:
        return
    connection_ = transaction.get_connection()
    if not connection_.in_atomic_block:
        _mark(closed)
        return
    # The transaction's pending mark, if any (Django drops it on rollback).
    pending = next((f for _sids, f, _robust in connection_.run_on_commit if isinstance(f, _CommitMark)), None)
    if pending is None:
        pending = _CommitMark()
        transaction.on_commit(pending)
    if pending.kept != _KEPT[0]:
        # Figures were kept since (this transaction's data read): mark again.
        pending.years, pending.kept = set(), _KEPT[0]
    new = closed - pending.years
    if new:
        _mark(new)
        pending.years |= new


def _years_touched(label: str, years) -> set[int]:
    """The years whose figures a row of `label` dated in `years` enters."""
    _field, later = DATED[label]
    years = {year for year in years if year is not None}
    if later and years:
        years = set(range(min(years), today().year))
    return years


def _remember_day(sender, instance, **kwargs) -> None:
    field, _later = DATED[sender._meta.label]
    instance._report_day = instance.__dict__.get(field)


def _on_write(sender, instance, **kwargs) -> None:
    field, _later = DATED[sender._meta.label]
    days = {instance.__dict__.get(field), getattr(instance, "_report_day", None)}
    mark_years_changed(_years_touched(sender._meta.label, {day.year for day in days if day is not None}))
    instance._report_day = instance.__dict__.get(field)


def _on_workers(sender, instance, reverse=False, **kwargs) -> None:
    Visit = apps.get_model("tenants.Visit")
    if isinstance(instance, Visit):
        mark_years_changed(_years_touched("tenants.Visit", {instance.date.year}))
    elif kwargs.get("action", "").startswith("post_"):
        # From the worker's side: the years of the visits named.
        pks = kwargs.get("pk_set") or ()
        days = Visit.objects.filter(pk__in=pks).values_list("date", flat=True) if pks else []
        mark_years_changed(_years_touched("tenants.Visit", {day.year for day in days}))


def _on_rows_written(sender, years, **kwargs) -> None:
    mark_years_changed(years)


def connect_signals() -> None:
    from django.db.models import signals

    from smes.signals import rows_written

    rows_written.connect(_on_rows_written, dispatch_uid="reports-rows-written")

    for label in DATED:
        model = apps.get_model(label)
        signals.post_init.connect(_remember_day, sender=model, dispatch_uid=f"reports-day-{label}")
        signals.post_save.connect(_on_write, sender=model, dispatch_uid=f"reports-save-{label}")
        signals.post_delete.connect(_on_write, sender=model, dispatch_uid=f"reports-delete-{label}")
    through = apps.get_model("tenants.Visit").workers.through
    signals.m2m_changed.connect(_on_workers, sender=through, dispatch_uid="reports-visit-workers")
