"""The phone's figures (issue 15), measured in Debian's Chromium against a
running server (not in the test suite: timings are not asserted there).

    .venv/bin/python manage.py runserver 127.0.0.1:8108 &   # demo data + demo accounts
    .venv/bin/python -m benchmarks.phone --url http://127.0.0.1:8108

Network profile: Chrome DevTools' "Slow 3G" (2,000 ms latency, 50 kB/s
each way), applied with CDP to the page. Prints one JSON document:

* quicklog_network_ms: the quick log page loaded from the network, Slow 3G,
  no service worker (everything from the network: the upper bound);
* quicklog_app_ms: the same after the first visit, from the installed app
  (service worker: static shell from its cache, the page from the network);
* quicklog_cache_ms: offline, the quick log opened from the service
  worker's cache until the caseload is in the picker;
* sync_20_ms: 20 queued visits sent on Slow 3G until the queue is empty.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from playwright.sync_api import sync_playwright

SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50_000, "uploadThroughput": 50_000}
NO_THROTTLE = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
QUICKLOG = "/locataires/visites/noter/"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def login(page, url, user, password):
    page.goto(f"{url}/connexion/")
    page.fill("#id_username", user)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{url}/")


def ready(page):
    page.wait_for_function("window.smesOffline && window.smesOffline.ready")
    page.evaluate("window.smesOffline.ready")


def timed(fn, runs=3) -> float:
    values = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        values.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(values))


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8108")
    parser.add_argument("--user", default="accompagnement")
    parser.add_argument("--password", default="demo-smes-2026")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    url = args.url.rstrip("/")
    out = {"profile": "Slow 3G (2000 ms, 50 kB/s)"}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, headless=True, args=ARGS)
        phone = {"viewport": {"width": 360, "height": 740}, "locale": "fr-BE"}

        # 1. No service worker: everything from the network.
        context = browser.new_context(service_workers="block", **phone)
        page = context.new_page()
        login(page, url, args.user, args.password)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        out["quicklog_network_ms"] = timed(lambda: page.goto(url + QUICKLOG, wait_until="load"), runs=2)
        context.close()

        # 2. The installed app, after the first visit.
        context = browser.new_context(**phone)
        page = context.new_page()
        login(page, url, args.user, args.password)
        page.goto(url + QUICKLOG)
        ready(page)
        page.evaluate("navigator.serviceWorker.ready")
        page.reload()
        ready(page)
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        out["quicklog_app_ms"] = timed(lambda: page.goto(url + QUICKLOG, wait_until="load"))
        cdp.send("Network.emulateNetworkConditions", NO_THROTTLE)

        # 3. Offline, from the cache, until the caseload is in the picker.
        context.set_offline(True)

        def open_offline():
            page.goto(url + QUICKLOG, wait_until="load")
            page.wait_for_function("document.querySelectorAll('#off-tenant option').length > 1")

        out["quicklog_cache_ms"] = timed(open_offline)

        # 4. 20 visits queued offline, sent on Slow 3G.
        page.evaluate(
            """async () => {
                const ids = Array.from(document.querySelectorAll('#off-tenant option')).map(o => o.value).filter(Boolean);
                const form = document.getElementById('offline-form');
                for (let n = 0; n < 20; n++) {
                    document.getElementById('off-tenant').value = ids[n % ids.length];
                    document.getElementById('off-tenant').dispatchEvent(new Event('change'));
                    form.requestSubmit();
                    await new Promise(r => setTimeout(r, 50));
                }
            }"""
        )
        page.wait_for_function("document.getElementById('offline-bar').dataset.pending === '20'")
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        context.set_offline(False)
        t0 = time.perf_counter()
        page.evaluate("window.smesOffline.sync()")
        page.wait_for_function("document.getElementById('offline-bar').dataset.pending === '0'", timeout=120_000)
        out["sync_20_ms"] = round((time.perf_counter() - t0) * 1000)
        out["sync_20_refused"] = int(page.locator("#offline-bar").get_attribute("data-errors") or 0)
        context.close()
        browser.close()
    print(json.dumps(out, indent=2))
    return out


if __name__ == "__main__":
    main()
