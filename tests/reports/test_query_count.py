"""The report page and the home block run a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AssessmentFactory, GafScoreFactory, LeaseFactory, TenantFactory, VisitFactory

D = dt.date
pytestmark = pytest.mark.django_db
PAGE_MAX = 125  # the year and its five earlier years after a change to every year, the chapter, the snapshots' checks


def _add_tenants(n, make_flat, enter, start=0):
    for i in range(start, start + n):
        t = TenantFactory(followup_start=D(2020 + i % 4, 1 + i % 12, 1))
        GafScoreFactory(tenant=t, date=t.followup_start, score=20 + i % 50)
        GafScoreFactory(tenant=t, date=D(2024, 6, 1), score=30 + i % 50)
        AssessmentFactory(tenant=t, date=D(2024, 5, 1), depression=bool(i % 2), p_alcohol=True)
        flat = make_flat(f"D-8{i:03d}", partner=f"Partenaire {i % 5}")
        enter(t, flat, t.followup_start)
        LeaseFactory(tenant=t, dwelling=flat, start=t.followup_start)
        for m in range(1, 4):
            VisitFactory(tenant=t, date=D(2024, m, 1 + i % 27), m_daily=True)
            VisitFactory(tenant=t, date=D(2023, m, 1 + i % 27), kind="PHONE")


def _count(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx)


def test_the_report_page_query_count_does_not_grow_with_the_data(
    diane, client_for, make_flat, enter, django_assert_max_num_queries
):
    client = client_for(diane)
    url = reverse("reports:annual")
    _add_tenants(2, make_flat, enter)
    small = _count(client, url, {"annee": 2024})
    _add_tenants(25, make_flat, enter, start=2)
    with django_assert_max_num_queries(PAGE_MAX):
        large = _count(client, url, {"annee": 2024})
    assert small == large


def test_the_home_block_query_count_does_not_grow_with_the_data(maggie, client_for, make_flat, enter):
    client = client_for(maggie)
    _add_tenants(2, make_flat, enter)
    small = _count(client, reverse("home"), {})
    _add_tenants(20, make_flat, enter, start=2)
    assert _count(client, reverse("home"), {}) == small
