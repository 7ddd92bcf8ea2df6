from django.conf import settings

from smes.roles import ROLE_LABELS, user_caps, user_roles


class _Caps:
    """Template access: {% if caps.clinical_view %} for 'clinical.view'."""

    def __init__(self, caps):
        self._caps = caps

    def __getattr__(self, name):
        return name.replace("_", ".", 1) in self._caps

    def __contains__(self, cap):
        return cap in self._caps


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"caps": _Caps(frozenset()), "my_roles": [], "NOT_SEEN_DAYS": settings.NOT_SEEN_DAYS}
    return {
        "caps": _Caps(user_caps(user)),
        "my_roles": [ROLE_LABELS[r] for r in sorted(user_roles(user)) if r in ROLE_LABELS],
        "NOT_SEEN_DAYS": settings.NOT_SEEN_DAYS,
    }
