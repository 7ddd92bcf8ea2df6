"""`problems` — mental health and consumption at the latest review of the
year (docs/report.md); the page's "Analyse des problématiques" and the
sheet "Problématiques"."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports import labels as L
from reports.blocks import Part, ReportBlock, Section, Selection
from reports.presentation import PCT, Presentation
from reports.rounding import pct
from reports.selectors import accompanied
from reports.workbook import Book
from smes.lib.dates import year_bounds
from tenants.models import MENTAL_HEALTH_FIELDS, PRODUCT_FIELDS, Assessment


def latest_assessments(year: int) -> QuerySet[Assessment]:
    """For each tenant of A, the latest assessment dated in the year."""
    start, end = year_bounds(year)
    later = Assessment.objects.filter(tenant=OuterRef("tenant"), date__gt=OuterRef("date"), date__lte=end)
    return Assessment.objects.filter(tenant__in=accompanied(year), date__gte=start, date__lte=end).exclude(
        Exists(later)
    )


def problems_block(year: int) -> dict[str, Any]:
    product_count = sum(
        (Cast(field, IntegerField()) for field in PRODUCT_FIELDS.values()), start=Value(0, output_field=IntegerField())
    )
    counts: dict[str, Any] = {"assessed": Count("id")}
    for field in MENTAL_HEALTH_FIELDS:
        counts[field] = Count("id", filter=Q(**{field: True}))
    counts["abstinent"] = Count("id", filter=Q(n_products=0))
    counts["one"] = Count("id", filter=Q(n_products=1))
    counts["two"] = Count("id", filter=Q(n_products=2))
    counts["three_plus"] = Count("id", filter=Q(n_products__gte=3))
    for field in ("crack_inhalation", "injection", "overdose"):
        counts[field] = Count("id", filter=Q(**{field: True}))
    agg = latest_assessments(year).alias(n_products=product_count).aggregate(**counts)
    assessed = agg["assessed"]
    consumption = {key: agg[key] for key in ("abstinent", "one", "two", "three_plus")}
    return {
        "assessed": assessed,
        "mental_health": {field: agg[field] for field in MENTAL_HEALTH_FIELDS},
        "consumption": consumption,
        "crack_inhalation": agg["crack_inhalation"],
        "injection": agg["injection"],
        "overdose": agg["overdose"],
        "mental_health_pct": {field: pct(agg[field], assessed) for field in MENTAL_HEALTH_FIELDS},
        "consumption_pct": {key: pct(value, assessed) for key, value in consumption.items()},
        "crack_inhalation_pct": pct(agg["crack_inhalation"], assessed),
    }


def select(selection: Selection) -> dict[str, Any]:
    return problems_block(selection.year)


def present(shown: Presentation) -> Part:
    mental_health = shown.rows("problems.mental_health_pct", L.MENTAL_HEALTH, PCT)
    for row in mental_health:
        row["n"] = shown.report["problems"]["mental_health"][row["code"]]
    return Part(
        tables={
            "mental_health": mental_health,
            "consumption": shown.rows("problems.consumption", L.CONSUMPTION, pct_key="problems.consumption_pct"),
            "use_modes": shown.rows("problems", L.USE_MODES),
        },
        charts={
            "mental_health": shown.hbars(
                [(f"problems.mental_health_pct.{k}", L.MENTAL_HEALTH_SHORT[k]) for k in L.MENTAL_HEALTH],
                title=_("Santé mentale (% des personnes évaluées)"),
                max_value=100,
            ),
            "consumption": shown.hbars(
                [(f"problems.consumption.{k}", L.CONSUMPTION[k]) for k in L.CONSUMPTION],
                title=_("Consommation : nombre de produits"),
            ),
        },
    )


def sheet(book: Book) -> None:
    tables = book.tables
    s = book.sheet(_("Problématiques"))
    s.title(_("Analyse des problématiques — %(n)s personnes évaluées") % {"n": book.report["problems"]["assessed"]})
    s.table(
        s.history_head(_("Santé mentale"), str(book.year) + " (%)", _("Personnes")),
        [[row["label"], row["fig"].value, row["n"]] + s.fig_row("", row["fig"])[2:] for row in tables["mental_health"]],
    )
    s.fig_table(
        _("Consommation (actuelle)"),
        _("Nombre de produits"),
        tables["consumption"],
        share="problems.consumption_pct",
    )
    s.fig_table(_("Modes de consommation"), _("Mode"), tables["use_modes"])
    s.finish()


BLOCK = ReportBlock(
    key="problems",
    order=20,
    select=select,
    present=present,
    template="reports/blocks/problems.html",
    sheet=sheet,
    sections=(
        Section(
            "problematiques",
            gettext_lazy("Analyse des problématiques rencontrées"),
            short=gettext_lazy("Problématiques"),
        ),
    ),
)
