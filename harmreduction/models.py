"""Harm-reduction (RdR) material: catalogue and stock movements."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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


class Item(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    category = models.CharField(_("groupe"), max_length=15, choices=Category.choices)
    unit = models.CharField(_("unité"), max_length=30, default="pièce")
    threshold = models.PositiveIntegerField(_("seuil de stock bas"), default=0)
    active = models.BooleanField(_("actif"), default=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("matériel RdR")
        verbose_name_plural = _("matériel RdR")

    def __str__(self) -> str:
        return self.name


class Movement(models.Model):
    """One line of stock: + receipt, − distribution, ± adjustment."""

    date = models.DateField(_("date"))
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="movements", verbose_name=_("matériel"))
    kind = models.CharField(_("type"), max_length=15, choices=MovementKind.choices)
    quantity = models.IntegerField(_("quantité"))
    tenant = models.ForeignKey(
        Tenant, null=True, blank=True, on_delete=models.PROTECT, related_name="rdr_movements", verbose_name=_("locataire")
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
        ]
        indexes = [models.Index(fields=["item", "date"]), models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.kind} {self.item.code} {self.quantity}"

    @property
    def signed_quantity(self) -> int:
        return -self.quantity if self.kind == MovementKind.DISTRIBUTION else self.quantity
