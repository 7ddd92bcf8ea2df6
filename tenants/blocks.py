"""Blocks the tenants app adds to the home page (registered in apps.py)."""

from __future__ import annotations

from smes.home import Block, register
from smes.roles import CLINICAL_VIEW
from tenants.selectors import active_counts_by_team


def home_tenants_context(request) -> dict:
    return {"counts": active_counts_by_team()}


# Support and Direction are exactly the roles that follow tenants (and see
# who lacks this year's review), i.e. the clinical.view roles.
HOME_TENANTS = Block(template="tenants/home_block.html", context=home_tenants_context, cap=CLINICAL_VIEW, order=10)


def register_blocks() -> None:
    register(HOME_TENANTS)
