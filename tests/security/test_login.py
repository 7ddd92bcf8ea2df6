"""Login hardening: django-axes lock-out per (account, address) with
a cool-off, password rules, idle timeout, logout on password change."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests.conftest import PASSWORD

LOCKED_TEXT = "Trop de mots de passe erronés"


def _post_login(client: Client, username: str, password: str, ip: str = "192.0.2.10"):
    return client.post("/connexion/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def _fail(client, username, times, ip="192.0.2.10"):
    for _ in range(times):
        response = _post_login(client, username, "wrong-password-123", ip)
        assert response.status_code == 200  # the form again, with its error


def test_the_login_form_logs_in_with_the_right_password(alice):
    client = Client()
    response = _post_login(client, "alice", PASSWORD)
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200


def test_it_locks_an_account_from_that_address_after_the_failure_limit_even_with_the_right_password(alice):
    client = Client()
    _fail(client, "alice", settings.AXES_FAILURE_LIMIT - 1)
    response = _post_login(client, "alice", "wrong-password-123")
    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()
    assert _post_login(Client(), "alice", PASSWORD).status_code == 429
    assert "_auth_user_id" not in Client().session
    # failures elsewhere never lock the right password from another address
    assert _post_login(Client(), "alice", PASSWORD, ip="198.51.100.7").status_code == 302


def test_failures_on_many_accounts_lock_no_other_account(alice, bob):
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        _post_login(client, f"nobody{i}", "wrong-password-123", ip="203.0.113.9")
    assert _post_login(client, "bob", PASSWORD, ip="203.0.113.9").status_code == 302


def test_it_ignores_a_forged_forwarded_for_header(alice):
    """Without a trusted proxy, X-Forwarded-For must not reset the per-address count."""
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/connexion/",
            {"username": "alice", "password": "x-wrong-password"},
            REMOTE_ADDR="203.0.113.50",
            HTTP_X_FORWARDED_FOR=f"10.9.9.{i}",
        )
    response = client.post(
        "/connexion/",
        {"username": "alice", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.50",
        HTTP_X_FORWARDED_FOR="10.1.1.1",
    )
    assert response.status_code == 429


def test_the_lock_lifts_after_the_cool_off(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _fail(Client(), "alice", settings.AXES_FAILURE_LIMIT - 1)
        assert _post_login(Client(), "alice", "wrong-password-123").status_code == 429
        assert _post_login(Client(), "alice", PASSWORD).status_code == 429
    cool_off = dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    almost = start + cool_off - dt.timedelta(minutes=1)
    with time_machine.travel(almost, tick=False):
        assert _post_login(Client(), "alice", PASSWORD).status_code == 429
    # an attempt during the lock starts the cool-off again (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT)
    with time_machine.travel(almost + cool_off + dt.timedelta(minutes=1), tick=False):
        client = Client()
        assert _post_login(client, "alice", PASSWORD).status_code == 302
        assert client.get("/").status_code == 200


def test_the_cool_off_is_fifteen_minutes_and_five_failures_by_default():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert dt.timedelta(hours=settings.AXES_COOLOFF_TIME) == dt.timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_RESET_ON_SUCCESS is True


@pytest.mark.parametrize(
    "password, message",
    [
        ("short-pw-1", "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères."),
        ("123456789012345", "Ce mot de passe est entièrement numérique."),
        ("password12345", "Ce mot de passe est trop courant."),
    ],
)
def test_it_refuses_weak_passwords(alice, password, message):
    with pytest.raises(ValidationError) as exc:
        validate_password(password, alice)
    assert message in exc.value.messages


def test_an_idle_session_expires_after_the_configured_minutes(alice):
    assert settings.SESSION_IDLE_MINUTES == 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = Client()
        assert _post_login(client, "alice", PASSWORD).status_code == 302
    # activity renews the session …
    with time_machine.travel(start + dt.timedelta(minutes=25), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=50), tick=False):
        assert client.get("/").status_code == 200
    # … idleness ends it
    with time_machine.travel(start + dt.timedelta(minutes=81), tick=False):
        response = client.get("/locataires/")
        assert response.status_code == 302 and response.url.startswith("/connexion/")


def test_a_password_change_logs_out_every_session(alice):
    here, elsewhere = Client(), Client()
    for c in (here, elsewhere):
        assert _post_login(c, "alice", PASSWORD).status_code == 302
    new = "a-much-longer-new-passphrase"
    response = here.post("/mot-de-passe/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302 and response.url == "/connexion/"
    assert here.get("/").status_code == 302
    assert elsewhere.get("/").status_code == 302  # the other session died with the old hash
    assert _post_login(Client(), "alice", new).status_code == 302


def test_the_password_change_form_applies_the_validators(alice, client_for):
    response = client_for(alice).post(
        "/mot-de-passe/", {"old_password": PASSWORD, "new_password1": "short-pw-1", "new_password2": "short-pw-1"}
    )
    assert response.status_code == 200
    assert "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères." in response.content.decode()
