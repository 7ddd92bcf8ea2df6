"""Housing partners, dwellings, leases and moves (who lives where).

`Stay` is derived from moves by `housing.services` (a tenant occupies a
dwelling from the move into it, inclusive, to the next move, exclusive) so
that "who lives where on day D" is one indexed query.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tenants.models import Tenant


class PartnerKind(models.TextChoices):
    SISP = "SISP", _("SISP (logement social)")
    AIS = "AIS", _("AIS (agence immobilière sociale)")
    HOUSING_FUND = "HOUSING_FUND", _("Fonds du logement")
    CPAS = "CPAS", _("CPAS")
    TEMPORARY_OCCUPATION = "TEMPORARY_OCCUPATION", _("Occupation temporaire")
    NURSING_HOME = "NURSING_HOME", _("Maison de repos")
    PRIVATE = "PRIVATE", _("Propriétaire privé")
    OTHER = "OTHER", _("Autre")


class Commune(models.TextChoices):
    ANDERLECHT = "Anderlecht", "Anderlecht"
    AUDERGHEM = "Auderghem", "Auderghem"
    BERCHEM = "Berchem-Sainte-Agathe", "Berchem-Sainte-Agathe"
    BRUXELLES = "Bruxelles", "Bruxelles"
    ETTERBEEK = "Etterbeek", "Etterbeek"
    EVERE = "Evere", "Evere"
    FOREST = "Forest", "Forest"
    GANSHOREN = "Ganshoren", "Ganshoren"
    IXELLES = "Ixelles", "Ixelles"
    JETTE = "Jette", "Jette"
    KOEKELBERG = "Koekelberg", "Koekelberg"
    MOLENBEEK = "Molenbeek-Saint-Jean", "Molenbeek-Saint-Jean"
    SAINT_GILLES = "Saint-Gilles", "Saint-Gilles"
    SAINT_JOSSE = "Saint-Josse-ten-Noode", "Saint-Josse-ten-Noode"
    SCHAERBEEK = "Schaerbeek", "Schaerbeek"
    UCCLE = "Uccle", "Uccle"
    WATERMAEL = "Watermael-Boitsfort", "Watermael-Boitsfort"
    WOLUWE_SL = "Woluwe-Saint-Lambert", "Woluwe-Saint-Lambert"
    WOLUWE_SP = "Woluwe-Saint-Pierre", "Woluwe-Saint-Pierre"


class LeaseKind(models.TextChoices):
    STANDARD = "STANDARD", _("Bail standard")
    SLIDING = "SLIDING", _("Bail glissant")
    TRANSIT = "TRANSIT", _("Bail / convention de transit")
    PRECARIOUS = "PRECARIOUS", _("Convention d'occupation précaire")
    NURSING_HOME = "NURSING_HOME", _("Maison de repos")


class MoveKind(models.TextChoices):
    ENTRY = "ENTRY", _("Entrée en logement")
    TRANSFER = "TRANSFER", _("Déménagement vers un autre logement")
    EXIT = "EXIT", _("Sortie de logement")


class ExitTo(models.TextChoices):
    STREET = "STREET", _("Rue")
    INSTITUTION = "INSTITUTION", _("Institution")
    DEATH = "DEATH", _("Décès")
    OTHER = "OTHER", _("Autre")


class Partner(models.Model):
    name = models.CharField(_("nom"), max_length=150, unique=True)
    kind = models.CharField(_("type"), max_length=25, choices=PartnerKind.choices)
    via = models.CharField(_("canal"), max_length=100, blank=True, help_text=_("CCL, Bru4Home, …"))
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partenaire logement")
        verbose_name_plural = _("partenaires logement")

    def __str__(self) -> str:
        return self.name


class Dwelling(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="dwellings", verbose_name=_("partenaire"))
    address = models.CharField(_("adresse"), max_length=200)
    postcode = models.CharField(_("code postal"), max_length=4)
    commune = models.CharField(_("commune"), max_length=30, choices=Commune.choices)
    capacity = models.PositiveSmallIntegerField(_("capacité"), default=1, validators=[MinValueValidator(1)])
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("logement")
        verbose_name_plural = _("logements")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="dwelling_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.address}, {self.postcode} {self.commune}"

    def clean(self) -> None:
        if self.postcode and (not self.postcode.isdigit() or not 1000 <= int(self.postcode) <= 1210):
            raise ValidationError({"postcode": _("Code postal bruxellois attendu (1000 à 1210).")})


class Lease(models.Model):
    dwelling = models.ForeignKey(Dwelling, on_delete=models.PROTECT, related_name="leases", verbose_name=_("logement"))
    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="leases", verbose_name=_("locataire"))
    kind = models.CharField(_("type de bail"), max_length=15, choices=LeaseKind.choices)
    start = models.DateField(_("début"))
    end = models.DateField(_("fin (incluse)"), null=True, blank=True)
    rent = models.DecimalField(_("loyer"), max_digits=8, decimal_places=2, validators=[MinValueValidator(0)])
    charges = models.DecimalField(_("charges"), max_digits=8, decimal_places=2, default=0, validators=[MinValueValidator(0)])
    document = models.FileField(_("bail signé"), upload_to="leases/%Y/", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("bail")
        verbose_name_plural = _("baux")
        constraints = [
            models.UniqueConstraint(fields=["dwelling", "tenant", "start"], name="lease_unique_key"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="lease_end_after_start",
                violation_error_message=_("La fin du bail précède son début."),
            ),
            models.CheckConstraint(condition=Q(rent__gte=0) & Q(charges__gte=0), name="lease_amounts_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.dwelling.code} / {self.tenant.code} ({self.start})"

    def clean(self) -> None:
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("La fin du bail précède son début.")})


class Move(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="moves", verbose_name=_("locataire"))
    date = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=10, choices=MoveKind.choices)
    dwelling = models.ForeignKey(
        Dwelling, null=True, blank=True, on_delete=models.PROTECT, related_name="moves", verbose_name=_("logement de destination")
    )
    exit_to = models.CharField(_("sortie vers"), max_length=15, choices=ExitTo.choices, blank=True, default="")
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["tenant", "date"]
        verbose_name = _("déménagement")
        verbose_name_plural = _("déménagements")
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "date"],
                name="move_one_per_tenant_per_day",
                violation_error_message=_("Ce·tte locataire a déjà un mouvement à cette date."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="EXIT") & Q(dwelling__isnull=True) & ~Q(exit_to=""))
                | (Q(kind__in=["ENTRY", "TRANSFER"]) & Q(dwelling__isnull=False) & Q(exit_to="")),
                name="move_destination_matches_kind",
                violation_error_message=_(
                    "Une entrée ou un déménagement a un logement de destination ; une sortie a une destination de sortie."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tenant.code} {self.date} {self.kind}"


class Stay(models.Model):
    """Derived occupation interval [start, end) — rebuilt from moves."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="stays")
    dwelling = models.ForeignKey(Dwelling, on_delete=models.CASCADE, related_name="stays")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)  # exclusive; empty = still there
    move_in = models.OneToOneField(Move, on_delete=models.CASCADE, related_name="stay")

    class Meta:
        ordering = ["tenant", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=models.F("start")), name="stay_end_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["dwelling", "start", "end"]),
            models.Index(fields=["tenant", "start", "end"]),
        ]
