"""Two people filling the last free place of a dwelling at the same time:
exactly one succeeds (PostgreSQL: real row locks, separate connections)."""

import datetime as dt
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from housing.models import MoveKind, Stay
from housing.services import move_record
from tests.factories import DwellingFactory, TenantFactory

D = dt.date
FULL = "Logement : D-0900 est complet le 01/03/2024 (capacité : 2)."


@pytest.fixture
def last_place(db):
    """A dwelling for two with one occupant already, and two candidates."""
    dwelling = DwellingFactory(code="D-0900", capacity=2)
    first = TenantFactory(followup_start=D(2020, 1, 1))
    move_record(tenant=first, date=D(2024, 1, 1), kind=MoveKind.ENTRY, dwelling=dwelling)
    a = TenantFactory(followup_start=D(2020, 1, 1))
    b = TenantFactory(followup_start=D(2020, 1, 1))
    return dwelling, a, b


def _enter(tenant, dwelling, outcomes):
    try:
        move_record(tenant=tenant, date=D(2024, 3, 1), kind=MoveKind.ENTRY, dwelling=dwelling)
        outcomes[tenant.code] = "ok"
    except ValidationError as exc:
        outcomes[tenant.code] = exc.message_dict
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_lets_only_one_of_two_simultaneous_moves_take_the_last_place(last_place):
    dwelling, a, b = last_place
    outcomes: dict = {}
    barrier = threading.Barrier(2)

    def run(tenant):
        barrier.wait()
        _enter(tenant, dwelling, outcomes)

    threads = [threading.Thread(target=run, args=(t,)) for t in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert sorted(map(str, outcomes.values())) == sorted(["ok", str({"dwelling": [FULL]})])
    assert Stay.objects.filter(dwelling=dwelling, end__isnull=True).count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_second_mover_waits_for_the_first_and_then_finds_the_place_taken(last_place):
    """Deterministic interleaving: A holds its transaction open after taking
    the place; B must block on the dwelling lock (not read stale occupancy),
    then fail once A commits."""
    dwelling, a, b = last_place
    outcomes: dict = {}
    a_has_recorded, release_a = threading.Event(), threading.Event()

    def first():
        try:
            with transaction.atomic():
                move_record(tenant=a, date=D(2024, 3, 1), kind=MoveKind.ENTRY, dwelling=dwelling)
                a_has_recorded.set()
                release_a.wait(10)
            outcomes[a.code] = "ok"
        finally:
            connection.close()

    def second():
        a_has_recorded.wait(10)
        _enter(b, dwelling, outcomes)

    ta, tb = threading.Thread(target=first), threading.Thread(target=second)
    ta.start()
    tb.start()
    a_has_recorded.wait(10)
    time.sleep(0.7)
    assert tb.is_alive(), "B did not wait for A's lock on the dwelling"
    release_a.set()
    ta.join(10)
    tb.join(10)
    assert outcomes == {a.code: "ok", b.code: {"dwelling": [FULL]}}
    assert set(Stay.objects.filter(dwelling=dwelling).values_list("tenant__code", flat=True)) == {
        last_place[0].stays.order_by("start").first().tenant.code,
        a.code,
    }


@pytest.mark.postgres
def test_postgres_refuses_two_overlapping_stays_of_one_tenant(db):
    """Even a write that skips the services (raw Stay rows) cannot put one
    tenant in two dwellings on the same day."""
    from django.db import IntegrityError

    from housing.models import Move

    tenant = TenantFactory(followup_start=D(2020, 1, 1))
    first, second = DwellingFactory(), DwellingFactory()
    a = move_record(tenant=tenant, date=D(2024, 1, 1), kind=MoveKind.ENTRY, dwelling=first)
    b = Move(tenant=tenant, date=D(2024, 2, 1), kind=MoveKind.TRANSFER, dwelling=second)
    b._save_unchecked()
    Stay.objects.filter(move_in=a).update(end=None)  # first stay left open on purpose
    with pytest.raises(IntegrityError, match="stay_tenant_no_overlap"), transaction.atomic():
        Stay.objects.create(tenant=tenant, dwelling=second, start=D(2024, 2, 1), end=None, move_in=b)
