"""From the report JSON to what the page, the PDF and the XLSX show.

One builder, `report_context(year)`, computes the year's report and the
five earlier ones, joins the legacy figures, prepares formatted figures
with their history ("71 % (87 % en 2024, 82 % en 2023 …)"), and asks each
block of the report (reports.blocks) for its tables and charts. Call it inside `translation.override(lang)`: every label is
rendered in the active language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from reports import charts
from reports.blocks import ReportBlock, page_blocks, report_blocks
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


@dataclass
class Presentation:
    """What a block's `present` reads: the year, its report and the figures
    with their history, and the helpers that turn them into tables and charts."""

    year: int
    report: dict[str, Any]
    figures: dict[str, Figure]

    @property
    def previous_label(self) -> str:
        return str(self.year - 1)

    def figure(self, key: str, unit: str = COUNT) -> Figure:
        return figure_for(self.figures, self.report, key, unit)

    def rows(self, prefix: str, mapping: dict, unit: str = COUNT, pct_key: str | None = None, pct_of=None) -> FigTable:
        """One row per code of `mapping`: its figure, and its share (a
        percentage of the report, or of `pct_of`)."""
        out = []
        for code, label in mapping.items():
            key = f"{prefix}.{code}"
            fig = self.figure(key, unit)
            share = None
            if pct_key:
                share = fmt(lookup(self.report, f"{pct_key}.{code}"), PCT)
            elif pct_of:
                share = fmt(None if not pct_of else (fig.value or 0) * 100 / pct_of, PCT)
            out.append({"code": code, "label": str(label), "fig": fig, "share": share})
        return FigTable(out)

    def hbars(self, keys_labels, *, title: str, extra_text=None, max_value=None):
        """Horizontal bars of catalogued figures, this year beside the year before."""
        return charts.hbars(
            _bars(self.figures, keys_labels, self.year, extra_text=extra_text),
            title=title,
            current_label=str(self.year),
            previous_label=self.previous_label,
            max_value=max_value,
        )

    def year_columns(self, key: str, *, title: str, max_value=None):
        """One column per year (this one and up to five earlier) of a catalogued figure."""
        return charts.columns(
            _year_columns(self.figures[key], self.year), title=title, highlight=str(self.year), max_value=max_value
        )


def report_context(year: int, *, today: dt.date | None = None) -> dict[str, Any]:
    """Everything the page, the PDF and the XLSX show for `year`: the
    report, its figures with their history, and each block's part."""
    today = today or dt.date.today()
    report = year_report(year)
    earlier = earlier_reports(history_years(year))
    legacy = {
        (f.year, f.key): f.value
        for f in LegacyFigure.objects.filter(year__in=list(earlier)).only("year", "key", "value")
    }
    history = build_history(earlier, legacy)
    figures = _figures(report, history)
    shown = Presentation(year, report, figures)
    blocks = page_blocks()
    context: dict[str, Any] = {}
    tables: dict[str, Any] = {}
    chart: dict[str, Any] = {}
    for block in report_blocks():
        if block.present is not None:
            part = block.present(shown)
            tables.update(part.tables)
            chart.update(part.charts)
            context.update(part.context)
    context.update(
        {
            "year": year,
            "report": report,
            "F": {key.replace(".", "__"): fig for key, fig in figures.items()},
            "figures": figures,
            "tables": tables,
            "charts": chart,
            "export_date": date_format(today, "DATE_FORMAT"),
            "export_day": today,
            "report_blocks": blocks,
            "contents": contents(blocks, year),
            "section_links": [
                {"anchor": s.anchor, "short": str(s.short)} for b in blocks for s in b.sections if s.short
            ],
        }
    )
    return context


def contents(blocks: list[ReportBlock], year: int) -> list[dict[str, Any]]:
    """The PDF's table of contents: the blocks' sections, a level-2 entry
    under the level-1 entry before it."""
    entries: list[dict[str, Any]] = []
    for block in blocks:
        for section in block.sections:
            entry = {"anchor": section.anchor, "title": section.title_for(year), "children": []}
            if section.level > 1 and entries:
                entries[-1]["children"].append(entry)
            else:
                entries.append(entry)
    return entries


def is_catalogued(key: str) -> bool:
    return key in SERIES_BY_KEY


__all__ = ["report_context", "fmt", "Figure", "Presentation", "MEAN", "MINUTES", "PCT"]
