"""The stock page and its forms on a phone and on a desktop: they fit the
screen, and a receipt then a distribution move the stock. Screenshots go to
$RDR_SHOTS (default: the test's tmp dir) for a person to look at."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from harmreduction.models import Item
from harmreduction.selectors import items_with_stock
from tests.harmreduction.catalogue import restore_catalogue


def shots_dir(tmp_path) -> Path:
    path = Path(os.environ.get("RDR_SHOTS", tmp_path))
    path.mkdir(parents=True, exist_ok=True)
    return path


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture(autouse=True)
def catalogue(transactional_db):
    restore_catalogue()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_manager_receives_and_support_distributes(
    device, request, live_server, login, maggie, alice, browser, tmp_path
):
    page = request.getfixturevalue(device)
    out = shots_dir(tmp_path)
    bd, h2o = Item.objects.get(code="BD"), Item.objects.get(code="H2O")

    login(page, maggie)
    page.goto(f"{live_server.url}/rdr/reception/")
    assert fits(page)
    page.fill("#id_supplier", "Modus Vivendi")
    page.fill(f"#id_q_{bd.pk}", "40")
    page.fill(f"#id_q_{h2o.pk}", "12")
    page.screenshot(path=str(out / f"rdr_receipt_{device}.png"), full_page=True)
    page.click("main form button.btn.primary")
    page.wait_for_url(f"{live_server.url}/rdr/")
    expect(page.get_by_text("Réception enregistrée.")).to_be_visible()
    assert fits(page)
    page.screenshot(path=str(out / f"rdr_stock_{device}.png"), full_page=True)
    # H2O (12) is under its threshold (40): highlighted.
    assert "is-low" in page.locator(".rdr-level", has_text="Eau stérile").get_attribute("class")

    page.goto(f"{live_server.url}/rdr/ajustement/")
    assert fits(page)
    page.screenshot(path=str(out / f"rdr_adjust_{device}.png"), full_page=True)
    page.goto(f"{live_server.url}/rdr/bilan/")
    assert fits(page)
    page.screenshot(path=str(out / f"rdr_yearly_{device}.png"), full_page=True)

    page.context.clear_cookies()
    login(page, alice)
    page.goto(f"{live_server.url}/rdr/distribution/")
    assert fits(page)
    page.fill(f"#id_q_{bd.pk}", "41")
    page.click("main form button.btn.primary")
    expect(
        page.get_by_text("Stock insuffisant pour « Seringue BD (normale) » : il en reste 40, 41 demandé(s).")
    ).to_be_visible()
    page.screenshot(path=str(out / f"rdr_distribution_error_{device}.png"), full_page=True)
    page.fill(f"#id_q_{bd.pk}", "5")
    page.click("main form button.btn.primary")
    page.wait_for_url(f"{live_server.url}/rdr/")
    assert items_with_stock().get(pk=bd.pk).stock == 35
    page.goto(f"{live_server.url}/rdr/mouvements/")
    assert fits(page)
    page.screenshot(path=str(out / f"rdr_movements_{device}.png"), full_page=True)
