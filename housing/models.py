"""Housing partners, dwellings, leases and moves (who lives where).

`Stay` is derived from moves by `housing.services` (a tenant occupies a
dwelling from the move into it, inclusive, to the next move, exclusive) so
that "who lives where on day D" is one indexed query.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smes.lib.periods import PeriodQuerySet
from smes.plausibility import check_dates, date_errors
from tenants.models import Tenant

# The team's sentences for a duplicate (instead of Django's "Un objet
# Logement avec ce champ Code existe déjà"): forms, admin, services and
# import all get them through Model.unique_error_message.
MSG_PARTNER_NAME_TAKEN = _("Nom : un autre partenaire s'appelle déjà « %(name)s ».")
MSG_DWELLING_CODE_TAKEN = _("Code : %(code)s est déjà le code d'un autre logement.")
MSG_LEASE_TAKEN = _("Ce bail existe déjà : %(tenant)s a un bail pour %(dwelling)s commençant le %(date)s.")


def _unique_error(instance, model_class, unique_check, fields: tuple[str, ...], message, params):
    if model_class is type(instance) and tuple(unique_check) == fields:
        return ValidationError(message, code="unique", params=params)
    return None


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

    def unique_error_message(self, model_class, unique_check):
        params = {"name": self.name}
        return _unique_error(self, model_class, unique_check, ("name",), MSG_PARTNER_NAME_TAKEN, params) or (
            super().unique_error_message(model_class, unique_check)
        )


class Dwelling(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="dwellings", verbose_name=_("partenaire")
    )
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

    def unique_error_message(self, model_class, unique_check):
        params = {"code": self.code}
        return _unique_error(self, model_class, unique_check, ("code",), MSG_DWELLING_CODE_TAKEN, params) or (
            super().unique_error_message(model_class, unique_check)
        )

    def clean(self) -> None:
        if self.postcode and (not self.postcode.isdigit() or not 1000 <= int(self.postcode) <= 1210):
            raise ValidationError({"postcode": _("Code postal bruxellois attendu (1000 à 1210).")})


LEASE_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
# What each accepted extension must really contain (checked on upload).
LEASE_DOCUMENT_FORMATS = {".pdf": "PDF", ".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
MSG_DOCUMENT_NOT_GENUINE = _("Le document n'est pas un PDF ou une image (JPG, PNG) lisible : vérifiez le fichier.")


def lease_document_is_genuine(document) -> bool:
    """The content matches the extension: a PDF starts with `%PDF-`, a JPEG or
    PNG decodes as that format (an HTML page or a program renamed is refused)."""
    from PIL import Image

    expected = LEASE_DOCUMENT_FORMATS.get(PurePath(document.name).suffix.lower())
    if expected is None:
        return True  # the extension validator names the problem
    try:
        document.seek(0)
        if expected == "PDF":
            return document.read(5) == b"%PDF-"
        with Image.open(document) as image:
            if image.format != expected:
                return False
            image.load()
        return True
    except Exception:  # Pillow raises many kinds of errors on a broken file
        return False
    finally:
        document.seek(0)


class LeaseQuerySet(PeriodQuerySet):
    """A lease runs from `start` to `end`, both days included."""


class Lease(models.Model):
    dwelling = models.ForeignKey(Dwelling, on_delete=models.PROTECT, related_name="leases", verbose_name=_("logement"))
    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="leases", verbose_name=_("locataire"))
    kind = models.CharField(_("type de bail"), max_length=15, choices=LeaseKind.choices)
    start = models.DateField(_("début"))
    end = models.DateField(_("fin (incluse)"), null=True, blank=True)
    rent = models.DecimalField(
        _("loyer"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0, message=_("Le loyer ne peut pas être négatif."))],
    )
    charges = models.DecimalField(
        _("charges"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0, message=_("Les charges ne peuvent pas être négatives."))],
    )
    document = models.FileField(
        _("bail signé"),
        upload_to="leases/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf", "jpg", "jpeg", "png"])],
        help_text=_("PDF ou photo (JPG, PNG), 10 Mo au plus."),
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = LeaseQuerySet.as_manager()
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

    def unique_error_message(self, model_class, unique_check):
        if model_class is type(self) and tuple(unique_check) == ("dwelling", "tenant", "start"):
            params = {
                "tenant": self.tenant.code,
                "dwelling": self.dwelling.code,
                "date": self.start.strftime("%d/%m/%Y"),
            }
            return ValidationError(MSG_LEASE_TAKEN, code="unique", params=params)
        return super().unique_error_message(model_class, unique_check)

    def clean(self) -> None:
        errors = date_errors(self)
        if self.end and self.start and self.end < self.start:
            errors["end"] = _("La fin du bail précède son début.")
        document = self.document
        if document and not getattr(document, "_committed", True):
            if document.size > LEASE_DOCUMENT_MAX_BYTES:
                errors["document"] = _("Le document dépasse 10 Mo.")
            elif not lease_document_is_genuine(document):
                errors["document"] = MSG_DOCUMENT_NOT_GENUINE
        if errors:
            raise ValidationError(errors)

    @property
    def monthly_total(self):
        return (self.rent or 0) + (self.charges or 0)

    def is_running(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or self.end >= on)


class Move(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="moves", verbose_name=_("locataire"))
    date = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=10, choices=MoveKind.choices)
    dwelling = models.ForeignKey(
        Dwelling,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="moves",
        verbose_name=_("logement de destination"),
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

    # Every write goes through housing.services so that the rules of moves
    # (and the derived stays) hold whatever the entry point: form, import,
    # admin or a plain Move(...).save() in a shell. bulk_create and
    # queryset.update() bypass this; housing code never uses them on moves.
    def save(self, *args, **kwargs) -> None:
        from housing.services import move_persist

        move_persist(self, *args, **kwargs)

    def delete(self, *args, **kwargs):
        from housing.services import move_remove

        return move_remove(self)

    def clean(self) -> None:
        from housing.services import move_rules_check

        move_rules_check(self)

    def _save_unchecked(self, *args, **kwargs) -> None:
        """The raw save, for housing.services only (after the rules ran)."""
        super().save(*args, **kwargs)

    def _delete_unchecked(self, *args, **kwargs):
        return super().delete(*args, **kwargs)


class StayQuerySet(PeriodQuerySet):
    """A stay runs from the move in (included) to the next move (excluded)."""

    end_excluded = True

    def on_morning_of(self, day: dt.date) -> StayQuerySet:
        """The stays of the night before `day` still running on `day`: moved
        in before it, not moved out on or before it."""
        return self.filter(start__lt=day).not_ended_by(day)


class Stay(models.Model):
    """Derived occupation interval [start, end) — rebuilt from moves."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="stays")
    dwelling = models.ForeignKey(Dwelling, on_delete=models.CASCADE, related_name="stays")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)  # exclusive; empty = still there
    move_in = models.OneToOneField(Move, on_delete=models.CASCADE, related_name="stay")

    objects = StayQuerySet.as_manager()

    class Meta:
        ordering = ["tenant", "start"]
        verbose_name = _("séjour (occupation)")
        verbose_name_plural = _("séjours (occupations)")
        # On PostgreSQL, migration 0003 adds an exclusion constraint: one
        # tenant never occupies two dwellings on the same day.
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=models.F("start")), name="stay_end_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["dwelling", "start", "end"]),
            models.Index(fields=["tenant", "start", "end"]),
        ]

    def __str__(self) -> str:
        return f"{self.tenant_id}@{self.dwelling_id} [{self.start}, {self.end or '…'})"

    @property
    def last_day(self) -> dt.date | None:
        """The last night spent there (end is exclusive)."""
        return self.end - dt.timedelta(days=1) if self.end else None


