"""Audit pages: the global journal and the trail of one tenant (Direction
and Admin, audit.view), and the GDPR subject-access export (Direction)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from records import audit
from smes.lib.download import attachment_header
from smes.roles import AUDIT_VIEW, CLINICAL_VIEW, DATA_IMPORT_EXPORT, cap_required, has_cap

PER_PAGE = 40
VIEWS = ("acces", "modifications", "comptes")


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _journal_context(request, *, tenant_id: int | None) -> dict:
    view = request.GET.get("vue") if request.GET.get("vue") in VIEWS else VIEWS[0]
    user_id = _int(request.GET.get("qui"))
    if view == "comptes" and tenant_id is None:
        page = Paginator(audit.account_events_queryset(user_id=user_id), PER_PAGE).get_page(request.GET.get("page"))
        rows = audit.account_event_rows(list(page.object_list))
    elif view == "acces" or view == "comptes":
        view = "acces"
        page = Paginator(audit.access_queryset(tenant_id=tenant_id, user_id=user_id), PER_PAGE).get_page(
            request.GET.get("page")
        )
        rows = list(page.object_list)
    else:
        page = Paginator(audit.changes_queryset(tenant_id=tenant_id, user_id=user_id), PER_PAGE).get_page(
            request.GET.get("page")
        )
        rows = audit.change_rows(list(page.object_list), request.user)
    users = get_user_model().objects.order_by("username").only("username", "first_name", "last_name")
    return {
        "view": view,
        "page_obj": page,
        "rows": rows,
        "users": users,
        "user_id": user_id,
        "account_tab": tenant_id is None,
    }


@require_GET
@cap_required(AUDIT_VIEW)
def journal(request):
    """Every consultation and every change, newest first."""
    context = _journal_context(request, tenant_id=None)
    if context["view"] == "modifications":
        from tenants.models import Tenant

        ids = {r.tenant_id for r in context["rows"] if r.tenant_id}
        context["tenants"] = Tenant.objects.only("code", "first_name", "last_name").in_bulk(ids)
    return render(request, "records/audit_journal.html", context)


@require_GET
@cap_required(AUDIT_VIEW)
def tenant_journal(request, tenant_pk: int):
    """Who opened and who changed what in one tenant's file."""
    from tenants.models import Tenant

    tenant = get_object_or_404(
        Tenant.objects.only("code", "first_name", "last_name", "followup_start", "followup_end"), pk=tenant_pk
    )
    audit.log_access(request, "journal du dossier", tenant)
    context = _journal_context(request, tenant_id=tenant.pk)
    context["tenant"] = tenant
    context["may_export"] = has_cap(request.user, CLINICAL_VIEW) and has_cap(request.user, DATA_IMPORT_EXPORT)
    return render(request, "records/audit_tenant.html", context)


@require_GET
@cap_required(AUDIT_VIEW, CLINICAL_VIEW, DATA_IMPORT_EXPORT)
def subject_access_export(request, tenant_pk: int):
    """GDPR art. 15: everything held about one tenant, as one ZIP."""
    from records import gdpr
    from tenants.models import Tenant

    tenant = get_object_or_404(Tenant, pk=tenant_pk)
    audit.log_access(request, "export RGPD (droit d'accès)", tenant)
    data = gdpr.subject_access_zip(tenant, requested_by=request.user)
    response = HttpResponse(data, content_type="application/zip")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = attachment_header(f"acces-{tenant.code}-{stamp}.zip")
    response["Cache-Control"] = "no-store"
    return response
