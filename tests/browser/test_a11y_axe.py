"""WCAG 2.1 AA in a real browser (tests/browser/axe.py): every role but the
Admin, and the anonymous login page, at 360 px and desktop width."""

from __future__ import annotations

import pytest

from tests.browser.axe import AXE, run_audit
from tests.crawl import ACCOUNTS


@pytest.mark.django_db(transaction=True)
def test_axe_finds_no_serious_violation_on_any_page_for_any_role(live_server, browser):
    run_audit(live_server, browser, [r for r in ACCOUNTS if r != "admin"], login_page=True)


def test_axe_is_vendored_not_fetched():
    text = AXE.read_text(encoding="utf-8")[:400]
    assert "axe v4." in text, "tests/browser/assets/axe-core/axe.min.js is not axe-core 4"
    assert (AXE.parent / "LICENSE").exists()
