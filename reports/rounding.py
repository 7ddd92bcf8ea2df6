"""Rounding of the report's figures.

Means and ratios are computed from integer (or decimal) sums and counts
returned by the database and divided here with Decimal, so that a figure is
the same on SQLite and PostgreSQL and a tie rounds up as a reader expects
(51.25 -> 51.3), never by binary-float accident.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def ratio(numerator, denominator, places: int = 1, scale: int = 1) -> float | None:
    """numerator / denominator * scale rounded half-up; None when dividing by 0."""
    if numerator is None or not denominator:
        return None
    value = Decimal(str(numerator)) * scale / Decimal(str(denominator))
    return float(value.quantize(_quantum(places), rounding=ROUND_HALF_UP))


def mean(total, count, places: int = 1) -> float | None:
    return ratio(total, count, places)


def pct(part, whole, places: int = 1) -> float | None:
    return ratio(part, whole, places, scale=100)
