"""Roles as Django groups, and the demo accounts."""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.db import transaction

from smes.roles import ADMIN, DIRECTION, HOUSING, MANAGEMENT, ROLES, SUPPORT

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


def ensure_groups() -> dict[str, Group]:
    return {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}


@transaction.atomic
def user_create(*, username: str, roles: list[str], password: str | None = None, **fields) -> User:
    """Create or update an account with exactly these roles.

    Admin-role accounts are staff (they manage accounts in the admin) but
    never superusers: the superuser is for emergencies only.
    """
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown role(s): {', '.join(sorted(unknown))}")
    groups = ensure_groups()
    user, _ = User.objects.get_or_create(username=username, defaults=fields)
    for key, value in fields.items():
        setattr(user, key, value)
    user.is_staff = ADMIN in roles
    user.is_superuser = False
    if password:
        user.set_password(password)
    user.save()
    user.groups.set([groups[r] for r in roles])
    return user


@transaction.atomic
def user_import(user: User, roles: list[str] | None = None) -> User:
    """Write an account read from users.csv (the portable backup).

    Never a password: a new account gets an unusable one (the
    administrator sets a password, or the worker uses "mot de passe
    oublié"); an existing account keeps its own. Never superuser status.
    `roles` None (no roles column) keeps the account's roles; otherwise the
    account holds exactly these (smes/roles.py decides what they open,
    clinical data included).
    """
    if roles is not None:
        unknown = set(roles) - set(ROLES)
        if unknown:
            raise ValueError(f"Unknown role(s): {', '.join(sorted(unknown))}")
        user.is_staff = ADMIN in roles
    if user.pk is None:
        user.set_unusable_password()
        user.is_superuser = False
    user.save()
    if roles is not None:
        groups = ensure_groups()
        user.groups.set([groups[r] for r in roles])
    return user


def demo_accounts_create() -> list[tuple[str, str, list[str]]]:
    created = []
    for username, first, last, roles in DEMO_ACCOUNTS:
        user_create(username=username, roles=roles, password=DEMO_PASSWORD, first_name=first, last_name=last)
        created.append((username, DEMO_PASSWORD, roles))
    return created
