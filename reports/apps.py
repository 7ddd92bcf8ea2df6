from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapport annuel")

    def ready(self) -> None:
        from reports.blocks import (
            contacts,
            gaf,
            harm_reduction,
            housing,
            intake,
            moves,
            problems,
            register_block,
            tenants,
        )
        from reports.home import register_blocks as register_home_block

        register_home_block()
        # The blocks of the annual report (reports.blocks); each carries its place.
        register_block(tenants.BLOCK)
        register_block(problems.BLOCK)
        register_block(gaf.BLOCK)
        register_block(contacts.BLOCK)
        register_block(moves.BLOCK)
        register_block(housing.BLOCK)
        register_block(harm_reduction.BLOCK)
        register_block(intake.BLOCK)

        from reports.earlier import connect_signals

        connect_signals()
