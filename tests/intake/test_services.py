"""The rules of the intake register: eligibility, statuses, the tenant created on entry."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from intake.models import Request, Status
from intake.services import eligibility, request_propose_dwelling, request_set_status, request_update
from tests import factories as f
from tests.intake.helpers import BASE, TENANT, house, make_request, move

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "ethos,m2,m3,mh,add,expected",
    [
        ("1", 6, 6, True, True, True),  # 6 months over 2 years: enough
        ("2", 0, 12, True, True, True),  # 12 months over 3 years: enough
        ("1", 5, 11, True, True, False),  # neither
        ("3-7", 24, 36, True, True, False),  # not ETHOS 1 or 2
        ("8-13", 24, 36, True, True, False),
        ("1", 24, 36, True, False, False),  # no addiction
        ("1", 24, 36, False, True, False),  # no mental-health problem
        (None, 24, 36, True, True, False),
    ],
)
def test_the_ordinance_verdict(ethos, m2, m3, mh, add, expected):
    eligible, reasons = eligibility(ethos=ethos, months_2y=m2, months_3y=m3, mental_health=mh, addiction=add)
    assert eligible is expected
    assert bool(reasons) is not expected


def test_a_request_starts_received_with_its_history():
    req = make_request()
    assert req.status == Status.RECEIVED and req.status_date == req.date and req.closed_on is None
    assert list(req.changes.values_list("status", "date")) == [("RECEIVED", dt.date(2025, 3, 1))]


def test_a_decision_against_the_verdict_needs_a_reason():
    req = make_request(mental_health=False)  # the ordinance says: not eligible
    with pytest.raises(ValidationError) as exc:
        request_set_status(request=req, status="ELIGIBLE", date=dt.date(2025, 3, 2), user=None)
    assert "reason" in exc.value.message_dict
    request_set_status(
        request=req, status="ELIGIBLE", date=dt.date(2025, 3, 2), reason="Diagnostic en cours", user=None
    )
    req.refresh_from_db()
    assert req.eligible is True and req.decision_reason == "Diagnostic en cours"


def test_not_eligible_keeps_the_ordinance_reasons_and_closes():
    req = make_request(ethos="8-13")
    move(req, ("NOT_ELIGIBLE", dt.date(2025, 3, 2)))
    assert req.status == "NOT_ELIGIBLE" and req.closed_on == dt.date(2025, 3, 2)
    assert "ETHOS" in req.decision_reason


def test_impossible_transitions_and_dates_are_refused():
    req = make_request()
    with pytest.raises(ValidationError):  # not yet eligible
        request_set_status(request=req, status="WAITING", date=dt.date(2025, 3, 2), user=None)
    with pytest.raises(ValidationError):  # before the request
        request_set_status(request=req, status="ELIGIBLE", date=dt.date(2025, 2, 1), user=None)
    with pytest.raises(ValidationError):  # future
        request_set_status(request=req, status="ELIGIBLE", date=dt.date(2099, 1, 1), user=None)
    with pytest.raises(ValidationError):  # oriented: to whom?
        request_set_status(request=req, status="ORIENTED", date=dt.date(2025, 3, 2), user=None)
    move(req, ("WITHDRAWN", dt.date(2025, 3, 3)))
    with pytest.raises(ValidationError):  # closed
        request_set_status(request=req, status="ELIGIBLE", date=dt.date(2025, 3, 4), user=None)
    assert req.changes.count() == 2


def test_a_request_date_in_the_future_is_refused():
    with pytest.raises(ValidationError) as exc:
        make_request(date=dt.date(2099, 1, 1))
    assert "date" in exc.value.message_dict
    assert not Request.objects.exists()


def test_months_must_be_consistent_in_the_model_and_the_database():
    with pytest.raises(ValidationError):
        make_request(months_2y=10, months_3y=5)
    req = make_request()
    with pytest.raises(IntegrityError), transaction.atomic():
        Request.objects.filter(pk=req.pk).update(months_3y=2)


def test_housed_creates_the_tenant_from_the_request_and_keeps_the_link():
    partner = f.PartnerFactory(name="CAW Brabantia")
    req = make_request(requester="SERVICE", partner=partner, months_3y=18)
    move(req, ("ELIGIBLE", dt.date(2025, 3, 5)), ("WAITING", dt.date(2025, 3, 5)), ("FOLLOWED", dt.date(2025, 6, 1)))
    change = house(req, dt.date(2025, 9, 1))
    req.refresh_from_db()
    tenant = req.housed_tenant
    assert change.tenant == tenant and req.status == "HOUSED" and req.closed_on == dt.date(2025, 9, 1)
    assert tenant.followup_start == dt.date(2025, 9, 1)
    assert tenant.referrer == "CAW Brabantia" and tenant.ethos == 1 and str(tenant.street_years) == "1.5"
    assert tenant.intake_requests.get() == req
    assert [c.status for c in req.changes.all()] == ["RECEIVED", "ELIGIBLE", "WAITING", "FOLLOWED", "HOUSED"]


def test_a_failed_tenant_creation_writes_nothing():
    req = move(make_request(), ("ELIGIBLE", dt.date(2025, 3, 5)))
    with pytest.raises(ValidationError):
        house(req, dt.date(2025, 9, 1), code="XX")
    req.refresh_from_db()
    assert req.status == "ELIGIBLE" and req.changes.count() == 2


def test_a_rehousing_request_links_its_tenant_and_creates_none():
    tenant = f.TenantFactory(code="HF-0100", followup_start=dt.date(2020, 1, 1))
    req = make_request(kind="REHOUSING", tenant=tenant)
    move(req, ("ELIGIBLE", dt.date(2025, 3, 5)))
    request_set_status(request=req, status="HOUSED", date=dt.date(2025, 4, 1), user=None)
    req.refresh_from_db()
    assert req.housed_tenant == tenant
    with pytest.raises(ValidationError):
        make_request(kind="REHOUSING")  # which tenant?


def test_a_service_request_names_the_service():
    with pytest.raises(ValidationError) as exc:
        make_request(requester="SERVICE")
    assert "referrer" in exc.value.message_dict
    assert make_request(requester="SERVICE", referrer="Infirmiers de rue").referrer_label == "Infirmiers de rue"


def test_update_moves_the_received_date_and_checks_the_decision(alice):
    req = make_request(user=alice)
    request_update(request=req, user=alice, date=dt.date(2025, 2, 20))
    assert req.changes.get().date == dt.date(2025, 2, 20)


def test_only_the_roles_that_manage_write(bob, maggie, alice):
    for user in (bob, maggie):
        with pytest.raises(PermissionDenied):
            make_request(user=user)
    req = move(make_request(user=alice), ("ELIGIBLE", dt.date(2025, 3, 5)))
    dwelling = f.DwellingFactory()
    request_propose_dwelling(request=req, dwelling=dwelling, user=bob)
    assert req.proposed_dwelling == dwelling
    with pytest.raises(PermissionDenied):
        request_propose_dwelling(request=req, dwelling=dwelling, user=maggie)
    assert TENANT  # the helpers' data stay in one place
    assert BASE
