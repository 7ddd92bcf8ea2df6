"""Base resource of the interchange files.

Subclasses declare their columns as import-export `Field`s with
`column_name` exactly as in the spec and the strict widgets of
`smes.interchange.widgets`, `Meta.model`, `Meta.fields` (= the columns, in
spec order) and `Meta.import_id_fields` (the key; none for visits and stock
movements, which match identical rows — see tenants/visits/resources.py).

Validation: `clean_model_instances` runs the model's `full_clean()` (field
validators, `clean()`, constraints) on every row; rules that span several
rows or models go through the app's service functions, called from
`save_instance()`. Any ValidationError becomes a row error naming the
column; nothing of the import is written when any row is bad.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from import_export import resources

from smes.interchange.widgets import CodeForeignKeyWidget


class InterchangeResource(resources.ModelResource):
    #: Columns that must be present in the header (others are optional).
    required_columns: tuple[str, ...] = ()
    #: Model field names (or error keys) -> spec column, where they differ.
    error_columns: dict[str, str] = {}
    #: Order of the export (model field names).
    export_ordering: tuple[str, ...] = ("pk",)
    #: The app's service-level rules, each `check(instance)` raising a
    #: ValidationError: the same functions the forms and the admin call.
    row_checks: tuple = ()

    class Meta:
        abstract = True
        clean_model_instances = True
        skip_unchanged = False
        report_skipped = True
        skip_diff = True
        use_transactions = True

    # -- columns -----------------------------------------------------------
    @classmethod
    def columns(cls) -> list[str]:
        resource = cls()
        return [resource.fields[name].column_name for name in resource.get_export_order()]

    def column_for(self, key: str) -> str:
        if key in self.error_columns:
            return self.error_columns[key]
        for field in self.fields.values():
            if field.attribute == key:
                return field.column_name
        if key == NON_FIELD_ERRORS:
            return "*"
        return key

    def errors_by_column(self, error: ValidationError) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if hasattr(error, "error_dict"):
            for key, errors in error.error_dict.items():
                for e in errors:
                    for message in e.messages if isinstance(e, ValidationError) else [str(e)]:
                        out.append((self.column_for(key), message))
        else:
            for message in error.messages:
                out.append(("*", message))
        return out

    # -- import hooks ------------------------------------------------------
    def before_import(self, dataset, **kwargs):
        for field in self.fields.values():
            if isinstance(field.widget, CodeForeignKeyWidget):
                field.widget.reset()
        super().before_import(dataset, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        super().validate_instance(instance, import_validation_errors, validate_unique)
        for check in self.row_checks:
            check(instance)

    def get_instance(self, instance_loader, row):
        # The key lookup cleans the key columns before import_instance() does;
        # report a bad cell there as a row error naming its column (with the
        # other bad cells of the row), not as a crash.
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            errors = {}
            for field in self.get_import_fields():
                if field.column_name in row:
                    try:
                        field.clean(row)
                    except ValueError as exc:
                        errors[field.attribute] = [str(exc)]
            raise ValidationError(errors or {NON_FIELD_ERRORS: [gettext("clé invalide")]})

    def save_instance(self, instance, is_create, row, **kwargs):
        # A row that breaks a database constraint is a row error, not a crash.
        try:
            with transaction.atomic():
                super().save_instance(instance, is_create, row, **kwargs)
        except IntegrityError as exc:
            raise ValidationError(
                {NON_FIELD_ERRORS: [gettext("contrainte de la base de données violée (%(error)s)") % {"error": exc}]}
            )

    # -- export ------------------------------------------------------------
    def get_queryset(self):
        return super().get_queryset().order_by(*self.export_ordering)

    #: Rows read per database round trip by `export_rows`.
    export_chunk = 2000

    def export_column(self, name: str, field):
        """How to write one column: (value paths read with values_list,
        render(*values) -> cell text). Override for a column that is not a
        plain model field (a property, a many-to-many)."""
        widget = field.widget
        if isinstance(widget, CodeForeignKeyWidget):
            key = widget.field
            return [f"{field.attribute}__{key}"], _text_or_empty
        self._meta.model._meta.get_field(field.attribute)  # a subclass must override anything else
        return [field.attribute], widget.render

    def export_rows(self):
        """The export's rows, as the cells `resource.export()` gives, read
        with values_list() in chunks: a few queries per file, memory flat,
        no model instance (issue 12: 48 s -> a few seconds on the demo)."""
        plan = [self.export_column(name, self.fields[name]) for name in self.get_export_order()]
        paths: list[str] = []
        for columns, _render in plan:
            paths.extend(p for p in columns if p not in paths)
        steps = [(tuple(paths.index(p) for p in columns), render) for columns, render in plan]
        queryset = self._meta.model._default_manager.order_by(*self.export_ordering).values_list(*paths)
        pk_at = paths.index("pk") if "pk" in paths else None
        chunk: list[tuple] = []
        # On PostgreSQL iterator() reads through a server-side cursor: memory
        # stays flat whatever the table's size.
        for values in queryset.iterator(chunk_size=self.export_chunk):
            chunk.append(values)
            if len(chunk) >= self.export_chunk:
                yield from self._render_chunk(chunk, steps, pk_at)
                chunk = []
        if chunk:
            yield from self._render_chunk(chunk, steps, pk_at)

    def export_prepare(self, pks: list) -> None:
        """Called before each chunk of rows is written, with their primary
        keys (when a column reads "pk"): load what those rows need from
        other tables (the workers of 2,000 visits), so that nothing grows
        with the table."""

    def _render_chunk(self, chunk, steps, pk_at):
        if pk_at is not None:
            self.export_prepare([values[pk_at] for values in chunk])
        single = all(len(at) == 1 for at, _render in steps)
        if single:  # the common case: one value per column, no argument list to build
            plan = [(at[0], render) for at, render in steps]
            for values in chunk:
                yield [render(values[i]) for i, render in plan]
            return
        for values in chunk:
            yield [render(*[values[i] for i in at]) for at, render in steps]


def _text_or_empty(value) -> str:
    return "" if value is None else str(value)
