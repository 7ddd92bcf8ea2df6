"""Audit helpers: every opening of a clinical page or export calls
`log_access`; changes are recorded by django-simple-history."""

from __future__ import annotations

from smes.models import AccessLog


def log_access(request, what: str, tenant=None) -> AccessLog:
    """Record that request.user opened `what` (about `tenant`, if any)."""
    return AccessLog.objects.create(
        user=request.user if request.user.is_authenticated else None,
        tenant=tenant,
        what=what[:200],
        path=request.get_full_path()[:300],
    )
