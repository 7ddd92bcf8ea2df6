"""The report is a loop over its blocks (reports.blocks): a new block is one
module and one `register_block` line, and it shows in the JSON, the page,
the PDF's contents and the workbook, in its place."""

import io
import json

import pytest
from django.template import Template
from django.template.loader import render_to_string
from openpyxl import load_workbook

from reports import blocks
from reports.blocks import Part, ReportBlock, Section, register_block
from reports.exports import export_json, export_xlsx
from reports.presentation import report_context

pytestmark = pytest.mark.django_db


def _sheet(book):
    sheet = book.sheet("Textes")
    sheet.table(["Année", "Bonjour"], [[book.year, book.ctx["greeting"]]])
    sheet.finish()


TEXTS = ReportBlock(
    key="texts",
    order=75,  # between the RdR material and the intake
    select=lambda selection: {"year_again": selection.year, "after_intake": "intake" in selection.report},
    present=lambda shown: Part(context={"greeting": "Bonjour"}),
    template=Template('<p id="texts">{{ greeting }} {{ report.texts.year_again }}</p>'),
    sheet=_sheet,
    sections=(Section("textes", "Textes de %(year)s"), Section("textes-2", "Suite", level=2)),
    page_order=5,  # first on the page
)


@pytest.fixture
def texts(monkeypatch):
    monkeypatch.setattr(blocks, "_BLOCKS", dict(blocks._BLOCKS))
    register_block(TEXTS)


def test_a_registered_block_joins_the_json_and_the_workbook_in_its_order(texts):
    report = json.loads(export_json(2024))
    assert list(report) == [
        "year",
        "tenants",
        "problems",
        "gaf",
        "contacts",
        "moves",
        "housing",
        "harm_reduction",
        "texts",
        "intake",
        "chapter",  # the chapter's texts and records, after the figures (issue 17)
    ]
    assert report["texts"] == {"year_again": 2024, "after_intake": False}

    workbook = load_workbook(io.BytesIO(export_xlsx(2024, "fr")))
    assert workbook.sheetnames[-2:] == ["Textes", "Demandes"]
    assert [[c.value for c in row] for row in workbook["Textes"].iter_rows()] == [
        ["Année", "Bonjour"],
        [2024, "Bonjour"],
    ]


def test_a_registered_block_joins_the_page_and_the_pdf_with_its_contents_entries(texts, diane, client_for):
    page = client_for(diane).get("/rapports/?annee=2024").content.decode()
    assert '<p id="texts">Bonjour 2024</p>' in page
    assert page.index('id="texts"') < page.index('id="usagers"')

    context = report_context(2024)
    context.update({"pdf": True, "lang": "fr"})
    pdf = render_to_string("reports/pdf/annual.html", context)
    assert (
        '<li><a href="#textes">Textes de 2024</a>\n        <ol><li><a href="#textes-2">Suite</a></li></ol></li>' in pdf
    )
    assert pdf.index('id="texts"') < pdf.index('id="usagers"')
