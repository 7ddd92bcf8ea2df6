from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapport annuel")

    def ready(self) -> None:
        from reports.home import register_blocks

        register_blocks()

        from reports.earlier import connect_signals

        connect_signals()
