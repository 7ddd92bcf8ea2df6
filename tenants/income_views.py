"""Incomes of a tenant: add, correct, close (tenant.edit)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from smes.lib.views import form_page
from smes.roles import TENANT_EDIT, cap_required
from tenants import selectors
from tenants.forms import IncomeCloseForm, IncomeForm
from tenants.services import income_close, income_create, income_update


@cap_required(TENANT_EDIT)
def income_add(request, pk: int):
    tenant = selectors.get_tenant_for_user(request.user, pk, edit=True)
    form = IncomeForm(request.POST or None)
    form.instance.tenant = tenant
    return form_page(
        request,
        form,
        lambda form: income_create(tenant=tenant, user=request.user, **form.cleaned_data),
        template="tenants/income_form.html",
        context={"tenant": tenant, "income": None},
        success=reverse("tenants:detail", args=[tenant.pk]),
        message=_("Revenu ajouté."),
    )


@cap_required(TENANT_EDIT)
def income_edit(request, pk: int):
    income = selectors.get_income_for_user(request.user, pk)
    tenant = income.tenant
    return form_page(
        request,
        IncomeForm(request.POST or None, instance=income),
        lambda form: income_update(income=income, user=request.user, **form.cleaned_data),
        template="tenants/income_form.html",
        context={"tenant": tenant, "income": income},
        success=reverse("tenants:detail", args=[tenant.pk]),
        message=_("Revenu modifié."),
    )


@cap_required(TENANT_EDIT)
def income_close_view(request, pk: int):
    income = selectors.get_income_for_user(request.user, pk)
    tenant = income.tenant

    def save(form) -> None:
        try:
            income_close(income=income, end=form.cleaned_data["end"], user=request.user)
        except ValidationError:
            income.refresh_from_db()  # the page shows the income as stored
            raise

    return form_page(
        request,
        IncomeCloseForm(request.POST or None, initial={"end": income.end}),
        save,
        template="tenants/income_close.html",
        context={"tenant": tenant, "income": income},
        success=reverse("tenants:detail", args=[tenant.pk]),
        message=_("Fin du revenu enregistrée."),
    )
