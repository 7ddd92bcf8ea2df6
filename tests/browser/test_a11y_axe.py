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
A11Y_ROLES=support,housing limits the roles (local runs); CI runs them all.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from sampledata.demo import demo_generate
from smes.accounts import user_create
from tests.crawl import ACCOUNTS, crawl

AXE = Path(__file__).parent / "assets" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Django's own admin (and django-import-export's pages in it), used by the Admin
# role only, is not ours to restyle: axe reports its breadcrumbs (link-in-text-block)
# and its tabular inlines (unlabelled cells); see README, Accessibility.
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
    # Django's admin is not audited (see DJANGO_ADMIN): not even walked, it is most of the Admin's pages.
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


@pytest.mark.django_db(transaction=True)
def test_axe_finds_no_serious_violation_on_any_page_for_any_role(live_server, browser):
    demo_generate(today=dt.date.today())
    user_create(username=ACCOUNTS["none"], roles=[], first_name="Sans", last_name="Rôle")
    from django.contrib.auth import get_user_model

    wanted = [r for r in (os.environ.get("A11Y_ROLES") or ",".join(ACCOUNTS)).split(",") if r]
    failures: dict[str, list[str]] = defaultdict(list)
    visited = 0
    audited: set[str] = set()
    for role in wanted:
        client = Client()
        client.force_login(get_user_model().objects.get(username=ACCOUNTS[role]))
        urls = pages_by_route(client, audited)
        assert urls, f"{role}: the crawler found nothing"
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        for width, viewport in WIDTHS.items():
            visited += len(urls)
            failures[f"{role} @ {width}"] += audit(browser, live_server.url, session, urls, viewport)
    # The login page, anonymous.
    for width, viewport in WIDTHS.items():
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


def test_axe_is_vendored_not_fetched():
    text = AXE.read_text(encoding="utf-8")[:400]
    assert "axe v4." in text, "tests/browser/assets/axe-core/axe.min.js is not axe-core 4"
    assert (AXE.parent / "LICENSE").exists()
