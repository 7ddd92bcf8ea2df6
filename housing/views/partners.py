"""Housing partners (landlords, AIS, programmes), their contacts and their
collaboration conventions."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from housing import selectors, services
from housing.forms import ConventionForm, PartnerContactForm, PartnerFilterForm, PartnerForm
from housing.models import Convention, PartnerContact
from housing.views.common import get_contact_for_user, get_convention_for_user, get_partner_for_user
from smes.lib.dates import today
from smes.lib.views import form_page, paginate
from smes.roles import HOUSING_EDIT, HOUSING_VIEW, cap_required


@cap_required(HOUSING_VIEW)
def partner_list(request):
    filters = PartnerFilterForm(request.GET or None)
    kind = filters.cleaned_data.get("kind", "") if filters.is_valid() else ""
    return render(
        request,
        "housing/partner_list.html",
        {"filters": filters, "page_obj": paginate(request, selectors.partners_list(kind=kind))},
    )


@cap_required(HOUSING_VIEW)
def partner_detail(request, pk: int):
    partner = get_partner_for_user(request.user, pk)
    return render(
        request,
        "housing/partner_detail.html",
        {
            "partner": partner,
            "contacts": list(partner.contacts.all()),
            "conventions": list(partner.conventions.all()),
            "dwellings": list(selectors.dwellings_list(partner_id=partner.pk)[:200]),
            "due_limit": today() + selectors.dt.timedelta(days=selectors.CONVENTION_DUE_DAYS),
            "on": today(),
        },
    )


@cap_required(HOUSING_EDIT)
def partner_create(request):
    form = PartnerForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda f: services.partner_save(partner=f.instance, user=request.user),
        template="housing/form.html",
        context={"title": _("Nouveau partenaire logement"), "back": reverse("housing:partner_list")},
        success=lambda p: reverse("housing:partner_detail", args=[p.pk]),
        message=_("Partenaire enregistré."),
    )


@cap_required(HOUSING_EDIT)
def partner_edit(request, pk: int):
    partner = get_partner_for_user(request.user, pk, edit=True)
    form = PartnerForm(request.POST or None, instance=partner)
    return form_page(
        request,
        form,
        lambda f: services.partner_save(partner=f.instance, user=request.user),
        template="housing/form.html",
        context={
            "title": _("Modifier « %(name)s »") % {"name": partner.name},
            "back": reverse("housing:partner_detail", args=[pk]),
        },
        success=lambda p: reverse("housing:partner_detail", args=[p.pk]),
        message=_("Partenaire mis à jour."),
    )


# -- contacts -------------------------------------------------------------


@cap_required(HOUSING_EDIT)
def contact_add(request, pk: int):
    partner = get_partner_for_user(request.user, pk, edit=True)
    form = PartnerContactForm(request.POST or None, instance=PartnerContact(partner=partner))
    return form_page(
        request,
        form,
        lambda f: services.partner_contact_save(contact=f.instance, user=request.user),
        template="housing/form.html",
        context={
            "title": _("Nouveau contact — %(name)s") % {"name": partner.name},
            "back": reverse("housing:partner_detail", args=[pk]),
        },
        success=reverse("housing:partner_detail", args=[pk]),
        message=_("Contact enregistré."),
    )


@cap_required(HOUSING_EDIT)
def contact_edit(request, pk: int):
    contact = get_contact_for_user(request.user, pk)
    back = reverse("housing:partner_detail", args=[contact.partner_id])
    form = PartnerContactForm(request.POST or None, instance=contact)
    return form_page(
        request,
        form,
        lambda f: services.partner_contact_save(contact=f.instance, user=request.user),
        template="housing/form.html",
        context={
            "title": _("Modifier le contact"),
            "back": back,
            "delete_url": reverse("housing:contact_delete", args=[pk]),
        },
        success=back,
        message=_("Contact mis à jour."),
    )


@require_POST
@cap_required(HOUSING_EDIT)
def contact_delete(request, pk: int):
    contact = get_contact_for_user(request.user, pk)
    partner_id = contact.partner_id
    services.partner_contact_delete(contact=contact, user=request.user)
    messages.success(request, _("Contact supprimé."))
    return redirect("housing:partner_detail", pk=partner_id)


# -- conventions ----------------------------------------------------------


@cap_required(HOUSING_VIEW)
def convention_list(request):
    show_all = request.GET.get("toutes") == "1"
    on = today()
    qs = (
        Convention.objects.select_related("partner").order_by("next_evaluation_due", "title")
        if show_all
        else selectors.conventions_due(on)
    )
    return render(
        request,
        "housing/convention_list.html",
        {"page_obj": paginate(request, qs), "show_all": show_all, "on": on, "days": selectors.CONVENTION_DUE_DAYS},
    )


@cap_required(HOUSING_EDIT)
def convention_add(request, pk: int):
    partner = get_partner_for_user(request.user, pk, edit=True)
    form = ConventionForm(request.POST or None, instance=Convention(partner=partner))
    return form_page(
        request,
        form,
        lambda f: services.convention_save(convention=f.instance, user=request.user),
        template="housing/form.html",
        context={
            "title": _("Nouvelle convention — %(name)s") % {"name": partner.name},
            "back": reverse("housing:partner_detail", args=[pk]),
        },
        success=reverse("housing:partner_detail", args=[pk]),
        message=_("Convention enregistrée."),
    )


@cap_required(HOUSING_EDIT)
def convention_edit(request, pk: int):
    convention = get_convention_for_user(request.user, pk)
    back = reverse("housing:partner_detail", args=[convention.partner_id])
    form = ConventionForm(request.POST or None, instance=convention)
    return form_page(
        request,
        form,
        lambda f: services.convention_save(convention=f.instance, user=request.user),
        template="housing/form.html",
        context={
            "title": _("Convention « %(title)s »") % {"title": convention.title},
            "back": back,
            "delete_url": reverse("housing:convention_delete", args=[pk]),
        },
        success=back,
        message=_("Convention mise à jour."),
    )


@require_POST
@cap_required(HOUSING_EDIT)
def convention_delete(request, pk: int):
    convention = get_convention_for_user(request.user, pk)
    partner_id = convention.partner_id
    services.convention_delete(convention=convention, user=request.user)
    messages.success(request, _("Convention supprimée."))
    return redirect("housing:partner_detail", pk=partner_id)
