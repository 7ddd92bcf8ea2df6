"""The test's own thread may write to the database while the browser is
still fetching (a service worker caching the app shell after the test's
last step, htmx calls): on SQLite neither side may meet "database table is
locked" (CI failed once at a teardown's flush for that). On PostgreSQL the
database itself makes them wait."""

from __future__ import annotations

import threading
import urllib.request

import pytest
from django.contrib.auth.models import User
from django.utils import timezone


@pytest.mark.django_db(transaction=True)
def test_the_database_takes_writes_while_the_live_server_answers(live_server, phone, login, alice):
    page = login(phone, alice)  # Playwright's loop now runs in this thread
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
    stop, statuses, failures = threading.Event(), [], []

    def browse():
        while not stop.is_set():
            request = urllib.request.Request(f"{live_server.url}/", headers={"Cookie": cookie})
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    answer.read()
                    statuses.append(answer.status)
            except Exception as error:  # noqa: BLE001 — any failure is the finding
                failures.append(repr(error))

    reader = threading.Thread(target=browse)
    reader.start()
    try:
        for _ in range(150):
            User.objects.filter(pk=alice.pk).update(last_login=timezone.now())
            User.objects.get(pk=alice.pk)
    finally:
        stop.set()
        reader.join()
    assert not failures
    assert statuses and set(statuses) == {200}
