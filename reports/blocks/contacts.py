"""`contacts` — meetings, phone calls, durations and motives
(docs/report.md); the page's "Réalisations" (Accompagnements) and the sheet
"Accompagnements"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports import labels as L
from reports.blocks import Part, ReportBlock, Section, Selection
from reports.presentation import MINUTES, PCT, Presentation, fmt
from reports.rounding import mean, pct, ratio
from reports.selectors import MEETINGS, accompanied
from reports.series import lookup
from reports.workbook import Book
from smes.lib.dates import year_bounds
from tenants.models import MOTIVE_FIELDS, Visit, VisitKind, VisitStatus


def contacts_block(year: int, *, accompanied_count: int | None = None, for_history: bool = False) -> dict[str, Any]:
    """`for_history`: only the figures followed across years (reports.series)
    — the year before and the busiest month are left out (None)."""
    start, end = year_bounds(year)
    prev_start, prev_end = year_bounds(year - 1)
    done, absent = VisitStatus.DONE.value, VisitStatus.ABSENT.value
    # One pass over the year's visits grouped by (kind, status) — at most 16
    # groups, added up below — and an index-only count for the year before:
    # ~25 filtered aggregates over two years of rows took twice as long
    # (benchmarks/: 4.5 million visits).
    groups = list(
        Visit.objects.filter(date__gte=start, date__lte=end)
        .values("kind", "status")
        .annotate(
            # Count("date"), not "id": every column read is in the index
            # visit_year_figures_idx, so PostgreSQL never touches the table.
            n=Count("date"),
            dur_sum=Sum("duration_min"),
            dur_n=Count("duration_min"),
            travel_sum=Sum("travel_min"),
            travel_n=Count("travel_min"),
            **{f"motive_{code}": Count("date", filter=Q(**{field: True})) for code, field in MOTIVE_FIELDS.items()},
        )
        .order_by()
    )

    def added(key: str, *, status: str, kinds=None) -> int:
        return sum(g[key] or 0 for g in groups if g["status"] == status and (kinds is None or g["kind"] in kinds))

    by_kind = {kind: added("n", status=done, kinds=(kind,)) for kind in MEETINGS}
    total = sum(by_kind.values())
    previous = None
    if not for_history:
        previous = Visit.objects.filter(
            date__gte=prev_start, date__lte=prev_end, status=done, kind__in=MEETINGS
        ).count()
    agg = {
        "phone": added("n", status=done, kinds=(VisitKind.PHONE.value,)),
        "travel_sum": added("travel_sum", status=done, kinds=MEETINGS),
        "travel_n": added("travel_n", status=done, kinds=MEETINGS),
        "absent": added("n", status=absent, kinds=MEETINGS),
    }
    for kind in MEETINGS:
        agg[f"dur_sum_{kind}"] = added("dur_sum", status=done, kinds=(kind,))
        agg[f"dur_n_{kind}"] = added("dur_n", status=done, kinds=(kind,))
    for code in MOTIVE_FIELDS:
        agg[f"motive_{code}"] = added(f"motive_{code}", status=done)
    if accompanied_count is None:
        accompanied_count = accompanied(year).count()
    # Most meetings of one tenant in one month: one row per tenant with its
    # twelve monthly counts (a few thousand groups held in memory, where
    # grouping by tenant × month spilled ~100,000 groups to disk), read from
    # the partial index of done meetings without touching the table.
    months = {
        f"m{m}": Count("date", filter=Q(date__gte=dt.date(year, m, 1), date__lt=dt.date(year + m // 12, m % 12 + 1, 1)))
        for m in range(1, 13)
    }
    busiest = (
        None
        if for_history
        else (
            Visit.objects.filter(date__gte=start, date__lte=end, status=VisitStatus.DONE, kind__in=MEETINGS)
            .values("tenant")
            .annotate(**months)
            .annotate(top=Greatest(*(F(name) for name in months)))
            .order_by()
            .aggregate(most=Max("top"))["most"]
        )
    )
    motives = {code: agg[f"motive_{code}"] for code in MOTIVE_FIELDS}
    mentions = sum(motives.values())
    return {
        "by_kind": by_kind,
        "meetings_total": total,
        "previous_year_total": previous,
        "change_pct": None if previous is None else pct(total - previous, previous),
        "phone": agg["phone"],
        "mean_duration_min": {kind: mean(agg[f"dur_sum_{kind}"], agg[f"dur_n_{kind}"]) for kind in MEETINGS},
        "mean_travel_min": mean(agg["travel_sum"], agg["travel_n"]),
        "missed_pct": pct(agg["absent"], total + agg["absent"]),
        "per_tenant_per_month": ratio(total, accompanied_count * 12, places=2),
        "max_in_month": None if for_history else busiest or 0,
        "motives": motives,
        # Added: each motive's share of all motive mentions, as the report prints it.
        "motives_pct": {code: pct(n, mentions) for code, n in motives.items()},
        "motive_mentions": mentions,
        "absent": agg["absent"],
    }


def select(selection: Selection) -> dict[str, Any]:
    tenants = selection.report.get("tenants")
    return contacts_block(
        selection.year,
        accompanied_count=tenants["accompanied"] if tenants else None,
        for_history=selection.for_history,
    )


def present(shown: Presentation) -> Part:
    report = shown.report
    change_pct = report["contacts"]["change_pct"]
    change = {
        "direction": "none" if change_pct is None else "up" if change_pct > 0 else "down" if change_pct < 0 else "same",
        "text": fmt(abs(change_pct), PCT) if change_pct is not None else "",
    }
    return Part(
        tables={
            "kinds": shown.rows("contacts.by_kind", L.MEETING_KIND),
            "durations": shown.rows("contacts.mean_duration_min", L.MEETING_KIND, MINUTES),
            "motives": shown.rows("contacts.motives", L.MOTIVE, pct_key="contacts.motives_pct"),
        },
        charts={
            "kinds": shown.hbars(
                [(f"contacts.by_kind.{k}", L.MEETING_KIND[k]) for k in L.MEETING_KIND],
                title=_("Rencontres par type"),
            ),
            "meetings": shown.year_columns("contacts.meetings_total", title=_("Total des rencontres par année")),
            "motives": shown.hbars(
                [(f"contacts.motives.{k}", L.MOTIVE[k]) for k in L.MOTIVE],
                title=_("Motifs des contacts"),
                extra_text=lambda key, fig: (
                    f"{fig.text} · {fmt(lookup(report, key.replace('motives.', 'motives_pct.')), PCT)}"
                ),
            ),
        },
        context={"change": change},
    )


def sheet(book: Book) -> None:
    c, tables = book.report["contacts"], book.tables
    s = book.sheet(_("Accompagnements"))
    s.fig_table(_("Rencontres par type"), _("Type"), tables["kinds"])
    s.table(
        s.history_head(_("Chiffre"), str(book.year)),
        [
            s.fig_row(_("Total des rencontres"), "contacts.meetings_total"),
            [_("Total de l'année précédente"), c["previous_year_total"]],
            [_("Évolution (%)"), c["change_pct"]],
            s.fig_row(_("Contacts téléphoniques"), "contacts.phone"),
            s.fig_row(_("Trajet moyen (min)"), "contacts.mean_travel_min"),
            s.fig_row(_("Rendez-vous manqués (%)"), "contacts.missed_pct"),
            s.fig_row(_("Rencontres par locataire et par mois"), "contacts.per_tenant_per_month"),
            [_("Maximum pour un·e locataire en un mois"), c["max_in_month"]],
        ],
    )
    s.fig_table(_("Durée moyenne (min, sans trajet)"), _("Type"), tables["durations"])
    s.fig_table(_("Motifs des rencontres"), _("Motif"), tables["motives"], share="contacts.motives_pct")
    s.finish()


BLOCK = ReportBlock(
    key="contacts",
    order=40,
    select=select,
    present=present,
    template="reports/blocks/contacts.html",
    sheet=sheet,
    sections=(Section("realisations", gettext_lazy("Réalisations en %(year)s"), short=gettext_lazy("Réalisations")),),
)
