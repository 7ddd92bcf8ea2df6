"""Bulk writes through PostgreSQL's COPY (issue 16: an import of 100,000
visits spent most of its time in Django building INSERT statements).

`copy_create(model, objs)` writes new model instances, their primary keys
drawn from the table's own sequence first (one query), with `COPY … FROM
STDIN` through psycopg; `copy_history(model, objs, …)` writes their
django-simple-history "created" rows the same way, so that the audit trail
reads exactly as after `bulk_create_with_history`. On another database
both fall back to Django's bulk_create (the tests' SQLite).
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, models
from django.utils import timezone

#: Rows per bulk_create batch where COPY is not available.
BATCH = 1000


def copy_available() -> bool:
    return connection.vendor == "postgresql"


def reserve_ids(model: type[models.Model], n: int) -> list[int]:
    """`n` new primary keys from the table's sequence (the ones an INSERT
    would have taken)."""
    if n == 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, n],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(table: str, columns: list[str], rows) -> None:
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


# Fields whose Python value psycopg adapts itself (Django's get_db_prep_save
# was half of the COPY's time, mostly checking time zones of datetimes).
_NATIVE = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateField",
        "DateTimeField",
        "ForeignKey",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
        "TimeField",
        "UUIDField",
    }
)


def _native(field) -> bool:
    if field.is_relation:
        field = field.target_field
    return field.get_internal_type() in _NATIVE


def _row_maker(fields):
    """obj -> the row's values, converted by Django only where psycopg cannot."""
    plan = [(field.attname, None if _native(field) else field) for field in fields]

    def row(obj) -> list:
        return [
            getattr(obj, name) if field is None else field.get_db_prep_save(getattr(obj, name), connection)
            for name, field in plan
        ]

    return row


def _has_pre_save(field) -> bool:
    """A field whose pre_save() does something on insert (auto_now, files)."""
    if type(field).pre_save is models.Field.pre_save:
        return False
    if isinstance(field, models.DateField):
        return field.auto_now or field.auto_now_add
    return True


def copy_create(model: type[models.Model], objs: list[models.Model]) -> list[models.Model]:
    """Insert `objs` (new instances of `model`); sets their primary keys."""
    if not objs:
        return objs
    if not copy_available():
        return model._default_manager.bulk_create(objs, batch_size=BATCH)
    for obj, pk in zip(objs, reserve_ids(model, len(objs)), strict=True):
        obj.pk = pk
    fields = [f for f in model._meta.local_concrete_fields]
    hooks = [f for f in fields if _has_pre_save(f)]
    for obj in objs:
        for field in hooks:
            field.pre_save(obj, add=True)  # auto_now / auto_now_add
    row = _row_maker(fields)
    _copy(model._meta.db_table, [f.column for f in fields], (row(obj) for obj in objs))
    return objs


def copy_history(
    model: type[models.Model],
    objs: list[models.Model],
    *,
    user_id: int | None = None,
    reason: str | None = None,
    when: dt.datetime | None = None,
) -> None:
    """The "created" (+) history rows of `objs`, already written."""
    if not objs:
        return
    history = model.history.model
    when = when or timezone.now()
    if reason is not None:
        reason = reason[: history._meta.get_field("history_change_reason").max_length]
    if not copy_available():
        history.objects.bulk_create(
            [
                history(
                    **{f.attname: getattr(obj, f.attname) for f in model._meta.local_concrete_fields},
                    history_date=when,
                    history_type="+",
                    history_user_id=user_id,
                    history_change_reason=reason,
                )
                for obj in objs
            ],
            batch_size=BATCH,
        )
        return
    tracked = {f.attname for f in model._meta.local_concrete_fields}
    fields = [f for f in history._meta.local_concrete_fields if f.attname in tracked]
    extra = {"history_date": when, "history_type": "+", "history_user_id": user_id, "history_change_reason": reason}
    columns = [f.column for f in fields] + list(extra)
    tail = list(extra.values())
    row = _row_maker(fields)
    _copy(history._meta.db_table, columns, (row(obj) + tail for obj in objs))


def copy_links(through: type[models.Model], pairs, columns: tuple[str, str]) -> None:
    """Rows of a many-to-many table: (left id, right id) pairs."""
    pairs = list(pairs)
    if not pairs:
        return
    attnames = [through._meta.get_field(c).attname for c in columns]
    if not copy_available():
        through.objects.bulk_create(
            [through(**dict(zip(attnames, pair, strict=True))) for pair in pairs], batch_size=BATCH
        )
        return
    names = [through._meta.get_field(c).column for c in columns]
    _copy(through._meta.db_table, names, pairs)


def values_where_in(model: type[models.Model], columns: tuple[str, ...], key: str, keys: list) -> list[tuple]:
    """The `columns` (database column names) of `model`'s rows whose `key`
    column is one of `keys`. On PostgreSQL one array parameter (`= ANY`):
    Django's `__in` with thousands of values spent five times longer
    building and planning the statement than reading the rows (the export
    of the visits' workers, 2,000 visits at a time)."""
    if not keys:
        return []
    if not copy_available():  # SQLite: at most a few thousand parameters a statement
        rows: list[tuple] = []
        for first in range(0, len(keys), 5000):
            part = keys[first : first + 5000]
            rows.extend(model._default_manager.filter(**{f"{key}__in": part}).values_list(*columns))
        return rows
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {names} FROM {table} WHERE {connection.ops.quote_name(key)} = ANY(%s)", [list(keys)])
        return cursor.fetchall()
