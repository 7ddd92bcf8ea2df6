"""Admin screens of the smes app: the access log (read-only), user accounts
and their roles (Admin role only), second-factor devices and login locks.

Everything goes through CapAdminMixin, so staff status alone grants nothing
and no screen falls back on Django's per-model permissions.
"""

from __future__ import annotations

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin
from axes.admin import AccessLogAdmin as AxesAccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog
from axes.models import AccessLog as AxesAccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from smes.models import AccessLog
from smes.roles import ACCOUNTS_MANAGE, ADMIN, AUDIT_VIEW, CapAdminMixin


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


admin.site.unregister(User)
admin.site.unregister(Group)  # roles are fixed groups, granted on the user form


@admin.register(User)
class AccountAdmin(CapAdminMixin, UserAdmin):
    """Accounts and roles. Nobody grants themselves a role here, nobody
    touches a superuser's account, and staff status follows the Admin role."""

    view_cap = ACCOUNTS_MANAGE
    edit_cap = ACCOUNTS_MANAGE
    list_display = ("username", "first_name", "last_name", "roles", "is_active", "last_login")
    list_filter = ("is_active", "groups")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personne"), {"fields": ("first_name", "last_name", "email")}),
        (_("Accès"), {"fields": ("is_active", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "first_name", "last_name", "groups", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    filter_horizontal = ()

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("rôles"))
    def roles(self, obj):
        return ", ".join(sorted(g.name for g in obj.groups.all()))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            fields += ["groups", "is_active"]
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.is_superuser or obj.pk == request.user.pk):
            return False
        return super().has_delete_permission(request, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        staff = user.groups.filter(name=ADMIN).exists()
        if user.is_staff != staff:
            User.objects.filter(pk=user.pk).update(is_staff=staff)


admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class DeviceAdmin(CapAdminMixin, admin.ModelAdmin):
    """The Admin may remove a lost phone (the user then enrols again); the
    secret key is never shown."""

    view_cap = ACCOUNTS_MANAGE
    edit_cap = None
    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields
    list_select_related = ("user",)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, ACCOUNTS_MANAGE)


for model, base in (
    (AccessAttempt, AccessAttemptAdmin),
    (AxesAccessLog, AxesAccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

    class LoginAdmin(CapAdminMixin, base):
        view_cap = ACCOUNTS_MANAGE
        edit_cap = None

        def has_delete_permission(self, request, obj=None):
            # Deleting a failed attempt is how a locked account is unlocked.
            return self.model is AccessAttempt and self._may(request, ACCOUNTS_MANAGE)

    admin.site.register(model, type(f"{model.__name__}LockAdmin", (LoginAdmin,), {}))
