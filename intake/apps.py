from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("Demandes")

    def ready(self) -> None:
        self.declare()

    def declare(self) -> None:
        """What the intake app contributes to the shared mechanisms (smes.registry).

        No HistoryAccess: the values of its history are clinical (the
        default, clinical.view)."""
        from intake.resources import RequestResource
        from smes import registry, roles

        registry.INTERCHANGE_FILES.register(
            registry.InterchangeFile("requests", RequestResource, 12, (roles.CLINICAL_VIEW,))
        )
        # GDPR: the reference stays (a key); a request points to the tenant to
        # rehouse and to the tenant it housed: exported once per link.
        registry.PERSONAL_DATA.register(
            registry.PersonalData("intake", kept_fields={"request": ("ref",)}, links_each=("intake.request",))
        )
