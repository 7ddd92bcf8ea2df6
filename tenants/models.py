"""Tenants (locataires), their incomes, yearly reviews, GAF scores and visits.

Codes are the upper-case values of docs/format.md; the
interface shows translated labels.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smes.lib.dates import today
from smes.lib.periods import PeriodQuerySet
from smes.lib.text import NameKey
from smes.plausibility import check_dates, date_errors
from tenants.codes import validate_code


class Sex(models.TextChoices):
    F = "F", _("Femme")
    M = "M", _("Homme")
    X = "X", _("X")


class Funding(models.TextChoices):
    COCOM = "COCOM", _("COCOM")
    SPP_IS = "SPP_IS", _("SPP Intégration sociale")
    SPF_TSI = "SPF_TSI", _("SPF Santé publique (trajet de soins internés)")


class Team(models.TextChoices):
    ACT = "ACT", _("ACT")
    ICM = "ICM", _("ICM")


class EndReason(models.TextChoices):
    DECEASED = "DECEASED", _("Décès")
    NO_LONGER_NEEDED = "NO_LONGER_NEEDED", _("N'a plus besoin d'accompagnement")
    TRANSFERRED = "TRANSFERRED", _("Accompagné·e par une autre structure")
    OTHER = "OTHER", _("Autre")


class Ethos(models.IntegerChoices):
    STREET = 1, _("ETHOS 1 — rue, espace public")
    SHELTER = 2, _("ETHOS 2 — hébergement d'urgence")


class LegalStatus(models.TextChoices):
    NONE = "", _("—")
    TRIAL_RELEASE = "TRIAL_RELEASE", _("Libération à l'essai (interné·e)")
    DEFINITIVE_RELEASE = "DEFINITIVE_RELEASE", _("Libération définitive")
    PROBATION = "PROBATION", _("Probation / conditions")
    OTHER = "OTHER", _("Autre mesure")


class IncomeSource(models.TextChoices):
    RIS = "RIS", _("RIS (CPAS)")
    DGPH = "DGPH", _("Allocation DG Personnes handicapées")
    MUTUALITY = "MUTUALITY", _("Mutuelle (indemnités)")
    PENSION = "PENSION", _("Pension")
    UNEMPLOYMENT = "UNEMPLOYMENT", _("Chômage")
    SALARY = "SALARY", _("Salaire")
    NONE = "NONE", _("Sans revenu")


class Product(models.TextChoices):
    ALCOHOL = "ALCOHOL", _("Alcool")
    MEDICATION = "MEDICATION", _("Médicaments (usage détourné)")
    CANNABIS = "CANNABIS", _("Cannabis")
    HEROIN = "HEROIN", _("Héroïne")
    COCAINE = "COCAINE", _("Cocaïne")
    AMPHETAMINES = "AMPHETAMINES", _("Amphétamines")
    OTHER = "OTHER", _("Autre produit")


# Multi-valued codes are stored one boolean column each, so that the database
# counts them (SUM/COUNT FILTER) without parsing text.
PRODUCT_FIELDS = {p.value: f"p_{p.value.lower()}" for p in Product}
MENTAL_HEALTH_FIELDS = ["depression", "paranoia", "hallucinations", "aggression", "cognitive"]


class TenantQuerySet(PeriodQuerySet):
    # The follow-up: both days included.
    period_start = "followup_start"
    period_end = "followup_end"

    def accompanied_between(self, start: dt.date, end: dt.date) -> TenantQuerySet:
        """Tenants whose follow-up meets [start, end] (both inclusive)."""
        return self.overlapping(start, end)

    def active(self, on: dt.date | None = None) -> TenantQuerySet:
        on = on or today()
        return self.open_on(on)


class Tenant(models.Model):
    code = models.CharField(_("numéro de dossier"), max_length=20, unique=True, validators=[validate_code])
    last_name = models.CharField(_("nom"), max_length=100)
    first_name = models.CharField(_("prénom"), max_length=100)
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("date de naissance"))
    funding = models.CharField(_("financement"), max_length=10, choices=Funding.choices)
    team = models.CharField(_("équipe"), max_length=3, choices=Team.choices)
    referrer = models.CharField(_("partenaire envoyeur"), max_length=150, blank=True)
    ethos = models.PositiveSmallIntegerField(_("catégorie ETHOS"), choices=Ethos.choices)
    street_years = models.DecimalField(
        _("années de rue"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    followup_start = models.DateField(_("début de l'accompagnement"))
    followup_end = models.DateField(_("fin de l'accompagnement"), null=True, blank=True)
    end_reason = models.CharField(_("motif de fin"), max_length=20, choices=EndReason.choices, blank=True, default="")
    # What a worker needs on the page.
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    legal_status = models.CharField(
        _("statut (trajet de soins internés)"),
        max_length=20,
        choices=LegalStatus.choices,
        blank=True,
        default="",
    )
    justice_contact = models.CharField(_("assistant·e de justice (contact)"), max_length=200, blank=True)
    important_note = models.TextField(_("important à savoir"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        # As a French or Dutch reader expects (smes.lib.text.NameKey).
        ordering = [NameKey("last_name"), NameKey("first_name"), "code"]
        verbose_name = _("locataire")
        verbose_name_plural = _("locataires")
        constraints = [
            models.CheckConstraint(
                condition=Q(followup_end__isnull=True) | Q(followup_end__gte=models.F("followup_start")),
                name="tenant_followup_end_after_start",
                violation_error_message=_("La fin de l'accompagnement précède son début."),
            ),
            models.CheckConstraint(
                condition=(Q(followup_end__isnull=True) & Q(end_reason=""))
                | (Q(followup_end__isnull=False) & ~Q(end_reason="")),
                name="tenant_end_reason_iff_end",
                violation_error_message=_(
                    "Un motif de fin est requis si et seulement si l'accompagnement est terminé."
                ),
            ),
            models.CheckConstraint(condition=Q(ethos__in=[1, 2]), name="tenant_ethos_1_or_2"),
        ]
        indexes = [
            models.Index(fields=["followup_start", "followup_end"]),
            models.Index(fields=["team"]),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.code})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_active(self) -> bool:
        return self.followup_end is None

    @property
    def is_deceased(self) -> bool:
        return self.end_reason == EndReason.DECEASED

    def ended_before(self, day: dt.date) -> dt.date | None:
        """The last day of follow-up, if it is before `day` (death,
        departure): contacts are then noted within it, none planned."""
        return self.followup_end if self.followup_end and self.followup_end < day else None

    def age_on(self, day: dt.date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    def clean(self) -> None:
        errors: dict[str, list] = date_errors(self)
        if self.followup_end and self.followup_start and self.followup_end < self.followup_start:
            errors.setdefault("followup_end", []).append(_("La fin de l'accompagnement précède son début."))
        if self.followup_end and not self.end_reason:
            errors.setdefault("end_reason", []).append(_("Indiquez le motif de fin de l'accompagnement."))
        if self.end_reason and not self.followup_end:
            errors.setdefault("followup_end", []).append(_("Indiquez la date de fin (la date du décès pour un décès)."))
        if self.birth_date and self.followup_start and self.birth_date >= self.followup_start:
            errors.setdefault("birth_date", []).append(
                _("La date de naissance doit précéder le début de l'accompagnement.")
            )
        if errors:
            raise ValidationError(errors)


class IncomeQuerySet(PeriodQuerySet):
    """An income runs from `start` to `end`, both days included."""


class Income(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="incomes")
    source = models.CharField(_("source"), max_length=15, choices=IncomeSource.choices)
    start = models.DateField(_("début"))
    end = models.DateField(_("fin"), null=True, blank=True)

    objects = IncomeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["tenant", "start", "source"]
        verbose_name = _("revenu")
        verbose_name_plural = _("revenus")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "source", "start"], name="income_unique_key"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="income_end_after_start",
                violation_error_message=_("La fin précède le début."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.start}–{self.end or '…'}"

    def clean(self) -> None:
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("La fin précède le début.")})


class Assessment(models.Model):
    """Yearly review of problems ("bilan annuel")."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="assessments")
    date = models.DateField(_("date"))
    depression = models.BooleanField(_("dépression majeure et/ou chronique"), default=False)
    paranoia = models.BooleanField(_("méfiance excessive, persécution, délire paranoïaque"), default=False)
    hallucinations = models.BooleanField(_("hallucinations, délire mégalomane"), default=False)
    aggression = models.BooleanField(_("passages à l'acte hétéro-agressif, menaces graves"), default=False)
    cognitive = models.BooleanField(_("troubles cognitifs"), default=False)
    p_alcohol = models.BooleanField(Product.ALCOHOL.label, default=False)
    p_medication = models.BooleanField(Product.MEDICATION.label, default=False)
    p_cannabis = models.BooleanField(Product.CANNABIS.label, default=False)
    p_heroin = models.BooleanField(Product.HEROIN.label, default=False)
    p_cocaine = models.BooleanField(Product.COCAINE.label, default=False)
    p_amphetamines = models.BooleanField(Product.AMPHETAMINES.label, default=False)
    p_other = models.BooleanField(Product.OTHER.label, default=False)
    crack_inhalation = models.BooleanField(_("crack en inhalation"), default=False)
    injection = models.BooleanField(_("injection"), default=False)
    overdose = models.BooleanField(_("overdose depuis le bilan précédent"), default=False)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["tenant", "-date"]
        verbose_name = _("bilan annuel")
        verbose_name_plural = _("bilans annuels")
        constraints = [models.UniqueConstraint(fields=["tenant", "date"], name="assessment_unique_key")]

    def __str__(self) -> str:
        return f"{self.tenant.code} {self.date}"

    @property
    def products(self) -> list[str]:
        return [code for code, field in PRODUCT_FIELDS.items() if getattr(self, field)]

    @products.setter
    def products(self, codes) -> None:
        codes = set(codes)
        for code, field in PRODUCT_FIELDS.items():
            setattr(self, field, code in codes)

    def get_products_display(self) -> list[str]:
        return [Product(c).label for c in self.products]

    @property
    def mental_health(self) -> list[str]:
        return [f for f in MENTAL_HEALTH_FIELDS if getattr(self, f)]

    def clean(self) -> None:
        check_dates(self)


class GafScore(models.Model):
    """Global Assessment of Functioning; the earliest is the entry score."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="gaf_scores")
    date = models.DateField(_("date"))
    score = models.PositiveSmallIntegerField(_("score EGF"), validators=[MinValueValidator(1), MaxValueValidator(100)])
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("coté par"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["tenant", "date"]
        verbose_name = _("score EGF")
        verbose_name_plural = _("scores EGF")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "date"], name="gaf_unique_key"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=100),
                name="gaf_score_1_100",
                violation_error_message=_("Le score EGF va de 1 à 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tenant.code} {self.date}: {self.score}"

    def clean(self) -> None:
        check_dates(self)


# The visits live in their own package (tenants/visits/); imported here so
# that Django finds the model in the app `tenants`, and so that
# `from tenants.models import Visit, VisitKind…` keeps working.
from tenants.visits.models import (  # noqa: E402, F401
    MEETING_KINDS,
    MOTIVE_FIELDS,
    Motive,
    Visit,
    VisitKind,
    VisitStatus,
)
