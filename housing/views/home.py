"""The housing home page: the week's work of the housing team at a glance."""

from __future__ import annotations

from django.db.models import Sum
from django.shortcuts import render

from housing import selectors
from smes.lib.dates import today
from smes.roles import FINANCE_VIEW, HOUSING_VIEW, cap_required, has_cap

SHORT_LIST = 8


@cap_required(HOUSING_VIEW)
def index(request):
    on = today()
    finance = has_cap(request.user, FINANCE_VIEW)
    context = {
        "on": on,
        "stats": selectors.housing_stats(on),
        "ending": list(selectors.leases_ending(on)[:SHORT_LIST]),
        "ending_count": selectors.leases_ending(on).count(),
        "to_check": list(selectors.leases_without_end(on).filter(needs_check=True)[:SHORT_LIST]),
        "to_check_count": selectors.leases_without_end(on).filter(needs_check=True).count(),
        "conventions": list(selectors.conventions_due(on)[:SHORT_LIST]),
        "conventions_count": selectors.conventions_due(on).count(),
        "deaths": list(selectors.deaths_to_close(on)[:SHORT_LIST]),
        "recent_moves": list(selectors.moves_list()[:SHORT_LIST]),
        "lease_days": selectors.LEASE_ENDING_DAYS,
        "convention_days": selectors.CONVENTION_DUE_DAYS,
    }
    if finance:
        outstanding = selectors.guarantees_outstanding()
        context["guarantees"] = {
            "count": outstanding.count(),
            "total": outstanding.aggregate(total=Sum("balance"))["total"] or 0,
        }
        arrears = selectors.tenants_in_arrears()
        context["arrears"] = list(arrears[:SHORT_LIST])
        context["arrears_count"] = arrears.count()
    return render(request, "housing/index.html", context)
