"""Every page a role can open fits a 360-px phone (no sideways scrolling).

Walks the project's URL patterns (pages without arguments, plus the detail
pages of one tenant, dwelling and partner of the demo data set) for each
role, in a real Chromium at 360 × 740, and measures the document's scroll
width. A new page is covered without touching this test.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from smes.accounts import user_create
from smes.roles import ADMIN, DIRECTION, HOUSING, MANAGEMENT, SUPPORT
from tests.conftest import PASSWORD

# Pages that are downloads or actions, not screens.
NOT_SCREENS = ("export", "download", "pdf", "xlsx", "json", "csv", "zip", "logout", "set_language", "document", "qr")
# Not pages either: the offline queue's endpoints, the service worker, the app manifest.
NOT_SCREENS += ("visit_sync", "offline_state", "service_worker", "manifest")
NOT_SCREENS += ("verdict",)  # an htmx fragment of the request form (POST only)


def _names(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + p.name, p.pattern


def _screens(ids: dict[str, int]) -> list[str]:
    urls = []
    for name, pattern in _names(get_resolver().url_patterns):
        if name.startswith("admin:") or any(word in name for word in NOT_SCREENS):
            continue
        keys = list(pattern.regex.groupindex)
        if not keys:
            urls.append(reverse(name))
        elif keys == ["pk"]:
            # Screens about one record: details, edit forms, clinical file,
            # timeline. A pk of the wrong kind gives a 404, which is skipped.
            short = name.split(":")[-1]
            if not (short.endswith(("detail", "edit")) or short in ("clinical", "timeline")):
                continue
            for prefix, pk in ids.items():
                if name.startswith(prefix):
                    urls.append(reverse(name, kwargs={"pk": pk}))
    return sorted(set(urls))


@pytest.mark.django_db(transaction=True)
def test_every_page_fits_a_360px_phone_for_every_role(live_server, browser):
    from housing.models import Dwelling, Guarantee, Lease, Partner
    from sampledata.demo import demo_generate
    from tenants.models import Tenant

    demo_generate(log=lambda *a, **k: None)
    tenant = Tenant.objects.filter(followup_end__isnull=True, stays__isnull=False).first()
    ids = {"tenants:": tenant.pk, "housing:dwelling": Dwelling.objects.filter(stays__tenant=tenant).first().pk}
    ids["housing:partner"] = Partner.objects.first().pk
    lease = Lease.objects.filter(kind="SLIDING").first()
    ids["housing:lease"] = ids["housing:ledger"] = lease.pk
    ids["housing:guarantee"] = Guarantee.objects.first().pk
    from intake.models import Request

    ids["intake:"] = Request.objects.filter(status="FOLLOWED").first().pk
    screens = _screens(ids)
    assert len(screens) > 15

    too_wide = []
    for role in (SUPPORT, HOUSING, MANAGEMENT, DIRECTION, ADMIN):
        user = user_create(username=f"phone-{role.lower()}", roles=[role], password=PASSWORD)
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        page.goto(f"{live_server.url}/connexion/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"{live_server.url}/**")
        for url in screens:
            response = page.goto(live_server.url + url)
            if response is None or response.status != 200 or "/connexion/" in page.url:
                continue
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 360:
                too_wide.append(f"{role} {url}: {width}px")
        context.close()
    assert not too_wide, "\n".join(too_wide)
