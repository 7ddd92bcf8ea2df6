"""Login, second-factor enrolment and audit pages in a real Chromium, at
phone and desktop width: the QR code shows under the strict CSP, nothing
scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _login(page, live_server, user):
    page.goto(f"{live_server.url}/connexion/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_enrolment_shows_the_qr_code_under_the_csp(request, live_server, diane, viewport):
    page = request.getfixturevalue(viewport)
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/connexion/")
    _no_sideways_scroll(page)
    _login(page, live_server, diane)
    page.goto(f"{live_server.url}/compte/double-authentification/")
    qr = page.locator("img.qr")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    _no_sideways_scroll(page)
    assert violations == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_journal_fits_the_screen(request, live_server, diane, alice, viewport):
    from records.models import AccessLog
    from tests.factories import TenantFactory

    tenant = TenantFactory(code="HF-0555")
    AccessLog.objects.create(
        user=alice,
        tenant=tenant,
        what="dossier clinique",
        path="/locataires/1/clinique/?page=2&tri=nom-du-locataire-tres-long",
    )
    page = request.getfixturevalue(viewport)
    _login(page, live_server, diane)
    page.goto(f"{live_server.url}/journal/")
    expect(page.get_by_text("dossier clinique").first).to_be_visible()
    _no_sideways_scroll(page)
    page.goto(f"{live_server.url}/journal/locataire/{tenant.pk}/?vue=modifications")
    expect(page.get_by_text("Création").first).to_be_visible()
    _no_sideways_scroll(page)
