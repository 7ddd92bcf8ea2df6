"""A housing officer records a transfer to another dwelling from the tenant
page and sees the new address at the top of that page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from housing.models import MoveKind, Stay
from housing.services import move_record
from tests.factories import DwellingFactory, PartnerFactory, TenantFactory


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_housing_officer_records_a_transfer_and_sees_the_new_address(live_server, request, login, bob, device):
    page = request.getfixturevalue(device)
    partner = PartnerFactory(name="AIS Saint-Josse")
    old = DwellingFactory(
        code="D-0100", partner=partner, address="Rue Royale 10", postcode="1030", commune="Schaerbeek"
    )
    new = DwellingFactory(
        code="D-0200", partner=partner, address="Rue de la Poste 52", postcode="1210", commune="Saint-Josse-ten-Noode"
    )
    tenant = TenantFactory(first_name="Zoé", last_name="Willems", followup_start=dt.date(2021, 5, 10))
    move_record(tenant=tenant, date=dt.date(2022, 3, 1), kind=MoveKind.ENTRY, dwelling=old)
    login(page, bob)

    page.goto(f"{live_server.url}/locataires/{tenant.pk}/")
    panel = page.locator("section.housing-panel")
    assert "Rue Royale 10" in panel.locator(".current-address").text_content()
    panel.get_by_role("link", name="Enregistrer un mouvement").click()

    # The form starts from the tenant's state: a transfer, from the current flat.
    expect(page.get_by_text("Logement actuel")).to_be_visible()
    assert page.locator("input[name=kind][value=TRANSFER]").is_checked()
    # The exit destination is hidden for a transfer.
    expect(page.locator("fieldset[data-kinds=EXIT]")).to_be_hidden()
    page.fill("#id_date", "2025-02-03")
    page.select_option("#id_dwelling", str(new.pk))
    page.click("main form.move-form button[type=submit]")

    page.wait_for_url(f"{live_server.url}/locataires/{tenant.pk}/")
    expect(page.get_by_text("Mouvement enregistré")).to_be_visible()
    address = page.locator("section.housing-panel .current-address").text_content()
    assert "Rue de la Poste 52" in address and "1210 Saint-Josse-ten-Noode" in address
    history = page.locator("section.housing-panel ol.stays li")
    assert history.count() == 2
    assert "D-0100" in history.nth(1).text_content() and "02/02/2025" in history.nth(1).text_content()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert Stay.objects.get(tenant=tenant, end__isnull=True).dwelling == new


@pytest.mark.django_db(transaction=True)
def test_a_refused_transfer_shows_the_reason_on_the_field(live_server, phone, login, bob):
    taken = DwellingFactory(code="D-0300", address="Rue Haute 1")
    DwellingFactory(code="D-0100")
    someone = TenantFactory(followup_start=dt.date(2020, 1, 1))
    move_record(tenant=someone, date=dt.date(2022, 1, 1), kind=MoveKind.ENTRY, dwelling=taken)
    tenant = TenantFactory(followup_start=dt.date(2020, 1, 1))
    move_record(
        tenant=tenant,
        date=dt.date(2022, 1, 1),
        kind=MoveKind.ENTRY,
        dwelling=taken.__class__.objects.get(code="D-0100"),
    )
    page = login(phone, bob)
    page.goto(f"{live_server.url}/logement/mouvements/nouveau/?locataire={tenant.pk}")
    page.fill("#id_date", "2025-02-03")
    page.select_option("#id_dwelling", str(taken.pk))
    page.click("main form.move-form button[type=submit]")
    expect(page.get_by_text("Logement : D-0300 est complet le 03/02/2025 (capacité : 1).")).to_be_visible()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_transfer_ends_the_lease_of_the_dwelling_left_in_the_same_step(live_server, request, login, bob, device):
    from decimal import Decimal

    from housing.models import Lease

    page = request.getfixturevalue(device)
    partner = PartnerFactory(name="AIS Delta")
    ux1 = DwellingFactory(code="UX-01", partner=partner, address="Rue de la Victoire 12", commune="Saint-Gilles")
    ux2 = DwellingFactory(code="UX-02", partner=partner, address="Rue du Fort 31", commune="Saint-Gilles")
    tenant = TenantFactory(followup_start=dt.date(2021, 5, 10))
    move_record(tenant=tenant, date=dt.date(2022, 3, 1), kind=MoveKind.ENTRY, dwelling=ux1)
    lease = Lease.objects.create(
        tenant=tenant, dwelling=ux1, kind="SLIDING", start=dt.date(2022, 3, 1), rent=Decimal(640), charges=50
    )
    login(page, bob)
    page.goto(f"{live_server.url}/locataires/{tenant.pk}/")
    assert "Bail glissant" in page.locator("section.housing-panel .current-address").text_content()
    page.locator("section.housing-panel").get_by_role("link", name="Enregistrer un mouvement").click()

    offer = page.locator(".end-leases")
    expect(offer).to_be_visible()
    assert "UX-01 · Bail glissant · 690,00" in offer.text_content()
    assert page.locator("input[name=end_leases]").is_checked()
    page.locator("label.chip", has_text="Entrée").click()  # not for an entry
    expect(offer).to_be_hidden()
    page.locator("label.chip", has_text="Déménagement").click()
    expect(offer).to_be_visible()
    page.fill("#id_date", "2025-02-03")
    page.select_option("#id_dwelling", str(ux2.pk))
    page.click("main form.move-form button[type=submit]")

    page.wait_for_url(f"{live_server.url}/locataires/{tenant.pk}/")
    expect(page.get_by_text("Bail glissant du logement UX-01 terminé le 03/02/2025.")).to_be_visible()
    current = page.locator("section.housing-panel .current-address").text_content()
    assert "Rue du Fort 31" in current and "Bail glissant" not in current and "690" not in current
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    lease.refresh_from_db()
    assert lease.end == dt.date(2025, 2, 3)


@pytest.mark.django_db(transaction=True)
def test_install_someone_from_a_dwelling_prefills_it_and_follows_the_tenant(live_server, phone, login, bob):
    free = DwellingFactory(code="UX-03", address="Rue de Mérode 8")
    elsewhere = DwellingFactory(code="UX-04")
    housed = TenantFactory(last_name="Aaron", followup_start=dt.date(2020, 1, 1))
    TenantFactory(last_name="Zeller", followup_start=dt.date(2020, 1, 1))
    move_record(tenant=housed, date=dt.date(2022, 1, 1), kind=MoveKind.ENTRY, dwelling=elsewhere)
    page = login(phone, bob)
    page.goto(f"{live_server.url}/logement/logements/{free.pk}/")
    page.get_by_role("link", name="Y installer quelqu'un").click()
    assert page.locator("#id_dwelling").input_value() == str(free.pk)
    assert page.locator("input[name=kind][value=ENTRY]").is_checked()
    # Someone already housed: the pre-filled entry becomes a transfer.
    page.select_option("#id_tenant", str(housed.pk))
    assert page.locator("input[name=kind][value=TRANSFER]").is_checked()
    assert page.locator("#id_dwelling").input_value() == str(free.pk)
    page.fill("#id_date", "2025-02-03")
    page.click("main form.move-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/locataires/{housed.pk}/")
    assert Stay.objects.get(tenant=housed, end__isnull=True).dwelling == free
