"""WCAG 2.1 AA in a real browser (tests/browser/axe.py): the Admin's pages,
Django's admin included (bounded: tests/browser/axe.py admin_pages), at 360 px
and desktop width. Apart from test_a11y_axe.py so that the two test workers
share the audit."""

from __future__ import annotations

import pytest

from tests.browser.axe import run_audit


@pytest.mark.django_db(transaction=True)
def test_axe_finds_no_serious_violation_on_the_admin_pages(live_server, browser):
    run_audit(live_server, browser, ["admin"], login_page=False)
