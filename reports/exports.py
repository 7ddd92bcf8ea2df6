"""The three downloads of the report: JSON (the spec), PDF and XLSX.

Each takes the year and a language and returns bytes; the command line and
the director's page call the same functions. The PDF and the XLSX hold no
tenant name or code: the GAF table is numbered rows only.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reports.presentation import report_context
from reports.selectors import annual_report
from smes.lib.pdf import render_document
from smes.lib.spreadsheet import escape_cell

FORMATS = ("json", "pdf", "xlsx")
LANGUAGES = ("fr", "nl")
CONTENT_TYPES = {
    "json": "application/json",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def filename(year: int, fmt_: str, lang: str) -> str:
    return f"rapport-housing-first-{year}-{lang}.{fmt_}"


def export_json(year: int) -> bytes:
    """The report as indented JSON, the GAF table one row per line. (json's
    indenting encoder is pure Python: on 8,000 GAF rows it took longer than
    most of the report's queries, so the rows go through the C encoder.)"""
    report = annual_report(year)
    rows = report["gaf"]["rows"]
    marker = f"gaf-rows-{uuid.uuid4().hex}"
    report["gaf"]["rows"] = marker
    text = json.dumps(report, ensure_ascii=False, indent=1)
    encoded = json.dumps(rows, ensure_ascii=False).replace("}, {", "},\n   {")
    return text.replace(json.dumps(marker), encoded, 1).encode("utf-8")


def export_pdf_document(year: int, lang: str = "fr", today: dt.date | None = None):
    """The annual report laid out by WeasyPrint (`.write_pdf()` gives the file)."""
    with translation.override(lang):
        context = report_context(year, today=today)
        context.update({"pdf": True, "lang": lang})
        return render_document("reports/pdf/annual.html", context)


def export_pdf(year: int, lang: str = "fr", today: dt.date | None = None) -> bytes:
    return export_pdf_document(year, lang, today).write_pdf()


def export(year: int, fmt_: str, lang: str = "fr") -> bytes:
    if fmt_ == "json":
        return export_json(year)
    if fmt_ == "pdf":
        return export_pdf(year, lang)
    if fmt_ == "xlsx":
        return export_xlsx(year, lang)
    raise ValueError(f"Unknown format {fmt_!r}")


# --- XLSX -------------------------------------------------------------------


HEAD_FONT = Font(bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="1F5F5B")
TITLE_FONT = Font(bold=True, size=13, color="1F5F5B")


class _Sheet:
    def __init__(self, wb: Workbook, title: str, first: bool = False):
        self.ws = wb.active if first else wb.create_sheet()
        self.ws.title = escape_cell(title)[:31]
        self.row = 1
        self.widths: dict[int, int] = {}

    def _put(self, col: int, value: Any, **style):
        cell = self.ws.cell(row=self.row, column=col, value=escape_cell(value))
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text
        for k, v in style.items():
            setattr(cell, k, v)
        self.widths[col] = max(self.widths.get(col, 8), min(len(str(value if value is not None else "")) + 2, 70))
        return cell

    def title(self, text: str):
        self._put(1, text, font=TITLE_FONT)
        self.row += 1

    def table(self, head: list[str], rows: list[list[Any]]):
        for col, text in enumerate(head, start=1):
            self._put(col, text, font=HEAD_FONT, fill=HEAD_FILL, alignment=Alignment(wrap_text=True))
        self.row += 1
        for values in rows:
            for col, value in enumerate(values, start=1):
                self._put(col, value)
            self.row += 1
        self.row += 1

    def finish(self):
        for col, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(col)].width = width
        self.ws.freeze_panes = None


def _history_head(ctx) -> list[int]:
    return [ctx["year"] - i for i in range(1, 6)]


def _fig_row(label: str, fig, years: list[int], *extra: Any) -> list[Any]:
    """label, this year's value, extra columns, then the earlier years."""
    by_year = {p.year: float(p.value) if p.value is not None else None for p in fig.history}
    return [label, fig.value, *extra] + [by_year.get(y) for y in years]


