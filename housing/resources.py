"""Interchange resources of partners.csv, dwellings.csv, leases.csv, moves.csv
(docs/format.md §1, 2, 7, 8), on the pattern of tenants/resources.py.

Moves are written through `housing.services.move_record` / `move_update`, so
an imported row obeys exactly the rules of the move form (a violating row is
a row error naming its column) and the derived stays stay consistent.
"""

from __future__ import annotations

import datetime as dt

import tablib
from django.core.exceptions import ValidationError
from import_export.fields import Field

from housing.models import (
    MSG_DWELLING_CODE_TAKEN,
    MSG_LEASE_TAKEN,
    MSG_PARTNER_NAME_TAKEN,
    Commune,
    Dwelling,
    ExitTo,
    Lease,
    LeaseKind,
    Move,
    MoveKind,
    Partner,
    PartnerKind,
)
from housing.services import MSG_SAME_DAY, fmt_date, move_record, move_update
from smes.interchange.resources import InterchangeResource
from smes.interchange.widgets import (
    CodeForeignKeyWidget,
    CodeWidget,
    DateWidget,
    DecimalWidget,
    IntWidget,
    TextWidget,
)
from tenants.models import Tenant

# On one day, moves that free a place go before those that take one, so that a
# same-day hand-over of a dwelling imports whatever the order of the file.
_KIND_ORDER = {MoveKind.EXIT: 0, MoveKind.TRANSFER: 1, MoveKind.ENTRY: 2}


def _shown_date(value: str) -> str:
    try:
        return fmt_date(dt.date.fromisoformat(value[:10]))
    except ValueError:
        return value


class PartnerResource(InterchangeResource):
    name = Field(attribute="name", column_name="name", widget=TextWidget())
    kind = Field(attribute="kind", column_name="kind", widget=CodeWidget(PartnerKind.choices))
    via = Field(attribute="via", column_name="via", widget=TextWidget())

    required_columns = ("name", "kind")
    duplicate_message = ("name", MSG_PARTNER_NAME_TAKEN, lambda c: {"name": c["name"]})
    export_ordering = ("name",)

    class Meta:
        model = Partner
        fields = ("name", "kind", "via")
        import_id_fields = ("name",)
        clean_model_instances = True
        skip_unchanged = False
        report_skipped = True
        skip_diff = True


class DwellingResource(InterchangeResource):
    code = Field(attribute="code", column_name="code", widget=TextWidget())
    partner = Field(
        attribute="partner", column_name="partner", widget=CodeForeignKeyWidget(Partner, "name", label="partenaire")
    )
    address = Field(attribute="address", column_name="address", widget=TextWidget())
    postcode = Field(attribute="postcode", column_name="postcode", widget=TextWidget())
    commune = Field(attribute="commune", column_name="commune", widget=CodeWidget(Commune.choices))
    # Optional column (issue 13): absent, a new dwelling holds 1 and an
    # existing one keeps its capacity.
    capacity = Field(attribute="capacity", column_name="capacity", widget=IntWidget(required=True, minimum=1))

    required_columns = ("code", "partner", "address", "postcode", "commune")
    duplicate_message = ("code", MSG_DWELLING_CODE_TAKEN, lambda c: {"code": c["code"]})
    export_ordering = ("code",)

    class Meta:
        model = Dwelling
        fields = ("code", "partner", "address", "postcode", "commune", "capacity")
        import_id_fields = ("code",)
        clean_model_instances = True
        skip_unchanged = False
        report_skipped = True
        skip_diff = True


class LeaseResource(InterchangeResource):
    dwelling = Field(
        attribute="dwelling", column_name="dwelling", widget=CodeForeignKeyWidget(Dwelling, "code", label="logement")
    )
    tenant = Field(
        attribute="tenant", column_name="tenant", widget=CodeForeignKeyWidget(Tenant, "code", label="locataire")
    )
    kind = Field(attribute="kind", column_name="kind", widget=CodeWidget(LeaseKind.choices))
    start = Field(attribute="start", column_name="start", widget=DateWidget())
    end = Field(attribute="end", column_name="end", widget=DateWidget(required=False))
    # No minimum in the widget: the model says "Le loyer ne peut pas être négatif."
    rent = Field(attribute="rent", column_name="rent", widget=DecimalWidget())
    charges = Field(attribute="charges", column_name="charges", widget=DecimalWidget())

    required_columns = ("dwelling", "tenant", "kind", "start", "rent")
    duplicate_message = (
        "start",
        MSG_LEASE_TAKEN,
        lambda c: {"tenant": c["tenant"], "dwelling": c["dwelling"], "date": _shown_date(c["start"])},
    )
    export_ordering = ("tenant__code", "start", "dwelling__code")

    class Meta:
        model = Lease
        fields = ("dwelling", "tenant", "kind", "start", "end", "rent", "charges")
        import_id_fields = ("dwelling", "tenant", "start")
        clean_model_instances = True
        skip_unchanged = False
        report_skipped = True
        skip_diff = True


