"""Interchange resources of rdr_items.csv and rdr_movements.csv
(docs/format.md §10–11), on the pattern of
smes/interchange/resources.py.

Items are keyed by code: re-importing updates name, category and unit (and
name_nl, unit_nl when the file has those optional columns) and
leaves the threshold, the active flag and the order set in the application.

Movements have no key. A row identical in every column to a recorded
movement is that movement (identical rows of one file are matched in order,
so two identical distributions on one day stay two); any other row is new.
New rows are not saved one by one: they are handed together, at the end of
the file, to `harmreduction.services.movements_import`, which writes them
and checks every item's balance at every date — a file that would drive the
stock below zero is refused, naming the row.
"""

from __future__ import annotations

from collections import defaultdict, deque

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Max
from import_export.fields import Field

from harmreduction.models import Category, Item, Movement, MovementKind
from harmreduction.services import ImportedMovement, StockImportError, movements_import
from smes.interchange.resources import InterchangeResource
from smes.interchange.widgets import CodeForeignKeyWidget, CodeWidget, DateWidget, IntWidget, TextWidget
from tenants.models import Tenant


class ItemResource(InterchangeResource):
    code = Field(attribute="code", column_name="code", widget=TextWidget())
    name = Field(attribute="name", column_name="name", widget=TextWidget())
    category = Field(attribute="category", column_name="category", widget=CodeWidget(Category.choices))
    unit = Field(attribute="unit", column_name="unit", widget=TextWidget())
    # Optional columns (issue 12): a file without them leaves them as they are.
    name_nl = Field(attribute="name_nl", column_name="name_nl", widget=TextWidget())
    unit_nl = Field(attribute="unit_nl", column_name="unit_nl", widget=TextWidget())

    required_columns = ("code",)
    export_ordering = ("position", "code")

    class Meta:
        model = Item
        fields = ("code", "name", "category", "unit", "name_nl", "unit_nl")
        import_id_fields = ("code",)
        clean_model_instances = True
        skip_unchanged = False
        report_skipped = True
        skip_diff = True

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._next_position = (Item.objects.aggregate(m=Max("position"))["m"] or 0) + 10

    def before_save_instance(self, instance, row, **kwargs):
        # A new item goes to the end of the catalogue, in file order.
        if instance.pk is None:
            instance.position = self._next_position
            self._next_position += 10
        super().before_save_instance(instance, row, **kwargs)


def _key(date, item_id, kind, quantity, tenant_id) -> tuple:
    return (date, item_id, kind, quantity, tenant_id)


class MovementResource(InterchangeResource):
    date = Field(attribute="date", column_name="date", widget=DateWidget())
    item = Field(attribute="item", column_name="item", widget=CodeForeignKeyWidget(Item, "code", label="matériel"))
    kind = Field(attribute="kind", column_name="kind", widget=CodeWidget(MovementKind.choices))
    quantity = Field(attribute="quantity", column_name="quantity", widget=IntWidget(required=True))
    tenant = Field(
        attribute="tenant",
        column_name="tenant",
        widget=CodeForeignKeyWidget(Tenant, "code", label="locataire", required=False),
    )

    required_columns = ("date", "item", "kind", "quantity")
    export_ordering = ("date", "id")

    class Meta:
        model = Movement
        fields = ("date", "item", "kind", "quantity", "tenant")
        import_id_fields = ()
        clean_model_instances = True
        skip_unchanged = False
        report_skipped = True
        skip_diff = True

    def get_queryset(self):
        return super().get_queryset().select_related("item", "tenant")

    # -- matching identical rows -------------------------------------------
    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # Recorded movements by their columns, oldest first: each identical
        # row of the file takes the next one.
        self._recorded: dict[tuple, deque] = defaultdict(deque)
        for pk, *columns in Movement.objects.order_by("date", "id").values_list(
            "pk", "date", "item_id", "kind", "quantity", "tenant_id"
        ):
            self._recorded[_key(*columns)].append(pk)
        self._pending: list[ImportedMovement] = []
        self._rows: dict[int, dict] = {}

    def _clean_row(self, row):
        values = {}
        for name in ("date", "item", "kind", "quantity", "tenant"):
            field = self.fields[name]
            values[name] = field.clean(row) if field.column_name in row else None
        return values

    def get_instance(self, instance_loader, row):
        try:
            v = self._clean_row(row)
        except ValueError:
            return None  # a new row; import_instance reports the bad cell
        key = _key(
            v["date"],
            v["item"].pk if v["item"] else None,
            v["kind"],
            v["quantity"],
            v["tenant"].pk if v["tenant"] else None,
        )
        recorded = self._recorded.get(key)
        if not recorded:
            return None
        return Movement(
            pk=recorded.popleft(),
            date=v["date"],
            item=v["item"],
            kind=v["kind"],
            quantity=v["quantity"],
            tenant=v["tenant"],
        )

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # A matched row is the recorded movement: nothing to write.
        return instance.pk is not None and not import_validation_errors

    # -- writing through the service ---------------------------------------
    def save_instance(self, instance, is_create, row, **kwargs):
        number = kwargs["row_number"]
        self._rows[number] = row
        self._pending.append(
            ImportedMovement(
                row=number,
                date=instance.date,
                item=instance.item,
                kind=instance.kind,
                quantity=instance.quantity,
                tenant=instance.tenant,
            )
        )

    def after_import(self, dataset, result, **kwargs):
        if not (result.has_errors() or result.has_validation_errors()) and self._pending:
            try:
                movements_import(self._pending)
            except StockImportError as exc:
                result.append_invalid_row(
                    exc.row, self._rows.get(exc.row, {}), ValidationError({"quantity": exc.messages})
                )
            except ValidationError as exc:
                result.append_invalid_row(
                    self._pending[0].row,
                    self._rows.get(self._pending[0].row, {}),
                    ValidationError({NON_FIELD_ERRORS: exc.messages}),
                )
        super().after_import(dataset, result, **kwargs)
