"""Interchange resource of visits.csv (docs/format.md §9).

Columns and widgets follow smes/interchange/resources.py. Visits have no
key: a row identical in every column to a recorded visit IS that visit, and
identical rows of one file are matched in order against the recorded ones
(two identical phone calls on one day stay two); any other row is new. A
re-import therefore changes nothing.

The file may hold 100,000 rows (ten years of a team), so the import does
not go row by row through django-import-export's save pipeline:
`import_data_inner` cleans every cell with the strict widgets, validates
every visit with `tenants.visits.services.visit_check` (the same rules as the
forms: durations, motives, follow-up period, no future date once it
happened; it runs no SQL), matches rows against the visits recorded in the
file's date range (two queries up front, not one per row), then writes the
new visits and their workers with bulk inserts — history included
(simple-history's `bulk_create_with_history`; the m2m history of workers is
not written for imported rows). Nothing is written when any row is bad or
on a dry run; errors are reported per row and column like every other file.
"""

from __future__ import annotations

import logging
from collections import defaultdict, deque

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from import_export.fields import Field
from import_export.results import RowResult
from import_export.widgets import Widget

from smes.interchange.outcome import FileReport, RowError
from smes.interchange.resources import InterchangeResource
from smes.interchange.widgets import CodeForeignKeyWidget, CodeWidget, DateWidget, IntWidget, MultiCodeWidget
from smes.lib.bulkcopy import copy_create, copy_history, copy_links, values_where_in
from smes.lib.dates import same_day
from tenants.models import MOTIVE_FIELDS, Motive, Tenant, Visit, VisitKind, VisitStatus
from tenants.visits.services import visit_check

COLUMNS = ("tenant", "date", "kind", "status", "duration_min", "travel_min", "workers", "motives")

logger = logging.getLogger(__name__)


class UsernamesWidget(Widget):
    """`;`-separated usernames; an unknown one is a row error. Accounts are
    loaded once per import."""

    def __init__(self, **kwargs):
        self._cache: dict[str, object] | None = None
        super().__init__(**kwargs)

    def reset(self) -> None:
        self._cache = None

    def clean(self, value, row=None, **kwargs) -> list:
        text = "" if value is None else str(value).strip()
        names = list(dict.fromkeys(n.strip() for n in text.split(";") if n.strip()))
        if not names:
            return []
        if self._cache is None:
            self._cache = {u.username: u for u in get_user_model().objects.only("pk", "username")}
        unknown = [n for n in names if n not in self._cache]
        if unknown:
            raise ValueError(f"intervenant·e inconnu·e « {';'.join(unknown)} » (nom d'utilisateur attendu)")
        return [self._cache[n] for n in names]

    def render(self, value, obj=None, **kwargs) -> str:
        if value is None:
            return ""
        return ";".join(sorted(u.username for u in value.all()))


def signature(tenant_id, date, kind, status, duration, travel, motives, worker_ids) -> tuple:
    """Every column of a row, canonical: what "identical" means."""
    return (tenant_id, date, kind, status, duration, travel, frozenset(motives), frozenset(worker_ids))


