"""Pages of the intake register. Support and Direction manage the requests
(intake.manage); Housing sees the waiting list without the problems and
proposes dwellings (intake.waitlist, intake.propose); Management the counts
(intake.counts). smes/roles.py decides."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from housing.selectors import dwellings_list
from intake import selectors, services
from intake.forms import ProposeForm, RequestForm, StatusForm
from intake.models import Request, Status
from smes.lib.dates import today, year_bounds
from smes.lib.forms import apply_errors
from smes.lib.views import form_page, paginate
from smes.roles import INTAKE_COUNTS, INTAKE_MANAGE, INTAKE_PROPOSE, INTAKE_WAITLIST, cap_required, has_cap
from tenants.services import DuplicateTenant


@cap_required(INTAKE_COUNTS)
def index(request):
    """The entry of the menu: each role lands on what it may see."""
    if has_cap(request.user, INTAKE_MANAGE):
        return redirect("intake:list")
    if has_cap(request.user, INTAKE_WAITLIST):
        return redirect("intake:waitlist")
    return redirect("intake:counts")


@cap_required(INTAKE_MANAGE)
def request_list(request):
    state = request.GET.get("etat", "open")
    if state not in ("open", "closed", "all"):
        state = "open"
    q = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    page = paginate(request, selectors.requests_list(state=state, q=q))
    return render(request, "intake/list.html", {"page_obj": page, "state": state, "q": q})


@cap_required(INTAKE_WAITLIST)
def waitlist(request):
    rows = selectors.with_waited(selectors.waiting_list())
    vacant = dwellings_list(vacancy="vacant")
    return render(
        request,
        "intake/waitlist.html",
        {
            "rows": rows,
            "vacant": list(vacant),
            "may_manage": has_cap(request.user, INTAKE_MANAGE),
            "may_propose": has_cap(request.user, INTAKE_PROPOSE),
        },
    )


@cap_required(INTAKE_COUNTS)
def counts(request):
    year = today().year
    return render(
        request,
        "intake/counts.html",
        {
            "counts": [(Status(code).label, n) for code, n in selectors.status_counts().items()],
            "year": year,
            "figures": {"rows": selectors.block_rows(selectors.intake_block(year))},
            "bounds": year_bounds(year),
        },
    )


def _verdict_context(form: RequestForm) -> dict:
    data = form.data if form.is_bound else form.initial

    def _int(name):
        try:
            return int(data.get(name) or 0)
        except (TypeError, ValueError):
            return 0

    def _bool(name):
        value = data.get(name)
        return value not in (None, "", False, "off", "false", "0")

    answered = bool(data.get("ethos"))
    eligible, reasons = services.eligibility(
        ethos=data.get("ethos"),
        months_2y=_int("months_2y"),
        months_3y=_int("months_3y"),
        mental_health=_bool("mental_health"),
        addiction=_bool("addiction"),
    )
    return {"verdict_answered": answered, "verdict_eligible": eligible, "verdict_reasons": reasons}


def _request_form_page(request, form, *, req: Request | None):
    def save(form) -> Request:
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if req is None:
            return services.request_create(user=request.user, **fields)
        return services.request_update(request=req, user=request.user, **fields)

    return form_page(
        request,
        form,
        save,
        template="intake/form.html",
        context={"req": req, **_verdict_context(form)},
        success=lambda obj: reverse("intake:detail", args=[obj.pk]),
        message=_("Demande enregistrée."),
    )


@cap_required(INTAKE_MANAGE)
def request_create(request):
    return _request_form_page(request, RequestForm(request.POST or None), req=None)


@cap_required(INTAKE_MANAGE)
def request_edit(request, pk: int):
    req = get_object_or_404(Request, pk=pk)
    return _request_form_page(request, RequestForm(request.POST or None, instance=req), req=req)


@require_POST
@cap_required(INTAKE_MANAGE)
def verdict(request):
    """The eligibility verdict of the answers so far (htmx, live on the form)."""
    return render(request, "intake/_verdict.html", _verdict_context(RequestForm(request.POST)))


@cap_required(INTAKE_MANAGE)
def request_detail(request, pk: int):
    req = get_object_or_404(Request.objects.select_related("partner", "tenant", "housed_tenant"), pk=pk)
    form = StatusForm(request=req) if req.next_statuses else None
    return _detail(request, req, form)


def _detail(request, req, form):
    eligible, reasons = services.request_verdict(req)
    return render(
        request,
        "intake/detail.html",
        {
            "req": req,
            "changes": selectors.request_changes(req),
            "form": form,
            "verdict_answered": True,
            "verdict_eligible": eligible,
            "verdict_reasons": reasons,
        },
    )


@require_POST
@cap_required(INTAKE_MANAGE)
def request_status(request, pk: int):
    req = get_object_or_404(Request, pk=pk)
    if not req.next_statuses:
        messages.error(request, _("Cette demande est clôturée."))
        return redirect("intake:detail", pk=pk)
    form = StatusForm(request.POST, request=req)
    if form.is_valid():
        try:
            services.request_set_status(
                request=req,
                status=form.cleaned_data["status"],
                date=form.cleaned_data["date"],
                reason=form.cleaned_data["reason"],
                tenant_fields=form.tenant_fields(),
                user=request.user,
            )
        except DuplicateTenant as exc:
            form.add_error(None, exc)
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied:
            raise
        else:
            messages.success(request, _("Statut enregistré."))
            return redirect("intake:detail", pk=pk)
    return _detail(request, req, form)


@require_POST
@cap_required(INTAKE_PROPOSE)
def request_propose(request, pk: int):
    req = get_object_or_404(Request, pk=pk)
    form = ProposeForm(request.POST)
    if form.is_valid():
        try:
            services.request_propose_dwelling(request=req, dwelling=form.cleaned_data["dwelling"], user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Proposition de logement enregistrée."))
    else:
        messages.error(request, _("Choisissez un logement avec une place libre."))
    return redirect(reverse("intake:waitlist"))
