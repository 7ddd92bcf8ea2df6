"""`tenants` — who was accompanied (docs/report.md); the page's
"Présentation des usager·ère·s" and the sheet "Usagers"."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from housing.models import Stay
from reports import charts
from reports import labels as L
from reports.blocks import Part, ReportBlock, Section, Selection
from reports.presentation import Presentation, fmt
from reports.rounding import mean, pct
from reports.selectors import ENDED_REASONS, accompanied, died_in
from reports.workbook import Book
from smes.lib.dates import year_bounds
from tenants.models import Funding, Income, IncomeSource, Sex, Team


def tenants_block(year: int) -> dict[str, Any]:
    start, end = year_bounds(year)
    population = accompanied(year)
    counts: dict[str, Any] = {"n": Count("id")}
    for code in Funding.values:
        counts[f"funding_{code}"] = Count("id", filter=Q(funding=code))
    for code in Sex.values:
        counts[f"sex_{code}"] = Count("id", filter=Q(sex=code))
    for code in Team.values:
        counts[f"team_{code}"] = Count("id", filter=Q(team=code))
    for code in ENDED_REASONS:
        counts[f"ended_{code}"] = Count("id", filter=Q(end_reason=code, followup_end__gte=start, followup_end__lte=end))
    counts["deceased"] = Count("id", filter=died_in(start, end))
    # Whole years on 31 December = year - birth year (every birthday has passed).
    counts["birth_min"] = Min(ExtractYear("birth_date"))
    counts["birth_max"] = Max(ExtractYear("birth_date"))
    counts["birth_sum"] = Sum(ExtractYear("birth_date"))
    counts["street_sum"] = Sum("street_years")
    counts["street_n"] = Count("street_years")
    agg = population.aggregate(**counts)
    n = agg["n"]

    incomes = dict(
        Income.objects.filter(tenant__in=population)
        .overlapping(start, end)
        .values_list("source")
        .annotate(n=Count("tenant", distinct=True))
        .order_by()
    )
    communes = sorted(
        set(
            Stay.objects.overlapping(start, end)
            .filter(tenant__in=population)
            .values_list("dwelling__commune", flat=True)
            .order_by()  # else the stays' ordering columns join the DISTINCT
            .distinct()
        )
    )
    return {
        "accompanied": n,
        "by_funding": {code: agg[f"funding_{code}"] for code in Funding.values},
        "by_sex": {code: agg[f"sex_{code}"] for code in Sex.values},
        "by_team": {code: agg[f"team_{code}"] for code in Team.values},
        "age": {
            "min": year - agg["birth_max"] if n else None,
            "max": year - agg["birth_min"] if n else None,
            "mean": mean(year * n - agg["birth_sum"], n) if n else None,
        },
        "street_years_mean": mean(agg["street_sum"], agg["street_n"]),
        "incomes": {code: incomes.get(code, 0) for code in IncomeSource.values},
        "communes": communes,
        "deceased": agg["deceased"],
        "ended": {code.value: agg[f"ended_{code}"] for code in ENDED_REASONS},
        # Added keys (the spec allows additions): shares for the text.
        "by_sex_pct": {code: pct(agg[f"sex_{code}"], n) for code in Sex.values},
        "communes_count": len(communes),
    }


def select(selection: Selection) -> dict[str, Any]:
    return tenants_block(selection.year)


def present(shown: Presentation) -> Part:
    t = shown.report["tenants"]
    n = t["accompanied"]
    return Part(
        tables={
            "funding": shown.rows("tenants.by_funding", L.FUNDING, pct_of=n),
            "sex": shown.rows("tenants.by_sex", L.SEX, pct_key="tenants.by_sex_pct"),
            "team": shown.rows("tenants.by_team", L.TEAM, pct_of=n),
            "incomes": shown.rows("tenants.incomes", L.INCOME, pct_of=n),
            "ended": shown.rows("tenants.ended", L.ENDED),
        },
        charts={
            "accompanied": shown.year_columns("tenants.accompanied", title=_("Personnes accompagnées par année")),
            "sex": charts.split(
                [(str(L.SEX[k]), t["by_sex"][k], fmt(t["by_sex"][k])) for k in ("M", "F", "X")],
                title=_("Répartition par sexe"),
            ),
            "funding": charts.split(
                [(str(L.FUNDING[k]), t["by_funding"][k], fmt(t["by_funding"][k])) for k in L.FUNDING],
                title=_("Financement"),
            ),
        },
    )


def sheet(book: Book) -> None:
    year, t, tables = book.year, book.report["tenants"], book.tables
    s = book.sheet(_("Usagers"))
    s.title(_("Présentation des usager·ère·s — %(year)s") % {"year": year})
    s.table(
        s.history_head(_("Chiffre"), str(year)),
        [
            s.fig_row(_("Personnes accompagnées"), "tenants.accompanied"),
            s.fig_row(_("Âge moyen (31 décembre)"), "tenants.age.mean"),
            [_("Âge minimum"), t["age"]["min"]],
            [_("Âge maximum"), t["age"]["max"]],
            s.fig_row(_("Années de rue (moyenne)"), "tenants.street_years_mean"),
            s.fig_row(_("Décès"), "tenants.deceased"),
        ],
    )
    s.fig_table(_("Financement"), _("Financement"), tables["funding"])
    s.fig_table(_("Sexe"), _("Sexe"), tables["sex"], share="tenants.by_sex_pct")
    s.fig_table(_("Équipes"), _("Équipe"), tables["team"])
    s.fig_table(_("Revenus"), _("Source de revenu"), tables["incomes"])
    s.fig_table(_("Fins d'accompagnement"), _("Motif"), tables["ended"])
    s.title(_("Communes"))
    s.table([_("Commune")], [[c] for c in t["communes"]])
    s.finish()


BLOCK = ReportBlock(
    key="tenants",
    order=10,
    select=select,
    present=present,
    template="reports/blocks/population.html",
    sheet=sheet,
    sections=(Section("usagers", gettext_lazy("Présentation des usager·ère·s"), short=gettext_lazy("Usager·ère·s")),),
)
