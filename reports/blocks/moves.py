"""`moves` — entries, transfers and exits of the year (docs/report.md); the
page's "Déménagements" and the sheet of the same name."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from housing.models import ExitTo, Move, MoveKind
from reports import labels as L
from reports.blocks import Part, ReportBlock, Section, Selection
from reports.presentation import Presentation
from reports.workbook import Book
from smes.lib.dates import year_bounds


def moves_block(year: int) -> dict[str, Any]:
    start, end = year_bounds(year)
    earlier_entry = Move.objects.filter(tenant=OuterRef("tenant"), kind=MoveKind.ENTRY, date__lt=OuterRef("date"))
    entry = Q(kind=MoveKind.ENTRY)
    counts: dict[str, Any] = {
        "first_entries": Count("id", filter=entry & Q(earlier=False)),
        "re_entries": Count("id", filter=entry & Q(earlier=True)),
        "transfers": Count("id", filter=Q(kind=MoveKind.TRANSFER)),
    }
    for code in ExitTo.values:
        counts[f"exit_{code}"] = Count("id", filter=Q(kind=MoveKind.EXIT, exit_to=code))
    agg = Move.objects.filter(date__gte=start, date__lte=end).alias(earlier=Exists(earlier_entry)).aggregate(**counts)
    exits = {code: agg[f"exit_{code}"] for code in ExitTo.values}
    block = {
        "first_entries": agg["first_entries"],
        "re_entries": agg["re_entries"],
        "transfers": agg["transfers"],
        "exits": exits,
    }
    block["total"] = block["first_entries"] + block["re_entries"] + block["transfers"] + sum(exits.values())
    block["exits_total"] = sum(exits.values())
    return block


def select(selection: Selection) -> dict[str, Any]:
    return moves_block(selection.year)


def present(shown: Presentation) -> Part:
    return Part(tables={"moves": shown.rows("moves", L.MOVES), "exits": shown.rows("moves.exits", L.EXIT_TO)})


def sheet(book: Book) -> None:
    s = book.sheet(_("Déménagements"))
    s.fig_table(_("Déménagements"), _("Mouvement"), book.tables["moves"] + book.tables["exits"])
    s.table([_("Total"), str(book.year)], [[_("Entrées et sorties de logement"), book.report["moves"]["total"]]])
    s.finish()


BLOCK = ReportBlock(
    key="moves",
    order=50,
    select=select,
    present=present,
    template="reports/blocks/moves.html",
    sheet=sheet,
    sections=(Section("demenagements", gettext_lazy("Déménagements"), level=2),),
)
