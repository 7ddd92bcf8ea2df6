"""The quick log by keyboard alone on a 360-px phone (WCAG 2.1.1, 2.4.3, 2.4.7,
2.4.11 focus not obscured, 3.3.1 errors identified, 4.1.3 status messages).

Each Tab stop's rectangle (the visible chip for a hidden checkbox) is checked
against the sticky top bar and the sticky save bar: it must not be under them.
Screenshots go to $A11Y_SHOTS (default: the test's tmp dir)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tenants.models import Visit
from tests.factories import TenantFactory

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const shown = el.closest("label.chip") || el;
  const r = shown.getBoundingClientRect();
  const bar = (sel) => { const b = document.querySelector(sel); if (!b) return null; const q = b.getBoundingClientRect(); return {top: q.top, bottom: q.bottom, contains: b.contains(el)}; };
  return {
    tag: el.tagName, name: el.name || "", id: el.id || "", text: (el.innerText || el.value || "").trim().slice(0, 30),
    cls: el.className || "", label: el.closest("[role=group]") ? el.closest("[role=group]").getAttribute("aria-label") : "",
    top: r.top, bottom: r.bottom, vh: window.innerHeight,
    topbar: bar(".topbar"), actions: bar(".vf-actions"),
  };
}"""


def shots(tmp_path) -> Path:
    path = Path(os.environ.get("A11Y_SHOTS", tmp_path))
    path.mkdir(parents=True, exist_ok=True)
    return path


def obscured(f: dict) -> str | None:
    """Why the focused element is (partly) hidden by a sticky bar, or None."""
    top, actions = f["topbar"], f["actions"]
    if top and not top["contains"] and f["top"] < top["bottom"] - 0.5:
        return f"under the top bar ({f['top']:.0f} < {top['bottom']:.0f})"
    if actions and not actions["contains"] and f["bottom"] > actions["top"] + 0.5:
        return f"under the save bar ({f['bottom']:.0f} > {actions['top']:.0f})"
    return None


@pytest.mark.django_db(transaction=True)
def test_the_quick_log_is_filled_and_saved_with_the_keyboard_alone_focus_never_hidden(
    live_server, phone, login, alice, tmp_path
):
    tenant = TenantFactory(first_name="Zoé", last_name="Willems", followup_start=dt.date(2020, 1, 1))
    page = login(phone, alice)
    page.goto(f"{live_server.url}/locataires/visites/noter/?tenant={tenant.pk}")
    out = shots(tmp_path)

    # The first Tab stop is the skip link; it leads to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"

    seen, problems, motive_ticked, shot = [], [], False, False
    for _ in range(120):
        page.keyboard.press("Tab")
        f = page.evaluate(FOCUSED)
        assert f, "the focus fell to <body>"
        seen.append(f"{f['tag']} {f['name'] or f['id'] or f['text']}")
        if why := obscured(f):
            problems.append(f"{seen[-1]} ({f['label']}): {why}")
        if f["name"] == "motives" and not motive_ticked:
            page.keyboard.press("Space")
            motive_ticked = True
        elif f["name"] == "duration_min":
            page.keyboard.type("45")
        elif f["name"] == "travel_min" and not shot:
            page.keyboard.type("20")
            page.screenshot(path=str(out / "quicklog_focus_trajet_360.png"))
            shot = True
        elif f["label"] and "Trajet" in f["label"]:
            # The travel presets are a named group ("Trajet (min)").
            assert f["tag"] == "BUTTON"
        if "ql-save" in f["cls"]:
            break
    else:
        pytest.fail("Tab never reached the save button:\n" + "\n".join(seen))
    assert shot, "Tab never reached the travel field"
    assert not problems, "focus hidden by a sticky bar:\n" + "\n".join(problems)

    page.keyboard.press("Enter")
    page.locator(".ql-saved").wait_for()
    visit = Visit.objects.get(tenant=tenant)
    assert (visit.duration_min, visit.travel_min, len(visit.motives)) == (45, 20, 1)
    # The confirmation is read from the one live region of the layout (outside the swapped fragment).
    expect(page.locator("#live-status")).to_contain_text("Contact enregistré")
    assert page.locator("#live-status").get_attribute("role") == "status"


