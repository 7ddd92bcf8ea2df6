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


def register_blocks() -> None:
    register(HOME_LOW_STOCK)
    register_tenant_panel(TENANT_MATERIAL)
    from harmreduction.quicklog import MaterialGivenExtension
    from tenants.visit_services import QUICKLOG_EXTENSIONS

    if MaterialGivenExtension() not in QUICKLOG_EXTENSIONS:
        QUICKLOG_EXTENSIONS.append(MaterialGivenExtension())
