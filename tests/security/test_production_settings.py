"""Production configuration: `check --deploy` is clean with DEBUG off and the
environment of .env.example; the security headers are really sent."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
ENV_EXAMPLE = BASE / ".env.example"


def _env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def production_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG", "DATABASE_URL", "PYTEST"))}
    env.update(_env_example())
    env.update(
        {
            "DEBUG": "false",
            # the example's key is a placeholder, as it must be: a real one never enters the repository
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            "STATIC_ROOT": str(tmp_path / "static"),
            "DJANGO_SETTINGS_MODULE": "smes.settings",
        }
    )
    return env


def collected_production_env(tmp_path) -> dict[str, str]:
    """The production environment after `collectstatic`, as a deployment
    runs it: pages refer to the hashed files of the manifest."""
    env = production_env(tmp_path)
    result = _run(["manage.py", "collectstatic", "--noinput", "-v0"], env)
    assert result.returncode == 0, result.stderr
    return env


def _run(args, env, **kw):
    return subprocess.run([sys.executable, *args], cwd=BASE, env=env, capture_output=True, text=True, timeout=180, **kw)


def test_env_example_lists_every_variable_the_settings_read():
    source = (BASE / "smes" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z0-9_]+)"', source))
    documented = set(_env_example())
    assert read, "no environment variable found in settings.py"
    assert read - documented == set(), f"missing from .env.example: {sorted(read - documented)}"


def test_env_example_holds_no_real_secret():
    value = _env_example()["SECRET_KEY"]
    assert value == "" or "change" in value.lower()
    assert ".env" in (BASE / ".gitignore").read_text().split()


def test_check_deploy_is_clean_under_the_production_environment(tmp_path):
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"], production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced).", result.stdout + result.stderr


def test_without_secret_key_the_production_settings_refuse_to_start(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = _run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "With DEBUG off, SECRET_KEY and ALLOWED_HOSTS must be set (see .env.example)." in result.stderr


_HEADERS_SCRIPT = """
import json, django
django.setup()
from django.test import Client
r = Client(HTTP_HOST="smes.example.org").get("/connexion/", secure=True)
print(json.dumps({"status": r.status_code, "headers": dict(r.headers), "cookies": {k: dict(v) for k, v in r.cookies.items()}}))
"""


def test_production_responses_carry_hsts_csp_and_frame_denial(tmp_path):
    env = collected_production_env(tmp_path)
    env["ALLOWED_HOSTS"] = "smes.example.org"
    result = _run(["-c", _HEADERS_SCRIPT], env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    headers = data["headers"]
    assert data["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    csp = headers["Content-Security-Policy"]
    directives = dict((part.split(" ", 1) + [""])[:2] for part in csp.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert data["cookies"]["csrftoken"]["secure"] is True


def test_plain_http_is_redirected_to_https_in_production(tmp_path):
    env = collected_production_env(tmp_path)
    env["ALLOWED_HOSTS"] = "smes.example.org"
    script = _HEADERS_SCRIPT.replace("secure=True", "secure=False")
    data = json.loads(_run(["-c", script], env).stdout.strip().splitlines()[-1])
    assert data["status"] == 301
    assert data["headers"]["Location"] == "https://smes.example.org/connexion/"


@pytest.mark.parametrize(
    "setting, value",
    [("SESSION_COOKIE_HTTPONLY", True), ("X_FRAME_OPTIONS", "DENY"), ("SESSION_SAVE_EVERY_REQUEST", True)],
)
def test_development_settings_keep_the_safe_defaults(setting, value):
    assert getattr(settings, setting) == value


_PROXY_SCRIPT = """
import json, django
django.setup()
from django.conf import settings
from django.test import RequestFactory
from axes.helpers import get_client_ip_address
rf = RequestFactory()
seen = {
    name: get_client_ip_address(rf.post("/connexion/", REMOTE_ADDR="127.0.0.1", **extra))
    for name, extra in {
        "client": {"HTTP_X_FORWARDED_FOR": "198.51.100.20"},
        "forged": {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 10.0.0.1, 198.51.100.20"},
        "direct": {},
    }.items()
}
print(json.dumps({
    "seen": seen,
    "order": list(settings.AXES_IPWARE_META_PRECEDENCE_ORDER),
    "count": settings.AXES_IPWARE_PROXY_COUNT,
    "params": settings.AXES_LOCKOUT_PARAMETERS,
    "reset": settings.AXES_RESET_ON_SUCCESS,
}))
"""


def test_the_proxy_settings_of_env_example_read_the_client_address_from_the_proxy(tmp_path):
    """With `.env.example` (AXES_BEHIND_PROXY=true, one proxy) the lock-out counts
    the address the proxy appended, not the proxy's own nor one the client forged."""
    result = _run(["-c", _PROXY_SCRIPT], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["seen"] == {"client": "198.51.100.20", "forged": "198.51.100.20", "direct": "127.0.0.1"}
    assert data["order"] == ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    assert data["count"] == 0  # the one proxy is REMOTE_ADDR; no other proxy is listed in the header
    assert data["params"] == [["username", "ip_address"]] and data["reset"] is True


def test_ipware_is_installed_so_that_axes_reads_forwarded_addresses():
    from axes import helpers

    assert helpers.IPWARE_INSTALLED
