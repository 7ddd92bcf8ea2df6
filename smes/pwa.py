"""Installable web app (issue 15): the manifest and the service worker.

The service worker is our own (templates/pwa/sw.js, no library, no CDN),
served by Django at the site root so that its scope is the whole site.
It keeps the static shell (CSS, JS, icons) and the offline quick log page
(tenants:offline_page, which holds no tenant data); every other page goes
to the network and, without one, gets that page with "Hors connexion".
The tenants' list and the queued visits live in IndexedDB
(static/js/offline.js), wiped at logout.
"""

from __future__ import annotations

import functools
import hashlib
import json

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

# Kept by the service worker at install (the app shell).
SHELL_ASSETS = [
    "css/app.css",
    "css/tenants.css",
    "css/tenants-visits.css",
    "css/housing.css",
    "css/rdr.css",
    "css/reports.css",
    "css/security.css",
    "css/offline.css",
    "vendor/htmx.min.js",
    "js/app.js",
    "js/tenants-visits.js",
    "js/offline.js",
    "img/favicon.svg",
    "img/icon-192.png",
    "img/icon-512.png",
]


@functools.lru_cache(maxsize=1)
def shell_version() -> str:
    """Changes whenever a shell asset changes: the new worker replaces the
    old cache."""
    digest = hashlib.sha256()
    for path in SHELL_ASSETS:
        found = finders.find(path)
        digest.update(path.encode())
        if found:
            with open(found, "rb") as fh:
                digest.update(fh.read())
    digest.update((settings.BASE_DIR / "templates" / "pwa" / "sw.js").read_bytes())
    return digest.hexdigest()[:12]


@login_not_required
@require_GET
def service_worker(request):
    context = {
        "version": shell_version(),
        "assets_json": json.dumps([static(p) for p in SHELL_ASSETS]),
        "offline_url": json.dumps(reverse("tenants:offline_page")),
        "static_prefix": json.dumps(static("")),
        "offline_title": json.dumps(_("Hors connexion")),
        "offline_text": json.dumps(_("Pas de réseau : cette page n'est pas disponible hors connexion.")),
    }
    response = render(request, "pwa/sw.js", context, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@login_not_required
@require_GET
def manifest(request):
    """French or Dutch name following the language of the page."""
    data = {
        "name": _("Smes Housing First — visites"),
        "short_name": _("Smes HF"),
        "description": _("Noter les visites à domicile, même sans réseau."),
        "lang": get_language() or "fr",
        "start_url": reverse("home") + "?source=app",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f4f6f5",
        "theme_color": "#1f5f5b",
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/icon-512-maskable.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
        "shortcuts": [{"name": _("Noter une visite"), "url": reverse("tenants:quicklog")}],
    }
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/manifest+json; charset=utf-8")
