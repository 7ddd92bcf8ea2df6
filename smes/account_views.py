"""The *Comptes* page (issue 12): create an account and give it roles with
checkboxes, change roles, set a password — for the Admin and the Direction,
without the Django admin. Every write goes through smes.accounts, which
keeps the roles with clinical access (and their passwords) to the Direction.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from smes.accounts import (
    CLINICAL_ROLES,
    account_change_check,
    user_create,
    user_set_password,
    user_set_roles,
    user_update,
)
from smes.roles import ACCOUNTS_MANAGE, ROLES, cap_required, role_label


def _role_choices():
    return [(r, role_label(r)) for r in ROLES]


class _PasswordFields(forms.Form):
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("12 caractères au moins."),
    )
    password2 = forms.CharField(
        label=_("Mot de passe (confirmation)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class AccountForm(forms.Form):
    username = forms.CharField(label=_("Identifiant"), max_length=150)
    first_name = forms.CharField(label=_("Prénom"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nom"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    is_active = forms.BooleanField(label=_("Compte actif"), required=False, initial=True)
    roles = forms.MultipleChoiceField(
        label=_("Rôles"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Les rôles Accompagnement et Direction ouvrent les dossiers cliniques : seule la Direction les donne."
        ),
    )

    def __init__(self, *args, actor, account: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor, self.account = actor, account
        self.fields["roles"].choices = _role_choices()
        if account is None:
            del self.fields["is_active"]
            extra = _PasswordFields()
            self.fields["password1"] = extra.fields["password1"]
            self.fields["password2"] = extra.fields["password2"]
        elif account.pk == actor.pk:
            del self.fields["roles"]
            del self.fields["is_active"]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        # One letter's case apart is the same identifier (as Django's own user form says).
        others = User.objects.filter(username__iexact=username)
        if self.account is not None:
            others = others.exclude(pk=self.account.pk)
        if others.exists():
            raise ValidationError(_("Cet identifiant est déjà pris."))
        return username

    def clean(self):
        cleaned = super().clean()
        if self.account is None:
            p1, p2 = cleaned.get("password1"), cleaned.get("password2")
            if p1 and p2 and p1 != p2:
                self.add_error("password2", _("Les deux mots de passe diffèrent."))
            elif p1:
                try:
                    validate_password(p1, User(username=cleaned.get("username", "")))
                except ValidationError as exc:
                    self.add_error("password1", exc)
        activate = bool(self.account and not self.account.is_active and cleaned.get("is_active"))
        try:
            account_change_check(
                actor=self.actor,
                account=self.account,
                roles=cleaned.get("roles") if "roles" in self.fields else None,
                password=self.account is None,
                activate=activate,
            )
        except ValidationError as exc:
            self.add_error("roles" if "roles" in self.fields else None, exc)
        return cleaned


class PasswordForm(_PasswordFields):
    def __init__(self, *args, actor, account: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor, self.account = actor, account

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Les deux mots de passe diffèrent."))
        elif p1:
            try:
                validate_password(p1, self.account)
            except ValidationError as exc:
                self.add_error("password1", exc)
        try:
            account_change_check(actor=self.actor, account=self.account, password=True)
        except ValidationError as exc:
            self.add_error(None, exc)
        return cleaned


def _accounts():
    rows = []
    for user in User.objects.filter(is_superuser=False).prefetch_related("groups").order_by("username"):
        names = {g.name for g in user.groups.all()}
        rows.append(
            {
                "user": user,
                "roles": [role_label(r) for r in ROLES if r in names],
                "clinical": bool(names & CLINICAL_ROLES),
            }
        )
    return rows


@cap_required(ACCOUNTS_MANAGE)
def account_list(request):
    return render(request, "smes/accounts.html", {"rows": _accounts()})


@cap_required(ACCOUNTS_MANAGE)
def account_add(request):
    form = AccountForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = user_create(
            username=data["username"],
            roles=data["roles"],
            password=data["password1"],
            actor=request.user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
        )
        messages.success(request, gettext("Compte « %(name)s » créé.") % {"name": user.username})
        return redirect(reverse("accounts"))
    return render(request, "smes/account_form.html", {"form": form, "account": None})


def _account(pk: int) -> User:
    return get_object_or_404(User, pk=pk, is_superuser=False)


@cap_required(ACCOUNTS_MANAGE)
def account_edit(request, pk: int):
    account = _account(pk)
    initial = {
        "username": account.username,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "is_active": account.is_active,
        "roles": list(account.groups.values_list("name", flat=True)),
    }
    form = AccountForm(request.POST or None, actor=request.user, account=account, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {k: data[k] for k in ("username", "first_name", "last_name", "email", "is_active") if k in form.fields}
        user_update(user=account, actor=request.user, **fields)
        if "roles" in form.fields:
            user_set_roles(user=account, roles=data["roles"], actor=request.user)
        messages.success(request, gettext("Compte « %(name)s » enregistré.") % {"name": account.username})
        return redirect(reverse("accounts"))
    return render(request, "smes/account_form.html", {"form": form, "account": account})


@cap_required(ACCOUNTS_MANAGE)
def account_password(request, pk: int):
    account = _account(pk)
    form = PasswordForm(request.POST or None, actor=request.user, account=account)
    if request.method == "POST" and form.is_valid():
        user_set_password(user=account, password=form.cleaned_data["password1"], actor=request.user, validate=False)
        messages.success(request, gettext("Mot de passe de « %(name)s » défini.") % {"name": account.username})
        return redirect(reverse("accounts"))
    return render(request, "smes/account_password.html", {"form": form, "account": account})