class MoveResource(InterchangeResource):
    tenant = Field(
        attribute="tenant", column_name="tenant", widget=CodeForeignKeyWidget(Tenant, "code", label="locataire")
    )
    date = Field(attribute="date", column_name="date", widget=DateWidget())
    kind = Field(attribute="kind", column_name="kind", widget=CodeWidget(MoveKind.choices))
    dwelling = Field(
        attribute="dwelling",
        column_name="dwelling",
        widget=CodeForeignKeyWidget(Dwelling, "code", label="logement", required=False),
    )
    exit_to = Field(attribute="exit_to", column_name="exit_to", widget=CodeWidget(ExitTo.choices, required=False))

    required_columns = ("tenant", "date", "kind")
    export_ordering = ("date", "tenant__code")
    check_duplicate_keys = False  # before_import_row says it in the words of the move form

    class Meta:
        model = Move
        fields = ("tenant", "date", "kind", "dwelling", "exit_to")
        import_id_fields = ("tenant", "date")
        # move_record / move_update run the field checks and every rule of
        # moves; running full_clean() first as well would only repeat them.
        clean_model_instances = False
        skip_unchanged = False
        report_skipped = True
        skip_diff = True

    def before_import_row(self, row, **kwargs):
        # (tenant, date) is the key, so a second row of one file with the same
        # key would silently overwrite the first: one move per tenant per day.
        duplicate_of = self._duplicates.get(kwargs.get("row_number"))
        if duplicate_of is not None:
            date, kind = duplicate_of
            label = MoveKind(kind).label if kind in MoveKind.values else kind
            raise ValidationError({"date": [MSG_SAME_DAY % {"date": date, "kind": label}]})
        super().before_import_row(row, **kwargs)

    def do_instance_save(self, instance, is_create):
        if is_create:
            instance.pk = move_record(
                tenant=instance.tenant,
                date=instance.date,
                kind=instance.kind,
                dwelling=instance.dwelling,
                exit_to=instance.exit_to,
                note=instance.note,
            ).pk
        else:
            move_update(move=instance)

    def import_data(self, dataset, *args, **kwargs):
        """Apply the rows in the order history happened (by date), then give
        the results back in file order so that errors keep their line."""
        order = self._chronological_order(dataset)
        duplicates = self._file_duplicates(dataset)
        self._duplicates = {pos + 1: duplicates[i] for pos, i in enumerate(order) if i in duplicates}
        if order == list(range(len(dataset))):
            return super().import_data(dataset, *args, **kwargs)
        ordered = tablib.Dataset(*[dataset[i] for i in order], headers=dataset.headers)
        result = super().import_data(ordered, *args, **kwargs)
        position = {sorted_pos: original for sorted_pos, original in enumerate(order)}
        rows = [None] * len(result.rows)
        for sorted_pos, row_result in enumerate(result.rows):
            rows[position[sorted_pos]] = row_result
        result.rows = rows
        for invalid in result.invalid_rows:
            invalid.number = position[invalid.number - 1] + 1
        for error_row in result.error_rows:
            error_row.number = position[error_row.number - 1] + 1
        return result

    @staticmethod
    def _file_duplicates(dataset) -> dict[int, tuple[str, str]]:
        """Rows repeating the (tenant, date) of an earlier row of the file:
        index -> (date shown, kind of the earlier row)."""
        headers = list(dataset.headers or [])
        if "tenant" not in headers or "date" not in headers:
            return {}
        t_at, d_at = headers.index("tenant"), headers.index("date")
        k_at = headers.index("kind") if "kind" in headers else None
        seen: dict[tuple[str, str], str] = {}
        out = {}
        for i, row in enumerate(dataset):
            key = (str(row[t_at] or "").strip(), str(row[d_at] or "").strip()[:10])
            if not all(key):
                continue
            if key in seen:
                try:
                    shown = fmt_date(dt.date.fromisoformat(key[1]))
                except ValueError:
                    shown = key[1]
                out[i] = (shown, seen[key])
            else:
                seen[key] = str(row[k_at] or "").strip() if k_at is not None else ""
        return out

    @staticmethod
    def _chronological_order(dataset) -> list[int]:
        headers = list(dataset.headers or [])
        if "date" not in headers:
            return list(range(len(dataset)))
        date_at, kind_at = headers.index("date"), headers.index("kind") if "kind" in headers else None

        def key(i: int):
            row = dataset[i]
            # ISO dates sort as text; a malformed one keeps its place at the end.
            date = str(row[date_at] or "")[:10]
            kind = str(row[kind_at] or "").strip() if kind_at is not None else ""
            return (date, _KIND_ORDER.get(kind, 3), i)

        return sorted(range(len(dataset)), key=key)
