"""A session ends SESSION_ABSOLUTE_LIFETIME hours after the login, however
busy it is (ASVS 7.3.2); the idle timeout still applies before that."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone

from tests.conftest import PASSWORD
from tests.security.test_production_settings import _env_example


def test_the_absolute_lifetime_is_twelve_hours_and_documented():
    assert settings.SESSION_ABSOLUTE_LIFETIME == 12
    assert _env_example()["SESSION_ABSOLUTE_LIFETIME"] == "12"


def test_a_session_used_all_day_ends_after_the_absolute_lifetime(alice):
    start = timezone.now()
    client = Client()
    with time_machine.travel(start, tick=False):
        response = client.post("/connexion/", {"username": "alice", "password": PASSWORD})
        assert response.status_code == 302
    lifetime = dt.timedelta(hours=settings.SESSION_ABSOLUTE_LIFETIME)
    at = start
    while at < start + lifetime - dt.timedelta(minutes=20):
        at += dt.timedelta(minutes=20)
        with time_machine.travel(at, tick=False):
            assert client.get("/").status_code == 200, at - start
    with time_machine.travel(start + lifetime + dt.timedelta(seconds=40), tick=False):
        response = client.get("/locataires/")
        assert response.status_code == 302 and response.url.startswith("/connexion/")
        assert client.get("/").status_code == 302  # really logged out, not just redirected once
    with time_machine.travel(start + lifetime + dt.timedelta(minutes=1), tick=False):
        assert client.post("/connexion/", {"username": "alice", "password": PASSWORD}).status_code == 302
        assert client.get("/").status_code == 200  # a new login starts a new lifetime
