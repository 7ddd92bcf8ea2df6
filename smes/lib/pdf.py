"""PDF rendering: one helper around WeasyPrint.

The HTML comes from a Django template; the only resources WeasyPrint may
load are the application's own static files (stylesheets, images). Any
other URL — another host, file://, a path outside STATIC_URL — is refused,
so a value that slipped into the HTML can never make the server fetch
something.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

BASE_URL = "https://smes.invalid/"


class StaticOnlyFetcher(URLFetcher):
    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        parts = urlsplit(url)
        base = urlsplit(BASE_URL)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(settings.STATIC_URL):
            raise ValueError(f"Refused to fetch {url!r}: only the application's static files are served")
        found = static_file(unquote(parts.path[len(settings.STATIC_URL) :]))
        if found is None:
            raise ValueError(f"No static file at {parts.path!r}")
        mime = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=found.read_bytes(), headers={"Content-Type": mime})


def static_file(relative: str) -> Path | None:
    """The file behind a static path, from the finders or STATIC_ROOT."""
    found = finders.find(relative)  # safe_join: refuses '..'
    if found:
        return Path(found)
    root = Path(settings.STATIC_ROOT).resolve()
    candidate = (root / relative).resolve()
    if candidate.is_file() and root in candidate.parents:
        return candidate
    return None


def render_document(template: str, context: dict):
    """The laid-out WeasyPrint document (its pages can be measured)."""
    html = render_to_string(template, context)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).render()


def render_pdf(template: str, context: dict) -> bytes:
    return render_document(template, context).write_pdf()
