"""Optional TOTP second factor; compulsory for Direction and Admin with
REQUIRE_2FA=true."""

from __future__ import annotations

import base64
import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from smes.twofactor import BAD_CODE
from tests.conftest import PASSWORD


def _login(user, ip="192.0.2.20") -> Client:
    client = Client()
    response = client.post("/connexion/", {"username": user.username, "password": PASSWORD}, REMOTE_ADDR=ip)
    assert response.status_code == 302
    return client


def _code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def _enrol(client: Client) -> TOTPDevice:
    page = client.get("/compte/double-authentification/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post("/compte/double-authentification/", {"action": "confirm", "token": _code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_the_enrolment_page_shows_an_svg_qr_code_and_the_key_without_inline_style(alice):
    client = _login(alice)
    html = client.get("/compte/double-authentification/").content.decode()
    device = TOTPDevice.objects.get(user=alice)
    match = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert match, "QR code missing"
    svg = base64.b64decode(match.group(1)).decode()
    assert svg.startswith("<?xml") or svg.startswith("<svg")
    assert "style=" not in svg and "<script" not in svg
    assert "style=" not in html
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert secret[:4] in html.replace(" ", "")
    assert "Smes%20Housing%20First" in device.config_url


def test_enrolment_needs_a_valid_code(alice):
    client = _login(alice)
    client.get("/compte/double-authentification/")
    response = client.post("/compte/double-authentification/", {"action": "confirm", "token": "000000"})
    assert response.status_code == 200
    assert escape(str(BAD_CODE)) in response.content.decode()
    assert not TOTPDevice.objects.filter(user=alice, confirmed=True).exists()


def test_after_enrolment_the_next_login_asks_for_the_code(alice):
    device = _enrol(_login(alice))
    client = _login(alice, ip="192.0.2.21")
    response = client.get("/locataires/")
    assert response.status_code == 302 and response.url == "/connexion/verification/?next=%2Flocataires%2F"
    # nothing else opens, not even a clinical page
    assert client.get("/journal/").status_code == 302
    response = client.post("/connexion/verification/", {"token": "123456", "next": "/locataires/"})
    assert response.status_code == 200 and escape(str(BAD_CODE)) in response.content.decode()
    # django-otp throttles after a failure (1 s, then doubling): wait it out
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=3), tick=False):
        response = client.post("/connexion/verification/", {"token": _code(device, offset=1), "next": "/locataires/"})
        assert response.status_code == 302 and response.url == "/locataires/"
        assert client.get("/locataires/").status_code == 200


def test_the_code_page_refuses_an_external_next(alice):
    device = _enrol(_login(alice))
    client = _login(alice, ip="192.0.2.22")
    response = client.post(
        "/connexion/verification/", {"token": _code(device, offset=1), "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response.url == "/"


def test_only_a_verified_session_may_replace_the_phone(alice):
    _enrol(_login(alice))
    client = _login(alice, ip="192.0.2.23")
    response = client.get("/compte/double-authentification/")
    assert response.status_code == 302 and response.url.startswith("/connexion/verification/")
    assert TOTPDevice.objects.filter(user=alice).count() == 1


def test_a_user_may_disable_an_optional_second_factor_with_a_current_code(alice):
    client = _login(alice)
    device = _enrol(client)
    response = client.post("/compte/double-authentification/", {"action": "disable", "token": _code(device, offset=1)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert _login(alice).get("/locataires/").status_code == 200


@pytest.mark.parametrize("persona", ["diane", "adam"])
def test_with_require_2fa_direction_and_admin_must_enrol_before_any_page(settings, persona, request):
    settings.REQUIRE_2FA = True
    user = request.getfixturevalue(persona)
    client = _login(user)
    for path in ("/", "/locataires/", "/journal/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith("/compte/double-authentification/"), path
    device = _enrol(client)
    assert client.get("/journal/").status_code == 200
    # disabling is refused for these roles
    response = client.post("/compte/double-authentification/", {"action": "disable", "token": _code(device)})
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    # next login: the code, then the pages
    again = _login(user, ip="192.0.2.30")
    assert again.get("/journal/").url.startswith("/connexion/verification/")


def test_with_require_2fa_other_roles_are_not_forced(settings, alice, maggie):
    settings.REQUIRE_2FA = True
    assert _login(alice).get("/locataires/").status_code == 200
    assert _login(maggie).get("/rapports/").status_code == 200


def test_without_require_2fa_direction_works_without_a_phone(diane):
    assert _login(diane).get("/journal/").status_code == 200


def test_logout_stays_possible_while_the_code_is_owed(settings, diane):
    settings.REQUIRE_2FA = True
    client = _login(diane)
    response = client.post("/deconnexion/")
    assert response.status_code == 302 and response.url == "/connexion/"
    assert client.get("/").url.startswith("/connexion/")
