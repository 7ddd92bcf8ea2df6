"""Closing a planned visit as done on a phone asks for its duration (the
quick log's presets), and "Ma semaine" counters follow. Screenshots go to
$VISIT_SHOTS."""

from __future__ import annotations

import datetime as dt

import pytest

from tenants.models import Visit, VisitStatus
from tests.browser.test_visit_quicklog import fits, shots
from tests.factories import TenantFactory, VisitFactory


def stat(page, label):
    return page.locator(f"#week-stats .stat:has(.label:text-is('{label}')) .value").inner_text()


@pytest.mark.django_db(transaction=True)
def test_done_asks_the_duration_then_closes_and_the_counters_follow(live_server, phone, login, alice, tmp_path):
    tenant = TenantFactory(first_name="Marc", last_name="Dubois")
    today = dt.date.today()
    visit = VisitFactory(tenant=tenant, date=today, status=VisitStatus.PLANNED, created_by=alice, duration_min=None)
    visit.workers.set([alice])
    page = login(phone, alice)
    page.goto(f"{live_server.url}/locataires/ma-semaine/")
    assert (stat(page, "réalisées"), stat(page, "à venir")) == ("0", "1")

    row = page.locator(f"#visit-{visit.pk}")
    row.locator("button.close-done").tap()
    row.get_by_text("Durée de la visite ?").wait_for()
    assert Visit.objects.get().status == VisitStatus.PLANNED
    assert fits(page)
    row.screenshot(path=str(shots(tmp_path) / "close_duration_phone.png"))
    page.screenshot(path=str(shots(tmp_path) / "close_duration_page_phone.png"), full_page=False)

    row.locator('button.preset[name="duration_min"][value="45"]').tap()
    page.locator(f"#visit-{visit.pk}.vrow-done").wait_for()
    visit.refresh_from_db()
    assert (visit.status, visit.duration_min) == (VisitStatus.DONE, 45)
    assert (stat(page, "réalisées"), stat(page, "à venir")) == ("1", "0")
    assert "45 min" in page.locator(f"#visit-{visit.pk}").inner_text()
