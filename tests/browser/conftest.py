"""Browser tests: Playwright driving Debian's Chromium against live_server.

Never downloads a browser. Without /usr/bin/chromium the tests are skipped
locally and FAIL in CI (CI=true), where .ci/run installs it.
"""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db.backends.signals import connection_created
from django.test.testcases import LiveServerThread

from tests.conftest import IN_CI, PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


# On SQLite, one gate for the test database: the live server holds it while
# it answers a request (the view and its whole body), the test's own thread
# for each statement. Without it, a test that ends while the page still
# fetches (its service worker caching the app shell) flushed the database
# under a running request: "database table is locked" at teardown. The test
# thread may hold another connection object than the server's (Playwright's
# event loop gives it a context of its own), and SQLite's shared-cache locks
# between two connections fail at once instead of waiting.
DB_GATE = threading.RLock()


def _gated_execute(execute, sql, params, many, context):
    with DB_GATE:
        return execute(sql, params, many, context)


def _gate_connection(sender, connection, **kwargs):
    if connection.vendor == "sqlite" and _gated_execute not in connection.execute_wrappers:
        connection.execute_wrappers.append(_gated_execute)


def _gated_app(app):
    def answer(environ, start_response):
        with DB_GATE:
            result = app(environ, start_response)
            try:
                # A streamed body runs its queries while it is read: read it
                # inside the gate (tests only; the real server streams).
                return [b"".join(result)]
            finally:
                if hasattr(result, "close"):
                    result.close()

    return answer


class SerialWSGIServer(WSGIServer):
    """The live server answering one request at a time: on SQLite the test
    database lives in memory and every thread of the live server shares its
    one connection, and two requests at once (the browser loads a page, its
    service worker and htmx call in parallel) could leave both waiting
    forever inside SQLite. Django's non-threaded server closes each
    connection after its answer, so a kept-alive connection never blocks
    the next request. Reading a request from its socket stays outside the
    gate (a browser's idle pre-connection must not stop the test's thread)."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override

    def get_app(self):
        return _gated_app(super().get_app())


@pytest.fixture(scope="session", autouse=True)
def _serial_live_server_on_sqlite():
    from django.db import connections

    if connections["default"].vendor != "sqlite":
        yield
        return
    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = SerialWSGIServer
    for conn in connections.all(initialized_only=True):
        _gate_connection(None, conn)
    connection_created.connect(_gate_connection, dispatch_uid="browser-db-gate")
    yield
    connection_created.disconnect(dispatch_uid="browser-db-gate")
    LiveServerThread.server_class = threaded


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        if IN_CI:
            pytest.fail(f"Chromium not found at {CHROMIUM}: CI must install Debian's chromium")
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
        ],
    }


@pytest.fixture
def phone(browser):
    """A 360 × 740 phone-sized page."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="fr-BE", device_scale_factor=2, has_touch=True
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-BE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(live_server):
    """login(page, user) — logs in through the real login form."""

    def do(page, user):
        page.goto(f"{live_server.url}/connexion/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        # "main": the top bar's language buttons are submit buttons too.
        page.click("main button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    return do
