"""The XLSX workbook of the report: what each block's `sheet` writes with.

A `Book` holds the report's context; `book.sheet(title)` opens the next
sheet. Cells never hold a formula: text a spreadsheet would run is quoted.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reports.series import HISTORY_YEARS, lookup
from smes.lib.spreadsheet import escape_cell

HEAD_FONT = Font(bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="1F5F5B")
TITLE_FONT = Font(bold=True, size=13, color="1F5F5B")


def fig_row(label: str, fig, years: list[int], *extra: Any) -> list[Any]:
    """label, this year's value, extra columns, then the earlier years."""
    by_year = {p.year: float(p.value) if p.value is not None else None for p in fig.history}
    return [label, fig.value, *extra] + [by_year.get(y) for y in years]


class Book:
    """The workbook of one year's report (`ctx`: reports.presentation.report_context)."""

    def __init__(self, ctx: dict[str, Any]):
        self.ctx = ctx
        self.year: int = ctx["year"]
        self.report: dict[str, Any] = ctx["report"]
        self.tables: dict[str, Any] = ctx["tables"]
        self.figures = ctx["figures"]
        # The earlier years' columns, most recent first.
        self.years = [self.year - i for i in range(1, HISTORY_YEARS + 1)]
        self.wb = Workbook()
        self._sheets = 0

    def sheet(self, title: str) -> Sheet:
        sheet = Sheet(self, title, first=self._sheets == 0)
        self._sheets += 1
        return sheet

    def save(self) -> bytes:
        out = io.BytesIO()
        self.wb.save(out)
        return out.getvalue()


class Sheet:
    def __init__(self, book: Book, title: str, first: bool = False):
        self.book = book
        self.ws = book.wb.active if first else book.wb.create_sheet()
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

    def fig_row(self, label: str, key_or_fig, *extra: Any) -> list[Any]:
        """A catalogued figure (its key or its Figure) with its earlier years."""
        fig = self.book.figures[key_or_fig] if isinstance(key_or_fig, str) else key_or_fig
        return fig_row(label, fig, self.book.years, *extra)

    def history_head(self, *head: str) -> list[str]:
        """A table head followed by the earlier years."""
        return [*head] + [str(y) for y in self.book.years]

    def fig_table(self, title: str, head_label: str, rows: list[dict], share: str | None = None):
        """A titled table of figure rows (reports.presentation.FigTable); with
        `share`, the dotted path of their percentages in the report."""
        book = self.book
        self.title(title)
        head = [head_label, str(book.year)] + (["%"] if share else []) + [str(y) for y in book.years]
        self.table(
            head,
            [
                fig_row(
                    row["label"],
                    row["fig"],
                    book.years,
                    *([lookup(book.report, f"{share}.{row['code']}")] if share else []),
                )
                for row in rows
            ],
        )

    def finish(self):
        for col, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(col)].width = width
        self.ws.freeze_panes = None
