"""Small request/response guards that apply to every page.

* `RejectNulBytesMiddleware`: a NUL byte in the query string or a form field
  answers 400 (PostgreSQL refuses NUL in text; it would be a 500 deep in a
  query, in the admin filters among others).
"""

from __future__ import annotations

from django.core.exceptions import BadRequest


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
