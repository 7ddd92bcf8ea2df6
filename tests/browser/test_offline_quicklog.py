"""Issue 15: visits logged on a phone without network are kept, shown as
pending, and stored exactly once when the network returns.

The service worker, IndexedDB and the network cut are the real ones
(Playwright's `context.set_offline`). Screenshots go to $VISIT_SHOTS
(default: the test's tmp dir)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from harmreduction.models import Item, Movement, MovementKind
from harmreduction.selectors import items_with_stock
from harmreduction.services import receipt_record
from tenants.models import Visit
from tenants.services import tenant_end_followup
from tests.factories import TenantFactory
from tests.harmreduction.catalogue import restore_catalogue

QUICKLOG = "/locataires/visites/noter/"
OFFLINE = "/locataires/visites/hors-ligne/"


@pytest.fixture(autouse=True)
def catalogue(transactional_db):
    restore_catalogue()


def shots(tmp_path) -> Path:
    path = Path(os.environ.get("VISIT_SHOTS", tmp_path))
    path.mkdir(parents=True, exist_ok=True)
    return path


def ready(page):
    """offline.js has started (service worker registered, caseload stored).
    Polled inside the page: wait_for_function would need eval, which the
    CSP forbids."""
    page.evaluate(
        """async () => {
            for (let i = 0; i < 300 && !window.smesOffline; i++) await new Promise(r => setTimeout(r, 50));
            await window.smesOffline.ready;
        }"""
    )


def until(page, condition: str):
    """Poll an async JS condition (a function body) inside the page."""
    assert page.evaluate(
        "async () => { for (let i = 0; i < 300; i++) { if (await (async () => { "
        + condition
        + " })()) return true; await new Promise(r => setTimeout(r, 100)); } return false; }"
    ), condition


def install(page, live_server):
    """First online visit: the service worker takes control and keeps the
    offline quick log; the caseload is stored."""
    page.goto(f"{live_server.url}{QUICKLOG}")
    ready(page)
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()  # now controlled by the worker
    ready(page)
    until(page, "return navigator.serviceWorker.controller !== null;")
    until(page, f"return await caches.match('{OFFLINE}', {{cacheName: 'smes-pages'}});")


def log_offline(page, tenant, *, motive="Quotidien", rdr=None, date=None):
    page.select_option("#off-tenant", str(tenant.pk))
    page.locator("#offline-form label.chip", has_text=motive).click()
    if date:
        page.fill("#offline-form #id_date", date)
    if rdr:
        page.locator("#offline-form details.rdr-ql > summary").click()
        for n, (item, qty) in enumerate(rdr):
            page.select_option(f"#offline-form #id_rdr-item_{n}", str(item.pk))
            page.fill(f"#offline-form #id_rdr-qty_{n}", str(qty))
    page.click("#offline-form button.ql-save")
    page.locator(".off-kept").wait_for()


def local_store(page) -> dict:
    return page.evaluate(
        """async () => {
            const dbs = await indexedDB.databases();
            const names = await caches.keys();
            if (!dbs.some(d => d.name === 'smes-offline')) return {db: false, caches: names};
            const db = await new Promise((ok, ko) => { const r = indexedDB.open('smes-offline'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
            const count = (s) => new Promise(ok => { const r = db.transaction(s).objectStore(s).count(); r.onsuccess = () => ok(r.result); });
            const out = {db: true, queue: await count('queue'), caseload: await count('caseload'), caches: names};
            db.close();
            return out;
        }"""
    )


@pytest.mark.django_db(transaction=True)
def test_three_visits_logged_offline_are_stored_once_when_the_network_returns(
    live_server, phone, login, alice, maggie, tmp_path
):
    bd = Item.objects.get(code="BD")
    receipt_record(date=dt.date(2024, 3, 1), worker=maggie, supplier="Modus Vivendi", lines=[(bd, 30)])
    zoe = TenantFactory(first_name="Zoé", last_name="Willems")
    marc = TenantFactory(first_name="Marc", last_name="Peeters")
    page = login(phone, alice)
    context = page.context
    install(page, live_server)

    context.set_offline(True)
    page.goto(f"{live_server.url}{QUICKLOG}")  # served by the service worker
    page.locator("#offline-form").wait_for()
    ready(page)
    log_offline(page, zoe, motive="Quotidien", rdr=[(bd, 3)])
    log_offline(page, marc, motive="Logement")
    log_offline(page, zoe, motive="Psy")
    page.locator("#offline-bar[data-pending='3']").wait_for(state="attached")
    expect(page.locator("#offline-bar").get_by_text("3 visites en attente d'envoi")).to_be_visible()
    assert page.locator("#offline-bar .off-status").text_content() == "Hors connexion"
    assert not Visit.objects.exists()

    page.reload()  # still opens offline, the queue is still there
    page.locator("#offline-form").wait_for()
    ready(page)
    page.locator("#offline-bar[data-pending='3']").wait_for(state="attached")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(shots(tmp_path) / "offline_pending.png"), full_page=True)

    context.set_offline(False)
    page.locator("#offline-bar[data-pending='0']").wait_for()
    page.get_by_text("3 visites envoyées").wait_for()
    page.screenshot(path=str(shots(tmp_path) / "offline_synced.png"), full_page=True)

    assert Visit.objects.filter(tenant=zoe).count() == 2
    assert Visit.objects.filter(tenant=marc).count() == 1
    assert Visit.objects.filter(client_uuid__isnull=False).count() == 3
    given = Movement.objects.filter(kind=MovementKind.DISTRIBUTION)
    assert list(given.values_list("item__code", "quantity")) == [("BD", 3)]
    assert given.get().visit.tenant == zoe
    assert items_with_stock().get(code="BD").stock == 27

    # Sending again (another tab, a retry) changes nothing.
    page.evaluate("window.smesOffline.sync()")
    page.reload()
    ready(page)
    assert Visit.objects.count() == 3 and given.count() == 1
    page.locator("#offline-bar[data-pending='0']").wait_for(state="attached")


@pytest.mark.django_db(transaction=True)
def test_a_lost_response_after_the_server_saved_does_not_duplicate_on_retry(live_server, phone, login, alice):
    tenant = TenantFactory(first_name="Zoé", last_name="Willems")
    page = login(phone, alice)
    install(page, live_server)
    context = page.context

    context.set_offline(True)
    page.goto(f"{live_server.url}{OFFLINE}")
    ready(page)
    log_offline(page, tenant)

    # The POST reaches the server, which commits; the answer never arrives.
    lost = []

    def cut_answer(route):
        route.fetch()  # the server saves the visit
        lost.append(route.request.url)
        route.abort("connectionreset")

    page.route("**/locataires/visites/envoi/", cut_answer)
    context.set_offline(False)
    page.evaluate("window.smesOffline.sync()")
    assert len(lost) == 1
    assert Visit.objects.filter(tenant=tenant).count() == 1
    page.locator("#offline-bar[data-pending='1']").wait_for(state="attached")  # the phone does not know: it keeps it

    page.unroute("**/locataires/visites/envoi/")
    page.click("#offline-bar .off-send")  # "Envoyer maintenant"
    page.locator("#offline-bar[data-pending='0']").wait_for()
    assert Visit.objects.filter(tenant=tenant).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_visit_for_a_follow_up_ended_meanwhile_comes_back_to_fix(live_server, phone, login, alice, tmp_path):
    today = dt.date.today()
    tenant = TenantFactory(first_name="Zoé", last_name="Willems", followup_start=dt.date(2020, 1, 1))
    page = login(phone, alice)
    install(page, live_server)

    page.context.set_offline(True)
    page.goto(f"{live_server.url}{OFFLINE}")
    ready(page)
    log_offline(page, tenant, motive="Psy")
    # Meanwhile, at the office, the follow-up is ended yesterday.
    tenant_end_followup(tenant=tenant, end_date=today - dt.timedelta(days=1), reason="OTHER", user=alice)

    page.context.set_offline(False)
    page.locator("#offline-bar .off-summary", has_text="1 à corriger").wait_for()
    assert not Visit.objects.filter(tenant=tenant).exists()
    fix = page.locator("#a-corriger .off-item")
    assert "période d'accompagnement" in fix.text_content()
    assert page.locator("#offline-bar .off-fix").text_content() == "1 à corriger"
    page.screenshot(path=str(shots(tmp_path) / "offline_to_fix.png"), full_page=True)

    # Fix: the form comes back pre-filled; date it on the last day.
    fix.locator(".off-correct").click()
    until(page, "return document.getElementById('offline-form').dataset.uuid;")  # filled from IndexedDB
    assert page.locator("#offline-form label.chip", has_text="Psy").locator("input").is_checked()
    assert page.input_value("#off-tenant") == str(tenant.pk)
    page.fill("#offline-form #id_date", (today - dt.timedelta(days=1)).isoformat())
    page.click("#offline-form button.ql-save")
    page.locator("#offline-bar[data-errors='0'][data-pending='0']").wait_for()
    visit = Visit.objects.get(tenant=tenant)
    assert visit.motives == ["PSY"] and visit.date == today - dt.timedelta(days=1)


@pytest.mark.django_db(transaction=True)
def test_logout_clears_the_local_store(live_server, phone, login, alice):
    tenant = TenantFactory()
    page = login(phone, alice)
    install(page, live_server)
    page.context.set_offline(True)
    page.goto(f"{live_server.url}{OFFLINE}")
    ready(page)
    log_offline(page, tenant)
    store = local_store(page)
    assert store["queue"] == 1 and store["caseload"] >= 1 and "smes-pages" in store["caches"]

    # Back online but the server unreachable: the visit is still waiting.
    page.route("**/locataires/visites/envoi/", lambda route: route.abort("connectionrefused"))
    page.context.set_offline(False)
    page.goto(f"{live_server.url}/")
    ready(page)
    page.locator("#offline-bar[data-pending='1']").wait_for(state="attached")
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("details.menu > summary").click()
    page.locator(".mainnav form button", has_text="Déconnexion").click()
    page.wait_for_url(f"{live_server.url}/connexion/**")
    ready(page)
    store = local_store(page)
    assert not store["db"] or (store["queue"] == 0 and store["caseload"] == 0)
    assert "smes-pages" not in store["caches"]


@pytest.mark.django_db(transaction=True)
def test_the_open_quick_log_keeps_the_visit_when_the_network_drops(live_server, phone, login, alice, tmp_path):
    """The form is on screen (loaded online), the signal goes: "Enregistrer"
    keeps the visit instead of doing nothing; it is stored once on return."""
    tenant = TenantFactory(first_name="Zoé", last_name="Willems")
    page = login(phone, alice)
    page.goto(f"{live_server.url}{QUICKLOG}?tenant={tenant.pk}")
    ready(page)
    page.context.set_offline(True)
    page.locator("label.chip", has_text="Quotidien").click()
    page.click("button.ql-save")
    page.get_by_text("Visite gardée sur ce téléphone, en attente d'envoi.").wait_for()
    page.locator("#offline-bar[data-pending='1']").wait_for(state="attached")
    page.screenshot(path=str(shots(tmp_path) / "quicklog_kept_offline.png"), full_page=True)
    assert not Visit.objects.exists()

    page.context.set_offline(False)
    page.locator("#offline-bar[data-pending='0']").wait_for()
    visit = Visit.objects.get(tenant=tenant)
    assert visit.motives == ["DAILY"] and visit.client_uuid is not None


@pytest.mark.django_db(transaction=True)
def test_the_end_of_the_session_wipes_the_caseload_but_keeps_the_unsent_visits(live_server, phone, login, alice):
    tenant = TenantFactory()
    page = login(phone, alice)
    install(page, live_server)
    page.context.set_offline(True)
    page.goto(f"{live_server.url}{OFFLINE}")
    ready(page)
    log_offline(page, tenant)
    # The session's end (30 min idle) passes while offline.
    page.evaluate(
        """() => new Promise((ok) => {
            const r = indexedDB.open('smes-offline');
            r.onsuccess = () => {
                const tx = r.result.transaction('meta', 'readwrite');
                tx.objectStore('meta').put({key: 'expires', value: Date.now() - 1000});
                tx.oncomplete = () => { r.result.close(); ok(); };
            };
        })"""
    )
    page.reload()
    ready(page)
    store = local_store(page)
    assert store["caseload"] == 0 and store["queue"] == 1
    expect(page.locator(".off-nocaseload")).to_be_visible()
    page.locator("#offline-bar[data-pending='1']").wait_for(state="attached")


@pytest.mark.django_db(transaction=True)
def test_a_form_opened_with_the_picker_keeps_the_visit_when_the_network_drops(live_server, phone, login, alice):
    """Found walking the site: the tenant chosen by typing in the picker, the
    signal goes, the first tap on a chip blurred the picker's text box, whose
    "change" sent the page to the offline form with the typed name as a tenant
    id: what was entered was lost and nothing was kept."""
    tenant = TenantFactory(first_name="Zoé", last_name="Willems")
    page = login(phone, alice)
    page.goto(f"{live_server.url}{QUICKLOG}")
    ready(page)
    page.fill("#ql-tenant", "zoé willems")
    page.locator("form.ql-form input[name=duration_min]").wait_for()
    page.context.set_offline(True)
    page.locator("label.chip", has_text="Quotidien").click()
    page.click("button.ql-save")
    page.get_by_text("Visite gardée sur ce téléphone, en attente d'envoi.").wait_for()
    assert page.url == f"{live_server.url}{QUICKLOG}"

    page.context.set_offline(False)
    page.locator("#offline-bar[data-pending='0']").wait_for()
    assert Visit.objects.get(tenant=tenant).motives == ["DAILY"]


@pytest.mark.django_db(transaction=True)
def test_a_tenant_chosen_in_the_picker_offline_opens_the_phones_form(live_server, phone, login, alice):
    """Found walking the site: offline, the picker found the tenant and asked
    the server for the form, which failed silently: a name in the box and
    nothing else. It opens the phone's form with that tenant chosen."""
    tenant = TenantFactory(first_name="Zoé", last_name="Willems")
    page = login(phone, alice)
    install(page, live_server)
    page.context.set_offline(True)
    page.fill("#ql-tenant", "zoé willems")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{OFFLINE}?tenant={tenant.pk}")
    page.locator("#off-tenant").wait_for()
    assert page.eval_on_selector("#off-tenant", "s => s.value") == str(tenant.pk)
