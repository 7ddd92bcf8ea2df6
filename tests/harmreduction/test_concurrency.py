"""Two workers give the last units at the same moment: exactly one wins.

PostgreSQL only (SQLite has one writer at a time). Each thread has its own
connection; `_write` is slowed down so that, without the row lock, both
transactions would write before either checks — the test then fails with
two winners (checked by hand with `_lock` disabled).
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from harmreduction import services
from harmreduction.models import Item, Movement, MovementKind
from harmreduction.selectors import items_with_stock
from tests.harmreduction.catalogue import restore_catalogue

from .conftest import DAY


@pytest.fixture(autouse=True)
def catalogue(transactional_db):
    restore_catalogue()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_distribution_of_the_last_units_exactly_one_wins(alice, sam, maggie, monkeypatch):
    assert connection.vendor == "postgresql"
    bd = Item.objects.get(code="BD")
    h2o = Item.objects.get(code="H2O")
    services.receipt_record(date=DAY, worker=maggie, supplier="MV", lines=[(bd, 5), (h2o, 5)])

    real_write = services._write

    def slow_write(**kwargs):
        operation = real_write(**kwargs)
        time.sleep(0.4)  # the other worker arrives meanwhile
        return operation

    monkeypatch.setattr(services, "_write", slow_write)
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def give(worker, lines):
        try:
            barrier.wait(timeout=5)
            services.distribution_record(date=DAY, worker=worker, lines=lines)
            outcome[worker.username] = "ok"
        except ValidationError as exc:
            outcome[worker.username] = exc.messages[0]
        finally:
            connections.close_all()

    # Items listed in opposite orders: the sorted lock order avoids a deadlock.
    threads = [
        threading.Thread(target=give, args=(alice, [(bd, 5), (h2o, 1)])),
        threading.Thread(target=give, args=(sam, [(h2o, 1), (bd, 5)])),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)

    assert sorted(outcome.values()) == [
        "Stock insuffisant pour « Seringue BD (normale) » : il en reste 0, 5 demandé(s).",
        "ok",
    ]
    stock = {i.code: i.stock for i in items_with_stock().filter(code__in=["BD", "H2O"])}
    assert stock == {"BD": 0, "H2O": 4}
    assert Movement.objects.filter(kind=MovementKind.DISTRIBUTION).count() == 2
