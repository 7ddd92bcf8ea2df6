"""`harm_reduction` — the RdR material given out and the stock
(docs/report.md; the harm-reduction app computes it, knowing its stock
rules); the page's "Distribution de matériel de réduction des risques" and
the sheet "Matériel RdR"."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from harmreduction.models import Item, localized
from harmreduction.selectors import harm_reduction_block
from reports import labels as L
from reports.blocks import Part, ReportBlock, Section, Selection
from reports.presentation import Presentation
from reports.workbook import Book


def select(selection: Selection) -> dict[str, Any]:
    block = harm_reduction_block(selection.year)
    block["distributed_total"] = sum(block["by_category"].values())
    return block


def present(shown: Presentation) -> Part:
    r = shown.report["harm_reduction"]
    items = list(Item.objects.order_by("position", "code").values("code", "name", "name_nl", "category"))
    groups = []
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
        groups.append(
            {
                "code": code,
                "label": str(label),
                "fig": shown.figures[f"harm_reduction.by_category.{code}"],
                "lines": lines,
                "prev_total": sum(x["prev"] for x in lines),
            }
        )
    return Part(
        tables={"rdr": groups},
        charts={
            "rdr": shown.hbars(
                [(f"harm_reduction.by_category.{k}", L.RDR_CATEGORY[k]) for k in L.RDR_CATEGORY],
                title=_("Matériel RdR distribué par catégorie"),
            ),
        },
    )


def sheet(book: Book) -> None:
    year, r, groups = book.year, book.report["harm_reduction"], book.tables["rdr"]
    s = book.sheet(_("Matériel RdR"))
    s.title(_("Matériel de réduction des risques distribué"))
    s.table(
        [_("Catégorie"), str(year), str(year - 1)],
        [[group["label"], group["fig"].value, group["prev_total"]] for group in groups],
    )
    for group in groups:
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


BLOCK = ReportBlock(
    key="harm_reduction",
    order=70,
    select=select,
    present=present,
    template="reports/blocks/rdr.html",
    sheet=sheet,
    sections=(
        Section(
            "rdr",
            gettext_lazy("Distribution de matériel de réduction des risques"),
            level=2,
            short=gettext_lazy("Matériel RdR"),
        ),
    ),
)
