"""Figures of years that predate the records ("legacy figures").

The director types in the values printed in earlier reports (depression
87 % in 2024, …) so that the report can cite them next to this year's
figure. A year the database covers always wins over a legacy value.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reports.series import PCT, SERIES_BY_KEY, series_choices


class LegacyFigureManager(models.Manager):
    def get_by_natural_key(self, year, key):
        return self.get(year=year, key=key)


class LegacyFigure(models.Model):
    year = models.PositiveSmallIntegerField(_("année"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    key = models.CharField(_("chiffre"), max_length=80, choices=series_choices)
    value = models.DecimalField(_("valeur"), max_digits=9, decimal_places=2)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Par exemple : rapport d'activité 2025, p. 12.")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = LegacyFigureManager()

    class Meta:
        ordering = ["key", "-year"]
        verbose_name = _("chiffre d'une année antérieure")
        verbose_name_plural = _("chiffres des années antérieures")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "key"],
                name="legacy_figure_one_per_year_and_key",
                violation_error_message=_("Ce chiffre est déjà saisi pour cette année."),
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="legacy_figure_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.get_key_display()} : {self.value}"

    def natural_key(self):
        return (self.year, self.key)

    @property
    def series(self):
        return SERIES_BY_KEY.get(self.key)

    def clean(self) -> None:
        errors = {}
        if self.key and self.key not in SERIES_BY_KEY:
            errors["key"] = _("Chiffre inconnu.")
        if self.value is not None:
            if self.value < 0:
                errors["value"] = _("La valeur ne peut pas être négative.")
            elif self.series and self.series.unit == PCT and self.value > 100:
                errors["value"] = _("Un pourcentage ne dépasse pas 100.")
        if errors:
            raise ValidationError(errors)


class YearChange(models.Model):
    """When records dated in a closed year last changed (reports/earlier.py):
    the figures of that year kept between requests are computed again only
    after such a change. Written by signals of the dated models and by the
    bulk imports; the running year is never kept, so never marked."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.year}: {self.changed_at:%Y-%m-%d %H:%M}"
