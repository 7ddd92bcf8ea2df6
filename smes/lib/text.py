"""Accent-blind search: "helene" finds Hélène, "dupre" Dupré, "Francoise"
Françoise — workers type names on a phone, between two appointments.

`Unaccent` is the SQL function unaccent(): PostgreSQL's unaccent extension
(created by the migration smes/0003, a trusted extension that the database
owner may create), and on SQLite the same function registered from Python
on every new connection (`register_sqlite_unaccent`, connected in
SmesConfig.ready).
"""

from __future__ import annotations

import unicodedata

from django.db.models import CharField, Func


def fold(text: str) -> str:
    """Lower case without accents: what a search word is compared with."""
    return _unaccent(text).lower()


class Unaccent(Func):
    function = "UNACCENT"
    output_field = CharField()


def _unaccent(value):
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def register_sqlite_unaccent(sender, connection, **kwargs) -> None:
    """connection_created: give SQLite the unaccent() PostgreSQL has."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, _unaccent, deterministic=True)


# --------------------------------------------------------------------------
# Sorting names as a French or Dutch reader expects

NAME_COLLATION = "fr-BE-x-icu"


class NameKey(Func):
    """The sort key of a name: Noël with Noel (before Nowak), GÉRARD before
    GILSON, "Van den Broeck" before "Van Hoof".

    PostgreSQL compares with the ICU collation fr-BE-x-icu (shipped with
    PostgreSQL built with ICU, nothing to create); SQLite, which has no
    collation for it, with the unaccented, lower-case name. The database
    sorts, so pagination and slicing stay in SQL.
    """

    arity = 1
    output_field = CharField()
    template = "%(expressions)s"

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template=f'(%(expressions)s) COLLATE "{NAME_COLLATION}"', **extra_context
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="LOWER(UNACCENT(%(expressions)s))", **extra_context)


def by_name(prefix: str = "", *, last: str = "last_name", first: str = "first_name", tie: str = "pk") -> list:
    """order_by() arguments for a list of people: last name, first name,
    then `tie` so that equal names keep a stable order.

        Tenant.objects.order_by(*by_name())
        Lease.objects.order_by(*by_name("tenant__"))
    """
    return [NameKey(prefix + last), NameKey(prefix + first), prefix + tie]
