"""Moves (entries, transfers, exits) and the housing side of a death."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from housing import selectors, services
from housing.forms import DeathCloseForm, MoveFilterForm, MoveForm
from housing.models import MoveKind
from housing.views.common import get_move_for_user, get_tenant_for_housing
from smes.lib.dates import today
from smes.lib.forms import apply_errors
from smes.lib.urls import safe_next_url
from smes.lib.views import paginate
from smes.roles import HOUSING_EDIT, HOUSING_VIEW, cap_required, has_cap, refuse
from tenants.models import EndReason


@cap_required(HOUSING_VIEW)
def move_list(request):
    filters = MoveFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    qs = selectors.moves_list(kind=data.get("kind") or "", year=data.get("year"))
    return render(request, "housing/move_list.html", {"filters": filters, "page_obj": paginate(request, qs)})


def _tenant_url(tenant_id: int) -> str:
    return reverse("tenants:detail", args=[tenant_id])


@cap_required(HOUSING_EDIT)
def move_create(request):
    # Pre-filled from the link followed: ?locataire= (tenant page),
    # ?logement=&type= ("Y installer quelqu'un"), both (a lease page).
    initial = {"date": today()}
    tenant = None
    current = None
    if request.GET.get("locataire", "").isdigit():
        tenant = get_tenant_for_housing(request.user, int(request.GET["locataire"]))
        current = selectors.tenant_current_stay(tenant)
        initial["tenant"] = tenant.pk
        initial["kind"] = MoveKind.TRANSFER if current else MoveKind.ENTRY
    back = None
    if request.GET.get("logement", "").isdigit():
        initial["dwelling"] = int(request.GET["logement"])
        back = reverse("housing:dwelling_detail", args=[initial["dwelling"]])
    if request.GET.get("type") in MoveKind.values:
        initial["kind"] = request.GET["type"]
    form = MoveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            move = services.move_record(
                tenant=data["tenant"],
                date=data["date"],
                kind=data["kind"],
                dwelling=data["dwelling"],
                exit_to=data["exit_to"],
                note=data["note"],
                end_leases=data["end_leases"],
                user=request.user,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            text = _("Mouvement enregistré : %(move)s.") % {"move": move.get_kind_display().lower()}
            for lease in move.ended_leases:
                text += " " + _("%(kind)s du logement %(dwelling)s terminé le %(date)s.") % {
                    "kind": lease.get_kind_display(),
                    "dwelling": lease.dwelling.code,
                    "date": services.fmt_date(lease.end),
                }
            messages.success(request, text)
            return redirect(safe_next_url(request, _tenant_url(move.tenant_id)))
    leaving = list(selectors.tenant_running_leases(tenant, current.dwelling_id)) if current else []
    return render(
        request,
        "housing/move_form.html",
        {
            "form": form,
            "tenant": tenant,
            "current": current,
            "leaving": leaving,
            "back": back,
            "next": safe_next_url(request, ""),
        },
    )


@cap_required(HOUSING_EDIT)
def move_edit(request, pk: int):
    move = get_move_for_user(request.user, pk)
    initial = {
        "tenant": move.tenant_id,
        "date": move.date,
        "kind": move.kind,
        "dwelling": move.dwelling_id,
        "exit_to": move.exit_to,
        "note": move.note,
    }
    form = MoveForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.move_update(
                move=move,
                date=data["date"],
                kind=data["kind"],
                dwelling=data["dwelling"],
                exit_to=data["exit_to"],
                note=data["note"],
                user=request.user,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Mouvement modifié."))
            return redirect(safe_next_url(request, _tenant_url(move.tenant_id)))
    return render(
        request,
        "housing/move_form.html",
        {"form": form, "move": move, "tenant": move.tenant, "next": safe_next_url(request, "")},
    )


@cap_required(HOUSING_EDIT)
def move_delete(request, pk: int):
    move = get_move_for_user(request.user, pk)
    error = None
    if request.method == "POST":
        tenant_id = move.tenant_id
        try:
            services.move_delete(move=move, user=request.user)
        except ValidationError as exc:
            error = exc
        else:
            messages.success(request, _("Mouvement supprimé."))
            return redirect(_tenant_url(tenant_id))
    return render(request, "housing/move_delete.html", {"move": move, "errors": error.messages if error else []})


@cap_required(HOUSING_VIEW)
def death_followup(request, pk: int):  # noqa: C901 — two optional actions (exit, end of lease), each with its form state
    """After a DECEASED end of follow-up: offer to record the EXIT (DEATH) at
    the date of death and to end the running lease, in one service call."""
    tenant = get_tenant_for_housing(request.user, pk)
    if tenant.end_reason != EndReason.DECEASED or not tenant.followup_end:
        raise Http404
    death = tenant.followup_end
    stay = selectors.stay_open_on(tenant, death)
    running = [lease for lease in selectors.tenant_leases(tenant) if lease.end is None or lease.end > death]
    running = [lease for lease in running if lease.start <= death]
    can_edit = has_cap(request.user, HOUSING_EDIT)
    if request.method == "POST" and not can_edit:
        refuse(request.user, HOUSING_EDIT)
    form = None
    if can_edit and (stay or running):
        form = DeathCloseForm(request.POST or None, initial={"record_exit": bool(stay), "end_leases": bool(running)})
        if not stay:
            form.fields["record_exit"].disabled = True
        if not running:
            form.fields["end_leases"].disabled = True
        if request.method == "POST" and form.is_valid():
            try:
                move, ended = services.tenant_housing_close_on_death(
                    tenant=tenant,
                    date=death,
                    record_exit=bool(form.cleaned_data.get("record_exit")),
                    end_leases=bool(form.cleaned_data.get("end_leases")),
                    user=request.user,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                done = []
                if move:
                    done.append(_("sortie du logement enregistrée"))
                if ended:
                    done.append(_("bail terminé"))
                messages.success(request, _("Logement clôturé : %(done)s.") % {"done": ", ".join(done)})
                return redirect(_tenant_url(tenant.pk))
    return render(
        request,
        "housing/death_followup.html",
        {"tenant": tenant, "death": death, "stay": stay, "running": running, "form": form, "can_edit": can_edit},
    )
