"""The one bulk writer of both plans (the demo and the scale plan), and
the safety checks around it.

Rows are plain tuples with explicit primary keys (so that rows of other
tables can point at them without reading anything back), buffered per table
and written in large chunks: `COPY … FROM STDIN` on PostgreSQL (psycopg 3),
`executemany` on SQLite. django-simple-history is bypassed on purpose: the
benchmark measures the application on a history-less bulk load, as after an
import of old records, and the demo does without the history of its
visits and stock lines.

Columns the generator does not fill take the model field's default, so that
a field added to a model later either gets its default or stops the
generator with a clear message (instead of silently writing NULLs).

For the few hundred rows whose history the record pages show (partners,
dwellings, tenants, moves, leases…) the demo uses `create_with_history`:
the ORM's bulk_create and one bulk insert of their "created" history rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

# Tables the generator never writes and the reset never empties: reference
# data created by migrations (roles, the harm-reduction catalogue).
KEEP_MODELS = {
    "contenttypes.contenttype",
    "auth.permission",
    "auth.group",
    "harmreduction.item",
    "harmreduction.historicalitem",
}


class RealDataError(RuntimeError):
    pass


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def data_models() -> list[type[models.Model]]:
    """Every model whose rows are data (not reference data or schema)."""
    out = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower in KEEP_MODELS or model._meta.proxy or not model._meta.managed:
            continue
        out.append(model)
    return out


def non_empty_tables() -> list[str]:
    """Data tables holding at least one row (the test for 'real data')."""
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        found = []
        for model in data_models():
            table = model._meta.db_table
            if table not in existing:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                found.append(table)
    return sorted(found)


def ensure_empty_or_reset(*, reset: bool) -> list[str]:
    """Refuse to write into a database holding data unless `reset` is set,
    in which case every data table is emptied first. Returns the tables that
    were emptied."""
    filled = non_empty_tables()
    if filled and not reset:
        raise RealDataError(
            "The database is not empty (rows in: "
            + ", ".join(filled[:8])
            + (", …" if len(filled) > 8 else "")
            + "). The benchmark only writes into an empty database; pass --reset to DELETE EVERYTHING in it first."
        )
    if filled:
        empty_data_tables()
    return filled


def empty_data_tables() -> None:
    tables = [m._meta.db_table for m in data_models()]
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        tables = [t for t in tables if t in existing]
        if is_postgres() and not connection.in_atomic_block:
            quoted = ", ".join(connection.ops.quote_name(t) for t in tables)
            cursor.execute(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
        elif is_postgres():
            # Inside a transaction (a test), rows written earlier in it may
            # have foreign-key checks pending, which TRUNCATE refuses; the
            # checks are deferred to the commit, so plain deletes in any
            # order are fine.
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")


def _default_for(model, field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return field.get_db_prep_save(now, connection)
    if field.has_default():
        return field.get_db_prep_save(field.get_default(), connection)
    if field.null:
        return None
    if isinstance(field, (models.CharField, models.TextField)) and field.blank:
        return ""
    if isinstance(field, models.FileField):
        return ""
    raise RuntimeError(
        f"sampledata: {model._meta.label}.{field.name} is required and has no default; "
        "teach the generator (sampledata/) to fill it."
    )


class Table:
    """The column list of one model: the generator's columns first, then
    every other concrete column with its default."""

    def __init__(self, model: type[models.Model], known: Sequence[str]):
        self.model = model
        self.name = model._meta.db_table
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [a for a in known if a not in by_attname]
        if unknown:
            raise RuntimeError(f"sampledata: {model._meta.label} has no column(s) {unknown}")
        now = timezone.now()
        rest = [f for f in model._meta.concrete_fields if f.attname not in known and not f.primary_key]
        self.columns = [by_attname[a].column for a in known] + [f.column for f in rest]
        self.tail = tuple(_default_for(model, f, now) for f in rest)
        self.rows: list[tuple] = []
        self.written = 0
        # SQLite stores dates, times and datetimes as text: Django's own
        # conversions (an aware datetime in UTC, without its offset), as the
        # ORM would write them. psycopg adapts them itself.
        self.adapters = []
        if not is_postgres():
            adapt = {
                "DateField": connection.ops.adapt_datefield_value,
                "TimeField": connection.ops.adapt_timefield_value,
                "DateTimeField": connection.ops.adapt_datetimefield_value,
            }
            for i, attname in enumerate(known):
                fn = adapt.get(by_attname[attname].get_internal_type())
                if fn is not None:
                    self.adapters.append((i, fn))

    def add(self, row: tuple) -> None:
        self.rows.append(row + self.tail if self.tail else row)

    def prepared(self) -> list[tuple]:
        """The buffered rows as the database takes them."""
        if not self.adapters:
            return self.rows
        # Days and times repeat a lot (36,000 visits over 2,000 days): each
        # distinct value is converted once.
        adapters = [(i, fn, {}) for i, fn in self.adapters]
        out = []
        for row in self.rows:
            line = list(row)
            for i, fn, seen in adapters:
                value = line[i]
                if value is not None and not isinstance(value, str):
                    text = seen.get(value)
                    if text is None:
                        text = seen[value] = fn(value)
                    line[i] = text
            out.append(line)
        return out

    def flush(self) -> None:
        """Write the buffered rows now."""
        if self.rows:
            write_rows(self.name, self.columns, self.prepared())
            self.written += len(self.rows)
            self.rows = []


class Sink:
    """Buffers rows per table; `flush()` writes every table, in the order
    the tables were declared (referenced tables first), in one transaction."""

    def __init__(self, chunk_rows: int = 200_000, *, unchecked_fks: bool = False):
        self.tables: list[Table] = []
        self.chunk_rows = chunk_rows
        self.unchecked_fks = unchecked_fks and is_postgres() and _is_superuser()
        self._pending = 0

    def table(self, model, known: Sequence[str]) -> Table:
        table = Table(model, known)
        self.tables.append(table)
        return table

    def add(self, table: Table, row: tuple) -> None:
        table.add(row)
        self._pending += 1
        if self._pending >= self.chunk_rows:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        with transaction.atomic():
            if self.unchecked_fks:
                # PostgreSQL plans each foreign-key check once per session; a
                # plan made while the table was still empty (a sequential
                # scan) makes every later check read the whole table, and
                # the load quadratic. The rows are consistent by
                # construction; verify_foreign_keys() checks them afterwards.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL session_replication_role = replica")
            for table in self.tables:
                table.flush()
        self._pending = 0


def _is_superuser() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def verify_foreign_keys(model_list: Iterable[type[models.Model]]) -> dict[str, int]:
    """Rows whose foreign key points at nothing, per table.column (an
    anti-join per key: the check the load skipped, done once in bulk)."""
    qn = connection.ops.quote_name
    broken: dict[str, int] = {}
    with connection.cursor() as cursor:
        for model in model_list:
            for field in model._meta.concrete_fields:
                if not field.is_relation or not field.db_constraint:
                    continue
                parent = field.related_model._meta
                target = field.target_field.column
                cursor.execute(
                    f"SELECT count(*) FROM {qn(model._meta.db_table)} c LEFT JOIN {qn(parent.db_table)} p "
                    f"ON c.{qn(field.column)} = p.{qn(target)} WHERE c.{qn(field.column)} IS NOT NULL AND p.{qn(target)} IS NULL"
                )
                count = cursor.fetchone()[0]
                if count:
                    broken[f"{model._meta.db_table}.{field.column}"] = count
    return broken


def write_rows(table: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    qn = connection.ops.quote_name
    cols = ", ".join(qn(c) for c in columns)
    with connection.cursor() as cursor:
        if is_postgres():
            raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper
            with raw.copy(f"COPY {qn(table)} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {qn(table)} ({cols}) VALUES ({marks})", list(rows))


def insert(model: type[models.Model], rows: list[dict]) -> list[int]:
    """Insert many rows (dicts by attname, all with the same keys) under
    fresh ids, following the table's largest; returns the ids.

    The ORM's bulk_create spends ~30 µs per value preparing SQL (tens of
    seconds for the demo's visits); this writes through the same COPY /
    executemany as the scale plan, and moves PostgreSQL's sequence past the
    new ids so that ordinary inserts can follow.
    """
    if not rows:
        return []
    keys = list(rows[0])
    table = Table(model, [model._meta.pk.attname, *keys])
    start = next_id(model)
    ids = list(range(start, start + len(rows)))
    for pk, row in zip(ids, rows, strict=True):
        table.add((pk, *[row[k] for k in keys]))
    table.flush()
    reset_sequences([model])
    return ids


def create(objs: list[models.Model], model: type[models.Model], *, batch_size: int = 2000) -> list[models.Model]:
    """The ORM's bulk_create, for rows the generator keeps as objects."""
    return model.objects.bulk_create(objs, batch_size=batch_size) if objs else []


