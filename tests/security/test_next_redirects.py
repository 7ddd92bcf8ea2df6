"""No open redirect: every view that accepts `next` goes only to a page of
this site (smes.lib.urls.safe_next_url, one helper for all apps), and never
writes a hostile `next` back into a page (a hidden field, a "Garder" link)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from housing.models import MoveKind
from housing.services import move_record
from smes.lib.urls import safe_next_url
from tenants.models import VisitStatus
from tests.conftest import PASSWORD
from tests.factories import DwellingFactory, TenantFactory, VisitFactory

HOSTILE = [
    "/\\evil.example",
    "//evil.example",
    "https://evil.example",
    "http://evil.example/",
    "\\\\evil",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " //evil",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    "/\\\tevil.example",
    "///evil.example",
    "https:evil.example",
    "data:text/html,<script>alert(1)</script>",
]


def offsite(location: str) -> bool:
    """Would a browser leave the site for this Location? (It drops tabs and
    newlines, trims spaces and reads `\\` as `/`.)"""
    url = re.sub(r"[\t\n\r]", "", location).strip(" \x00-\x1f").replace("\\", "/")
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc) or url.startswith("//")


def hidden_next(html: str) -> list[str]:
    """The `next` hidden fields of a page, but the language switch's (the page itself)."""
    values = [unescape(v) for v in re.findall(r'name="next" value="([^"]*)"', html)]
    return [v for v in values if "next=" not in v]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("secure", [False, True])
def test_the_helper_refuses_hostile_values(value, secure):
    request = RequestFactory().post("/x/", {"next": value}, secure=secure)
    assert safe_next_url(request, "/default/") == "/default/"
    request = RequestFactory().get("/x/", {"next": value}, secure=secure)
    assert safe_next_url(request, "/default/") == "/default/"


@pytest.mark.parametrize(
    "value",
    ["/locataires/", "/locataires/12/?onglet=logement&page=2", "/ma-semaine/?semaine=2025-11-17", "/%C3%A9t%C3%A9/"],
)
def test_the_helper_keeps_our_own_pages(value):
    request = RequestFactory().post("/x/", {"next": value})
    assert safe_next_url(request, "/default/") == value


def test_the_helper_refuses_another_scheme_than_the_request(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    request = RequestFactory().get("/x/", {"next": "http://testserver/locataires/"}, secure=True)
    assert safe_next_url(request, "/d/") == "/d/"
    request = RequestFactory().get("/x/", {"next": "https://testserver/locataires/"}, secure=True)
    assert safe_next_url(request, "/d/") == "https://testserver/locataires/"


def test_no_other_copy_of_the_check_exists():
    """One helper: no app calls url_has_allowed_host_and_scheme itself."""
    from pathlib import Path

    from django.conf import settings

    base = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(base))
        for app in ("smes", "tenants", "housing", "harmreduction", "reports")
        for path in (base / app).rglob("*.py")
        if "url_has_allowed_host_and_scheme" in path.read_text() and path != base / "smes/lib/urls.py"
    ]
    assert offenders == []


# --------------------------------------------------------------------------
# Through the views


@pytest.fixture
def housed(db):
    tenant = TenantFactory(followup_start=dt.date(2020, 1, 1))
    first = DwellingFactory(code="UX-91")
    DwellingFactory(code="UX-92")
    move_record(tenant=tenant, date=dt.date(2023, 1, 1), kind=MoveKind.ENTRY, dwelling=first)
    return tenant


@pytest.mark.parametrize("value", HOSTILE)
def test_saving_a_move_never_leaves_the_site(value, bob, client_for, housed):
    client = client_for(bob)
    url = reverse("housing:move_create")
    page = client.get(url, {"locataire": housed.pk, "next": value})
    assert value not in hidden_next(page.content.decode())
    target = DwellingFactory._meta.model.objects.get(code="UX-92")
    response = client.post(
        url,
        {"tenant": housed.pk, "date": "2024-02-01", "kind": "TRANSFER", "dwelling": target.pk, "next": value},
    )
    assert response.status_code == 302
    assert response.url == reverse("tenants:detail", args=[housed.pk])
    move = housed.moves.get(date=dt.date(2024, 2, 1))
    edit = reverse("housing:move_edit", args=[move.pk])
    assert value not in hidden_next(client.get(edit, {"next": value}).content.decode())
    response = client.post(
        edit, {"tenant": housed.pk, "date": "2024-02-02", "kind": "TRANSFER", "dwelling": target.pk, "next": value}
    )
    assert response.status_code == 302 and response.url == reverse("tenants:detail", args=[housed.pk])


@pytest.fixture
def visits(alice, db):
    tenant = TenantFactory(followup_start=dt.date(2020, 1, 1))
    today = dt.date.today()
    made = []
    for i in range(3):
        visit = VisitFactory(
            tenant=tenant, date=today - dt.timedelta(days=i + 1), status=VisitStatus.PLANNED, created_by=alice
        )
        visit.workers.set([alice])
        made.append(visit)
    return made


@pytest.mark.parametrize("value", HOSTILE)
def test_visit_pages_never_leave_the_site(value, alice, client_for, visits):
    client = client_for(alice)
    edited, closed, deleted = visits
    timeline = reverse("tenants:timeline", args=[edited.tenant_id])
    html = client.get(reverse("tenants:visit_edit", args=[edited.pk]), {"next": value}).content.decode()
    assert hidden_next(html) == [timeline]
    response = client.post(reverse("tenants:visit_status", args=[closed.pk]), {"status": "DONE", "next": value})
    assert response.status_code == 302 and response.url == reverse("tenants:my_week")
    url = reverse("tenants:visit_delete", args=[deleted.pk])
    html = client.get(url, {"next": value}).content.decode()
    assert hidden_next(html) == [timeline]
    assert f'href="{timeline}"' in html  # the "Garder" link
    response = client.post(url, {"next": value})
    assert response.status_code == 302 and response.url == timeline


@pytest.mark.parametrize("value", HOSTILE)
def test_login_logout_and_language_never_leave_the_site(value, alice):
    client = Client()
    page = client.get(reverse("login"), {"next": value})
    assert value not in hidden_next(page.content.decode())
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD, "next": value})
    assert response.status_code == 302 and response.url == "/"
    response = client.post(reverse("set_language"), {"language": "nl", "next": value})
    assert response.status_code == 302 and response.url == "/"
    response = client.post(reverse("logout"), {"next": value})
    assert response.status_code == 302 and not offsite(response.url)
    assert response.url == reverse("login")


@pytest.mark.parametrize("value", HOSTILE)
def test_second_factor_pages_never_leave_the_site(value, alice, client_for):
    client = client_for(alice)
    # Nothing owed: the code page sends straight on.
    response = client.get(reverse("otp_verify"), {"next": value})
    assert response.status_code == 302 and response.url == "/"
    page = client.get(reverse("otp_setup"), {"next": value})
    assert value not in hidden_next(page.content.decode())
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(reverse("otp_setup"), {"action": "confirm", "token": code, "next": value})
    assert response.status_code == 302 and response.url == "/"
