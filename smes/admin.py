"""Admin screens of the smes app: user accounts
and their roles (Admin role only), second-factor devices and login locks.

Everything goes through CapAdminMixin, so staff status alone grants nothing
and no screen falls back on Django's per-model permissions.
"""

from __future__ import annotations

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin
from axes.admin import AccessLogAdmin as AxesAccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog
from axes.models import AccessLog as AxesAccessLog
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.models import HistoricalRecords

from smes.accounts import account_change_check, user_create, user_set_password, user_set_roles, user_update
from smes.roles import ACCOUNTS_MANAGE, ROLES, CapAdminMixin, role_label

admin.site.unregister(User)
admin.site.unregister(Group)  # roles are fixed groups, granted on the user form


class RoleChoiceField(forms.ModelMultipleChoiceField):
    """The roles as checkboxes, named in the interface language."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return role_label(obj.name)


def _request_user():
    # HistoryRequestMiddleware keeps the request: the admin's password view
    # builds its form without it.
    request = getattr(HistoricalRecords.context, "request", None)
    return getattr(request, "user", None)


class AccountPasswordForm(AdminPasswordChangeForm):
    """The admin's password form, through smes.accounts (the Direction's for
    an account with clinical access)."""

    def clean(self):
        cleaned = super().clean()
        try:
            account_change_check(actor=_request_user(), account=self.user, password=True)
        except ValidationError as exc:
            self.add_error("password1" if "password1" in self.fields else None, exc)
        return cleaned

    def save(self, commit=True):
        usable = self.cleaned_data.get("usable_password", "true") not in (False, "false")
        password = self.cleaned_data["password1"] if usable else None
        return user_set_password(user=self.user, password=password, actor=_request_user(), validate=False)


@admin.register(User)
class AccountAdmin(CapAdminMixin, UserAdmin):
    """Accounts and roles. Nobody grants themselves a role here, nobody
    touches a superuser's account, and staff status follows the Admin role.
    Every save goes through smes.accounts (roles with clinical access and
    their passwords are the Direction's)."""

    view_cap = ACCOUNTS_MANAGE
    edit_cap = ACCOUNTS_MANAGE
    change_password_form = AccountPasswordForm
    list_display = ("username", "first_name", "last_name", "roles", "is_active", "last_login")
    list_filter = ("is_active",)
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
        return ", ".join(str(role_label(r)) for r in ROLES if r in {g.name for g in obj.groups.all()})

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            return RoleChoiceField(
                queryset=Group.objects.filter(name__in=ROLES).order_by("id"),
                required=False,
                label=_("Rôles"),
                help_text=_(
                    "Les rôles Accompagnement et Direction ouvrent les dossiers cliniques : "
                    "seule la Direction les donne."
                ),
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        base = super().get_form(request, obj, **kwargs)
        actor, adding = request.user, obj is None

        class AccountForm(base):
            def clean(self):
                cleaned = super().clean()
                roles = [g.name for g in cleaned.get("groups") or []] if "groups" in self.fields else None
                account = None if adding else self.instance
                activate = bool(account and "is_active" in self.changed_data and cleaned.get("is_active"))
                try:
                    account_change_check(actor=actor, account=account, roles=roles, password=adding, activate=activate)
                except ValidationError as exc:
                    self.add_error("groups" if "groups" in self.fields else None, exc)
                return cleaned

        return AccountForm

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

    def save_model(self, request, obj, form, change):
        if change:
            fields = {
                k: getattr(obj, k)
                for k in ("username", "first_name", "last_name", "email", "is_active")
                if k in form.cleaned_data
            }
            user_update(user=obj, actor=request.user, **fields)
            return
        roles = [g.name for g in form.cleaned_data.get("groups") or []]
        usable = form.cleaned_data.get("usable_password", "true") not in (False, "false")
        saved = user_create(
            username=obj.username,
            roles=roles,
            password=form.cleaned_data.get("password1") if usable else None,
            actor=request.user,
            first_name=obj.first_name,
            last_name=obj.last_name,
            email=obj.email,
        )
        obj.pk, obj.password, obj.is_staff = saved.pk, saved.password, saved.is_staff
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        groups = form.cleaned_data.pop("groups", None)
        super().save_related(request, form, formsets, change)
        if change and groups is not None:
            user_set_roles(user=form.instance, roles=[g.name for g in groups], actor=request.user)


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
