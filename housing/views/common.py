"""What every housing view shares: the access helpers (one per object, they
check the role table before touching the row). The form round-trip and
pagination are smes.lib.views."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from housing.models import (
    Convention,
    Dwelling,
    Guarantee,
    GuaranteeRepayment,
    Lease,
    Move,
    Partner,
    PartnerContact,
    RentMonth,
    RentPayment,
)
from smes.roles import FINANCE_EDIT, FINANCE_VIEW, HOUSING_EDIT, HOUSING_VIEW, require_cap
from tenants.models import Tenant


def _caps(user, edit: bool, view_cap: str, edit_cap: str) -> None:
    require_cap(user, edit_cap if edit else view_cap)


def get_partner_for_user(user, pk: int, *, edit: bool = False) -> Partner:
    _caps(user, edit, HOUSING_VIEW, HOUSING_EDIT)
    return get_object_or_404(Partner, pk=pk)


def get_contact_for_user(user, pk: int) -> PartnerContact:
    require_cap(user, HOUSING_EDIT)
    return get_object_or_404(PartnerContact.objects.select_related("partner"), pk=pk)


def get_convention_for_user(user, pk: int) -> Convention:
    require_cap(user, HOUSING_EDIT)
    return get_object_or_404(Convention.objects.select_related("partner"), pk=pk)


def get_dwelling_for_user(user, pk: int, *, edit: bool = False) -> Dwelling:
    _caps(user, edit, HOUSING_VIEW, HOUSING_EDIT)
    return get_object_or_404(Dwelling.objects.select_related("partner"), pk=pk)


def get_lease_for_user(user, pk: int, *, edit: bool = False) -> Lease:
    _caps(user, edit, HOUSING_VIEW, HOUSING_EDIT)
    return get_object_or_404(Lease.objects.select_related("tenant", "dwelling__partner"), pk=pk)


def get_move_for_user(user, pk: int) -> Move:
    require_cap(user, HOUSING_EDIT)
    return get_object_or_404(Move.objects.select_related("tenant", "dwelling"), pk=pk)


def get_tenant_for_housing(user, pk: int, *, edit: bool = False) -> Tenant:
    """The tenant's identity only (docs/rights.md: tenant identity is readable by
    every housing role; nothing clinical is loaded here)."""
    _caps(user, edit, HOUSING_VIEW, HOUSING_EDIT)
    return get_object_or_404(Tenant, pk=pk)


def get_guarantee_for_user(user, pk: int, *, edit: bool = False) -> Guarantee:
    _caps(user, edit, FINANCE_VIEW, FINANCE_EDIT)
    return get_object_or_404(Guarantee.objects.select_related("lease__tenant", "lease__dwelling"), pk=pk)


def get_repayment_for_user(user, pk: int) -> GuaranteeRepayment:
    require_cap(user, FINANCE_EDIT)
    return get_object_or_404(GuaranteeRepayment.objects.select_related("guarantee"), pk=pk)


def get_ledger_lease_for_user(user, pk: int, *, edit: bool = False) -> Lease:
    _caps(user, edit, FINANCE_VIEW, FINANCE_EDIT)
    return get_object_or_404(Lease.objects.select_related("tenant", "dwelling"), pk=pk, kind="SLIDING")


def get_rent_month_for_user(user, pk: int) -> RentMonth:
    require_cap(user, FINANCE_EDIT)
    return get_object_or_404(RentMonth.objects.select_related("lease__tenant", "lease__dwelling"), pk=pk)


def get_rent_payment_for_user(user, pk: int) -> RentPayment:
    require_cap(user, FINANCE_EDIT)
    return get_object_or_404(RentPayment.objects.select_related("lease"), pk=pk)
