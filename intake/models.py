"""The intake register (issue 18): requests for Housing First, their
eligibility under the ordinance of 14 June 2018 and their status history,
from the request to the entry into housing (the tenant created from it)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smes.plausibility import date_errors
from tenants.models import Sex


class Requester(models.TextChoices):
    PERSON = "PERSON", _("La personne elle-même")
    CITIZEN = "CITIZEN", _("Un·e citoyen·ne")
    SERVICE = "SERVICE", _("Un service (partenaire envoyeur)")


class Channel(models.TextChoices):
    PHONE = "PHONE", _("Téléphone")
    EMAIL = "EMAIL", _("E-mail")
    VISIT = "VISIT", _("Passage au Smes")
    STREET = "STREET", _("Rencontre en rue")
    NETWORK = "NETWORK", _("Réunion de réseau")
    OTHER = "OTHER", _("Autre")


class EthosCategory(models.TextChoices):
    E1 = "1", _("ETHOS 1 — rue, espace public")
    E2 = "2", _("ETHOS 2 — hébergement d'urgence")
    E3_7 = "3-7", _("ETHOS 3 à 7 — sans logement (foyer, institution…)")
    E8_13 = "8-13", _("ETHOS 8 à 13 — logement précaire ou inadéquat")


class Kind(models.TextChoices):
    NEW = "NEW", _("Nouvelle demande")
    REHOUSING = "REHOUSING", _("Relogement (locataire ayant perdu son logement)")


class Priority(models.IntegerChoices):
    URGENT = 1, _("Urgente")
    NORMAL = 2, _("Normale")


class Status(models.TextChoices):
    RECEIVED = "RECEIVED", _("Reçue")
    ELIGIBLE = "ELIGIBLE", _("Éligible")
    NOT_ELIGIBLE = "NOT_ELIGIBLE", _("Non éligible")
    WAITING = "WAITING", _("En attente")
    FOLLOWED = "FOLLOWED", _("Accompagnement en vue d'une entrée en logement")
    HOUSED = "HOUSED", _("Entrée en logement")
    WITHDRAWN = "WITHDRAWN", _("Demande retirée")
    LOST_CONTACT = "LOST_CONTACT", _("Perte de contact")
    ORIENTED = "ORIENTED", _("Orientée ailleurs")


CLOSED_CODES = ["HOUSED", "LOST_CONTACT", "NOT_ELIGIBLE", "ORIENTED", "WITHDRAWN"]
CLOSED = frozenset({Status.NOT_ELIGIBLE, Status.HOUSED, Status.WITHDRAWN, Status.LOST_CONTACT, Status.ORIENTED})
#: On the waiting list: eligible and not yet housed nor closed.
ON_LIST = frozenset({Status.ELIGIBLE, Status.WAITING, Status.FOLLOWED})
_ENDINGS = {Status.WITHDRAWN, Status.LOST_CONTACT, Status.ORIENTED}
#: Which status may follow which.
NEXT: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.ELIGIBLE, Status.NOT_ELIGIBLE, *_ENDINGS}),
    Status.ELIGIBLE: frozenset({Status.WAITING, Status.FOLLOWED, Status.HOUSED, *_ENDINGS}),
    Status.WAITING: frozenset({Status.FOLLOWED, Status.HOUSED, *_ENDINGS}),
    Status.FOLLOWED: frozenset({Status.WAITING, Status.HOUSED, *_ENDINGS}),
}

MONTHS_2Y = 24
MONTHS_3Y = 36


REF_PREFIX = "DEM-"


class Request(models.Model):
    #: The request's key in the interchange file (requests.csv): DEM-YYYY-NNN.
    ref = models.CharField(_("référence"), max_length=20, unique=True)
    date = models.DateField(_("date de la demande"))
    kind = models.CharField(_("type de demande"), max_length=10, choices=Kind.choices, default=Kind.NEW)
    tenant = models.ForeignKey(
        "tenants.Tenant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rehousing_requests",
        verbose_name=_("locataire (relogement)"),
    )
    requester = models.CharField(_("qui demande"), max_length=10, choices=Requester.choices)
    partner = models.ForeignKey(
        "housing.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intake_requests",
        verbose_name=_("partenaire envoyeur"),
    )
    referrer = models.CharField(_("service envoyeur (autre)"), max_length=150, blank=True)
    channel = models.CharField(_("canal"), max_length=10, choices=Channel.choices)
    name = models.CharField(_("nom ou pseudonyme"), max_length=150)
    birth_year = models.PositiveSmallIntegerField(
        _("année de naissance"), null=True, blank=True, validators=[MinValueValidator(1900)]
    )
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices)
    ethos = models.CharField(_("situation actuelle (ETHOS)"), max_length=4, choices=EthosCategory.choices)
    months_2y = models.PositiveSmallIntegerField(
        _("mois en rue ou en hébergement d'urgence sur les 2 dernières années"),
        validators=[MaxValueValidator(MONTHS_2Y)],
    )
    months_3y = models.PositiveSmallIntegerField(
        _("mois en rue ou en hébergement d'urgence sur les 3 dernières années"),
        validators=[MaxValueValidator(MONTHS_3Y)],
    )
    mental_health = models.BooleanField(_("problèmes de santé mentale"), default=False)
    addiction = models.BooleanField(_("assuétudes"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    priority = models.PositiveSmallIntegerField(_("priorité"), choices=Priority.choices, default=Priority.NORMAL)
    # The decision: the ordinance's verdict unless the worker records another, with a reason.
    eligible = models.BooleanField(_("éligible"), null=True, blank=True)
    decision_reason = models.TextField(_("motif de la décision"), blank=True)
    # Current status (the last StatusChange), kept here for the lists.
    status = models.CharField(_("statut"), max_length=15, choices=Status.choices, default=Status.RECEIVED)
    status_date = models.DateField(_("date du statut"))
    closed_on = models.DateField(_("clôturée le"), null=True, blank=True)
    housed_tenant = models.ForeignKey(
        "tenants.Tenant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intake_requests",
        verbose_name=_("locataire créé·e"),
    )
    proposed_dwelling = models.ForeignKey(
        "housing.Dwelling",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intake_proposals",
        verbose_name=_("logement proposé"),
    )
    proposed_on = models.DateField(_("proposé le"), null=True, blank=True)
    anonymised = models.BooleanField(_("anonymisée"), default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("demande")
        verbose_name_plural = _("demandes")
        constraints = [
            models.CheckConstraint(
                condition=Q(months_2y__lte=MONTHS_2Y) & Q(months_3y__lte=MONTHS_3Y) & Q(months_3y__gte=F("months_2y")),
                name="intake_months_consistent",
                violation_error_message=_("Les mois sur 3 ans comprennent ceux sur 2 ans (au plus 24 et 36 mois)."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="REHOUSING") & Q(tenant__isnull=False)) | (Q(kind="NEW") & Q(tenant__isnull=True)),
                name="intake_rehousing_has_tenant",
                violation_error_message=_("Un relogement est lié à un·e locataire, une nouvelle demande ne l'est pas."),
            ),
            models.CheckConstraint(condition=Q(status_date__gte=F("date")), name="intake_status_after_request"),
            models.CheckConstraint(
                condition=(Q(status__in=CLOSED_CODES) & Q(closed_on__isnull=False))
                | (~Q(status__in=CLOSED_CODES) & Q(closed_on__isnull=True)),
                name="intake_closed_iff_final_status",
            ),
            models.CheckConstraint(
                condition=Q(status="HOUSED") | Q(housed_tenant__isnull=True), name="intake_tenant_only_when_housed"
            ),
            models.CheckConstraint(
                condition=~Q(status="HOUSED") | Q(housed_tenant__isnull=False), name="intake_housed_has_tenant"
            ),
            models.CheckConstraint(condition=Q(priority__in=[1, 2]), name="intake_priority_known"),
        ]
        indexes = [models.Index(fields=["status", "date"]), models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.date:%d/%m/%Y})"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    @property
    def next_statuses(self) -> list[str]:
        return [s for s in Status.values if s in NEXT.get(self.status, ())]

    @property
    def referrer_label(self) -> str:
        return self.partner.name if self.partner_id else self.referrer

    def clean(self) -> None:
        errors: dict[str, list] = date_errors(self)
        if self.months_2y is not None and self.months_3y is not None and self.months_3y < self.months_2y:
            errors.setdefault("months_3y", []).append(
                _("Les mois sur 3 ans comprennent ceux sur 2 ans : au moins %(n)s.") % {"n": self.months_2y}
            )
        if self.kind == Kind.REHOUSING and not self.tenant_id:
            errors.setdefault("tenant", []).append(_("Choisissez le·la locataire à reloger."))
        if self.kind == Kind.NEW and self.tenant_id:
            errors.setdefault("tenant", []).append(_("Une nouvelle demande n'est liée à aucun·e locataire."))
        if self.requester == Requester.SERVICE and not (self.partner_id or self.referrer.strip()):
            errors.setdefault("referrer", []).append(_("Indiquez le service envoyeur (partenaire ou nom)."))
        if self.birth_year and self.date and not 1900 <= self.birth_year <= self.date.year:
            errors.setdefault("birth_year", []).append(_("Année de naissance invraisemblable."))
        if errors:
            raise ValidationError(errors)


class StatusChange(models.Model):
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(_("statut"), max_length=15, choices=Status.choices)
    date = models.DateField(_("date"))
    reason = models.TextField(_("motif / orienté vers"), blank=True)
    tenant = models.ForeignKey(
        "tenants.Tenant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intake_entries",
        verbose_name=_("locataire"),
    )
    dwelling = models.ForeignKey(
        "housing.Dwelling", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("logement")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["request", "date", "pk"]
        verbose_name = _("changement de statut")
        verbose_name_plural = _("changements de statut")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="HOUSED") | Q(tenant__isnull=False), name="intake_change_housed_has_tenant"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.date:%d/%m/%Y})"

    def clean(self) -> None:
        errors = date_errors(self)
        if errors:
            raise ValidationError(errors)
