"""From the report JSON to what the page, the PDF and the XLSX show.

One builder, `report_context(year)`, computes the year's report and the
five earlier ones, joins the legacy figures, and prepares formatted figures
with their history ("71 % (87 % en 2024, 82 % en 2023 …)"), the tables and
the charts. Call it inside `translation.override(lang)`: every label is
rendered in the active language.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from harmreduction.models import Item, localized
from intake.selectors import block_rows
from reports import charts
from reports import labels as L
from reports.earlier import earlier_reports, year_report
from reports.models import LegacyFigure
from reports.series import (
    COUNT,
    MEAN,
    MINUTES,
    PCT,
    RATIO,
    SERIES,
    SERIES_BY_KEY,
    Point,
    build_history,
    history_years,
    lookup,
)

WEB_GAF_ROWS = 240  # beyond this the page points to the PDF/XLSX for the full table
GAF_PAGE_ROWS = 4 * 42  # the PDF GAF table: four groups of 42 lines fill an A4 page
# Above six pages of it (a network or a federation rather than a team), the
# PDF shows the distribution chart and leaves the per-tenant table to the
# XLSX and the JSON: 8,000 rows are 48 pages nobody reads in a chapter, and
# most of a 30-second export (benchmarks/, issue 8).
PDF_GAF_MAX_ROWS = 6 * GAF_PAGE_ROWS


def fmt(value, unit: str = COUNT) -> str:
    """A figure as printed: French/Dutch decimal comma, no useless ',0', ties rounded up."""
    if value is None:
        return "—"
    number = Decimal(str(value))
    if unit == COUNT:
        places = 0
    elif unit == RATIO:
        places = 2
    else:
        places = 0 if number == number.to_integral_value() else 1
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = number_format(number, decimal_pos=places, use_l10n=True, force_grouping=abs(number) >= 10000)
    if unit == PCT:
        return f"{text}\u202f%"
    if unit == MINUTES:
        return f"{text}\u00a0min"
    return text


@dataclass
class Figure:
    key: str
    value: Any
    unit: str
    history: list[Point] = field(default_factory=list)

    @property
    def text(self) -> str:
        return fmt(self.value, self.unit)

    @property
    def history_items(self) -> list[dict]:
        return [
            {"year": p.year, "text": fmt(p.value, self.unit), "legacy": p.legacy, "value": p.value}
            for p in self.history
        ]

    @property
    def history_text(self) -> str:
        if not self.history:
            return ""
        parts = [_("%(value)s en %(year)s") % {"value": fmt(p.value, self.unit), "year": p.year} for p in self.history]
        return "(" + ", ".join(parts) + ")"

    @property
    def previous(self) -> Point | None:
        return self.history[0] if self.history else None

    def __str__(self) -> str:
        return self.text


class FigTable(list):
    """Rows of a figure table; `years` are the earlier years any row has, newest first,
    and each row gets `hist_cells` aligned on them."""

    years: list[int]

    def __init__(self, rows: list[dict]):
        super().__init__(rows)
        years = sorted({p.year for row in rows for p in row["fig"].history}, reverse=True)
        self.years = years
        for row in rows:
            by_year = {p.year: fmt(p.value, row["fig"].unit) for p in row["fig"].history}
            row["hist_cells"] = [(y, by_year.get(y, "")) for y in years]


def _figures(report: dict, history: dict[str, list[Point]]) -> dict[str, Figure]:
    figures = {s.key: Figure(s.key, s.value_in(report), s.unit, history.get(s.key, [])) for s in SERIES}
    return figures


def figure_for(figures: dict[str, Figure], report: dict, key: str, unit: str = COUNT) -> Figure:
    """A catalogued figure with its history, or a plain one for other keys."""
    return figures.get(key) or Figure(key, lookup(report, key), unit)


def _previous_of(fig: Figure, year: int):
    prev = fig.previous
    return prev if prev is not None and prev.year == year - 1 else None


def _bars(figures, keys_labels, year, *, text_unit=None, extra_text=None) -> list[charts.Bar]:
    bars = []
    for key, label in keys_labels:
        fig = figures[key]
        prev = _previous_of(fig, year)
        text = fig.text if extra_text is None else extra_text(key, fig)
        bars.append(
            charts.Bar(
                str(label),
                fig.value,
                text,
                previous=prev.value if prev else None,
                previous_text=fmt(prev.value, fig.unit) if prev else "",
            )
        )
    return bars


def _year_columns(fig: Figure, year: int) -> list[tuple[str, Any, str]]:
    by_year = {p.year: p.value for p in fig.history}
    if fig.value is not None:
        by_year[year] = fig.value
    years = [y for y in sorted(by_year) if y >= year - 5]
    return [(str(y), by_year[y], fmt(by_year[y], fig.unit)) for y in years]


def _gaf_bands(rows: list[dict]) -> tuple[list[int], list[int]]:
    entry, current = [0] * 10, [0] * 10
    for row in rows:
        if row["entry"] is not None:
            entry[min((row["entry"] - 1) // 10, 9)] += 1
        if row["current"] is not None and not row["deceased"]:
            current[min((row["current"] - 1) // 10, 9)] += 1
    return entry, current


def _gaf_columns(rows: list[dict], groups: int = 4) -> list[list[dict]]:
    if not rows:
        return []
    size = math.ceil(len(rows) / groups)
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _gaf_matrix(rows: list[dict], groups: int = 4) -> list[list[dict | None]]:
    """The published layout: line i shows rows i, i+k, i+2k, i+3k side by side."""
    columns = _gaf_columns(rows, groups)
    height = len(columns[0]) if columns else 0
    return [
        [col[i] if i < len(col) else None for col in columns] + [None] * (groups - len(columns)) for i in range(height)
    ]


def report_context(year: int, *, today: dt.date | None = None) -> dict[str, Any]:
    """Everything the page, the PDF and the XLSX show for `year`."""
    today = today or dt.date.today()
    report = year_report(year)
    earlier = earlier_reports(history_years(year))
    legacy = {
        (f.year, f.key): f.value
        for f in LegacyFigure.objects.filter(year__in=list(earlier)).only("year", "key", "value")
    }
    history = build_history(earlier, legacy)
    figures = _figures(report, history)
    F = figures
    t, p, g, c, m, h, r = (
        report[k] for k in ("tenants", "problems", "gaf", "contacts", "moves", "housing", "harm_reduction")
    )
    prev_label = str(year - 1)

    def rows(prefix: str, mapping: dict, unit: str = COUNT, pct_key: str | None = None, pct_of=None) -> list[dict]:
        out = []
        for code, label in mapping.items():
            key = f"{prefix}.{code}"
            fig = figure_for(F, report, key, unit)
            share = None
            if pct_key:
                share = fmt(lookup(report, f"{pct_key}.{code}"), PCT)
            elif pct_of:
                share = fmt(None if not pct_of else (fig.value or 0) * 100 / pct_of, PCT)
            out.append({"code": code, "label": str(label), "fig": fig, "share": share})
        return FigTable(out)

    items = list(Item.objects.order_by("position", "code").values("code", "name", "name_nl", "category"))
    rdr_groups = []
    for code, label in L.RDR_CATEGORY.items():
        lines = [
            {
                "name": localized(it["name"], it["name_nl"]),
                "n": r["distributed"].get(it["code"], 0),
                "prev": r["previous_year"].get(it["code"], 0),
            }
            for it in items
            if it["category"] == code and (r["distributed"].get(it["code"]) or r["previous_year"].get(it["code"]))
        ]
        rdr_groups.append(
            {
                "code": code,
                "label": str(label),
                "fig": F[f"harm_reduction.by_category.{code}"],
                "lines": lines,
                "prev_total": sum(x["prev"] for x in lines),
            }
        )

    gaf_rows = g["rows"]
    entry_bands, current_bands = _gaf_bands(gaf_rows)
    partners = sorted(h["by_partner"].items(), key=lambda kv: (-kv[1], kv[0]))

    tables = {
        "funding": rows("tenants.by_funding", L.FUNDING, pct_of=t["accompanied"]),
        "sex": rows("tenants.by_sex", L.SEX, pct_key="tenants.by_sex_pct"),
        "team": rows("tenants.by_team", L.TEAM, pct_of=t["accompanied"]),
        "incomes": rows("tenants.incomes", L.INCOME, pct_of=t["accompanied"]),
        "ended": rows("tenants.ended", L.ENDED),
        "mental_health": rows("problems.mental_health_pct", L.MENTAL_HEALTH, PCT),
        "consumption": rows("problems.consumption", L.CONSUMPTION, pct_key="problems.consumption_pct"),
        "use_modes": rows("problems", L.USE_MODES),
        "kinds": rows("contacts.by_kind", L.MEETING_KIND),
        "durations": rows("contacts.mean_duration_min", L.MEETING_KIND, MINUTES),
        "motives": rows("contacts.motives", L.MOTIVE, pct_key="contacts.motives_pct"),
        "moves": rows("moves", L.MOVES),
        "exits": rows("moves.exits", L.EXIT_TO),
        "leases": rows("housing.leases_by_kind", L.LEASE_KIND),
        "rdr": rdr_groups,
        "partners": [{"name": name, "n": n} for name, n in partners],
        "gaf_pages": []
        if len(gaf_rows) > PDF_GAF_MAX_ROWS
        else [_gaf_matrix(gaf_rows[i : i + GAF_PAGE_ROWS]) for i in range(0, len(gaf_rows), GAF_PAGE_ROWS)],
        "gaf_pdf_omitted": len(gaf_rows) > PDF_GAF_MAX_ROWS,
        "gaf_web_columns": _gaf_columns(gaf_rows[:WEB_GAF_ROWS]),
        "gaf_truncated": len(gaf_rows) > WEB_GAF_ROWS,
        "gaf_legend": [(score, str(text)) for score, text in L.GAF_LEGEND],
    }

    for row in tables["mental_health"]:
        row["n"] = p["mental_health"][row["code"]]

    chart = {
        "accompanied": charts.columns(
            _year_columns(F["tenants.accompanied"], year),
            title=_("Personnes accompagnées par année"),
            highlight=str(year),
        ),
        "sex": charts.split(
            [(str(L.SEX[k]), t["by_sex"][k], fmt(t["by_sex"][k])) for k in ("M", "F", "X")],
            title=_("Répartition par sexe"),
        ),
        "funding": charts.split(
            [(str(L.FUNDING[k]), t["by_funding"][k], fmt(t["by_funding"][k])) for k in L.FUNDING],
            title=_("Financement"),
        ),
        "mental_health": charts.hbars(
            _bars(F, [(f"problems.mental_health_pct.{k}", L.MENTAL_HEALTH_SHORT[k]) for k in L.MENTAL_HEALTH], year),
            title=_("Santé mentale (% des personnes évaluées)"),
            current_label=str(year),
            previous_label=prev_label,
            max_value=100,
        ),
        "consumption": charts.hbars(
            _bars(F, [(f"problems.consumption.{k}", L.CONSUMPTION[k]) for k in L.CONSUMPTION], year),
            title=_("Consommation : nombre de produits"),
            current_label=str(year),
            previous_label=prev_label,
        ),
        "gaf_bands": charts.gaf_bands(
            entry_bands,
            current_bands,
            title=_("Scores EGF par tranche de dix points"),
            entry_label=_("à l'entrée"),
            current_label=_("actuel (personnes en vie)"),
        ),
        "gaf_mean": charts.columns(
            _year_columns(F["gaf.current_mean"], year),
            title=_("Moyenne EGF actuelle par année"),
            highlight=str(year),
            max_value=100,
        ),
        "kinds": charts.hbars(
            _bars(F, [(f"contacts.by_kind.{k}", L.MEETING_KIND[k]) for k in L.MEETING_KIND], year),
            title=_("Rencontres par type"),
            current_label=str(year),
            previous_label=prev_label,
        ),
        "meetings": charts.columns(
            _year_columns(F["contacts.meetings_total"], year),
            title=_("Total des rencontres par année"),
            highlight=str(year),
        ),
        "motives": charts.hbars(
            _bars(
                F,
                [(f"contacts.motives.{k}", L.MOTIVE[k]) for k in L.MOTIVE],
                year,
                extra_text=lambda key, fig: (
                    f"{fig.text} · {fmt(lookup(report, key.replace('motives.', 'motives_pct.')), PCT)}"
                ),
            ),
            title=_("Motifs des contacts"),
            current_label=str(year),
            previous_label=prev_label,
        ),
        "rdr": charts.hbars(
            _bars(F, [(f"harm_reduction.by_category.{k}", L.RDR_CATEGORY[k]) for k in L.RDR_CATEGORY], year),
            title=_("Matériel RdR distribué par catégorie"),
            current_label=str(year),
            previous_label=prev_label,
        ),
        "retention": charts.columns(
            _year_columns(F["housing.retention_pct"], year),
            title=_("Taux de maintien en logement par année"),
            highlight=str(year),
            max_value=100,
        ),
    }
    change_pct = c["change_pct"]
    change = {
        "direction": "none" if change_pct is None else "up" if change_pct > 0 else "down" if change_pct < 0 else "same",
        "text": fmt(abs(change_pct), PCT) if change_pct is not None else "",
    }
    return {
        "year": year,
        "report": report,
        "change": change,
        "F": {key.replace(".", "__"): fig for key, fig in figures.items()},
        "figures": figures,
        "tables": tables,
        "charts": chart,
        "export_date": date_format(today, "DATE_FORMAT"),
        "export_day": today,
        "gaf_deceased_label": _("Décédé·e"),
        "intake_rows": block_rows(report["intake"]),
    }


def is_catalogued(key: str) -> bool:
    return key in SERIES_BY_KEY


__all__ = ["report_context", "fmt", "Figure", "MEAN"]
