"""The printed 2025 report of the demo, laid out by the real WeasyPrint:

- a total is printed once, at the end of its table (WeasyPrint repeats a
  <tfoot> on every page a table runs over: "Total 57" came out twice);
- no page but the last is left mostly blank (a chapter starting on a new page
  left pages half empty).

The demo is generated once for the module inside a transaction rolled back
at the end; the French and Dutch reports are rendered once each.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.db import transaction
from pypdf import PdfReader
from weasyprint.formatting_structure import boxes

from reports.exports import export_pdf_document
from sampledata.demo import demo_generate

YEAR = 2025
pytestmark = pytest.mark.django_db
TOTAL_LINE = {
    lang: re.compile(rf"^{word}(?: [\d\s\u202f\u00a0.,%]+)$") for lang, word in (("fr", "Total"), ("nl", "Totaal"))
}
# The running header and footer live in the page margins, outside the page's content box.
MIN_USED = 2 / 3


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """{lang: (WeasyPrint document, PdfReader of its PDF, tables with a total)}."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            demo_generate(today=dt.date.today())
            from reports.presentation import report_context

            out = {}
            for lang in ("fr", "nl"):
                document = export_pdf_document(YEAR, lang)
                reader = PdfReader(io.BytesIO(document.write_pdf()))
                totals = len(report_context(YEAR)["tables"]["rdr"]) + 1  # RdR groups + the partners
                out[lang] = (document, reader, totals)
            yield out
            transaction.set_rollback(True)


def _lines(page) -> list[str]:
    text = page.extract_text()
    return [re.sub(r"[\s\u202f\u00a0]+", " ", line).strip() for line in text.splitlines()]


def _walk(box):
    yield box
    for child in getattr(box, "children", None) or []:
        if not isinstance(child, boxes.MarginBox):
            yield from _walk(child)


def used_fraction(page) -> float:
    """How much of the page's content box its content fills, top to bottom."""
    page_box = page._page_box
    top, height = page_box.content_box_y(), page_box.height
    bottom = top
    for box in _walk(page_box):
        if isinstance(box, (boxes.TextBox, boxes.ReplacedBox)) and box.margin_height() > 0:
            bottom = max(bottom, box.position_y + box.margin_height())
    return (bottom - top) / height


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_each_total_is_printed_once_at_the_end_of_its_table(rendered, lang):
    _document, reader, tables = rendered[lang]
    per_page = [[line for line in _lines(page) if TOTAL_LINE[lang].match(line)] for page in reader.pages]
    found = [line for lines in per_page for line in lines]
    assert len(found) == tables, found
    # The partner table's total is on the last page its header is printed on
    # (when the table runs over a page break, its header is repeated: the
    # case that printed "Total 57" twice, which the count above also catches).
    header = "PARTENAIRE LOGEMENTS" if lang == "fr" else "PARTNER WONINGEN"
    pages_with_header = [i for i, page in enumerate(reader.pages) if header in " ".join(_lines(page)).upper()]
    assert pages_with_header, header
    partners_total = [i for i, lines in enumerate(per_page) if any(line.endswith(" 57") for line in lines)]
    assert partners_total == [pages_with_header[-1]]


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_no_page_but_the_last_is_left_mostly_blank(rendered, lang):
    document, reader, _tables = rendered[lang]
    assert len(document.pages) == len(reader.pages)
    used = [round(used_fraction(page), 2) for page in document.pages]
    short = [(number, fraction) for number, fraction in enumerate(used[:-1], start=1) if fraction < MIN_USED]
    assert short == [], f"pages used less than 2/3: {short} (all pages: {used})"
