"""Logging, planning and closing visits on a phone.

Every tap after the tenant is picked goes through `Counter.tap`: a routine
home visit must take at most 5 (durations have one-tap presets, so no
keystroke is needed).
Screenshots go to $VISIT_SHOTS (default: the test's tmp dir)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tenants.models import Visit, VisitStatus
from tests.factories import GafScoreFactory, TenantFactory, VisitFactory

MAX_INTERACTIONS = 5


def shots(tmp_path) -> Path:
    path = Path(os.environ.get("VISIT_SHOTS", tmp_path))
    path.mkdir(parents=True, exist_ok=True)
    return path


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


class Counter:
    """Counts what the worker's fingers do."""

    def __init__(self, page):
        self.page, self.n = page, 0

    def tap(self, locator):
        locator.tap()
        self.n += 1


@pytest.mark.django_db(transaction=True)
def test_a_routine_home_visit_takes_at_most_5_taps_and_lands_on_the_timeline(
    live_server, phone, login, alice, tmp_path
):
    tenant = TenantFactory(first_name="Zoé", last_name="Willems", followup_start=dt.date(2020, 1, 1))
    page = login(phone, alice)
    out = shots(tmp_path)

    # One tap from the tenant page.
    page.goto(f"{live_server.url}/locataires/{tenant.pk}/")
    page.locator(".visits-panel a.btn.primary").tap()
    page.wait_for_url(f"**/locataires/visites/noter/?tenant={tenant.pk}")
    assert fits(page)
    page.screenshot(path=str(out / "quicklog_phone.png"), full_page=True)
    page.evaluate("window.__no_reload = true")

    fingers = Counter(page)
    fingers.tap(page.locator("label.chip", has_text="Quotidien"))
    fingers.tap(page.locator("label.chip", has_text="Médical"))
    fingers.tap(page.locator('button.preset[data-fill="duration_min"][data-value="45"]'))
    fingers.tap(page.locator("button.ql-save"))
    page.locator(".ql-saved").wait_for()
    assert fingers.n <= MAX_INTERACTIONS

    # Saved without a page load; a fresh form is ready for the next one.
    assert page.evaluate("window.__no_reload === true")
    assert page.locator(".ql-saved").inner_text().startswith("✓ Contact enregistré")
    assert page.locator('input[name="motives"]:checked').count() == 0
    assert fits(page)
    page.screenshot(path=str(out / "quicklog_saved_phone.png"))  # what the worker sees

    visit = Visit.objects.get(tenant=tenant)
    assert (visit.kind, visit.status, visit.date) == ("HOME", VisitStatus.DONE, dt.date.today())
    assert visit.motives == ["DAILY", "MEDICAL"] and visit.duration_min == 45
    assert list(visit.workers.all()) == [alice]

    page.goto(f"{live_server.url}/locataires/{tenant.pk}/chronologie/")
    entry = page.locator(".timeline li.t-visit").first  # after the year heading
    assert "Visite à domicile" in entry.inner_text()
    assert "Quotidien" in entry.inner_text() and "Médical" in entry.inner_text()
    assert fits(page)
    page.screenshot(path=str(out / "timeline_phone.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_from_the_home_page_pick_a_tenant_and_log_a_phone_call(live_server, phone, login, alice, tmp_path):
    tenant = TenantFactory(first_name="Ali", last_name="Benali")
    page = login(phone, alice)
    page.locator("#ql-tenant").fill("benali")  # the type-ahead: one match opens the quick log
    page.locator("#quicklog form").wait_for()
    assert fits(page)
    page.screenshot(path=str(out_path := shots(tmp_path) / "home_quicklog_phone.png"), full_page=True)
    assert out_path.exists()

    fingers = Counter(page)
    fingers.tap(page.locator("label.chip", has_text="Téléphone"))
    fingers.tap(page.locator("label.chip", has_text="Logement"))
    fingers.tap(page.locator('button.preset[data-fill="duration_min"][data-value="10"]'))
    fingers.tap(page.locator("button.ql-save"))
    page.locator(".ql-saved").wait_for()
    assert fingers.n <= MAX_INTERACTIONS
    visit = Visit.objects.get(tenant=tenant)
    assert (visit.kind, visit.motives, visit.duration_min) == ("PHONE", ["HOUSING"], 10)


@pytest.mark.django_db(transaction=True)
def test_an_error_keeps_the_form_and_says_why(live_server, phone, login, alice):
    tenant = TenantFactory()
    page = login(phone, alice)
    page.goto(f"{live_server.url}/locataires/visites/noter/?tenant={tenant.pk}")
    page.fill("#id_date", (dt.date.today() + dt.timedelta(days=40)).isoformat())
    page.locator("button.ql-save").tap()
    page.get_by_text("Un contact réalisé, absent ou annulé ne peut pas être daté dans le futur.").wait_for()
    assert not Visit.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_plan_then_close_from_my_week(live_server, browser, device, request, login, alice, tmp_path):
    page = request.getfixturevalue(device)
    out = shots(tmp_path)
    tenant = TenantFactory(first_name="Marc", last_name="Dubois")
    yesterday = dt.date.today() - dt.timedelta(days=1)
    old = VisitFactory(tenant=tenant, date=yesterday, status=VisitStatus.PLANNED, created_by=alice, time=dt.time(10, 0))
    old.workers.set([alice])
    login(page, alice)

    page.goto(f"{live_server.url}/locataires/visites/noter/?plan=1&tenant={tenant.pk}")
    assert page.locator('input[name="status"][value="PLANNED"]').is_checked()
    page.locator("label.chip", has_text="Psy").click()
    page.locator("button.ql-save").click()
    page.locator(".ql-saved").wait_for()
    planned = Visit.objects.exclude(pk=old.pk).get()
    assert planned.status == VisitStatus.PLANNED and planned.date > dt.date.today()

    page.goto(f"{live_server.url}/locataires/ma-semaine/?semaine={yesterday.isoformat()}")
    assert fits(page)
    page.screenshot(path=str(out / f"my_week_{device}.png"), full_page=True)
    row = page.locator(f"#visit-{old.pk}")
    assert "à clôturer" in row.inner_text()
    row.locator("button.close-absent").click()
    page.locator(f"#visit-{old.pk}.vrow-absent").wait_for()
    old.refresh_from_db()
    assert old.status == VisitStatus.ABSENT


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_team_view_and_desktop_quicklog_fit(live_server, browser, device, request, login, alice, tmp_path):
    page = request.getfixturevalue(device)
    out = shots(tmp_path)
    for i in range(4):
        TenantFactory(first_name=f"Prénom{i}", last_name=f"Nom{i}", followup_start=dt.date(2025, 1, 1))
    tenant = TenantFactory()
    login(page, alice)
    page.goto(f"{live_server.url}/locataires/visites/sans-contact/")
    assert page.locator("table.stack tbody tr").count() == 5
    assert fits(page)
    page.screenshot(path=str(out / f"not_seen_{device}.png"), full_page=True)
    page.goto(f"{live_server.url}/locataires/visites/noter/?tenant={tenant.pk}")
    assert fits(page)
    page.screenshot(path=str(out / f"quicklog_{device}.png"), full_page=True)
    page.goto(f"{live_server.url}/")
    assert fits(page)
    page.screenshot(path=str(out / f"home_{device}.png"), full_page=True)

    for i, (kind, status) in enumerate(
        [("HOME", "DONE"), ("PHONE", "DONE"), ("EXTERNAL", "ABSENT"), ("HOME", "PLANNED")]
    ):
        visit = VisitFactory(
            tenant=tenant,
            date=dt.date.today() - dt.timedelta(days=[1, 4, 7, -2][i]),
            kind=kind,
            status=status,
            created_by=alice,
            note="Angoissé par le courrier du CPAS." if i == 0 else "",
        )
        visit.motives = ["DAILY", "ADMIN_JUSTICE"][: i % 3]
        visit.save()
        visit.workers.set([alice])
    GafScoreFactory(tenant=tenant, date=dt.date.today() - dt.timedelta(days=5), score=45)
    page.goto(f"{live_server.url}/locataires/{tenant.pk}/chronologie/")
    assert fits(page)
    page.screenshot(path=str(out / f"timeline_{device}.png"), full_page=True)
    page.goto(f"{live_server.url}/locataires/{tenant.pk}/")
    assert fits(page)
    page.locator(".visits-panel").screenshot(path=str(out / f"panel_{device}.png"))
