"""Rental guarantees and the rent ledger of sliding leases.

docs/rights.md: Housing and Direction read (finance.view), Management edits
(finance.edit); Support and Admin see none of it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from housing import finance_services, selectors
from housing.forms import GenerateMonthsForm, GuaranteeForm, RentMonthForm, RentPaymentForm, RepaymentForm
from housing.models import GuaranteeSource, RentMonth
from housing.views.common import (
    get_guarantee_for_user,
    get_lease_for_user,
    get_ledger_lease_for_user,
    get_rent_month_for_user,
    get_rent_payment_for_user,
    get_repayment_for_user,
)
from smes.lib import dates
from smes.lib.forms import apply_errors
from smes.lib.views import form_page, paginate
from smes.roles import FINANCE_EDIT, FINANCE_VIEW, cap_required, has_cap

# -- guarantees -------------------------------------------------------------


@cap_required(FINANCE_VIEW)
def guarantee_list(request):
    show = request.GET.get("voir", "")
    source = request.GET.get("avance", "")
    if source not in GuaranteeSource.values:
        source = ""
    qs = selectors.guarantees_list(outstanding=show != "toutes", source=source)
    return render(
        request,
        "housing/guarantee_list.html",
        {"page_obj": paginate(request, qs), "show": show, "source": source, "sources": GuaranteeSource.choices},
    )


@cap_required(FINANCE_EDIT)
def guarantee_create(request):
    initial = {"date": dates.today()}
    if request.GET.get("bail", "").isdigit():
        lease = get_lease_for_user(request.user, int(request.GET["bail"]))
        initial["lease"] = lease.pk
    form = GuaranteeForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda f: finance_services.guarantee_save(guarantee=f.instance, user=request.user),
        template="housing/form.html",
        context={"title": _("Nouvelle garantie locative"), "back": reverse("housing:guarantee_list")},
        success=lambda g: reverse("housing:guarantee_detail", args=[g.pk]),
        message=_("Garantie enregistrée."),
    )


@cap_required(FINANCE_VIEW)
def guarantee_detail(request, pk: int):
    get_guarantee_for_user(request.user, pk)
    guarantee = selectors.guarantee_detail(pk)
    can_edit = has_cap(request.user, FINANCE_EDIT)
    form = None
    if can_edit and guarantee.is_repayable and guarantee.balance > 0:
        form = RepaymentForm(request.POST or None, initial={"date": dates.today()})
        if request.method == "POST" and form.is_valid():
            try:
                finance_services.guarantee_repayment_record(guarantee=guarantee, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Remboursement enregistré."))
                return redirect("housing:guarantee_detail", pk=pk)
    return render(
        request,
        "housing/guarantee_detail.html",
        {
            "guarantee": guarantee,
            "repayments": list(guarantee.repayments.all()),
            "form": form,
            "can_edit": can_edit,
        },
    )


@cap_required(FINANCE_EDIT)
def guarantee_edit(request, pk: int):
    guarantee = get_guarantee_for_user(request.user, pk, edit=True)
    form = GuaranteeForm(request.POST or None, instance=guarantee)
    return form_page(
        request,
        form,
        lambda f: finance_services.guarantee_save(guarantee=f.instance, user=request.user),
        template="housing/form.html",
        context={"title": _("Modifier la garantie"), "back": reverse("housing:guarantee_detail", args=[pk])},
        success=lambda g: reverse("housing:guarantee_detail", args=[g.pk]),
        message=_("Garantie mise à jour."),
    )


@require_POST
@cap_required(FINANCE_EDIT)
def repayment_delete(request, pk: int):
    repayment = get_repayment_for_user(request.user, pk)
    guarantee_id = repayment.guarantee_id
    finance_services.guarantee_repayment_delete(repayment=repayment, user=request.user)
    messages.success(request, _("Remboursement supprimé."))
    return redirect("housing:guarantee_detail", pk=guarantee_id)


# -- rent ledger --------------------------------------------------------------


@cap_required(FINANCE_VIEW)
def ledger_list(request):
    arrears_only = request.GET.get("retard") == "1"
    qs = selectors.sliding_leases(arrears_only=arrears_only)
    return render(
        request,
        "housing/ledger_list.html",
        {"page_obj": paginate(request, qs), "arrears_only": arrears_only, "on": dates.today()},
    )


@cap_required(FINANCE_VIEW)
def arrears_list(request):
    return render(request, "housing/arrears_list.html", {"page_obj": paginate(request, selectors.tenants_in_arrears())})


@cap_required(FINANCE_VIEW)
def ledger_detail(request, pk: int):
    get_ledger_lease_for_user(request.user, pk)
    lease = selectors.ledger_lease(pk)
    can_edit = has_cap(request.user, FINANCE_EDIT)
    payment_form = generate_form = None
    if can_edit:
        today = dates.today()
        payment_form = RentPaymentForm(
            request.POST if request.POST.get("action") == "payment" else None,
            initial={"date": today, "amount": lease.monthly_total},
            prefix="pay",
        )
        generate_form = GenerateMonthsForm(
            request.POST if request.POST.get("action") == "generate" else None,
            initial={"until": today},
            prefix="gen",
        )
        if request.method == "POST" and request.POST.get("action") == "payment" and payment_form.is_valid():
            try:
                finance_services.rent_payment_record(lease=lease, user=request.user, **payment_form.cleaned_data)
            except ValidationError as exc:
                apply_errors(payment_form, exc)
            else:
                messages.success(request, _("Paiement enregistré."))
                return redirect("housing:ledger_detail", pk=pk)
        if request.method == "POST" and request.POST.get("action") == "generate" and generate_form.is_valid():
            try:
                added = finance_services.rent_months_generate(
                    lease=lease, user=request.user, **generate_form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(generate_form, exc)
            else:
                messages.success(request, _("%(n)s mois ajouté(s) au registre.") % {"n": added})
                return redirect("housing:ledger_detail", pk=pk)
    # One year at a time: the way the accounts are kept, and a bounded list.
    last_year = (lease.end or dates.today()).year
    years = list(range(last_year, lease.start.year - 1, -1))
    year = int(request.GET["annee"]) if request.GET.get("annee", "").isdigit() else last_year
    if year not in years:
        year = last_year
    months = selectors.rent_months(lease).filter(month__year=year)
    payments = selectors.rent_payments(lease).filter(date__year=year)
    return render(
        request,
        "housing/ledger_detail.html",
        {
            "lease": lease,
            "years": years,
            "year": year,
            "months": list(months),
            "payments": list(payments),
            "year_totals": {
                **months.aggregate(due=Sum("due_from_tenant"), paid_landlord=Sum("paid_to_landlord")),
                **payments.aggregate(received=Sum("amount")),
            },
            "payment_form": payment_form,
            "generate_form": generate_form,
            "can_edit": can_edit,
        },
    )


@cap_required(FINANCE_EDIT)
def rent_month_add(request, pk: int):
    lease = get_ledger_lease_for_user(request.user, pk, edit=True)
    month = RentMonth(lease=lease, due_from_tenant=lease.monthly_total, paid_to_landlord=lease.monthly_total)
    form = RentMonthForm(request.POST or None, instance=month, initial={"month": dates.today()})
    return form_page(
        request,
        form,
        lambda f: finance_services.rent_month_save(rent_month=f.instance, user=request.user),
        template="housing/form.html",
        context={
            "title": _("Ajouter un mois"),
            "subtitle": lease.tenant.full_name,
            "back": reverse("housing:ledger_detail", args=[pk]),
        },
        success=reverse("housing:ledger_detail", args=[pk]),
        message=_("Mois enregistré."),
    )


@cap_required(FINANCE_EDIT)
def rent_month_edit(request, pk: int):
    month = get_rent_month_for_user(request.user, pk)
    back = reverse("housing:ledger_detail", args=[month.lease_id])
    form = RentMonthForm(request.POST or None, instance=month)
    return form_page(
        request,
        form,
        lambda f: finance_services.rent_month_save(rent_month=f.instance, user=request.user),
        template="housing/form.html",
        context={
            "title": _("Mois de %(month)s") % {"month": month.month.strftime("%m/%Y")},
            "subtitle": month.lease.tenant.full_name,
            "back": back,
            "delete_url": reverse("housing:rent_month_delete", args=[pk]),
        },
        success=back,
        message=_("Mois mis à jour."),
    )


@require_POST
@cap_required(FINANCE_EDIT)
def rent_month_delete(request, pk: int):
    month = get_rent_month_for_user(request.user, pk)
    lease_id = month.lease_id
    finance_services.rent_month_delete(rent_month=month, user=request.user)
    messages.success(request, _("Mois supprimé."))
    return redirect("housing:ledger_detail", pk=lease_id)


@require_POST
@cap_required(FINANCE_EDIT)
def rent_payment_delete(request, pk: int):
    payment = get_rent_payment_for_user(request.user, pk)
    lease_id = payment.lease_id
    finance_services.rent_payment_delete(payment=payment, user=request.user)
    messages.success(request, _("Paiement supprimé."))
    return redirect("housing:ledger_detail", pk=lease_id)
