"""Writes of the reports app: the legacy figures the director enters."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from reports.models import LegacyFigure


@transaction.atomic
def legacy_figure_set(*, user, year: int, key: str, value: Decimal, source: str = "") -> LegacyFigure:
    """Create or replace the value of `key` for `year` (one per year and key)."""
    figure = LegacyFigure.objects.select_for_update().filter(year=year, key=key).first() or LegacyFigure(
        year=year, key=key
    )
    figure.value = value
    figure.source = source
    figure.updated_by = user if getattr(user, "is_authenticated", False) else None
    figure.full_clean()
    if figure.updated_by is not None:
        figure._history_user = user
    figure.save()
    return figure


@transaction.atomic
def legacy_figure_delete(*, user, figure: LegacyFigure) -> None:
    if getattr(user, "is_authenticated", False):
        figure._history_user = user
    figure.delete()
