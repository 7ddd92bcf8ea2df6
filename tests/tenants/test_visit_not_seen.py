"""Team view: followed tenants without a DONE meeting for N days, longest first."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from tenants.models import Team, VisitKind, VisitStatus
from tenants.visits.selectors import not_seen
from tests.factories import TenantFactory, VisitFactory

URL = reverse("tenants:not_seen")
TODAY = dt.date(2025, 11, 19)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2025, 11, 19, 10, 0), tick=False):
        yield


def _ago(days):
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def team(db):
    """Who was last met when (only DONE meetings count)."""
    t = {
        "recent": TenantFactory(last_name="Recent"),
        "at_21": TenantFactory(last_name="Vingtetun"),
        "at_40": TenantFactory(last_name="Quarante", team=Team.ICM),
        "phone_only": TenantFactory(last_name="Telephone"),
        "absent": TenantFactory(last_name="Absent"),
        "never": TenantFactory(last_name="Jamais", followup_start=_ago(100)),
        "new": TenantFactory(last_name="Nouveau", followup_start=_ago(5)),
        "ended": TenantFactory(last_name="Fini", followup_end=_ago(200), end_reason="OTHER"),
    }
    VisitFactory(tenant=t["recent"], date=_ago(3), kind=VisitKind.HOME)
    VisitFactory(tenant=t["recent"], date=_ago(60), kind=VisitKind.HOME)
    VisitFactory(tenant=t["at_21"], date=_ago(21), kind=VisitKind.CONCERTATION)
    VisitFactory(tenant=t["at_40"], date=_ago(40), kind=VisitKind.EXTERNAL)
    VisitFactory(tenant=t["phone_only"], date=_ago(2), kind=VisitKind.PHONE)
    VisitFactory(tenant=t["phone_only"], date=_ago(30), kind=VisitKind.HOME)
    VisitFactory(tenant=t["absent"], date=_ago(1), kind=VisitKind.HOME, status=VisitStatus.ABSENT)
    VisitFactory(tenant=t["absent"], date=_ago(1), kind=VisitKind.HOME, status=VisitStatus.PLANNED)
    VisitFactory(tenant=t["absent"], date=_ago(25), kind=VisitKind.HOME)
    return t


def _names(qs):
    return [t.last_name for t in qs]


def test_it_lists_tenants_not_met_for_21_days_longest_first(team):
    assert _names(not_seen(21)) == ["Jamais", "Quarante", "Telephone", "Absent", "Vingtetun"]


def test_the_threshold_is_configurable(team):
    assert _names(not_seen(35)) == ["Jamais", "Quarante"]
    assert _names(not_seen(22)) == ["Jamais", "Quarante", "Telephone", "Absent"]


def test_it_is_one_query(team, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = list(not_seen(21))
    assert rows[0].last_meeting is None and rows[0].since == _ago(100)
    assert rows[1].last_meeting == _ago(40)


def test_the_page_reads_days_and_team_from_the_query(client_for, alice, team):
    response = client_for(alice).get(URL, {"days": "30", "team": "ICM"})
    assert response.status_code == 200
    assert _names(response.context["tenants"]) == ["Quarante"]
    assert [t.days for t in response.context["tenants"]] == [40]
    html = response.content.decode()
    assert "Pas rencontré·e·s depuis 30 jours ou plus" in html


def test_the_page_defaults_to_the_setting(client_for, alice, team):
    with override_settings(NOT_SEEN_DAYS=35):
        response = client_for(alice).get(URL, {"days": "n'importe quoi"})
    assert response.context["days"] == 35
    assert _names(response.context["tenants"]) == ["Jamais", "Quarante"]


def test_the_page_is_paginated(client_for, alice, db):
    for i in range(30):
        TenantFactory(last_name=f"T{i:02d}", followup_start=_ago(400 - i))
    client = client_for(alice)
    first = client.get(URL)
    assert len(first.context["tenants"]) == 25
    assert first.context["page_obj"].paginator.count == 30
    assert len(client.get(URL, {"page": 2}).context["tenants"]) == 5


@pytest.mark.parametrize("n", [3, 60])
def test_the_page_runs_a_constant_number_of_queries(client_for, alice, db, n, django_assert_max_num_queries):
    for _ in range(n):
        tenant = TenantFactory(followup_start=_ago(400))
        for j in range(4):
            VisitFactory(tenant=tenant, date=_ago(30 + j))
    client = client_for(alice)
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize(
    ("persona", "status"), [("alice", 200), ("bob", 200), ("diane", 200), ("maggie", 403), ("adam", 403)]
)
def test_who_sees_the_team_view(client_for, team, persona, status, request):
    assert client_for(request.getfixturevalue(persona)).get(URL).status_code == status


def test_the_home_page_shows_the_quick_log_and_the_list(client_for, alice, team):
    response = client_for(alice).get("/")
    html = response.content.decode()
    assert "Noter une visite" in html
    assert f'id="ql-tenant-o{team["recent"].pk}"' in html
    assert "Pas vu·e·s depuis 21 jours" in html
    assert "Jamais" in html and "Recent</a>" not in html


def test_direction_sees_the_list_but_no_quick_log(client_for, diane, team):
    html = client_for(diane).get("/").content.decode()
    assert "Pas vu·e·s depuis 21 jours" in html
    assert 'id="ql-tenant"' not in html


def test_management_sees_neither(client_for, maggie, team):
    html = client_for(maggie).get("/").content.decode()
    assert "Pas vu·e·s depuis" not in html and 'id="ql-tenant"' not in html
