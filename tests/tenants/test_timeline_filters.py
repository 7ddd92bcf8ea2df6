"""The tenant timeline of a long follow-up: filters by kind (contacts, GAF,
reviews, housing, RdR material given), jumps by year, and the RdR material
given during a visit shown on the visit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from harmreduction.models import Item
from harmreduction.services import distribution_record, receipt_record
from tenants.models import VisitKind, VisitStatus
from tests.factories import AssessmentFactory, GafScoreFactory, TenantFactory, VisitFactory


@pytest.fixture
def tenant(db):
    return TenantFactory(followup_start=dt.date(2019, 1, 1))


@pytest.fixture
def long_history(tenant, alice, maggie):
    """Visits over 2022-2024 (many), one GAF, one review, RdR given in a visit
    and outside any visit."""
    for year in (2022, 2023, 2024):
        for i in range(15):
            VisitFactory(tenant=tenant, date=dt.date(year, 1 + i % 12, 1 + i), kind=VisitKind.HOME)
    GafScoreFactory(tenant=tenant, date=dt.date(2023, 6, 1), score=50)
    AssessmentFactory(tenant=tenant, date=dt.date(2023, 2, 2))
    bd = Item.objects.get(code="BD")
    receipt_record(date=dt.date(2022, 1, 1), worker=maggie, supplier="MV", lines=[(bd, 50)])
    visit = VisitFactory(tenant=tenant, date=dt.date(2024, 12, 20), status=VisitStatus.DONE, created_by=alice)
    distribution_record(date=visit.date, worker=alice, visit=visit, lines=[(bd, 3)])
    distribution_record(date=dt.date(2024, 12, 22), worker=alice, tenant=tenant, lines=[(bd, 2)])
    return visit


def url(tenant, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("tenants:timeline", args=[tenant.pk]) + (f"?{query}" if query else "")


def sources(response):
    return [e.source.key for e in response.context["entries"]]


def test_support_gets_a_chip_per_kind(client_for, alice, tenant, long_history):
    response = client_for(alice).get(url(tenant))
    codes = [code for code, _label in response.context["filters"]]
    assert codes == ["visit", "gaf", "review", "housing", "rdr"]
    html = response.content.decode()
    assert 'href="?kind=gaf"' in html and "Matériel RdR" in html
    assert response.context["page_obj"].paginator.count == 45 + 1 + 1 + 1 + 1


@pytest.mark.parametrize(
    "kind, expected",
    [("gaf", {"gaf"}), ("review", {"review"}), ("visit", {"visit"})],
)
def test_a_filter_keeps_one_kind(client_for, alice, tenant, long_history, kind, expected):
    response = client_for(alice).get(url(tenant, kind=kind))
    assert set(sources(response)) == expected
    assert f'href="?kind={kind}" aria-current="page"' in response.content.decode()


def test_the_rdr_filter_keeps_material_given_in_visits_and_outside(client_for, alice, tenant, long_history):
    response = client_for(alice).get(url(tenant, kind="rdr"))
    entries = response.context["entries"]
    assert [(e.source.key, e.date) for e in entries] == [
        ("rdr", dt.date(2024, 12, 22)),
        ("visit", dt.date(2024, 12, 20)),
    ]
    html = response.content.decode()
    assert "3 × " in html and "2 × " in html


def test_material_given_during_a_visit_shows_on_the_visit(client_for, alice, tenant, long_history):
    html = client_for(alice).get(url(tenant)).content.decode()
    start = html.index(f"visites/{long_history.pk}/modifier")
    visit_entry = html[html.rindex('<li class="t-visit">', 0, start) : html.index("</li>", start)]
    assert "Matériel RdR donné" in visit_entry and "3 × " in visit_entry


def test_housing_sees_neither_the_material_nor_its_filter(client_for, bob, tenant, long_history):
    response = client_for(bob).get(url(tenant, kind="rdr"))
    assert [code for code, _ in response.context["filters"]] == ["visit", "housing"]
    assert response.context["kind"] == ""  # an unknown filter shows everything
    html = response.content.decode()
    assert "Matériel RdR" not in html and "3 × " not in html


def test_years_jump_to_the_page_of_their_newest_entry(client_for, alice, tenant, long_history):
    response = client_for(alice).get(url(tenant))
    years = {y.year: (y.count, y.page) for y in response.context["years"]}
    # 2024: 15 visits + the visit with material + the distribution = 17 -> page 1;
    # 2023: 15 visits, GAF, review = 17 -> starts after 17 entries: page 1;
    # 2022: after 34 entries -> page 2.
    assert years == {2024: (17, 1), 2023: (17, 1), 2022: (15, 2)}
    html = response.content.decode()
    assert 'href="?page=2#y2022"' in html
    page2 = client_for(alice).get(url(tenant, page=2)).content.decode()
    assert 'id="y2022"' in page2
    # Within a filter the pages are the filter's.
    gaf_years = client_for(alice).get(url(tenant, kind="visit")).context["years"]
    assert [(y.year, y.page) for y in gaf_years] == [(2024, 1), (2023, 1), (2022, 2)]


def test_the_timeline_runs_as_many_queries_for_a_short_or_long_follow_up(client_for, alice, tenant, long_history):
    client = client_for(alice)

    def count(**params):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(tenant, **params)).status_code == 200
        return len(ctx)

    before = (count(), count(kind="rdr"))
    for i in range(40):
        VisitFactory(tenant=tenant, date=dt.date(2021, 1 + i % 12, 1 + i % 28))
    assert (count(), count(kind="rdr")) == before
