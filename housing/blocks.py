"""What housing adds to shared pages: the home-page block of the housing
team and Management, the tenant-page panel (current address at the top,
occupation history), and the moves on the tenant timeline."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from housing import selectors
from smes.home import Block, register, register_tenant_panel
from smes.lib.dates import today
from smes.roles import FINANCE_VIEW, HOUSING_EDIT, HOUSING_VIEW, has_cap


def home_context(request) -> dict:
    on = today()
    return {"counts": selectors.home_counts(finance=has_cap(request.user, FINANCE_VIEW), on=on), "on": on}


def tenant_panel_context(request, tenant) -> dict:
    on = today()
    stays = list(selectors.tenant_stays(tenant)[:30])
    current = next((s for s in stays if s.start <= on and (s.end is None or s.end > on)), None)
    leases = list(selectors.tenant_leases(tenant)[:30])
    left = {s.dwelling_id for s in stays if s.end is not None and s.end <= on}
    context = {
        "tenant": tenant,
        "on": on,
        "current": current,
        "stays": stays,
        # Only the lease of the dwelling lived in; a lease still running on
        # a dwelling left is flagged, to be ended.
        "running_leases": [
            lease for lease in leases if lease.is_running(on) and current and lease.dwelling_id == current.dwelling_id
        ],
        "left_leases": [
            lease
            for lease in leases
            if lease.is_running(on)
            and (lease.end is None or lease.end > on)
            and lease.dwelling_id in left
            and not (current and lease.dwelling_id == current.dwelling_id)
        ],
        "leases": leases,
    }
    if has_cap(request.user, FINANCE_VIEW):
        context["guarantees"] = list(selectors.guarantees_outstanding().filter(lease__tenant=tenant))
        context["arrears"] = (
            selectors.tenants_in_arrears().filter(pk=tenant.pk).values_list("arrears", flat=True).first()
        )
    return context


def tenant_moves(tenant, user):
    return selectors.tenant_moves(tenant)


def register_blocks() -> None:
    register(Block("housing/_home_block.html", home_context, HOUSING_EDIT, order=20))
    # Low order: the current address is the first thing on the tenant page.
    register_tenant_panel(Block("housing/_tenant_panel.html", tenant_panel_context, HOUSING_VIEW, order=5))
    from tenants.visits.selectors import TimelineSource, register_timeline_source

    # Moves join the tenant timeline.
    register_timeline_source(
        TimelineSource(
            key="move",
            template="housing/_timeline_move.html",
            queryset=tenant_moves,
            cap=HOUSING_VIEW,
            css="t-move",
            group="housing",
            label=_("Logement"),
        )
    )