def export_xlsx(year: int, lang: str = "fr") -> bytes:
    with translation.override(lang):
        ctx = report_context(year)
        report, tables, F = ctx["report"], ctx["tables"], ctx["figures"]
        years = _history_head(ctx)
        wb = Workbook()

        def fig_table(sheet: _Sheet, title: str, head_label: str, rows: list[dict], share_key: str | None = None):
            sheet.title(title)
            head = [head_label, str(year)] + (["%"] if share_key else []) + [str(y) for y in years]
            sheet.table(
                head,
                [
                    _fig_row(row["label"], row["fig"], years, *([row.get("share_value")] if share_key else []))
                    for row in rows
                ],
            )

        def with_share(rows, pct_path):
            out = []
            for row in rows:
                row = dict(row)
                value = report
                for part in f"{pct_path}.{row['code']}".split("."):
                    value = value.get(part) if isinstance(value, dict) else None
                row["share_value"] = value
                out.append(row)
            return out

        t = report["tenants"]
        s = _Sheet(wb, _("Usagers"), first=True)
        s.title(_("Présentation des usager·ère·s — %(year)s") % {"year": year})
        s.table(
            [_("Chiffre"), str(year)] + [str(y) for y in years],
            [
                _fig_row(_("Personnes accompagnées"), F["tenants.accompanied"], years),
                _fig_row(_("Âge moyen (31 décembre)"), F["tenants.age.mean"], years),
                [_("Âge minimum"), t["age"]["min"]],
                [_("Âge maximum"), t["age"]["max"]],
                _fig_row(_("Années de rue (moyenne)"), F["tenants.street_years_mean"], years),
                _fig_row(_("Décès"), F["tenants.deceased"], years),
            ],
        )
        fig_table(s, _("Financement"), _("Financement"), tables["funding"])
        fig_table(s, _("Sexe"), _("Sexe"), with_share(tables["sex"], "tenants.by_sex_pct"), share_key="x")
        fig_table(s, _("Équipes"), _("Équipe"), tables["team"])
        fig_table(s, _("Revenus"), _("Source de revenu"), tables["incomes"])
        fig_table(s, _("Fins d'accompagnement"), _("Motif"), tables["ended"])
        s.title(_("Communes"))
        s.table([_("Commune")], [[c] for c in t["communes"]])
        s.finish()

        s = _Sheet(wb, _("Problématiques"))
        s.title(_("Analyse des problématiques — %(n)s personnes évaluées") % {"n": report["problems"]["assessed"]})
        s.table(
            [_("Santé mentale"), str(year) + " (%)", _("Personnes")] + [str(y) for y in years],
            [
                [row["label"], row["fig"].value, row["n"]] + _fig_row("", row["fig"], years)[2:]
                for row in tables["mental_health"]
            ],
        )
        fig_table(
            s,
            _("Consommation (actuelle)"),
            _("Nombre de produits"),
            with_share(tables["consumption"], "problems.consumption_pct"),
            share_key="x",
        )
        fig_table(s, _("Modes de consommation"), _("Mode"), tables["use_modes"])
        s.finish()

        g = report["gaf"]
        s = _Sheet(wb, _("EGF"))
        s.title(_("Échelle globale de fonctionnement"))
        s.table(
            [_("Chiffre"), str(year), _("n")] + [str(y) for y in years],
            [
                _fig_row(_("Moyenne à l'entrée"), F["gaf.entry_mean"], years, g["entry_n"]),
                _fig_row(_("Moyenne actuelle (personnes en vie)"), F["gaf.current_mean"], years, g["current_n"]),
                _fig_row(_("Amélioration moyenne"), F["gaf.improvement_mean"], years, g["improvement_n"]),
            ],
        )
        s.title(_("Tableau des scores (sans nom ni numéro de dossier)"))
        s.table(
            [_("Locataire"), _("Score entrée"), _("Score actuel")],
            [
                [row["n"], row["entry"], ctx["gaf_deceased_label"] if row["deceased"] else row["current"]]
                for row in g["rows"]
            ],
        )
        s.table([_("Score"), _("Interprétation")], [[score, text] for score, text in tables["gaf_legend"]])
        s.finish()

        c = report["contacts"]
        s = _Sheet(wb, _("Accompagnements"))
        fig_table(s, _("Rencontres par type"), _("Type"), tables["kinds"])
        s.table(
            [_("Chiffre"), str(year)] + [str(y) for y in years],
            [
                _fig_row(_("Total des rencontres"), F["contacts.meetings_total"], years),
                [_("Total de l'année précédente"), c["previous_year_total"]],
                [_("Évolution (%)"), c["change_pct"]],
                _fig_row(_("Contacts téléphoniques"), F["contacts.phone"], years),
                _fig_row(_("Trajet moyen (min)"), F["contacts.mean_travel_min"], years),
                _fig_row(_("Rendez-vous manqués (%)"), F["contacts.missed_pct"], years),
                _fig_row(_("Rencontres par locataire et par mois"), F["contacts.per_tenant_per_month"], years),
                [_("Maximum pour un·e locataire en un mois"), c["max_in_month"]],
            ],
        )
        fig_table(s, _("Durée moyenne (min, sans trajet)"), _("Type"), tables["durations"])
        fig_table(
            s,
            _("Motifs des rencontres"),
            _("Motif"),
            with_share(tables["motives"], "contacts.motives_pct"),
            share_key="x",
        )
        s.finish()

        s = _Sheet(wb, _("Déménagements"))
        fig_table(s, _("Déménagements"), _("Mouvement"), tables["moves"] + tables["exits"])
        s.table([_("Total"), str(year)], [[_("Entrées et sorties de logement"), report["moves"]["total"]]])
        s.finish()

        h = report["housing"]
        s = _Sheet(wb, _("Logement"))
        s.title(_("Maintien en logement"))
        s.table(
            [_("Chiffre"), str(year)] + [str(y) for y in years],
            [
                _fig_row(_("Personnes logées pendant l'année"), F["housing.housed"], years),
                [_("dont décédées"), h["deceased"]],
                [_("sans logement au 31 décembre"), h["lost"]],
                _fig_row(_("Taux de maintien (%)"), F["housing.retention_pct"], years),
            ],
        )
        s.title(_("Partenaires logement"))
        s.table([_("Partenaire"), _("Logements")], [[row["name"], row["n"]] for row in tables["partners"]])
        fig_table(s, _("Baux en cours au 31 décembre"), _("Type de bail"), tables["leases"])
        s.finish()

        r = report["harm_reduction"]
        s = _Sheet(wb, _("Matériel RdR"))
        s.title(_("Matériel de réduction des risques distribué"))
        s.table(
            [_("Catégorie"), str(year), str(year - 1)],
            [[group["label"], group["fig"].value, group["prev_total"]] for group in tables["rdr"]],
        )
        for group in tables["rdr"]:
            s.table(
                [group["label"], str(year), str(year - 1)],
                [[line["name"], line["n"], line["prev"]] for line in group["lines"]],
            )
        s.table(
            [_("Code"), _("Distribué"), _("Année précédente"), _("Stock au 31 décembre")],
            [
                [code, r["distributed"].get(code), r["previous_year"].get(code), r["stock_end"].get(code)]
                for code in r["distributed"]
            ],
        )
        s.finish()

        s = _Sheet(wb, _("Demandes"))
        s.title(_("Le nombre de demandes — %(year)s") % {"year": year})
        s.table(
            [_("Chiffre"), str(year)],
            [[("— " if row["sub"] else "") + str(row["label"]), row["value"]] for row in ctx["intake_rows"]],
        )
        s.finish()

        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
