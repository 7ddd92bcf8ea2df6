"""Reads of the chapter: the texts of a year, the figures a text may name,
and what the report's page, PDF, Word file and JSON show of the chapter."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.utils import translation

from chapter.models import ChapterText, ChapterYear
from chapter.rendering import flatten, render, render_plain
from chapter.sections import LANGUAGES, SECTIONS, STANDALONE
from reports.selectors import annual_report
from smes.lib.dates import last_complete_year


def figure_values(year: int, report: dict | None = None, records: dict | None = None) -> dict[str, Any]:
    """Every figure a text of `year` may name: the report JSON's scalar keys
    and the chapter's own (chapter.records, read once by `records.load`)."""
    from chapter.records import records_figures  # the sections from the records

    report = report if report is not None else annual_report(year, with_rows=False)
    values = flatten(report)
    values.update(flatten(records_figures(year, records)))
    return values


EDITOR_CACHE_SECONDS = 120


def editor_values(year: int) -> dict[str, Any]:
    """The figures for the editor's preview and key check, kept two minutes:
    the editor's pages (16 sections × 2 languages) would otherwise each
    compute the whole report. The page, PDF, Word file and JSON never use it."""
    key = f"chapter-editor-values-{year}"
    values = cache.get(key)
    if values is None:
        values = figure_values(year)
        cache.set(key, values, EDITOR_CACHE_SECONDS)
    return values


def is_locked(year: int) -> bool:
    return ChapterYear.objects.filter(year=year, locked=True).exists()


def texts_of_year(year: int) -> dict[tuple[str, str], ChapterText]:
    return {(t.section, t.language): t for t in ChapterText.objects.filter(year=year)}


def text_body(year: int, section: str, language: str) -> str:
    return (
        ChapterText.objects.filter(year=year, section=section, language=language).values_list("body", flat=True).first()
        or ""
    )


def chapter_sections(year: int, values: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """The sections in the chapter's order, each with its text rendered in
    `language` (call inside translation.override(language))."""
    texts = {
        t.section: t.body for t in ChapterText.objects.filter(year=year, language=language).only("section", "body")
    }
    out = []
    for s in SECTIONS:
        body = texts.get(s.slug, "")
        out.append(
            {
                "slug": s.slug,
                "title": str(s.title),
                "after": s.after,
                "standalone": s.slug in STANDALONE,
                "body": body,
                "html": render(body, values) if body.strip() else "",
            }
        )
    return out


def chapter_context(year: int, report: dict, language: str | None = None) -> dict[str, Any]:
    """What the report's templates need: `chapter.parts[block]` lists the
    sections that follow that block (texts and sections from the records)."""
    from chapter.records import load, records_context

    language = language or translation.get_language() or "fr"
    language = language if language in LANGUAGES else "fr"
    data = load(year)
    values = figure_values(year, report, data)
    sections = chapter_sections(year, values, language)
    records = records_context(year, data)
    parts: dict[str, list] = {}
    for s in sections:
        s["records"] = records.get(s["slug"])
        parts.setdefault(s["after"], []).append(s)
    # The editor is offered for the recent years (the chapter of the last
    # complete year, the one before, the running one), not for 2013.
    editable = year >= last_complete_year() - 1
    return {"parts": parts, "sections": sections, "year": year, "editable": editable}


def chapter_json(year: int, report: dict) -> dict[str, Any]:
    """The JSON's `chapter` key: each section's text as written (with its
    placeholders) and rendered, per language, and the sections from the records."""
    from chapter.records import load, records_json

    data = load(year)
    values = figure_values(year, report, data)
    texts = texts_of_year(year)
    sections = []
    for s in SECTIONS:
        entry: dict[str, Any] = {"section": s.slug, "texts": {}}
        for lang in LANGUAGES:
            text = texts.get((s.slug, lang))
            body = text.body if text else ""
            with translation.override(lang):
                entry["texts"][lang] = {
                    "source": body,
                    "rendered": render_plain(body, values),
                    "html": str(render(body, values)) if body.strip() else "",
                }
        sections.append(entry)
    return {"locked": is_locked(year), "sections": sections, **records_json(year, data)}
