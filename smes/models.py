"""The project's own tables: account changes and calendar subscriptions.

The access log (who opened which clinical page) lives in records.models.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountEvent(models.Model):
    """A change to an account's roles, password or active flag (issue 13),
    written by smes.accounts; read by the Direction in the audit trail."""

    class Action(models.TextChoices):
        CREATED = "CREATED", _("Compte créé")
        ROLES = "ROLES", _("Rôles changés")
        PASSWORD = "PASSWORD", _("Mot de passe défini")
        ACTIVE = "ACTIVE", _("Compte activé ou désactivé")

    at = models.DateTimeField(_("quand"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("qui")
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("compte")
    )
    username = models.CharField(_("identifiant"), max_length=150)
    action = models.CharField(_("quoi"), max_length=10, choices=Action.choices)
    before = models.CharField(_("avant"), max_length=200, blank=True)
    after = models.CharField(_("après"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("changement de compte")
        verbose_name_plural = _("changements de comptes")

    def __str__(self) -> str:
        return f"{self.username} {self.action}"


class CalendarFeed(models.Model):
    """A personal calendar subscription (ICS) at a secret URL.

    Only a hash of the token is stored: the link is shown once, when it is
    made; a new link replaces the row, so the old link stops working.
    """

    class Kind(models.TextChoices):
        VISITS = "VISITS", _("visites planifiées")
        HOUSING = "HOUSING", _("fins de bail et conventions")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    kind = models.CharField(_("agenda"), max_length=10, choices=Kind.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement agenda")
        verbose_name_plural = _("abonnements agenda")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="calendar_feed_one_per_user_and_kind")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}"
