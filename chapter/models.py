"""The Direction's texts of the chapter (issue 17), per year, section and
language, and the lock of a closed year. Every change is kept by
django-simple-history (who, when, the text before and after)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chapter.sections import LANGUAGE_LABELS, section_choices
from smes.lib.dates import PROJECT_FIRST_YEAR

# The years a register row may name: from the project's first year (2013).
PROJECT_YEARS = [MinValueValidator(PROJECT_FIRST_YEAR), MaxValueValidator(2100)]

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


# --- Sections from the records (issue 17, part 4) ---------------------------

FUNDERS = {
    "COCOM": _("COCOM"),
    "SPP_IS": _("SPP Intégration sociale"),
    "SPF_TSI": _("SPF Santé publique (TSI)"),
    "OTHER": _("Autre"),
}
TEAMS = {
    "ACT": _("Équipe ACT (suivi intensif)"),
    "ICM": _("Équipe ICM (suivi de soutien)"),
    "HOUSING": _("Équipe logement"),
    "MANAGEMENT": _("Gestion logistique, administrative et financière"),
    "DIRECTION": _("Gestion du projet et de l'équipe"),
}
NETWORK_FUNCTIONS = {
    "PSY": _("Fonction psychiatrique"),
    "SOCIAL": _("Fonction sociale"),
    "MEDICAL": _("Fonction médicale"),
    "RELATIONAL": _("Fonction relationnelle"),
    "FINANCIAL": _("Fonction financière"),
    "DRUGS": _("Fonction liée à l'usage de drogues"),
    "JUSTICE": _("Fonction juridique"),
}


class EmploymentPeriod(models.Model):
    """A worker's employment on the project: the chapter's "Aspects RH"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employment_periods", verbose_name=_("compte")
    )
    start = models.DateField(_("début"))
    end = models.DateField(_("fin"), null=True, blank=True)
    fte = models.DecimalField(
        _("ETP"),
        max_digits=3,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(Decimal("1"))],
    )
    function = models.CharField(_("fonction"), max_length=100)
    team = models.CharField(_("équipe"), max_length=12, choices=list(TEAMS.items()))
    funder = models.CharField(_("pouvoir subsidiant"), max_length=10, choices=list(FUNDERS.items()))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start", "user__last_name"]
        verbose_name = _("période d'emploi")
        verbose_name_plural = _("périodes d'emploi")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="employment_period_end_after_start",
                violation_error_message=_("La fin précède le début."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.start} · {self.fte}"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("La fin précède le début.")})


class NetworkPartner(models.Model):
    """A service the support teams work with, by function (not a housing partner)."""

    name = models.CharField(_("nom"), max_length=200)
    function = models.CharField(_("fonction"), max_length=12, choices=list(NETWORK_FUNCTIONS.items()))
    first_year = models.PositiveSmallIntegerField(_("depuis"), validators=PROJECT_YEARS)
    last_year = models.PositiveSmallIntegerField(_("jusqu'en"), null=True, blank=True, validators=PROJECT_YEARS)

    history = HistoricalRecords()

    class Meta:
        ordering = ["function", "name"]
        verbose_name = _("partenaire de réseau")
        verbose_name_plural = _("partenaires de réseau")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.last_year and self.first_year and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("La dernière année précède la première.")})


class ConventionEvaluation(models.Model):
    convention = models.ForeignKey(
        "housing.Convention", on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("convention")
    )
    year = models.PositiveSmallIntegerField(_("année"), validators=PROJECT_YEARS)
    text = models.TextField(_("évaluation"), max_length=4000)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "convention__title"]
        verbose_name = _("évaluation d'une convention")
        verbose_name_plural = _("évaluations des conventions")
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "year"],
                name="convention_evaluation_one_per_year",
                violation_error_message=_("Cette convention a déjà une évaluation pour cette année."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.convention} · {self.year}"


class Training(models.Model):
    """Training given by the team (sessions, days, audience)."""

    year = models.PositiveSmallIntegerField(_("année"), validators=PROJECT_YEARS)
    title = models.CharField(_("intitulé"), max_length=200)
    audience = models.CharField(_("public"), max_length=200, blank=True)
    sessions = models.PositiveSmallIntegerField(_("sessions"), default=1)
    days = models.DecimalField(_("jours"), max_digits=5, decimal_places=1, default=Decimal("1"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("formation donnée")
        verbose_name_plural = _("formations données")

    def __str__(self) -> str:
        return self.title


class QualityObjective(models.Model):
    """An objective of the five-year quality programme."""

    first_year = models.PositiveSmallIntegerField(_("première année"), validators=PROJECT_YEARS)
    last_year = models.PositiveSmallIntegerField(_("dernière année"), validators=PROJECT_YEARS)
    general = models.CharField(_("objectif général"), max_length=200)
    specific = models.CharField(_("objectif spécifique"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["first_year", "general", "id"]
        verbose_name = _("objectif qualité")
        verbose_name_plural = _("objectifs qualité")

    def __str__(self) -> str:
        return self.specific

    def clean(self) -> None:
        if self.last_year and self.first_year and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("La dernière année précède la première.")})


def target_choices():
    from chapter.targets import TARGET_KEYS

    return [(k, label) for k, label in TARGET_KEYS.items()]


class Target(models.Model):
    """The Direction's target for a figure of a year (90 tenants, 90 % retention…)."""

    year = models.PositiveSmallIntegerField(_("année"), validators=PROJECT_YEARS)
    key = models.CharField(_("chiffre"), max_length=80, choices=target_choices)
    value = models.DecimalField(_("objectif"), max_digits=9, decimal_places=1, validators=[MinValueValidator(0)])

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "key"]
        verbose_name = _("objectif chiffré")
        verbose_name_plural = _("objectifs chiffrés")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "key"],
                name="target_one_per_year_and_key",
                violation_error_message=_("Cet objectif est déjà fixé pour cette année."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.key}"
