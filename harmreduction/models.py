"""Harm-reduction (RdR) material: catalogue, stock operations and their lines.

The stock of an item is the sum of its movements (receipts − distributions +
adjustments). Rows are only ever added through harmreduction.services, which
keeps the running balance of every item at or above zero at every date, and
keeps `Item.balance` — that sum, so that the stock page and the visit quick
log read one row per item instead of summing years of lines — in the same
transaction, under the item's row lock. Bulk writers (demo data, benchmark)
call services.stock_rebuild() afterwards; a test compares the two.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smes.plausibility import date_errors
from tenants.models import Tenant, Visit


class Category(models.TextChoices):
    INJECTION = "INJECTION", _("Matériel d'injection")
    INHALATION = "INHALATION", _("Matériel d'inhalation")
    SNIFF = "SNIFF", _("Matériel de sniff")
    STI_OTHER = "STI_OTHER", _("IST et autres")


class MovementKind(models.TextChoices):
    RECEIPT = "RECEIPT", _("Réception")
    DISTRIBUTION = "DISTRIBUTION", _("Distribution")
    ADJUSTMENT = "ADJUSTMENT", _("Ajustement")


# Exact messages (asserted by the tests); the services use them too.
QUANTITY_POSITIVE = _("« %(item)s » : la quantité doit être un nombre entier supérieur à zéro.")
QUANTITY_NOT_ZERO = _("« %(item)s » : un ajustement doit être un nombre entier différent de zéro.")
FUTURE_DATE = _("La date ne peut pas être dans le futur.")
TENANT_ONLY_FOR_DISTRIBUTION = _("Un·e locataire ne s'indique que pour une distribution.")

code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9_-]*$",
    _("Le code s'écrit en majuscules, chiffres, « - » ou « _ » (ex. BD, H2O)."),
)


def localized(french: str, dutch: str) -> str:
    """Catalogue text in the active language: Dutch if the interface speaks
    Dutch and the Dutch text is known, French otherwise."""
    if dutch and (get_language() or "").startswith("nl"):
        return dutch
    return french


class Item(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True, validators=[code_validator])
    name = models.CharField(_("nom"), max_length=100)
    category = models.CharField(_("groupe"), max_length=15, choices=Category.choices)
    unit = models.CharField(_("unité"), max_length=30, default="pièce")
    # The catalogue speaks French; the Dutch interface and report use these
    # when filled (`label`, `unit_label`), the French otherwise.
    name_nl = models.CharField(_("nom en néerlandais"), max_length=100, blank=True)
    unit_nl = models.CharField(_("unité en néerlandais"), max_length=30, blank=True)
    threshold = models.PositiveIntegerField(
        _("seuil de stock bas"), default=0, help_text=_("Le stock est signalé bas en dessous de ce nombre.")
    )
    active = models.BooleanField(_("actif"), default=True, help_text=_("Proposé dans les formulaires."))
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    # The sum of the item's movements, kept by harmreduction.services (never
    # typed in: not in any form, the import or the interchange files).
    balance = models.IntegerField(_("stock"), default=0, editable=False)

    history = HistoricalRecords(excluded_fields=["balance"])

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("matériel RdR")
        verbose_name_plural = _("matériel RdR")
        constraints = [
            models.CheckConstraint(
                condition=Q(balance__gte=0),
                name="item_balance_not_negative",
                violation_error_message=_("Le stock ne peut pas devenir négatif."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, update_fields=None, **kwargs):
        """Never write the balance back from an instance: it may have been
        read before a distribution (an admin list, the catalogue form) and
        would undo it. Only the services move it, with UPDATE … + delta."""
        if not self._state.adding:
            names = (
                update_fields
                if update_fields is not None
                else [f.name for f in self._meta.concrete_fields if not f.primary_key]
            )
            update_fields = [name for name in names if name != "balance"]
        super().save(*args, update_fields=update_fields, **kwargs)

    @property
    def label(self) -> str:
        """The name in the active language (Dutch when known, else French)."""
        return localized(self.name, self.name_nl)

    @property
    def unit_label(self) -> str:
        return localized(self.unit, self.unit_nl)


class Operation(models.Model):
    """One recorded event: an order received, material given, a count.

    Groups the lines (Movement) entered together, with who recorded it and
    the supplier or the reason.
    """

    kind = models.CharField(_("type"), max_length=15, choices=MovementKind.choices)
    date = models.DateField(_("date"))
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("intervenant·e"),
    )
    tenant = models.ForeignKey(
        Tenant,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rdr_operations",
        verbose_name=_("locataire"),
    )
    visit = models.ForeignKey(
        Visit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rdr_operations",
        verbose_name=_("contact"),
    )
    reference = models.CharField(_("fournisseur / motif"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("opération de stock")
        verbose_name_plural = _("opérations de stock")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="DISTRIBUTION") | (Q(tenant__isnull=True) & Q(visit__isnull=True)),
                name="operation_tenant_only_for_distribution",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class Movement(models.Model):
    """One line of stock: + receipt, − distribution, ± adjustment."""

    date = models.DateField(_("date"))
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="movements", verbose_name=_("matériel"))
    kind = models.CharField(_("type"), max_length=15, choices=MovementKind.choices)
    quantity = models.IntegerField(_("quantité"))
    operation = models.ForeignKey(
        Operation, null=True, blank=True, on_delete=models.PROTECT, related_name="lines", verbose_name=_("opération")
    )
    tenant = models.ForeignKey(
        Tenant,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rdr_movements",
        verbose_name=_("locataire"),
    )
    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="rdr_movements", verbose_name=_("contact")
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reference = models.CharField(_("fournisseur / motif"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("mouvement de stock")
        verbose_name_plural = _("mouvements de stock")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="ADJUSTMENT", quantity__lt=0) | Q(quantity__gt=0),
                name="movement_quantity_sign",
                violation_error_message=_("La quantité doit être positive (seul un ajustement peut être négatif)."),
            ),
            models.CheckConstraint(
                condition=Q(kind="DISTRIBUTION") | Q(tenant__isnull=True),
                name="movement_tenant_only_for_distribution",
            ),
            models.CheckConstraint(
                condition=Q(kind="DISTRIBUTION") | Q(visit__isnull=True),
                name="movement_visit_only_for_distribution",
            ),
        ]
        indexes = [
            models.Index(fields=["item", "date"]),
            models.Index(fields=["kind", "date"]),
            # The annual report's RdR figures over two years read this index
            # alone (PostgreSQL; elsewhere a plain index on the date).
            models.Index(fields=["date"], include=["item", "kind", "quantity"], name="movement_year_figures_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.kind} {self.item.code} {self.quantity}"

    def clean(self) -> None:
        """Single-row rules (the balance over time is the services' job)."""
        errors: dict[str, list] = {}
        item = self.item.label if self.item_id else "?"
        if self.quantity is not None:
            if self.kind == MovementKind.ADJUSTMENT and self.quantity == 0:
                errors["quantity"] = [ValidationError(QUANTITY_NOT_ZERO, params={"item": item})]
            elif self.kind != MovementKind.ADJUSTMENT and self.quantity <= 0:
                errors["quantity"] = [ValidationError(QUANTITY_POSITIVE, params={"item": item})]
        errors.update(date_errors(self))  # a stock line is a fact: never after today
        if self.tenant_id and self.kind != MovementKind.DISTRIBUTION:
            errors["tenant"] = [TENANT_ONLY_FOR_DISTRIBUTION]
        if errors:
            raise ValidationError(errors)

    @property
    def signed_quantity(self) -> int:
        return -self.quantity if self.kind == MovementKind.DISTRIBUTION else self.quantity
