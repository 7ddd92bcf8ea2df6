"""Every role walks the demo data from the home page (tests/crawl.py): no
page answers 5xx or shows a traceback, and no role reaches a page that the
rights table (docs/rights.md, smes/roles.py, tests/security/access_table.py)
keeps from it, nor is offered a link that would refuse it.

The demo is built once for the module inside a transaction rolled back at
the end; each role is one test with its own Client (Support, Housing,
Management, Direction, Admin and an account without a role). Downloads
(the report's PDF in French and Dutch, XLSX, JSON) are requested once each,
not once per year; the whole-database ZIP and the subject-access PDF are
not requested (minutes each on the demo data: tests/crawl.py, SKIP_DOWNLOADS).
CRAWL_PROGRESS=N prints progress every N pages and the slowest routes.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter

import pytest
from django.db import transaction

from sampledata.demo import demo_generate
from smes.accounts import user_create
from tests.crawl import ACCOUNTS, CrawlResult, crawl_as
from tests.security.access_table import ROLES
from tests.security.test_url_matrix import expected_lines, parse

pytestmark = pytest.mark.django_db

STAFF_ROLES = ROLES[1:]  # the table's columns after "anonymous"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            demo_generate(today=dt.date.today())
            user_create(username=ACCOUNTS["none"], roles=[], first_name="Sans", last_name="Rôle")
            yield
            transaction.set_rollback(True)


def expected_code(route: str, kwargs: dict, role: str) -> int | None:
    """The table's status for `role` at this route (None: not in the table).
    The role without a role may open only what every role may open."""
    lines = expected_lines(route)
    if not lines:
        return None
    parsed = [parse(line) for line in lines]
    matching = [p for p in parsed if all(str(kwargs.get(k)) == v for k, v in p.literal.items())] or parsed
    line = matching[0]
    if line.method == "POST":
        return None
    if role == "none":
        return 200 if all(line.codes[ROLES.index(r)] == 200 for r in STAFF_ROLES) else 403
    return line.codes[ROLES.index(role)]


def _rights_findings(result: CrawlResult, role: str) -> tuple[list[str], list[str]]:
    from urllib.parse import urlsplit

    from django.urls import resolve

    reached, refused = [], []
    for page in result.pages:
        if not page.route:
            continue
        match = resolve(urlsplit(page.url).path)
        code = expected_code(page.route, match.kwargs, role)
        if page.status == 200 and code not in (None, 200):
            reached.append(f"{page.url} ({page.route}): 200, the table says {code}")
        if page.status == 403 and code != 200:
            refused.append(f"{page.url} ({page.route}), linked from {page.referrer}")
    return reached, refused


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_every_page_a_role_can_reach_answers_and_is_allowed(demo, role):
    result = crawl_as(role, progress=int(os.environ.get("CRAWL_PROGRESS") or 0))
    print(
        f"\n{role}: {len(result.pages)} pages in {result.seconds:.1f} s; "
        f"slowest {max((p.seconds for p in result.pages), default=0):.2f} s"
    )
    if os.environ.get("CRAWL_PROGRESS"):
        slow = Counter()
        for p in result.pages:
            slow[p.route] += p.seconds
        for route, seconds in slow.most_common(15):
            print(f"  {route}: {result.by_route()[route]} pages, {seconds:.1f} s")
    assert not result.truncated, f"{role}: the crawl hit its page limit"
    # without a role: the home page, the password and second-factor pages only
    assert len(result.pages) >= (3 if role == "none" else 100), f"{role}: the crawl found too little to visit"
    assert not result.errors, f"{role}: server errors:\n" + "\n".join(result.errors)
    reached, refused = _rights_findings(result, role)
    assert not reached, f"{role} reaches pages the rights table keeps from it:\n" + "\n".join(reached)
    assert not refused, f"{role} is offered links that refuse it (403):\n" + "\n".join(refused)
