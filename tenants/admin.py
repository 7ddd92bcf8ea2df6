"""Admin screens, under the same role table as the views (CapAdminMixin).

Tenant and Income: tenant.view / tenant.edit. Reviews, GAF scores and visits
hold health data: clinical.view / clinical.edit, so the Admin role (staff,
no clinical right) cannot even list them.

The end of a follow-up is read-only here: it goes through the tenant page
("Terminer l'accompagnement"), which runs tenant_end_followup and the
housing follow-up of a death.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from smes.interchange.admin import InterchangeAdminMixin
from smes.roles import CLINICAL_EDIT, CLINICAL_VIEW, TENANT_EDIT, TENANT_VIEW, CapAdminMixin, tenant_fields_hidden
from tenants.models import Assessment, GafScore, Income, Tenant, Visit
from tenants.resources import AssessmentResource, GafResource, IncomeResource, TenantResource
from tenants.services import TENANT_FIELDS, income_check_overlap, tenant_check_clinical_dates

# Import/export buttons: the interchange resources (tenants/resources.py),
# shown to the roles with the import/export right (smes.interchange.admin).


class ServiceRulesForm(forms.ModelForm):
    """Runs the service-level checks on top of the model's own clean()."""

    service_checks: tuple = ()

    def _post_clean(self):
        super()._post_clean()
        if self._errors:
            return
        for check in self.service_checks:
            try:
                check(self.instance)
            except ValidationError as exc:
                self._update_errors(exc)
                return


class TenantAdminForm(ServiceRulesForm):
    service_checks = (tenant_check_clinical_dates,)

    class Meta:
        model = Tenant
        fields = TENANT_FIELDS


class IncomeAdminForm(ServiceRulesForm):
    service_checks = (income_check_overlap,)

    class Meta:
        model = Income
        fields = ("tenant", "source", "start", "end")


class IncomeInline(CapAdminMixin, admin.TabularInline):
    model = Income
    form = IncomeAdminForm
    extra = 0
    view_cap = TENANT_VIEW
    edit_cap = TENANT_EDIT


@admin.register(Tenant)
class TenantAdmin(CapAdminMixin, InterchangeAdminMixin, SimpleHistoryAdmin):
    resource_classes = [TenantResource]
    view_cap = TENANT_VIEW
    edit_cap = TENANT_EDIT
    form = TenantAdminForm
    inlines = [IncomeInline]
    list_display = (
        "code",
        "last_name",
        "first_name",
        "team",
        "funding",
        "followup_start",
        "followup_end",
        "end_reason",
    )
    list_filter = ("team", "funding", "end_reason", "legal_status")
    search_fields = ("code", "last_name", "first_name")
    date_hierarchy = "followup_start"
    readonly_fields = ("followup_end", "end_reason", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("code", "last_name", "first_name", "sex", "birth_date", "phone", "email")}),
        (
            _("Accompagnement"),
            {
                "fields": (
                    "team",
                    "funding",
                    "referrer",
                    "ethos",
                    "street_years",
                    "followup_start",
                    "followup_end",
                    "end_reason",
                )
            },
        ),
        (_("Trajet de soins internés"), {"fields": ("legal_status", "justice_contact")}),
        (None, {"fields": ("important_note", "created_at", "updated_at")}),
    )

    # Justice data and the important note: only for the roles of
    # smes.roles.TENANT_FIELD_CAPS (read: shown read-only; neither: absent).
    def get_fieldsets(self, request, obj=None):
        hidden = tenant_fields_hidden(request.user)
        out = []
        for title, options in super().get_fieldsets(request, obj):
            fields = [f for f in options["fields"] if f not in hidden]
            if fields:
                out.append((title, {**options, "fields": fields}))
        return out

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + sorted(tenant_fields_hidden(request.user, edit=True) - tenant_fields_hidden(request.user))

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """The admin's history page: the same fields hidden in the deltas."""
        hidden = list(tenant_fields_hidden(request.user))
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=hidden, foreign_keys_are_objs=foreign_keys_are_objs
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    def get_list_filter(self, request):
        hidden = tenant_fields_hidden(request.user)
        return [f for f in super().get_list_filter(request) if f not in hidden]

    def save_model(self, request, obj, form, change):
        # The service's rule, also here (the form only offers allowed fields).
        if change:
            before = Tenant.objects.get(pk=obj.pk)
            changed = {
                f for f in tenant_fields_hidden(request.user, edit=True) if getattr(before, f) != getattr(obj, f)
            }
        else:
            changed = {f for f in tenant_fields_hidden(request.user, edit=True) if getattr(obj, f)}
        if changed:
            raise PermissionDenied
        super().save_model(request, obj, form, change)


@admin.register(Income)
class IncomeAdmin(CapAdminMixin, InterchangeAdminMixin, SimpleHistoryAdmin):
    resource_classes = [IncomeResource]
    view_cap = TENANT_VIEW
    edit_cap = TENANT_EDIT
    form = IncomeAdminForm
    list_display = ("tenant", "source", "start", "end")
    list_filter = ("source",)
    list_select_related = ("tenant",)
    search_fields = ("tenant__code", "tenant__last_name")
    raw_id_fields = ("tenant",)


class ClinicalAdmin(CapAdminMixin, SimpleHistoryAdmin):
    view_cap = CLINICAL_VIEW
    edit_cap = CLINICAL_EDIT
    list_select_related = ("tenant",)
    search_fields = ("tenant__code",)
    raw_id_fields = ("tenant",)
    date_hierarchy = "date"


@admin.register(Assessment)
class AssessmentAdmin(InterchangeAdminMixin, ClinicalAdmin):
    resource_classes = [AssessmentResource]
    list_display = ("tenant", "date", "depression", "paranoia", "hallucinations", "aggression", "cognitive")
    raw_id_fields = ("tenant", "assessed_by")


@admin.register(GafScore)
class GafScoreAdmin(InterchangeAdminMixin, ClinicalAdmin):
    resource_classes = [GafResource]
    list_display = ("tenant", "date", "score", "scored_by")
    raw_id_fields = ("tenant", "scored_by")


@admin.register(Visit)
class VisitAdmin(ClinicalAdmin):
    list_display = ("tenant", "date", "kind", "status", "duration_min")
    list_filter = ("kind", "status")
    raw_id_fields = ("tenant", "created_by")
    filter_horizontal = ("workers",)
