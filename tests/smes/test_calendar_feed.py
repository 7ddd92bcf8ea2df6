"""Issue 15: personal calendar feeds (ICS) at a secret, revocable URL.

Parsed with the `icalendar` library, as a calendar app would read them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from icalendar import Calendar

from housing.models import Convention
from smes.models import CalendarFeed
from tenants.models import VisitStatus
from tests.factories import LeaseFactory, PartnerFactory, TenantFactory, VisitFactory

PAGE = "/agenda/"


def new_link(client, kind="VISITS") -> str:
    response = client.post(PAGE, {"kind": kind, "action": "new"})
    assert response.status_code == 200
    match = re.search(r'value="(http://testserver/agenda/[^"]+\.ics)"', response.content.decode())
    assert match, "the new link is shown once"
    return match.group(1).removeprefix("http://testserver")


def events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(response.content)
    assert cal["VERSION"] == "2.0"
    return list(cal.walk("VEVENT"))


@pytest.fixture
def planned(alice):
    today = dt.date.today()
    zoe = TenantFactory(first_name="Zoé", last_name="Willems", code="HF-0042")
    visit = VisitFactory(
        tenant=zoe,
        date=today + dt.timedelta(days=2),
        time=dt.time(14, 30),
        duration_min=45,
        status=VisitStatus.PLANNED,
        note="parle de sa consommation",
        m_psy=True,
        created_by=alice,
    )
    visit.workers.set([alice])
    return visit


def test_the_feed_lists_planned_visits_with_code_and_first_name_only(client, client_for, alice, planned):
    VisitFactory(tenant=planned.tenant, date=dt.date.today(), status=VisitStatus.DONE, created_by=alice)
    url = new_link(client_for(alice))
    response = client.get(url)  # a calendar app: no session
    [event] = events(response)
    assert str(event["SUMMARY"]) == "Visite à domicile · HF-0042 Zoé"
    assert [str(tz["TZID"]) for tz in Calendar.from_ical(response.content).walk("VTIMEZONE")] == ["Europe/Brussels"]
    start = event.decoded("DTSTART")
    assert (start.date(), start.time()) == (planned.date, dt.time(14, 30))
    assert event.decoded("DTEND") - start == dt.timedelta(minutes=45)
    text = response.content.decode()
    assert "Willems" not in text and "consommation" not in text and "DESCRIPTION" not in text


def test_a_new_link_invalidates_the_old_one_and_revoke_kills_it(client, client_for, alice, planned):
    worker = client_for(alice)
    old = new_link(worker)
    new = new_link(worker)
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    worker.post(PAGE, {"kind": "VISITS", "action": "revoke"})
    assert client.get(new).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_another_workers_token_never_shows_your_visits(client, client_for, alice, sam, planned):
    other = TenantFactory(code="HF-0077", first_name="Marc")
    VisitFactory(tenant=other, date=dt.date.today() + dt.timedelta(days=1), status=VisitStatus.PLANNED, created_by=sam)
    url = new_link(client_for(sam))
    summaries = [str(e["SUMMARY"]) for e in events(client.get(url))]
    assert summaries == ["Visite à domicile · HF-0077 Marc"]


def test_the_token_is_not_stored_in_clear_and_a_deactivated_account_gets_404(client, client_for, alice, planned):
    url = new_link(client_for(alice))
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert not CalendarFeed.objects.filter(token_hash__contains=token).exists()
    alice.is_active = False
    alice.save()
    assert client.get(url).status_code == 404


def test_housing_gets_lease_ends_and_conventions_due(client, client_for, bob):
    today = dt.date.today()
    lease = LeaseFactory(tenant=TenantFactory(code="HF-0050", first_name="Ana"), end=today + dt.timedelta(days=20))
    LeaseFactory(end=today + dt.timedelta(days=400))  # too far
    partner = PartnerFactory(name="AIS Quartiers")
    Convention.objects.create(
        partner=partner,
        title="Convention 2024",
        signed_on=dt.date(2024, 1, 1),
        next_evaluation_due=today + dt.timedelta(days=30),
    )
    url = new_link(client_for(bob), kind="HOUSING")
    found = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events(client.get(url))}
    assert found == {
        "Fin de bail · HF-0050 Ana": lease.end,
        "Évaluation de convention · AIS Quartiers : Convention 2024": today + dt.timedelta(days=30),
    }


def test_housing_cannot_make_a_visits_link_nor_support_a_housing_one(client_for, alice, bob):
    assert client_for(bob).post(PAGE, {"kind": "VISITS", "action": "new"}).status_code == 403
    assert client_for(alice).post(PAGE, {"kind": "HOUSING", "action": "new"}).status_code == 403
    assert not CalendarFeed.objects.exists()
