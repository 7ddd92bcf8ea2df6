from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "housing"
    verbose_name = _("Logement")

    def ready(self) -> None:
        from housing.blocks import register_blocks

        register_blocks()
