"""The one check of a `next` parameter (where to go after a form).

A `next` value comes from the query string or a hidden field: anybody can
write one into a link. Only a URL of this site is followed; anything else
(another host, a scheme, `/\\evil.example` that browsers read as
`//evil.example`, control characters or spaces that browsers drop) gives
the default.
"""

from __future__ import annotations

from urllib.parse import unquote

from django.utils.http import url_has_allowed_host_and_scheme


def _is_safe(url: str, request) -> bool:
    return url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())


def is_safe_next_url(request, url: str) -> bool:
    """True for a URL of this site written plainly (a path, or this host)."""
    if not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return False
    # Checked as written and once decoded: `/%5Cevil.example` is refused too.
    return _is_safe(url, request) and _is_safe(unquote(url), request)


def safe_next_url(request, default: str) -> str:
    """The `next` of the request (POST first, then GET) if it is safe, else `default`."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    return url if is_safe_next_url(request, url) else default
