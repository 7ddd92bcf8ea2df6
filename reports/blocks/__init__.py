"""The annual report as blocks: one module per block, registered in order.

A block is one part of the report (docs/report.md) with everything that
shows it:

* `select(selection) -> dict`: its figures for a year, the block's JSON
  under `key`;
* `present(presentation) -> Part`: what the page and the PDF need besides
  the figures (tables, charts, other context keys);
* `template`: its section of the page and of the PDF;
* `sheet(book)`: its sheet of the XLSX workbook;
* `sections`: its entries in the PDF's contents and the page's links.

Every part is optional (a block of texts has no figures). The JSON
(`reports.selectors.annual_report`), the context of the page and the PDF
(`reports.presentation.report_context`) and the workbook
(`reports.exports.export_xlsx`) are loops over the registered blocks: the
JSON and the workbook in `order` (the spec's), the page and the PDF in
`page_order` (the chapter's reading order, when it differs).

A new block is one module (`reports/blocks/<name>.py`, or in its own app)
and one `register_block(...)` line (reports/apps.py, or the app's
`ready()`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from smes.registry import Registry

if TYPE_CHECKING:
    from reports.presentation import Presentation
    from reports.workbook import Book


@dataclass(frozen=True)
class Selection:
    """What a block's selector is asked for."""

    year: int
    # The blocks selected before this one (a block may reuse a figure).
    report: dict[str, Any] = field(default_factory=dict)
    # False: the GAF table's rows are left out.
    with_rows: bool = True
    # An earlier year cited by another year's report: only the figures
    # followed across years (reports.series) are sure to be there.
    for_history: bool = False


@dataclass
class Part:
    """What a block adds to the template context of the page and the PDF."""

    tables: dict[str, Any] = field(default_factory=dict)
    charts: dict[str, Any] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    """An entry of the PDF's contents (`level` 1 or 2) and, with a `short`
    label, a link of the page's section bar."""

    anchor: str
    title: Any  # a lazy translation; "%(year)s" in it is the report's year
    level: int = 1
    short: Any = None

    def title_for(self, year: int) -> str:
        return str(self.title) % {"year": year}


@dataclass(frozen=True)
class ReportBlock:
    key: str
    order: int
    select: Callable[[Selection], dict[str, Any]] | None = None
    present: Callable[[Presentation], Part] | None = None
    template: str | None = None
    sheet: Callable[[Book], None] | None = None
    sections: tuple[Section, ...] = ()
    page_order: int | None = None

    @property
    def page_position(self) -> int:
        return self.order if self.page_order is None else self.page_order

    @property
    def part(self) -> str:
        """Its name on the page (its template's file name): what the chapter's
        texts placed after it name."""
        if isinstance(self.template, str):
            return self.template.rsplit("/", 1)[-1].removesuffix(".html")
        return self.key


_BLOCKS: dict[str, ReportBlock] = {}


def register_block(block: ReportBlock) -> None:
    """Add a block to the report (or replace the block of the same key)."""
    _BLOCKS[block.key] = block


def report_blocks() -> list[ReportBlock]:
    """The blocks in the order of the JSON and the workbook."""
    return sorted(_BLOCKS.values(), key=lambda b: (b.order, b.key))


def page_blocks() -> list[ReportBlock]:
    """The blocks in the order of the page and the PDF."""
    return sorted(_BLOCKS.values(), key=lambda b: (b.page_position, b.key))


@dataclass(frozen=True)
class ReportAddition:
    """What an app adds to the whole report besides its blocks (the chapter's
    texts, issue 17): its key in the JSON (`json(year, report)`), its key in
    the context of the page and the PDF (`context(year, report, lang)`), and
    downloads of its own (`exports[fmt](year, lang) -> bytes`)."""

    key: str
    json: Callable[[int, dict[str, Any]], dict[str, Any]]
    context: Callable[..., dict[str, Any]]
    exports: dict[str, Callable[[int, str], bytes]] = field(default_factory=dict)


REPORT_ADDITIONS = Registry("report additions", key=lambda addition: addition.key)
