"""Writes of the chapter: a section's text, the lock of a year. Each write
goes through the model's history (django-simple-history: who, when, what)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chapter.models import MAX_TEXT, ChapterText, ChapterYear
from chapter.rendering import unknown_message, unknown_placeholders
from chapter.sections import LANGUAGES, SECTIONS_BY_SLUG


def locked_message(year: int) -> str:
    return _("Les textes de %(year)s sont verrouillés : déverrouillez l'année pour les modifier.") % {"year": year}


def check_body(body: str, values: dict[str, Any]) -> None:
    if len(body) > MAX_TEXT:
        raise ValidationError(
            {"body": _("Le texte dépasse %(n)s caractères.") % {"n": f"{MAX_TEXT:,}".replace(",", " ")}}
        )
    unknown = unknown_placeholders(body, values)
    if unknown:
        raise ValidationError({"body": unknown_message(unknown)})


@transaction.atomic
def chapter_text_save(
    *, user, year: int, section: str, language: str, body: str, values: dict[str, Any]
) -> ChapterText:
    """Create or replace the text of (year, section, language). `values` are
    the figures a text may name (selectors.figure_values): an unknown
    placeholder is refused, nothing is written."""
    if section not in SECTIONS_BY_SLUG or language not in LANGUAGES:
        raise ValidationError(_("Section ou langue inconnue."))
    if ChapterYear.objects.select_for_update().filter(year=year, locked=True).exists():
        raise ValidationError(locked_message(year))
    body = body.replace("\r\n", "\n").strip()
    check_body(body, values)
    text = ChapterText.objects.select_for_update().filter(
        year=year, section=section, language=language
    ).first() or ChapterText(year=year, section=section, language=language)
    if text.pk and text.body == body:
        return text
    text.body = body
    text.updated_by = user if getattr(user, "is_authenticated", False) else None
    text.full_clean()
    if text.updated_by is not None:
        text._history_user = user
    text.save()
    return text


@transaction.atomic
def chapter_year_lock(*, user, year: int, locked: bool) -> ChapterYear:
    row = ChapterYear.objects.select_for_update().filter(year=year).first() or ChapterYear(year=year)
    row.locked = locked
    row.updated_by = user if getattr(user, "is_authenticated", False) else None
    if row.updated_by is not None:
        row._history_user = user
    row.save()
    return row
