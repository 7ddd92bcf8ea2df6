"""Who may see and do what: the single place that answers it.

The table follows docs/rights.md. Roles are Django groups; a user
may hold several and their rights add up. Every view, form, export and admin
screen asks `has_cap(user, CAP)`; nothing else decides access.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import wraps
from typing import NoReturn

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

SUPPORT = "Support"
HOUSING = "Housing"
MANAGEMENT = "Management"
DIRECTION = "Direction"
ADMIN = "Admin"

ROLES = [SUPPORT, HOUSING, MANAGEMENT, DIRECTION, ADMIN]
ROLE_LABELS = {
    SUPPORT: _("Accompagnement"),
    HOUSING: _("Logement"),
    MANAGEMENT: _("Gestion"),
    DIRECTION: _("Direction"),
    ADMIN: _("Administration"),
}

# Capabilities: one name per line of docs/rights.md (and per verb).
TENANT_VIEW = "tenant.view"
TENANT_EDIT = "tenant.edit"
CLINICAL_VIEW = "clinical.view"
CLINICAL_EDIT = "clinical.edit"
VISIT_VIEW = "visit.view"
VISIT_CREATE = "visit.create"
VISIT_EDIT_OWN = "visit.edit_own"
VISIT_CREATE_ANY_KIND = "visit.create_any_kind"  # Housing logs housing contacts only
HOUSING_VIEW = "housing.view"
HOUSING_EDIT = "housing.edit"
FINANCE_VIEW = "finance.view"
FINANCE_EDIT = "finance.edit"
RDR_DISTRIBUTE = "rdr.distribute"
RDR_VIEW = "rdr.view"
RDR_MANAGE = "rdr.manage"
REPORT_VIEW = "report.view"
REPORT_EXPORT = "report.export"
DATA_IMPORT_EXPORT = "data.import_export"
AUDIT_VIEW = "audit.view"
ACCOUNTS_MANAGE = "accounts.manage"
# Granting a role with clinical access, setting the password of an account
# that has one (issue 13): smes/accounts.py asks this.
ACCOUNTS_CLINICAL = "accounts.clinical"
# Legal status and the justice assistant's contact are data about criminal
# proceedings (GDPR art. 10): the roles with clinical access only.
JUSTICE_VIEW = "tenant.justice_view"
JUSTICE_EDIT = "tenant.justice_edit"
# "Important à savoir" carries safety information for whoever meets the
# tenant (home visits): the roles that visit, and the Direction.
SAFETY_NOTE_VIEW = "tenant.safety_note_view"
SAFETY_NOTE_EDIT = "tenant.safety_note_edit"
# Intake register (issue 18): Support and Direction manage the requests (and
# read the problems and notes); Housing sees the waiting list and proposes a
# dwelling, without the problems; Management sees the counts only.
INTAKE_MANAGE = "intake.manage"
INTAKE_WAITLIST = "intake.waitlist"
INTAKE_PROPOSE = "intake.propose"
INTAKE_COUNTS = "intake.counts"
# The chapter of the annual report (issue 17): the Direction writes its texts,
# sets the year's targets and the team's employment periods (with Admin).
CHAPTER_EDIT = "chapter.edit"
TEAM_PERIODS = "team.periods"

CAPABILITIES: dict[str, frozenset[str]] = {
    TENANT_VIEW: frozenset({SUPPORT, HOUSING, MANAGEMENT, DIRECTION, ADMIN}),
    TENANT_EDIT: frozenset({SUPPORT, DIRECTION, ADMIN}),
    CLINICAL_VIEW: frozenset({SUPPORT, DIRECTION}),
    CLINICAL_EDIT: frozenset({SUPPORT}),
    VISIT_VIEW: frozenset({SUPPORT, HOUSING, DIRECTION}),
    VISIT_CREATE: frozenset({SUPPORT, HOUSING}),
    VISIT_EDIT_OWN: frozenset({SUPPORT}),
    VISIT_CREATE_ANY_KIND: frozenset({SUPPORT}),
    HOUSING_VIEW: frozenset({SUPPORT, HOUSING, MANAGEMENT, DIRECTION, ADMIN}),
    HOUSING_EDIT: frozenset({HOUSING, MANAGEMENT, ADMIN}),
    FINANCE_VIEW: frozenset({HOUSING, MANAGEMENT, DIRECTION}),
    FINANCE_EDIT: frozenset({MANAGEMENT}),
    RDR_DISTRIBUTE: frozenset({SUPPORT}),
    RDR_VIEW: frozenset({SUPPORT, MANAGEMENT, DIRECTION, ADMIN}),
    RDR_MANAGE: frozenset({MANAGEMENT, DIRECTION, ADMIN}),
    REPORT_VIEW: frozenset({MANAGEMENT, DIRECTION}),
    REPORT_EXPORT: frozenset({DIRECTION}),
    DATA_IMPORT_EXPORT: frozenset({DIRECTION, ADMIN}),
    AUDIT_VIEW: frozenset({DIRECTION, ADMIN}),
    # The *Comptes* page: Admin and Direction; the admin's user screens stay
    # the Admin's (staff). Clinical roles and their passwords: Direction.
    ACCOUNTS_MANAGE: frozenset({ADMIN, DIRECTION}),
    ACCOUNTS_CLINICAL: frozenset({DIRECTION}),
    JUSTICE_VIEW: frozenset({SUPPORT, DIRECTION}),
    JUSTICE_EDIT: frozenset({SUPPORT, DIRECTION}),
    SAFETY_NOTE_VIEW: frozenset({SUPPORT, HOUSING, DIRECTION}),
    SAFETY_NOTE_EDIT: frozenset({SUPPORT, DIRECTION}),
    INTAKE_MANAGE: frozenset({SUPPORT, DIRECTION}),
    INTAKE_WAITLIST: frozenset({SUPPORT, HOUSING, DIRECTION}),
    INTAKE_PROPOSE: frozenset({SUPPORT, HOUSING, DIRECTION}),
    INTAKE_COUNTS: frozenset({SUPPORT, HOUSING, MANAGEMENT, DIRECTION}),
    CHAPTER_EDIT: frozenset({DIRECTION}),
    TEAM_PERIODS: frozenset({DIRECTION, ADMIN}),
}


# Tenant fields that need more than tenant.view / tenant.edit: (read, write).
TENANT_FIELD_CAPS: dict[str, tuple[str, str]] = {
    "legal_status": (JUSTICE_VIEW, JUSTICE_EDIT),
    "justice_contact": (JUSTICE_VIEW, JUSTICE_EDIT),
    "important_note": (SAFETY_NOTE_VIEW, SAFETY_NOTE_EDIT),
}


def tenant_fields_hidden(user, *, edit: bool = False) -> frozenset[str]:
    """The tenant fields this user may not read (edit=False) or write."""
    return frozenset(name for name, caps in TENANT_FIELD_CAPS.items() if not has_cap(user, caps[1 if edit else 0]))


def role_label(role: str):
    """The role's name in the interface language (Accompagnement, Begeleiding…)."""
    return ROLE_LABELS.get(role, role)