class VisitResource(InterchangeResource):
    tenant = Field(
        attribute="tenant", column_name="tenant", widget=CodeForeignKeyWidget(Tenant, "code", label="locataire")
    )
    date = Field(attribute="date", column_name="date", widget=DateWidget())
    kind = Field(attribute="kind", column_name="kind", widget=CodeWidget(VisitKind.choices))
    status = Field(attribute="status", column_name="status", widget=CodeWidget(VisitStatus.choices))
    duration_min = Field(attribute="duration_min", column_name="duration_min", widget=IntWidget())
    travel_min = Field(attribute="travel_min", column_name="travel_min", widget=IntWidget())
    workers = Field(attribute="workers", column_name="workers", widget=UsernamesWidget())
    motives = Field(attribute="motives", column_name="motives", widget=MultiCodeWidget(Motive.choices))

    required_columns = ("tenant", "date", "kind", "status")
    error_columns = {field: "motives" for field in MOTIVE_FIELDS.values()}
    export_ordering = ("date", "tenant__code", "pk")

    class Meta:
        model = Visit
        fields = COLUMNS
        import_id_fields = ()
        clean_model_instances = True
        skip_unchanged = False
        report_skipped = True
        skip_diff = True

    def get_queryset(self):
        return super().get_queryset().select_related("tenant").prefetch_related("workers")

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.fields["workers"].widget.reset()

    # -- export ------------------------------------------------------------
    def export_column(self, name, field):
        from tenants.resources import flags_column

        if name == "motives":
            return flags_column(field.widget, MOTIVE_FIELDS)
        if name == "workers":
            # The workers of each chunk of visits (export_prepare): one query
            # per 2,000 visits, never the whole link table in memory.
            self._workers: dict[int, list[str]] = {}
            return ["pk"], lambda pk: ";".join(sorted(self._workers.get(pk, ())))
        return super().export_column(name, field)

    def export_prepare(self, pks: list) -> None:
        links = values_where_in(Visit.workers.through, ("visit_id", "user_id"), "visit_id", pks)
        names = getattr(self, "_usernames", None)
        if names is None or any(user_id not in names for _visit, user_id in links):
            # The accounts, read again only if one appeared during the export.
            names = self._usernames = dict(get_user_model().objects.values_list("pk", "username"))
        workers: dict[int, list[str]] = defaultdict(list)
        for visit_id, user_id in links:
            workers[visit_id].append(names[user_id])
        self._workers = workers

    # -- import ------------------------------------------------------------
    def _clean_row(self, row: dict) -> tuple[dict, dict]:
        values: dict = {"duration_min": None, "travel_min": None, "workers": [], "motives": []}
        errors: dict[str, list[str]] = {}
        for name in COLUMNS:
            field = self.fields[name]
            if field.column_name not in row:
                continue
            try:
                values[name] = field.widget.clean(row[field.column_name], row=row)
            except ValueError as exc:
                errors[name] = [str(exc)]
        return values, errors

    def _validate(self, values: dict, errors: dict) -> Visit:
        visit = Visit(
            date=values.get("date"),
            kind=values.get("kind") or "",
            status=values.get("status") or "",
            duration_min=values["duration_min"],
            travel_min=values["travel_min"],
        )
        if values.get("tenant") is not None:
            visit.tenant = values["tenant"]
        try:
            visit_check(visit, values["motives"])
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                if key not in errors:  # the cell's own error says it better
                    errors[key] = messages
        return visit

    @staticmethod
    def _recorded(visits, *, up_to: int | None = None, consumed: set | frozenset = frozenset()) -> dict[tuple, deque]:
        """Visits recorded for the file's tenants in the file's date range, by
        signature, oldest first: two queries per 500 tenants of the file.

        Only the file's tenants: a visit of another tenant can never match,
        and reading every tenant's visits made a 100,000-row file load all
        4.5 million visits of a large database (benchmarks/: 358 rows/s).

        A streamed import (import_stream) asks chunk by chunk: `up_to` leaves
        out the visits it wrote itself (primary keys above the largest one
        recorded before it), `consumed` those earlier chunks matched.
        """
        pool: dict[tuple, deque] = defaultdict(deque)
        if not visits:
            return pool
        dates = [visit.date for visit in visits]
        span = (min(dates), max(dates))
        # Only a visit of the same tenant on the same day can match a row:
        # the others of the span are skipped before their signature is built
        # and their workers are never read (a file spread over ten years
        # read every visit of its tenants, chunk after chunk).
        days = {(visit.tenant_id, visit.date) for visit in visits}
        tenants = sorted({visit.tenant_id for visit in visits})
        codes = list(MOTIVE_FIELDS)
        for first in range(0, len(tenants), 500):
            chunk = tenants[first : first + 500]
            recorded = Visit.objects.filter(tenant_id__in=chunk, date__range=span)
            if up_to is not None:
                recorded = recorded.filter(pk__lte=up_to)
            rows = [
                row
                for row in recorded.order_by("pk").values_list(
                    "pk", "tenant_id", "date", "kind", "status", "duration_min", "travel_min", *MOTIVE_FIELDS.values()
                )
                if (row[1], row[2]) in days and row[0] not in consumed
            ]
            workers: dict[int, list[int]] = defaultdict(list)
            through = Visit.workers.through
            for visit_id, user_id in values_where_in(
                through, ("visit_id", "user_id"), "visit_id", [r[0] for r in rows]
            ):
                workers[visit_id].append(user_id)
            for pk, tenant_id, date, kind, status, duration, travel, *flags in rows:
                motives = [code for code, flag in zip(codes, flags, strict=True) if flag]
                key = signature(tenant_id, date, kind, status, duration, travel, motives, workers.get(pk, []))
                pool[key].append(pk)
        return pool

    def import_data_inner(self, dataset, dry_run, raise_errors, using_transactions, collect_failed_rows, **kwargs):
        result = self.get_result_class()()
        result.diff_headers = self.get_diff_headers()
        result.total_rows = len(dataset)
        try:
            self.before_import(dataset, **kwargs)
        except Exception as exc:  # noqa: BLE001 — reported, as the base class does
            self.handle_import_error(result, exc, raise_errors)
            return result

        headers = list(dataset.headers or [])
        parsed = []
        for number, values in enumerate(dataset, 1):
            row = dict(zip(headers, values, strict=False))
            cleaned, errors = self._clean_row(row)
            visit = self._validate(cleaned, errors)
            row_result = RowResult()
            if errors:
                row_result.import_type = RowResult.IMPORT_TYPE_INVALID
                row_result.validation_error = ValidationError(errors)
                result.append_invalid_row(number, row, row_result.validation_error)
            else:
                parsed.append((row_result, visit, cleaned))
            result.append_row_result(row_result)

        pool = self._recorded([visit for _r, visit, _c in parsed])
        new: list[tuple[Visit, list]] = []
        for row_result, visit, cleaned in parsed:
            key = signature(
                visit.tenant_id,
                visit.date,
                visit.kind,
                visit.status,
                visit.duration_min,
                visit.travel_min,
                cleaned["motives"],
                [u.pk for u in cleaned["workers"]],
            )
            recorded = pool.get(key)
            if recorded:
                row_result.import_type = RowResult.IMPORT_TYPE_SKIP
                row_result.object_id = recorded.popleft()
            else:
                row_result.import_type = RowResult.IMPORT_TYPE_NEW
                row_result.instance = visit  # the admin's log entry reads its pk once written
                new.append((visit, cleaned["workers"]))
        for row_result in result.rows:
            result.increment_row_result_total(row_result)

        if new and not dry_run and not result.invalid_rows:
            try:
                self._write(new)
            except Exception as exc:  # noqa: BLE001 — becomes a base error; the engine rolls back
                # The kind of error only: a database message may quote the row.
                logger.error("visits.csv: writing %d visits failed (%s), rolled back", len(new), type(exc).__name__)
                self.handle_import_error(result, exc, raise_errors)
        return result

    def _write(self, new: list[tuple[Visit, list]]) -> None:
        """The new visits, their "created" history rows (who imported them,
        from which file: the change reason) and their workers; through COPY
        on PostgreSQL (smes/lib/bulkcopy.py)."""
        from smes.signals import rows_written

        visits = copy_create(Visit, [v for v, _w in new])
        # COPY sends no post_save: say which years were written (the report's kept figures).
        rows_written.send(sender=Visit, years={visit.date.year for visit in visits})
        actor = getattr(self, "actor", None)
        source = getattr(self, "source_name", None)
        copy_history(
            Visit,
            visits,
            user_id=actor.pk if actor is not None else None,
            reason=f"import {source}" if source else "import",
        )
        copy_links(
            Visit.workers.through,
            ((visit.pk, user.pk) for visit, (_v, workers) in zip(visits, new, strict=True) for user in workers),
            ("visit", "user"),
        )

    # -- streamed import (the engine's path for visits.csv) ------------------
    #: Rows validated, matched and written together.
    STREAM_CHUNK = 20_000

    def import_stream(self, filename: str, headers: list[str], numbered_rows) -> tuple[FileReport, list[RowError]]:
        """Import `(values, line)` rows chunk by chunk: each row cleaned and
        checked as import_data_inner does (same messages), matched against
        the recorded visits, the new ones written. Memory holds one chunk."""
        self.fields["tenant"].widget.reset()
        self.fields["workers"].widget.reset()
        up_to = Visit.objects.aggregate(top=Max("pk"))["top"] or 0
        consumed: set[int] = set()
        report = FileReport(file=filename)
        errors: list[RowError] = []
        with same_day():
            self._stream(filename, headers, numbered_rows, report, errors, up_to, consumed)
        return report, errors

    def _stream(self, filename, headers, numbered_rows, report, errors, up_to, consumed) -> None:
        chunk: list = []
        for item in numbered_rows:
            chunk.append(item)
            if len(chunk) >= self.STREAM_CHUNK:
                self._stream_chunk(filename, headers, chunk, report, errors, up_to, consumed)
                chunk = []
        if chunk:
            self._stream_chunk(filename, headers, chunk, report, errors, up_to, consumed)

    def _stream_chunk(self, filename, headers, chunk, report, errors, up_to, consumed) -> None:
        parsed = []
        chunk_errors: list[RowError] = []
        for values, line in chunk:
            row = dict(zip(headers, values, strict=False))
            cleaned, row_errors = self._clean_row(row)
            visit = self._validate(cleaned, row_errors)
            if row_errors:
                for column, message in self.errors_by_column(ValidationError(row_errors)):
                    chunk_errors.append(RowError(filename, line, column, message))
            else:
                parsed.append((visit, cleaned))
        report.rows += len(chunk)
        chunk_errors.sort(key=lambda e: (e.line, e.column))
        errors.extend(chunk_errors)
        pool = self._recorded([visit for visit, _c in parsed], up_to=up_to, consumed=consumed)
        new: list[tuple[Visit, list]] = []
        for visit, cleaned in parsed:
            key = signature(
                visit.tenant_id,
                visit.date,
                visit.kind,
                visit.status,
                visit.duration_min,
                visit.travel_min,
                cleaned["motives"],
                [u.pk for u in cleaned["workers"]],
            )
            recorded = pool.get(key)
            if recorded:
                consumed.add(recorded.popleft())
                report.unchanged += 1
            else:
                new.append((visit, cleaned["workers"]))
                report.new += 1
        if new and not errors:  # after a bad row nothing more is written: it all rolls back
            try:
                with transaction.atomic():  # a failed write leaves the transaction usable for the next checks
                    self._write(new)
            except Exception as exc:  # noqa: BLE001 — reported as the base class does; the engine rolls back
                errors.append(RowError(filename, 1, "*", str(exc)))
