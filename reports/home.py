"""Home-page block for Direction and Management: last year at a glance and
the data-quality counts of the current report year (fixed number of queries)."""

from __future__ import annotations

from django.http import HttpRequest

from reports.blocks.contacts import contacts_block
from reports.blocks.housing import housing_block
from reports.blocks.moves import moves_block
from reports.blocks.tenants import tenants_block
from reports.quality import quality_counts
from smes import home
from smes.lib.dates import last_complete_year
from smes.roles import REPORT_VIEW


def home_context(request: HttpRequest) -> dict:
    year = last_complete_year()
    tenants = tenants_block(year)
    quality = quality_counts(year)
    return {
        "report_year": year,
        "tenants": tenants,
        "housing": housing_block(year),
        "moves": moves_block(year),
        "contacts": contacts_block(year, accompanied_count=tenants["accompanied"]),
        "quality": quality,
        "quality_total": sum(q["count"] for q in quality),
    }


def register_blocks() -> None:
    home.register(home.Block("reports/_home_block.html", home_context, REPORT_VIEW, order=20))
