"""Second factor gate: a signed-in user who owes a TOTP code (or, with
REQUIRE_2FA, an enrolment) reaches no page but the one that settles it.

What the user owes is decided once, at login (smes.twofactor.on_login), and
kept in the session, so that ordinary pages pay no extra query.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from smes.twofactor import SESSION_KEY, OWES_ENROLMENT, OWES_VERIFICATION

# Pages that stay open while the factor is owed (besides the one settling it).
_ALWAYS_OPEN = ("logout", "set_language")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._open: dict[str, frozenset[str]] | None = None

    def _open_paths(self) -> dict[str, frozenset[str]]:
        if self._open is None:
            common = {reverse(name) for name in _ALWAYS_OPEN}
            self._open = {
                OWES_VERIFICATION: frozenset(common | {reverse("otp_verify")}),
                OWES_ENROLMENT: frozenset(common | {reverse("otp_setup")}),
            }
        return self._open

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            owed = request.session.get(SESSION_KEY)
            if owed in (OWES_VERIFICATION, OWES_ENROLMENT) and not user.is_verified():
                if request.path_info not in self._open_paths()[owed]:
                    target = "otp_verify" if owed == OWES_VERIFICATION else "otp_setup"
                    url = reverse(target)
                    if request.method == "GET":
                        url += "?" + urlencode({"next": request.get_full_path()})
                    return redirect(url)
        return self.get_response(request)
