"""Incomes of a tenant: add, correct, close (tenant.edit)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from smes.roles import TENANT_EDIT, cap_required
from tenants import selectors
from tenants.forms import IncomeCloseForm, IncomeForm, apply_errors
from tenants.services import income_close, income_create, income_update


@cap_required(TENANT_EDIT)
def income_add(request, pk: int):
    tenant = selectors.get_tenant_for_user(request.user, pk, edit=True)
    form = IncomeForm(request.POST or None)
    form.instance.tenant = tenant
    if request.method == "POST" and form.is_valid():
        try:
            income_create(tenant=tenant, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Revenu ajouté."))
            return redirect("tenants:detail", pk=tenant.pk)
    return render(request, "tenants/income_form.html", {"form": form, "tenant": tenant, "income": None})


@cap_required(TENANT_EDIT)
def income_edit(request, pk: int):
    income = selectors.get_income_for_user(request.user, pk)
    tenant = income.tenant
    form = IncomeForm(request.POST or None, instance=income)
    if request.method == "POST" and form.is_valid():
        try:
            income_update(income=income, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Revenu modifié."))
            return redirect("tenants:detail", pk=tenant.pk)
    return render(request, "tenants/income_form.html", {"form": form, "tenant": tenant, "income": income})


@cap_required(TENANT_EDIT)
def income_close_view(request, pk: int):
    income = selectors.get_income_for_user(request.user, pk)
    tenant = income.tenant
    form = IncomeCloseForm(request.POST or None, initial={"end": income.end})
    if request.method == "POST" and form.is_valid():
        try:
            income_close(income=income, end=form.cleaned_data["end"], user=request.user)
        except ValidationError as exc:
            income.refresh_from_db()
            apply_errors(form, exc)
        else:
            messages.success(request, _("Fin du revenu enregistrée."))
            return redirect("tenants:detail", pk=tenant.pk)
    return render(request, "tenants/income_close.html", {"form": form, "tenant": tenant, "income": income})
