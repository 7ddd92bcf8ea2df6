"""The row lock: one name for `select_for_update` (pretix's
`LockModel.refresh_for_update`).

Inside `transaction.atomic()`, a service locks the rows a rule reads before
it writes (the last place of a dwelling, a guarantee's repayments, the RdR
stock of an item), so that two requests at once cannot both pass the check.
PostgreSQL holds the lock until the transaction ends; SQLite, which locks
the whole database on the first write, ignores it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def lock_rows(model: type[models.Model], pks: Iterable[int]) -> None:
    """Lock the rows of `model` with these primary keys, always in the same
    order (primary key), so that concurrent transactions locking several
    rows cannot deadlock. One query; loads nothing."""
    ids = sorted(set(pks))
    list(model._default_manager.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))


def lock(obj: models.Model) -> None:
    """Lock the row of `obj` until the end of the transaction."""
    lock_rows(type(obj), [obj.pk])


def refresh_for_update(obj: M) -> M:
    """The row of `obj` read again from the database, locked until the end
    of the transaction (raises DoesNotExist if it is gone)."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)
