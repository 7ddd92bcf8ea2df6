"""Reads of the harm-reduction stock: levels, balances, yearly figures.

Every figure is an aggregate computed by the database; Python only walks the
catalogue (a few dozen items) to shape the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, F, FilteredRelation, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractMonth

from harmreduction.models import Category, Item, Movement, MovementKind, localized
from smes.lib.dates import today


def _signed(relation: str = "") -> Case:
    """The signed quantity of a movement (reached through `relation`, if
    given): receipts and adjustments add it, distributions remove it."""
    prefix = f"{relation}__" if relation else ""
    return Case(
        When(**{f"{prefix}kind": MovementKind.DISTRIBUTION}, then=-F(f"{prefix}quantity")),
        default=F(f"{prefix}quantity"),
        output_field=IntegerField(),
    )


SIGNED = _signed()


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# --- Stock levels ---------------------------------------------------------


def items_with_stock(on: dt.date | None = None) -> QuerySet[Item]:
    """Every item annotated with `stock` (at the end of `on`, default: now) —
    one query for the whole catalogue. Now is the kept balance; an earlier
    day is the balance minus the movements after that day, so that only
    those lines are read (through the (item, date) index)."""
    qs = Item.objects.order_by("position", "code")
    if on is None:
        return qs.annotate(stock=F("balance"))
    return qs.annotate(
        later=FilteredRelation("movements", condition=Q(movements__date__gt=on)),
        stock=F("balance") - Coalesce(Sum(_signed("later")), Value(0)),
    )


@dataclass(frozen=True)
class StockRow:
    item: Item
    stock: int

    @property
    def empty(self) -> bool:
        return self.stock <= 0

    @property
    def low(self) -> bool:
        """Below the item's threshold (an empty item is low too)."""
        return self.stock < self.item.threshold or self.empty


def stock_by_category(*, active_only: bool = False) -> list[dict]:
    """The stock page: categories in their order, each with its rows."""
    qs = items_with_stock()
    if active_only:
        qs = qs.filter(active=True)
    rows = [StockRow(item, item.stock) for item in qs]
    groups = []
    for value, label in Category.choices:
        cat_rows = [r for r in rows if r.item.category == value]
        groups.append(
            {
                "code": value,
                "label": label,
                "rows": cat_rows,
                "total": sum(r.stock for r in cat_rows),
                "low": sum(1 for r in cat_rows if r.low and r.item.active),
            }
        )
    return groups


def low_stock_items() -> list[StockRow]:
    """Active items under their threshold (or empty), most urgent first."""
    qs = items_with_stock().filter(active=True).filter(Q(stock__lt=F("threshold")) | Q(stock__lte=0))
    rows = [StockRow(item, item.stock) for item in qs]
    return sorted(rows, key=lambda r: (r.stock - r.item.threshold, r.item.position))


def balance_on(item_ids: list[int], day: dt.date) -> dict[int, int]:
    """Stock of each item at the end of `day`."""
    found = dict(items_with_stock(day).filter(pk__in=item_ids).values_list("pk", "stock"))
    return {pk: found.get(pk, 0) or 0 for pk in item_ids}


def _running_sql(where_after: str) -> str:
    table = connection.ops.quote_name(Movement._meta.db_table)
    # End-of-day running balance per item: movements of one day count
    # together, in any order. SUM(SUM(...)) OVER works on PostgreSQL and
    # SQLite ≥ 3.25.
    return f"""
        SELECT item_id, date, running FROM (
            SELECT item_id, date,
                   SUM(SUM(CASE WHEN kind = %s THEN -quantity ELSE quantity END))
                       OVER (PARTITION BY item_id ORDER BY date) AS running
            FROM {table}
            WHERE item_id IN ({{ids}})
            GROUP BY item_id, date
        ) balances
        WHERE {where_after}
    """


