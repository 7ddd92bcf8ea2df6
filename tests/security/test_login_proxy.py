"""Login lock-out behind the reverse proxy of `.env.example`.

Every request reaches Django from the proxy (REMOTE_ADDR 127.0.0.1); the
proxy appends the client's address to X-Forwarded-For. Failures count per
(account, client address): five failures on account X from address A lock X
from A only — never another account, never X from address B — so nobody can
lock the team out. The requests go through the real middleware stack (test
Client), with the settings that `.env.example` gives.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, override_settings

from smes.clientip import axes_address_settings
from tests.conftest import PASSWORD
from tests.security.test_production_settings import _env_example

PROXY = "127.0.0.1"
A, B = "198.51.100.20", "203.0.113.30"


def _example_proxy_settings() -> dict:
    env = _env_example()
    return axes_address_settings(
        behind_proxy=env["AXES_BEHIND_PROXY"].lower() == "true", proxy_count=int(env["AXES_PROXY_COUNT"])
    )


@pytest.fixture
def behind_proxy():
    with override_settings(**_example_proxy_settings()):
        yield


def _login(username, password, forwarded_for, remote=PROXY, client=None):
    client = client or Client()
    response = client.post(
        "/connexion/",
        {"username": username, "password": password},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )
    return response


def _fail(username, forwarded_for, times=None, remote=PROXY):
    for _ in range(times or settings.AXES_FAILURE_LIMIT):
        assert _login(username, "wrong-password-123", forwarded_for, remote).status_code in (200, 429)


def test_env_example_puts_the_app_behind_one_proxy():
    env = _env_example()
    assert env["AXES_BEHIND_PROXY"] == "true" and env["AXES_PROXY_COUNT"] == "1"
    values = _example_proxy_settings()
    assert values["AXES_IPWARE_META_PRECEDENCE_ORDER"][0] == "HTTP_X_FORWARDED_FOR"


def test_failures_from_one_client_with_any_usernames_lock_nobody_else(alice, behind_proxy):
    for i in range(settings.AXES_FAILURE_LIMIT * 2):
        _login(f"nobody{i}", "wrong-password-123", A)
    assert _login("alice", PASSWORD, B).status_code == 302
    # and even from A, another account is not locked by failures on other names
    assert _login("alice", PASSWORD, A).status_code == 302


def test_failures_on_an_account_lock_it_from_that_address_only(alice, bob, behind_proxy):
    _fail("alice", A)
    locked = _login("alice", PASSWORD, A)
    assert locked.status_code == 429
    assert "Trop de mots de passe erronés" in locked.content.decode()
    assert _login("alice", PASSWORD, B).status_code == 302  # the right password from elsewhere
    assert _login("bob", PASSWORD, A).status_code == 302  # another account from the same address


def test_a_forged_forwarded_for_does_not_dodge_the_lock(alice, behind_proxy):
    """The client may send its own X-Forwarded-For; the proxy appends the real
    address, and only the entries added by trusted proxies count."""
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login("alice", "wrong-password-123", f"10.9.9.{i}, 192.0.2.{i}, {A}")
    assert _login("alice", PASSWORD, f"192.0.2.200, {A}").status_code == 429
    assert _login("alice", PASSWORD, A).status_code == 429
    assert _login("alice", PASSWORD, B).status_code == 302


def test_a_forged_forwarded_for_cannot_lock_another_address(alice, behind_proxy):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login("alice", "wrong-password-123", f"{B}, {A}")  # attacker at A pretends to be B
    assert _login("alice", PASSWORD, B).status_code == 302


def test_a_successful_login_resets_the_count(alice, behind_proxy):
    _fail("alice", A, times=settings.AXES_FAILURE_LIMIT - 1)
    assert _login("alice", PASSWORD, A).status_code == 302
    _fail("alice", A, times=settings.AXES_FAILURE_LIMIT - 1)
    assert _login("alice", PASSWORD, A).status_code == 302


def test_two_proxies_take_the_address_the_first_proxy_saw(alice):
    """Client -> CDN/load balancer (appends client) -> nginx (appends the balancer) -> app."""
    with override_settings(**axes_address_settings(behind_proxy=True, proxy_count=2)):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _login("alice", "wrong-password-123", f"6.6.6.6, {A}, 10.0.0.2")
        assert _login("alice", PASSWORD, f"{A}, 10.0.0.2").status_code == 429
        assert _login("alice", PASSWORD, f"{B}, 10.0.0.2").status_code == 302


def test_without_a_proxy_the_forwarded_for_header_is_ignored(alice):
    """Development default (AXES_BEHIND_PROXY false): only the socket address counts."""
    assert settings.AXES_IPWARE_META_PRECEDENCE_ORDER == ("REMOTE_ADDR",)
    _fail("alice", A, remote="192.0.2.77")
    assert _login("alice", PASSWORD, B, remote="192.0.2.77").status_code == 429
    assert _login("alice", PASSWORD, A, remote="192.0.2.78").status_code == 302
