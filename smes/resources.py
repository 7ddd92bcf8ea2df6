"""Interchange resource of users.csv: the workers' accounts (issue 13).

Login, names, e-mail, roles and whether the account is active, so that a
portable backup restores the visits' workers. Never a password: imported
accounts get an unusable one (smes.accounts.user_import). The roles are the
names of smes/roles.py (Support, Housing, Management, Direction, Admin),
`;`-separated; they decide, there and only there, who sees clinical data.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from import_export.fields import Field

from smes.accounts import account_change_check, user_import
from smes.interchange.resources import InterchangeResource
from smes.interchange.widgets import BoolWidget, MultiCodeWidget, TextWidget
from smes.roles import ROLES


class UserResource(InterchangeResource):
    username = Field(attribute="username", column_name="username", widget=TextWidget())
    first_name = Field(attribute="first_name", column_name="first_name", widget=TextWidget())
    last_name = Field(attribute="last_name", column_name="last_name", widget=TextWidget())
    email = Field(attribute="email", column_name="email", widget=TextWidget())
    roles = Field(attribute="roles", column_name="roles", widget=MultiCodeWidget(ROLES))
    active = Field(attribute="is_active", column_name="active", widget=BoolWidget(required=False))

    required_columns = ("username",)
    export_ordering = ("username",)

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email", "roles", "active")
        import_id_fields = ("username",)
        clean_model_instances = True
        skip_unchanged = False
        report_skipped = True
        skip_diff = True

    # Who imports (set by the import engine); None is the command line.
    actor = None

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if not instance.password:
            instance.set_unusable_password()  # full_clean() wants one; never a usable one
        existing = User.objects.filter(pk=instance.pk).first() if instance.pk else None
        try:
            account_change_check(
                actor=self.actor,
                account=existing,
                roles=getattr(instance, "roles", None),
                activate=bool(existing and not existing.is_active and instance.is_active),
            )
        except ValidationError as exc:
            raise ValidationError({"roles": exc.messages})
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def do_instance_save(self, instance, is_create):
        user_import(instance, getattr(instance, "roles", None), actor=self.actor)

    def export_column(self, name, field):
        if name == "roles":
            roles: dict[int, list[str]] = defaultdict(list)
            for user_id, group in User.groups.through.objects.values_list("user_id", "group__name"):
                if group in ROLES:
                    roles[user_id].append(group)
            return ["pk"], lambda pk: field.widget.render(roles.get(pk, []))
        return super().export_column(name, field)
