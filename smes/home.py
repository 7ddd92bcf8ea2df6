"""Home page blocks contributed by the apps.

Each app registers `(template, context_function, cap)`; the home page shows
the blocks whose capability the user holds. Apps register in their
AppConfig.ready() so that the home view needs no knowledge of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from smes.roles import has_cap


@dataclass(frozen=True)
class HomeBlock:
    template: str
    context: Callable  # (request) -> dict
    cap: str
    order: int = 50


_BLOCKS: list[HomeBlock] = []


def register(block: HomeBlock) -> None:
    if block not in _BLOCKS:
        _BLOCKS.append(block)


def blocks_for(request) -> list[dict]:
    shown = []
    for block in sorted(_BLOCKS, key=lambda b: b.order):
        if has_cap(request.user, block.cap):
            shown.append({"template": block.template, **block.context(request)})
    return shown
