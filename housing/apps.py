from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "housing"
    verbose_name = _("Logement")

    def ready(self) -> None:
        from housing.blocks import register_blocks

        register_blocks()
        self.declare()

    def declare(self) -> None:
        """What the housing app contributes to the shared mechanisms (smes.registry)."""
        from housing import calendar
        from housing.resources import DwellingResource, LeaseResource, MoveResource, PartnerResource
        from smes import registry, roles

        # interchange files, with their section of docs/format.md
        for stem, resource, position in (
            ("partners", PartnerResource, 1),
            ("dwellings", DwellingResource, 2),
            ("leases", LeaseResource, 7),
            ("moves", MoveResource, 8),
        ):
            registry.INTERCHANGE_FILES.register(registry.InterchangeFile(stem, resource, position))
        # who reads the values of the change history: the guarantees and the
        # sliding-lease ledger are finance
        finance = ("guarantee", "guaranteerepayment", "rentmonth", "rentpayment")
        registry.HISTORY_ACCESS.register(
            registry.HistoryAccess(
                "housing", default_cap=roles.HOUSING_VIEW, model_caps=dict.fromkeys(finance, roles.FINANCE_VIEW)
            )
        )
        registry.PERSONAL_DATA.register(registry.PersonalData("housing"))
        registry.CALENDAR_FEEDS.register(
            registry.CalendarFeedSource("HOUSING", roles.HOUSING_EDIT, calendar.housing_ics)
        )
