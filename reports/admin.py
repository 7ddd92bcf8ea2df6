from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.models import LegacyFigure
from reports.services import legacy_figure_delete, legacy_figure_set
from smes.roles import REPORT_EXPORT, REPORT_VIEW, CapAdminMixin


@admin.register(LegacyFigure)
class LegacyFigureAdmin(CapAdminMixin, SimpleHistoryAdmin):
    view_cap = REPORT_VIEW
    edit_cap = REPORT_EXPORT
    list_display = ["year", "key", "value", "source", "updated_at"]
    list_filter = ["year"]
    search_fields = ["key", "source"]
    ordering = ["-year", "key"]
    readonly_fields = ["updated_by", "updated_at"]

    def save_model(self, request, obj, form, change):
        if change:  # the form already checked the (year, key) constraint
            obj.updated_by = request.user
            obj._history_user = request.user
            obj.save()
            return
        saved = legacy_figure_set(user=request.user, year=obj.year, key=obj.key, value=obj.value, source=obj.source)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        legacy_figure_delete(user=request.user, figure=obj)
