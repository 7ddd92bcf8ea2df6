"""Admin screens of the RdR stock, under the role table (CapAdminMixin).

The catalogue is edited here or on the catalogue page (rdr.manage). Stock
lines are read-only: they are only ever written by harmreduction.services
(forms, quick log, import), which keep the stock at or above zero; a
correction is an adjustment, never an edit, so every unit stays traceable.
The import/export screens use the interchange resources, which record
movements through `movements_import`.
"""

from __future__ import annotations

from django.contrib import admin
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from harmreduction.models import Item, Movement, Operation
from harmreduction.resources import ItemResource, MovementResource
from smes.interchange.formats import SafeCSV, SafeXLSX
from smes.roles import DATA_IMPORT_EXPORT, RDR_MANAGE, RDR_VIEW, CapAdminMixin, has_cap


class InterchangeAdminMixin(ImportExportMixin):
    # Formula-safe formats, whatever IMPORT_EXPORT_FORMATS holds.
    import_formats = [SafeCSV, SafeXLSX]
    export_formats = [SafeCSV, SafeXLSX]

    def has_import_permission(self, request):
        return request.user.is_staff and has_cap(request.user, DATA_IMPORT_EXPORT)

    def has_export_permission(self, request):
        return request.user.is_staff and has_cap(request.user, DATA_IMPORT_EXPORT)


class ReadOnlyMixin:
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Item)
class ItemAdmin(CapAdminMixin, InterchangeAdminMixin, SimpleHistoryAdmin):
    view_cap, edit_cap = RDR_VIEW, RDR_MANAGE
    resource_classes = [ItemResource]
    list_display = ["code", "name", "category", "unit", "threshold", "active", "position"]
    list_filter = ["category", "active"]
    list_editable = ["threshold", "active", "position"]
    search_fields = ["code", "name"]
    ordering = ["position", "code"]

    def get_readonly_fields(self, request, obj=None):
        # The code is the key of the interchange files.
        return ["code"] if obj is not None else []


class MovementInline(admin.TabularInline):
    model = Movement
    fields = ["item", "quantity"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Operation)
class OperationAdmin(CapAdminMixin, ReadOnlyMixin, SimpleHistoryAdmin):
    view_cap = RDR_VIEW
    list_display = ["date", "kind", "reference", "worker"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    inlines = [MovementInline]
    list_select_related = ["worker"]
    # No tenant column: who received what is clinical (Admin is not).
    exclude = ["tenant", "visit"]


@admin.register(Movement)
class MovementAdmin(CapAdminMixin, ReadOnlyMixin, InterchangeAdminMixin, SimpleHistoryAdmin):
    view_cap = RDR_VIEW
    resource_classes = [MovementResource]
    list_display = ["date", "kind", "item", "quantity", "reference"]
    list_filter = ["kind", "item__category", "item"]
    date_hierarchy = "date"
    list_select_related = ["item"]
    exclude = ["tenant", "visit"]
