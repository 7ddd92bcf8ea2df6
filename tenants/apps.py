from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Locataires")

    def ready(self) -> None:
        from tenants.blocks import register_blocks

        register_blocks()
        from tenants.visits.blocks import register_blocks as register_visit_blocks

        register_visit_blocks()
