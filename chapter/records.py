"""Sections of the chapter that come from the records (issue 17, part 4).
Filled in by the records' own modules; empty until then."""

from __future__ import annotations

from typing import Any


def records_figures(year: int) -> dict[str, Any]:
    return {}


def records_context(year: int) -> dict[str, Any]:
    return {}


def records_json(year: int) -> dict[str, Any]:
    return {}
