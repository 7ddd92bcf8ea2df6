"""Tenant pages: list, detail, create/edit, end of follow-up.

Incomes are in income_views.py, yearly reviews and GAF scores (clinical) in
clinical_views.py, visits in visits/ (a package).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smes.home import tenant_panels_for
from smes.journal import log_access
from smes.lib.dates import today
from smes.lib.forms import apply_errors
from smes.lib.views import form_page, paginate
from smes.roles import CLINICAL_VIEW, TENANT_EDIT, TENANT_VIEW, cap_required, has_cap
from tenants import selectors
from tenants.forms import EndFollowupForm, TenantFilterForm, TenantForm
from tenants.gaf import gaf_chart
from tenants.models import EndReason
from tenants.services import (
    DuplicateTenant,
    next_tenant_code,
    tenant_create,
    tenant_end_followup,
    tenant_reopen_followup,
    tenant_update,
)

# Written to the access log: what a clinical role saw on the tenant page.
AUDIT_TENANT_PAGE = "fiche locataire (bilans, EGF)"


@cap_required(TENANT_VIEW)
def tenant_list(request):
    form = TenantFilterForm(request.GET or None)
    filters = form.filters()
    page = paginate(request, selectors.tenant_search(**filters), selectors.PAGE_SIZE)
    return render(
        request,
        "tenants/list.html",
        {"form": form, "page_obj": page, "filters": filters, "today": today()},
    )


@cap_required(TENANT_VIEW)
def tenant_detail(request, pk: int):
    tenant = selectors.get_tenant_for_user(request.user, pk)
    day = today()
    context = {
        "tenant": tenant,
        "age": tenant.age_on(tenant.followup_end if tenant.is_deceased else day),
        "incomes": selectors.tenant_incomes(tenant),
        "panels": tenant_panels_for(request, tenant),
        "today": day,
    }
    # The clinical part is neither queried nor rendered for other roles.
    if has_cap(request.user, CLINICAL_VIEW):
        clinical = selectors.tenant_clinical_summary(tenant)
        context["clinical"] = clinical
        context["chart"] = gaf_chart(clinical.gaf_scores, until=tenant.followup_end or day)
        log_access(request, AUDIT_TENANT_PAGE, tenant)
    return render(request, "tenants/detail.html", context)


@cap_required(TENANT_EDIT)
def tenant_create_view(request):
    """A new tenant; the next free file number is proposed. If the person
    seems to be on file already, the records found are shown and the
    creation waits for an explicit confirmation."""
    form = TenantForm(request.POST or None, initial={"code": next_tenant_code()}, user=request.user)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        try:
            tenant = tenant_create(
                user=request.user,
                allow_duplicate=request.POST.get("confirm_duplicate") == "on",
                **form.cleaned_data,
            )
        except DuplicateTenant as exc:
            duplicates = exc.matches
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Locataire %(name)s enregistré·e.") % {"name": tenant.full_name})
            return redirect("tenants:detail", pk=tenant.pk)
    return render(request, "tenants/tenant_form.html", {"form": form, "tenant": None, "duplicates": duplicates})


@cap_required(TENANT_EDIT)
def tenant_edit(request, pk: int):
    tenant = selectors.get_tenant_for_user(request.user, pk, edit=True)
    return form_page(
        request,
        TenantForm(request.POST or None, instance=tenant, user=request.user),
        lambda form: tenant_update(tenant=tenant, user=request.user, **form.cleaned_data),
        template="tenants/tenant_form.html",
        context={"tenant": tenant},
        success=reverse("tenants:detail", args=[tenant.pk]),
        message=_("Fiche mise à jour."),
    )


def _after_end_url(tenant, reason: str) -> str:
    """Where to go after ending a follow-up.

    After a death, the housing app may offer to record the exit from the
    dwelling and end the lease: it does so by defining the URL
    `housing:death_followup` taking the tenant's pk.
    """
    if reason == EndReason.DECEASED:
        try:
            return reverse("housing:death_followup", args=[tenant.pk])
        except NoReverseMatch:
            pass
    return reverse("tenants:detail", args=[tenant.pk])


@cap_required(TENANT_EDIT)
def tenant_end_followup_view(request, pk: int):
    tenant = selectors.get_tenant_for_user(request.user, pk, edit=True)
    initial = {"end_date": tenant.followup_end, "reason": tenant.end_reason} if tenant.followup_end else {}

    def save(form) -> str:
        reason = form.cleaned_data["reason"]
        try:
            tenant_end_followup(tenant=tenant, end_date=form.cleaned_data["end_date"], reason=reason, user=request.user)
        except ValidationError:
            tenant.refresh_from_db()  # the page shows the follow-up as stored
            raise
        return reason

    return form_page(
        request,
        EndFollowupForm(request.POST or None, initial=initial),
        save,
        template="tenants/end_followup.html",
        context={"tenant": tenant},
        success=lambda reason: _after_end_url(tenant, reason),
        message=_("Fin de l'accompagnement enregistrée."),
    )


@require_POST
@cap_required(TENANT_EDIT)
def tenant_reopen_view(request, pk: int):
    tenant = selectors.get_tenant_for_user(request.user, pk, edit=True)
    tenant_reopen_followup(tenant=tenant, user=request.user)
    messages.success(request, _("L'accompagnement est de nouveau en cours."))
    return redirect("tenants:detail", pk=tenant.pk)
