import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch

from tenants import views
from tenants.models import EndReason
from tenants.services import tenant_end_followup
from tests.factories import GafScoreFactory, TenantFactory

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, 0), tick=False):
        yield


def test_it_ends_a_followup_with_the_date_of_death(alice, client_for):
    tenant = TenantFactory(followup_start=dt.date(2020, 1, 1))
    response = client_for(alice).post(f"/locataires/{tenant.pk}/fin/", {"reason": "DECEASED", "end_date": "2026-10-03"})
    assert response.status_code == 302
    tenant.refresh_from_db()
    assert tenant.followup_end == dt.date(2026, 10, 3)
    assert tenant.end_reason == EndReason.DECEASED
    assert tenant.history.first().history_user == alice


def test_after_a_death_it_offers_the_housing_followup_when_housing_provides_it(monkeypatch, alice):
    tenant = TenantFactory()
    calls = []

    def fake_reverse(name, args=None, kwargs=None):
        calls.append(name)
        if name == "housing:death_followup":
            return f"/logement/deces/{args[0]}/"
        return f"/locataires/{args[0]}/"

    monkeypatch.setattr(views, "reverse", fake_reverse)
    assert views._after_end_url(tenant, EndReason.DECEASED) == f"/logement/deces/{tenant.pk}/"
    assert views._after_end_url(tenant, EndReason.TRANSFERRED) == f"/locataires/{tenant.pk}/"
    assert calls == ["housing:death_followup", "tenants:detail"]


def test_after_a_death_it_returns_to_the_tenant_page_without_the_housing_page(monkeypatch, alice):
    tenant = TenantFactory()
    real_reverse = views.reverse

    def no_housing(name, *args, **kwargs):
        if name.startswith("housing:"):
            raise NoReverseMatch(name)
        return real_reverse(name, *args, **kwargs)

    monkeypatch.setattr(views, "reverse", no_housing)
    assert views._after_end_url(tenant, EndReason.DECEASED) == f"/locataires/{tenant.pk}/"


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"reason": "", "end_date": "2026-01-01"}, "reason", "Le champ « Motif de fin » est obligatoire."),
        (
            {"reason": "LOST", "end_date": "2026-01-01"},
            "reason",
            "« LOST » n'est pas une valeur connue pour « Motif de fin ».",
        ),
        ({"reason": "OTHER", "end_date": ""}, "end_date", "Le champ « Date de fin » est obligatoire."),
        ({"reason": "OTHER", "end_date": "2019-12-31"}, "end_date", "La fin de l'accompagnement précède son début."),
        ({"reason": "OTHER", "end_date": "2026-11-21"}, "end_date", "La date de fin ne peut pas être dans le futur."),
    ],
)
def test_it_refuses_a_bad_end(alice, client_for, data, field, message):
    tenant = TenantFactory(followup_start=dt.date(2020, 1, 1))
    response = client_for(alice).post(f"/locataires/{tenant.pk}/fin/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    tenant.refresh_from_db()
    assert tenant.followup_end is None and tenant.end_reason == ""


def test_it_refuses_an_end_before_a_recorded_score(alice):
    tenant = TenantFactory(followup_start=dt.date(2020, 1, 1))
    GafScoreFactory(tenant=tenant, date=dt.date(2025, 3, 1))
    with pytest.raises(ValidationError) as exc:
        tenant_end_followup(tenant=tenant, end_date=dt.date(2025, 1, 1), reason="DECEASED", user=alice)
    assert exc.value.message_dict == {
        "end_date": ["Un bilan ou un score EGF du 01/03/2025 est postérieur à cette date de fin."]
    }


def test_an_end_can_be_corrected_and_reopened(alice, client_for):
    tenant = TenantFactory(followup_start=dt.date(2020, 1, 1), followup_end=dt.date(2024, 1, 1), end_reason="OTHER")
    c = client_for(alice)
    page = c.get(f"/locataires/{tenant.pk}/fin/")
    assert page.context["form"].initial == {"end_date": dt.date(2024, 1, 1), "reason": "OTHER"}
    c.post(f"/locataires/{tenant.pk}/fin/", {"reason": "TRANSFERRED", "end_date": "2024-02-01"})
    tenant.refresh_from_db()
    assert (tenant.followup_end, tenant.end_reason) == (dt.date(2024, 2, 1), "TRANSFERRED")
    assert c.get(f"/locataires/{tenant.pk}/rouvrir/").status_code == 405
    c.post(f"/locataires/{tenant.pk}/rouvrir/")
    tenant.refresh_from_db()
    assert tenant.followup_end is None and tenant.end_reason == ""


def test_housing_may_not_end_a_followup(bob, client_for):
    tenant = TenantFactory()
    response = client_for(bob).post(f"/locataires/{tenant.pk}/fin/", {"reason": "OTHER", "end_date": "2026-01-01"})
    assert response.status_code == 403
    tenant.refresh_from_db()
    assert tenant.followup_end is None
