"""WCAG 2.1 AA in a real browser: axe-core on every page of every role, phone and desktop.

axe-core 4.14 (tests/browser/assets/axe-core, from the npm registry, MPL-2.0)
is injected into each page (never loaded from a CDN, never served to users).
The pages are those the crawler (tests/crawl.py) reaches as the demo account
of each role, on the demo data: one URL per route (the first the crawler
meets; a route already audited for an earlier role is not audited again,
each role's home page always is), so the run stays bounded — one load per route x role x width, all
the pages of a role and width in one browser context. The test fails on any
violation of impact "serious" or "critical" for the tags wcag2a, wcag2aa,
wcag21a and wcag21aa, and names the page, the rule and the elements.
Django's admin (the Admin role's, see admin_pages) is not crawled but audited
in a bounded way: its index, and the change list, add and change page (first
object) of each model, plus one import and one export page.
A11Y_ROLES=support,housing limits the roles (local runs); CI runs them all.

The audit is split in two test modules so that the two test workers share it:
test_a11y_axe.py (every role but the Admin, and the login page) and
test_a11y_axe_admin.py (the Admin: its pages and Django's admin).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.test import Client

from sampledata.demo import demo_generate
from smes.accounts import user_create
from tests.crawl import ACCOUNTS, crawl

AXE = Path(__file__).parent / "assets" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Django's admin is not crawled (every object of every model): admin_pages() lists
# a bounded set of its pages instead.
DJANGO_ADMIN = "admin:"
SHOTS = Path(os.environ["A11Y_SHOTS"]) if os.environ.get("A11Y_SHOTS") else None  # screenshots of every page
WIDTHS = {"360px": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}

RUN_AXE = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return r.violations.filter(v => v.impact === "serious" || v.impact === "critical").map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(" ") + " — " + (n.failureSummary || "").replace(/\\s+/g, " ").slice(0, 220)),
    count: v.nodes.length,
  }));
}"""


def pages_by_route(client: Client, audited: set[str]) -> list[str]:
    """One HTML page per route not yet audited for another role, in the
    crawler's order, and the role's home page (its own menu and blocks).
    A route two roles reach is the same template: auditing it once keeps the
    run bounded (CI runs it on two databases)."""
    # Django's admin is not walked (see DJANGO_ADMIN, admin_pages): it is most of the Admin's pages.
    result = crawl(client, per_shape=1, follow_downloads=False, skip_prefixes=("/admin/",))
    assert not result.errors, "\n".join(result.errors)
    seen, urls = set(), []
    for page in result.pages:
        if page.status != 200 or not page.content_type.startswith("text/html") or page.download:
            continue
        if page.route in seen or page.route.startswith(DJANGO_ADMIN):
            continue
        seen.add(page.route)
        if page.route in audited and page.url != "/":
            continue
        audited.add(page.route)
        urls.append(page.url)
    return urls


def admin_pages(client: Client, audited: set[str]) -> list[str]:
    """Django's admin, bounded: the index, then for each model the user's
    index lists, its change list, add page and the change page of its first
    object; the import and export pages of the first model offering them (one
    template for all). Nothing for a user who is not staff."""
    from django.contrib.admin.templatetags.admin_urls import admin_urlname
    from django.urls import reverse

    response = client.get("/admin/")
    if response.status_code != 200:
        return []
    urls = ["/admin/"]
    for app in response.context["app_list"]:
        for model in app["models"]:
            urls += [u for u in (model.get("admin_url"), model.get("add_url")) if u]
            if not model.get("admin_url"):
                continue
            changelist = client.get(model["admin_url"])
            assert changelist.status_code == 200, f"{model['admin_url']}: HTTP {changelist.status_code}"
            cl = changelist.context["cl"]
            first = cl.result_list[:1]
            if first:
                urls.append(reverse(admin_urlname(cl.opts, "change"), args=[first[0].pk]))
            if not any("/import/" in u for u in urls) and changelist.context.get("has_import_permission"):
                urls += [model["admin_url"] + "import/", model["admin_url"] + "export/"]
    fresh = [u for u in urls if u not in audited]
    audited.update(fresh)
    return fresh


def audit(browser, base_url: str, session: str, urls: list[str], viewport: dict) -> list[str]:
    # bypass_csp: the injected axe script is inline; the site's CSP forbids inline scripts.
    context = browser.new_context(viewport=viewport, locale="fr-BE", bypass_csp=True)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])
    page = context.new_page()
    findings = []
    try:
        for url in urls:
            response = page.goto(base_url + url, wait_until="load")
            assert response is not None and response.status == 200, f"{url}: HTTP {response and response.status}"
            if SHOTS:
                SHOTS.mkdir(parents=True, exist_ok=True)
                name = url.strip("/").replace("/", "_").replace("?", "_") or "home"
                page.screenshot(path=str(SHOTS / f"{name}_{viewport['width']}.png"), full_page=True)
            page.add_script_tag(path=str(AXE))
            for v in page.evaluate(RUN_AXE, TAGS):
                findings.append(
                    f"{url} [{v['impact']}] {v['id']}: {v['help']} ({v['count']} element(s))\n      "
                    + "\n      ".join(v["nodes"])
                )
    finally:
        context.close()
    return findings


def run_audit(live_server, browser, roles: list[str], *, login_page: bool) -> None:
    """Builds the demo, audits the pages of each role in `roles` (and the
    anonymous login page), and fails with every serious or critical finding."""
    demo_generate(today=dt.date.today())
    user_create(username=ACCOUNTS["none"], roles=[], first_name="Sans", last_name="Rôle")
    from django.contrib.auth import get_user_model

    only = [r for r in (os.environ.get("A11Y_ROLES") or "").split(",") if r]
    wanted = [r for r in roles if not only or r in only]
    failures: dict[str, list[str]] = defaultdict(list)
    visited = 0
    audited: set[str] = set()
    for role in wanted:
        client = Client()
        client.force_login(get_user_model().objects.get(username=ACCOUNTS[role]))
        urls = pages_by_route(client, audited) + admin_pages(client, audited)
        assert urls, f"{role}: the crawler found nothing"
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        for width, viewport in WIDTHS.items():
            visited += len(urls)
            failures[f"{role} @ {width}"] += audit(browser, live_server.url, session, urls, viewport)
    for width, viewport in WIDTHS.items() if login_page else ():
        visited += 1
        context = browser.new_context(viewport=viewport, locale="fr-BE", bypass_csp=True)
        page = context.new_page()
        page.goto(f"{live_server.url}/connexion/")
        page.add_script_tag(path=str(AXE))
        failures[f"anonymous @ {width}"] += [
            f"/connexion/ {v['id']}: {v['help']} {v['nodes']}" for v in page.evaluate(RUN_AXE, TAGS)
        ]
        context.close()
    report = "\n".join(f"{who}:\n  " + "\n  ".join(items) for who, items in failures.items() if items)
    print(f"\naxe-core: {visited} page loads checked")
    assert not report, "axe-core: serious or critical WCAG 2.1 A/AA violations\n" + report
