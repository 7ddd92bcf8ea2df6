from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from housing import selectors, services
from housing.forms import DwellingFilterForm, DwellingForm
from housing.models import Dwelling
from housing.views.common import get_dwelling_for_user
from smes.lib.dates import today
from smes.lib.views import form_page, paginate
from smes.roles import HOUSING_EDIT, HOUSING_VIEW, cap_required


@cap_required(HOUSING_VIEW)
def dwelling_list(request):
    filters = DwellingFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    partner = data.get("partner")
    qs = selectors.dwellings_list(
        partner_id=partner.pk if partner else None,
        commune=data.get("commune", ""),
        vacancy=data.get("vacancy", ""),
        q=data.get("q", ""),
    )
    return render(
        request,
        "housing/dwelling_list.html",
        {"filters": filters, "page_obj": paginate(request, qs), "stats": selectors.housing_stats()},
    )


@cap_required(HOUSING_VIEW)
def dwelling_detail(request, pk: int):
    get_dwelling_for_user(request.user, pk)
    dwelling = selectors.dwelling_detail(pk)
    return render(
        request,
        "housing/dwelling_detail.html",
        {
            "dwelling": dwelling,
            "stays": list(selectors.dwelling_stays(dwelling)[:100]),
            "leases": list(selectors.dwelling_leases(dwelling)[:100]),
            "on": today(),
        },
    )


@cap_required(HOUSING_EDIT)
def dwelling_create(request):
    initial = {"partner": request.GET.get("partenaire")} if request.GET.get("partenaire") else None
    form = DwellingForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda f: services.dwelling_save(dwelling=f.instance, user=request.user),
        template="housing/form.html",
        context={"title": _("Nouveau logement"), "back": reverse("housing:dwelling_list")},
        success=lambda d: reverse("housing:dwelling_detail", args=[d.pk]),
        message=_("Logement enregistré."),
    )


@cap_required(HOUSING_EDIT)
def dwelling_edit(request, pk: int):
    dwelling: Dwelling = get_dwelling_for_user(request.user, pk, edit=True)
    form = DwellingForm(request.POST or None, instance=dwelling)
    return form_page(
        request,
        form,
        lambda f: services.dwelling_save(dwelling=f.instance, user=request.user),
        template="housing/form.html",
        context={
            "title": _("Modifier le logement %(code)s") % {"code": dwelling.code},
            "back": reverse("housing:dwelling_detail", args=[pk]),
        },
        success=lambda d: reverse("housing:dwelling_detail", args=[d.pk]),
        message=_("Logement mis à jour."),
    )
