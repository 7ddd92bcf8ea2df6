"""A support worker on a phone finds a tenant, adds a GAF score and sees it
on the chart; a housing officer is refused the clinical page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tenants.models import GafScore
from tests.factories import GafScoreFactory, TenantFactory


@pytest.mark.django_db(transaction=True)
def test_support_worker_adds_a_gaf_score_from_a_phone(live_server, phone, login, alice):
    tenant = TenantFactory(first_name="Zoé", last_name="Willems", code="HF-0042", followup_start=dt.date(2021, 5, 10))
    TenantFactory(first_name="Marc", last_name="Peeters", code="HF-0043")
    GafScoreFactory(tenant=tenant, date=dt.date(2021, 8, 18), score=25)
    page = login(phone, alice)

    page.goto(f"{live_server.url}/locataires/")
    page.fill("input[name=q]", "willems")
    page.click("form[role=search] button[type=submit]")
    page.get_by_role("link", name="WILLEMS Zoé").click()
    page.wait_for_url(f"{live_server.url}/locataires/{tenant.pk}/")
    assert page.locator(".gaf-dot").count() == 1

    page.get_by_role("link", name="+ Score EGF").first.click()
    expect(page.get_by_text("symptômes modérés OU altération modérée")).to_be_visible()
    # A score out of range is refused with a clear message.
    page.fill("#id_date", dt.date.today().isoformat())
    page.fill("#id_score", "101")
    page.click("main form.form button[type=submit]")
    expect(page.get_by_text("Le score EGF va de 1 à 100.")).to_be_visible()
    assert GafScore.objects.count() == 1

    page.fill("#id_score", "55")
    page.click("main form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/locataires/{tenant.pk}/")
    expect(page.get_by_text("Score EGF enregistré.")).to_be_visible()
    assert page.locator(".gaf-dot").count() == 2
    assert page.locator(".gaf-value").text_content() == "55"
    assert page.locator(".gaf-timeline li").first.locator("strong").text_content() == "55"
    # No horizontal scrolling on a 360-px phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert GafScore.objects.get(score=55).scored_by == alice


@pytest.mark.django_db(transaction=True)
def test_housing_officer_is_refused_the_clinical_page(live_server, phone, login, bob):
    tenant = TenantFactory()
    GafScoreFactory(tenant=tenant, score=33)
    page = login(phone, bob)
    response = page.goto(f"{live_server.url}/locataires/{tenant.pk}/clinique/")
    assert response.status == 403
    response = page.goto(f"{live_server.url}/locataires/{tenant.pk}/")
    assert response.status == 200
    assert page.locator(".gaf-chart, .gaf-timeline, .clinical-block").count() == 0
    assert "Échelle globale de fonctionnement" not in page.locator("main").inner_text()
