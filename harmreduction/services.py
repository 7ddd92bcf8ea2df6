"""Writes to the harm-reduction stock. Every entry point — forms, the visit
quick log, the import, the admin — records stock through these functions,
so the rules live here once:

* quantities are whole numbers above zero (an adjustment: not zero);
* the stock of an item never goes below zero AT ANY DATE: a back-dated
  distribution may not take units that later distributions already used;
* two workers giving the last units at the same moment: the Item rows are
  locked (SELECT … FOR UPDATE, in primary-key order so that two operations
  on several items never deadlock) before the balance is read, so the second
  one waits, then sees the first one's lines and is refused.

The lines are written first and the balances checked afterwards, inside the
same transaction: a refusal rolls everything back. Writing lines also moves
each item's kept balance (`Item.balance`), under the same lock; bulk writers
call stock_rebuild().
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from harmreduction.models import (
    FUTURE_DATE,
    QUANTITY_NOT_ZERO,
    QUANTITY_POSITIVE,
    Item,
    Movement,
    MovementKind,
    Operation,
)
from harmreduction.selectors import SIGNED, balance_on, lowest_balances, negative_balances
from smes.lib.locks import lock_rows
from smes.plausibility import fact_error
from tenants.models import Tenant, Visit, VisitStatus

Line = tuple[Item, int]

NO_LINES = _("Indiquez au moins un matériel avec une quantité.")
COUNT_NOT_NEGATIVE = _("« %(item)s » : le nombre compté doit être un nombre entier positif ou nul.")
DUPLICATE_ITEM = _("« %(item)s » figure deux fois : regroupez les quantités sur une ligne.")
STOCK_SHORT = _("Stock insuffisant pour « %(item)s » : il en reste %(left)s, %(asked)s demandé(s).")
STOCK_SHORT_LATER = _(
    "Stock insuffisant pour « %(item)s » : à cette date, il en reste %(left)s disponible(s) "
    "(des sorties sont déjà enregistrées jusqu'au %(when)s), %(asked)s demandé(s)."
)
SUPPLIER_REQUIRED = _("Indiquez le fournisseur.")
REASON_REQUIRED = _("Indiquez le motif de l'ajustement.")
VISIT_OTHER_TENANT = _("Le contact choisi concerne un·e autre locataire.")
VISIT_NOT_DONE = _("Du matériel ne peut être donné que lors d'un contact réalisé (pas prévu, absent ou annulé).")
VISIT_OTHER_DATE = _("La date de la distribution doit être celle du contact.")
COUNT_MATCHES = _("Le comptage correspond au stock : rien à ajuster.")


def _fmt(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _check_date(day: dt.date) -> None:
    if fact_error(day):
        raise ValidationError(FUTURE_DATE, code="future")


def _check_lines(lines: Sequence[Line], *, signed: bool) -> list[Line]:
    """Whole numbers above zero (or, `signed`, different from zero), each
    item once, at least one line."""
    lines = list(lines)
    if not lines:
        raise ValidationError(NO_LINES, code="no_lines")
    errors = []
    seen: set[int] = set()
    for item, quantity in lines:
        valid = isinstance(quantity, int) and not isinstance(quantity, bool)
        if not valid or quantity == 0 or (quantity < 0 and not signed):
            message = QUANTITY_NOT_ZERO if signed else QUANTITY_POSITIVE
            errors.append(ValidationError(message, code="quantity", params={"item": item.label}))
        if item.pk in seen:
            errors.append(ValidationError(DUPLICATE_ITEM, code="duplicate", params={"item": item.label}))
        seen.add(item.pk)
    if errors:
        raise ValidationError(errors)
    return lines


def _lock(items: Iterable[Item]) -> None:
    """Lock the rows of these items until the end of the transaction, always
    in the same order (primary key) so that concurrent operations on several
    items cannot deadlock."""
    lock_rows(Item, (item.pk for item in items))


def _move_balances(changes: Iterable[tuple[int, int]]) -> None:
    """Add each signed quantity to its item's kept balance (the caller holds
    the item locks)."""
    totals: dict[int, int] = {}
    for item_pk, signed in changes:
        totals[item_pk] = totals.get(item_pk, 0) + signed
    for item_pk, delta in sorted(totals.items()):
        if delta:
            Item.objects.filter(pk=item_pk).update(balance=F("balance") + delta)


def _signed(kind: str, quantity: int) -> int:
    return -quantity if kind == MovementKind.DISTRIBUTION else quantity


def stock_rebuild(item_ids: Iterable[int] | None = None) -> None:
    """Recompute the kept balance of these items (default: all) from their
    movement lines — after a bulk write that went around the services."""
    total = (
        Movement.objects.filter(item=OuterRef("pk"))
        .order_by()
        .values("item")
        .annotate(total=Sum(SIGNED))
        .values("total")
    )
    items = Item.objects.all() if item_ids is None else Item.objects.filter(pk__in=list(item_ids))
    items.update(balance=Coalesce(Subquery(total), Value(0)))


def _write(
    *,
    kind: str,
    day: dt.date,
    worker,
    lines: Sequence[Line],
    tenant: Tenant | None = None,
    visit: Visit | None = None,
    reference: str = "",
) -> Operation:
    operation = Operation.objects.create(
        kind=kind, date=day, worker=worker, tenant=tenant, visit=visit, reference=reference
    )
    # One save per line (not bulk_create) so that simple-history records each.
    for item, quantity in lines:
        Movement.objects.create(
            operation=operation,
            date=day,
            item=item,
            kind=kind,
            quantity=quantity,
            tenant=tenant,
            visit=visit,
            worker=worker,
            reference=reference,
        )
    return operation


def _verify_not_negative(day: dt.date, removed: dict[Item, int], lines: Sequence[Line], kind: str) -> None:
    """After writing the lines, before moving the kept balances: no item of
    `removed` may end any day from `day` on below zero. `removed` maps an
    item to the units this operation took out."""
    if not removed:
        return
    pending = {item.pk: _signed(kind, quantity) for item, quantity in lines}
    lowest = lowest_balances([item.pk for item in removed], day, pending=pending)
    errors = []
    for item, asked in removed.items():
        low, when = lowest[item.pk]
        if low >= 0:
            continue
        # item_pk lets a form show the message on that item's field.
        params = {"item": item.label, "left": low + asked, "asked": asked, "item_pk": item.pk}
        if when is not None and when > day:
            errors.append(ValidationError(STOCK_SHORT_LATER, code="stock", params={**params, "when": _fmt(when)}))
        else:
            errors.append(ValidationError(STOCK_SHORT, code="stock", params=params))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def receipt_record(*, date: dt.date, worker, supplier: str, lines: Sequence[Line]) -> Operation:
    """An order received (e.g. from Modus Vivendi): several items at once."""
    _check_date(date)
    lines = _check_lines(lines, signed=False)
    supplier = (supplier or "").strip()
    if not supplier:
        raise ValidationError(SUPPLIER_REQUIRED, code="supplier")
    operation = _write(kind=MovementKind.RECEIPT, day=date, worker=worker, lines=lines, reference=supplier[:200])
    _move_balances((item.pk, quantity) for item, quantity in lines)
    return operation


@transaction.atomic
def distribution_record(
    *,
    date: dt.date,
    worker,
    tenant: Tenant | None = None,
    visit: Visit | None = None,
    lines: Sequence[Line],
) -> Operation:
    """Material given, to a tenant or anonymously, possibly during a visit
    (then tenant and date are the visit's)."""
    _check_date(date)
    lines = _check_lines(lines, signed=False)
    if visit is not None:
        if tenant is None:
            tenant = visit.tenant
        elif tenant.pk != visit.tenant_id:
            raise ValidationError(VISIT_OTHER_TENANT, code="visit_tenant")
        if visit.status != VisitStatus.DONE:
            raise ValidationError(VISIT_NOT_DONE, code="visit_status")
        if visit.date != date:
            raise ValidationError(VISIT_OTHER_DATE, code="visit_date")
    _lock(item for item, _q in lines)
    operation = _write(kind=MovementKind.DISTRIBUTION, day=date, worker=worker, lines=lines, tenant=tenant, visit=visit)
    _verify_not_negative(date, dict(lines), lines, MovementKind.DISTRIBUTION)
    _move_balances((item.pk, -quantity) for item, quantity in lines)
    return operation


@transaction.atomic
def adjustment_record(*, date: dt.date, worker, lines: Sequence[Line], reason: str) -> Operation:
    """A correction of the stock, positive or negative (loss, breakage,
    expiry, inventory difference), always with its reason."""
    _check_date(date)
    lines = _check_lines(lines, signed=True)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(REASON_REQUIRED, code="reason")
    _lock(item for item, _q in lines)
    operation = _write(kind=MovementKind.ADJUSTMENT, day=date, worker=worker, lines=lines, reference=reason[:200])
    _verify_not_negative(date, {item: -q for item, q in lines if q < 0}, lines, MovementKind.ADJUSTMENT)
    _move_balances((item.pk, quantity) for item, quantity in lines)
    return operation


@transaction.atomic
def inventory_record(*, date: dt.date, worker, counts: Sequence[Line], reason: str) -> Operation:
    """An inventory: the units counted on `date`. Records, as one adjustment,
    the difference with the stock of that day for each item that differs.
    Raises COUNT_MATCHES when nothing differs."""
    _check_date(date)
    counts = list(counts)
    if not counts:
        raise ValidationError(NO_LINES, code="no_lines")
    errors = [
        ValidationError(COUNT_NOT_NEGATIVE, code="quantity", params={"item": item.label})
        for item, counted in counts
        if not isinstance(counted, int) or isinstance(counted, bool) or counted < 0
    ]
    if errors:
        raise ValidationError(errors)
    _lock(item for item, _c in counts)  # the balance read below must not move before we write
    balances = balance_on([item.pk for item, _c in counts], date)
    deltas = [(item, counted - balances[item.pk]) for item, counted in counts if counted != balances[item.pk]]
    if not deltas:
        raise ValidationError(COUNT_MATCHES, code="count_matches")
    return adjustment_record(date=date, worker=worker, lines=deltas, reason=reason)


# --- Import -----------------------------------------------------------------

ROW_STOCK_NEGATIVE = _("le stock de « %(item)s » deviendrait négatif le %(date)s (%(balance)s) : ligne refusée.")


@dataclass
class ImportedMovement:
    """One row of rdr_movements.csv, already converted; `row` is the line
    number in its file (header = line 1), used to name it in errors."""

    row: int
    date: dt.date
    item: Item
    kind: str
    quantity: int
    tenant: Tenant | None = None


class StockImportError(ValidationError):
    """The import would drive an item below zero; `row` names the line."""

    def __init__(self, message, row: int, params=None):
        super().__init__(message, code="stock", params=params)
        self.row = row


@transaction.atomic
def movements_import(rows: Sequence[ImportedMovement]) -> list[Movement]:
    """Record imported movement lines as a whole: the rows are written (in
    any order) and then every item's balance is checked at every date; a
    file that would drive an item below zero at some date is refused, naming
    the first row that does (the last outgoing row of that item that day).

    Quantities and kinds are checked here as well, so that a caller that
    forgot cannot write a bad row."""
    for r in rows:
        valid = isinstance(r.quantity, int) and not isinstance(r.quantity, bool)
        if r.kind not in MovementKind.values:
            raise ValidationError(_("Type inconnu : %(kind)s."), params={"kind": r.kind})
        if not valid or r.quantity == 0 or (r.quantity < 0 and r.kind != MovementKind.ADJUSTMENT):
            message = QUANTITY_NOT_ZERO if r.kind == MovementKind.ADJUSTMENT else QUANTITY_POSITIVE
            raise StockImportError(message, r.row, params={"item": r.item.label})
        if fact_error(r.date):
            raise StockImportError(FUTURE_DATE, r.row)
    if not rows:
        return []
    items = {r.item.pk: r.item for r in rows}
    _lock(items.values())
    created = [
        Movement.objects.create(
            date=r.date,
            item=r.item,
            kind=r.kind,
            quantity=r.quantity,
            tenant=r.tenant if r.kind == MovementKind.DISTRIBUTION else None,
            reference=str(_("Import")),
        )
        for r in rows
    ]
    negative = negative_balances(list(items))
    if negative:
        # The first date any item goes negative; the row to blame is the
        # latest outgoing row of that item up to that day (file order breaks
        # ties): without it the balance would not have dropped.
        item_id, (balance, day) = min(negative.items(), key=lambda kv: (kv[1][1], items[kv[0]].position))
        outgoing = [
            r
            for r in rows
            if r.item.pk == item_id and r.date <= day and (r.kind == MovementKind.DISTRIBUTION or r.quantity < 0)
        ]
        blamed = max(outgoing, key=lambda r: (r.date, r.row), default=rows[0])
        raise StockImportError(
            ROW_STOCK_NEGATIVE,
            blamed.row,
            params={"item": items[item_id].label, "date": day.isoformat(), "balance": balance},
        )
    _move_balances((r.item.pk, _signed(r.kind, r.quantity)) for r in rows)
    return created
