"""The tenant picker on a 360-px phone: a keyboard-usable, accent-blind
type-ahead (ARIA combobox + listbox), caseload first, that opens the quick
log when one tenant is left. Screenshots go to $VISIT_SHOTS."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.test_visit_quicklog import fits, shots
from tests.factories import TenantFactory, VisitFactory

START = dt.date(2020, 1, 1)


@pytest.fixture
def people(alice, sam):
    today = dt.date.today()
    p = {
        # Aerts Helena sorts before Dupré Hélène by name, but Hélène is in
        # alice's caseload.
        "helena": TenantFactory(code="HF-0001", first_name="Helena", last_name="Aerts", followup_start=START),
        "helene": TenantFactory(code="HF-0002", first_name="Hélène", last_name="Dupré", followup_start=START),
        "zoe": TenantFactory(code="HF-0003", first_name="Zoé", last_name="Willems", followup_start=START),
    }
    for i in range(30):
        TenantFactory(code=f"HF-1{i:03d}", first_name="Jo", last_name=f"Nom{i:02d}", followup_start=START)
    VisitFactory(tenant=p["helene"], date=today - dt.timedelta(days=3), created_by=alice)
    return p


def option_names(page):
    return page.locator("#ql-tenant-list [role=option]:visible .tp-name").all_inner_texts()


@pytest.mark.django_db(transaction=True)
def test_typing_helene_shows_the_caseload_first_and_the_last_match_opens(
    live_server, phone, login, alice, people, tmp_path
):
    page = login(phone, alice)
    box = page.locator("#ql-tenant")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-controls") == "ql-tenant-list"

    box.tap()  # focus: the caseload
    assert option_names(page) == ["Dupré Hélène"]
    assert box.get_attribute("aria-expanded") == "true"

    box.press_sequentially("hel", delay=30)
    assert option_names(page) == ["Dupré Hélène", "Aerts Helena"]
    active = box.get_attribute("aria-activedescendant")
    assert active == f"ql-tenant-o{people['helene'].pk}"
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    # Keyboard: down to the second one, and back.
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == f"ql-tenant-o{people['helena'].pk}"
    box.press("ArrowUp")
    assert fits(page)
    page.screenshot(path=str(shots(tmp_path) / "picker_typing_phone.png"), full_page=False)

    box.press_sequentially("ene", delay=30)  # "helene": one left, it opens by itself
    page.locator(f'#quicklog form input[name=tenant][value="{people["helene"].pk}"]').wait_for(state="attached")
    assert "Hélène Dupré" in page.locator("#quicklog .ql-name").inner_text()
    assert box.get_attribute("aria-expanded") == "false"
    assert fits(page)
    page.screenshot(path=str(shots(tmp_path) / "picker_opened_phone.png"), full_page=False)


@pytest.mark.django_db(transaction=True)
def test_enter_opens_the_highlighted_tenant(live_server, phone, login, alice, people):
    page = login(phone, alice)
    page.goto(f"{live_server.url}/locataires/visites/noter/")
    box = page.locator("#ql-tenant")
    box.fill("willems")  # one input event: one match
    box.press("Enter")
    page.locator(f'#quicklog form input[name=tenant][value="{people["zoe"].pk}"]').wait_for(state="attached")


@pytest.mark.django_db(transaction=True)
def test_many_matches_are_capped_and_escape_closes(live_server, phone, login, alice, people):
    page = login(phone, alice)
    box = page.locator("#ql-tenant")
    box.fill("nom")
    assert len(option_names(page)) == 8
    expect(page.locator("#ql-tenant-list .tp-more")).to_be_visible()
    assert page.locator("#ql-tenant-status").inner_text() == "30 locataires, flèches pour choisir."
    box.press("Escape")
    expect(page.locator("#ql-tenant-list")).to_be_hidden()


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_picker_is_a_search_form(live_server, browser, login, alice, people):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-BE", java_script_enabled=False)
    page = context.new_page()
    login(page, alice)
    expect(page.locator("#ql-tenant-list")).to_be_hidden()
    page.fill("#ql-tenant", "hel")
    page.locator("form.tpick button[type=submit]").click()
    assert page.locator(".tp-results li").all_inner_texts()[0].startswith("Dupré Hélène")
    page.fill("#ql-tenant", "willems")
    page.locator("form.tpick button[type=submit]").click()
    page.wait_for_url(f"**/locataires/visites/noter/?tenant={people['zoe'].pk}")
    assert "Zoé Willems" in page.locator(".ql-name").inner_text()
    context.close()
