"""Blocks that apps contribute to shared pages (home page, tenant page).

An app registers `Block(template, context, cap, order)` in its
AppConfig.ready(); the page shows the blocks whose capability the user
holds, in order. The page itself needs no knowledge of the apps. Each
context function must run a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from smes.registry import HOME_BLOCKS, TENANT_PANELS
from smes.roles import has_cap


@dataclass(frozen=True)
class Block:
    template: str
    context: Callable  # home: (request) -> dict ; tenant: (request, tenant) -> dict
    cap: str
    order: int = 50


def register(block: Block) -> None:
    """Register a home-page block (smes.registry.HOME_BLOCKS)."""
    HOME_BLOCKS.register(block)


def register_tenant_panel(block: Block) -> None:
    """Register a panel of the tenant detail page (smes.registry.TENANT_PANELS)."""
    TENANT_PANELS.register(block)


def blocks_for(request) -> list[dict]:
    return [{"template": b.template, **b.context(request)} for b in HOME_BLOCKS if has_cap(request.user, b.cap)]


def tenant_panels_for(request, tenant) -> list[dict]:
    return [
        {"template": b.template, **b.context(request, tenant)} for b in TENANT_PANELS if has_cap(request.user, b.cap)
    ]
