"""The visit note is clinical: no page a Housing user opens shows it, nor
even reads it from the database. Management sees no visits at all."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tenants.models import VisitStatus
from tests.factories import TenantFactory, VisitFactory

NOTE = "Confidentiel : rechute, idées noires."


@pytest.fixture
def world(alice, bob):
    tenant = TenantFactory(followup_start=dt.date(2020, 1, 1))
    today = dt.date.today()
    done = VisitFactory(tenant=tenant, date=today - dt.timedelta(days=1), note=NOTE, created_by=alice)
    done.workers.set([alice, bob])
    planned = VisitFactory(tenant=tenant, date=today + dt.timedelta(days=1), status=VisitStatus.PLANNED, note=NOTE)
    planned.workers.set([alice, bob])
    return tenant


def _pages(tenant):
    return [
        "/",
        reverse("tenants:detail", args=[tenant.pk]),
        reverse("tenants:timeline", args=[tenant.pk]),
        reverse("tenants:my_week"),
        f"{reverse('tenants:quicklog')}?tenant={tenant.pk}",
        reverse("tenants:not_seen"),
    ]


def test_housing_never_reads_the_note(client_for, bob, world):
    client = client_for(bob)
    for url in _pages(world):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert NOTE not in response.content.decode(), url
        visit_sql = [q["sql"] for q in queries.captured_queries if '"tenants_visit"' in q["sql"]]
        assert not any('"tenants_visit"."note"' in sql for sql in visit_sql), url


def test_support_reads_the_note_on_the_timeline(client_for, alice, world):
    assert NOTE in client_for(alice).get(reverse("tenants:timeline", args=[world.pk])).content.decode()


def test_management_sees_no_visit_anywhere(client_for, maggie, world):
    client = client_for(maggie)
    for url in _pages(world)[2:]:
        assert client.get(url).status_code == 403, url
    for url in _pages(world)[:2]:
        html = client.get(url).content.decode()
        assert "Visite à domicile" not in html and NOTE not in html, url


def test_housing_may_not_edit_even_a_visit_it_took_part_in(client_for, bob, world):
    visit = world.visits.get(status=VisitStatus.DONE)
    client = client_for(bob)
    assert client.get(reverse("tenants:visit_edit", args=[visit.pk])).status_code == 403
    assert client.post(reverse("tenants:visit_delete", args=[visit.pk])).status_code == 403
    assert world.visits.count() == 2
