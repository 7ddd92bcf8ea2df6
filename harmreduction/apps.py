from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HarmreductionConfig(AppConfig):
    name = "harmreduction"
    verbose_name = _("Réduction des risques")

    def ready(self) -> None:
        from harmreduction.blocks import register_blocks

        register_blocks()
        self.declare()

    def declare(self) -> None:
        """What the harm-reduction app contributes to the shared mechanisms (smes.registry)."""
        from harmreduction.resources import ItemResource, MovementResource
        from smes import registry, roles

        # interchange files, with their section of docs/format.md
        registry.INTERCHANGE_FILES.register(registry.InterchangeFile("rdr_items", ItemResource, 10))
        registry.INTERCHANGE_FILES.register(registry.InterchangeFile("rdr_movements", MovementResource, 11))
        registry.HISTORY_ACCESS.register(registry.HistoryAccess("harmreduction", default_cap=roles.RDR_VIEW))
        registry.PERSONAL_DATA.register(registry.PersonalData("harmreduction"))
