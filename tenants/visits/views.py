"""Visit pages: quick log, planning, my week, closing, timeline, team view.

Thin views: access through smes.roles and the `get_*_for_user` helpers,
rules in tenants.visits.services, reads in tenants.visits.selectors. The
quick log and the closing buttons answer htmx requests with a fragment and
plain requests with a full page, so they work without JavaScript too.
"""

from __future__ import annotations

import datetime as dt
import uuid
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smes.journal import log_access
from smes.lib.dates import today
from smes.lib.forms import apply_errors
from smes.lib.urls import safe_next_url
from smes.lib.views import form_page, paginate
from smes.roles import CLINICAL_VIEW, VISIT_CREATE, VISIT_EDIT_OWN, VISIT_VIEW, cap_required, has_cap
from tenants.models import Team, VisitStatus
from tenants.selectors import get_tenant_for_user
from tenants.visits import selectors
from tenants.visits.forms import DURATION_PRESETS, VisitForm
from tenants.visits.services import (
    DURATION_NOT_A_NUMBER,
    QUICKLOG_EXTENSIONS,
    visit_create,
    visit_delete,
    visit_set_status,
    visit_update,
)

AUDIT_TIMELINE = "chronologie des contacts (notes)"
AUDIT_VISIT_EDIT = "modification d'un contact (note)"


