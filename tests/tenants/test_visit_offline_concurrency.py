"""Issue 15: the same queued visit sent by two tabs at the same moment is
stored once (PostgreSQL: real separate connections; the second insert waits
on the unique index, then returns the first visit)."""

import datetime as dt
import threading
import time
import uuid

import pytest
from django.db import connection, transaction

from harmreduction.models import Item, Movement, MovementKind
from harmreduction.quicklog import VisitMaterialForm
from harmreduction.services import receipt_record
from tenants.models import Visit
from tenants.visits.services import visit_create
from tests.factories import TenantFactory
from tests.harmreduction.catalogue import restore_catalogue


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_twin_sent_while_the_first_is_not_committed_waits_and_is_not_stored(alice, maggie):
    restore_catalogue()
    bd = Item.objects.get(code="BD")
    receipt_record(date=dt.date(2024, 3, 1), worker=maggie, supplier="Modus Vivendi", lines=[(bd, 10)])
    tenant = TenantFactory(followup_start=dt.date(2020, 1, 1))
    key = uuid.uuid4()
    outcomes: dict = {}
    first_saved, release_first = threading.Event(), threading.Event()

    def material():
        form = VisitMaterialForm({"rdr-item_0": str(bd.pk), "rdr-qty_0": "2"}, user=alice)
        assert form.is_valid()
        return form

    def first():
        try:
            with transaction.atomic():
                outcomes["first"] = visit_create(
                    tenant=tenant, author=alice, date=dt.date.today(), extensions=[material()], client_uuid=key
                )
                first_saved.set()
                release_first.wait(10)
        finally:
            connection.close()

    def second():
        first_saved.wait(10)
        try:
            outcomes["second"] = visit_create(
                tenant=tenant, author=alice, date=dt.date.today(), extensions=[material()], client_uuid=key
            )
        finally:
            connection.close()

    ta, tb = threading.Thread(target=first), threading.Thread(target=second)
    ta.start()
    tb.start()
    first_saved.wait(10)
    time.sleep(0.7)
    assert tb.is_alive(), "the twin did not wait on the unique index"
    release_first.set()
    ta.join(10)
    tb.join(10)
    assert outcomes["second"].pk == outcomes["first"].pk and outcomes["second"].replayed
    assert Visit.objects.filter(client_uuid=key).count() == 1
    assert Movement.objects.filter(kind=MovementKind.DISTRIBUTION).count() == 1