@pytest.mark.django_db(transaction=True)
def test_after_a_save_with_errors_the_first_invalid_field_is_focused_and_its_error_read(
    live_server, phone, login, alice
):
    tenant = TenantFactory()
    page = login(phone, alice)
    page.goto(f"{live_server.url}/locataires/visites/noter/?tenant={tenant.pk}")
    page.fill("#id_date", (dt.date.today() + dt.timedelta(days=40)).isoformat())
    page.focus("button.ql-save")
    page.keyboard.press("Enter")
    page.get_by_text("ne peut pas être daté dans le futur").first.wait_for()
    expect(page.locator("#id_date")).to_be_focused()  # after htmx settles
    focused = page.evaluate("""() => {
      const el = document.activeElement;
      const ids = (el.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean);
      return {id: el.id, invalid: el.getAttribute("aria-invalid"), role: el.getAttribute("role"),
              described: ids.map(i => document.getElementById(i) ? document.getElementById(i).textContent : null)};
    }""")
    assert focused["id"] == "id_date", focused
    assert focused["invalid"] == "true"
    assert focused["described"] and None not in focused["described"], focused
    assert any("futur" in text for text in focused["described"]), focused
    expect(page.locator("#live-status")).to_contain_text("Rien n")
    assert not Visit.objects.exists()


MISSING_IDS = """(url) => [...document.querySelectorAll("[aria-describedby]")].flatMap(el =>
  el.getAttribute("aria-describedby").split(/\\s+/).filter(i => i && !document.getElementById(i))
    .map(i => url + ": " + (el.id || el.name || el.tagName) + " -> #" + i))"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("persona", "route"),
    [
        ("bob", "housing:move_create"),
        ("bob", "housing:dwelling_create"),
        ("diane", "data"),
        ("alice", "tenants:create"),
    ],
)
def test_every_aria_describedby_points_to_an_element_that_exists(live_server, desktop, login, request, persona, route):
    """Help texts and errors, before and after a submission with errors: every id
    that aria-describedby names exists (id_dwelling_helptext, id_files_helptext…)."""
    login(desktop, request.getfixturevalue(persona))
    url = reverse(route)
    response = desktop.goto(live_server.url + url)
    assert response.status == 200
    missing = desktop.evaluate(MISSING_IDS, url)
    if route == "data":
        assert not missing, "\n".join(missing)
        return
    desktop.locator("main form[method=post] button[type=submit]").last.click()
    desktop.wait_for_load_state()
    assert desktop.locator("main .error, main .errors").count(), f"{url}: an empty form shows no error"
    missing += desktop.evaluate(MISSING_IDS, url + " (errors)")
    # An invalid field names its error, itself or through its fieldset (radio buttons, checkboxes).
    undescribed = desktop.evaluate("""() => [...document.querySelectorAll("main [aria-invalid=true]")]
      .filter(el => !(el.getAttribute("aria-describedby") || (el.closest("fieldset") || el).getAttribute("aria-describedby")))
      .map(el => el.id || el.name)""")
    assert not undescribed, f"{url}: invalid fields without a described error: {undescribed}"
    assert not missing, "\n".join(missing)


@pytest.mark.django_db(transaction=True)
def test_the_login_error_is_an_alert_and_marks_the_inputs_invalid(live_server, desktop, alice):
    desktop.goto(f"{live_server.url}/connexion/")
    desktop.fill("#id_username", alice.username)
    desktop.fill("#id_password", "wrong-password")
    desktop.click("main button[type=submit]")
    alert = desktop.locator("main [role=alert]")
    alert.wait_for()
    assert alert.get_attribute("id") == "login_error"
    for field in ("#id_username", "#id_password"):
        assert desktop.get_attribute(field, "aria-invalid") == "true"
        assert desktop.get_attribute(field, "aria-describedby") == "login_error"


@pytest.mark.django_db(transaction=True)
def test_escape_closes_the_phone_menu(live_server, phone, login, alice):
    page = login(phone, alice)
    page.focus("details.menu > summary")
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('details.menu').open")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.querySelector('details.menu').open")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"


@pytest.mark.django_db(transaction=True)
def test_at_400_percent_zoom_the_sticky_bars_scroll_with_the_page(live_server, browser, login, alice):
    """1280 x 1024 at 400 % is a 320 x 256 CSS-pixel window: sticky bars would cover most of it."""
    tenant = TenantFactory()
    context = browser.new_context(viewport={"width": 320, "height": 256}, locale="fr-BE")
    page = login(context.new_page(), alice)
    page.goto(f"{live_server.url}/locataires/visites/noter/?tenant={tenant.pk}")
    for selector in (".topbar", ".vf-actions"):
        assert page.eval_on_selector(selector, "el => getComputedStyle(el).position") == "static", selector
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
