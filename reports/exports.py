"""The three downloads of the report: JSON (the spec), PDF and XLSX.

Each takes the year and a language and returns bytes; the command line and
the director's page call the same functions. The PDF and the XLSX hold no
tenant name or code: the GAF table is numbered rows only.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.utils import translation

from reports.blocks import REPORT_ADDITIONS, report_blocks
from reports.presentation import report_context
from reports.selectors import annual_report
from reports.workbook import Book
from smes.lib.pdf import render_document

FORMATS = ("json", "pdf", "xlsx", "docx")  # docx: the whole chapter, from the chapter app (issue 17)
LANGUAGES = ("fr", "nl")
CONTENT_TYPES = {
    "json": "application/json",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",  # issue 17
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
    for addition in REPORT_ADDITIONS:  # the chapter's texts and records (issue 17)
        report[addition.key] = addition.json(year, report)
    text = json.dumps(report, ensure_ascii=False, indent=1)
    encoded = json.dumps(rows, ensure_ascii=False).replace("}, {", "},\n   {")
    return text.replace(json.dumps(marker), encoded, 1).encode("utf-8")


def export_pdf_document(year: int, lang: str = "fr", today: dt.date | None = None):
    """The annual report laid out by WeasyPrint (`.write_pdf()` gives the file)."""
    with translation.override(lang):
        context = report_context(year, today=today)
        context.update({"pdf": True, "lang": lang})
        for addition in REPORT_ADDITIONS:  # the chapter's texts (issue 17)
            context[addition.key] = addition.context(year, context["report"], lang)
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
    for addition in REPORT_ADDITIONS:  # docx: the whole chapter (issue 17)
        if fmt_ in addition.exports:
            return addition.exports[fmt_](year, lang)
    raise ValueError(f"Unknown format {fmt_!r}")


# --- XLSX -------------------------------------------------------------------


def export_xlsx(year: int, lang: str = "fr") -> bytes:
    """One sheet (or none) per block of the report, in the spec's order."""
    with translation.override(lang):
        book = Book(report_context(year))
        for block in report_blocks():
            if block.sheet is not None:
                block.sheet(book)
        return book.save()