def user_roles(user) -> frozenset[str]:
    """The user's role names, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_smes_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._smes_roles = cached
    return cached


def has_cap(user, cap: str) -> bool:
    """May this user do `cap`? The one question every entry point asks."""
    if cap not in CAPABILITIES:
        raise KeyError(f"Unknown capability {cap!r}")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(CAPABILITIES[cap] & user_roles(user))


def user_caps(user) -> frozenset[str]:
    return frozenset(cap for cap in CAPABILITIES if has_cap(user, cap))


def refuse(user, what: str, message=None) -> NoReturn:
    """Log a refused access (the account's id and what it lacked: never a
    name, never the record) and raise PermissionDenied (a 403 page)."""
    logger.warning("Access refused to user %s: %s", getattr(user, "pk", None), what)
    raise PermissionDenied(*(() if message is None else (message,)))


def require_cap(user, *caps: str) -> None:
    """Raise PermissionDenied unless the user holds every cap."""
    for cap in caps:
        if not has_cap(user, cap):
            refuse(user, cap)


def cap_required(*caps: str) -> Callable:
    """View decorator: 403 unless the user holds every cap."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require_cap(request.user, *caps)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def any_cap(user, caps: Iterable[str]) -> bool:
    return any(has_cap(user, cap) for cap in caps)


class CapAdminMixin:
    """ModelAdmin mixin: the admin asks the same table as the views.

    `view_cap` grants the list and detail pages, `edit_cap` add, change and
    delete. Staff status alone grants nothing.
    """

    view_cap: str | None = None
    edit_cap: str | None = None

    def _may(self, request, cap: str | None) -> bool:
        return bool(cap) and request.user.is_staff and has_cap(request.user, cap)

    def has_module_permission(self, request):
        return self._may(request, self.view_cap) or self._may(request, self.edit_cap)

    def has_view_permission(self, request, obj=None):
        return self._may(request, self.view_cap) or self._may(request, self.edit_cap)

    def has_add_permission(self, request, *args):
        return self._may(request, self.edit_cap)

    def has_change_permission(self, request, obj=None):
        return self._may(request, self.edit_cap)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, self.edit_cap)

    def get_changelist_form(self, request, **kwargs):
        # list_editable cells get a name (WCAG 4.1.2): see smes/lib/admin_cells.py.
        from smes.lib.admin_cells import labelled_cells_form

        return labelled_cells_form(super().get_changelist_form(request, **kwargs))
