"""Admin screens of the intake register: the requests hold health data of
people who are not followed, so only the roles that manage them (Support,
Direction — never staff) would see them; for the Admin they are closed
(403), like the clinical records. Writes go through intake.services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from intake.models import Request, StatusChange
from smes.roles import INTAKE_MANAGE, CapAdminMixin


class StatusChangeInline(CapAdminMixin, admin.TabularInline):
    model = StatusChange
    extra = 0
    view_cap = INTAKE_MANAGE
    edit_cap = INTAKE_MANAGE
    raw_id_fields = ("tenant", "dwelling")


@admin.register(Request)
class RequestAdmin(CapAdminMixin, SimpleHistoryAdmin):
    view_cap = INTAKE_MANAGE
    edit_cap = INTAKE_MANAGE
    list_display = ("name", "date", "requester", "channel", "status", "status_date")
    list_filter = ("status", "requester", "channel")
    raw_id_fields = ("tenant", "partner", "housed_tenant", "proposed_dwelling")
    date_hierarchy = "date"
    inlines = [StatusChangeInline]


@admin.register(StatusChange)
class StatusChangeAdmin(CapAdminMixin, SimpleHistoryAdmin):
    view_cap = INTAKE_MANAGE
    edit_cap = INTAKE_MANAGE
    list_display = ("request", "status", "date")
    raw_id_fields = ("request", "tenant", "dwelling")
