"""Visit blocks on shared pages, registered from TenantsConfig.ready().

Home: "Noter une visite" (tenant picker + my week in figures) for those who
log contacts, and the "not seen for N days" list for those who read them.
Tenant page: a "Contacts" panel with the one-tap quick-log button. Each
context runs a fixed number of queries.
"""

from __future__ import annotations

from django.conf import settings

from smes.home import Block, register, register_tenant_panel
from smes.lib.dates import today
from smes.roles import VISIT_CREATE, VISIT_EDIT_OWN, VISIT_VIEW, has_cap
from tenants.visits.selectors import (
    contact_counts,
    last_contacts,
    monday_of,
    next_planned,
    not_seen,
    tenants_for_picker,
    week_summary,
    with_days_since,
    with_edit_flags,
)

HOME_NOT_SEEN_ROWS = 6


def home_quicklog_context(request) -> dict:
    day = today()
    return {
        "tenants": tenants_for_picker(request.user, day),
        "summary": week_summary(request.user, monday_of(day), day),
    }


def home_not_seen_context(request) -> dict:
    qs = not_seen(settings.NOT_SEEN_DAYS)
    return {"rows": with_days_since(qs[:HOME_NOT_SEEN_ROWS]), "total": qs.count(), "days": settings.NOT_SEEN_DAYS}


def tenant_panel_context(request, tenant) -> dict:
    upcoming = next_planned(tenant, request.user)
    if has_cap(request.user, VISIT_EDIT_OWN):
        upcoming = with_edit_flags(request.user, upcoming)
    return {
        "tenant": tenant,
        "counts": contact_counts(tenant),
        "last": last_contacts(tenant, request.user),
        "upcoming": upcoming,
        "can_log": has_cap(request.user, VISIT_CREATE),
        "today": today(),
        "ended": tenant.ended_before(today()),
    }


HOME_QUICKLOG = Block(
    template="tenants/visits/home_quicklog.html", context=home_quicklog_context, cap=VISIT_CREATE, order=5
)
HOME_NOT_SEEN = Block(
    template="tenants/visits/home_not_seen.html", context=home_not_seen_context, cap=VISIT_VIEW, order=15
)
TENANT_PANEL = Block(template="tenants/visits/panel.html", context=tenant_panel_context, cap=VISIT_VIEW, order=20)


def register_blocks() -> None:
    register(HOME_QUICKLOG)
    register(HOME_NOT_SEEN)
    register_tenant_panel(TENANT_PANEL)
