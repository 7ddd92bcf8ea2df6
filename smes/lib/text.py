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
