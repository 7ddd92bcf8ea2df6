"""The whole chapter as a Word file (issue 17): headings, the Direction's
texts at their place, the figures as real Word tables, the charts as PNG
images (the report's SVG converted by CairoSVG), numbered pages; French or
Dutch. Same builders as the PDF: reports.presentation.report_context and
chapter.selectors.chapter_context — no figure is computed twice."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import cairosvg
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import html as lxml_html

from chapter.selectors import chapter_context
from reports.presentation import report_context

TEAL = RGBColor(0x1F, 0x5F, 0x5B)
ANCHORS = ["start", "population", "problems", "gaf", "contacts", "moves", "rdr", "results", "intake"]


def svg_png(svg: str, width_px: int = 1000) -> bytes:
    return cairosvg.svg2png(bytestring=str(svg).encode("utf-8"), output_width=width_px)


class Writer:
    def __init__(self, year: int, lang: str):
        self.year, self.lang = year, lang
        self.doc = Document()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Cm(2.2))
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        normal = self.doc.styles["Normal"]
        normal.font.name = "Liberation Sans"
        normal.font.size = Pt(10.5)
        for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
            self.doc.styles[name].font.color.rgb = TEAL
        self._footer(section)

    def _footer(self, section) -> None:
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(_("Smes asbl · Housing First — Rapport d'activité %(year)s") % {"year": self.year} + " · ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        inner = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        inner.append(text)
        field.append(inner)
        p._p.append(field)  # a field is a child of the paragraph, not of a run

    # --- building blocks -------------------------------------------------

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_heading(str(text), level=level)

    def para(self, text: str, *, bold: bool = False, italic: bool = False, style: str | None = None):
        p = self.doc.add_paragraph(style=style)
        run = p.add_run(str(text))
        run.bold, run.italic = bold, italic
        return p

    def table(self, head: list[str], rows: list[list[Any]], *, widths: list[float] | None = None) -> None:  # noqa: C901 — one branch per cell kind of a Word table
        if not rows:
            return
        table = self.doc.add_table(rows=1, cols=len(head))
        table.style = "Light Grid Accent 1"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, head, strict=True):
            cell.text = str(text)
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for values in rows:
            cells = table.add_row().cells
            for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
                cell.text = "" if value is None else str(value)
                if i > 0 and len(cell.text) < 20:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        # The label column takes the room the numbers leave (16.6 cm of text width).
        if widths is None:
            others = len(head) - 1
            number = 1.6 if others > 2 else 2.4
            widths = [max(16.6 - number * others, 4.0)] + [number] * others
            if len(head) > 9:  # the GAF table: twelve narrow columns
                widths = [16.6 / len(head)] * len(head)
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=False):
            column.width = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = Cm(width)
        self.doc.add_paragraph()

    def fig_table(self, head_label: str, rows: list[dict], *, share: bool = False) -> None:
        years = getattr(rows, "years", [])
        head = [head_label, str(self.year)] + (["%"] if share else []) + [str(y) for y in years]
        body = []
        for row in rows:
            line = [row["label"], row["fig"].text] + ([row.get("share") or ""] if share else [])
            hist = [text for _y, text in row.get("hist_cells", [])]
            body.append((line + hist + [""] * len(head))[: len(head)])
        self.table(head, body)

    def chart(self, svg, width_cm: float = 12) -> None:
        if not svg:
            return
        self.doc.add_picture(io.BytesIO(svg_png(svg)), width=Cm(width_cm))
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def markdown_html(self, html: str) -> None:
        """The sanitised HTML of a text (p, h3-h5, ul/ol/li, strong, em, br, blockquote)."""
        root = lxml_html.fragment_fromstring(str(html), create_parent="div")
        for el in root:
            tag = el.tag
            if tag in ("h3", "h4", "h5"):
                self.heading(el.text_content(), level={"h3": 2, "h4": 3, "h5": 4}[tag])
            elif tag in ("ul", "ol"):
                style = "List Bullet" if tag == "ul" else "List Number"
                for li in el.iter("li"):
                    self._inline(self.doc.add_paragraph(style=style), li)
            elif tag == "blockquote":
                for child in el or [el]:
                    self._inline(self.doc.add_paragraph(style="Quote"), child)
            else:
                self._inline(self.doc.add_paragraph(), el)

    def _inline(self, paragraph, el, bold: bool = False, italic: bool = False) -> None:
        def add(text, b, i):
            if text:
                run = paragraph.add_run(text)
                run.bold, run.italic = b or None, i or None

        add(el.text, bold, italic)
        for child in el:
            if child.tag == "br":
                paragraph.add_run().add_break()
            elif child.tag in ("ul", "ol"):
                pass  # nested lists are flattened by iter("li")
            else:
                self._inline(paragraph, child, bold or child.tag == "strong", italic or child.tag == "em")
            add(child.tail, bold, italic)

    def chapter_sections(self, sections: list[dict]) -> None:  # noqa: C901 — one branch per section kind of the chapter
        for s in sections:
            if not (s["html"] or s["records"]):
                continue
            if s["standalone"]:
                self.heading(s["title"], 1)
            if s["html"]:
                self.markdown_html(s["html"])
            records = s["records"]
            if records:
                for group in records.get("groups", []):
                    self.para(group["title"], bold=True)
                    for item in group["items"]:
                        self.para(item, style="List Bullet")
                for tab in records.get("tables", []):
                    if tab.get("title"):
                        self.para(tab["title"], bold=True)
                    self.table(tab["head"], tab["rows"], widths=tab.get("widths"))
                for text in records.get("paragraphs", []):
                    self.para(text)


def _blocks(w: Writer, ctx: dict) -> dict[str, Any]:  # noqa: C901 — one branch per Markdown block kind
    """One writer per report block, in the PDF's order."""
    year, tables, charts, report, F = ctx["year"], ctx["tables"], ctx["charts"], ctx["report"], ctx["F"]

    def population():
        w.heading(_("Présentation des usager·ère·s"), 1)
        w.para(
            _("%(n)s personnes ont été accompagnées par le projet durant l'année.")
            % {"n": F["tenants__accompanied"].text}
        )
        w.chart(charts["accompanied"], 10)
        w.fig_table(_("Financement"), tables["funding"], share=True)
        w.fig_table(_("Sexe"), tables["sex"], share=True)
        w.chart(charts["sex"], 9)
        w.fig_table(_("Équipe"), tables["team"], share=True)
        w.fig_table(_("Source de revenu"), tables["incomes"], share=True)
        w.fig_table(_("Motif"), tables["ended"])
        communes = report["tenants"]["communes"]
        if communes:
            w.para(_("Communes") + " : " + ", ".join(communes) + ".")

    def problems():
        w.heading(_("Analyse des problématiques rencontrées"), 1)
        w.fig_table(_("Santé mentale"), tables["mental_health"])
        w.chart(charts["mental_health"])
        w.fig_table(_("Nombre de produits"), tables["consumption"], share=True)
        w.chart(charts["consumption"])
        w.fig_table(_("Mode"), tables["use_modes"])

    def gaf():
        w.heading(_("Échelle globale de fonctionnement (EGF)"), 2)
        w.table(
            [_("Chiffre"), str(year)],
            [
                [_("Moyenne à l'entrée"), F["gaf__entry_mean"].text],
                [_("Moyenne actuelle (personnes en vie)"), F["gaf__current_mean"].text],
                [_("Amélioration moyenne"), F["gaf__improvement_mean"].text],
            ],
        )
        w.chart(charts["gaf_bands"])
        dead = ctx["gaf_deceased_label"]
        for page in tables["gaf_pages"]:
            head = [_("Locataire"), _("Entrée"), _("Actuel")] * 4
            body = []
            for line in page:
                cells = []
                for row in line:
                    if row is None:
                        cells += ["", "", ""]
                    else:
                        current = dead if row["deceased"] else row["current"]
                        cells += [row["n"], row["entry"], current]
                body.append(cells)
            w.table(head, body)
        w.table(
            [_("Score"), _("Interprétation")],
            [[score, text] for score, text in tables["gaf_legend"]],
            widths=[1.6, 15.0],
        )

    def contacts():
        w.heading(_("Réalisations en %(y)s") % {"y": year}, 1)
        w.heading(_("Accompagnements"), 2)
        w.fig_table(_("Type"), tables["kinds"])
        w.para(_("Total des rencontres") + f" : {F['contacts__meetings_total'].text}")
        w.chart(charts["meetings"], 10)
        w.fig_table(_("Type"), tables["durations"])
        w.heading(_("Motifs des rencontres"), 3)
        w.fig_table(_("Motif"), tables["motives"], share=True)
        w.chart(charts["motives"])

    def moves():
        w.heading(_("Déménagements"), 2)
        w.fig_table(_("Mouvement"), tables["moves"])
        w.fig_table(_("Mouvement"), tables["exits"])
        w.para(_("Entrées et sorties de logement") + f" : {F['moves__total'].text}")

    def rdr():
        w.heading(_("Distribution de matériel de réduction des risques"), 2)
        w.chart(charts["rdr"])
        for group in tables["rdr"]:
            w.table(
                [group["label"], str(year), str(year - 1)],
                [[line["name"], line["n"], line["prev"]] for line in group["lines"]],
            )

    def results():
        w.heading(_("Analyse des résultats"), 1)
        w.table(
            [_("Chiffre"), str(year)],
            [
                [_("Nouvelles entrées en logement"), F["moves__first_entries"].text],
                [_("Personnes accompagnées"), F["tenants__accompanied"].text],
                [_("Décès"), F["tenants__deceased"].text],
                [_("Taux de maintien (%)"), F["housing__retention_pct"].text],
            ],
        )
        w.chart(charts["retention"], 10)
        w.table([_("Partenaire"), _("Logements")], [[row["name"], row["n"]] for row in tables["partners"]])
        w.fig_table(_("Type de bail"), tables["leases"])

    def intake():
        w.heading(_("Limites, freins et besoins non couverts"), 1)
        w.heading(_("Le nombre de demandes"), 2)
        w.table(
            [_("Chiffre"), str(year)],
            [[("— " if row["sub"] else "") + str(row["label"]), row["value"]] for row in ctx["intake_rows"]],
        )

    return {
        "population": population,
        "problems": problems,
        "gaf": gaf,
        "contacts": contacts,
        "moves": moves,
        "rdr": rdr,
        "results": results,
        "intake": intake,
    }


def export_docx(year: int, lang: str = "fr", today: dt.date | None = None) -> bytes:
    with translation.override(lang):
        ctx = report_context(year, today=today)
        chapter = chapter_context(year, ctx["report"], lang)
        w = Writer(year, lang)
        w.doc.core_properties.title = _("Housing First — Rapport d'activité %(year)s") % {"year": year}
        w.doc.core_properties.author = "Smes asbl"
        w.doc.core_properties.language = lang
        w.doc.add_heading(_("Housing First — Rapport d'activité %(year)s") % {"year": year}, 0)
        w.para(
            _(
                "Document exporté le %(d)s depuis l'application de gestion des dossiers. "
                "Il ne contient aucun nom ni numéro de dossier."
            )
            % {"d": ctx["export_date"]},
            italic=True,
        )
        blocks = _blocks(w, ctx)
        for anchor in ANCHORS:
            if anchor in blocks:
                blocks[anchor]()
            w.chapter_sections(chapter["parts"].get(anchor, []))
        out = io.BytesIO()
        w.doc.save(out)
        return out.getvalue()
