"""`gaf` — the Global Assessment of Functioning scores at entry and now
(docs/report.md); the page's "Échelle globale de fonctionnement" and the
sheet "EGF". No name or file number: the table's rows are numbered."""

from __future__ import annotations

import math
from typing import Any

from django.db.models import BooleanField, Case, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports import charts
from reports import labels as L
from reports.blocks import Part, ReportBlock, Section, Selection
from reports.presentation import Presentation
from reports.rounding import mean
from reports.selectors import accompanied
from reports.workbook import Book
from smes.lib.dates import year_bounds
from tenants.models import EndReason, GafScore, Tenant

WEB_GAF_ROWS = 240  # beyond this the page points to the PDF/XLSX for the full table
GAF_PAGE_ROWS = 4 * 42  # the PDF GAF table: four groups of 42 lines fill an A4 page
# Above six pages of it (a network or a federation rather than a team), the
# PDF shows the distribution chart and leaves the per-tenant table to the
# XLSX and the JSON: 8,000 rows are 48 pages nobody reads in a chapter, and
# most of a 30-second export (benchmarks/, issue 8).
PDF_GAF_MAX_ROWS = 6 * GAF_PAGE_ROWS


def gaf_rows(year: int) -> QuerySet[Tenant]:
    """One row per tenant of A with entry, current and deceased — no names.

    `values()` fetches only the scores: the report never reads who is who.
    """
    start, end = year_bounds(year)
    scores = GafScore.objects.filter(tenant=OuterRef("pk"))
    return (
        accompanied(year)
        .annotate(
            entry=Subquery(scores.order_by("date").values("score")[:1]),
            current=Subquery(scores.filter(date__lte=end).order_by("-date").values("score")[:1]),
            dead=Case(
                When(Q(end_reason=EndReason.DECEASED, followup_end__lte=end), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("followup_start", "code")
        .values("entry", "current", "dead")
    )


def gaf_block(year: int, *, with_rows: bool = True) -> dict[str, Any]:
    # One query: the table's rows, whose means Python sums. Aggregating the
    # annotated queryset in SQL made PostgreSQL evaluate the two score
    # subqueries once per aggregate, ten times per tenant (benchmarks/: 125 ms
    # instead of 35 ms at 10,000 tenants).
    rows = list(gaf_rows(year))
    living = [row for row in rows if not row["dead"]]
    entries = [row["entry"] for row in rows if row["entry"] is not None]
    currents = [row["current"] for row in living if row["current"] is not None]
    gains = [row["current"] - row["entry"] for row in living if row["entry"] is not None and row["current"] is not None]
    block: dict[str, Any] = {}
    if with_rows:
        block["rows"] = [
            {"n": i, "entry": row["entry"], "current": row["current"], "deceased": bool(row["dead"])}
            for i, row in enumerate(rows, start=1)
        ]
    block.update(
        {
            "entry_mean": mean(sum(entries), len(entries)),
            "current_mean": mean(sum(currents), len(currents)),
            "current_n": len(currents),
            "improvement_mean": mean(sum(gains), len(gains)),
            "entry_n": len(entries),
            "improvement_n": len(gains),
            "deceased_n": len(rows) - len(living),
        }
    )
    return block


def select(selection: Selection) -> dict[str, Any]:
    return gaf_block(selection.year, with_rows=selection.with_rows)


def _bands(rows: list[dict]) -> tuple[list[int], list[int]]:
    entry, current = [0] * 10, [0] * 10
    for row in rows:
        if row["entry"] is not None:
            entry[min((row["entry"] - 1) // 10, 9)] += 1
        if row["current"] is not None and not row["deceased"]:
            current[min((row["current"] - 1) // 10, 9)] += 1
    return entry, current


def _columns(rows: list[dict], groups: int = 4) -> list[list[dict]]:
    if not rows:
        return []
    size = math.ceil(len(rows) / groups)
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _matrix(rows: list[dict], groups: int = 4) -> list[list[dict | None]]:
    """The published layout: line i shows rows i, i+k, i+2k, i+3k side by side."""
    columns = _columns(rows, groups)
    height = len(columns[0]) if columns else 0
    return [
        [col[i] if i < len(col) else None for col in columns] + [None] * (groups - len(columns)) for i in range(height)
    ]


def present(shown: Presentation) -> Part:
    rows = shown.report["gaf"]["rows"]
    entry_bands, current_bands = _bands(rows)
    omitted = len(rows) > PDF_GAF_MAX_ROWS
    return Part(
        tables={
            "gaf_pages": []
            if omitted
            else [_matrix(rows[i : i + GAF_PAGE_ROWS]) for i in range(0, len(rows), GAF_PAGE_ROWS)],
            "gaf_pdf_omitted": omitted,
            "gaf_web_columns": _columns(rows[:WEB_GAF_ROWS]),
            "gaf_truncated": len(rows) > WEB_GAF_ROWS,
            "gaf_legend": [(score, str(text)) for score, text in L.GAF_LEGEND],
        },
        charts={
            "gaf_bands": charts.gaf_bands(
                entry_bands,
                current_bands,
                title=_("Scores EGF par tranche de dix points"),
                entry_label=_("à l'entrée"),
                current_label=_("actuel (personnes en vie)"),
            ),
            "gaf_mean": shown.year_columns(
                "gaf.current_mean", title=_("Moyenne EGF actuelle par année"), max_value=100
            ),
        },
        context={"gaf_deceased_label": _("Décédé·e")},
    )


def sheet(book: Book) -> None:
    g = book.report["gaf"]
    s = book.sheet(_("EGF"))
    s.title(_("Échelle globale de fonctionnement"))
    s.table(
        s.history_head(_("Chiffre"), str(book.year), _("n")),
        [
            s.fig_row(_("Moyenne à l'entrée"), "gaf.entry_mean", g["entry_n"]),
            s.fig_row(_("Moyenne actuelle (personnes en vie)"), "gaf.current_mean", g["current_n"]),
            s.fig_row(_("Amélioration moyenne"), "gaf.improvement_mean", g["improvement_n"]),
        ],
    )
    s.title(_("Tableau des scores (sans nom ni numéro de dossier)"))
    deceased = book.ctx["gaf_deceased_label"]
    s.table(
        [_("Locataire"), _("Score entrée"), _("Score actuel")],
        [[row["n"], row["entry"], deceased if row["deceased"] else row["current"]] for row in g["rows"]],
    )
    s.table([_("Score"), _("Interprétation")], [[score, text] for score, text in book.tables["gaf_legend"]])
    s.finish()


BLOCK = ReportBlock(
    key="gaf",
    order=30,
    select=select,
    present=present,
    template="reports/blocks/gaf.html",
    sheet=sheet,
    sections=(
        Section(
            "egf",
            gettext_lazy("Échelle globale de fonctionnement (EGF)"),
            level=2,
            short=gettext_lazy("EGF"),
        ),
    ),
)
