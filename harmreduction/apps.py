from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HarmreductionConfig(AppConfig):
    name = "harmreduction"
    verbose_name = _("Réduction des risques")

    def ready(self) -> None:
        from harmreduction.blocks import register_blocks

        register_blocks()