def lowest_balances(
    item_ids: list[int], since: dt.date, *, pending: dict[int, int] | None = None
) -> dict[int, tuple[int, dt.date | None]]:
    """For each item, the lowest end-of-day balance on `since` or after, and
    the first date it is reached — one query. Items with no movement on or
    after `since` are absent.

    Only the lines dated `since` or later are read: the balance at the end
    of such a day is the item's kept balance minus the lines after it.
    `pending` maps an item to the signed quantity of lines already written
    but not yet added to its kept balance (the services check before they
    move it); a constant per item, it does not change which day is lowest."""
    if not item_ids:
        return {}
    movement = connection.ops.quote_name(Movement._meta.db_table)
    item = connection.ops.quote_name(Item._meta.db_table)
    placeholders = ", ".join(["%s"] * len(item_ids))
    sql = f"""
        SELECT item_id, date, running FROM (
            SELECT g.item_id, g.date,
                   i.balance - SUM(g.day_sum) OVER (PARTITION BY g.item_id)
                             + SUM(g.day_sum) OVER (PARTITION BY g.item_id ORDER BY g.date) AS running
            FROM (
                SELECT item_id, date, SUM(CASE WHEN kind = %s THEN -quantity ELSE quantity END) AS day_sum
                FROM {movement}
                WHERE item_id IN ({placeholders}) AND date >= %s
                GROUP BY item_id, date
            ) g
            JOIN {item} i ON i.id = g.item_id
        ) balances
        ORDER BY item_id, running, date
    """
    params = [MovementKind.DISTRIBUTION.value, *item_ids, since]
    result: dict[int, tuple[int, dt.date | None]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for item_id, day, running in cursor.fetchall():
            if item_id not in result:  # ordered by running: the first row is the lowest
                if isinstance(day, str):  # SQLite returns the raw text of a date
                    day = dt.date.fromisoformat(day)
                result[item_id] = (int(running) + (pending or {}).get(item_id, 0), day)
    return result


def negative_balances(item_ids: list[int]) -> dict[int, tuple[int, dt.date]]:
    """For each item whose balance goes below zero at some date: the first
    such date and the balance then — one query (imports check this)."""
    if not item_ids:
        return {}
    placeholders = ", ".join(["%s"] * len(item_ids))
    sql = _running_sql("running < 0").replace("{ids}", placeholders) + " ORDER BY item_id, date"
    result: dict[int, tuple[int, dt.date]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [MovementKind.DISTRIBUTION.value, *item_ids])
        for item_id, day, running in cursor.fetchall():
            if item_id not in result:
                if isinstance(day, str):
                    day = dt.date.fromisoformat(day)
                result[item_id] = (int(running), day)
    return result


# --- Movement history -----------------------------------------------------


def movements(
    *,
    item: Item | None = None,
    kind: str | None = None,
    category: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    tenant_id: int | None = None,
    with_tenant: bool = False,
) -> QuerySet[Movement]:
    """Movement lines, newest first. Tenant names are only joined when the
    caller may see them (`with_tenant`)."""
    related = ["item", "worker", "operation"]
    if with_tenant:
        related.append("tenant")
    qs = Movement.objects.select_related(*related).order_by("-date", "-id")
    if item is not None:
        qs = qs.filter(item=item)
    if kind:
        qs = qs.filter(kind=kind)
    if category:
        qs = qs.filter(item__category=category)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    if tenant_id is not None and with_tenant:
        qs = qs.filter(tenant_id=tenant_id)
    return qs


# --- Yearly figures -------------------------------------------------------


def _items_for_year(year: int) -> QuerySet[Item]:
    start, end = _year_bounds(year)
    prev_start, prev_end = _year_bounds(year - 1)
    # Only the lines from the year before on are joined (through the (item,
    # date) index); the stock on 31 December is the kept balance minus the
    # lines after it.
    return Item.objects.order_by("position", "code").annotate(
        recent=FilteredRelation("movements", condition=Q(movements__date__gte=prev_start)),
        distributed=Coalesce(
            Sum(
                "recent__quantity",
                filter=Q(recent__kind=MovementKind.DISTRIBUTION, recent__date__gte=start, recent__date__lte=end),
            ),
            Value(0),
        ),
        previous=Coalesce(
            Sum("recent__quantity", filter=Q(recent__kind=MovementKind.DISTRIBUTION, recent__date__lte=prev_end)),
            Value(0),
        ),
        stock_end=F("balance") - Coalesce(Sum(_signed("recent"), filter=Q(recent__date__gt=end)), Value(0)),
    )


def harm_reduction_block(year: int) -> dict:
    """The "harm_reduction" block of the annual report
    (docs/report.md): every catalogue item, one query."""
    items = list(_items_for_year(year).values_list("code", "category", "distributed", "previous", "stock_end"))
    by_category = {value: 0 for value in Category.values}
    for _code, category, distributed, _prev, _stock in items:
        by_category[category] += distributed
    return {
        "distributed": {code: distributed for code, _c, distributed, _p, _s in items},
        "previous_year": {code: previous for code, _c, _d, previous, _s in items},
        "by_category": by_category,
        "stock_end": {code: stock for code, _c, _d, _p, stock in items},
    }


def _change(current: int, previous: int) -> dict:
    diff = current - previous
    pct = round(diff / previous * 100, 1) if previous else None
    return {"diff": diff, "pct": pct}


def yearly_table(year: int) -> dict:
    """Per item and per group: distributed in `year`, in the year before, the
    change, and the stock on 31 December. Items that never moved in either
    year and are no longer active are left out."""
    groups = []
    totals = {"distributed": 0, "previous": 0}
    items = list(_items_for_year(year))
    for value, label in Category.choices:
        rows = [
            {
                "item": it,
                "distributed": it.distributed,
                "previous": it.previous,
                "stock_end": it.stock_end,
                **_change(it.distributed, it.previous),
            }
            for it in items
            if it.category == value and (it.active or it.distributed or it.previous or it.stock_end)
        ]
        dist = sum(r["distributed"] for r in rows)
        prev = sum(r["previous"] for r in rows)
        totals["distributed"] += dist
        totals["previous"] += prev
        groups.append(
            {"code": value, "label": label, "rows": rows, "distributed": dist, "previous": prev, **_change(dist, prev)}
        )
    return {"year": year, "groups": groups, "total": {**totals, **_change(totals["distributed"], totals["previous"])}}


def monthly_distribution(year: int) -> dict[str, list[int]]:
    """Quantities distributed per month (index 0 = January) per category."""
    start, end = _year_bounds(year)
    rows = (
        Movement.objects.filter(kind=MovementKind.DISTRIBUTION, date__range=(start, end))
        .annotate(month=ExtractMonth("date"))
        .values("month", "item__category")
        .annotate(total=Sum("quantity"))
        .values_list("month", "item__category", "total")
    )
    series = {value: [0] * 12 for value in Category.values}
    for month, category, total in rows:
        series[category][month - 1] = total
    return series


def distributed_total(year: int) -> int:
    start, end = _year_bounds(year)
    total = Movement.objects.filter(kind=MovementKind.DISTRIBUTION, date__range=(start, end)).aggregate(
        t=Sum("quantity")
    )["t"]
    return total or 0


def years_with_movements() -> list[int]:
    """Years that have at least one distribution, newest first (year picker)."""
    return sorted(
        {d.year for d in Movement.objects.filter(kind=MovementKind.DISTRIBUTION).dates("date", "year")},
        reverse=True,
    )


def tenant_distributions(tenant, *, last: int = 6) -> dict:
    """The tenant page's panel: this year's totals per item and the latest
    lines given to this tenant — two queries."""
    year = today().year
    given = Movement.objects.filter(tenant=tenant, kind=MovementKind.DISTRIBUTION)
    totals = [
        (localized(name, name_nl), total)
        for name, name_nl, total in given.filter(date__year=year)
        .values("item__name", "item__name_nl")
        .annotate(total=Sum("quantity"))
        .order_by("item__position", "item__code")
        .values_list("item__name", "item__name_nl", "total")
    ]
    latest = list(given.select_related("item").order_by("-date", "-id")[:last])
    return {"rdr_year": year, "rdr_totals": totals, "rdr_latest": latest}
