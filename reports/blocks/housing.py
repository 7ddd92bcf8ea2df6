"""`housing` — who stayed housed, with which partners and leases
(docs/report.md); the page's "Analyse des résultats" and the sheet
"Logement"."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from housing.models import Lease, LeaseKind, Stay
from reports import labels as L
from reports.blocks import Part, ReportBlock, Section, Selection
from reports.presentation import Presentation
from reports.rounding import pct
from reports.selectors import accompanied, died_in
from reports.workbook import Book
from smes.lib.dates import year_bounds


def housing_block(year: int) -> dict[str, Any]:
    start, end = year_bounds(year)
    population = accompanied(year)
    agg = (
        population.alias(
            housed=Exists(Stay.objects.overlapping(start, end).filter(tenant=OuterRef("pk"))),
            home_at_end=Exists(Stay.objects.open_on(end).filter(tenant=OuterRef("pk"))),
        )
        .filter(housed=True)
        .aggregate(
            housed=Count("id"),
            deceased=Count("id", filter=died_in(start, end)),
            lost=Count("id", filter=~died_in(start, end) & Q(home_at_end=False)),
        )
    )
    kept_base = agg["housed"] - agg["deceased"]
    by_partner = dict(
        Stay.objects.overlapping(start, end)
        .filter(tenant__in=population)
        .values_list("dwelling__partner__name")
        .annotate(n=Count("dwelling", distinct=True))
        .order_by()
    )
    leases = dict(Lease.objects.open_on(end).values_list("kind").annotate(n=Count("id")).order_by())
    return {
        "housed": agg["housed"],
        "deceased": agg["deceased"],
        "lost": agg["lost"],
        "retention_pct": pct(kept_base - agg["lost"], kept_base),
        "by_partner": {name: by_partner[name] for name in sorted(by_partner) if by_partner[name] > 0},
        "leases_by_kind": {code: leases.get(code, 0) for code in LeaseKind.values},
        "dwellings_total": sum(by_partner.values()),
    }


def select(selection: Selection) -> dict[str, Any]:
    return housing_block(selection.year)


def present(shown: Presentation) -> Part:
    partners = sorted(shown.report["housing"]["by_partner"].items(), key=lambda kv: (-kv[1], kv[0]))
    return Part(
        tables={
            "leases": shown.rows("housing.leases_by_kind", L.LEASE_KIND),
            "partners": [{"name": name, "n": n} for name, n in partners],
        },
        charts={
            "retention": shown.year_columns(
                "housing.retention_pct", title=_("Taux de maintien en logement par année"), max_value=100
            ),
        },
    )


def sheet(book: Book) -> None:
    h = book.report["housing"]
    s = book.sheet(_("Logement"))
    s.title(_("Maintien en logement"))
    s.table(
        s.history_head(_("Chiffre"), str(book.year)),
        [
            s.fig_row(_("Personnes logées pendant l'année"), "housing.housed"),
            [_("dont décédées"), h["deceased"]],
            [_("sans logement au 31 décembre"), h["lost"]],
            s.fig_row(_("Taux de maintien (%)"), "housing.retention_pct"),
        ],
    )
    s.title(_("Partenaires logement"))
    s.table([_("Partenaire"), _("Logements")], [[row["name"], row["n"]] for row in book.tables["partners"]])
    s.fig_table(_("Baux en cours au 31 décembre"), _("Type de bail"), book.tables["leases"])
    s.finish()


BLOCK = ReportBlock(
    key="housing",
    order=60,
    select=select,
    present=present,
    # "Analyse des résultats" closes the achievements, after the RdR material.
    template="reports/blocks/results.html",
    page_order=75,
    sheet=sheet,
    sections=(Section("resultats", gettext_lazy("Analyse des résultats"), short=gettext_lazy("Résultats")),),
)
