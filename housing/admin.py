"""Admin screens under the same role table as the views (CapAdminMixin).

Partners, dwellings, leases and moves: housing.view / housing.edit (the
Admin role edits them, docs/rights.md). Moves go through housing.services: the
form shows the rules' errors (Move.clean) and saving or deleting runs them
again under lock (Move.save / Move.delete). Stays are derived: read-only.
Guarantees and the rent ledger are read-only here (finance.view); they are
kept in the application's pages, where their rules run.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from housing.models import (
    Convention,
    Dwelling,
    Guarantee,
    GuaranteeRepayment,
    Lease,
    Move,
    Partner,
    PartnerContact,
    RentMonth,
    RentPayment,
    Stay,
)
from housing.resources import DwellingResource, LeaseResource, MoveResource, PartnerResource
from housing.services import dwelling_check_capacity
from smes.interchange.admin import InterchangeAdminMixin
from smes.roles import FINANCE_VIEW, HOUSING_EDIT, HOUSING_VIEW, CapAdminMixin


class HousingAdmin(CapAdminMixin, InterchangeAdminMixin, SimpleHistoryAdmin):
    """Import/export buttons on the interchange resources (moves through
    move_record, like import_data), for the import/export right only."""

    view_cap = HOUSING_VIEW
    edit_cap = HOUSING_EDIT


class ContactInline(CapAdminMixin, admin.TabularInline):
    model = PartnerContact
    extra = 0
    view_cap = HOUSING_VIEW
    edit_cap = HOUSING_EDIT


class ConventionInline(CapAdminMixin, admin.TabularInline):
    model = Convention
    extra = 0
    view_cap = HOUSING_VIEW
    edit_cap = HOUSING_EDIT


@admin.register(Partner)
class PartnerAdmin(HousingAdmin):
    resource_classes = [PartnerResource]
    list_display = ("name", "kind", "via")
    list_filter = ("kind",)
    search_fields = ("name", "via")
    inlines = [ContactInline, ConventionInline]


class DwellingAdminForm(forms.ModelForm):
    class Meta:
        model = Dwelling
        fields = ["code", "partner", "address", "postcode", "commune", "capacity", "notes"]

    def _post_clean(self):
        super()._post_clean()
        if not self._errors:
            try:
                dwelling_check_capacity(self.instance)
            except ValidationError as exc:
                self._update_errors(exc)


@admin.register(Dwelling)
class DwellingAdmin(HousingAdmin):
    resource_classes = [DwellingResource]
    form = DwellingAdminForm
    list_display = ("code", "partner", "address", "postcode", "commune", "capacity")
    list_filter = ("commune", "partner")
    search_fields = ("code", "address")
    list_select_related = ("partner",)


@admin.register(Lease)
class LeaseAdmin(HousingAdmin):
    resource_classes = [LeaseResource]
    list_display = ("tenant", "dwelling", "kind", "start", "end", "rent", "charges")
    list_filter = ("kind",)
    search_fields = ("tenant__code", "tenant__last_name", "dwelling__code")
    list_select_related = ("tenant", "dwelling")
    autocomplete_fields = ("tenant", "dwelling")
    date_hierarchy = "start"


@admin.register(Move)
class MoveAdmin(HousingAdmin):
    resource_classes = [MoveResource]
    list_display = ("date", "tenant", "kind", "dwelling", "exit_to")
    list_filter = ("kind", "exit_to")
    search_fields = ("tenant__code", "tenant__last_name", "dwelling__code")
    list_select_related = ("tenant", "dwelling")
    autocomplete_fields = ("tenant", "dwelling")
    date_hierarchy = "date"

    def get_actions(self, request):
        # Bulk deletion would check each move against a sequence that the
        # next deletion changes; moves are deleted one at a time.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        # The derived stay goes with its move and is rebuilt by the service:
        # no right on stays is needed for that.
        perms_needed = {p for p in perms_needed if p != Stay._meta.verbose_name}
        return deleted, counts, perms_needed, protected

    def delete_view(self, request, object_id, extra_context=None):
        try:
            with transaction.atomic():
                return super().delete_view(request, object_id, extra_context)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return redirect(reverse("admin:housing_move_change", args=[object_id]))


@admin.register(Stay)
class StayAdmin(CapAdminMixin, admin.ModelAdmin):
    """Derived from moves by housing.services.stays_rebuild: never edited."""

    view_cap = HOUSING_VIEW
    edit_cap = None
    list_display = ("tenant", "dwelling", "start", "end")
    list_select_related = ("tenant", "dwelling")
    search_fields = ("tenant__code", "dwelling__code")


class RepaymentInline(CapAdminMixin, admin.TabularInline):
    model = GuaranteeRepayment
    extra = 0
    view_cap = FINANCE_VIEW
    edit_cap = None


class FinanceAdmin(CapAdminMixin, SimpleHistoryAdmin):
    view_cap = FINANCE_VIEW
    edit_cap = None


@admin.register(Guarantee)
class GuaranteeAdmin(FinanceAdmin):
    list_display = ("date", "lease", "amount", "advanced_by")
    list_filter = ("advanced_by",)
    list_select_related = ("lease__tenant", "lease__dwelling")
    inlines = [RepaymentInline]


@admin.register(RentMonth)
class RentMonthAdmin(FinanceAdmin):
    list_display = ("lease", "month", "due_from_tenant", "paid_to_landlord")
    list_select_related = ("lease__tenant", "lease__dwelling")


@admin.register(RentPayment)
class RentPaymentAdmin(FinanceAdmin):
    list_display = ("lease", "date", "amount")
    list_select_related = ("lease__tenant", "lease__dwelling")
