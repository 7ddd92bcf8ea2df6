from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def euros(value) -> str:
    """1234.5 -> "1 234,50 €" (localised, non-breaking)."""
    if value in (None, ""):
        return "—"
    return f"{floatformat(Decimal(value), '2g')}\u00a0€"


@register.filter
def days_until(day, on) -> int | None:
    if not day or not on:
        return None
    return (day - on).days
