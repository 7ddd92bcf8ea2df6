"""What the harm-reduction app adds to shared pages (registered in apps.py)."""

from __future__ import annotations

from smes.home import Block, register, register_tenant_panel
from smes.roles import CLINICAL_VIEW, RDR_MANAGE


def home_low_stock_context(request) -> dict:
    from harmreduction.selectors import low_stock_items

    return {"low_items": low_stock_items()}


def tenant_material_context(request, tenant) -> dict:
    from harmreduction.selectors import tenant_distributions

    return tenant_distributions(tenant)


# Those who order and count the material (Management, Direction; Admin
# keeps the catalogue) see what runs low.
HOME_LOW_STOCK = Block(
    template="harmreduction/_home_low_stock.html", context=home_low_stock_context, cap=RDR_MANAGE, order=40
)
# Material given to a person tells about their consumption: clinical.
TENANT_MATERIAL = Block(
    template="harmreduction/_tenant_panel.html", context=tenant_material_context, cap=CLINICAL_VIEW, order=60
)


def tenant_distributions_outside_visits(tenant, user):
    from harmreduction.models import MovementKind, Operation

    return Operation.objects.filter(kind=MovementKind.DISTRIBUTION, tenant=tenant, visit__isnull=True).prefetch_related(
        "lines__item"
    )


def with_material_given(visits):
    from django.db.models import Exists, OuterRef

    from harmreduction.models import Movement, MovementKind

    return visits.filter(Exists(Movement.objects.filter(visit=OuterRef("pk"), kind=MovementKind.DISTRIBUTION)))


def register_timeline() -> None:
    """The tenant timeline: material given outside visits is an entry of its
    own; material given during a visit shows on the visit; the "Matériel
    RdR" filter keeps both. Clinical, like the tenant panel."""
    from django.utils.translation import gettext_lazy as _

    from tenants.visits.selectors import (
        TimelineSource,
        register_timeline_narrowing,
        register_timeline_prefetch,
        register_timeline_source,
    )

    register_timeline_source(
        TimelineSource(
            key="rdr",
            template="harmreduction/_timeline_distribution.html",
            queryset=tenant_distributions_outside_visits,
            cap=CLINICAL_VIEW,
            css="t-rdr",
            label=_("Matériel RdR"),
        )
    )
    register_timeline_narrowing("visit", "rdr", with_material_given)
    register_timeline_prefetch("visit", "rdr_movements__item", CLINICAL_VIEW)


def register_blocks() -> None:
    register(HOME_LOW_STOCK)
    register_timeline()
    register_tenant_panel(TENANT_MATERIAL)
    from harmreduction.quicklog import MaterialGivenExtension
    from tenants.visits.services import QUICKLOG_EXTENSIONS

    QUICKLOG_EXTENSIONS.register(MaterialGivenExtension())
