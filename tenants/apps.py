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
        self.declare()

    def declare(self) -> None:
        """What the tenants app contributes to the shared mechanisms (smes.registry)."""
        from smes import registry, roles
        from tenants import calendar
        from tenants.resources import AssessmentResource, GafResource, IncomeResource, TenantResource
        from tenants.visits.resources import VisitResource

        # interchange files, with their section of docs/format.md
        for stem, resource, position, caps in (
            ("tenants", TenantResource, 3, ()),
            ("incomes", IncomeResource, 4, ()),
            ("assessments", AssessmentResource, 5, (roles.CLINICAL_VIEW,)),
            ("gaf", GafResource, 6, (roles.CLINICAL_VIEW,)),
            ("visits", VisitResource, 9, (roles.CLINICAL_VIEW,)),
        ):
            registry.INTERCHANGE_FILES.register(registry.InterchangeFile(stem, resource, position, caps))
        # who reads the values of the change history
        registry.HISTORY_ACCESS.register(
            registry.HistoryAccess(
                "tenants",
                default_cap=roles.CLINICAL_VIEW,  # reviews, GAF scores
                model_caps={"tenant": roles.TENANT_VIEW, "income": roles.TENANT_VIEW, "visit": roles.VISIT_VIEW},
                field_caps={
                    ("visit", "note"): roles.CLINICAL_VIEW,
                    **{("tenant", name): caps[0] for name, caps in roles.TENANT_FIELD_CAPS.items()},
                },
            )
        )
        # GDPR: the file number stays (a key, not a name)
        registry.PERSONAL_DATA.register(registry.PersonalData("tenants", kept_fields={"tenant": ("code",)}))
        registry.CALENDAR_FEEDS.register(
            registry.CalendarFeedSource("VISITS", roles.VISIT_CREATE_ANY_KIND, calendar.visits_ics)
        )