def create_with_history(
    objs: list[models.Model], model: type[models.Model], *, reason: str, batch_size: int = 2000
) -> list[models.Model]:
    """bulk_create, plus one "created" history row per object (in bulk too)
    when the model keeps a history: the record pages show a creation."""
    if not objs:
        return []
    if hasattr(model, "history"):
        return bulk_create_with_history(objs, model, batch_size=batch_size, default_change_reason=reason)
    return model.objects.bulk_create(objs, batch_size=batch_size)


def next_id(model: type[models.Model]) -> int:
    with connection.cursor() as cursor:
        pk = model._meta.pk.column
        cursor.execute(f"SELECT COALESCE(MAX({connection.ops.quote_name(pk)}), 0) FROM {model._meta.db_table}")
        return cursor.fetchone()[0] + 1


def reset_sequences(model_list: Iterable[type[models.Model]]) -> None:
    """After explicit primary keys, move the sequences past them (PostgreSQL;
    SQLite follows the largest rowid by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def analyze(model_list: Iterable[type[models.Model]]) -> None:
    """Fresh planner statistics (and, on PostgreSQL, the visibility map that
    index-only scans need) after a bulk load."""
    with connection.cursor() as cursor:
        for model in model_list:
            table = connection.ops.quote_name(model._meta.db_table)
            # VACUUM cannot run inside a transaction (e.g. under a test).
            if is_postgres() and not connection.in_atomic_block:
                cursor.execute(f"VACUUM (ANALYZE) {table}")
            else:
                cursor.execute(f"ANALYZE {table}")
