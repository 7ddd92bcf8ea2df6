"""The tenant picker of the quick log (home page and "Noter une visite").

A type-ahead in the browser (tests/browser/test_tenant_picker.py) over a
list the server renders: the worker's caseload first, most recently seen
first, then everybody by name; a plain search form without JavaScript.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tenants.models import VisitStatus
from tenants.visits.selectors import tenants_for_picker
from tests.factories import TenantFactory, VisitFactory

URL = reverse("tenants:quicklog")
START = dt.date(2020, 1, 1)


def days_ago(n):
    return dt.date.today() - dt.timedelta(days=n)


@pytest.fixture
def people(alice, sam):
    p = {
        "helene": TenantFactory(
            code="HF-0001", first_name="Hélène", last_name="Dupré", team="ICM", followup_start=START
        ),
        "helena": TenantFactory(
            code="HF-0002", first_name="Helena", last_name="Aerts", team="ACT", followup_start=START
        ),
        "zoe": TenantFactory(code="HF-0003", first_name="Zoé", last_name="Willems", team="ICM", followup_start=START),
        "noel": TenantFactory(code="HF-0004", first_name="Marc", last_name="Noël", team="ACT", followup_start=START),
        "old": TenantFactory(code="HF-0005", first_name="Jan", last_name="Peeters", team="ACT", followup_start=START),
        "ended": TenantFactory(
            code="HF-0006",
            first_name="Hélène",
            last_name="Parti",
            followup_start=START,
            followup_end=dt.date(2021, 1, 1),
            end_reason="OTHER",
        ),
    }
    VisitFactory(tenant=p["helene"], date=days_ago(2), created_by=alice)
    VisitFactory(tenant=p["zoe"], date=days_ago(20), created_by=sam).workers.add(alice)
    VisitFactory(tenant=p["noel"], date=days_ago(1), created_by=sam)  # sam's, not alice's
    VisitFactory(tenant=p["old"], date=days_ago(200), created_by=alice)  # too long ago
    VisitFactory(tenant=p["helena"], date=days_ago(-3), created_by=alice, status=VisitStatus.PLANNED)
    return p


def codes(tenants):
    return [t.code for t in tenants]


def test_the_caseload_comes_first_most_recently_seen_first_then_everybody_by_name(alice, people):
    tenants = tenants_for_picker(alice)
    assert codes(tenants) == ["HF-0001", "HF-0003", "HF-0002", "HF-0004", "HF-0005"]
    assert [t.mine for t in tenants] == [1, 1, 1, 0, 0]
    assert tenants[0].last_seen == days_ago(2)
    assert tenants[0].key == "hf-0001 dupre helene"


def test_another_worker_has_another_caseload(sam, people):
    assert codes(tenants_for_picker(sam))[:2] == ["HF-0004", "HF-0003"]


def test_typed_words_match_accents_and_case_aside(alice, people):
    assert codes(tenants_for_picker(alice, q="HELENE")) == ["HF-0001"]
    assert codes(tenants_for_picker(alice, q="hel")) == ["HF-0001", "HF-0002"]
    assert codes(tenants_for_picker(alice, q="noel")) == ["HF-0004"]


def test_the_home_page_renders_the_picker_as_a_search_form_with_the_list(client_for, alice, people):
    html = client_for(alice).get("/").content.decode()
    assert "<select" not in html.split('id="ql-tenant"')[0][-2000:]
    assert 'id="ql-tenant"' in html and 'name="q"' in html
    assert 'role="listbox"' in html
    ids = re.findall(r'id="ql-tenant-o(\d+)"', html)
    assert ids == [str(people[k].pk) for k in ("helene", "zoe", "helena", "noel", "old")]
    assert 'data-key="hf-0001 dupre helene"' in html
    assert "Mes locataires" in html


def _home_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    return len(ctx)


def test_the_home_page_runs_as_many_queries_for_3_or_30_tenants(client_for, alice, people):
    client = client_for(alice)
    few = _home_queries(client)
    for i in range(30):
        t = TenantFactory(code=f"HF-1{i:03d}", followup_start=START)
        VisitFactory(tenant=t, date=days_ago(i % 5), created_by=alice)
    assert _home_queries(client) == few


def test_the_picker_page_runs_a_constant_number_of_queries(client_for, alice, people, django_assert_num_queries):
    client = client_for(alice)
    with CaptureQueriesContext(connection) as ctx:
        client.get(URL, {"q": "e"})
    for i in range(20):
        TenantFactory(code=f"HF-2{i:03d}", first_name="Eva", followup_start=START)
    with django_assert_num_queries(len(ctx)):
        client.get(URL, {"q": "e"})


def test_without_javascript_one_match_opens_the_quick_log_at_once(client_for, alice, people):
    response = client_for(alice).get(URL, {"q": "helene dupre"})
    assert response.status_code == 302
    assert response.url == f"{URL}?tenant={people['helene'].pk}"
    response = client_for(alice).get(URL, {"q": "HF-0003", "plan": "1"})
    assert response.url == f"{URL}?tenant={people['zoe'].pk}&plan=1"


def test_without_javascript_several_matches_are_listed_as_links(client_for, alice, people):
    response = client_for(alice).get(URL, {"q": "hel"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 locataires pour « hel »" in html
    results = html.split('class="tp-results"')[1]
    assert results.index("Dupré Hélène") < results.index("Aerts Helena")  # caseload order
    assert f'href="{URL}?tenant={people["helene"].pk}"' in results
    assert "Parti" not in results  # follow-up over


def test_without_javascript_no_match_says_so(client_for, alice, people):
    html = client_for(alice).get(URL, {"q": "xyz"}).content.decode()
    assert "Aucun·e locataire suivi·e ne correspond à « xyz »." in html


def test_housing_and_management_have_no_picker(client_for, maggie, people):
    assert 'id="ql-tenant"' not in client_for(maggie).get("/").content.decode()
    assert client_for(maggie).get(URL, {"q": "hel"}).status_code == 403
