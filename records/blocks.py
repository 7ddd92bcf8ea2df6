"""The audit panel of the tenant page (Direction, Admin): the last
consultations of the file and a link to its full trail."""

from __future__ import annotations

from records.models import AccessLog
from smes.home import Block, register_tenant_panel
from smes.roles import AUDIT_VIEW, CLINICAL_VIEW, DATA_IMPORT_EXPORT, has_cap


def tenant_audit_context(request, tenant) -> dict:
    recent = list(AccessLog.objects.filter(tenant=tenant).select_related("user").order_by("-at", "-id")[:3])
    return {
        "tenant": tenant,
        "recent_access": recent,
        "may_export": has_cap(request.user, CLINICAL_VIEW) and has_cap(request.user, DATA_IMPORT_EXPORT),
    }


def register_blocks() -> None:
    # Last on the page: it is about the file, not about the person.
    register_tenant_panel(Block("records/_tenant_audit_panel.html", tenant_audit_context, AUDIT_VIEW, order=95))
