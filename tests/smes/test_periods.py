"""Periods asked the same way for every model (smes.lib.periods): a lease's
end day is part of it, a stay's is not (the day of the next move)."""

import datetime as dt

import pytest

from housing.models import Dwelling, Lease, MoveKind, Stay, StayQuerySet
from housing.services import move_record
from tenants.models import Tenant
from tests.factories import DwellingFactory, LeaseFactory, TenantFactory

D = dt.date
pytestmark = pytest.mark.django_db


def test_it_counts_a_lease_on_its_last_day_and_not_after():
    lease = LeaseFactory(start=D(2024, 1, 1), end=D(2024, 3, 31))
    open_lease = LeaseFactory(start=D(2024, 6, 1))

    assert list(Lease.objects.open_on(D(2024, 3, 31))) == [lease]
    assert list(Lease.objects.open_on(D(2024, 4, 1))) == []
    assert list(Lease.objects.open_on(D(2023, 12, 31))) == []
    assert list(Lease.objects.open_on(D(2040, 1, 1))) == [open_lease]
    assert set(Lease.objects.overlapping_year(2024)) == {lease, open_lease}
    assert list(Lease.objects.overlapping(D(2024, 4, 1), D(2024, 5, 31))) == []
    assert list(Lease.objects.overlapping(D(2024, 3, 31), None).order_by("start")) == [lease, open_lease]
    assert list(Lease.objects.not_ended_by(D(2024, 3, 31))) == [open_lease]


def test_it_ends_a_stay_on_the_day_of_the_next_move():
    tenant, flat = TenantFactory(), DwellingFactory()
    move_record(tenant=tenant, date=D(2024, 1, 10), kind=MoveKind.ENTRY, dwelling=flat)
    move_record(tenant=tenant, date=D(2024, 3, 1), kind=MoveKind.EXIT, exit_to="STREET")
    stay = Stay.objects.get()

    assert list(Stay.objects.open_on(D(2024, 1, 10))) == [stay]
    assert list(Stay.objects.open_on(D(2024, 2, 29))) == [stay]
    assert list(Stay.objects.open_on(D(2024, 3, 1))) == []
    assert list(Stay.objects.overlapping(D(2024, 3, 1), D(2024, 12, 31))) == []
    assert list(Stay.objects.overlapping(D(2023, 1, 1), D(2024, 1, 10))) == [stay]
    assert list(Stay.objects.overlapping_year(2023)) == []
    assert list(Stay.objects.not_ended_by(D(2024, 2, 29))) == [stay]
    assert list(Stay.objects.on_morning_of(D(2024, 1, 10))) == []
    assert list(Stay.objects.on_morning_of(D(2024, 1, 11))) == [stay]
    assert list(Stay.objects.on_morning_of(D(2024, 3, 1))) == []
    # Through a relation: the dwellings lived in on a day.
    lived_in = StayQuerySet.period("stays__").open_on(D(2024, 2, 1))
    assert list(Dwelling.objects.filter(lived_in)) == [flat]
    assert list(Dwelling.objects.filter(StayQuerySet.period("stays__").open_on(D(2024, 3, 1)))) == []


def test_it_counts_a_follow_up_on_its_last_day():
    ended = TenantFactory(followup_start=D(2020, 1, 1), followup_end=D(2023, 12, 31), end_reason="OTHER")
    running = TenantFactory(followup_start=D(2024, 1, 1))

    assert set(Tenant.objects.overlapping_year(2023)) == {ended}
    assert set(Tenant.objects.open_on(D(2024, 1, 1))) == {running}
    assert set(Tenant.objects.accompanied_between(D(2023, 12, 31), D(2024, 1, 1))) == {ended, running}
