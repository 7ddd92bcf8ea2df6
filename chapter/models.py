"""The Direction's texts of the chapter (issue 17), per year, section and
language, and the lock of a closed year. Every change is kept by
django-simple-history (who, when, the text before and after)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chapter.sections import LANGUAGE_LABELS, section_choices

MAX_TEXT = 20_000


class ChapterText(models.Model):
    year = models.PositiveSmallIntegerField(_("année"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    section = models.CharField(_("section"), max_length=40, choices=section_choices)
    language = models.CharField(_("langue"), max_length=2, choices=list(LANGUAGE_LABELS.items()))
    body = models.TextField(_("texte"), blank=True, max_length=MAX_TEXT)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("texte du chapitre")
        verbose_name_plural = _("textes du chapitre")
        constraints = [
            models.UniqueConstraint(fields=["year", "section", "language"], name="chapter_text_one_per_section")
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.get_section_display()} ({self.language})"


class ChapterYear(models.Model):
    """A year whose texts are locked (the chapter was published)."""

    year = models.PositiveSmallIntegerField(_("année"), unique=True)
    locked = models.BooleanField(_("verrouillé"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("année du chapitre")
        verbose_name_plural = _("années du chapitre")

    def __str__(self) -> str:
        return str(self.year)
