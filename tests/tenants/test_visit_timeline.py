"""The tenant timeline: merged, chronological, paginated, role-aware, with
contact counts; and the registry other apps add sources to."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from records.models import AccessLog
from tenants.models import GafScore, Visit, VisitKind, VisitStatus
from tenants.visits.selectors import TIMELINE_SOURCES, TimelineSource, contact_counts, register_timeline_source
from tests.factories import AssessmentFactory, GafScoreFactory, TenantFactory, VisitFactory

NOTE = "Parle de rechute, inquiet pour son frère."


@pytest.fixture
def tenant(db):
    return TenantFactory(followup_start=dt.date(2020, 1, 1))


@pytest.fixture
def history(tenant, alice):
    v1 = VisitFactory(tenant=tenant, date=dt.date(2024, 3, 1), kind=VisitKind.HOME, note=NOTE, created_by=alice)
    v1.motives = ["DAILY", "PSY"]
    v1.save()
    v1.workers.set([alice])
    VisitFactory(tenant=tenant, date=dt.date(2024, 5, 10), kind=VisitKind.PHONE, status=VisitStatus.DONE)
    GafScoreFactory(tenant=tenant, date=dt.date(2024, 4, 1), score=42)
    AssessmentFactory(tenant=tenant, date=dt.date(2024, 2, 1), depression=True)
    return tenant


def _url(tenant, **params):
    return reverse("tenants:timeline", args=[tenant.pk]) + (
        "?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""
    )


def test_it_merges_visits_gaf_and_reviews_newest_first(client_for, alice, history):
    response = client_for(alice).get(_url(history))
    assert response.status_code == 200
    keys = [(e.source.key, e.date) for e in response.context["entries"]]
    assert keys == [
        ("visit", dt.date(2024, 5, 10)),
        ("gaf", dt.date(2024, 4, 1)),
        ("visit", dt.date(2024, 3, 1)),
        ("review", dt.date(2024, 2, 1)),
    ]
    html = response.content.decode()
    assert NOTE in html and "Score EGF" in html and "Bilan annuel" in html
    assert "Quotidien" in html and "Psy" in html


def test_support_opening_it_is_written_to_the_access_log(client_for, alice, history):
    client_for(alice).get(_url(history))
    log = AccessLog.objects.get()
    assert (log.user, log.tenant) == (alice, history)


def test_direction_reads_everything_including_notes(client_for, diane, history):
    response = client_for(diane).get(_url(history))
    assert response.status_code == 200
    assert NOTE in response.content.decode()
    assert len(response.context["entries"]) == 4


def test_housing_sees_visits_without_notes_gaf_or_reviews(client_for, bob, history):
    client = client_for(bob)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url(history))
    assert response.status_code == 200
    assert [e.source.key for e in response.context["entries"]] == ["visit", "visit"]
    html = response.content.decode()
    assert NOTE not in html and "Score EGF" not in html and "Bilan annuel" not in html
    # Not even queried: no SQL reads the note column or the clinical tables.
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert '"note"' not in sql
    assert "gafscore" not in sql and "assessment" not in sql
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("persona", ["maggie", "adam", "oscar"])
def test_roles_without_visit_view_get_403(client_for, history, persona, request):
    assert client_for(request.getfixturevalue(persona)).get(_url(history)).status_code == 403


def test_it_is_paginated(client_for, alice, tenant):
    for i in range(45):
        VisitFactory(tenant=tenant, date=dt.date(2024, 1, 1) + dt.timedelta(days=i))
    client = client_for(alice)
    first = client.get(_url(tenant))
    assert len(first.context["entries"]) == 20
    assert first.context["page_obj"].paginator.count == 45
    assert first.context["entries"][0].date == dt.date(2024, 2, 14)
    last = client.get(_url(tenant, page=3))
    assert [e.date for e in last.context["entries"]] == [dt.date(2024, 1, 5) - dt.timedelta(days=i) for i in range(5)]


def test_same_day_entries_follow_the_time_of_the_visit(client_for, alice, tenant):
    early = VisitFactory(tenant=tenant, date=dt.date(2024, 6, 1), time=dt.time(9, 0))
    late = VisitFactory(tenant=tenant, date=dt.date(2024, 6, 1), time=dt.time(16, 30))
    entries = client_for(alice).get(_url(tenant)).context["entries"]
    assert [e.item.pk for e in entries] == [late.pk, early.pk]


@pytest.mark.parametrize("n_visits", [5, 200])
def test_it_runs_a_constant_number_of_queries(client_for, alice, sam, tenant, n_visits, django_assert_max_num_queries):
    for i in range(n_visits):
        VisitFactory(tenant=tenant, date=dt.date(2023, 1, 1) + dt.timedelta(days=i)).workers.set([alice, sam])
    for i in range(3):
        GafScoreFactory(tenant=tenant, date=dt.date(2023, 2, 1) + dt.timedelta(days=i))
        AssessmentFactory(tenant=tenant, date=dt.date(2023, 3, 1) + dt.timedelta(days=i))
    client = client_for(alice)
    # 16, plus the years to jump to and the RdR material given during the visits.
    with django_assert_max_num_queries(18):
        response = client.get(_url(tenant, page=1))
    assert response.status_code == 200


def test_counts_of_contacts_in_the_last_30_and_90_days_by_kind(tenant):
    today = dt.date(2025, 6, 30)
    for days_ago, kind, status in [
        (0, VisitKind.HOME, VisitStatus.DONE),
        (29, VisitKind.HOME, VisitStatus.DONE),
        (30, VisitKind.HOME, VisitStatus.DONE),  # day 30 back is outside the 30-day window
        (10, VisitKind.PHONE, VisitStatus.DONE),
        (60, VisitKind.EXTERNAL, VisitStatus.DONE),
        (89, VisitKind.CONCERTATION, VisitStatus.DONE),
        (90, VisitKind.HOME, VisitStatus.DONE),  # outside both
        (5, VisitKind.HOME, VisitStatus.ABSENT),
        (50, VisitKind.EXTERNAL, VisitStatus.ABSENT),
        (3, VisitKind.HOME, VisitStatus.PLANNED),  # not a contact
        (1, VisitKind.HOME, VisitStatus.CANCELLED),  # not a contact
    ]:
        VisitFactory(tenant=tenant, date=today - dt.timedelta(days=days_ago), kind=kind, status=status)
    counts = contact_counts(tenant, on=today)
    by_kind = {row["code"]: row["counts"] for row in counts["rows"]}
    assert by_kind == {"HOME": [2, 3], "EXTERNAL": [0, 1], "CONCERTATION": [0, 1], "PHONE": [1, 1]}
    assert counts["absent"] == [1, 2]
    assert counts["meetings"] == [2, 5]


def test_another_app_adds_a_source_through_the_registry(client_for, alice, history):
    source = TimelineSource(
        key="extra-gaf",
        template="tenants/visits/tl_gaf.html",
        queryset=lambda tenant, user: GafScore.objects.filter(tenant=tenant, score__gt=40),
        css="t-move",
    )
    register_timeline_source(source)
    register_timeline_source(source)  # twice is once
    try:
        entries = client_for(alice).get(_url(history)).context["entries"]
    finally:
        TIMELINE_SOURCES.unregister(source)
    assert [e.source.key for e in entries].count("extra-gaf") == 1


def test_panel_on_the_tenant_page_links_the_quick_log_in_one_tap(client_for, alice, history):
    html = client_for(alice).get(reverse("tenants:detail", args=[history.pk])).content.decode()
    assert f'href="{reverse("tenants:quicklog")}?tenant={history.pk}"' in html
    assert reverse("tenants:timeline", args=[history.pk]) in html


def test_management_sees_no_contacts_panel(client_for, maggie, history):
    response = client_for(maggie).get(reverse("tenants:detail", args=[history.pk]))
    assert response.status_code == 200
    assert reverse("tenants:timeline", args=[history.pk]) not in response.content.decode()
    assert Visit.objects.count() == 2


def test_the_tenant_page_with_the_contacts_panel_runs_as_many_queries_for_5_or_200_visits(
    client_for, alice, sam, tenant
):
    def add(n, start):
        for i in range(n):
            visit = VisitFactory(tenant=tenant, date=start + dt.timedelta(days=i))
            visit.workers.set([alice, sam])
        VisitFactory(tenant=tenant, date=dt.date.today() + dt.timedelta(days=start.day), status=VisitStatus.PLANNED)

    client = client_for(alice)
    url = reverse("tenants:detail", args=[tenant.pk])
    add(5, dt.date(2022, 1, 1))
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    add(195, dt.date(2023, 1, 1))
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)
