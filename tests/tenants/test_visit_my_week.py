"""My week: the worker's planned and done visits day by day, closing in one tap."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tenants.models import Visit, VisitKind, VisitStatus
from tests.factories import TenantFactory, VisitFactory

URL = reverse("tenants:my_week")
HTMX = {"HTTP_HX_REQUEST": "true"}
WEDNESDAY = dt.date(2025, 11, 19)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2025, 11, 19, 10, 0), tick=False):
        yield


@pytest.fixture
def tenant(db):
    return TenantFactory(first_name="Marie", last_name="Lambert")


def _visit(tenant, worker, date, status=VisitStatus.PLANNED, **kwargs):
    visit = VisitFactory(tenant=tenant, date=date, status=status, created_by=worker, **kwargs)
    visit.workers.set([worker])
    return visit


def test_it_lists_my_visits_of_the_week_day_by_day(client_for, alice, sam, tenant):
    monday_done = _visit(tenant, alice, dt.date(2025, 11, 17), VisitStatus.DONE)
    friday = _visit(tenant, alice, dt.date(2025, 11, 21))
    _visit(tenant, sam, dt.date(2025, 11, 18))  # not mine
    _visit(tenant, alice, dt.date(2025, 11, 24))  # next week
    response = client_for(alice).get(URL)
    days = response.context["days"]
    assert [d for d, _ in days] == [dt.date(2025, 11, 17) + dt.timedelta(days=i) for i in range(7)]
    assert {d: [v.pk for v in vs] for d, vs in days if vs} == {
        dt.date(2025, 11, 17): [monday_done.pk],
        dt.date(2025, 11, 21): [friday.pk],
    }
    assert response.context["summary"] == {"planned": 1, "done": 1, "absent": 0, "to_close": 0}


def test_visits_where_i_am_a_worker_are_mine(client_for, alice, sam, tenant):
    visit = _visit(tenant, sam, WEDNESDAY)
    visit.workers.add(alice)
    days = dict(client_for(alice).get(URL).context["days"])
    assert [v.pk for v in days[WEDNESDAY]] == [visit.pk]


def test_the_week_is_navigable(client_for, alice, tenant):
    later = _visit(tenant, alice, dt.date(2025, 12, 3))
    response = client_for(alice).get(URL, {"semaine": "2025-12-04"})
    assert response.context["monday"] == dt.date(2025, 12, 1)
    assert [v.pk for v in dict(response.context["days"])[dt.date(2025, 12, 3)]] == [later.pk]
    assert 'href="?semaine=2025-11-24"' in response.content.decode()
    # A bad date falls back to this week.
    assert client_for(alice).get(URL, {"semaine": "demain"}).context["monday"] == dt.date(2025, 11, 17)


def test_past_planned_visits_show_as_to_close(client_for, alice, tenant):
    _visit(tenant, alice, dt.date(2025, 11, 18))  # yesterday, this week
    old = _visit(tenant, alice, dt.date(2025, 11, 3))  # an earlier week
    response = client_for(alice).get(URL)
    assert [v.pk for v in response.context["backlog"]] == [old.pk]
    assert response.context["summary"]["to_close"] == 2
    html = response.content.decode()
    assert html.count("à clôturer</span>") == 2
    assert html.count('name="status" value="ABSENT"') == 2


def test_future_planned_visits_cannot_be_closed_yet(client_for, alice, tenant):
    _visit(tenant, alice, dt.date(2025, 11, 21))
    html = client_for(alice).get(URL).content.decode()
    assert 'name="status" value="DONE"' not in html


@pytest.mark.parametrize("status", ["DONE", "ABSENT", "CANCELLED"])
def test_one_tap_closes_a_planned_visit(client_for, alice, tenant, status):
    visit = _visit(tenant, alice, dt.date(2025, 11, 18))
    url = reverse("tenants:visit_status", args=[visit.pk])
    response = client_for(alice).post(url, {"status": status}, **HTMX)
    assert response.status_code == 200
    visit.refresh_from_db()
    assert visit.status == status
    html = response.content.decode()
    assert html.startswith(f'<li class="vrow vrow-{status.lower()}')
    assert 'name="status"' not in html


def test_closing_without_htmx_redirects_back(client_for, alice, tenant):
    visit = _visit(tenant, alice, dt.date(2025, 11, 18))
    url = reverse("tenants:visit_status", args=[visit.pk])
    response = client_for(alice).post(url, {"status": "ABSENT", "next": f"{URL}?semaine=2025-11-17"})
    assert response.status_code == 302 and response.url == f"{URL}?semaine=2025-11-17"
    visit.refresh_from_db()
    assert visit.status == "ABSENT"


def test_closing_refuses_a_foreign_next_url(client_for, alice, tenant):
    visit = _visit(tenant, alice, dt.date(2025, 11, 18))
    url = reverse("tenants:visit_status", args=[visit.pk])
    response = client_for(alice).post(url, {"status": "DONE", "next": "https://evil.example/"})
    assert response.url == URL


def test_closing_a_visit_next_month_shows_why(client_for, alice, tenant):
    visit = _visit(tenant, alice, dt.date(2025, 12, 20))
    url = reverse("tenants:visit_status", args=[visit.pk])
    response = client_for(alice).post(url, {"status": "DONE"}, **HTMX)
    assert "ne peut pas être daté dans le futur" in response.content.decode()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PLANNED


def test_closing_someone_elses_visit_is_403(client_for, alice, sam, bob, tenant):
    visit = _visit(tenant, sam, dt.date(2025, 11, 18))
    url = reverse("tenants:visit_status", args=[visit.pk])
    assert client_for(alice).post(url, {"status": "DONE"}).status_code == 403
    assert client_for(bob).post(url, {"status": "DONE"}).status_code == 403
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PLANNED


def test_closing_needs_post(client_for, alice, tenant):
    visit = _visit(tenant, alice, dt.date(2025, 11, 18))
    assert client_for(alice).get(reverse("tenants:visit_status", args=[visit.pk])).status_code == 405


@pytest.mark.parametrize("persona", ["maggie", "diane", "adam"])
def test_roles_that_log_nothing_have_no_week(client_for, persona, request, db):
    assert client_for(request.getfixturevalue(persona)).get(URL).status_code == 403


def test_housing_has_a_week_of_its_own_contacts(client_for, bob, tenant):
    visit = _visit(tenant, bob, dt.date(2025, 11, 18), VisitStatus.DONE, kind=VisitKind.PHONE)
    days = dict(client_for(bob).get(URL).context["days"])
    assert [v.pk for v in days[dt.date(2025, 11, 18)]] == [visit.pk]


@pytest.mark.parametrize("n_visits", [5, 200])
def test_it_runs_a_constant_number_of_queries(client_for, alice, sam, tenant, n_visits, django_assert_max_num_queries):
    for i in range(n_visits):
        v = _visit(tenant, alice, dt.date(2025, 11, 17) + dt.timedelta(days=i % 7))
        v.workers.add(sam)
        _visit(tenant, alice, dt.date(2025, 10, 1) + dt.timedelta(days=i % 30))
    client = client_for(alice)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
    assert Visit.objects.count() == 2 * n_visits


def test_edit_page_changes_my_visit_and_goes_back(client_for, alice, tenant):
    visit = _visit(tenant, alice, dt.date(2025, 11, 21), time=dt.time(14, 0))
    url = reverse("tenants:visit_edit", args=[visit.pk])
    client = client_for(alice)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "date": "2025-11-21",
            "time": "15:30",
            "kind": "EXTERNAL",
            "status": "PLANNED",
            "motives": ["MEDICAL"],
            "workers": [alice.pk],
            "next": URL,
        },
    )
    assert response.status_code == 302 and response.url == URL
    visit.refresh_from_db()
    assert (visit.kind, visit.time, visit.motives) == ("EXTERNAL", dt.time(15, 30), ["MEDICAL"])


def test_edit_page_is_403_for_someone_elses_visit(client_for, alice, sam, tenant):
    visit = _visit(tenant, sam, dt.date(2025, 11, 21))
    assert client_for(alice).get(reverse("tenants:visit_edit", args=[visit.pk])).status_code == 403


def test_delete_asks_then_deletes(client_for, alice, tenant):
    visit = _visit(tenant, alice, dt.date(2025, 11, 21))
    url = reverse("tenants:visit_delete", args=[visit.pk])
    client = client_for(alice)
    assert client.get(url).status_code == 200
    assert Visit.objects.filter(pk=visit.pk).exists()
    assert client.post(url).status_code == 302
    assert not Visit.objects.filter(pk=visit.pk).exists()


# -- Closing as done asks for the duration ----------------------------------


def test_done_without_a_known_duration_asks_for_it_with_the_quick_log_presets(client_for, alice, tenant):
    visit = _visit(tenant, alice, dt.date(2025, 11, 18), duration_min=None)
    url = reverse("tenants:visit_status", args=[visit.pk])
    response = client_for(alice).post(url, {"status": "DONE"}, **HTMX)
    assert response.status_code == 200
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PLANNED  # not closed yet
    html = response.content.decode()
    assert html.startswith('<li class="vrow vrow-planned')
    assert "Durée de la visite ?" in html
    for minutes in (10, 15, 30, 45, 60, 90):
        assert f'name="duration_min" value="{minutes}"' in html
    assert 'type="hidden" name="status" value="DONE"' in html


def test_a_duration_preset_closes_the_visit_and_refreshes_the_week_counters(client_for, alice, tenant):
    visit = _visit(tenant, alice, dt.date(2025, 11, 18), duration_min=None)
    _visit(tenant, alice, dt.date(2025, 11, 17), VisitStatus.DONE)
    url = reverse("tenants:visit_status", args=[visit.pk])
    on_my_week = {**HTMX, "HTTP_HX_CURRENT_URL": f"http://testserver{URL}?semaine=2025-11-17"}
    response = client_for(alice).post(url, {"status": "DONE", "duration_min": "30"}, **on_my_week)
    visit.refresh_from_db()
    assert (visit.status, visit.duration_min) == (VisitStatus.DONE, 30)
    html = response.content.decode()
    assert html.startswith('<li class="vrow vrow-done')
    # "Ma semaine" counters come along, out of band.
    oob = html.split('id="week-stats"')[1]
    assert 'hx-swap-oob="true"' in html.split('id="week-stats"')[0][-200:] + oob[:200]
    assert '<div class="value">2</div><div class="label">réalisées' in oob
    assert '<div class="value">0</div><div class="label">à clôturer' in oob


def test_closing_absent_refreshes_the_counters_too(client_for, alice, tenant):
    visit = _visit(tenant, alice, dt.date(2025, 11, 18), duration_min=None)
    url = reverse("tenants:visit_status", args=[visit.pk])
    html = (
        client_for(alice)
        .post(url, {"status": "ABSENT"}, **HTMX, HTTP_HX_CURRENT_URL=f"http://testserver{URL}")
        .content.decode()
    )
    oob = html.split('id="week-stats"')[1]
    assert '<div class="value">1</div><div class="label">absent·e·s' in oob


def test_elsewhere_no_counters_come_along(client_for, alice, tenant):
    visit = _visit(tenant, alice, dt.date(2025, 11, 18))
    url = reverse("tenants:visit_status", args=[visit.pk])
    current = f"http://testserver/locataires/{tenant.pk}/"
    html = client_for(alice).post(url, {"status": "DONE"}, **HTMX, HTTP_HX_CURRENT_URL=current).content.decode()
    assert "week-stats" not in html


def test_a_bad_duration_says_why_and_closes_nothing(client_for, alice, tenant):
    visit = _visit(tenant, alice, dt.date(2025, 11, 18), duration_min=None)
    url = reverse("tenants:visit_status", args=[visit.pk])
    for bad in ("abc", "5000"):
        html = client_for(alice).post(url, {"status": "DONE", "duration_min": bad}, **HTMX).content.decode()
        assert 'role="alert"' in html and "Durée de la visite ?" in html
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PLANNED


def test_without_javascript_done_asks_the_duration_on_a_page_then_goes_back(client_for, alice, tenant):
    visit = _visit(tenant, alice, dt.date(2025, 11, 18), duration_min=None)
    url = reverse("tenants:visit_status", args=[visit.pk])
    client = client_for(alice)
    response = client.post(url, {"status": "DONE", "next": f"{URL}?semaine=2025-11-17"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Durée de la visite ?" in html and "<html" in html
    assert f'name="next" value="{URL}?semaine=2025-11-17"' in html
    response = client.post(url, {"status": "DONE", "duration_min": "45", "next": f"{URL}?semaine=2025-11-17"})
    assert response.status_code == 302 and response.url == f"{URL}?semaine=2025-11-17"
    visit.refresh_from_db()
    assert (visit.status, visit.duration_min) == (VisitStatus.DONE, 45)


def test_a_known_duration_still_closes_in_one_tap(client_for, alice, tenant):
    visit = _visit(tenant, alice, dt.date(2025, 11, 18), duration_min=60)
    url = reverse("tenants:visit_status", args=[visit.pk])
    client_for(alice).post(url, {"status": "DONE"}, **HTMX)
    visit.refresh_from_db()
    assert (visit.status, visit.duration_min) == (VisitStatus.DONE, 60)


def test_the_week_counters_are_on_the_page_once(client_for, alice, tenant):
    for day in (17, 18, 19):
        _visit(tenant, alice, dt.date(2025, 11, day))
    assert client_for(alice).get(URL).content.decode().count('id="week-stats"') == 1


def test_a_duration_sent_with_absent_is_ignored(client_for, alice, tenant):
    visit = _visit(tenant, alice, dt.date(2025, 11, 18), duration_min=None)
    url = reverse("tenants:visit_status", args=[visit.pk])
    client_for(alice).post(url, {"status": "ABSENT", "duration_other": "abc"}, **HTMX)
    visit.refresh_from_db()
    assert (visit.status, visit.duration_min) == (VisitStatus.ABSENT, None)
