"""The access log in the admin: read-only for everyone."""

from django.contrib import admin

from records.models import AccessLog
from smes.roles import AUDIT_VIEW, CapAdminMixin


@admin.register(AccessLog)
class AccessLogAdmin(CapAdminMixin, admin.ModelAdmin):
    """Read-only for everyone: the trail is never edited from the app."""

    view_cap = AUDIT_VIEW
    edit_cap = None
    list_display = ("at", "user", "tenant", "what", "path")
    list_filter = ("at",)
    search_fields = ("what", "user__username", "tenant__code")
    list_select_related = ("user", "tenant")
    date_hierarchy = "at"

    def has_delete_permission(self, request, obj=None):
        return False
