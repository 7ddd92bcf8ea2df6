"""Issue 15: the endpoint the phone's offline queue sends visits to.

The client-generated `client_uuid` is an idempotency key: the same visit
sent twice (retry, two tabs, an answer lost after the commit) is stored
once, with its RdR material moved once. Refusals answer 422 with the
reasons, never a 500."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from django.db import IntegrityError

from harmreduction.models import Item, Movement, MovementKind
from harmreduction.selectors import items_with_stock
from harmreduction.services import receipt_record
from tenants.models import Visit
from tenants.services import tenant_end_followup
from tenants.visits.services import visit_create
from tests.factories import TenantFactory, VisitFactory

URL = "/locataires/visites/envoi/"
STATE = "/locataires/visites/hors-ligne/etat.json"


@pytest.fixture
def tenant(db):
    return TenantFactory(first_name="Zoé", last_name="Willems", followup_start=dt.date(2020, 1, 1))


def visit_data(tenant, key, **extra):
    data = {
        "client_uuid": str(key),
        "tenant": tenant.pk,
        "date": dt.date.today().isoformat(),
        "kind": "HOME",
        "status": "DONE",
        "motives": ["DAILY"],
        "duration_min": "45",
        "note": "vu sur le palier",
    }
    data.update(extra)
    return data


def test_the_same_key_twice_stores_one_visit_and_moves_the_stock_once(client_for, alice, maggie, tenant):
    bd = Item.objects.get(code="BD")
    receipt_record(date=dt.date(2024, 3, 1), worker=maggie, supplier="Modus Vivendi", lines=[(bd, 10)])
    client = client_for(alice)
    key = uuid.uuid4()
    data = visit_data(tenant, key, **{"rdr-item_0": bd.pk, "rdr-qty_0": "3"})

    first = client.post(URL, data)
    again = client.post(URL, data)

    assert first.status_code == 200 and again.status_code == 200
    assert first.json() == {"status": "saved", "visit": first.json()["visit"], "tenant": tenant.pk, "replayed": False}
    assert again.json()["replayed"] is True and again.json()["visit"] == first.json()["visit"]
    visit = Visit.objects.get(tenant=tenant)
    assert visit.client_uuid == key and visit.note == "vu sur le palier" and visit.created_by == alice
    assert list(Movement.objects.filter(kind=MovementKind.DISTRIBUTION).values_list("visit", "quantity")) == [
        (visit.pk, 3)
    ]
    assert items_with_stock().get(code="BD").stock == 7


def test_a_refusal_answers_422_with_the_reason_and_saves_nothing(client_for, alice, maggie, tenant):
    bd = Item.objects.get(code="BD")
    receipt_record(date=dt.date(2024, 3, 1), worker=maggie, supplier="Modus Vivendi", lines=[(bd, 2)])
    client = client_for(alice)
    tenant_end_followup(tenant=tenant, end_date=dt.date.today() - dt.timedelta(days=3), reason="OTHER", user=alice)

    ended = client.post(URL, visit_data(tenant, uuid.uuid4()))
    other = TenantFactory()
    no_stock = client.post(URL, visit_data(other, uuid.uuid4(), **{"rdr-item_0": bd.pk, "rdr-qty_0": "5"}))
    bad_minutes = client.post(URL, visit_data(other, uuid.uuid4(), duration_min="-5"))

    assert ended.status_code == 422
    assert ended.json() == {
        "status": "refused",
        "errors": ["La date est en dehors de la période d'accompagnement de ce·tte locataire."],
    }
    assert no_stock.status_code == 422
    assert "Stock insuffisant" in no_stock.json()["errors"][0]
    assert bad_minutes.json()["errors"] == ["Durée (min) : La durée ne peut pas être négative."]
    assert not Visit.objects.exists() and not Movement.objects.filter(kind=MovementKind.DISTRIBUTION).exists()


@pytest.mark.parametrize(
    "data, status",
    [({}, 400), ({"client_uuid": "pas-un-uuid"}, 400), ({"client_uuid": str(uuid.uuid4()), "tenant": "999999"}, 422)],
)
def test_a_broken_post_is_a_clear_refusal_never_a_500(client_for, alice, data, status):
    response = client_for(alice).post(URL, data)
    assert response.status_code == status
    assert response.json()["status"] == "refused" and response.json()["errors"]


def test_another_workers_key_never_returns_their_visit(client_for, alice, sam, tenant):
    key = uuid.uuid4()
    assert client_for(alice).post(URL, visit_data(tenant, key)).status_code == 200
    response = client_for(sam).post(URL, visit_data(tenant, key))
    assert response.status_code == 422
    assert response.json()["errors"] == ["Cet identifiant d'envoi appartient à un autre contact."]
    assert Visit.objects.get().created_by == alice


def test_the_online_quick_log_uses_the_same_key(client_for, alice, tenant):
    client = client_for(alice)
    key = uuid.uuid4()
    data = visit_data(tenant, key)
    for _ in range(2):
        client.post("/locataires/visites/noter/", data, HTTP_HX_REQUEST="true")
    assert Visit.objects.get(tenant=tenant).client_uuid == key


def test_the_key_is_unique_in_the_database(db, tenant):
    key = uuid.uuid4()
    VisitFactory(tenant=tenant, client_uuid=key)
    with pytest.raises(IntegrityError):
        VisitFactory(tenant=tenant, client_uuid=key)


def test_the_service_returns_the_first_visit_for_a_replayed_key(alice, tenant):
    key = uuid.uuid4()
    first = visit_create(tenant=tenant, author=alice, date=dt.date.today(), client_uuid=key)
    second = visit_create(tenant=tenant, author=alice, date=dt.date.today(), motives=["PSY"], client_uuid=key)
    assert second.pk == first.pk and second.replayed and not first.replayed
    assert Visit.objects.count() == 1 and Visit.objects.get().motives == []


def test_the_state_holds_the_caseload_and_nothing_clinical(client_for, alice, tenant):
    VisitFactory(tenant=tenant, date=dt.date(2024, 3, 1), note="secret clinique")
    TenantFactory(followup_start=dt.date(2020, 1, 1), followup_end=dt.date(2021, 1, 1), end_reason="OTHER")
    response = client_for(alice).get(STATE)
    data = response.json()
    assert response["Cache-Control"].startswith("max-age=0")
    assert data["user"] == alice.pk and data["csrf"] and data["expires"] > 0
    assert data["caseload"] == [
        {"id": tenant.pk, "code": tenant.code, "name": "Willems Zoé", "team": tenant.team, "last": "2024-03-01"}
    ]
    assert "secret" not in json.dumps(data)


def _fields(data: dict) -> list:
    out = []
    for name, value in data.items():
        for v in value if isinstance(value, list) else [value]:
            out.append([name, str(v)])
    return out


def test_a_batch_answers_each_visit_in_order_in_its_own_transaction(client_for, alice, tenant):
    ok, twin = uuid.uuid4(), uuid.uuid4()
    batch = {
        "visits": [
            {"fields": _fields(visit_data(tenant, ok))},
            {"fields": _fields(visit_data(tenant, uuid.uuid4(), duration_min="-5"))},
            {"fields": _fields(visit_data(tenant, twin, motives=["PSY"]))},
            {"fields": _fields(visit_data(tenant, twin, motives=["PSY"]))},  # the same visit twice
        ]
    }
    response = client_for(alice).post(URL, json.dumps(batch), content_type="application/json")
    results = response.json()["results"]
    assert response.status_code == 200
    assert [r["status"] for r in results] == ["saved", "refused", "saved", "saved"]
    assert results[1]["errors"] == ["Durée (min) : La durée ne peut pas être négative."]
    assert results[3]["replayed"] and results[3]["visit"] == results[2]["visit"]
    assert sorted(Visit.objects.values_list("client_uuid", flat=True)) == sorted([ok, twin])


@pytest.mark.parametrize("body", ["pas du json", "{}", '{"visits": []}', '{"visits": [{"fields": 3}]}'])
def test_an_unreadable_batch_is_a_400_not_a_500(client_for, alice, body):
    response = client_for(alice).post(URL, body, content_type="application/json")
    assert response.status_code == 400 and response.json()["errors"] == ["Envoi illisible."]
