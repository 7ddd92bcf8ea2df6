"""Accounts and their roles (Django groups), and the demo accounts.

Every change to an account's roles, password or active flag goes through
the functions here — the admin's user screens, the *Comptes* page, the
commands and the shell — so the rule lives once (issue 13):

* granting a role that opens the clinical files (`CLINICAL_ROLES`: those
  with clinical.view in smes/roles.py), setting the password of an account
  that holds one, or re-activating such an account, belongs to the
  Direction (accounts.clinical); the Admin, who may not read clinical
  files, is refused with a plain message;
* the other roles and passwords belong to whoever manages accounts
  (accounts.manage);
* every change is written to `AccountEvent`, read by the Direction in the
  audit trail (*Journal d'accès › Comptes*).

`actor=None` is the command line (demo accounts, a shell on the server):
whoever runs it already holds the database.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from smes.roles import (
    ACCOUNTS_CLINICAL,
    ACCOUNTS_MANAGE,
    ADMIN,
    CAPABILITIES,
    CLINICAL_VIEW,
    DIRECTION,
    HOUSING,
    MANAGEMENT,
    ROLES,
    SUPPORT,
    has_cap,
    role_label,
)

# username, first name, last name, roles. Synthetic people.
DEMO_ACCOUNTS = [
    ("accompagnement", "Camille", "Dupont", [SUPPORT]),
    ("accompagnement2", "Youssef", "El Amrani", [SUPPORT]),
    ("logement", "Lea", "Janssens", [HOUSING]),
    ("gestion", "Marc", "Peeters", [MANAGEMENT]),
    ("direction", "Nadia", "Lambert", [DIRECTION]),
    ("admin", "Tom", "Willems", [ADMIN]),
]
DEMO_PASSWORD = "demo-smes-2026"

#: Roles that open the clinical files: granting them is the Direction's.
CLINICAL_ROLES = frozenset(r for r in ROLES if r in CAPABILITIES[CLINICAL_VIEW])

# Exact messages (asserted by the tests).
DIRECTION_ONLY_ROLE = _(
    "Seule la Direction peut donner le rôle %(roles)s : il ouvre les dossiers cliniques. Demandez-le à la Direction."
)
DIRECTION_ONLY_PASSWORD = _(
    "Seule la Direction peut définir le mot de passe d'un compte qui ouvre les dossiers cliniques "
    "(%(roles)s). Demandez-le à la Direction."
)
DIRECTION_ONLY_ACTIVATE = _("Seule la Direction peut réactiver un compte qui ouvre les dossiers cliniques (%(roles)s).")
NOT_ALLOWED = _("Vous ne gérez pas les comptes.")
OWN_ROLES = _("Personne ne change ses propres rôles.")
UNKNOWN_ROLE = _("Rôle inconnu : %(roles)s.")


def ensure_groups() -> dict[str, Group]:
    return {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}


def _labels(roles: Iterable[str]) -> str:
    return ", ".join(str(role_label(r)) for r in ROLES if r in set(roles))


def account_change_check(
    *,
    actor,
    account: User | None,
    roles: Iterable[str] | None = None,
    password: bool = False,
    activate: bool = False,
) -> None:
    """Raise a ValidationError (plain message, nothing written) unless
    `actor` may give `account` these roles / a password / re-activate it.

    `account` None is a new account; `roles` None leaves the roles as they
    are. Forms call this in clean() to show the message next to the field.
    """
    before = _current_roles(account)
    after = before if roles is None else frozenset(roles)
    unknown = after - set(ROLES)
    if unknown:
        raise ValidationError(UNKNOWN_ROLE, code="unknown_role", params={"roles": ", ".join(sorted(unknown))})
    if actor is None or getattr(actor, "is_superuser", False):
        return
    if not (has_cap(actor, ACCOUNTS_MANAGE) or has_cap(actor, ACCOUNTS_CLINICAL)):
        raise ValidationError(NOT_ALLOWED, code="not_allowed")
    if account is not None and account.pk == actor.pk and after != before:
        raise ValidationError(OWN_ROLES, code="own_roles")
    clinical = has_cap(actor, ACCOUNTS_CLINICAL)
    added = after - before
    if added & CLINICAL_ROLES and not clinical:
        raise ValidationError(
            DIRECTION_ONLY_ROLE, code="direction_only", params={"roles": _labels(added & CLINICAL_ROLES)}
        )
    if added - CLINICAL_ROLES and not has_cap(actor, ACCOUNTS_MANAGE):
        raise ValidationError(NOT_ALLOWED, code="not_allowed")
    if password and after & CLINICAL_ROLES and not clinical:
        raise ValidationError(
            DIRECTION_ONLY_PASSWORD, code="direction_only", params={"roles": _labels(after & CLINICAL_ROLES)}
        )
    if activate and after & CLINICAL_ROLES and not clinical:
        raise ValidationError(
            DIRECTION_ONLY_ACTIVATE, code="direction_only", params={"roles": _labels(after & CLINICAL_ROLES)}
        )


def _current_roles(account: User | None) -> frozenset[str]:
    if account is None or account.pk is None:
        return frozenset()
    return frozenset(account.groups.values_list("name", flat=True))


def _event(actor, account: User, action: str, before: str = "", after: str = "") -> None:
    from smes.models import AccountEvent

    AccountEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        account=account,
        username=account.username,
        action=action,
        before=before,
        after=after,
    )


def _apply_roles(user: User, roles: frozenset[str], before: frozenset[str], actor) -> None:
    groups = ensure_groups()
    user.groups.set([groups[r] for r in ROLES if r in roles])
    staff = ADMIN in roles
    if user.is_staff != staff or user.is_superuser:
        User.objects.filter(pk=user.pk).update(is_staff=staff, is_superuser=False)
        user.is_staff, user.is_superuser = staff, False
    if roles != before:
        _event(
            actor, user, "ROLES", ",".join(r for r in ROLES if r in before), ",".join(r for r in ROLES if r in roles)
        )
    user._smes_roles = None  # noqa: SLF001 — the request cache of smes.roles


@transaction.atomic
def user_create(*, username: str, roles: list[str], password: str | None = None, actor=None, **fields) -> User:
    """Create or update an account with exactly these roles.

    Admin-role accounts are staff (they manage accounts in the admin) but
    never superusers: the superuser is for emergencies only.
    """
    existing = User.objects.filter(username=username).first()
    activate = bool(existing and not existing.is_active and fields.get("is_active"))
    account_change_check(actor=actor, account=existing, roles=roles, password=bool(password), activate=activate)
    before = _current_roles(existing)
    user, created = User.objects.get_or_create(username=username, defaults=fields)
    for key, value in fields.items():
        setattr(user, key, value)
    user.is_staff = ADMIN in roles
    user.is_superuser = False
    if password:
        user.set_password(password)
    user.save()
    if created:
        _event(actor, user, "CREATED")
    _apply_roles(user, frozenset(roles), before, actor)
    if password:
        _event(actor, user, "PASSWORD")
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[str], actor) -> User:
    roles = frozenset(roles)
    account_change_check(actor=actor, account=user, roles=roles)
    _apply_roles(user, roles, _current_roles(user), actor)
    return user


@transaction.atomic
def user_set_password(*, user: User, password: str | None, actor, validate: bool = True) -> User:
    """Set (or, with None, disable) the password of `user`."""
    account_change_check(actor=actor, account=user, password=True)
    if password is None:
        user.set_unusable_password()
    else:
        if validate:
            validate_password(password, user)
        user.set_password(password)
    user.save(update_fields=["password"])
    _event(actor, user, "PASSWORD")
    return user


@transaction.atomic
def user_update(*, user: User, actor, **fields) -> User:
    """Names, e-mail, active flag. Re-activating a clinical account is the
    Direction's; de-activating is anyone's who manages accounts."""
    allowed = {"username", "first_name", "last_name", "email", "is_active"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown account fields: {sorted(unknown)}")
    was_active = User.objects.filter(pk=user.pk).values_list("is_active", flat=True).first()
    activate = bool(fields.get("is_active") and was_active is False)
    account_change_check(actor=actor, account=user, activate=activate)
    for key, value in fields.items():
        setattr(user, key, value)
    user.full_clean(exclude=["password"])
    user.save()
    if "is_active" in fields and bool(was_active) != bool(fields["is_active"]):
        _event(actor, user, "ACTIVE", str(bool(was_active)), str(bool(fields["is_active"])))
    return user


@transaction.atomic
def user_import(user: User, roles: list[str] | None = None, *, actor=None) -> User:
    """Write an account read from users.csv (the portable backup).

    Never a password: a new account gets an unusable one (the
    administrator sets a password, or the worker uses "mot de passe
    oublié"); an existing account keeps its own. Never superuser status.
    `roles` None (no roles column) keeps the account's roles; otherwise the
    account holds exactly these (smes/roles.py decides what they open,
    clinical data included). The same rules as every other account change
    (`account_change_check`, checked by the resource before the row is
    written): from the browser, only the Direction grants a clinical role;
    every change goes to the account journal with `actor` (None: a command).
    """
    if roles is not None:
        unknown = set(roles) - set(ROLES)
        if unknown:
            raise ValueError(f"Unknown role(s): {', '.join(sorted(unknown))}")
        user.is_staff = ADMIN in roles
    created = user.pk is None
    before = _current_roles(user)
    if created:
        user.set_unusable_password()
        user.is_superuser = False
    user.save()
    if created:
        _event(actor, user, "CREATED")
    if roles is not None:
        groups = ensure_groups()
        user.groups.set([groups[r] for r in roles])  # superuser status untouched (emergencies)
        after = frozenset(roles)
        if after != before:
            _event(
                actor,
                user,
                "ROLES",
                ",".join(r for r in ROLES if r in before),
                ",".join(r for r in ROLES if r in after),
            )
        user._smes_roles = None  # noqa: SLF001 — the request cache of smes.roles
    return user


def demo_accounts_create() -> list[tuple[str, str, list[str]]]:
    created = []
    for username, first, last, roles in DEMO_ACCOUNTS:
        user_create(username=username, roles=roles, password=DEMO_PASSWORD, first_name=first, last_name=last)
        created.append((username, DEMO_PASSWORD, roles))
    return created
