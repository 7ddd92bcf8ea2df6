"""Money writes of the housing side: rental guarantees and the rent ledger of
sliding leases ("baux glissants"), kept by Management (docs/rights.md:
finance.edit). Each write validates, locks what a concurrent write could
contradict, and saves atomically."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from housing.models import Guarantee, GuaranteeRepayment, Lease, LeaseKind, RentMonth, RentPayment
from housing.services import _set_history_user, fmt_date
from smes.lib.locks import lock, refresh_for_update

MSG_NOT_REPAYABLE = _("Une garantie constituée par le·la locataire ne se rembourse pas.")
MSG_REPAYMENT_TOO_HIGH = _("Montant : le remboursement dépasse le solde restant dû (%(balance)s €).")
MSG_REPAYMENT_BEFORE = _("Date : le remboursement précède la garantie (%(date)s).")
MSG_AMOUNT_BELOW_REPAID = _("Montant : il ne peut pas être inférieur aux remboursements déjà reçus (%(repaid)s €).")
MSG_TENANT_WITH_REPAYMENTS = _(
    "Avancée par : cette garantie a déjà des remboursements, elle n'a pas été constituée par le·la locataire."
)
MSG_NOT_SLIDING = _("Bail : le registre des loyers ne concerne que les baux glissants.")
MSG_MONTH_OUTSIDE = _("Mois : il est en dehors du bail (%(start)s – %(end)s).")
MSG_PAYMENT_BEFORE_LEASE = _("Date : le paiement précède le début du bail (%(start)s).")


def fmt_euros(amount: Decimal) -> str:
    """1234.5 -> "1 234,50" (the way the team writes amounts)."""
    return f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",")


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _repaid(guarantee_id: int, exclude_pk: int | None = None) -> Decimal:
    qs = GuaranteeRepayment.objects.filter(guarantee_id=guarantee_id)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.aggregate(total=Sum("amount"))["total"] or Decimal("0")


# --------------------------------------------------------------------------
# Rental guarantees


def guarantee_save(*, guarantee: Guarantee, user=None) -> Guarantee:
    with transaction.atomic():
        guarantee.full_clean()
        if guarantee.pk:
            lock(guarantee)
            repaid = _repaid(guarantee.pk)
            if repaid and not guarantee.is_repayable:
                raise ValidationError({"advanced_by": [MSG_TENANT_WITH_REPAYMENTS]})
            if guarantee.amount < repaid:
                raise ValidationError({"amount": [MSG_AMOUNT_BELOW_REPAID % {"repaid": fmt_euros(repaid)}]})
        _set_history_user(guarantee, user)
        guarantee.save()
        return guarantee


def guarantee_repayment_record(
    *, guarantee: Guarantee, date: dt.date, amount: Decimal, note: str = "", user=None
) -> GuaranteeRepayment:
    """Record a repayment; the sum of repayments never exceeds the amount."""
    with transaction.atomic():
        locked = refresh_for_update(guarantee)
        repayment = GuaranteeRepayment(guarantee=locked, date=date, amount=amount, note=note or "")
        repayment.full_clean()
        if not locked.is_repayable:
            raise ValidationError({"amount": [MSG_NOT_REPAYABLE]})
        if date < locked.date:
            raise ValidationError({"date": [MSG_REPAYMENT_BEFORE % {"date": fmt_date(locked.date)}]})
        balance = locked.amount - _repaid(locked.pk)
        if amount > balance:
            raise ValidationError({"amount": [MSG_REPAYMENT_TOO_HIGH % {"balance": fmt_euros(balance)}]})
        _set_history_user(repayment, user)
        repayment.save()
        return repayment


def guarantee_repayment_delete(*, repayment: GuaranteeRepayment, user=None) -> None:
    _set_history_user(repayment, user)
    repayment.delete()


# --------------------------------------------------------------------------
# Rent ledger of sliding leases


def _check_sliding(lease: Lease) -> None:
    if lease.kind != LeaseKind.SLIDING:
        raise ValidationError({"lease": [MSG_NOT_SLIDING]})


def _lease_period_error(lease: Lease, month: dt.date) -> ValidationError | None:
    last = month_start(lease.end) if lease.end else None
    if month < month_start(lease.start) or (last and month > last):
        return ValidationError(
            {
                "month": [
                    MSG_MONTH_OUTSIDE
                    % {"start": fmt_date(lease.start), "end": fmt_date(lease.end) if lease.end else "…"}
                ]
            }
        )
    return None


def rent_month_save(*, rent_month: RentMonth, user=None) -> RentMonth:
    """Create or change one month of a sliding lease (month = its first day)."""
    _check_sliding(rent_month.lease)
    if rent_month.month:
        rent_month.month = month_start(rent_month.month)
        error = _lease_period_error(rent_month.lease, rent_month.month)
        if error:
            raise error
    rent_month.full_clean()
    _set_history_user(rent_month, user)
    rent_month.save()
    return rent_month


def rent_month_delete(*, rent_month: RentMonth, user=None) -> None:
    _set_history_user(rent_month, user)
    rent_month.delete()


def rent_months_generate(*, lease: Lease, until: dt.date, paid_to_landlord: bool = True, user=None) -> int:
    """Add the missing months of a sliding lease from its start to `until`
    (or its end), at the lease's rent + charges. Returns how many were added.

    The organisation usually pays the landlord by standing order, hence the
    default; amounts stay editable month by month."""
    _check_sliding(lease)
    with transaction.atomic():
        lock(lease)
        last = month_start(min(until, lease.end) if lease.end else until)
        have = set(RentMonth.objects.filter(lease=lease).values_list("month", flat=True))
        amount = lease.monthly_total
        rows = []
        month = month_start(lease.start)
        while month <= last:
            if month not in have:
                rows.append(
                    RentMonth(
                        lease=lease,
                        month=month,
                        due_from_tenant=amount,
                        paid_to_landlord=amount if paid_to_landlord else Decimal("0"),
                    )
                )
            month = next_month(month)
        if rows:
            bulk_create_with_history(
                rows, RentMonth, default_user=user if getattr(user, "is_authenticated", False) else None
            )
        return len(rows)


def rent_payment_record(*, lease: Lease, date: dt.date, amount: Decimal, note: str = "", user=None) -> RentPayment:
    _check_sliding(lease)
    payment = RentPayment(lease=lease, date=date, amount=amount, note=note or "")
    payment.full_clean()
    if date < lease.start:
        raise ValidationError({"date": [MSG_PAYMENT_BEFORE_LEASE % {"start": fmt_date(lease.start)}]})
    _set_history_user(payment, user)
    payment.save()
    return payment


def rent_payment_delete(*, payment: RentPayment, user=None) -> None:
    _set_history_user(payment, user)
    payment.delete()
