"""Figures followed across years: the catalogue and where each year's value comes from.

A series is a figure of the report JSON named by its dotted path
("problems.mental_health_pct.depression"). For an earlier year its value is
computed from the records when the database covers that year for that block
(the `base` path is > 0), otherwise taken from the legacy figures the
director entered (the values printed in earlier reports). Computed wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from reports import labels as L

COUNT, PCT, MEAN, MINUTES, RATIO = "count", "pct", "mean", "minutes", "ratio"
HISTORY_YEARS = 5  # the chapter cites the five previous years


def _join(section, name):
    return f"{section} — {name}"


join_lazy = lazy(_join, str)


@dataclass(frozen=True)
class Series:
    key: str
    label: Any
    unit: str
    base: str

    def value_in(self, report: dict) -> Any:
        return lookup(report, self.key)

    def computed_in(self, report: dict) -> bool:
        """Does the database cover this year for this figure?"""
        base = lookup(report, self.base)
        return bool(base) and self.value_in(report) is not None


def lookup(data: dict, dotted: str) -> Any:
    value: Any = data
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _build() -> list[Series]:  # noqa: C901 — a flat table of series declarations, not logic
    out: list[Series] = []
    pop, prob, gaf = _("Usager·ère·s"), _("Problématiques"), _("EGF")
    cont, mov, hous, rdr = _("Accompagnements"), _("Déménagements"), _("Logement"), _("Matériel RdR")
    A = "tenants.accompanied"

    def add(key, section, label, unit=COUNT, base=A):
        out.append(Series(key, join_lazy(section, label), unit, base))

    add("tenants.accompanied", pop, _("personnes accompagnées"))
    for code, label in L.FUNDING.items():
        add(f"tenants.by_funding.{code}", pop, label)
    for code, label in L.SEX.items():
        add(f"tenants.by_sex.{code}", pop, label)
    add("tenants.by_sex_pct.F", pop, _("part de femmes (%)"), PCT)
    add("tenants.age.mean", pop, _("âge moyen"), MEAN)
    add("tenants.street_years_mean", pop, _("années de rue (moyenne)"), MEAN)
    for code, label in L.INCOME.items():
        add(f"tenants.incomes.{code}", pop, label)
    add("tenants.deceased", pop, _("décès"))
    add("tenants.communes_count", pop, _("communes"))

    P = "problems.assessed"
    for code, label in L.MENTAL_HEALTH.items():
        add(f"problems.mental_health_pct.{code}", prob, label, PCT, P)
    for code, label in L.CONSUMPTION.items():
        add(f"problems.consumption.{code}", prob, label, COUNT, P)
    for code, label in L.USE_MODES.items():
        add(f"problems.{code}", prob, label, COUNT, P)

    add("gaf.entry_mean", gaf, _("moyenne à l'entrée"), MEAN, "gaf.entry_n")
    add("gaf.current_mean", gaf, _("moyenne actuelle"), MEAN, "gaf.current_n")
    add("gaf.improvement_mean", gaf, _("amélioration moyenne"), MEAN, "gaf.improvement_n")

    C = "contacts.meetings_total"
    for code, label in L.MEETING_KIND.items():
        add(f"contacts.by_kind.{code}", cont, label, COUNT, C)
    add("contacts.meetings_total", cont, _("total des rencontres"), COUNT, C)
    add("contacts.phone", cont, _("contacts téléphoniques"), COUNT, C)
    for code, label in L.MEETING_KIND.items():
        add(f"contacts.mean_duration_min.{code}", cont, join_lazy(label, _("durée moyenne")), MINUTES, C)
    add("contacts.mean_travel_min", cont, _("trajet moyen"), MINUTES, C)
    add("contacts.missed_pct", cont, _("rendez-vous manqués (%)"), PCT, C)
    add("contacts.per_tenant_per_month", cont, _("rencontres par locataire et par mois"), RATIO, C)
    for code, label in L.MOTIVE.items():
        add(f"contacts.motives.{code}", cont, join_lazy(_("motif"), label), COUNT, C)

    for code, label in L.MOVES.items():
        add(f"moves.{code}", mov, label)
    add("moves.exits_total", mov, _("sorties de logement"))
    add("moves.total", mov, _("total des entrées et sorties"))

    H = "housing.housed"
    add("housing.housed", hous, _("personnes relogées"), COUNT, H)
    add("housing.retention_pct", hous, _("taux de maintien en logement (%)"), PCT, H)
    add("housing.dwellings_total", hous, _("logements occupés"), COUNT, H)

    for code, label in L.RDR_CATEGORY.items():
        add(f"harm_reduction.by_category.{code}", rdr, label, COUNT, "harm_reduction.distributed_total")
    return out


SERIES: list[Series] = _build()
SERIES_BY_KEY: dict[str, Series] = {s.key: s for s in SERIES}


def series_choices() -> list[tuple[str, Any]]:
    return [(s.key, s.label) for s in SERIES]


@dataclass
class Point:
    year: int
    value: Any
    legacy: bool  # entered by hand rather than computed


def history_years(year: int) -> list[int]:
    """The earlier years a report cites, most recent first."""
    return [year - i for i in range(1, HISTORY_YEARS + 1)]


def build_history(reports_by_year: dict[int, dict], legacy: dict[tuple[int, str], Decimal]) -> dict[str, list[Point]]:
    """series key -> points for the earlier years that have a value, most recent first."""
    history: dict[str, list[Point]] = {}
    for series in SERIES:
        points = []
        for year in sorted(reports_by_year, reverse=True):
            report = reports_by_year[year]
            if series.computed_in(report):
                points.append(Point(year, series.value_in(report), False))
            elif (year, series.key) in legacy:
                points.append(Point(year, legacy[(year, series.key)], True))
        history[series.key] = points
    return history
