from __future__ import annotations

import mimetypes
from pathlib import Path

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from housing import selectors, services
from housing.forms import LeaseFilterForm, LeaseForm
from housing.models import Lease
from housing.views.common import get_lease_for_user
from smes.lib.dates import today
from smes.lib.download import safe_filename
from smes.lib.views import form_page, paginate
from smes.roles import FINANCE_VIEW, HOUSING_EDIT, HOUSING_VIEW, cap_required, has_cap


@cap_required(HOUSING_VIEW)
def lease_list(request):
    filters = LeaseFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    on = today()
    qs = selectors.leases_list(kind=data.get("kind", ""), status=data.get("status", ""), q=data.get("q", ""), on=on)
    return render(
        request,
        "housing/lease_list.html",
        {
            "filters": filters,
            "status": data.get("status", ""),
            "page_obj": paginate(request, qs),
            "on": on,
            "days": selectors.LEASE_ENDING_DAYS,
        },
    )


@cap_required(HOUSING_VIEW)
def lease_detail(request, pk: int):
    lease = get_lease_for_user(request.user, pk)
    on = today()
    context = {"lease": lease, "on": on}
    if has_cap(request.user, HOUSING_EDIT) and (lease.end is None or lease.end >= on):
        # A lease not yet lived in: the move into its dwelling, pre-filled.
        context["can_install"] = not selectors.lease_lived_in(lease)
    if has_cap(request.user, FINANCE_VIEW):
        context["guarantees"] = list(selectors.guarantees_list().filter(lease=lease))
        if lease.kind == "SLIDING":
            context["ledger"] = selectors.ledger_lease(lease.pk)
    return render(request, "housing/lease_detail.html", context)


def _initial_from_query(request) -> dict:
    initial = {}
    if request.GET.get("logement", "").isdigit():
        initial["dwelling"] = request.GET["logement"]
    if request.GET.get("locataire", "").isdigit():
        initial["tenant"] = request.GET["locataire"]
    return initial


@cap_required(HOUSING_EDIT)
def lease_create(request):
    form = LeaseForm(request.POST or None, request.FILES or None, initial=_initial_from_query(request))
    return form_page(
        request,
        form,
        lambda f: services.lease_save(lease=f.instance, user=request.user),
        template="housing/form.html",
        context={"title": _("Nouveau bail"), "back": reverse("housing:lease_list"), "multipart": True},
        success=lambda lease: reverse("housing:lease_detail", args=[lease.pk]),
        message=_("Bail enregistré."),
    )


@cap_required(HOUSING_EDIT)
def lease_edit(request, pk: int):
    lease: Lease = get_lease_for_user(request.user, pk, edit=True)
    form = LeaseForm(request.POST or None, request.FILES or None, instance=lease)
    return form_page(
        request,
        form,
        lambda f: services.lease_save(lease=f.instance, user=request.user),
        template="housing/form.html",
        context={
            "title": _("Modifier le bail"),
            "subtitle": f"{lease.tenant.full_name} · {lease.dwelling.code}",
            "back": reverse("housing:lease_detail", args=[pk]),
            "multipart": True,
        },
        success=lambda lease: reverse("housing:lease_detail", args=[lease.pk]),
        message=_("Bail mis à jour."),
    )


@cap_required(HOUSING_VIEW)
def lease_document(request, pk: int):
    """The signed lease, only through this view (media is not served)."""
    lease = get_lease_for_user(request.user, pk)
    if not lease.document:
        raise Http404
    try:
        handle = lease.document.open("rb")
    except FileNotFoundError:
        raise Http404
    name = safe_filename(
        f"bail-{lease.tenant.code}-{lease.dwelling.code}-{lease.start:%Y%m%d}{Path(lease.document.name).suffix.lower()}"
    )
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
