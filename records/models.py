"""Access log: who opened which clinical page or export, and when.

Changes to records are kept by django-simple-history on each model; this
table records reads. Nobody edits it from the application: pages write it
through smes.journal.log_access.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    at = models.DateTimeField(_("quand"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("qui")
    )
    tenant = models.ForeignKey(
        "tenants.Tenant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_logs",
        verbose_name=_("locataire"),
    )
    what = models.CharField(_("quoi"), max_length=200)
    path = models.CharField(_("adresse"), max_length=300, blank=True)

    class Meta:
        # The table kept its name when the model moved from smes to records
        # (migrations smes 0006 / records 0001 move the state, not the data).
        db_table = "smes_accesslog"
        ordering = ["-at"]
        verbose_name = _("accès au dossier")
        verbose_name_plural = _("accès aux dossiers")
        indexes = [models.Index(fields=["tenant", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.what}"
