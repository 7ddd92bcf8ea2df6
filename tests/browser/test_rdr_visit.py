"""A support worker logs a home visit on a phone and gives two kinds of
material in the same form; the stock drops accordingly."""

import datetime as dt

import pytest

from harmreduction.models import Item, Movement, MovementKind
from harmreduction.selectors import items_with_stock
from harmreduction.services import receipt_record
from tenants.models import Visit
from tests.factories import TenantFactory
from tests.harmreduction.catalogue import restore_catalogue


@pytest.fixture(autouse=True)
def catalogue(transactional_db):
    restore_catalogue()


@pytest.mark.django_db(transaction=True)
def test_support_worker_gives_material_during_a_home_visit(live_server, phone, login, alice, maggie):
    bd, h2o = Item.objects.get(code="BD"), Item.objects.get(code="H2O")
    receipt_record(date=dt.date(2024, 3, 1), worker=maggie, supplier="Modus Vivendi", lines=[(bd, 30), (h2o, 40)])
    tenant = TenantFactory(first_name="Zoé", last_name="Willems")
    page = login(phone, alice)

    page.goto(f"{live_server.url}/locataires/visites/noter/?tenant={tenant.pk}")
    page.locator("details.rdr-ql > summary").click()
    page.select_option("#id_rdr-item_0", str(bd.pk))
    page.fill("#id_rdr-qty_0", "3")
    page.select_option("#id_rdr-item_1", str(h2o.pk))
    page.fill("#id_rdr-qty_1", "5")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("button.ql-save")
    page.locator(".ql-saved").wait_for()

    visit = Visit.objects.get(tenant=tenant)
    assert visit.kind == "HOME" and visit.status == "DONE"
    lines = Movement.objects.filter(kind=MovementKind.DISTRIBUTION, visit=visit)
    assert sorted(lines.values_list("item__code", "quantity")) == [("BD", 3), ("H2O", 5)]
    stock = {i.code: i.stock for i in items_with_stock().filter(code__in=["BD", "H2O"])}
    assert stock == {"BD": 27, "H2O": 35}

    page.goto(f"{live_server.url}/rdr/")
    assert page.locator(".rdr-level", has_text="Seringue BD").locator(".rdr-qty strong").text_content() == "27"
    assert page.locator(".rdr-level", has_text="Eau stérile").locator(".rdr-qty strong").text_content() == "35"


@pytest.mark.django_db(transaction=True)
def test_giving_more_than_the_stock_keeps_the_visit_unsaved(live_server, phone, login, alice, maggie):
    bd = Item.objects.get(code="BD")
    receipt_record(date=dt.date(2024, 3, 1), worker=maggie, supplier="Modus Vivendi", lines=[(bd, 2)])
    tenant = TenantFactory()
    page = login(phone, alice)
    page.goto(f"{live_server.url}/locataires/visites/noter/?tenant={tenant.pk}")
    page.locator("details.rdr-ql > summary").click()
    page.select_option("#id_rdr-item_0", str(bd.pk))
    page.fill("#id_rdr-qty_0", "4")
    page.click("button.ql-save")
    message = "Matériel RdR : Stock insuffisant pour « Seringue BD (normale) » : il en reste 2, 4 demandé(s)."
    # the form says it (the live region #live-status repeats it for screen readers)
    page.locator("#quicklog").get_by_text(message).wait_for()
    assert not Visit.objects.filter(tenant=tenant).exists()
    assert not Movement.objects.filter(kind=MovementKind.DISTRIBUTION).exists()
