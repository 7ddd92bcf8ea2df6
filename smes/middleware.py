"""Small request/response guards that apply to every page.

* `RejectNulBytesMiddleware`: a NUL byte in the query string or a form field
  answers 400 (PostgreSQL refuses NUL in text; it would be a 500 deep in a
  query, in the admin filters among others).
* `SessionAbsoluteLifetimeMiddleware`: a session ends SESSION_ABSOLUTE_LIFETIME
  hours after the login, however busy (the idle timeout is the cookie age).
* `NoStoreForSignedInMiddleware`: every response to a signed-in person says
  `Cache-Control: no-store` (health data, downloads), so that no browser or
  proxy cache keeps a copy.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import BadRequest
from django.dispatch import receiver
from django.utils.cache import add_never_cache_headers

LOGIN_AT = "smes_login_at"


def _has_nul(querydict) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in querydict.lists())


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _has_nul(request.GET):
            raise BadRequest("NUL byte in the address")
        if request.method == "POST" and _has_nul(request.POST):
            raise BadRequest("NUL byte in a form field")
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="smes_session_login_at")
def _remember_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = time.time()


class SessionAbsoluteLifetimeMiddleware:
    """After AuthenticationMiddleware: log out a session older than the
    lifetime; LoginRequiredMiddleware then sends the person to the login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            login_at = request.session.setdefault(LOGIN_AT, now)
            if now - login_at > settings.SESSION_ABSOLUTE_LIFETIME * 3600:
                logout(request)
        return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """After AuthenticationMiddleware, so that it sees every response below."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = request.user.is_authenticated
        response = self.get_response(request)
        if signed_in or request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