def _uuid_param(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


def _int_param(value, default: int | None = None) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# --------------------------------------------------------------------------
# Quick log


def _extension_forms(request, data) -> list[tuple[object, object]]:
    return [
        (ext, ext.form(request, data))
        for ext in QUICKLOG_EXTENSIONS
        if getattr(ext, "cap", None) is None or has_cap(request.user, ext.cap)
    ]


def _picker_page(request, plan: bool):
    """The picker alone. Without JavaScript it is a search form: ?q= lists
    the matching tenants, and opens the quick log at once when one is left."""
    q = request.GET.get("q", "").strip()[:100]
    results = None
    if q:
        results = selectors.tenants_for_picker(request.user, q=q)
        if len(results) == 1:
            return redirect(f"{reverse('tenants:quicklog')}?tenant={results[0].pk}{'&plan=1' if plan else ''}")
    context = {"tenants": selectors.tenants_for_picker(request.user), "plan": plan, "q": q, "results": results}
    return render(request, "tenants/visits/quicklog.html", context)


@cap_required(VISIT_CREATE)
def quicklog(request):  # noqa: C901 — one screen: GET/POST, plan/log, htmx/plain, extensions
    """Log (or plan, with ?plan=1) a contact: one screen, pre-filled."""
    source = request.POST if request.method == "POST" else request.GET
    plan = source.get("plan") == "1"
    tenant_pk = _int_param(source.get("tenant"))
    if tenant_pk is None:
        if request.method == "POST":
            return HttpResponseBadRequest(_("Choisissez un·e locataire."))
        if request.htmx:  # the picker went back to "—"
            return render(request, "tenants/visits/_quicklog_empty.html")
        return _picker_page(request, plan)
    tenant = get_tenant_for_user(request.user, tenant_pk)
    # Follow-up over: a late contact is noted on a date within it (the last
    # day by default); nothing is planned.
    ended = tenant.ended_before(today())
    plan = plan and ended is None
    initial = {"date": ended} if ended else {}

    data = request.POST if request.method == "POST" else None
    form = VisitForm(data, author=request.user, plan=plan, initial=initial)
    extensions = _extension_forms(request, data)
    saved = None
    saved_extras: list[str] = []
    if data is not None:
        valid = [form.is_valid()] + [ext_form.is_valid() for _ext, ext_form in extensions]
        if all(valid):
            try:
                saved = visit_create(
                    tenant=tenant,
                    author=request.user,
                    extensions=[f for _e, f in extensions],
                    client_uuid=_uuid_param(data.get("client_uuid")),  # static/js/offline.js adds it
                    **form.visit_data(),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                saved_extras = [f.summary for _e, f in extensions if getattr(f, "summary", "")]
                if not request.htmx:
                    messages.success(request, " ".join([_("Contact enregistré."), *(f"{x}." for x in saved_extras)]))
                    return redirect(f"{reverse('tenants:quicklog')}?tenant={tenant.pk}{'&plan=1' if plan else ''}")
                form = VisitForm(author=request.user, plan=plan, initial=initial)
                extensions = _extension_forms(request, None)
    context = {
        "tenant": tenant,
        "form": form,
        "extensions": extensions,
        "saved": saved,
        "saved_extras": saved_extras,
        "plan": plan,
        "ended": ended,
        "last": selectors.last_contacts(tenant, request.user) if has_cap(request.user, VISIT_VIEW) else [],
    }
    if request.htmx:
        response = render(request, "tenants/visits/_quicklog.html", context)
        if any(name != "__all__" for name in form.errors):
            # Show the first field in error rather than the top of the form.
            response["HX-Reswap"] = "outerHTML show:.has-error:top"
        return response
    return render(request, "tenants/visits/quicklog.html", context)


# --------------------------------------------------------------------------
# One visit: edit, close, delete


@cap_required(VISIT_EDIT_OWN)
def visit_edit(request, pk: int):
    visit = selectors.get_visit_for_user(request.user, pk, edit=True)
    # The edit page shows the confidential note: an opening of the clinical file.
    log_access(request, AUDIT_VISIT_EDIT, visit.tenant)
    default = reverse("tenants:timeline", args=[visit.tenant_id])
    next_url = safe_next_url(request, default)
    return form_page(
        request,
        VisitForm(request.POST or None, author=request.user, visit=visit),
        lambda form: visit_update(visit=visit, author=request.user, **form.visit_data()),
        template="tenants/visits/edit.html",
        context={"visit": visit, "next": next_url},
        success=next_url,
        message=_("Contact modifié."),
    )


def _shown_monday(request) -> dt.date:
    """The week the page that sent an htmx request shows (Ma semaine)."""
    query = parse_qs(urlsplit(request.headers.get("HX-Current-URL", "")).query)
    return selectors.monday_of(_parse_day((query.get("semaine") or [""])[0]) or today())


def _on_my_week(request) -> bool:
    return urlsplit(request.headers.get("HX-Current-URL", "")).path == reverse("tenants:my_week")


@require_POST
@cap_required(VISIT_EDIT_OWN)
def visit_status(request, pk: int):
    """One tap: a planned visit becomes DONE, ABSENT or CANCELLED.

    DONE without a known duration first asks for it (the quick log's minute
    presets): the row, or without JavaScript a small page, shows the
    question; the preset tapped closes the visit."""
    visit = selectors.get_visit_for_user(request.user, pk, edit=True)
    status = request.POST.get("status", "")
    raw = (request.POST.get("duration_min") or request.POST.get("duration_other") or "").strip()
    if status != VisitStatus.DONE:
        raw = ""  # a missed or cancelled visit keeps its planned duration
    duration = _int_param(raw)
    error, ask = None, False
    if raw and duration is None:
        error, ask = DURATION_NOT_A_NUMBER, True
    else:
        try:
            visit_set_status(visit=visit, author=request.user, status=status, duration_min=duration)
        except ValidationError as exc:
            ask = status == VisitStatus.DONE and "duration_min" in exc.message_dict
            # The first time, the question alone; after a wrong answer, why.
            error = None if ask and not raw else " ".join(exc.messages)
    closed = error is None and not ask
    context = {
        "v": visit,
        "error": error,
        "ask_duration": ask,
        "duration_presets": DURATION_PRESETS,
        "today": today(),
        "just_closed": closed,
        "next": safe_next_url(request, reverse("tenants:my_week")),
    }
    if request.htmx:
        visit.editable = True
        if closed and _on_my_week(request):
            # "Ma semaine" counters follow, swapped out of band.
            context["oob_summary"] = selectors.week_summary(request.user, _shown_monday(request))
        return render(request, "tenants/visits/_visit_row.html", context)
    if ask:
        visit.editable = True
        return render(request, "tenants/visits/close_duration.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Statut enregistré : %(status)s.") % {"status": visit.get_status_display()})
    return redirect(context["next"])


@cap_required(VISIT_EDIT_OWN)
def visit_delete_view(request, pk: int):
    visit = selectors.get_visit_for_user(request.user, pk, edit=True)
    default = reverse("tenants:timeline", args=[visit.tenant_id])
    if request.method == "POST":
        visit_delete(visit=visit, author=request.user)
        messages.success(request, _("Contact supprimé."))
        return redirect(safe_next_url(request, default))
    return render(request, "tenants/visits/delete.html", {"visit": visit, "next": safe_next_url(request, default)})


# --------------------------------------------------------------------------
# My week


def _parse_day(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return None


@cap_required(VISIT_CREATE)
def my_week(request):
    """The worker's week, day by day, with what is left to close."""
    day = today()
    monday = selectors.monday_of(_parse_day(request.GET.get("semaine")) or day)
    backlog = paginate(request, selectors.to_close(request.user, before=min(day, monday)), 10)
    context = {
        "monday": monday,
        "sunday": monday + dt.timedelta(days=6),
        "previous": monday - dt.timedelta(days=7),
        "next_week": monday + dt.timedelta(days=7),
        "this_week": selectors.monday_of(day),
        "days": selectors.my_week(request.user, monday),
        "summary": selectors.week_summary(request.user, monday),
        "backlog": selectors.with_edit_flags(request.user, backlog.object_list),
        "page_obj": backlog,
        "today": day,
    }
    return render(request, "tenants/visits/my_week.html", context)


# --------------------------------------------------------------------------
# Tenant timeline


@cap_required(VISIT_VIEW)
def timeline(request, pk: int):
    tenant = get_tenant_for_user(request.user, pk)
    filters = selectors.timeline_filters(request.user)
    kind = request.GET.get("kind") if request.GET.get("kind") in dict(filters) else ""
    page, entries, years = selectors.timeline_page(tenant, request.user, request.GET.get("page"), kind=kind or None)
    if has_cap(request.user, CLINICAL_VIEW):
        log_access(request, AUDIT_TIMELINE, tenant)
    context = {
        "tenant": tenant,
        "page_obj": page,
        "entries": entries,
        "filters": filters,
        "kind": kind,
        "years": years,
        "counts": selectors.contact_counts(tenant),
        "today": today(),
    }
    return render(request, "tenants/visits/timeline.html", context)


# --------------------------------------------------------------------------
# Team view


MAX_DAYS = 3650


@cap_required(VISIT_VIEW)
def not_seen(request):
    """Tenants without a DONE meeting for ?days= days (default NOT_SEEN_DAYS)."""
    days = _int_param(request.GET.get("days"), settings.NOT_SEEN_DAYS)
    days = min(max(days, 1), MAX_DAYS)
    team = request.GET.get("team") if request.GET.get("team") in Team.values else ""
    page = paginate(request, selectors.not_seen(days, team=team or None), 25)
    context = {
        "days": days,
        "team": team,
        "teams": Team.choices,
        "page_obj": page,
        "tenants": selectors.with_days_since(page.object_list),
        "planned": VisitStatus.PLANNED,
    }
    return render(request, "tenants/visits/not_seen.html", context)
