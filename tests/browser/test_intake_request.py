"""Issue 18: a Support worker records a request on a 360-px phone and sees
the ordinance's verdict change live (htmx, no inline script)."""

from __future__ import annotations

import time

import pytest

from intake.models import Request


@pytest.mark.django_db(transaction=True)
def test_support_records_a_request_on_a_phone_and_sees_the_verdict(live_server, phone, login, alice):
    page = login(phone, alice)
    started = time.monotonic()
    page.goto(f"{live_server.url}/demandes/nouvelle/")
    page.select_option("#id_requester", "PERSON")
    page.select_option("#id_channel", "STREET")
    page.fill("#id_name", "Didier")
    page.select_option("#id_sex", "M")
    page.select_option("#id_ethos", "1")
    page.fill("#id_months_2y", "10")
    page.fill("#id_months_3y", "20")
    page.check("#id_mental_health")
    page.locator("#verdict.no").wait_for()
    assert "santé mentale et assuétudes" in page.inner_text("#verdict")
    page.check("#id_addiction")
    page.locator("#verdict.ok").wait_for()
    assert "Éligible selon l'ordonnance" in page.inner_text("#verdict")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("form.intake-form button.primary")
    page.wait_for_url("**/demandes/*/")
    assert time.monotonic() - started < 60
    req = Request.objects.get()
    assert req.name == "Didier" and req.status == "RECEIVED"
    assert "Éligible selon l'ordonnance" in page.inner_text("main")
