"""`intake` — requests, decisions and the waiting list (docs/report.md; the
intake app computes it); the page's "Limites — Le nombre de demandes" and
the sheet "Demandes"."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intake.selectors import block_rows, intake_block
from reports.blocks import Part, ReportBlock, Section, Selection
from reports.presentation import Presentation
from reports.workbook import Book


def select(selection: Selection) -> dict[str, Any]:
    return intake_block(selection.year)


def present(shown: Presentation) -> Part:
    return Part(context={"intake_rows": block_rows(shown.report["intake"])})


def sheet(book: Book) -> None:
    s = book.sheet(_("Demandes"))
    s.title(_("Le nombre de demandes — %(year)s") % {"year": book.year})
    s.table(
        [_("Chiffre"), str(book.year)],
        [[("— " if row["sub"] else "") + str(row["label"]), row["value"]] for row in book.ctx["intake_rows"]],
    )
    s.finish()


BLOCK = ReportBlock(
    key="intake",
    order=80,
    select=select,
    present=present,
    template="reports/blocks/intake.html",
    sheet=sheet,
    sections=(
        Section("limites", gettext_lazy("Limites")),
        Section("demandes", gettext_lazy("Le nombre de demandes"), level=2),
    ),
)