class PartnerContact(models.Model):
    """A person to call at a housing partner (property manager, social worker…)."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("partenaire")
    )
    name = models.CharField(_("nom"), max_length=150)
    role = models.CharField(
        _("fonction"), max_length=100, blank=True, help_text=_("gestionnaire, assistant·e social·e…")
    )
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partner", "name"]
        verbose_name = _("contact partenaire")
        verbose_name_plural = _("contacts partenaires")

    def __str__(self) -> str:
        return f"{self.name} ({self.partner})"


class Convention(models.Model):
    """A collaboration agreement with a partner, evaluated periodically."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="conventions", verbose_name=_("partenaire")
    )
    title = models.CharField(_("intitulé"), max_length=200)
    signed_on = models.DateField(_("signée le"))
    last_evaluated_on = models.DateField(_("dernière évaluation"), null=True, blank=True)
    next_evaluation_due = models.DateField(_("prochaine évaluation prévue"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["next_evaluation_due", "title"]
        verbose_name = _("convention de collaboration")
        verbose_name_plural = _("conventions de collaboration")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_evaluated_on__isnull=True) | Q(last_evaluated_on__gte=models.F("signed_on")),
                name="convention_evaluated_after_signature",
                violation_error_message=_("La dernière évaluation précède la signature."),
            ),
            models.CheckConstraint(
                condition=Q(next_evaluation_due__isnull=True) | Q(next_evaluation_due__gte=models.F("signed_on")),
                name="convention_due_after_signature",
                violation_error_message=_("La prochaine évaluation précède la signature."),
            ),
        ]
        indexes = [models.Index(fields=["next_evaluation_due"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.partner})"

    def clean(self) -> None:
        errors = date_errors(self)
        if self.signed_on and self.last_evaluated_on and self.last_evaluated_on < self.signed_on:
            errors["last_evaluated_on"] = _("La dernière évaluation précède la signature.")
        if self.signed_on and self.next_evaluation_due and self.next_evaluation_due < self.signed_on:
            errors["next_evaluation_due"] = _("La prochaine évaluation précède la signature.")
        if errors:
            raise ValidationError(errors)


class GuaranteeSource(models.TextChoices):
    ORGANISATION = "ORGANISATION", _("Smes (avance de l'asbl)")
    CPAS = "CPAS", _("CPAS")
    TENANT = "TENANT", _("Locataire")
    OTHER = "OTHER", _("Autre")


POSITIVE_AMOUNT = MinValueValidator(Decimal("0.01"), message=_("Le montant doit être positif."))


class Guarantee(models.Model):
    """A rental guarantee ("garantie locative") for a lease and who advanced it.

    Advances by the organisation, the CPAS or another party are repaid over
    time; the balance is what is still owed to whoever advanced it.
    """

    lease = models.ForeignKey(Lease, on_delete=models.PROTECT, related_name="guarantees", verbose_name=_("bail"))
    amount = models.DecimalField(_("montant"), max_digits=8, decimal_places=2, validators=[POSITIVE_AMOUNT])
    advanced_by = models.CharField(_("avancée par"), max_length=15, choices=GuaranteeSource.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("garantie locative")
        verbose_name_plural = _("garanties locatives")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="guarantee_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} € — {self.lease.tenant.code} ({self.date})"

    def clean(self) -> None:
        check_dates(self)

    @property
    def is_repayable(self) -> bool:
        return self.advanced_by != GuaranteeSource.TENANT


class GuaranteeRepayment(models.Model):
    guarantee = models.ForeignKey(
        Guarantee, on_delete=models.CASCADE, related_name="repayments", verbose_name=_("garantie")
    )
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("montant"), max_digits=8, decimal_places=2, validators=[POSITIVE_AMOUNT])
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("remboursement de garantie")
        verbose_name_plural = _("remboursements de garantie")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="guarantee_repayment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} € ({self.date})"

    def clean(self) -> None:
        check_dates(self)


class RentMonth(models.Model):
    """One month of a sliding lease ("bail glissant"): the rent the tenant owes
    the organisation, and what the organisation paid the landlord."""

    lease = models.ForeignKey(Lease, on_delete=models.PROTECT, related_name="rent_months", verbose_name=_("bail"))
    month = models.DateField(_("mois"), help_text=_("premier jour du mois"))
    due_from_tenant = models.DecimalField(
        _("dû par le·la locataire"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0, message=_("Le montant dû ne peut pas être négatif."))],
    )
    paid_to_landlord = models.DecimalField(
        _("payé au propriétaire"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0, message=_("Le montant payé ne peut pas être négatif."))],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["lease", "month"]
        verbose_name = _("mois de loyer (bail glissant)")
        verbose_name_plural = _("mois de loyer (bail glissant)")
        constraints = [
            models.UniqueConstraint(
                fields=["lease", "month"],
                name="rent_month_unique",
                violation_error_message=_("Ce mois est déjà inscrit pour ce bail."),
            ),
            models.CheckConstraint(
                condition=Q(due_from_tenant__gte=0) & Q(paid_to_landlord__gte=0), name="rent_month_amounts_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lease_id} {self.month:%Y-%m}"

    def clean(self) -> None:
        check_dates(self)


class RentPayment(models.Model):
    """Money received from the tenant (or the CPAS on their behalf) for a sliding lease."""

    lease = models.ForeignKey(Lease, on_delete=models.PROTECT, related_name="rent_payments", verbose_name=_("bail"))
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("montant"), max_digits=8, decimal_places=2, validators=[POSITIVE_AMOUNT])
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["lease", "date", "id"]
        verbose_name = _("paiement de loyer reçu")
        verbose_name_plural = _("paiements de loyer reçus")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="rent_payment_positive")]

    def __str__(self) -> str:
        return f"{self.amount} € ({self.date})"

    def clean(self) -> None:
        check_dates(self)
